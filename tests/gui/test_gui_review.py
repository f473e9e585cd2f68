"""Reviewing in the desktop editor: decisions with undo/redo, typing Chinese, highlights, keys, views."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from proofdesk.findings import FindingKind
from proofdesk.fixes import apply_fixes
from proofdesk.session import FindingState
from proofdesk.store import PageStatus

pytestmark = pytest.mark.gui


def pane_text(win) -> str:
    return win.cleaned.toPlainText()


def first_fix(win, skip=()):
    return next(f for f in win.session.findings if f.has_fix and f.id not in skip
                and f.kind is not FindingKind.LAYOUT and win.session.state(f.id) is FindingState.OPEN)


def open_editor(win, qtbot):
    """The in-place proposal editor the findings list has open."""
    from proofdesk.gui.proposal_editor import ProposalEditor
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), ProposalEditor))
    return QApplication.focusWidget()


def check_marks(win) -> None:
    """The cleaned pane marks every open or rejected finding exactly where its text now stands,
    and the marks are on the laid-out blocks."""
    s, co, doc = win.session, win.cleaned.offsets, win.cleaned.document()
    for f in s.findings:
        if f.kind is FindingKind.LAYOUT:
            continue
        if s.state(f.id) in (FindingState.OPEN, FindingState.REJECTED):
            expected = [(co.to_qt(a), co.to_qt(b)) for a, b in s.current_ranges(f.id) if b > a]
            assert win.clean_marks.ranges.get(f.id, ([], None))[0] == expected, f
        else:
            assert f.id not in win.clean_marks.ranges
    for fid, (rs, fmt) in list(win.clean_marks.ranges.items())[:5]:
        a, _ = rs[0]
        block = doc.findBlock(a)
        at = a - block.position()
        assert any(r.start <= at < r.start + r.length and r.format.background() == fmt.background()
                   for r in block.layout().formats()), fid


def type_chinese(widget, text: str) -> None:
    """Commit text through the input method, as a Chinese IME does."""
    ev = QInputMethodEvent("", [])
    ev.setCommitString(text)
    QApplication.sendEvent(widget, ev)


def key_chars(widget, text: str) -> None:
    """One QKeyEvent per character (qtbot.keyClicks aborts on non-ASCII)."""
    for ch in text:
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.NoModifier, ch))


def test_demo_opens_with_findings_and_highlights(window):
    s = window.session
    assert s is not None and s.findings
    assert pane_text(window) == s.text == s.raw
    assert window.raw.toPlainText() == s.raw
    marked = sum(1 for f in s.findings if f.kind is not FindingKind.LAYOUT for a, b in s.marks(f.id) if b > a)
    assert window.raw_marks.count() == marked
    assert window.model.rowCount() == len(s.findings)
    # The hover explains the finding under the mouse.
    f = first_fix(window)
    assert f.message_zh in window._explain(window.raw, window.raw_marks, f.start)
    assert window._explain(window.raw, window.raw_marks, len(s.raw) + 10) == ""
    # A real hover over the raw pane shows it as a tooltip.
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip
    window.raw.reveal(f.start, f.start)
    point = window.raw.cursorRect(window.raw.textCursor()).center()
    vp = window.raw.viewport()
    QApplication.sendEvent(vp, QHelpEvent(QEvent.ToolTip, point, vp.mapToGlobal(point)))
    assert f.message_zh in QToolTip.text()
    QToolTip.hideText()


def test_accept_reject_edit_with_undo_redo(window, qtbot):
    s = window.session
    f = first_fix(window)
    window.select_finding(f.id)
    steps = window.undo.count()
    window.on_accept()
    assert window.undo.count() == steps + 1
    expected = apply_fixes(s.raw, [f]).text
    assert s.text == pane_text(window) == expected
    assert window.isWindowModified()
    # Focus moved on to the next open finding.
    assert window.current_finding() != f.id
    assert s.state(window.current_finding()) is FindingState.OPEN
    check_marks(window)
    window.on_undo()
    assert pane_text(window) == s.raw and s.state(f.id) is FindingState.OPEN
    check_marks(window)
    window.on_redo()
    assert pane_text(window) == expected and s.state(f.id) is FindingState.ACCEPTED

    g = first_fix(window, skip={f.id})
    window.select_finding(g.id)
    window.on_reject()
    assert s.state(g.id) is FindingState.REJECTED and pane_text(window) == expected

    h = first_fix(window, skip={f.id, g.id})
    window.select_finding(h.id)
    assert window.on_edit()
    editor = open_editor(window, qtbot)
    editor.setPlainText("【改写】")
    QTest.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: s.state(h.id) is FindingState.EDITED)
    assert "【改写】" in pane_text(window) and not window.prompter.asked
    assert pane_text(window) == s.text
    for _ in range(2):
        window.on_undo()
    assert pane_text(window) == expected
    assert s.state(g.id) is FindingState.OPEN and s.state(h.id) is FindingState.OPEN


def test_accept_all_of_a_kind_is_one_step(window):
    s = window.session
    kinds = [f.kind for f in s.findings if f.has_fix]
    kind = max(set(kinds), key=kinds.count)
    f = next(f for f in s.findings if f.kind is kind and f.has_fix)
    window.select_finding(f.id)
    window.on_accept_kind()
    assert all(s.state(g.id) is FindingState.ACCEPTED for g in s.findings if g.kind is kind and g.has_fix)
    window.on_undo()
    assert all(s.state(g.id) is FindingState.OPEN for g in s.findings if g.kind is kind)
    assert pane_text(window) == s.raw


def test_typing_chinese_survives_decisions_and_undoes_in_steps(window, qtbot):
    s = window.session
    pane = window.cleaned
    pane.setFocus()
    cursor = pane.textCursor()
    cursor.setPosition(0)
    pane.setTextCursor(cursor)
    type_chinese(pane, "编者按：")
    assert s.text.startswith("编者按：") and pane_text(window) == s.text
    key_chars(pane, "校对")
    assert s.text.startswith("编者按：校对")
    typed_steps = window.undo.count()
    # Type in the middle of the page too, between findings.
    mid = next(i for i in range(len(s.text) // 2, len(s.text)) if not window.clean_marks.at(i) and s.text[i] == "。")
    cursor.setPosition(mid + 1)
    pane.setTextCursor(cursor)
    type_chinese(pane, "（补）")
    check_marks(window)
    f = first_fix(window)
    window.select_finding(f.id)
    window.on_accept()
    assert s.text.startswith("编者按：校对") and pane_text(window) == s.text
    assert s.text.replace("编者按：校对", "", 1).replace("（补）", "", 1) == apply_fixes(s.raw, [f]).text
    # Remaining open findings still point at their own text.
    for g in s.findings:
        if s.state(g.id) is FindingState.OPEN and g.kind is not FindingKind.LAYOUT:
            for (a, b), (ra, rb) in zip(s.current_ranges(g.id), s.marks(g.id)):
                assert s.text[a:b] == s.raw[ra:rb]
    check_marks(window)
    window.on_undo()  # the decision
    check_marks(window)
    assert s.text.startswith("编者按：校对") and "（补）" in s.text
    while window.undo.index() > 0:
        window.on_undo()
    assert pane_text(window) == s.raw == s.text
    assert typed_steps <= 3  # IME commit + two keystrokes merge into few steps
    check_marks(window)


def test_single_keys_in_the_list_and_f_keys(window, qtbot):
    s = window.session
    f = first_fix(window)
    window.select_finding(f.id, focus_list=True)
    QTest.keyClick(window.table, Qt.Key_A)
    assert s.state(f.id) is FindingState.ACCEPTED
    nxt = window.current_finding()
    QTest.keyClick(window.table, Qt.Key_R)
    assert s.state(nxt) is FindingState.REJECTED
    QTest.keyClick(window.table, Qt.Key_J)
    assert window.current_finding() != nxt
    assert window.action_map["accept"].shortcut().toString() == "F9"
    assert "F9" in " ".join(k for k, _ in __import__("proofdesk.gui.actions", fromlist=["x"]).help_rows())
    # The F-keys work from the cleaned pane too, also after switching the language twice.
    window.on_lang()
    window.on_lang()
    assert sum(1 for a in window.actions() if a.shortcut().toString() == "F9") == 1
    g = first_fix(window)
    window.select_finding(g.id)
    window.cleaned.setFocus()
    QTest.keyClick(window.cleaned, Qt.Key_F9)
    assert s.state(g.id) is FindingState.ACCEPTED


def test_clicking_a_highlight_selects_its_finding(window, qtbot):
    s = window.session
    f = next(g for g in s.findings if g.kind is FindingKind.CHAR and s.state(g.id) is FindingState.OPEN) \
        if any(g.kind is FindingKind.CHAR for g in s.findings) else first_fix(window, skip={window.current_finding()})
    window.raw.reveal(f.start, f.start)
    rect = window.raw.cursorRect(window.raw.textCursor())
    qtbot.mouseClick(window.raw.viewport(), Qt.LeftButton, pos=rect.center())
    assert window.current_finding() == f.id
    row = window.table.selectionModel().currentIndex()
    assert window.proxy.data(row, Qt.UserRole + 1) == f.id
    # In the cleaned pane a click selects the finding but leaves the caret alone (no text selected).
    g = first_fix(window, skip={f.id})
    a, _ = s.current_ranges(g.id)[0]
    window.cleaned.reveal(a, a)
    rect = window.cleaned.cursorRect(window.cleaned.textCursor())
    qtbot.mouseClick(window.cleaned.viewport(), Qt.LeftButton, pos=rect.center())
    assert window.current_finding() == g.id and not window.cleaned.textCursor().hasSelection()


def test_filters_and_sorting(window):
    s = window.session
    kinds = {f.kind for f in s.findings}
    kind = next(iter(kinds))
    window.kind_filter.setCurrentIndex(window.kind_filter.findData(kind.value))
    assert window.proxy.rowCount() == sum(1 for f in s.findings if f.kind is kind)
    window.kind_filter.setCurrentIndex(0)
    f = first_fix(window)
    window.select_finding(f.id)
    window.on_reject()
    window.state_filter.setCurrentIndex(window.state_filter.findData(FindingState.REJECTED.value))
    assert window.proxy.rowCount() == 1
    window.state_filter.setCurrentIndex(0)
    window.table.sortByColumn(3, Qt.DescendingOrder)
    confs = [float(window.proxy.index(r, 3).data()) for r in range(window.proxy.rowCount())]
    assert confs == sorted(confs, reverse=True)


def test_status_zoom_help_language_goto(window):
    pid = window.session.page_id
    window.set_page_status(pid, PageStatus.PROOFREAD)
    assert window.store.page(pid).status == PageStatus.PROOFREAD
    assert "已校对" in window.navigator._pages[pid].text(0)
    size = window.cleaned.font().pointSizeF()
    window.on_zoom_in()
    assert window.cleaned.font().pointSizeF() > size and window.raw.font().pointSizeF() > size
    window.on_zoom_reset()
    window.on_help()
    assert window.help_overlay.isVisible()
    window.on_help()
    assert not window.help_overlay.isVisible()
    window.on_lang()
    assert window.menuBar().actions()[0].text() == "&File"
    window.on_lang()
    pages = window.store.pages(window.session.info.issue_id)
    window.prompter.answers.append(pages[-1].number)
    window.on_goto()
    assert window.session.page_id == pages[-1].id


def test_scrolling_one_pane_scrolls_the_other(make_window, store, qtbot, tmp_path):
    from proofdesk.session import demo_files
    win = make_window(demo=False)
    name, data = demo_files()[0]
    issue = store.create_issue("长版面")
    page, = store.import_pages(issue.id, [(name, data * 12)])
    win.open_page(page.id)
    win.resize(700, 400)
    qtbot.wait(20)
    bar = win.raw.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    assert win.cleaned.verticalScrollBar().value() > 0
    off = win.raw.first_visible_offset()
    assert abs(win.cleaned.first_visible_offset() - win.session.to_current(off)) < 200


def test_backspace_enter_and_paste_keep_pane_and_session_in_step(window, qtbot):
    from PySide6.QtGui import QGuiApplication
    s = window.session
    pane = window.cleaned
    pane.setFocus()
    c = pane.textCursor()
    at = s.text.index("本报讯")
    c.setPosition(at + 3)
    pane.setTextCursor(c)
    QTest.keyClick(pane, Qt.Key_Backspace)
    assert s.text == pane_text(window) == s.raw[:at + 2] + s.raw[at + 3:]
    QTest.keyClick(pane, Qt.Key_Return)
    assert s.text == pane_text(window) and s.text[at + 2] == "\n"
    QGuiApplication.clipboard().setText("【粘贴一】\n【粘贴二】")
    pane.paste()
    assert s.text == pane_text(window) and "【粘贴一】\n【粘贴二】" in s.text
    c = pane.textCursor()
    c.setPosition(0)
    c.setPosition(4, c.MoveMode.KeepAnchor)
    pane.setTextCursor(c)
    key_chars(pane, "头")
    assert s.text == pane_text(window) and s.text.startswith("头")
    check_marks(window)
    steps = window.undo.index()
    QTest.keyClick(pane, Qt.Key_Z, Qt.ControlModifier)  # the window's undo, not the pane's own
    assert window.undo.index() == steps - 1 and not s.text.startswith("头")
    QTest.keyClick(pane, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert window.undo.index() == steps and s.text.startswith("头")
    while window.undo.index() > 0:
        window.on_undo()
    assert s.text == pane_text(window) == s.raw
    check_marks(window)


def test_proposal_is_edited_in_place_in_the_findings_list(window, qtbot):
    from proofdesk.gui.findings_model import PROPOSAL_COL
    s = window.session
    f = next(f for f in s.findings if f.kind is FindingKind.CHAR and f.has_fix) if any(
        f.kind is FindingKind.CHAR for f in s.findings) else first_fix(window)
    window.select_finding(f.id, focus_list=True)
    cell = window.proxy.mapFromSource(window.model.index(window.model.row_of(f.id), PROPOSAL_COL))
    old, new = s.change(f.id)
    assert cell.data() == f"{old} → {new}"   # the list shows what the fix changes
    steps = window.undo.index()
    QTest.keyClick(window.table, Qt.Key_F2)   # F2 (a window shortcut) opens the editor on the cell
    editor = open_editor(window, qtbot)
    assert editor.toPlainText() == s.proposal(f.id)
    assert editor.parentWidget() is window.table.viewport()
    assert editor.geometry().intersects(window.table.visualRect(cell))
    # Esc cancels: nothing decided, no undo step.
    QTest.keyClick(editor, Qt.Key_Escape)
    qtbot.waitUntil(lambda: not isinstance(QApplication.focusWidget(), type(editor)))
    assert s.state(f.id) is FindingState.OPEN and window.undo.index() == steps
    # E in the list opens it again; Shift+Enter breaks the line, Enter applies: one undo step.
    window.select_finding(f.id, focus_list=True)
    QTest.keyClick(window.table, Qt.Key_E)
    editor = open_editor(window, qtbot)
    editor.selectAll()
    key_chars(editor, "甲")
    QTest.keyClick(editor, Qt.Key_Return, Qt.ShiftModifier)
    key_chars(editor, "乙")
    QTest.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: s.state(f.id) is FindingState.EDITED)
    assert s.edited_text(f.id) == "甲\n乙" and window.undo.index() == steps + 1
    assert pane_text(window) == s.text and "甲\n乙" in s.text
    assert window.current_finding() != f.id   # focus moved on to the next open finding
    assert window.model.data(window.model.index(window.model.row_of(f.id), 4)) == "已改写"
    window.on_undo()
    assert s.state(f.id) is FindingState.OPEN and pane_text(window) == s.raw
    window.on_redo()
    assert s.edited_text(f.id) == "甲\n乙" and pane_text(window) == s.text
    # Applying the proposal unchanged decides nothing.
    window.select_finding(f.id, focus_list=True)
    window.on_edit()
    QTest.keyClick(open_editor(window, qtbot), Qt.Key_Return)
    qtbot.wait(20)
    assert window.undo.index() == steps + 1


def test_edit_of_a_finding_hidden_by_the_filter_asks_in_a_dialog(window, qtbot):
    s = window.session
    f = first_fix(window)
    window.select_finding(f.id)
    # Nothing is edited yet, so this filter empties the list: the current finding has no cell.
    window.state_filter.setCurrentIndex(window.state_filter.findData(FindingState.EDITED.value))
    assert window.proxy.rowCount() == 0 and window.current_finding() == f.id
    window.prompter.answers.append("【对话框】")
    assert window.on_edit()
    assert s.state(f.id) is FindingState.EDITED and "【对话框】" in pane_text(window)
