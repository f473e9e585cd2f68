"""Raw text -> lines and blocks with exact offsets (hypothesis)."""
from hypothesis import given, settings
from hypothesis import strategies as st

from proofdesk.page.blocks import STRIP, split_blocks, split_lines


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab中文。\n \t\r\u3000", max_size=60))
def test_lines_are_the_non_blank_lines_with_their_offsets(raw):
    lines = split_lines(raw)
    assert [ln.text for ln in lines] == [p.strip(STRIP) for p in raw.split("\n") if p.strip(STRIP)]
    for ln in lines:
        assert raw[ln.start:ln.end] == ln.text
    assert [ln.start for ln in lines] == sorted(ln.start for ln in lines)


def test_indent_and_blank_line_runs():
    raw = "\u3000\u3000第一段。\n  第二段。\n\n\n标题\r\n正文。"
    lines = split_lines(raw)
    assert [(ln.text, ln.indent, ln.run) for ln in lines] == [
        ("第一段。", 4, 0), ("第二段。", 2, 0), ("标题", 0, 1), ("正文。", 0, 1)]
    assert [b.text for b in split_blocks(raw)] == ["第一段。", "第二段。", "标题", "正文。"]
