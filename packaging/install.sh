#!/usr/bin/env bash
# Install the built bundle with its Linux desktop integration under a prefix.
#
#   packaging/install.sh PREFIX               e.g. ~/.local (one user) or /opt/proofdesk
#   packaging/install.sh --uninstall PREFIX   remove what install put there
#   DESTDIR=/tmp/stage packaging/install.sh /usr   staged install, for packagers
#   BUNDLE=path/to/proofdesk packaging/install.sh PREFIX   a bundle from elsewhere
# From a release archive (packaging/archive.sh): ./install.sh ~/.local
#
# Puts in place:
#   PREFIX/lib/proofdesk/                       the one-folder bundle (dist/proofdesk)
#   PREFIX/bin/proofdesk                        a relative symlink into it
#   PREFIX/share/applications/proofdesk.desktop Exec points at PREFIX/bin/proofdesk
#   PREFIX/share/metainfo/io.proofdesk.ProofDesk.metainfo.xml
#   PREFIX/share/icons/hicolor/{16..256}x*/apps/io.proofdesk.ProofDesk.png, scalable SVG
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
APP_ID=io.proofdesk.ProofDesk
SIZES="16 32 48 64 128 256"

usage() { echo "usage: $0 [--uninstall] PREFIX" >&2; exit 2; }
MODE=install
if [ "${1:-}" = "--uninstall" ]; then MODE=uninstall; shift; fi
[ $# -eq 1 ] || usage
case "$1" in /*) PREFIX="$1" ;; *) PREFIX="$(pwd)/$1" ;; esac
PREFIX="${PREFIX%/}"
DEST="${DESTDIR:-}$PREFIX"
# The bundle sits beside this script in a release archive (archive.sh), and
# in dist/ of a source checkout (build.sh).
if [ -z "${BUNDLE:-}" ]; then
  if [ -x "$HERE/proofdesk/proofdesk" ]; then BUNDLE="$HERE/proofdesk"; else BUNDLE="$ROOT/dist/proofdesk"; fi
fi

if [ "$MODE" = uninstall ]; then
  rm -rf "$DEST/lib/proofdesk"
  rm -f "$DEST/bin/proofdesk" "$DEST/share/applications/proofdesk.desktop" \
        "$DEST/share/metainfo/$APP_ID.metainfo.xml" \
        "$DEST/share/icons/hicolor/scalable/apps/$APP_ID.svg"
  for s in $SIZES; do rm -f "$DEST/share/icons/hicolor/${s}x${s}/apps/$APP_ID.png"; done
  echo "removed ProofDesk from $DEST"
  exit 0
fi

if [ ! -x "$BUNDLE/proofdesk" ]; then
  echo "install.sh: no bundle at $BUNDLE; build it first with packaging/build.sh" >&2
  exit 1
fi

# The bundle: replace, never merge, so files of an older version do not linger.
mkdir -p "$DEST/lib" "$DEST/bin"
rm -rf "$DEST/lib/proofdesk.new"
cp -a "$BUNDLE" "$DEST/lib/proofdesk.new"
rm -rf "$DEST/lib/proofdesk"
mv "$DEST/lib/proofdesk.new" "$DEST/lib/proofdesk"
ln -sfn ../lib/proofdesk/proofdesk "$DEST/bin/proofdesk"

# Desktop entry: an absolute Exec, so the menu works even where PREFIX/bin is
# not on PATH (the path is the final one, without DESTDIR).
install -d "$DEST/share/applications" "$DEST/share/metainfo"
sed -e "s|^Exec=proofdesk|Exec=$PREFIX/bin/proofdesk|" \
    -e "s|^TryExec=proofdesk|TryExec=$PREFIX/bin/proofdesk|" \
    "$HERE/linux/proofdesk.desktop" > "$DEST/share/applications/proofdesk.desktop"
chmod 644 "$DEST/share/applications/proofdesk.desktop"
install -m 644 "$HERE/linux/$APP_ID.metainfo.xml" "$DEST/share/metainfo/$APP_ID.metainfo.xml"
for s in $SIZES; do
  install -D -m 644 "$HERE/icons/hicolor/${s}x${s}/apps/$APP_ID.png" \
    "$DEST/share/icons/hicolor/${s}x${s}/apps/$APP_ID.png"
done
install -D -m 644 "$HERE/icons/proofdesk.svg" "$DEST/share/icons/hicolor/scalable/apps/$APP_ID.svg"

# Refresh the menu and icon caches when installing for real (not staged).
if [ -z "${DESTDIR:-}" ]; then
  command -v update-desktop-database >/dev/null 2>&1 \
    && update-desktop-database -q "$DEST/share/applications" 2>/dev/null || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 \
    && gtk-update-icon-cache -q -t "$DEST/share/icons/hicolor" 2>/dev/null || true
fi
echo "installed ProofDesk in $DEST (run: $PREFIX/bin/proofdesk)"
