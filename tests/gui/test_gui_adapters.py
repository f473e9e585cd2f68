"""adapters.py: core offsets <-> QTextDocument positions, and core edits applied as one edit block."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from proofdesk.findings import Edit
from proofdesk.gui import strings
from proofdesk.session import apply_edits as apply_core_edits

pytestmark = pytest.mark.gui

ALPHABET = st.sampled_from(["甲", "乙", "a", "\n", "\r\n", "𠀀", "😀", " ", "，"])


@pytest.fixture(scope="module")
def doc(qapp):
    from PySide6.QtGui import QTextDocument
    return QTextDocument()


@settings(max_examples=80, deadline=None)
@given(st.lists(ALPHABET, max_size=30).map("".join))
def test_offsets_round_trip_against_qt(doc, text):
    from PySide6.QtGui import QTextCursor

    from proofdesk.gui.adapters import QtOffsets, doc_text
    doc.setPlainText(text)
    off = QtOffsets(text)
    assert off.to_qt(len(text)) == doc.characterCount() - 1
    for i in range(len(text) + 1):
        if i and text[i - 1] == "\r" and i < len(text) and text[i] == "\n":
            continue  # between \r and \n there is no document position
        q = off.to_qt(i)
        assert off.to_py(q) == i
        c = QTextCursor(doc)
        c.setPosition(q, QTextCursor.KeepAnchor)
        assert doc_text(c.selectedText()) == text[:i].replace("\r\n", "\n")


@settings(max_examples=60, deadline=None)
@given(st.lists(ALPHABET, min_size=1, max_size=25).map("".join), st.data())
def test_apply_edits_matches_the_core(doc, text, data):
    from proofdesk.gui.adapters import QtOffsets, apply_edits
    text = text.replace("\r\n", "\n")  # the cleaned pane compares plain text
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), min_size=2, max_size=6)))
    edits = [Edit(a, b, data.draw(st.sampled_from(["", "已", "𠀀", "\n"])))
             for a, b in zip(cuts[::2], cuts[1::2])]
    doc.setPlainText(text)
    doc.setUndoRedoEnabled(True)
    doc.clearUndoRedoStacks()
    apply_edits(doc, QtOffsets(text), edits)
    assert doc.toPlainText() == apply_core_edits(text, edits)
    doc.undo()  # one edit block: a single undo puts the whole action back
    assert doc.toPlainText() == text


def test_every_ui_string_exists_in_both_languages():
    zh, en = strings.TABLES["zh"], strings.TABLES["en"]
    assert zh.keys() == en.keys()
    strings.set_language("en")
    try:
        assert strings.tr("page", number=3) == "Page 3"
    finally:
        strings.set_language("zh")
    assert strings.tr("page", number=3) == "第3版"
    assert strings.choose_language("en") == "en" and strings.choose_language("zh") == "zh"


def test_status_from_the_navigator_menu(window):
    from proofdesk.store import PageStatus
    pid = window.navigator.page_ids()[-1]
    window.navigator.status_chosen.emit(pid, PageStatus.VALIDATED)
    assert window.store.page(pid).status == PageStatus.VALIDATED
    assert "已审定" in window.navigator._pages[pid].text(0)


def _answer_modal(qtbot, act):
    """Act on the next modal dialog from the event loop (so exec() returns)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def poll():
        w = QApplication.activeModalWidget()
        if w is None:
            QTimer.singleShot(10, poll)
        else:
            act(w)
    QTimer.singleShot(0, poll)


def test_real_dialogs_answer_and_return(qtbot):
    from PySide6.QtWidgets import QLineEdit, QMessageBox, QWidget

    from proofdesk.gui.dialogs import QtPrompter, show_crash
    parent = QWidget()
    qtbot.addWidget(parent)
    prompter = QtPrompter(parent)

    def click(label):
        return lambda box: next(b for b in box.buttons() if b.text() == label).click()
    _answer_modal(qtbot, click("在其上保存"))
    assert prompter.choose("冲突", "文字", [("reload", "重新载入"), ("keep", "在其上保存"), ("cancel", "取消")],
                           "cancel") == "keep"
    _answer_modal(qtbot, lambda box: box.reject())
    assert prompter.choose("冲突", "文字", [("keep", "在其上保存"), ("cancel", "取消")], "keep") == "cancel"

    def type_and_accept(dlg):
        dlg.findChild(QLineEdit).setText("修订说明")
        dlg.accept()
    _answer_modal(qtbot, type_and_accept)
    assert prompter.text("保存", "说明：") == "修订说明"
    _answer_modal(qtbot, lambda dlg: dlg.reject())
    assert prompter.text("保存", "说明：") is None
    _answer_modal(qtbot, lambda box: box.accept())
    show_crash(parent, "Traceback ...\nRuntimeError: boom")
    _answer_modal(qtbot, lambda box: isinstance(box, QMessageBox) and box.accept())
    prompter.error("错误", "出错了")


NON_BMP = "𠮷𠮷甲乙丙丁\n𠀀戊己庚"  # two UTF-16 units a character before 甲, one more before 戊


def _shown_pane(qtbot, text):
    from proofdesk.gui.panes import TextPane
    p = TextPane(read_only=True)
    qtbot.addWidget(p)
    p.resize(400, 300)
    p.set_core_text(text)
    p.show()
    qtbot.waitExposed(p)
    return p


@pytest.fixture
def pane(qtbot):
    return _shown_pane(qtbot, NON_BMP)


def _point_at(pane, core_offset):
    """The viewport point of a character's left edge, found through Qt alone."""
    from PySide6.QtGui import QTextCursor
    c = QTextCursor(pane.document())
    c.setPosition(pane.offsets.to_qt(core_offset))
    rect = pane.cursorRect(c)
    return rect.center()


@pytest.mark.parametrize("offset", [3, 5, 8, 10])
def test_a_click_and_a_hover_after_non_bmp_characters_report_core_offsets(pane, qtbot, offset):
    """Positions Qt reports (UTF-16 units) reach the window as str offsets: 乙 is str index 3, Qt position 5."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip
    assert pane.offsets.to_qt(offset) > offset  # the test means nothing without a shift
    point = _point_at(pane, offset)
    with qtbot.waitSignal(pane.clicked) as clicked:
        qtbot.mouseClick(pane.viewport(), Qt.LeftButton, pos=point)
    assert clicked.args == [offset]
    asked = []
    pane.explain = lambda off: asked.append(off) or NON_BMP[off]
    vp = pane.viewport()
    QApplication.sendEvent(vp, QHelpEvent(QEvent.ToolTip, point, vp.mapToGlobal(point)))
    assert asked == [offset] and QToolTip.text() == NON_BMP[offset]
    QToolTip.hideText()


def test_reveal_selects_core_range_and_shows_its_beginning(qtbot):
    """A region taller than the view (a rebuilt reading order) is shown from its first line."""
    from proofdesk.gui.adapters import doc_text
    lines = [f"{'𠮷' if i % 3 == 0 else '甲'}第{i}行文字" for i in range(200)]
    text = "\n".join(lines)
    p = _shown_pane(qtbot, text)
    start = text.index("𠮷第60行")
    end = text.index("第180行")
    p.reveal(start, end)
    assert doc_text(p.textCursor().selectedText()) == text[start:end]
    caret = p.cursorRect(p.textCursor())
    assert p.viewport().rect().contains(caret.center())  # the region's first line is in view
    assert p.first_visible_offset() <= start
