"""Shared state of one page's detection run: what earlier detectors decided."""
from __future__ import annotations

from dataclasses import dataclass, field

from proofdesk.findings import Span
from proofdesk.page.blocks import Block


@dataclass
class PageContext:
    raw: str
    blocks: list[Block]
    # Where the page these blocks make up ends: the start of the reading-order
    # rewrite that follows them (None: the end of raw). No fix reaches past it.
    end: int | None = None
    # The blocks were joined from printed lines (hard-wrapped input), not one paragraph per line.
    wrapped: bool = False
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

    def paragraphs(self) -> list[Block]:
        """The page's paragraphs as they read once continuation fixes join them:
        every surviving, unmoved block, with each chain of joined halves as one
        virtual block whose pieces point into the raw text (trimmed copies left out)."""
        nxt = dict(self.joins)
        second = set(nxt.values())
        out = []
        for b in self.blocks:
            if b.index in self.removed or b.index in self.moved or b.index in second:
                continue
            chain = [b]
            while chain[-1].index in nxt:
                chain.append(self.blocks[nxt[chain[-1].index]])
            out.append(b if len(chain) == 1 and not self.trimmed.get(b.index) else self.joined(chain))
        return out

    def joined(self, chain: list[Block]) -> Block:
        """One virtual block for a chain of joined halves (trimmed copies left out)."""
        pieces, parts = [], []
        for blk in chain:
            cut = self.trimmed.get(blk.index, 0)
            parts.append(blk.text[cut:])
            for p in blk.pieces:
                n = p.end - p.start
                if cut >= n:
                    cut -= n
                    continue
                pieces.append(Span(p.start + cut, p.end))
                cut = 0
        return Block(chain[0].index, tuple(pieces), "".join(parts), chain[0].kind, chain[0].run)
