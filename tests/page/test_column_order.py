"""The proofreader's column order for an interleaved page's reading-order rewrite."""
from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from proofdesk.analysis import analyze
from proofdesk.findings import FindingKind
from proofdesk.page.reading import columns_of, reorder_columns
from proofdesk.page.reflow import TEXT_CHAR

_SPACE = re.compile(r"\s+")


def _raw(shared, name):
    return (shared / "corpus" / "raw" / f"{name}.txt").read_text("utf-8")


def test_the_columns_in_the_rebuilds_order_give_its_text(shared):
    raw = _raw(shared, "news-0001")
    cols = columns_of(raw)
    assert len(cols) == 4 and sum(c.lines for c in cols) > 120
    assert cols[0].first.startswith("身着中国传统民族服装")
    order = analyze(raw).of_kind(FindingKind.ORDER)[0]
    assert reorder_columns(raw, [0, 1, 2, 3]) == order.edits[0].text


@pytest.mark.parametrize("name", ["news-0001", "news-0002"])
def test_every_order_reads_the_columns_so_and_keeps_every_character(shared, name):
    raw = _raw(shared, name)
    cols = columns_of(raw)
    same = sorted(_SPACE.sub("", reorder_columns(raw, list(range(len(cols))))))
    for order in itertools.permutations(range(len(cols))):
        text = reorder_columns(raw, list(order))
        flat = _SPACE.sub("", text)
        # Each column's first line stands after the one of the column before it.
        starts = [flat.index(_SPACE.sub("", cols[k].first)) for k in order]
        assert starts == sorted(starts), order
        assert sorted(flat) == same, order


def test_a_page_without_interleaved_columns_has_none(shared):
    raw = (shared / "samples" / "seed-page.raw.txt").read_text("utf-8")
    assert columns_of(raw) == []
    with pytest.raises(ValueError):
        reorder_columns(raw, [0])
    with pytest.raises(ValueError):
        reorder_columns(_raw(shared, "news-0001"), [0, 1, 2])  # each column once


def test_a_stored_rewrite_of_another_region_is_not_reordered(shared):
    raw = _raw(shared, "news-0001")
    e = analyze(raw).of_kind(FindingKind.ORDER)[0].edits[0]
    assert reorder_columns(raw, [1, 0, 2, 3], (e.start, e.end)) == reorder_columns(raw, [1, 0, 2, 3])
    with pytest.raises(ValueError, match="another region"):
        reorder_columns(raw, [1, 0, 2, 3], (e.start + 5, e.end))


@settings(max_examples=15, deadline=None)
@given(st.data())
def test_any_order_of_a_built_pages_columns_keeps_every_character(shared, data):
    from column_text import wrap_column
    paths = sorted((shared / "corpus" / "articles").glob("*.txt"))
    first = data.draw(st.integers(0, len(paths) - 4))
    paragraphs = [ln.strip() for p in paths[first:first + 3] for ln in p.read_text("utf-8").splitlines()[1:] if ln.strip()]
    printed = wrap_column(paragraphs, indent="")
    k = data.draw(st.integers(2, 4))
    rows = min(len(printed) // k, 40)
    cols = [printed[c * rows:(c + 1) * rows] for c in range(k)]
    raw = "\n".join(cols[c][r] for r in range(rows) for c in range(k)) + "\n"
    found = columns_of(raw)
    assert len(found) >= k  # the rebuild may find one column more, never fewer here
    order = data.draw(st.permutations(range(len(found))))
    text = reorder_columns(raw, list(order))
    flat = _SPACE.sub("", text)
    # Every character of text comes through (the punctuation fixes the rewrite carries may
    # differ: a quotation opened in one column and closed in another pairs by the order).
    assert sorted(TEXT_CHAR.findall(flat)) == sorted(TEXT_CHAR.findall(reorder_columns(raw, list(range(len(found))))))
    letters = "".join(TEXT_CHAR.findall(flat))
    at = 0
    for c in order:  # each column's first line after the one of the column before it
        at = letters.index("".join(TEXT_CHAR.findall(found[c].first)), at)
