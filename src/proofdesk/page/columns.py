"""Rebuild column streams from OCR output that interleaves columns line by line.

Line-level OCR engines (PaddleOCR and others) sort text lines top to bottom
across the whole page, so the printed lines of neighbouring columns alternate:
col1, col2, col1, col2 ... or, where four columns run side by side, col1..col4
in turn. Within a stretch of K active columns, the line that continues line i
is line i + K. Around a photo, a caption or a column that ends, K changes.

How the streams are found:
1. Lines set across columns (wider than the column: captions, headlines) and
   photo credits are taken out of the flow; so are the short heading lines
   above the first full line, unless the row search reads them better as
   the columns' first row (a byline atop the first column).
2. continuity() (page/junctions.py) scores how well one line continues
   another in the same column, as a log-likelihood ratio measured on labelled pages: a dictionary
   word across the junction, a character pair that is a term of the page, a
   finished sentence followed by an indented or quoted line.
3. A dynamic programme (page/rows.py) splits the flow into rows, each one
   line of some columns in the order the OCR wrote them (assign_rows). A row links each
   column's line to that column's line in the row before; layout events (a
   column skips a row, comes back, or changes its place in the order) have a
   price, so the pattern changes only where the evidence pays for it.
   The number of columns is the page's period: the largest distance at
   which lines clearly continue each other (_period).
4. Each column's lines, top to bottom, are one stream; streams are read left
   to right.

The search looks back a bounded number of rows, so the work is linear in the
number of lines.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import permutations

from proofdesk.page.blocks import Line
from proofdesk.page.classify import CAPTION_START_RE, heading_like, one_sentence
from proofdesk.page.junctions import continuity, scorer
from proofdesk.page.reflow import TEXT_CHAR, ends_sentence, line_width, stands_alone
from proofdesk.page.rows import APPEAR, assign_rows, written_first

# The most columns side by side the search considers; a page's own most is
# its period (_period), and the row search stops there: each column more
# doubles its work.
KMAX = 6


def _period(seq: list[Line], width: float) -> int:
    """The number of columns the lines cycle through, from a sample of lines;
    1 when the page is one column: unless lines two to KMAX apart clearly
    continue each other better than neighbours do (text that reads well at no
    distance is no interleaving either)."""
    sums = [0.0] * (KMAX + 1)
    samples = 0
    score = scorer(seq, width)
    # At most about 60 samples: the test is about the page, not each line.
    for i in range(0, len(seq) - KMAX, max(1, len(seq) // 60)):
        samples += 1
        for k in range(1, KMAX + 1):
            sums[k] += score(i, i + k)
    if _one_column(sums, samples):
        return 1
    # The largest step that scores closer to the best step than to the
    # typical one: a page with four columns under two has peaks at 2 and 4.
    # (Other steps score above the typical one too, from sentence ends
    # followed by paragraph starts, but far below a peak.)
    best, typical = max(sums[2:]), sorted(sums[1:])[KMAX // 2]
    return max(k for k in range(2, KMAX + 1) if sums[k] >= (best + typical) / 2)


def _one_column(sums: list[float], samples: int) -> bool:
    """Lines two or more apart (sums[k], summed continuity over the samples)
    continue each other no clearly better than neighbours (sums[1]) do."""
    return max(sums[2:]) < sums[1] + max(1.0, 0.05 * samples)


@dataclass(frozen=True)
class Streams:
    """The reading order of an interleaved region."""

    head: tuple[int, ...]     # line indices kept before the region, in place
    parts: tuple[tuple[int, ...], ...]  # each column stream's line indices, top to bottom, left to right
    asides: tuple[int, ...]   # captions and credits taken out of the flow
    columns: int              # the largest number of columns side by side

    @property
    def order(self) -> tuple[int, ...]:
        """Line indices of the region, in reading order."""
        return tuple(i for part in self.parts for i in part)


def _leading_heads(lines: list[Line], width: float) -> int:
    """Heading lines above the columns: short, or set wider than a column without punctuation.

    A page's first line about as wide as a column that ends no sentence is its
    title too (读《自由在高处》：寻找精神高地), unless it fills the column as a
    column's own first line does: left in the flow, a title is read as the
    first line of a column, which then takes the first place, and the columns
    come out in the wrong order. (Going on to take the short lines under it,
    a byline, took the first line of a column with them: only the title.)
    """
    n = 0
    for ln in lines:
        w = line_width(ln.text)
        if w >= width * 0.7 and not (w >= width + 1 and heading_like(ln.text)):
            if n == 0 and abs(w - width) > 1 and not ends_sentence(ln.text) and ln.text[-1] not in "，、；：":
                return 1
            break
        n += 1
    return n


def _slots(rows: list[tuple[int, tuple[int, ...]]]) -> dict[int, list[int]]:
    """Column -> flow indices of its lines, top to bottom."""
    slots: dict[int, list[int]] = {}
    for p, pat in rows:
        for k, c in enumerate(pat):
            slots.setdefault(c, []).append(p + k)
    return slots


def _read_order(rows, seq_idx: list[int]) -> tuple[tuple[int, ...], ...]:
    """Line indices of each column, left to right: in the order the rows
    write the columns (OCR writes a row left to right), the rows where one
    column comes first because its baselines sit higher left out. A column
    that starts below a photo joins the search after the others and takes
    the next number, but the rows write it in its place.

    (Ordering the columns by how well each one's end continues the next
    one's start instead made the tesseract pages' CER worse: 0.46 -> 0.63.)
    """
    slots = _slots(rows)
    ids = sorted(slots)
    before: dict[tuple[int, int], int] = {}
    for _, pat in rows:
        if written_first(pat):
            continue
        for i, a in enumerate(pat):
            for b in pat[i + 1:]:
                before[a, b] = before.get((a, b), 0) + 1

    def agree(order: tuple[int, ...]) -> int:
        return sum(before.get((a, b), 0) for i, a in enumerate(order) for b in order[i + 1:])

    # At most KMAX columns: every order is tried; the numbers' order wins ties.
    order = max(permutations(ids), key=lambda o: (agree(o), o == tuple(ids)))
    return tuple(tuple(seq_idx[i] for i in slots[c]) for c in order)


def split_flow(lines: list[Line], width: float, nhead: int | None = None) -> tuple[int, list[int], list[int]]:
    """(heading lines on top, lines of the column flow, lines set across
    columns or credits); nhead: that many heading lines, not _leading_heads'."""
    nhead = _leading_heads(lines, width) if nhead is None else nhead
    flow, asides = [], []
    for i in range(nhead, len(lines)):
        t = lines[i].text
        (asides if _is_aside(t, width) else flow).append(i)
    return nhead, flow, asides


