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
def _patterns(kmax: int, full: int | None = None) -> tuple[tuple[int, ...], ...]:
    """Row patterns: which columns a row holds, in the order the OCR wrote them.

    Regular rows hold columns 0..K-1 left to right. Irregular rows are the
    ones real pages produce: a column with a taller line (a subhead in a
    bigger font, a photo edge) skips a row, two neighbours come out swapped
    because their baselines differ by a pixel, or a column set a fraction of
    a line higher than the ones on its left (it starts under a photo or a
    subhead) comes first.

    full: rows of more than full columns (the page's period: kmax is one more,
    for a column a photo hides over most of the page) come in order only,
    whole or with one column missing, which keeps the search's work near that
    of full columns.
    """
    out: list[tuple[int, ...]] = []
    for k in range(1, kmax + 1):
        row = tuple(range(k))
        out.append(row)
        if full is None or k <= full:
            for c in range(k - 1):  # one adjacent pair swapped
                out.append(row[:c] + (row[c + 1], row[c]) + row[c + 2:])
        if k >= 2:
            for c in range(k - 1):  # one column missing (not the last: that is a smaller K)
                out.append(row[:c] + row[c + 1:])
        for c in range(2, k) if full is None or k <= full else ():
            out.append((c,) + row[:c] + row[c + 1:])  # a column written first: its baselines sit a little higher
    return tuple(out)


def written_first(pat: tuple[int, ...]) -> bool:
    """A row pattern with one column written before the others, which come in
    order: that column's baselines sit a little higher (see _patterns)."""
    return len(pat) >= 3 and pat[0] > pat[1] and pat[0] >= 2 and list(pat[1:]) == sorted(pat[1:])


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


def assign_rows(seq: list[Line], width: float, kmax: int = 4, full: int | None = None,
                skip: int | None = None, price: float = 0.0) -> list[tuple[int, tuple[int, ...]]]:
    """Split the flow into rows (start, pattern): a row holds one line of some columns.

    Dynamic programming over row starts and patterns: a row links its line in
    column c to the line in column c of the row before (or, when that row
    skipped the column, of the row before it). Every layout event between two
    rows has its price (_cost), so the rows change only where continuity
    evidence pays for it. Linear in the number of lines.

    skip: the rows may also start after the first skip lines (which then
    belong to no row) if that explains the lines after them better by more
    than price: both readings in one search, the rows' first start tells
    which one won.
    """
    return search(len(seq), kmax, scorer(seq, width, page_pairs(seq), every_line=True), full,
                  restart=skip, restart_cost=price)


def search(n: int, kmax: int, score, full: int | None = None, restart: int | None = None,
           restart_cost: float = 0.0) -> list[tuple[int, tuple[int, ...]]]:
    """assign_rows over n lines, with score(x, y) the continuity of line x into
    line y (restart: see tables)."""
    patterns = _patterns(kmax, full)
    best, back = tables(n, kmax, score, full, restart, restart_cost)
    ends = [(best[n - len(pat) + kmax][b], b) for b, pat in enumerate(patterns)
            if n - len(pat) >= 0 and best[n - len(pat) + kmax][b] > float("-inf")]
    _, b = max(ends)
    p = n - len(patterns[b])
    rows = []
    while True:
        rows.append((p, patterns[b]))
        a = back[p + kmax][b]
        if a < 0:
            break
        p, b = p - len(patterns[a]), a
    rows.reverse()
    return rows


