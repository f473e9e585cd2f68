"""Editing a finding's proposal in place, in the findings list (F2 / E, or a double click).

The editor opens over the proposal cell, a few lines tall so a proposal that
spans lines (a joined paragraph, a moved caption) can be read and changed.
Enter applies, Shift+Enter starts a new line, Esc cancels; leaving the editor
applies too, as any item editor does. The delegate hands the text to the
model (FindingsModel.setData), which hands it to the window: one edit is one
undo step, like any decision.
"""
from __future__ import annotations

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtWidgets import QPlainTextEdit, QStyledItemDelegate

from proofdesk.gui.panes import text_font

_LINES = 4
_MIN_WIDTH = 380


class ProposalEditor(QPlainTextEdit):
    done = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFont(text_font(11))
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.WidgetWidth)

    def keyPressEvent(self, ev):  # Qt override
        if ev.key() in (Qt.Key_Return, Qt.Key_Enter) and not ev.modifiers() & Qt.ShiftModifier:
            self.done.emit()
            return
        if ev.key() in (Qt.Key_Return, Qt.Key_Enter):  # Shift+Enter: a line break, not a paragraph mark
            self.insertPlainText("\n")
            return
        super().keyPressEvent(ev)


class ProposalDelegate(QStyledItemDelegate):
    def createEditor(self, parent, option, index):  # Qt override
        editor = ProposalEditor(parent)
        editor.done.connect(lambda: self._finish(editor))
        return editor

    def _finish(self, editor: ProposalEditor) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.NoHint)

    def setEditorData(self, editor, index):  # Qt override
        editor.setPlainText(index.data(Qt.EditRole) or "")
        editor.selectAll()

    def setModelData(self, editor, model, index):  # Qt override
        model.setData(index, editor.toPlainText(), Qt.EditRole)

    def updateEditorGeometry(self, editor, option, index):  # Qt override
        # Taller than the row, and at least wide enough to read a sentence; kept inside the list.
        r = option.rect
        height = editor.fontMetrics().lineSpacing() * _LINES + 12
        width = max(r.width(), _MIN_WIDTH)
        view = editor.parentWidget()
        x = max(0, min(r.x(), view.width() - width)) if view is not None else r.x()
        y = r.y() if view is None or r.y() + height <= view.height() else max(0, r.bottom() - height)
        editor.setGeometry(QRect(x, y, width, height))
