"""Raw text -> blocks in reading order, with the findings that reading needed.

Three input shapes are told apart by the widths and endings of the lines:
- paragraph-per-line (the seed page): every non-blank line is a block, no findings;
- hard-wrapped (tesseract, ABBYY text export): printed lines are joined into
  paragraphs, one REFLOW finding per paragraph of several lines;
- interleaved columns (line-level OCR such as PaddleOCR): the column streams are
  rebuilt first, and one ORDER finding rewrites the region in reading order.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from proofdesk.findings import Edit, Finding, FindingKind, Span
from proofdesk.page.blocks import Block, BlockKind, Line, blocks_from_lines, split_lines
from proofdesk.page.classify import classify
from proofdesk.page.columns import Streams, find_streams
from proofdesk.page.reading_order import order_finding
from proofdesk.page.reflow import (
    Break, Shape, ends_sentence, group_lines, is_hard_wrapped, is_noise, line_width, local_widths, page_stats,
    stats_of, tally, tally_without,
)


def input_shape(raw: str) -> Shape:
    lines = split_lines(raw)
    stats = page_stats(lines)
    if not is_hard_wrapped(stats, len(lines)):
        return Shape.PARAGRAPH_LINES
    return Shape.INTERLEAVED if _streams(lines, stats, _has_wide_gap(raw)) else Shape.HARD_WRAPPED


def _streams(lines: list[Line], stats, wide_gaps: bool):
    """wide_gaps: whether the page's text holds a wide gap (_has_wide_gap)."""
    # Line-level engines that interleave columns keep no indents; a page that
    # marks its paragraph starts is one column of text.
    if stats.share_indented >= 0.05:
        return None
    if _page_layout_blocks(lines, wide_gaps):
        return None
    return find_streams(lines, stats.width)


def _page_layout_blocks(lines: list[Line], wide_gaps: bool) -> bool:
    """The lines come in blocks, as a whole-page layout analysis writes them
    (tesseract): a blank line after every few lines, or columns set side by
    side in a printed line (only where the page has wide gaps). Line-level
    engines write neither, and a rebuild of such blocks as lines interleaved
    one by one misplaces whole columns."""
    if not lines:
        return False
    gaps = lines[-1].run - lines[0].run  # runs count up the page
    if gaps >= 0.1 * len(lines):
        return True
    return wide_gaps and sum(1 for ln in lines if _SIDE_BY_SIDE.search(ln.text)) >= 3


# Text, a gap of four spaces or more, text: two columns' lines read as one.
_SIDE_BY_SIDE = re.compile(r"[\u3400-\u9fff，。、；：“”][ \t\u3000]{4,}[\u3400-\u9fff“]")


def paragraph_blocks(raw: str, lines: list[Line] | None = None) -> list[Block]:
    """One block per line: text set one paragraph per line."""
    blocks = blocks_from_lines([[ln] for ln in (split_lines(raw) if lines is None else lines)])
    classify(blocks)
    return blocks


@dataclass
class _Lines:
    """A hard-wrapped page's lines with the photo noise taken out, and what reading them needs."""

    lines: list[Line]
    stats: object        # of all lines (the column width)
    kept_stats: object   # of the kept lines (the reflow)
    noise: list[Line]
    streams: Streams | None


def _hard_wrapped_lines(raw: str, lines: list[Line] | None = None) -> _Lines | None:
    """None when raw is set one paragraph per line."""
    lines = split_lines(raw) if lines is None else lines
    wide_gaps = _has_wide_gap(raw)
    lines, specks = _without_specks(lines) if wide_gaps else (lines, [])
    whole = tally(lines)
    stats = stats_of(whole)
    if not is_hard_wrapped(stats, len(lines)):
        return None
    # Lines OCR read from a photo are no blocks: the fixes that rewrite the
    # white space between blocks (joins, layout) drop them with it.
    flags = _noise_flags(lines)
    noise = [ln for ln, bad in zip(lines, flags) if bad]
    # The stats of the kept lines, for the reflow: the noise lines taken back out.
    kept_stats = stats_of(tally_without(whole, noise)) if noise else stats
    kept = [ln for ln, bad in zip(lines, flags) if not bad]
    if specks:  # flagged with the noise lines (whole's tally never held them)
        noise = sorted(noise + specks, key=lambda ln: ln.start)
    return _Lines(kept, stats, kept_stats, noise, _streams(kept, stats, wide_gaps))


# A gap no justified line of Chinese text holds: what stands beyond it was read from elsewhere.
_WIDE_GAP = re.compile(r"[ \u3000]{4,}")
# Beyond such a gap these are text (an acronym, a number), however noisy they look alone.
_KEPT_WORD = re.compile(r"[A-Z0-9][A-Za-z0-9.%+-]*")


