#!/usr/bin/env bash
# Build the one-folder bundle: dist/proofdesk/ (run from anywhere).
#   packaging/build.sh            build with the project's .venv (or $PYTHON)
# Needs the `package` extra: .venv/bin/pip install -e '.[package]'
# Prints the bundle's path and size at the end. Build files go to build/.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
cd "$ROOT"
"$PYTHON" -m PyInstaller --version >/dev/null 2>&1 || {
  echo "build.sh: PyInstaller is missing; install it with: pip install -e '.[package]'" >&2
  exit 1
}
# PyInstaller keeps an analysis cache in build/pyinstaller, which makes a
# rebuild fast; PROOFDESK_BUILD_CLEAN=1 throws it away first (--clean).
CLEAN=()
[ "${PROOFDESK_BUILD_CLEAN:-0}" = 1 ] && CLEAN=(--clean)
QT_QPA_PLATFORM=offscreen "$PYTHON" -m PyInstaller --noconfirm "${CLEAN[@]}" \
  --log-level "${PYINSTALLER_LOG_LEVEL:-WARN}" \
  --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" \
  "$ROOT/packaging/proofdesk.spec"
BUNDLE="$ROOT/dist/proofdesk"
test -x "$BUNDLE/proofdesk"
echo "bundle: dist/proofdesk ($(du -sm "$BUNDLE" | cut -f1) MB)"
