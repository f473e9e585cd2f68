"""What a proofreader sees on line-level OCR pages: a line-interleaved page (news-0001) and a
hard-wrapped one. The selected finding is shown in full beside the list, the panes show where its
region begins, and a rebuilt reading order reaches the cleaned pane as paragraphs."""
from __future__ import annotations

import pytest
from column_text import wrap_column

from proofdesk.findings import FindingKind
from proofdesk.session import FindingState, edit_region

pytestmark = pytest.mark.gui


def open_page(make_window, store, name: str, data: bytes):
    issue = store.create_issue("行级页面")
    page = store.import_pages(issue.id, [(name, data)])[0]
    win = make_window(demo=False)
    win.open_page(page.id)
    return win


def details_text(win) -> str:
    return win.details.proposal.toPlainText()


def in_view(pane, core_offset: int) -> bool:
    from PySide6.QtGui import QTextCursor
    c = QTextCursor(pane.document())
    c.setPosition(pane.offsets.to_qt(core_offset))
    return pane.viewport().rect().contains(pane.cursorRect(c).center())


def test_interleaved_columns_reading_order_is_shown_in_full(make_window, store, shared):
    from proofdesk.gui.highlight import COLOUR
    path = shared / "corpus" / "raw" / "news-0001.txt"
    win = open_page(make_window, store, path.name, path.read_bytes())
    s = win.session
    order = next(f for f in s.findings if f.kind is FindingKind.ORDER)
    assert COLOUR[FindingKind.ORDER] != COLOUR[FindingKind.PUNCT]  # the legend must not call it punctuation
    win.select_finding(order.id, focus_list=True)
    # The description and the whole rebuilt text, paragraph by paragraph, beside the list.
    assert win.details.message.text() == order.message_zh + "\n栏的先后不对？按 Ctrl+Shift+O 调整栏序。"
    proposal = s.proposal(order.id)
    assert proposal.count("\n") >= 10 and proposal in details_text(win)
    assert win.details.proposal_title.text() != win.details.message.text()
    # Both panes show where the region begins, not its last line.
    assert in_view(win.raw, order.start)
    assert in_view(win.cleaned, s.current_ranges(order.id)[0][0])
    win.on_accept()
    assert s.state(order.id) is FindingState.ACCEPTED
    assert win.cleaned.toPlainText() == s.text
    assert proposal in s.text  # the rebuilt paragraphs, one a line, in the cleaned pane
    win.select_finding(order.id)
    assert "已接受" in win.details.title.text()
    win.on_undo()
    assert win.cleaned.toPlainText() == s.raw
    assert "待定" in win.details.title.text()


def hard_wrapped(article: str) -> str:
    """An article as a tesseract page prints it: one printed line a text line (no indent), a blank
    line between paragraphs."""
    headline, _, body = article.partition("\n\n")
    paragraphs = [p for p in body.splitlines() if p.strip()]
    wrapped = ["\n".join(wrap_column([p], indent="")) for p in paragraphs]
    return headline.strip() + "\n\n" + "\n\n".join(wrapped) + "\n"


def test_a_reflow_proposal_reads_as_its_whole_paragraph(make_window, store, shared):
    article = (shared / "corpus" / "articles" / "news-0004.txt").read_text(encoding="utf-8")
    win = open_page(make_window, store, "wrapped.txt", hard_wrapped(article).encode("utf-8"))
    s = win.session
    reflows = [f for f in s.findings if f.kind is FindingKind.REFLOW and f.has_fix]
    assert reflows
    # The proposal covers the joined line breaks only; the paragraph's first and last lines stand
    # around it, so the proofreader reads the whole joined paragraph.
    f = next(g for g in reflows if g.start < edit_region(g)[0] and edit_region(g)[1] < g.end)
    lo, hi = edit_region(f)
    win.select_finding(f.id)
    assert details_text(win) == s.raw[min(f.start, lo):lo] + s.proposal(f.id) + s.raw[hi:max(f.end, hi)]
    assert "\n" not in details_text(win)
    # A finding without a fix (a jump marker) says so, and shows its text.
    flag = next(g for g in s.findings if not g.has_fix)
    win.select_finding(flag.id)
    assert win.details.proposal_title.text() == "这个问题没有修改建议；请改写或直接编辑校对文本"
    assert details_text(win) == s.raw[flag.start:flag.end]
    # The panel follows the language switch.
    win.select_finding(f.id)
    win.on_lang()
    try:
        assert win.details.message.text() == f.message_en
    finally:
        win.on_lang()


def test_the_selected_finding_stands_apart_from_every_finding_colour(window):
    """On a hard-wrapped page nearly every paragraph carries the line-wrap colour: the selection
    (the current finding's text) must not look like one more of them, focused or not."""
    from PySide6.QtGui import QPalette

    from proofdesk.gui.highlight import COLOUR
    for pane in (window.raw, window.cleaned):
        for group in (QPalette.Active, QPalette.Inactive):
            selection = pane.palette().color(group, QPalette.Highlight)
            assert all(abs(selection.lightness() - c.lightness()) > 80 for c in COLOUR.values())


