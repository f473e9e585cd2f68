"""Shared state of one page's detection run: what earlier detectors decided."""
from __future__ import annotations

from dataclasses import dataclass, field

from proofdesk.page.blocks import Block


@dataclass
class PageContext:
    raw: str
    blocks: list[Block]
    # Blocks a duplicate fix removes whole (their index).
    removed: set[int] = field(default_factory=set)
    # Removed block index -> the raw range its duplicate fix deletes (block + gap).
    deletions: dict[int, tuple[int, int]] = field(default_factory=dict)
    # Block index -> number of leading characters a duplicate fix removes.
    trimmed: dict[int, int] = field(default_factory=dict)
    # Blocks a continuation fix moves after the paragraph they interrupted.
    moved: set[int] = field(default_factory=set)
    # (a, b): block b continues block a's sentence and is joined to it.
    joins: list[tuple[int, int]] = field(default_factory=list)

    def survivors(self) -> list[Block]:
        return [b for b in self.blocks if b.index not in self.removed]

    def text_of(self, i: int) -> str:
        """The block's text as it stands after duplicate trimming."""
        return self.blocks[i].text[self.trimmed.get(i, 0):]
