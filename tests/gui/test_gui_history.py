"""The history view's side-by-side diff keeps the two panes aligned by row, not by scroll position."""
from __future__ import annotations

import pytest

from proofdesk.gui.diff_panes import FILLER, RowSync, side_text
from proofdesk.gui.history_dialog import HistoryDialog
from proofdesk.session import PageSession

pytestmark = pytest.mark.gui

# Long paragraphs wrap over many lines in a pane; the newer revision drops them, so the left pane is
# much taller than the right one above the change we follow.
LONG = "".join("青禾市今年春季计划新植乔木一万二千株，灌木三万余株，" for _ in range(12))
OLD = "\n".join([f"第{i}段。{LONG}" for i in range(8)] + [f"短行{i}。" for i in range(40)]
                + ["市民王先生说：“绿化不仅是种树。”"] + [f"尾行{i}。" for i in range(40)]) + "\n"
NEW = "\n".join([f"短行{i}。" for i in range(40)]
                + ["市民王先生说：“绿化不仅是种树，更是为城市的未来打基础。”"] + [f"尾行{i}。" for i in range(40)]) + "\n"


@pytest.fixture
def dialog(store, qtbot):
    issue = store.create_issue("历史")
    page = store.import_pages(issue.id, [("p1.txt", OLD.encode("utf-8"))])[0]
    s = PageSession(store, page.id, "甲")
    s.set_text(NEW)
    s.save("删去长段，补全引语")
    dlg = HistoryDialog(s, lambda n: None)
    qtbot.addWidget(dlg)
    dlg.resize(900, 600)
    dlg.show()
    qtbot.waitExposed(dlg)
    dlg.select_pair(1, 2)
    qtbot.waitUntil(lambda: dlg.left.verticalScrollBar().maximum() > 0 and dlg.right.verticalScrollBar().maximum() > 0)
    qtbot.wait(20)
    return dlg


def _row_of(view, needle):
    block = view.document().firstBlock()
    while block.isValid():
        if needle in block.text():
            return block.blockNumber()
        block = block.next()
    raise AssertionError(needle)


def test_panes_hold_the_same_rows_with_fillers(dialog):
    left, right = dialog.left.document(), dialog.right.document()
    assert left.blockCount() == right.blockCount()
    assert side_text(dialog.left) == OLD and side_text(dialog.right) == NEW
    # The dropped paragraphs face filler rows; the changed quotation faces its old self.
    assert right.findBlockByNumber(0).userState() == FILLER
    assert _row_of(dialog.left, "绿化不仅是种树") == _row_of(dialog.right, "绿化不仅是种树")
    assert "line-through" not in dialog.right.toHtml() and "更是为城市" in dialog.right.toPlainText()


@pytest.mark.parametrize("source", ["left", "right"])
def test_scrolling_either_pane_keeps_the_change_level(dialog, qtbot, source):
    src, dst = (dialog.left, dialog.right) if source == "left" else (dialog.right, dialog.left)
    # The premise: unpadded, the left pane would be much taller (its long paragraphs face fillers).
    padding, block = 0, dialog.right.document().firstBlock()
    while block.isValid():
        padding += block.blockFormat().bottomMargin()
        block = block.next()
    assert padding > 500
    for needle in ("短行5", "绿化不仅是种树", "尾行3"):
        row = _row_of(src, needle)
        rect = src.document().documentLayout().blockBoundingRect(src.document().findBlockByNumber(row))
        src.verticalScrollBar().setValue(round(rect.top()))
        assert RowSync.top_row(src)[0] == row
        assert RowSync.top_row(dst)[0] == row, needle
        assert needle in dst.document().findBlockByNumber(RowSync.top_row(dst)[0]).text()


def test_diff_opens_at_the_first_change_and_inline_still_works(store, dialog, qtbot):
    # Revisions that differ only far down: the panes open there, level, a few rows above the change.
    page = store.pages(store.issue("历史").id)[0]
    s = dialog.session
    s.set_text(NEW.replace("尾行10。", "尾行十。"))
    s.save("改尾行")
    dialog.reload()
    dialog.select_pair(2, 3)
    row = _row_of(dialog.right, "尾行十。")
    qtbot.waitUntil(lambda: RowSync.top_row(dialog.left)[0] == row - 3)
    assert RowSync.top_row(dialog.right)[0] == row - 3 and page.id == s.page_id
    dialog.inline.setChecked(True)
    assert "绿化不仅是种树" in dialog.single.toPlainText() and "line-through" in dialog.single.toHtml()


def _tops(view):
    lay, block, out = view.document().documentLayout(), view.document().firstBlock(), []
    while block.isValid():
        out.append(round(lay.blockBoundingRect(block).top()))
        block = block.next()
    return out


def test_facing_rows_start_at_the_same_height_also_after_a_resize(dialog, qtbot):
    assert _tops(dialog.left) == _tops(dialog.right)
    assert dialog.left.verticalScrollBar().maximum() == dialog.right.verticalScrollBar().maximum()
    dialog.resize(620, 600)   # narrower: the long rows wrap over more lines
    qtbot.waitUntil(lambda: _tops(dialog.left) == _tops(dialog.right))
    row = _row_of(dialog.left, "绿化不仅是种树")
    dialog.right.verticalScrollBar().setValue(_tops(dialog.right)[row])
    assert RowSync.top_row(dialog.left)[0] == row
