"""The history view: revisions of a page, a character-level diff of any two, restore."""
from __future__ import annotations

import html
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QComboBox, QDialog, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QRadioButton, QSplitter, QTableWidget, QTableWidgetItem,
                               QTextBrowser, QVBoxLayout, QWidget)

from proofdesk.gui.panes import text_font
from proofdesk.gui.strings import tr
from proofdesk.session import PageSession, char_diff

_DEL = "background:#ffc9c9; color:#8b0000; text-decoration:line-through;"
_INS = "background:#c6f0c2; color:#0b5d1e;"


def _esc(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def diff_html(a: str, b: str) -> tuple[str, str, str]:
    """(left, right, inline) HTML: removed text marked on the left, added on the right, both inline."""
    left, right, inline = [], [], []
    for op, chunk in char_diff(a, b):
        t = _esc(chunk)
        if op == 0:
            left.append(t)
            right.append(t)
            inline.append(t)
        elif op < 0:
            span = f"<span style='{_DEL}'>{t}</span>"
            left.append(span)
            inline.append(span)
        else:
            span = f"<span style='{_INS}'>{t}</span>"
            right.append(span)
            inline.append(span)
    return "".join(left), "".join(right), "".join(inline)


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

        self.left, self.right, self.single = QTextBrowser(), QTextBrowser(), QTextBrowser()
        for view in (self.left, self.right, self.single):
            view.setFont(text_font(11))
        self.left.verticalScrollBar().valueChanged.connect(self.right.verticalScrollBar().setValue)
        self.right.verticalScrollBar().valueChanged.connect(self.left.verticalScrollBar().setValue)
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
        self.from_box.setCurrentIndex(self.from_box.findData(a))
        self.to_box.setCurrentIndex(self.to_box.findData(b))
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
        left, right, inline = diff_html(self.session.revision_text(a), self.session.revision_text(b))
        side = self.side.isChecked()
        self.pair.setVisible(side)
        self.single.setVisible(not side)
        self.left.setHtml(left)
        self.right.setHtml(right)
        self.single.setHtml(inline)

    def _restore(self) -> None:
        number = self.selected_revision()
        if number is not None:
            self.restore_cb(number)
            self.reload()
