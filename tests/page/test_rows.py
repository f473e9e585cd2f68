"""The row search (page/rows.py) and the junction scores' fast paths
(page/junctions.py) against plain versions of the same rules."""
from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from proofdesk.page.blocks import split_lines
from proofdesk.page.reflow import TEXT_CHAR, ends_sentence
from proofdesk.page.junctions import (PAIR_LIFT, _route_crosses, _route_values,
                                      page_pairs)
from proofdesk.page.rows import IRREGULAR, _cost, _patterns, _regular, tables
from proofdesk.words import best_route, dictionary, total_log


def _plain_tables(n, kmax, score, full=None):
    """The row search as a plain scan: at each p, every row b after every row
    a, in the order the compiled loop must add the same floats in."""
    neg = float("-inf")
    patterns = _patterns(kmax, full)
    where = [{c: k for k, c in enumerate(pat)} for pat in patterns]
    best = [[neg] * len(patterns) for _ in range(n + 1)]
    back = [[-1] * len(patterns) for _ in range(n + 1)]
    for b, pb in enumerate(patterns):
        if len(pb) <= n:
            best[0][b] = -0.01 * len(pb) - (0.0 if _regular(pb) else IRREGULAR)
    for p in range(1, n):
        for b, pb in enumerate(patterns):
            if len(pb) > n - p:
                continue
            vals = []
            for a, pa in enumerate(patterns):
                q = p - len(pa)
                if q < 0 or best[q][a] == neg:
                    vals.append(neg)
                    continue
                v = best[q][a] - _cost(pa, pb)
                for c in pb:  # column c's line in row a to its line in row b
                    if c in where[a]:
                        v += score(q + where[a][c], p + where[b][c])
                r = back[q][a]
                for c in pb:  # a skipped c: its line in the row before a, if that row has it
                    if c not in where[a]:
                        v += score(q - len(patterns[r]) + where[r][c], p + where[b][c]) \
                            if r >= 0 and c in where[r] else 0.0
                vals.append(v)
            top = max(vals)
            best[p][b] = top - 0.01 * len(pb)
            back[p][b] = vals.index(top) if top != neg else -1
    return best, back


@settings(max_examples=250, deadline=None)
@given(st.data())
def test_the_compiled_row_search_is_the_plain_scan(data):
    kmax = data.draw(st.integers(1, 6))
    # full < kmax: the extra column's rows come in order only (whole or one missing)
    full = data.draw(st.sampled_from([None] + list(range(max(1, kmax - 1), kmax))))
    n = data.draw(st.integers(1, 4 * kmax + 3))
    value = st.floats(-2, 4.5, allow_nan=False).map(lambda v: round(v, 1))  # rounded: ties happen
    far = 3 * kmax
    values = data.draw(st.lists(value, min_size=n * far, max_size=n * far))
    asked = set()

    def score(x, y):
        assert 0 <= x < y < n and y - x < far
        asked.add((x, y))
        return values[x * far + y - x]

    best, back = tables(n, kmax, score, full)
    plain_best, plain_back = _plain_tables(n, kmax, score, full)
    assert best[kmax:] == plain_best and back[kmax:] == plain_back


@settings(max_examples=300, deadline=None)
@given(st.integers(2, 5), st.integers(0, 2**32), st.data())
def test_a_search_that_may_start_later_is_the_better_of_the_two_searches(kmax, seed, data):
    """search with restart k reads both ways at once: the columns of the whole
    flow, or those of the flow after its first k lines at a price. (Columns,
    not rows: renaming columns scores the same, and which name wins such a
    tie depends on the last bits of the sums.)"""
    import random

    from proofdesk.page.columns import _slots
    from proofdesk.page.rows import search

    n = data.draw(st.integers(3, 4 * kmax + 3))
    k = data.draw(st.integers(1, min(3, n - 1)))
    far = 3 * kmax
    rng = random.Random(seed)
    values = [rng.uniform(-2, 4.5) for _ in range(n * far)]

    def score(x, y):
        return values[x * far + y - x]

    def columns(rows):
        return sorted(_slots(rows).values())

    whole = columns(search(n, kmax, score))
    later = columns([(p + k, pat) for p, pat in search(n - k, kmax, lambda x, y: score(x + k, y + k))])
    assert columns(search(n, kmax, score, restart=k, restart_cost=1e4)) == whole
    assert columns(search(n, kmax, score, restart=k, restart_cost=-1e4)) == later
    assert columns(search(n, kmax, score, restart=k, restart_cost=2.0)) in (whole, later)