def _is_aside(text: str, width: float) -> bool:
    m = TEXT_CHAR.search(text)
    if m is None or TEXT_CHAR.search(text, m.end()) is None:
        return True  # a photo's speck read as a character
    w = line_width(text)
    return w > width * 1.4 or stands_alone(text) or (w > width and _caption_line(text))


def _caption_line(text: str) -> bool:
    """A photo's caption, set in a smaller face: a line longer than the column's,
    one sentence that opens as captions do (图为…, 3月5日，…). Left in the flow
    it reads as the first line of a column that then skips a row (the space
    under the caption) and comes back, and the columns' lines get mixed there."""
    return CAPTION_START_RE.match(text) is not None and one_sentence(text)


def _sampled_single_column(lines: list[Line], width: float) -> bool:
    """_period's one-column test on a long page without classifying every line
    first: about 60 runs of KMAX + 1 flow lines, taken at even steps through the page."""
    sums = [0.0] * (KMAX + 1)
    samples = 0
    step = max(1, len(lines) // 60)
    for start in range(0, len(lines) - 2 * KMAX, step):
        run = []
        for ln in lines[start:start + 2 * KMAX + 2]:
            if not _is_aside(ln.text, width):
                run.append(ln)
                if len(run) > KMAX:
                    break
        if len(run) <= KMAX:
            continue
        samples += 1
        for k in range(1, KMAX + 1):
            sums[k] += continuity(run[0], run[k], width)
    return samples >= 30 and _one_column(sums, samples)


# From this many lines on, a sample decides a page is one column before every
# line is classified (smaller pages, news-0001 among them, test every line).
SAMPLE_FROM = 240


def find_streams(lines: list[Line], width: float) -> Streams | None:
    """The column streams of the page, or None when lines are not interleaved."""
    if len(lines) >= SAMPLE_FROM and _sampled_single_column(lines, width):
        return None
    nhead, seq_idx, asides = split_flow(lines, width)
    seq = [lines[i] for i in seq_idx]
    period = _period(seq, width) if len(seq) >= 12 else 1
    if period == 1:
        return None
    # One column more than the period, in order only: a photo may hide a
    # column over most of the page (a five-column page reads as four).
    kmax, full = (period + 1, period) if 3 <= period < KMAX else (period, None)
    rows = None
    # The short lines under the title may be the columns' first row (a byline
    # atop the first column beside the others' first lines, one of them a
    # paragraph's last line) rather than headings. Left out, the first row
    # lacks its first columns and the rows are cut one place off all down the
    # page: the last column is read first. In the flow they are read as the
    # rows make of them, unless the rows explain the page worse by more than
    # one layout event's price (a headline and byline set over the first
    # column, as on news-0001 and news-0002, cost 3.5 and 3.4 more). The whole
    # page decides: the two readings' rows differ all the way down. Lines set
    # wider right under the title (a subtitle) stay above with it.
    top = 1
    while top < nhead and _is_aside(lines[top].text, width):
        top += 1
    if top < nhead:
        _, flow1, _ = split_flow(lines, width, top)
        skip = len(flow1) - len(seq_idx)  # the flow is those lines, then seq
        if skip == nhead - top:
            seq1 = [lines[i] for i in flow1]
            rows = assign_rows(seq1, width, kmax, full, skip, APPEAR)
            if rows[0][0] == 0:
                nhead, seq_idx, seq = top, flow1, seq1
            else:
                rows = [(p - skip, pat) for p, pat in rows]
    if rows is None:
        rows = assign_rows(seq, width, kmax, full)
    multi = sum(len(pat) for _, pat in rows if len(pat) >= 2)
    if multi < 0.4 * len(seq):
        return None
    return Streams(tuple(range(nhead)), _read_order(rows, seq_idx), tuple(asides), max(len(pat) for _, pat in rows))
