"""The column order of a rebuilt interleaved page: the proofreader moves a column up or down.

The rebuild finds each column's lines well more often than it finds the order
the columns are read in (a column set lower under a photo comes first in its
rows). Putting a column in its place is a few keystrokes here, instead of
cutting and pasting whole paragraphs in the cleaned pane.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QPushButton, QVBoxLayout)

from proofdesk.gui.highlight import column_tint
from proofdesk.gui.panes import text_font
from proofdesk.gui.strings import tr
from proofdesk.page.reading import Column

_EXCERPT = 14


class _ColumnList(QListWidget):
    """Alt+Up / Alt+Down ask to move the selected column (the list's own Up / Down still select)."""

    step = Signal(int)

    def keyPressEvent(self, ev):  # Qt override
        if ev.modifiers() & Qt.AltModifier and ev.key() in (Qt.Key_Up, Qt.Key_Down):
            self.step.emit(-1 if ev.key() == Qt.Key_Up else 1)
            return
        super().keyPressEvent(ev)


def column_label(k: int, col: Column) -> str:
    first, last = col.first[:_EXCERPT], col.last[-_EXCERPT:]
    return tr("columns.item", number=k + 1, lines=col.lines, first=first, last=last)


class ColumnOrderDialog(QDialog):
    """The page's columns in reading order; Alt+Up / Alt+Down (or the buttons, or a drag) move the
    selected one. order() is the new order, as indices into the columns given."""

    def __init__(self, parent, title: str, label: str, columns: list[Column]):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.list = _ColumnList(self)
        self.list.step.connect(self.move)
        self.list.setFont(text_font(11))
        self.list.setDragDropMode(QAbstractItemView.InternalMove)
        for k, col in enumerate(columns):
            item = QListWidgetItem(column_label(k, col))
            item.setData(Qt.UserRole, k)
            item.setBackground(column_tint(k))  # the tint of its lines in the raw pane
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        up, down = QPushButton(tr("columns.up"), self), QPushButton(tr("columns.down"), self)
        up.clicked.connect(lambda: self.move(-1))
        down.clicked.connect(lambda: self.move(1))
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        side = QVBoxLayout()
        side.addWidget(up)
        side.addWidget(down)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(side)
        layout = QVBoxLayout(self)
        text = QLabel(label, self)
        text.setWordWrap(True)
        layout.addWidget(text)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(720, 320)

    def move(self, step: int) -> None:
        """Move the selected column one place up (-1) or down (1); it stays selected."""
        row = self.list.currentRow()
        to = row + step
        if row < 0 or not 0 <= to < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(to, item)
        self.list.setCurrentRow(to)

    def order(self) -> list[int]:
        return [self.list.item(i).data(Qt.UserRole) for i in range(self.list.count())]
