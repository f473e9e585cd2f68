"""Page vocabulary: a repeated term misread in one place gets the page's own form."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from proofdesk.analysis import analyze
from proofdesk.detect.vocabulary import CONFIDENCE, Vocabulary, fixes_in
from proofdesk.findings import FindingKind

# Characters that OCR could read in place of one of 厄立特里亚's; none makes a
# dictionary word with the name's other characters (尼 does: 特尼, and is left alone there).
LOOK_ALIKES = "危扼庄仄卮丐叵"


def _articles(shared) -> list[str]:
    out = []
    for p in sorted((shared / "corpus" / "articles").glob("*.txt")):
        out += [ln.strip() for ln in p.read_text("utf-8").splitlines() if ln.strip()]
    return out


def correct_text(text: str) -> str:
    """text with every vocabulary fix applied (the terms counted over the whole text)."""
    rows = [list(ln) for ln in text.split("\n")]
    for k, i, _old, new, _term in fixes_in(text.split("\n")):
        rows[k][i] = new
    return "\n".join("".join(r) for r in rows)


def _vocabulary_findings(analysis):
    return [f for f in analysis.findings if f.kind is FindingKind.CHAR and dict(f.details).get("term")]


def test_clean_corpus_as_one_page_gets_no_fix(shared):
    page = "\n".join(_articles(shared)) + "\n"
    assert Vocabulary(page).fixes() == []
    assert _vocabulary_findings(analyze(page)) == []


def test_seed_gold_and_silver_get_no_fix(shared):
    for path in (shared / "samples" / "seed-page.gold.txt", shared / "corpus" / "raw" / "news-0001.silver.txt"):
        text = path.read_text("utf-8")
        assert Vocabulary(text).fixes() == [], path.name
        assert correct_text(text) == text


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_any_selection_of_clean_articles_gets_no_fix(shared, data):
    paras = _articles(shared)
    start = data.draw(st.integers(0, len(paras) - 1))
    n = data.draw(st.integers(5, 200))
    assert Vocabulary("\n".join(paras[start:start + n])).fixes() == []


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_a_misread_character_of_a_repeated_name_is_restored(shared, data):
    silver = (shared / "corpus" / "raw" / "news-0001.silver.txt").read_text("utf-8")
    places = [m.start() for m in re.finditer("厄立特里亚", silver)]
    # the first, second, fourth or fifth character: three intact ones stand on one side
    offset = data.draw(st.sampled_from([0, 1, 3, 4]))
    j = data.draw(st.sampled_from(places)) + offset
    wrong = data.draw(st.sampled_from(LOOK_ALIKES))
    damaged = silver[:j] + wrong + silver[j + 1:]
    fixes = Vocabulary(damaged).fixes()
    assert [(i, old, new) for i, old, new, _term in fixes] == [(j, wrong, silver[j])]
    assert "厄立特里亚"[offset] in fixes[0][3]
    assert correct_text(damaged) == silver


def test_finding_on_a_hard_wrapped_page(shared):
    # The silver page hard-wrapped at 18 characters, one name misread.
    silver = (shared / "corpus" / "raw" / "news-0001.silver.txt").read_text("utf-8")
    j = silver.index("厄立特里亚", 200)
    damaged = silver[:j] + "危" + silver[j + 1:]
    lines = []
    for para in damaged.splitlines():
        lines += [para[k:k + 18] for k in range(0, len(para), 18)] if para else [""]
    raw = "\n".join(lines) + "\n"
    a = analyze(raw)
    found = _vocabulary_findings(a)
    assert len(found) == 1
    f = found[0]
    assert raw[f.edits[0].start:f.edits[0].end] == "危" and f.edits[0].text == "厄"
    assert f.confidence == CONFIDENCE
    assert "厄立特里亚" in f.message_zh and "厄立特里亚" in f.message_en
    assert "危立特里亚" not in a.cleaned().text


def test_reading_order_rewrite_carries_the_fix(shared):
    # news-0001: PaddleOCR read 厄 as 危 twice (危立特里亚, and 危特孔院 with
    # its lines interleaved), on lines that the reading-order fix rewrites.
    raw = (shared / "corpus" / "raw" / "news-0001.txt").read_text("utf-8")
    assert "日前危立特里亚" in raw and "建成后将为危\n" in raw
    a = analyze(raw)
    (order,) = a.of_kind(FindingKind.ORDER)
    rebuilt = order.edits[0].text
    assert "危立特里亚" not in rebuilt and "危特孔" not in rebuilt.replace("\n", "")
    assert "日前厄立特里亚" in rebuilt and "建成后将为厄特孔院" in rebuilt
    cleaned = a.cleaned().text
    assert "危立特" not in cleaned and "厄特孔院" in cleaned
