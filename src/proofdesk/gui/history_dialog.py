"""The history view: revisions of a page, a character-level diff of any two, restore.

Side by side, the two panes hold the same rows (session.aligned_diff: a line
missing on one side is a filler row there), so row i faces row i. The shorter
row of each pair is padded to the height of the other (level_rows, again when
the panes' width changes), and scrolling one pane puts the other at the same
row and the same fraction of it, so a change stays level across the panes.
"""
from __future__ import annotations

import html
from typing import Callable

from PySide6.QtCore import QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QTextBlockFormat, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QComboBox, QDialog, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QRadioButton, QSplitter, QTableWidget, QTableWidgetItem,
                               QTextBrowser, QVBoxLayout, QWidget)

from proofdesk.gui.panes import text_font
from proofdesk.gui.strings import tr
from proofdesk.session import PageSession, char_diff
from proofdesk.session.aligned_diff import DiffRow, aligned_rows

_DEL = "background:#ffc9c9; color:#8b0000; text-decoration:line-through;"
_INS = "background:#c6f0c2; color:#0b5d1e;"


def _esc(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def inline_html(a: str, b: str) -> str:
    """The inline diff: removed text struck through, added text marked, in one flow."""
    out = []
    for op, chunk in char_diff(a, b):
        t = _esc(chunk)
        out.append(t if op == 0 else f"<span style='{_DEL if op < 0 else _INS}'>{t}</span>")
    return "".join(out)


FILLER = 1  # QTextBlock.userState of a filler row (no line on this side)


def _formats():
    deleted, inserted = QTextCharFormat(), QTextCharFormat()
    deleted.setBackground(QColor("#ffc9c9"))
    deleted.setForeground(QColor("#8b0000"))
    deleted.setFontStrikeOut(True)
    inserted.setBackground(QColor("#c6f0c2"))
    inserted.setForeground(QColor("#0b5d1e"))
    plain = QTextCharFormat()
    same, changed, filler = QTextBlockFormat(), QTextBlockFormat(), QTextBlockFormat()
    changed.setBackground(QColor("#fff6d5"))
    filler.setBackground(QBrush(QColor("#e4e4e4"), Qt.BDiagPattern))
    return {0: plain, -1: deleted, 1: inserted}, same, changed, filler


def fill_side(view: QTextBrowser, rows: list[DiffRow], side: str) -> None:
    """One pane of the side-by-side diff: one block per row, in one edit block."""
    chars, same, changed, filler = _formats()
    doc = view.document()
    doc.clear()
    c = QTextCursor(doc)
    c.beginEditBlock()
    for i, row in enumerate(rows):
        segments = getattr(row, side)
        fmt = filler if segments is None else changed if row.changed else same
        if i:
            c.insertBlock(fmt, chars[0])
        else:
            c.setBlockFormat(fmt)
        for op, text in segments or ():
            c.insertText(text, chars[op])
        c.block().setUserState(FILLER if segments is None else 0)
    c.endEditBlock()


def side_text(view: QTextBrowser) -> str:
    """A pane's text without its filler rows: the revision as stored."""
    out, block = [], view.document().firstBlock()
    while block.isValid():
        if block.userState() != FILLER:
            out.append(block.text())
        block = block.next()
    return "\n".join(out)


class DiffPane(QTextBrowser):
    """One side of the side-by-side diff; says when its width changes (the rows wrap anew)."""

    resized = Signal()

    def resizeEvent(self, ev):  # Qt override
        super().resizeEvent(ev)
        if ev.size().width() != ev.oldSize().width():
            self.resized.emit()


def level_rows(left: QTextBrowser, right: QTextBrowser) -> None:
    """Pad the shorter of each pair of facing rows (bottom margin), so row i starts at the same
    height in both panes and a change stays level all the way down, not only at the top row."""
    docs = (left.document(), right.document())
    cursors = [QTextCursor(d) for d in docs]
    for c in cursors:  # undo the last padding first: the rows may wrap differently now
        c.beginEditBlock()
    for doc, c in zip(docs, cursors):
        block = doc.firstBlock()
        while block.isValid():
            if block.blockFormat().bottomMargin():
                fmt = block.blockFormat()
                fmt.setBottomMargin(0)
                c.setPosition(block.position())
                c.setBlockFormat(fmt)
            block = block.next()
    for c in cursors:
        c.endEditBlock()
        c.beginEditBlock()
    layouts = [d.documentLayout() for d in docs]
    blocks = [d.firstBlock() for d in docs]
    while blocks[0].isValid() and blocks[1].isValid():
        heights = [lay.blockBoundingRect(b).height() for lay, b in zip(layouts, blocks)]
        short = 0 if heights[0] < heights[1] else 1
        gap = abs(heights[0] - heights[1])
        if gap >= 1:
            fmt = blocks[short].blockFormat()
            fmt.setBottomMargin(gap)
            cursors[short].setPosition(blocks[short].position())
            cursors[short].setBlockFormat(fmt)
        blocks = [b.next() for b in blocks]
    for c in cursors:
        c.endEditBlock()


class RowSync:
    """Keeps two panes with the same rows level: the other pane shows the same top row, at the same
    fraction of its height."""

    def __init__(self, left: QTextBrowser, right: QTextBrowser):
        self._busy = False
        left.verticalScrollBar().valueChanged.connect(lambda _v: self.follow(left, right))
        right.verticalScrollBar().valueChanged.connect(lambda _v: self.follow(right, left))

    @staticmethod
    def top_row(view: QTextBrowser) -> tuple[int, float]:
        """(row number, fraction of that row above the top of the view)."""
        layout, y = view.document().documentLayout(), view.verticalScrollBar().value()
        block = view.document().findBlock(max(0, layout.hitTest(QPointF(view.document().documentMargin(), y),
                                                                Qt.FuzzyHit)))
        rect = layout.blockBoundingRect(block)
        if rect.bottom() <= y and block.next().isValid():  # y on the boundary: the row below is on top
            block = block.next()
            rect = layout.blockBoundingRect(block)
        return block.blockNumber(), min(1.0, max(0.0, (y - rect.top()) / max(1.0, rect.height())))

    def follow(self, source: QTextBrowser, target: QTextBrowser) -> None:
        if self._busy:
            return
        self._busy = True
        try:
            number, fraction = self.top_row(source)
            block = target.document().findBlockByNumber(number)
            if block.isValid():
                rect = target.document().documentLayout().blockBoundingRect(block)
                target.verticalScrollBar().setValue(round(rect.top() + fraction * rect.height()))
        finally:
            self._busy = False


class HistoryDialog(QDialog):
    """Non-modal; restore goes through the window so unsaved work is asked about first."""

    def __init__(self, session: PageSession, restore: Callable[[int], None], parent=None):
        super().__init__(parent)
        self.session = session
        self.restore_cb = restore
        self.setWindowTitle(tr("history.title", number=session.info.number))
        self.resize(1100, 700)
        lay = QVBoxLayout(self)

        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(tr("history.cols").split("|"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.Stretch)
        self.table.itemSelectionChanged.connect(self._selected)

        bar = QHBoxLayout()
        self.from_box, self.to_box = QComboBox(), QComboBox()
        bar.addWidget(QLabel(tr("history.from")))
        bar.addWidget(self.from_box)
        bar.addWidget(QLabel(tr("history.to")))
        bar.addWidget(self.to_box)
        self.side = QRadioButton(tr("history.side"))
        self.inline = QRadioButton(tr("history.inline"))
        self.side.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.side)
        group.addButton(self.inline)
        bar.addWidget(self.side)
        bar.addWidget(self.inline)
        bar.addStretch(1)
        self.restore_button = QPushButton(tr("history.restore"))
        self.restore_button.clicked.connect(self._restore)
        bar.addWidget(self.restore_button)

        self.left, self.right, self.single = DiffPane(), DiffPane(), QTextBrowser()
        self._level_timer = QTimer(self)
        self._level_timer.setSingleShot(True)
        self._level_timer.setInterval(80)  # once a resize settles
        self._level_timer.timeout.connect(self.level)
        for pane in (self.left, self.right):
            pane.resized.connect(self._level_timer.start)
        for view in (self.left, self.right, self.single):
            view.setFont(text_font(11))
        self.row_sync = RowSync(self.left, self.right)
        self.pair = QSplitter(Qt.Horizontal)
        self.pair.addWidget(self.left)
        self.pair.addWidget(self.right)

        split = QSplitter(Qt.Vertical)
        split.addWidget(self.table)
        diff_box = QWidget()
        dl = QVBoxLayout(diff_box)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addLayout(bar)
        dl.addWidget(self.pair)
        dl.addWidget(self.single)
        split.addWidget(diff_box)
        split.setSizes([160, 560])
        lay.addWidget(split)

        for box in (self.from_box, self.to_box):
            box.currentIndexChanged.connect(self.show_diff)
        self.side.toggled.connect(self.show_diff)
        self.reload()

    def reload(self) -> None:
        self.revisions = self.session.history()
        self.table.setRowCount(len(self.revisions))
        for box in (self.from_box, self.to_box):
            box.blockSignals(True)
            box.clear()
        for i, r in enumerate(self.revisions):
            cells = (str(r.number), r.created.replace("T", " ")[:19], r.author, r.message, f"+{r.added}",
                     f"−{r.removed}")
            for col, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if col in (0, 4, 5):
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                self.table.setItem(i, col, item)
            for box in (self.from_box, self.to_box):
                box.addItem(f"{r.number} · {r.message or r.created[:16]}", r.number)
        for col in (0, 1, 2, 4, 5):
            self.table.resizeColumnToContents(col)
        n = len(self.revisions)
        self.from_box.setCurrentIndex(max(0, n - 2))
        self.to_box.setCurrentIndex(max(0, n - 1))
        for box in (self.from_box, self.to_box):
            box.blockSignals(False)
        if n:
            self.table.selectRow(n - 1)
        self.show_diff()

    def select_pair(self, a: int, b: int) -> None:
        """Diff revision a against revision b."""
        for box, number in ((self.from_box, a), (self.to_box, b)):
            box.blockSignals(True)  # one diff, not one per box
            box.setCurrentIndex(box.findData(number))
            box.blockSignals(False)
        self.show_diff()

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        number = self.revisions[rows[0].row()].number
        parent = self.revisions[rows[0].row()].parent or number
        self.from_box.blockSignals(True)
        self.from_box.setCurrentIndex(self.from_box.findData(parent))
        self.from_box.blockSignals(False)
        self.to_box.setCurrentIndex(self.to_box.findData(number))
        self.show_diff()

    def selected_revision(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.revisions[rows[0].row()].number if rows else None

    def show_diff(self, *_):
        a, b = self.from_box.currentData(), self.to_box.currentData()
        if a is None or b is None:
            return
        old, new = self.session.revision_text(a), self.session.revision_text(b)
        side = self.side.isChecked()
        self.pair.setVisible(side)
        self.single.setVisible(not side)
        if side:
            rows = aligned_rows(old, new)
            fill_side(self.left, rows, "left")
            fill_side(self.right, rows, "right")
            self.level()
            first = next((i for i, r in enumerate(rows) if r.changed), None)
            if first is not None:  # open on the first change, a few rows of context above it
                # Deferred: the panes learn their new height (scroll range) once Qt has laid out the text.
                QTimer.singleShot(0, lambda: self.scroll_to_row(max(0, first - 3)))
        else:
            self.single.setHtml(inline_html(old, new))

    def level(self) -> None:
        if self.pair.isVisible():
            level_rows(self.left, self.right)
            self.row_sync.follow(self.left, self.right)

    def scroll_to_row(self, number: int) -> None:
        """Put row number at the top of the left pane (the right one follows)."""
        block = self.left.document().findBlockByNumber(number)
        rect = self.left.document().documentLayout().blockBoundingRect(block)
        bar = self.left.verticalScrollBar()
        if bar.value() == round(rect.top()):
            self.row_sync.follow(self.left, self.right)
        bar.setValue(round(rect.top()))

    def _restore(self) -> None:
        number = self.selected_revision()
        if number is not None:
            self.restore_cb(number)
            self.reload()