def tables(n: int, kmax: int, score, full: int | None = None, restart: int | None = None,
           restart_cost: float = 0.0) -> tuple[list[list[float]], list[list[int]]]:
    """The search's tables: best[p + kmax][b], the best score of a path whose
    last row b starts at line p, and back[p + kmax][b], the row before it.
    restart: paths may also start at that line, for restart_cost (the lines
    before it then belong to no row)."""
    neg = float("-inf")
    patterns = _patterns(kmax, full)
    npat = len(patterns)
    # Every position's tables sit kmax places on (P = p + kmax), behind rows
    # where no row ends: the search reads the rows before a position without
    # a test for the page's top (-inf never wins, and -1 links nowhere).
    best = [[neg] * npat for _ in range(n + 1 + kmax)]
    back = [[-1] * npat for _ in range(n + 1 + kmax)]
    # links[d][x + kmax]: score(x, x + d). Every junction up to 2 * kmax - 1
    # lines apart is read at some place, so all are found at once; the longer
    # ones (a column's line over a row that skipped it) when first asked.
    pad = [0.0] * kmax
    near = 2 * kmax - 1
    links = [[]] + [pad + [score(x, x + d) for x in range(n - d)] + [0.0] * min(d, n)
                    for d in range(1, near + 1)]
    links += [_Far(score, d, kmax, n) for d in range(near + 1, 3 * kmax)]

    start = [-0.01 * len(pat) - (0.0 if _regular(pat) else IRREGULAR) for pat in patterns]
    for b, pat in enumerate(patterns):
        if len(pat) <= n:
            best[kmax][b] = start[b]
    loop, skips = _row_loop(kmax, full), _skips(kmax, full)
    if restart is not None and 0 < restart < n:
        # The page may also start at line restart, at a price: a path that
        # starts there has no row before it (-1), as at the top.
        at = restart + kmax
        loop(best, back, links, skips, n, kmax + 1, at + 1)
        for b, pat in enumerate(patterns):
            v = start[b] - restart_cost
            if len(pat) <= n - restart and v > best[at][b]:
                best[at][b], back[at][b] = v, -1
        loop(best, back, links, skips, n, at + 1, n + kmax)
    elif n > 1:
        loop(best, back, links, skips, n, kmax + 1, n + kmax)
    return best, back


@lru_cache(maxsize=None)
def _used_skips(kmax: int, full: int | None = None) -> dict[int, list[int]]:
    """Per row a, the places m = c * kmax + j of the columns c some row b holds
    (at its place j) that a skipped: their lines link to the row before a."""
    patterns = _patterns(kmax, full)
    where = [{c: k for k, c in enumerate(pat)} for pat in patterns]
    used: dict[int, set[int]] = {}
    for a in range(len(patterns)):
        for b, pb in enumerate(patterns):
            for c in pb:
                if c not in where[a]:
                    used.setdefault(a, set()).add(c * kmax + where[b][c])
    return {a: sorted(ms) for a, ms in used.items()}


class _Far(dict):
    """score(x, x + d) by x + kmax, found when first asked; 0.0 past the last
    line (read, never used: no row there fits in the lines left)."""

    def __init__(self, score, d: int, kmax: int, n: int) -> None:
        super().__init__()
        self.score, self.d, self.kmax, self.n = score, d, kmax, n

    def __missing__(self, at: int) -> float:
        x = at - self.kmax
        v = self[at] = self.score(x, x + self.d) if x + self.d < self.n else 0.0
        return v


