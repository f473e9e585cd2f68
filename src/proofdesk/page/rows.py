"""The row search of the column rebuilding: split a flow of interleaved lines
into rows of one line per column, in the order the OCR wrote them (see
page/columns.py for the whole method)."""
from __future__ import annotations

from functools import lru_cache

from proofdesk.page.blocks import Line
from proofdesk.page.junctions import page_pairs, scorer

# What a first row out of left-to-right order costs.
IRREGULAR = 2.0


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
