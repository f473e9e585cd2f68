"""Properties of reading line-level input (hypothesis)."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from proofdesk.analysis import analyze
from proofdesk.findings import FindingKind
from proofdesk.page.blocks import split_lines
from proofdesk.page.reading import input_shape, read_blocks
from proofdesk.page.reflow import Shape

from column_text import wrap_column

# Not 摄: a line of made-up text ending …一摄 reads as a photo credit (张三摄), and
# nothing tells it from one (real prose runs a word on: 拍|摄影, 摄|入).
HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5).filter(lambda c: c != "摄")
CLAUSE = st.text(HAN, min_size=2, max_size=14)


@st.composite
def paragraph(draw, min_clauses=1, max_clauses=8):
    clauses = draw(st.lists(CLAUSE, min_size=min_clauses, max_size=max_clauses))
    seps = draw(st.lists(st.sampled_from("，，，、；0123456789"), min_size=len(clauses), max_size=len(clauses)))
    body = "".join(c + s for c, s in zip(clauses, seps))[:-1]
    return body + draw(st.sampled_from("。。。！？"))


def wrap(paragraphs, width, indent):
    # the clause marks the generated paragraphs use are the ones that hang
    return wrap_column(paragraphs, width, indent, hanging="，。、；！？")


def visible(text: str) -> str:
    return re.sub(r"\s", "", text)


@settings(max_examples=80, deadline=None)
@given(st.lists(paragraph(min_clauses=3), min_size=1, max_size=25))
def test_paragraph_per_line_pages_are_kept_line_for_line(paras):
    raw = "\n".join(paras) + "\n"
    blocks, findings = read_blocks(raw)
    assert findings == []
    assert [b.text for b in blocks] == paras


@settings(max_examples=40, deadline=None)
@given(st.lists(paragraph(min_clauses=2), min_size=2, max_size=12), st.integers(12, 24), st.sampled_from(["\u3000\u3000", "  "]))
def test_reflow_keeps_every_character_and_every_indented_paragraph_start(paras, width, indent):
    raw = "\n".join(wrap(paras, width, indent)) + "\n"
    a = analyze(raw)
    reflows = a.of_kind(FindingKind.REFLOW)
    assert not a.of_kind(FindingKind.ORDER)
    cleaned = a.cleaned([f.id for f in reflows]).text
    # Nothing lost, nothing reordered: reflow only deletes line breaks.
    assert visible(cleaned) == visible(raw)
    for f in reflows:
        for e in f.edits:
            assert raw[e.start:e.end].strip(" \u3000\n") == ""
    # A line that ends a sentence is never joined to an indented line after it.
    lines = split_lines(raw)
    block_of = {}
    for b in a.blocks:
        for piece in b.pieces:
            block_of[piece.start] = b.index
    for x, y in zip(lines, lines[1:]):
        if x.text[-1] in "。！？" and y.indent >= 2:
            assert block_of[x.start] != block_of[y.start]
    # And with an indent to go by, every paragraph of a real page comes back
    # whole: a column of text, where most lines continue a paragraph (a page
    # of one-line paragraphs is read line for line).
    if len(lines) >= 10 and sum(ln.indent == 0 for ln in lines) >= len(lines) / 2:
        assert input_shape(raw) is Shape.HARD_WRAPPED
        assert [ln.strip(" \u3000") for ln in cleaned.splitlines() if ln.strip()] == paras


@settings(max_examples=200, deadline=None)
@given(st.text(HAN, min_size=1, max_size=3), st.sampled_from("。！？"), st.sampled_from(["", "”", "’", "）", "”）"]))
def test_the_end_of_a_sentence_on_a_line_of_its_own_is_text(chars, mark, closers):
    # A column's last characters that OCR set apart (below a photo's caption)
    # are the end of a paragraph, never a photo's speckle.
    from proofdesk.page.reflow import is_noise

    assert not is_noise(chars + mark + closers)
