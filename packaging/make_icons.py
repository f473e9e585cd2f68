"""Render the desktop icons (16..256 px PNGs) from the app's icon.

The app icon is resources/icons/proofdesk.svg (the window icon; the editor's
owners keep it). This copies it to packaging/icons/proofdesk.svg (the scalable
icon install.sh puts in place) and renders the hicolor PNGs beside it, which
are committed, so install.sh and release archives need no renderer. Run it
again after the app icon changes (tests/packaging checks they agree):

    .venv/bin/python packaging/make_icons.py

Rendering uses Qt's SVG renderer offscreen (PySide6 is a runtime dependency
already), drawn directly at each size so small icons stay crisp.
"""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

SIZES = (16, 32, 48, 64, 128, 256)
HERE = Path(__file__).resolve().parent
APP_ICON = HERE.parent / "resources" / "icons" / "proofdesk.svg"
SVG = HERE / "icons" / "proofdesk.svg"
ICON_NAME = "io.proofdesk.ProofDesk"


def png_path(size: int, root: Path = HERE / "icons" / "hicolor") -> Path:
    """Where the PNG of one size lives, in the freedesktop hicolor layout."""
    return root / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png"


def render_image(svg: Path, size: int):
    """The icon drawn at size x size px, as a QImage (needs a QApplication)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841 (Qt needs one)
    shutil.copyfile(APP_ICON, SVG)
    written = [SVG]
    for size in SIZES:
        out = png_path(size)
        out.parent.mkdir(parents=True, exist_ok=True)
        if not render_image(SVG, size).save(str(out), "PNG"):
            raise SystemExit(f"cannot write {out}")
        written.append(out)
    return written


if __name__ == "__main__":
    for p in main():
        print(p.relative_to(HERE.parent))
