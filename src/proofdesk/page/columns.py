"""Rebuild column streams from OCR output that interleaves columns line by line.

Line-level OCR engines (PaddleOCR and others) sort text lines top to bottom
across the whole page, so the printed lines of neighbouring columns alternate:
col1, col2, col1, col2 ... or, where four columns run side by side, col1..col4
in turn. Within a stretch of K active columns, the line that continues line i
is line i + K. Around a photo, a caption or a column that ends, K changes.

How the streams are found:
1. Lines set across columns (wider than the column: captions, headlines) and
   photo credits are taken out of the flow; so are the short heading lines
   above the first full line.
2. continuity() scores how well one line continues another in the same
   column, as a log-likelihood ratio measured on labelled pages: a dictionary
   word across the junction, a character pair that is a term of the page, a
   finished sentence followed by an indented or quoted line.
3. A dynamic programme splits the flow into rows, each one line of some
   columns in the order the OCR wrote them (assign_rows). A row links each
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

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from proofdesk.page.blocks import Line
from proofdesk.page.classify import heading_like
from proofdesk.page.reflow import OPENERS, ends_sentence, line_width, stands_alone

_TEXT = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")
# The most columns side by side the search considers; a page's own most is
# its period (_period), and the row search stops there: each column more
# doubles its work.
KMAX = 6
# What a first row out of left-to-right order costs.
IRREGULAR = 2.0
# How much more often than chance a pair must occur to count as a page term.
PAIR_LIFT = 8.0


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
    if max(sums[2:]) < sums[1] + max(1.0, 0.05 * samples):
        return 1
    # The largest step that scores closer to the best step than to the
    # typical one: a page with four columns under two has peaks at 2 and 4.
    # (Other steps score above the typical one too, from sentence ends
    # followed by paragraph starts, but far below a peak.)
    best, typical = max(sums[2:]), sorted(sums[1:])[KMAX // 2]
    return max(k for k in range(2, KMAX + 1) if sums[k] >= (best + typical) / 2)


# Log-likelihood ratios, true successor against any other line one to five
# lines down, measured on 30 tesseract pages interleaved line by line
# (tests/ocr/ocr_pages.py --interleave, seeds 100-139; 1,841 true and 7,689
# false pairs). "Short" is a line narrower than the column: an indented
# first line (OCR drops the indent) or a paragraph's last line.
AFTER_END = {(True, True): 1.35, (False, True): 1.45, (True, False): 0.65, (False, False): -0.9}
# Mid-sentence: (a dictionary word across the junction, the junction's pair is a page term).
MID = {("across", True): 4.1, ("across", False): 2.3, ("spans", True): 2.0, ("spans", False): 0.0,
       ("none", True): 2.8, ("none", False): -0.55}


def continuity(a: Line, b: Line, width: float, pairs: set[str] | None = None) -> float:
    """How well b continues a in the same column, as a log-likelihood ratio
    (about 0 when the evidence says nothing, negative against)."""
    if ends_sentence(a.text):
        # After a finished sentence the column goes on with a new paragraph:
        # an opening quote or an indented (short) line.
        # (A short line that ends a sentence is a paragraph's last line instead.)
        indented = line_width(b.text) <= width - 1.4 and not ends_sentence(b.text)
        return AFTER_END[b.text[0] in OPENERS, indented]
    from proofdesk.words import spans_word, word_across

    # The dictionary look-up first: jieba's segmentation only where some word spans.
    if not spans_word(a.text, b.text):
        word = "none"
    else:
        word = "across" if word_across(a.text, b.text) else "spans"
    score = MID[word, pairs is not None and a.text[-1] + b.text[0] in pairs]
    # A short line mid-sentence is rarely the next line: it starts a
    # paragraph (indented) or is a heading.
    if line_width(b.text) <= width - 1.4:
        score -= 0.4
    # Nor is one that opens a quotation: in the corpus articles set in columns
    # of 14-20 ems, 0.8% of the lines that go on with a sentence open with “
    # against 1.8% of all lines. (On the tesseract pages the two rates hardly
    # differ, so the table above leaves quotes out.)
    return score - 0.8 if b.text[0] == "“" else score


def scorer(seq: list[Line], width: float, pairs: set[str] | None = None):
    """score(x, y) == continuity(seq[x], seq[y], width, pairs), for searches
    that ask about many junctions of the same lines: what continuity learns
    from each line alone (its end, width, first characters, the ends of
    words its last characters start) is found once per line, when first asked."""
    from proofdesk.words import best_route, dictionary, is_word

    table = dictionary()
    limit = width - 1.4
    facts: list[tuple | None] = [None] * len(seq)

    def learn(i: int) -> tuple:
        t = seq[i].text
        ends = ends_sentence(t)
        short = line_width(t) <= limit
        tail = t[-3:]
        facts[i] = f = (
            ends,
            # The score after a finished sentence depends on the next line alone.
            AFTER_END[t[0] in OPENERS, short and not ends],
            short,
            t[0] == "“",
            # spans_word's look-ups: a dictionary entry (word or prefix of one)
            # that the line's last one to three characters start.
            tuple(tail[s:] for s in range(len(tail)) if tail[s:] in table),
            t,
        )
        return f

    def score(x: int, y: int) -> float:
        fx = facts[x] or learn(x)
        fy = facts[y] or learn(y)
        if fx[0]:
            return fy[1]
        b = fy[5]
        head = b[:3]
        word = "none"
        for frag in fx[4]:
            # spans_word: a word over the junction, using up to three
            # characters of each side (entries hold all their prefixes).
            for e in range(1, len(head) + 1):
                f = table.get(frag + head[:e])
                if f is None:
                    break
                if f:
                    word = "spans"
                    break
            if word != "none":
                break
        if word != "none":
            # word_across: jieba's route over four characters a side has a
            # dictionary word over the junction (its look-ups above passed already).
            a4, b4 = fx[5][-4:], b[:4]
            ab, cut = a4 + b4, len(a4)
            for s, e in best_route(ab)[1]:
                if s < cut < e and e - s >= 2 and is_word(ab[s:e]):
                    word = "across"
                    break
        val = MID[word, pairs is not None and fx[5][-1] + b[0] in pairs]
        if fy[2]:
            val -= 0.4
        return val - 0.8 if fy[3] else val

    return score


def page_pairs(lines: list[Line], junctions: bool = False) -> set[str]:
    """Character pairs that stand side by side inside the page's lines more
    often than their characters' counts make likely (names and terms).

    A pair with punctuation, or one of two common characters (文的), says
    nothing about a junction: it would pair with almost anything.
    With junctions, only the pairs a junction could form (some line's last
    character, some line's first): the same answer for every junction, at
    a fraction of the count.
    """
    # Counted over the lines joined by a character no line holds: the pairs
    # that straddle two lines hold it and fail the letter test below.
    joined = "\n".join(ln.text for ln in lines)
    chars = Counter(joined)
    seps = chars.pop("\n", 0)
    total = max(1, len(joined) - seps)
    if junctions:
        last = "".join({ln.text[-1] for ln in lines if _TEXT.match(ln.text[-1])})
        first = "".join({ln.text[0] for ln in lines if _TEXT.match(ln.text[0])})
        if not last or not first:
            return set()
        # Every overlapping occurrence of such a pair (a look-ahead match is empty).
        found = re.findall(f"(?=([{re.escape(last)}][{re.escape(first)}]))", joined)
        pairs = Counter(found)
        return {p for p, n in pairs.items() if n * total >= PAIR_LIFT * chars[p[0]] * chars[p[1]]}
    pairs = Counter(map(str.__add__, joined, joined[1:]))
    text = {c for c in chars if _TEXT.match(c)}
    return {p for p, n in pairs.items()
            if p[0] in text and p[1] in text and n * total >= PAIR_LIFT * chars[p[0]] * chars[p[1]]}


@dataclass(frozen=True)
class Streams:
    """The reading order of an interleaved region."""

    head: tuple[int, ...]     # line indices kept before the region, in place
    order: tuple[int, ...]    # line indices of the region, in reading order
    asides: tuple[int, ...]   # captions and credits taken out of the flow
    columns: int              # the largest number of columns side by side


def _leading_heads(lines: list[Line], width: float) -> int:
    """Heading lines above the columns: short, or set wider than a column without punctuation."""
    n = 0
    for ln in lines:
        w = line_width(ln.text)
        if w >= width * 0.7 and not (w >= width + 1 and heading_like(ln.text)):
            break
        n += 1
    return n


@lru_cache(maxsize=None)
def _patterns(kmax: int) -> tuple[tuple[int, ...], ...]:
    """Row patterns: which columns a row holds, in the order the OCR wrote them.

    Regular rows hold columns 0..K-1 left to right. Irregular rows are the
    ones real pages produce: a column with a taller line (a subhead in a
    bigger font, a photo edge) skips a row, two neighbours come out swapped
    because their baselines differ by a pixel, or a column set a fraction of
    a line higher than the ones on its left (it starts under a photo or a
    subhead) comes first.
    """
    out: list[tuple[int, ...]] = []
    for k in range(1, kmax + 1):
        full = tuple(range(k))
        out.append(full)
        for c in range(k - 1):  # one adjacent pair swapped
            out.append(full[:c] + (full[c + 1], full[c]) + full[c + 2:])
        if k >= 2:
            for c in range(k - 1):  # one column missing (not the last: that is a smaller K)
                out.append(full[:c] + full[c + 1:])
        for c in range(2, k):  # a column written first: its baselines sit a little higher
            out.append((c,) + full[:c] + full[c + 1:])
    return tuple(out)


# The prices of layout events, in the log-likelihood units of continuity().
# The row search is linked best on the 40 labelled tesseract pages (0.837 of
# links right, against 0.793 with the old scores and prices) over a flat
# range: SKIP and APPEAR 1.5-2.5, REORDER 3-3.5. ODD, a small price on
# every row not in left-to-right order, lets regular rows win ties.
SKIP = 2.0
APPEAR = 2.0
REORDER = 3.0
ODD = 0.1


def _cost(pa: tuple[int, ...], pb: tuple[int, ...]) -> float:
    """What row pattern b costs after pattern a: one price per layout event.

    A column that the row leaves out (it skipped a line: a subhead in a
    bigger font, a photo) pays SKIP, one that comes back or starts pays
    APPEAR, and a change in the order the columns come in (one column's
    baselines moved against the others') pays REORDER. An order kept from
    row to row costs nothing more, whatever it is.
    """
    gone = sum(1 for c in pa if c not in pb)
    new = sum(1 for c in pb if c not in pa)
    shared_b = [c for c in pb if c in pa]
    moved = shared_b != [c for c in pa if c in pb]
    return SKIP * gone + APPEAR * new + REORDER * moved + (0.0 if _regular(pb) else ODD)


def _regular(pat: tuple[int, ...]) -> bool:
    return pat == tuple(range(len(pat)))


def assign_rows(seq: list[Line], width: float, kmax: int = 4) -> list[tuple[int, tuple[int, ...]]]:
    """Split the flow into rows (start, pattern): a row holds one line of some columns.

    Dynamic programming over row starts and patterns: a row links its line in
    column c to the line in column c of the row before (or, when that row
    skipped the column, of the row before it). Every layout event between two
    rows has its price (_cost), so the rows change only where continuity
    evidence pays for it. Linear in the number of lines.
    """
    n = len(seq)
    neg = float("-inf")
    patterns = _patterns(kmax)
    npat = len(patterns)
    best = [[neg] * npat for _ in range(n + 1)]
    back = [[-1] * npat for _ in range(n + 1)]
    where = [{c: k for k, c in enumerate(pat)} for pat in patterns]
    regular = [_regular(pat) for pat in patterns]
    pairs = page_pairs(seq, junctions=True)
    plen = [len(pat) for pat in patterns]
    # The columns some row b holds that row a skipped, with their place j in
    # b (line p + j): such a column links to the row before a.
    skipped = [sorted({(c, where[b][c]) for b in range(npat) for c in patterns[b] if c not in where[a]})
               for a in range(npat)]
    # Per row a and the row r before it: the skipped columns r holds, as
    # (place in skips, column's place in r, j).
    relinked = [[tuple((c * kmax + j, where[r][c], j) for c, j in skipped[a] if c in where[r]) for r in range(npat)]
                for a in range(npat)]
    # memo[x][d]: continuity of line x into line x + d (None until asked).
    span = 3 * kmax + 1
    memo: list[list[float | None]] = [[None] * span for _ in range(n)]
    score = scorer(seq, width, pairs)

    # The junctions across p: window[i * kmax + j] links line p - kmax + i to
    # line p + j (what _row_step's links read).
    window = [0.0] * (kmax * kmax)
    none = [0.0] * (kmax * kmax)
    step = _row_step(kmax)
    for p in range(n):
        best_p, back_p = best[p], back[p]
        if p == 0:
            for b in range(npat):
                k = plen[b]
                if k <= n:
                    best_p[b] = -0.01 * k - (0.0 if regular[b] else IRREGULAR)
            continue
        reach = min(kmax, n - p)
        for i in range(max(0, kmax - p), kmax):
            x = p - kmax + i
            row = memo[x]
            for j in range(reach):
                v = row[kmax - i + j]  # line x to line p + j
                if v is None:
                    v = row[kmax - i + j] = score(x, p + j)
                window[i * kmax + j] = v
        # The rows a that can end right before p, and the links of the columns
        # each skipped, skips[a][c * kmax + j]: column c's line in the row
        # before a, on the best path to it (a Viterbi approximation), to line
        # p + j; 0.0 where that row lacks c too (it adds nothing to a sum).
        bases = [neg] * npat  # -inf: no row a ends right before p (it never wins)
        skips = [none] * npat
        for a in range(npat):
            q = p - plen[a]
            if q < 0:
                continue
            base = best[q][a]
            if base == neg:
                continue
            gaps = none
            r = back[q][a]
            if r >= 0 and relinked[a][r]:
                gaps = none[:]
                q2 = q - plen[r]
                for m, i, j in relinked[a][r]:
                    if j < reach:
                        x = q2 + i
                        row = memo[x]
                        v = row[p + j - x]
                        if v is None:
                            v = row[p + j - x] = score(x, p + j)
                        gaps[m] = v
            bases[a] = base
            skips[a] = gaps
        step(bases, skips, window, best_p, back_p, n - p)
    ends = [(best[n - len(pat)][b], b) for b, pat in enumerate(patterns)
            if n - len(pat) >= 0 and best[n - len(pat)][b] > neg]
    _, b = max(ends)
    p = n - len(patterns[b])
    rows = []
    while True:
        rows.append((p, patterns[b]))
        a = back[p][b]
        if a < 0:
            break
        p, b = p - len(patterns[a]), a
    rows.reverse()
    return rows


@lru_cache(maxsize=None)
def _row_step(kmax: int):
    """The inner loop of assign_rows for kmax columns, written out as Python
    and compiled once per process (about 3 ms for 4 columns, 20 for 6):
    step(bases, skips, window, best_p, back_p, room) scores every row b
    (that fits in room lines) after every row a and keeps the best, as a
    plain scan over a would, but with the prices and link places as
    constants, which takes a third off the search's time.

    Row b after row a scores bases[a] - price + its links' window values in
    b's column order + the values of the columns a skipped (skips[a]), in
    that order: the same sums as the plain scan, so the same floats. The
    best is the first a with the highest score (max and index keep the
    first), -1 when no row a ends before p (all bases -inf).
    """
    patterns = _patterns(kmax)
    where = [{c: k for k, c in enumerate(pat)} for pat in patterns]
    plen = [len(pat) for pat in patterns]
    npat = len(patterns)
    out = ["def step(bases, skips, window, best_p, back_p, room):",
           "    " + "".join(f"b{a}, " for a in range(npat)) + "= bases",
           "    " + "".join(f"w{i}, " for i in range(kmax * kmax)) + "= window"]
    used: set[tuple[int, int]] = set()
    body = []
    for b, pb in enumerate(patterns):
        body += [f"    if {plen[b]} <= room:", "        vals = ["]
        for a, pa in enumerate(patterns):
            terms = [f"b{a} - {_cost(pa, pb)!r}"]
            # The links: column c's line in row a (p - len(a) + its place) to its line in b.
            terms += [f"w{(where[a][c] - plen[a] + kmax) * kmax + where[b][c]}" for c in pb if c in where[a]]
            for c in pb:
                if c not in where[a]:
                    used.add((a, c * kmax + where[b][c]))
                    terms.append(f"s{a}_{c * kmax + where[b][c]}")
            body.append(f"            {' + '.join(terms)},")
        body += ["        ]", "        top = max(vals)",
                 f"        best_p[{b}] = top - {0.01 * plen[b]!r}",
                 f"        back_p[{b}] = vals.index(top) if top != NEG else -1"]
    for a in range(npat):
        places = sorted(m for x, m in used if x == a)
        if places:
            out.append(f"    s{a}_" + f", s{a}_".join(map(str, places))
                       + ", = " + ", ".join(f"skips[{a}][{m}]" for m in places))
    namespace = {"NEG": float("-inf")}
    # Our own code from our own constants, never page text.
    exec(compile("\n".join(out + body) + "\n", f"<row step {kmax}>", "exec"), namespace)  # noqa: S102
    return namespace["step"]


def _slots(rows: list[tuple[int, tuple[int, ...]]]) -> dict[int, list[int]]:
    """Column -> flow indices of its lines, top to bottom."""
    slots: dict[int, list[int]] = {}
    for p, pat in rows:
        for k, c in enumerate(pat):
            slots.setdefault(c, []).append(p + k)
    return slots


def _read_order(rows, seq_idx: list[int]) -> list[int]:
    """Line indices column by column, left to right.

    (Ordering the columns by how well each one's end continues the next
    one's start instead made the tesseract pages' CER worse: 0.46 -> 0.63.)
    """
    slots = _slots(rows)
    return [seq_idx[i] for c in sorted(slots) for i in slots[c]]


def split_flow(lines: list[Line], width: float) -> tuple[int, list[int], list[int]]:
    """(heading lines on top, lines of the column flow, lines set across columns or credits)."""
    nhead = _leading_heads(lines, width)
    flow, asides = [], []
    for i in range(nhead, len(lines)):
        t = lines[i].text
        (asides if _is_aside(t, width) else flow).append(i)
    return nhead, flow, asides


def _is_aside(text: str, width: float) -> bool:
    m = _TEXT.search(text)
    if m is None or _TEXT.search(text, m.end()) is None:
        return True  # a photo's speck read as a character
    return line_width(text) > width * 1.4 or stands_alone(text)


def _sampled_single_column(lines: list[Line], width: float) -> bool:
    """_looks_single_column on a long page without classifying every line first:
    about 60 runs of KMAX + 1 flow lines, taken at even steps through the page."""
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
    return samples >= 30 and max(sums[2:]) < sums[1] + max(1.0, 0.05 * samples)


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
    rows = assign_rows(seq, width, period)
    multi = sum(len(pat) for _, pat in rows if len(pat) >= 2)
    if multi < 0.4 * len(seq):
        return None
    order = _read_order(rows, seq_idx)
    return Streams(tuple(range(nhead)), tuple(order), tuple(asides), max(len(pat) for _, pat in rows))


