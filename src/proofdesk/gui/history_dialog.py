"""The history view: revisions of a page, a character-level diff of any two, restore.

The diff is side by side (diff_panes: the same rows in both panes, kept level)
or inline.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QComboBox, QDialog, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QRadioButton, QSplitter, QTableWidget, QTableWidgetItem,
                               QTextBrowser, QVBoxLayout, QWidget)

from proofdesk.gui.diff_panes import DiffPane, RowSync, fill_side, inline_html, level_rows
from proofdesk.gui.panes import text_font
from proofdesk.gui.strings import tr
from proofdesk.session import PageSession
from proofdesk.session.aligned_diff import aligned_rows


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