def test_the_proofreader_puts_a_column_in_its_place(make_window, store, shared):
    from proofdesk.page.reading import columns_of
    path = shared / "corpus" / "raw" / "news-0001.txt"
    win = open_page(make_window, store, path.name, path.read_bytes())
    s = win.session
    # Not on another kind of finding: the window says what to select, and asks nothing.
    other = next(f for f in s.findings if f.kind is not FindingKind.ORDER)
    win.select_finding(other.id)
    asked = len(win.prompter.asked)
    assert win.on_columns() is False and len(win.prompter.asked) == asked
    assert "阅读顺序" in win.statusBar().currentMessage()
    order = next(f for f in s.findings if f.kind is FindingKind.ORDER)
    win.select_finding(order.id, focus_list=True)
    cols = columns_of(s.raw)
    win.prompter.answers.append([1, 0, 2, 3])  # the dialog's answer: the second column first
    assert win.on_columns()
    assert s.state(order.id) is FindingState.EDITED
    text = win.cleaned.toPlainText()
    assert text == s.text and text.index(cols[1].first) < text.index(cols[0].first)
    assert win.undo.undoText() == "调整栏序"
    win.on_undo()
    assert s.state(order.id) is FindingState.OPEN and win.cleaned.toPlainText() == s.raw


def test_the_column_order_dialog_moves_a_column_from_the_keyboard(qtbot):
    from PySide6.QtCore import Qt
    from proofdesk.gui.column_order import ColumnOrderDialog
    from proofdesk.page.reading import Column
    cols = [Column("第一栏的开头", "第一栏的结尾", 10), Column("第二栏的开头", "第二栏的结尾", 9),
            Column("第三栏的开头", "第三栏的结尾", 8)]
    dialog = ColumnOrderDialog(None, "调整栏序", "说明", cols)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert "第 1 栏（10 行）：第一栏的开头…第一栏的结尾" == dialog.list.item(0).text()
    dialog.list.setCurrentRow(2)
    dialog.list.setFocus()
    qtbot.keyClick(dialog.list, Qt.Key_Up, Qt.AltModifier)
    assert dialog.order() == [0, 2, 1] and dialog.list.currentRow() == 1
    qtbot.keyClick(dialog.list, Qt.Key_Up, Qt.AltModifier)
    qtbot.keyClick(dialog.list, Qt.Key_Up, Qt.AltModifier)  # already first: stays
    assert dialog.order() == [2, 0, 1]
    qtbot.keyClick(dialog.list, Qt.Key_Down, Qt.AltModifier)
    assert dialog.order() == [0, 2, 1]


def test_a_stale_reading_order_finding_is_not_reordered(make_window, store, shared, monkeypatch):
    import proofdesk.session.page as session_page
    path = shared / "corpus" / "raw" / "news-0001.txt"
    win = open_page(make_window, store, path.name, path.read_bytes())
    s = win.session
    order = next(f for f in s.findings if f.kind is FindingKind.ORDER)
    win.select_finding(order.id)

    def stale(raw, picked, region):
        raise ValueError("covers another region")
    monkeypatch.setattr(session_page, "reorder_columns", stale)
    win.prompter.answers.append([1, 0, 2, 3])
    assert win.on_columns() is False
    assert win.prompter.errors and "重新导入" in win.prompter.errors[-1]
    assert s.state(order.id) is FindingState.OPEN and win.cleaned.toPlainText() == s.raw


def test_the_raw_lines_of_a_rebuilt_page_are_tinted_by_column(make_window, store, shared):
    from proofdesk.gui.column_order import ColumnOrderDialog
    from proofdesk.gui.highlight import column_tint
    from proofdesk.page.reading import columns_of
    path = shared / "corpus" / "raw" / "news-0001.txt"
    win = open_page(make_window, store, path.name, path.read_bytes())
    s = win.session
    order = next(f for f in s.findings if f.kind is FindingKind.ORDER)
    cols = columns_of(s.raw)
    rs, fmts = win.raw_marks.ranges[order.id]
    # One mark per printed line of the columns, in its column's tint.
    assert len(rs) == sum(c.lines for c in cols) == len(fmts)
    ro = win.raw.offsets
    second = cols[1].spans[3]
    k = rs.index((ro.to_qt(second[0]), ro.to_qt(second[1])))
    assert fmts[k].background().color().name() == column_tint(1).name()
    assert len({f.background().color().name() for f in fmts}) == len(cols)
    # The line still belongs to the finding: hovering or clicking it finds the reading order.
    assert win.raw_marks.at(ro.to_qt(second[0]) + 1) == [order.id]
    # Selected, the finding puts the caret at its start without selecting the region (a
    # selection would hide the tints); the cleaned pane selects the rewrite as before.
    win.select_finding(order.id, focus_list=True)
    assert not win.raw.textCursor().hasSelection()
    assert win.cleaned.textCursor().hasSelection()
    # The column order dialog shows each column in the same tint.
    dialog = ColumnOrderDialog(win, "调整栏序", "说明", cols)
    assert dialog.list.item(2).background().color().name() == column_tint(2).name()
    dialog.close()
    # Decided, the tints stay, fainter.
    win.on_reject()
    rs2, fmts2 = win.raw_marks.ranges[order.id]
    assert rs2 == rs and fmts2[k].background().color().alpha() < 255
