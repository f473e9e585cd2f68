"""Render the app icon's PNGs (16..256 px) from packaging/icons/proofdesk.svg.

The PNGs are committed, so install.sh and the bundle need no renderer; run
this again after editing the SVG:  python packaging/make_icons.py
Rendering uses Qt's SVG renderer offscreen (PySide6 is a runtime dependency
already), drawn directly at each size so small icons stay crisp.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

SIZES = (16, 32, 48, 64, 128, 256)
HERE = Path(__file__).resolve().parent
SVG = HERE / "icons" / "proofdesk.svg"
ICON_NAME = "io.proofdesk.ProofDesk"


def png_path(size: int, root: Path = HERE / "icons" / "hicolor") -> Path:
    """Where the PNG of one size lives, in the freedesktop hicolor layout."""
    return root / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png"


def render(svg: Path = SVG, sizes: tuple[int, ...] = SIZES) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {svg}")
    written = []
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        out = png_path(size)
        out.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(out), "PNG"):
            raise SystemExit(f"cannot write {out}")
        written.append(out)
    return written


if __name__ == "__main__":
    for p in render():
        print(p.relative_to(HERE.parent))
