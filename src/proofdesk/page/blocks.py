"""Raw page text -> blocks with their character offsets in the raw text.

A block is one logical unit of the page: a paragraph, headline, caption,
credit or marker. On paragraph-per-line input every non-blank line is a block.
On hard-wrapped input (one printed line per text line) the reflow stage groups
several lines into one block; such a block has several pieces, and its text is
their concatenation.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from proofdesk.findings import Span


class BlockKind(str, Enum):
    BANNER = "banner"          # 栏题
    KICKER = "kicker"          # 引题
    HEADLINE = "headline"      # 主题
    SUBHEAD = "subhead"        # 副题 / 小标题
    BYLINE = "byline"          # 本报记者 某某 (a line of its own)
    BYLINE_BODY = "byline-body"  # 本报讯（记者…）… first paragraph
    BODY = "body"
    CAPTION = "caption"        # 图片说明
    CREDIT = "credit"          # 摄影署名
    JUMP = "jump"              # 转版
    NOISE = "noise"

    @property
    def is_heading(self) -> bool:
        return self in HEADINGS

    @property
    def is_body(self) -> bool:
        return self in (BlockKind.BODY, BlockKind.BYLINE_BODY)


HEADINGS = frozenset({BlockKind.BANNER, BlockKind.KICKER, BlockKind.HEADLINE, BlockKind.SUBHEAD})


@dataclass
class Block:
    index: int
    pieces: tuple[Span, ...]  # raw spans whose concatenation is text
    text: str
    kind: BlockKind = BlockKind.BODY
    # Index of the blank-line separated run this block's first line belongs to.
    run: int = 0
    # Hard-wrapped input: the last printed line stops well short of the
    # column, so the paragraph ended there (a column end leaves a full line).
    ends_short: bool = False
    # Hard-wrapped input: the last printed line fills the column (within an
    # em); the first line of a paragraph, its indent lost, is two ems short.
    fills: bool = False

    @property
    def start(self) -> int:
        return self.pieces[0].start

    @property
    def end(self) -> int:
        return self.pieces[-1].end

    def raw_pos(self, i: int) -> int:
        """Raw offset of text index i (i == len(text) gives the end)."""
        for p in self.pieces:
            n = p.end - p.start
            if i < n:
                return p.start + i
            i -= n
        return self.end

    def raw_end(self, i: int) -> int:
        """Raw offset right after text index i - 1: the end of a range of the
        text that stops at i. Unlike raw_pos it stays on the line of the
        range's last character, so an edit never swallows the line break
        between the printed lines a block was joined from."""
        return self.raw_pos(i - 1) + 1 if i > 0 else self.raw_pos(0)

    def __len__(self) -> int:
        return len(self.text)


# White space a scanner leaves around lines; U+3000 is the full-width indent.
STRIP = " \t\r\u3000\u00a0\ufeff"


@dataclass(frozen=True)
class Line:
    start: int   # raw offset of the first non-space character
    end: int     # raw offset after the last non-space character
    text: str
    indent: int  # leading white space, in characters (full-width counts 2)
    run: int     # blank-line separated run


def split_lines(raw: str) -> list[Line]:
    """Non-blank lines with offsets, the indent and the blank-line run of each."""
    lines: list[Line] = []
    pos, run, blank_before = 0, 0, False
    for body in raw.split("\n"):
        stripped = body.strip(STRIP)
        if stripped:
            if body[0] in STRIP:
                lead = len(body) - len(body.lstrip(STRIP))
                indent = lead + body.count("\u3000", 0, lead)  # a full-width space is two wide
            else:  # most lines: nothing to measure
                lead = indent = 0
            if blank_before and lines:
                run += 1
            start = pos + lead
            lines.append(Line(start, start + len(stripped), stripped, indent, run))
            blank_before = False
        else:
            blank_before = True
        pos += len(body) + 1
    return lines


def blocks_from_lines(groups: list[list[Line]]) -> list[Block]:
    """One block per group of lines (joined with no separator)."""
    blocks = []
    for i, group in enumerate(groups):
        if len(group) == 1:  # most groups on paragraph-per-line and interleaved pages
            ln = group[0]
            blocks.append(Block(i, (Span(ln.start, ln.end),), ln.text, run=ln.run))
        else:
            pieces = tuple([Span(ln.start, ln.end) for ln in group])
            blocks.append(Block(i, pieces, "".join([ln.text for ln in group]), run=group[0].run))
    return blocks


def split_blocks(raw: str) -> list[Block]:
    """Paragraph-per-line reading: every non-blank line is a block."""
    return blocks_from_lines([[ln] for ln in split_lines(raw)])