@lru_cache(maxsize=None)
def _skips(kmax: int, full: int | None = None) -> dict[tuple[int, int], tuple[int, ...]]:
    """(a, c) -> by the row r before row a (-1: none), how many lines before
    p + kmax the line of column c (which a skipped) stands in r; 0 where r
    lacks c too (it links nowhere)."""
    patterns = _patterns(kmax, full)
    where = [{c: k for k, c in enumerate(pat)} for pat in patterns]
    return {(a, c): tuple(len(pa) + len(pr) - where[r][c] if c in where[r] else 0 for r, pr in enumerate(patterns)) + (0,)
            for a, pa in enumerate(patterns) for c in {m // kmax for m in _used_skips(kmax, full).get(a, ())}}


@lru_cache(maxsize=None)
def _row_loop(kmax: int, full: int | None = None):
    """The search's loop over row starts for kmax columns, written out as
    Python and compiled once per process (about 3 ms for 4 columns, 20 for 6):
    loop(best, back, links, O, n, first, last) scores every row b (that
    fits in the lines left) after every row a at every P = p + kmax in
    range(first, last), and keeps the best,
    as a plain scan would, but with the prices, link places and table reads as
    constants, which takes most of the interpreter's work off the search.

    Row b after row a scores best[a] - price + its links in b's column order
    + the links of the columns a skipped (_skips), in that order: the same sums
    as the plain scan (tests/page/test_rows.py), so the same floats. The best
    is the first a with the highest score (max and index keep the first), -1
    when no row a ends before p (all -inf).
    """
    patterns = _patterns(kmax, full)
    where = [{c: k for k, c in enumerate(pat)} for pat in patterns]
    plen = [len(pat) for pat in patterns]
    npat = len(patterns)
    used = _used_skips(kmax, full)
    near = 2 * kmax - 1
    skippers = sorted({plen[a] for a in used})
    skips = sorted(_skips(kmax, full))
    out = ["def loop(best, back, links, O, n, first, last):",
           "    " + "".join(f"L{d}, " for d in range(1, near + 1)) + f"= links[1:{near + 1}]",
           "    _, " + "".join(f"O{a}_{c}, " for a, c in skips) + "= None, " + "".join(f"O[{a}, {c}], " for a, c in skips),
           "    for P in range(first, last):",
           f"        room = n + {kmax} - P",
           # The rows a that end right before p: a starts at p - len(a).
           "        " + "".join(f"B{k}, " for k in range(1, kmax + 1)) + "= "
           + "".join(f"best[P - {k}], " for k in range(1, kmax + 1)),
           "        _, " + "".join(f"K{k}, " for k in skippers) + "= None, "
           + "".join(f"back[P - {k}], " for k in skippers),
           "        " + "".join(f"b{a}, " for a in range(npat)) + "= "
           + "".join(f"B{plen[a]}[{a}], " for a in range(npat)),
           "        " + "".join(f"X{i}, " for i in range(kmax)) + "= "
           + "".join(f"P - {kmax - i}, " for i in range(kmax))]
    # w{i * kmax + j} links line p - kmax + i to line p + j.
    out.append("        " + "".join(f"w{i * kmax + j}, " for i in range(kmax) for j in range(kmax)) + "= "
               + "".join(f"L{kmax - i + j}[X{i}], " for i in range(kmax) for j in range(kmax)))
    for a, ms in used.items():
        # The links of the columns a skipped: from their lines in the row
        # before a (o lines back from p + kmax), when it has them, else nothing.
        out.append(f"        r = K{plen[a]}[{a}]")
        for c in sorted({m // kmax for m in ms}):
            js = [m % kmax for m in ms if m // kmax == c]
            out += [f"        o = O{a}_{c}[r]", "        if o:"]
            out += [f"            s{a}_{c * kmax + j} = links[o + {j}][P - o]" for j in js]
            out += ["        else:", "            " + "".join(f"s{a}_{c * kmax + j} = " for j in js) + "0.0"]
    out.append("        BP, KP = best[P], back[P]")
    for b, pb in enumerate(patterns):
        out += [f"        if {plen[b]} <= room:", "            vals = ["]
        for a, pa in enumerate(patterns):
            terms = [f"b{a} - {_cost(pa, pb)!r}"]
            # The links: column c's line in row a (p - len(a) + its place) to its line in b.
            terms += [f"w{(where[a][c] - plen[a] + kmax) * kmax + where[b][c]}" for c in pb if c in where[a]]
            terms += [f"s{a}_{c * kmax + where[b][c]}" for c in pb if c not in where[a]]
            out.append(f"                {' + '.join(terms)},")
        out += ["            ]", "            top = max(vals)",
                f"            BP[{b}] = top - {0.01 * plen[b]!r}",
                f"            KP[{b}] = vals.index(top) if top != NEG else -1"]
    namespace = {"NEG": float("-inf")}
    # Our own code from our own constants, never page text.
    exec(compile("\n".join(out) + "\n", f"<row loop {kmax}{'' if full is None else f'/{full}'}>", "exec"), namespace)  # noqa: S102
    return namespace["loop"]