def _has_wide_gap(text: str) -> bool:
    """Whether a line of text holds a gap of four spaces or more after some
    text (an indent is none). Such a gap holds two spaces side by side, which
    str's own search finds at C speed: the pattern runs only on the few pages
    that have them."""
    pairs = [p for p in ("  ", "\u3000\u3000", " \u3000", "\u3000 ") if p in text]
    if not pairs:
        return False
    if pairs == ["\u3000\u3000"] and \
            text.count("\u3000\u3000") == text.count("\n\u3000\u3000") + text.startswith("\u3000\u3000"):
        return False  # full-width indents, and nothing else
    return _GAP_AFTER_TEXT.search(text) is not None


_GAP_AFTER_TEXT = re.compile(r"\S[ \u3000]{4,}")


def _without_specks(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """The lines without the photo's speckle that OCR set beside them past a
    wide gap (…一处隧     se ee。, @   无人机…), and those specks as lines of
    noise: left on the line they are read as its text (a 。 among them ends its
    sentence). A line that is noise as a whole stays whole: the noise lines'
    test reads it with its neighbours."""
    out, specks = [], []
    for ln in lines:
        cuts = [0] + [k for m in _WIDE_GAP.finditer(ln.text) for k in m.span()] + [len(ln.text)]
        pieces = [(cuts[k], cuts[k + 1]) for k in range(0, len(cuts), 2)]
        keep = [not _photo_speck(ln.text[a:b]) for a, b in pieces]
        if len(pieces) == 1 or not any(keep) or all(keep) or is_noise(ln.text):
            out.append(ln)
            continue
        first, last = keep.index(True), len(keep) - 1 - keep[::-1].index(True)
        a, b = pieces[first][0], pieces[last][1]
        out.append(Line(ln.start + a, ln.start + b, ln.text[a:b], ln.indent if a == 0 else 0, ln.run))
        specks += [Line(ln.start + x, ln.start + y, ln.text[x:y], 0, ln.run)
                   for k, (x, y) in enumerate(pieces) if k < first or k > last]
    return out, specks


def _photo_speck(piece: str) -> bool:
    return is_noise(piece) and _KEPT_WORD.fullmatch(piece) is None


def read_blocks(raw: str) -> tuple[list[Block], list[Finding]]:
    lines = split_lines(raw)
    page = _hard_wrapped_lines(raw, lines)
    if page is None:
        return paragraph_blocks(raw, lines), []
    lines, stats, streams = page.lines, page.stats, page.streams
    findings = [_noise_finding(page.noise)] if page.noise else []
    if streams is None:
        groups, breaks = _reflow(lines, stats.width, page.kept_stats)
        blocks = blocks_from_lines(groups)
        for b, g in zip(blocks, groups):
            last = line_width(g[-1].text)
            b.ends_short, b.fills = last <= stats.width - 3, last >= stats.width - 1
        classify(blocks, _column_ends(groups, stats.width))
        findings += [_reflow_finding(g, b) for k, (g, b) in enumerate(zip(groups, breaks))
                     if len(g) > 1 and not _moved_whole(blocks, k)]
        return blocks, findings
    head = [lines[i] for i in streams.head]
    hg, hb = _reflow(head, stats.width)
    findings += [_reflow_finding(g, b) for g, b in zip(hg, hb) if len(g) > 1]
    region = [lines[i] for i in streams.order] + [lines[i] for i in streams.asides]
    findings.append(order_finding(raw, page.lines, page.stats.width, streams, streams.parts, hg))
    # The detectors that follow expect blocks in raw order with plain gaps
    # between them; paragraphs rebuilt from scattered lines are not, so the
    # region stays one block per printed line and the ORDER fix rewrites it.
    region_lines = sorted(region, key=lambda ln: ln.start)
    blocks = blocks_from_lines(hg + [[ln] for ln in region_lines])
    # Only the headings' roles are read (the detectors stop at the region):
    # they are classified with the region's first line, which the last of
    # them may stand over (a title over a byline); the region's lines stay body.
    classify(blocks[:len(hg) + 1])
    return blocks, findings


@dataclass(frozen=True)
class Column:
    """One column stream of an interleaved page, as the proofreader picks its place."""

    first: str   # its first printed line
    last: str    # its last printed line
    lines: int
    spans: tuple[tuple[int, int], ...] = ()  # its printed lines' raw ranges, top to bottom


def columns_of(raw: str) -> list[Column]:
    """The column streams that the page's reading-order rewrite reads, in its
    order (none unless the page interleaves columns line by line)."""
    page = _hard_wrapped_lines(raw)
    if page is None or page.streams is None:
        return []
    return [Column(page.lines[p[0]].text, page.lines[p[-1]].text, len(p),
                   tuple((page.lines[i].start, page.lines[i].end) for i in p)) for p in page.streams.parts]


def reorder_columns(raw: str, order: list[int], region: tuple[int, int] | None = None) -> str:
    """The text of the page's reading-order rewrite with its columns read in
    order (indices into columns_of): the rebuild put a column's text in the
    wrong place, and the proofreader says where it goes. region: the raw
    range the stored rewrite replaces, which this one must replace too (a
    finding stored by another version of the rebuild may cover another)."""
    page = _hard_wrapped_lines(raw)
    if page is None or page.streams is None or sorted(order) != list(range(len(page.streams.parts))):
        raise ValueError("order must name each column of the page once")
    head = [page.lines[i] for i in page.streams.head]
    hg, _ = _reflow(head, page.stats.width)
    edit = order_finding(raw, page.lines, page.stats.width, page.streams,
                         [page.streams.parts[k] for k in order], hg).edits[0]
    if region is not None and (edit.start, edit.end) != tuple(region):
        raise ValueError("the page's reading-order finding covers another region than the rebuild finds now: "
                         "analyse the page again before ordering its columns")
    return edit.text


# Letters and symbols that Chinese prose does not scatter (a percent sign after
# a number it does: 9.09%。周).
_SPECK = re.compile(r"[A-Za-z@#$^&*_=+|\\~<>{}\[\]】【]|(?<!\d)%")


def _noise_flags(lines: list[Line]) -> list[bool]:
    """Which lines OCR read from a photo: noise by their own looks, and the
    short scraps among such lines (全, 和@, 晤ee 办 四 in a photo's speckle).
    A scrap of plain Chinese needs noise on both sides: with noise on one side
    only it may be a paragraph's last line (…数据保险市 / 场将) the photo follows.
    A blank line above a scrap of one or two characters counts as noise there:
    a paragraph's last line has its paragraph right above it, and a heading is
    longer."""
    flags = [is_noise(ln.text) for ln in lines]
    if not any(flags):
        return flags
    n = len(lines)
    before, after = [False] * n, [False] * n
    for k in range(1, n):
        before[k] = (flags[k - 1] or (before[k - 1] and _scrap(lines[k - 1].text))
                     or (lines[k - 1].run != lines[k].run and line_width(lines[k].text) <= 2))
    for k in range(n - 2, -1, -1):
        after[k] = flags[k + 1] or (after[k + 1] and _scrap(lines[k + 1].text))
    for k in range(n):
        t = lines[k].text
        if not flags[k] and (before[k] or after[k]) and _scrap(t) and ((before[k] and after[k]) or _SPECK.search(t)):
            flags[k] = True
    return flags


def _scrap(text: str) -> bool:
    """A few characters that end no sentence: no line of prose or caption
    (nor are stray letters between gaps: 晤ee 办 四)."""
    if ends_sentence(text):
        return False
    w = line_width(text)
    return w <= 5 or (w <= 8 and " " in text.strip() and _SPECK.search(text) is not None)


def _column_ends(groups: list[list[Line]], width: float) -> frozenset[int]:
    """Groups whose last printed line fills the column and stops mid-sentence,
    or one-line groups two characters short (an indented first line): a
    column may have ended there. A wider line is a headline set across columns."""
    ends = set()
    for k, g in enumerate(groups):
        w = line_width(g[-1].text)
        if w <= width + 1 and not ends_sentence(g[-1].text) and (w >= width - 1 or (w >= width - 3 and len(g) == 1)):
            ends.add(k)
    return frozenset(ends)


def _moved_whole(blocks: list[Block], k: int) -> bool:
    """A caption or credit that interrupts a cut sentence.

    The continuation fix moves it after the joined paragraph as a copy of its
    text, which is already the joined lines; a reflow fix inside it would
    collide with that move and, ranking higher, block the join.
    """
    b = blocks[k]
    if b.kind not in (BlockKind.CAPTION, BlockKind.CREDIT):
        return False
    j = k - 1
    while j >= 0 and blocks[j].kind in (BlockKind.CAPTION, BlockKind.CREDIT, BlockKind.NOISE):
        j -= 1
    return j >= 0 and blocks[j].kind.is_body and not ends_sentence(blocks[j].text)


def _reflow(lines: list[Line], width: float, stats=None) -> tuple[list[list[Line]], list[list[Break]]]:
    return group_lines(lines, width, widths=local_widths(lines, width, stats))


def _noise_finding(noise: list[Line]) -> Finding:
    # A flag, not a fix: the lines are no blocks, so the fixes that rewrite the
    # white space between blocks already drop them; edits here would collide.
    return Finding(
        FindingKind.REFLOW, tuple(Span(ln.start, ln.end) for ln in noise),
        f"{len(noise)} 行是识别噪声（图片或线条被识别成的符号），随段落之间的分隔一起删除",
        f"{len(noise)} lines are OCR noise (a photo or a rule read as symbols); "
        "they go with the separators between blocks",
        0.6, details=(("noise", str(len(noise))),),
    )


def _reflow_finding(group: list[Line], breaks: list[Break]) -> Finding:
    n = len(group)
    # Comprehensions, not generators: a page makes thousands of these edits.
    edits = tuple([Edit(group[k].end, group[k + 1].start, "") for k in range(n - 1)])
    conf = min([br.confidence for br in breaks])
    return Finding(
        FindingKind.REFLOW,
        (Span(group[0].start, group[-1].end),),
        f"把本段的 {n} 个硬换行行合并为一段",
        f"join the {n} wrapped lines of this paragraph",
        conf,
        edits,
        # Each line join stands alone: where a duplicate fix removes some of
        # the lines, the other joins still apply.
        partial=True,
        details=(("lines", str(n)),),
    )
