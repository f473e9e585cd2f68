"""Raw text -> blocks in reading order, with the findings that reading needed.

Paragraph-per-line pages need nothing but a split. Hard-wrapped OCR output
(reflow) and interleaved columns (reading order) plug in here.
"""
from __future__ import annotations

from proofdesk.findings import Finding
from proofdesk.page.blocks import Block, split_blocks
from proofdesk.page.classify import classify


def read_blocks(raw: str) -> tuple[list[Block], list[Finding]]:
    blocks = split_blocks(raw)
    classify(blocks)
    return blocks, []
