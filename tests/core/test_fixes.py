"""apply_fixes: the cleaned text is the raw text plus the accepted edits, nothing else."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from proofdesk.findings import Edit, Finding, FindingKind, Span
from proofdesk.fixes import apply_fixes


def finding(kind, edits, conf=0.9, partial=False):
    spans = tuple(Span(e.start, e.end) for e in edits) or (Span(0, 0),)
    return Finding(kind, spans, "z", "e", conf, tuple(edits), partial=partial)


RAW = "甲乙丙丁戊己庚辛壬癸"


def test_nothing_accepted_gives_raw_back():
    assert apply_fixes(RAW, []).text == RAW


def test_edits_apply_and_map_offsets_both_ways():
    f = finding(FindingKind.CHAR, [Edit(2, 3, "XY")])
    g = finding(FindingKind.DUPLICATE, [Edit(5, 7, "")])
    c = apply_fixes(RAW, [f, g])
    assert c.text == "甲乙XY丁戊辛壬癸"
    assert c.offsets.to_clean(0) == 0
    assert c.offsets.to_clean(3) == 4          # 丁 moved one to the right
    assert c.offsets.to_clean(7) == 6          # 辛 after the deletion
    assert c.offsets.to_raw(6) == 7
    assert c.offsets.to_raw(4) == 3
    assert c.offsets.changed_clean_ranges() == [(2, 4)]


def test_overlap_resolves_by_priority_then_confidence():
    dup = finding(FindingKind.DUPLICATE, [Edit(1, 6, "")], conf=0.5)
    char = finding(FindingKind.CHAR, [Edit(2, 3, "X")], conf=0.99)
    c = apply_fixes(RAW, [char, dup])
    assert c.text == "甲庚辛壬癸"
    assert c.applied == (dup.id,) and c.dropped == (char.id,)
    # order of the input does not matter
    assert apply_fixes(RAW, [dup, char]).text == c.text


def test_partial_finding_keeps_its_non_colliding_edits():
    dup = finding(FindingKind.DUPLICATE, [Edit(1, 3, "")])
    layout = finding(FindingKind.LAYOUT, [Edit(2, 2, "\n"), Edit(8, 8, "\n")], partial=True)
    assert apply_fixes(RAW, [dup, layout]).text == "甲丁戊己庚辛\n壬癸"


def test_insertions_at_one_point_keep_a_fixed_order():
    a = finding(FindingKind.CONTINUATION, [Edit(3, 3, "A")], conf=0.9)
    b = finding(FindingKind.CHAR, [Edit(3, 3, "B")], conf=0.9)
    assert apply_fixes(RAW, [a, b]).text == apply_fixes(RAW, [b, a]).text == "甲乙丙AB丁戊己庚辛壬癸"


def test_edit_rejects_bad_range():
    with pytest.raises(ValueError):
        Edit(3, 2, "")


@st.composite
def edits_on(draw, n):
    out = []
    for _ in range(draw(st.integers(0, 6))):
        a = draw(st.integers(0, n))
        b = draw(st.integers(a, min(n, a + 4)))
        out.append(Edit(a, b, draw(st.text("xyz", max_size=3))))
    return out


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_any_subset_is_deterministic_and_maps_monotonically(data):
    raw = data.draw(st.text("abcdef\n", min_size=0, max_size=30))
    kinds = list(FindingKind)
    fs = [finding(data.draw(st.sampled_from(kinds)), data.draw(edits_on(len(raw))),
                  conf=data.draw(st.floats(0, 1)), partial=data.draw(st.booleans()))
          for _ in range(data.draw(st.integers(0, 5)))]
    c1 = apply_fixes(raw, fs)
    c2 = apply_fixes(raw, list(reversed(fs)))
    assert c1.text == c2.text
    # raw offsets map into the cleaned text, in order
    mapped = [c1.offsets.to_clean(i) for i in range(len(raw) + 1)]
    assert mapped == sorted(mapped) and all(0 <= m <= len(c1.text) for m in mapped)
    back = [c1.offsets.to_raw(i) for i in range(len(c1.text) + 1)]
    assert back == sorted(back) and all(0 <= m <= len(raw) for m in back)
    # unchanged characters map to themselves
    for seg in c1.offsets.segments:
        if not seg.changed:
            assert raw[seg.raw_start:seg.raw_end] == c1.text[seg.clean_start:seg.clean_end]
