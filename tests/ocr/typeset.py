"""Typeset corpus articles into multi-column page images, for OCR tests.

A page has a headline over all columns, body text in N columns (first-line
indent of two characters, no space between paragraphs, as newspapers set it)
and a photo box with a caption. The gold text is the article as a proofreader
wants it: headline, paragraphs and the caption, one block per line. The
caption stands right after the paragraph it interrupts, as on the seed page.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
FONT_BOLD = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
# Index 2 of the collection is the Simplified Chinese face.
SC = 2


@dataclass(frozen=True)
class Page:
    image: Image.Image
    gold: str
    # Headline area, then each column, in reading order (x0, y0, x1, y1).
    boxes: tuple[tuple[int, int, int, int], ...] = ()


def read_article(path: Path) -> tuple[str, list[str]]:
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]
    lines = [ln for ln in lines if ln]
    return lines[0], lines[1:]


def _width(font, text: str) -> float:
    return font.getlength(text)


def wrap(paragraph: str, font, width: float, indent: float) -> list[str]:
    """Greedy line breaking; a line never starts with closing punctuation."""
    out, cur, avail = [], "", width - indent
    for ch in paragraph:
        if cur and _width(font, cur + ch) > avail:
            if ch in "，。、；：！？）》”’":
                cur += ch  # hang the punctuation, as typesetters do
                out.append(cur)
                cur, avail = "", width
                continue
            out.append(cur)
            cur, avail = "", width
        cur += ch
    if cur:
        out.append(cur)
    return out


def typeset(headline: str, paragraphs: list[str], caption: str, *, columns: int = 3,
            col_chars: int = 16, size: int = 30, photo_col: int = 1, photo_lines: int = 6,
            seed: int = 0, max_paragraphs: int | None = None) -> Page:
    rng = random.Random(seed)
    paragraphs = paragraphs[:max_paragraphs] if max_paragraphs else paragraphs
    body = ImageFont.truetype(FONT, size, index=SC)
    small = ImageFont.truetype(FONT, int(size * 0.8), index=SC)
    head = ImageFont.truetype(FONT_BOLD, int(size * 1.6), index=SC)
    gap, margin, lead = size * 3, size * 2, int(size * 1.55)
    col_w = col_chars * size
    # Lay out every paragraph's lines, then pour them into columns.
    lines: list[tuple[str, int, bool]] = []  # text, paragraph index, first line
    for p, para in enumerate(paragraphs):
        for k, ln in enumerate(wrap(para, body, col_w, 2 * size)):
            lines.append((ln, p, k == 0))
    per_col = -(-(len(lines) + photo_lines + 2) // columns)
    width = margin * 2 + columns * col_w + (columns - 1) * gap
    top = margin + int(size * 3.2)
    height = top + per_col * lead + margin
    img = Image.new("L", (width, height), 255)
    d = ImageDraw.Draw(img)
    hsize = int(size * 1.6)
    while hsize > size and head.getlength(headline) > width - 2 * margin:
        hsize -= 2
        head = ImageFont.truetype(FONT_BOLD, hsize, index=SC)
    d.text((margin, margin), headline, font=head, fill=0)
    cap_lines = wrap(caption, small, col_w, 0)
    box_h = (photo_lines - len(cap_lines)) * lead

    def photo(x0: int) -> None:
        """A grey photo with some shapes at the top of a column, its caption under it."""
        d.rectangle((x0, top, x0 + col_w, top + box_h - size // 2), fill=170)
        for _ in range(40):
            cx, cy = rng.randrange(x0, x0 + col_w - 20), rng.randrange(top, top + box_h - size)
            d.ellipse((cx, cy, cx + 18, cy + 18), fill=rng.randrange(90, 150))
        for k, cl in enumerate(cap_lines):
            d.text((x0, top + box_h + k * int(size * 1.3)), cl, font=small, fill=0)

    col, row = 0, 0
    # The caption stands after the paragraph the photo interrupts, or before
    # the paragraph that starts right under the photo.
    caption_after = len(paragraphs) - 1
    for text, p, first in lines:
        if row >= per_col:
            col, row = col + 1, 0
        if col == photo_col and row == 0:
            photo(margin + col * (col_w + gap))
            row = photo_lines + 1
            caption_after = p - 1 if first else p
        x = margin + col * (col_w + gap) + (2 * size if first else 0)
        d.text((x, top + row * lead), text, font=body, fill=0)
        row += 1
    gold_lines = [headline] if caption_after >= 0 else [headline, caption]
    for p, para in enumerate(paragraphs):
        gold_lines.append(para)
        if p == caption_after:
            gold_lines.append(caption)
    boxes = [(0, 0, width, top - size // 2)]
    for c in range(columns):
        x0 = margin + c * (col_w + gap)
        boxes.append((x0 - size // 2, top - size // 2, x0 + col_w + size, height))
    return Page(img, "\n".join(gold_lines) + "\n", tuple(boxes))