def _corpus_lines(shared) -> list[str]:
    out = []
    for p in sorted((shared / "corpus" / "articles").glob("*.txt"))[:40]:
        out += [ln.strip() for ln in p.read_text("utf-8").splitlines() if ln.strip()]
    return out


_TEXT: list = []


def _text(shared) -> str:
    if not _TEXT:
        _TEXT.append("".join(_corpus_lines(shared)))
    return _TEXT[0]


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_the_route_across_a_junction_is_jiebas(shared, data):
    """_route_crosses answers as words.best_route over both sides does: a word
    of its route runs across the junction (real text, cut anywhere)."""
    text = _text(shared)
    i = data.draw(st.integers(0, len(text) - 9))
    a = text[i:i + data.draw(st.integers(1, 4))]
    b = text[i + len(a):i + len(a) + data.draw(st.integers(1, 4))]
    table, logtotal = dictionary(), total_log()
    store = [None]
    right = _route_values(b, table, logtotal, store, 0)
    _, spans = best_route(a + b)
    expected = any(s < len(a) < e for s, e in spans)
    assert _route_crosses(a, b, right, table, logtotal) == expected
    assert right[0] == best_route(b)[0]


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_page_pairs_are_the_pairs_that_stand_together_often(shared, data):
    lines = _corpus_lines(shared)
    start = data.draw(st.integers(0, len(lines) - 40))
    texts = lines[start:start + data.draw(st.integers(1, 40))]
    # Characters outside the common plane, Latin, digits and marks anywhere,
    # each side of a line's end too: the counts key pairs by code point.
    for _ in range(data.draw(st.integers(0, 30))):
        k = data.draw(st.integers(0, len(texts) - 1))
        at = data.draw(st.integers(0, len(texts[k])))
        texts[k] = texts[k][:at] + data.draw(st.sampled_from(["𠮷", "𠮷人", "A", "x1", "，", "“", "的"])) + texts[k][at:]
    page = split_lines("\n".join(texts) + "\n")
    pairs = page_pairs(page)
    chars = Counter(c for ln in page for c in ln.text)
    total = sum(chars.values())
    counts = Counter(t[k:k + 2] for t in (ln.text for ln in page) for k in range(len(t) - 1))

    def term(p):
        return bool(TEXT_CHAR.match(p[0]) and TEXT_CHAR.match(p[1])) and counts[p] > 0 \
            and counts[p] * total >= PAIR_LIFT * chars[p[0]] * chars[p[1]]

    for ln in page:
        for other in page:
            p = ln.text[-1] + other.text[0]
            assert pairs.is_term(p) == term(p)
    for t in texts:  # and every pair inside a line
        for k in range(len(t.strip()) - 1):
            p = t.strip()[k:k + 2]
            assert pairs.is_term(p) == term(p)


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_junction_scores_inside_running_text(shared, data):
    """Lines cut anywhere out of running text (words across the junction of
    every length): scorer's word tests answer as words.spans_word and word_across."""
    from proofdesk.page.junctions import MID, scorer
    from proofdesk.words import spans_word, word_across

    text = _text(shared)
    i = data.draw(st.integers(0, len(text) - 30))
    cut = i + data.draw(st.integers(1, 12))
    a, b = text[i:cut], text[cut:cut + data.draw(st.integers(1, 12))]
    page = split_lines(a + "\n" + b + "\n")
    if len(page) != 2 or (page[0].text, page[1].text) != (a, b) or ends_sentence(a):
        return
    word = ("across" if word_across(a, b) else "spans") if spans_word(a, b) else "none"
    score = scorer(page, 1.0)(0, 1)  # a column one em wide: no line is short
    assert score == MID[word, False] - (0.8 if b[0] == "“" else 0.0)


def test_the_extra_column_comes_in_order_only():
    # Four columns with every layout event, and a fifth whole or with one missing.
    four, five = set(_patterns(4)), set(_patterns(5, 4))
    assert four < five
    assert five - four == {(0, 1, 2, 3, 4), (1, 2, 3, 4), (0, 2, 3, 4), (0, 1, 3, 4), (0, 1, 2, 4)}


def test_written_first_names_the_patterns_of_a_column_written_before_the_others():
    from proofdesk.page.rows import written_first

    for kmax, full in ((3, None), (4, None), (5, 4), (6, None)):
        first = set()
        for k in range(3, kmax + 1):
            if full is None or k <= full:
                first |= {(c,) + tuple(x for x in range(k) if x != c) for c in range(2, k)}
        assert {p for p in _patterns(kmax, full) if written_first(p)} == first
