#!/usr/bin/env bash
# Pack the built bundle with its installer, for proofreaders to download:
#   packaging/archive.sh   ->  dist/proofdesk-VERSION-linux-ARCH.tar.gz
# Inside: proofdesk-VERSION/{proofdesk/ (the bundle), install.sh, linux/, icons/}.
# The proofreader unpacks it and runs ./install.sh ~/.local (see README).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
BUNDLE="${BUNDLE:-$ROOT/dist/proofdesk}"
OUT="${OUT:-$ROOT/dist}"
if [ ! -x "$BUNDLE/proofdesk" ]; then
  echo "archive.sh: no bundle at $BUNDLE; build it first with packaging/build.sh" >&2
  exit 1
fi
# The version the bundle itself reports (from the package metadata inside it).
VERSION="$("$BUNDLE/proofdesk" --version | awk '{print $2}')"
NAME="proofdesk-$VERSION-linux-$(uname -m)"
STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
mkdir -p "$STAGE/$NAME/icons" "$OUT"
cp -a "$BUNDLE" "$STAGE/$NAME/proofdesk"
cp -a "$HERE/install.sh" "$HERE/linux" "$STAGE/$NAME/"
cp -a "$HERE/icons/hicolor" "$HERE/icons/proofdesk.svg" "$STAGE/$NAME/icons/"
tar -C "$STAGE" -czf "$OUT/$NAME.tar.gz.part" "$NAME"
mv "$OUT/$NAME.tar.gz.part" "$OUT/$NAME.tar.gz"
echo "archive: $OUT/$NAME.tar.gz ($(du -m "$OUT/$NAME.tar.gz" | cut -f1) MB)"
