"""The two text panes (raw read-only, cleaned editable) and their synchronised scrolling."""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeySequence, QPalette
from PySide6.QtWidgets import QPlainTextEdit, QToolTip

from proofdesk.gui.adapters import QtOffsets, cursor_for

FONT_FAMILY = "Noto Sans CJK SC"
# The selected finding's text is selected in both panes. The platform's selection blue is close to the
# continuation / line-wrap colour, which covers nearly every paragraph of a hard-wrapped OCR page: a dark
# neutral selection stands apart from all the finding colours (highlight.FAMILIES).
SELECTION = QColor("#37474f")


def text_font(size: float = 12.0) -> QFont:
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(size)
    font.setStyleHint(QFont.SansSerif)
    return font


class TextPane(QPlainTextEdit):
    """A text pane that explains the finding under the mouse and reports its scroll position."""

    scrolled = Signal(int)  # core offset of the first visible character
    clicked = Signal(int)   # core offset of a plain click (no text selected)

    def __init__(self, read_only: bool, parent=None):
        super().__init__(parent)
        self.setReadOnly(read_only)
        self.setFont(text_font())
        self.setLineWrapMode(QPlainTextEdit.WidgetWidth)
        self.setUndoRedoEnabled(False)  # the window's QUndoStack owns undo
        palette = self.palette()
        for group in (QPalette.Active, QPalette.Inactive):
            palette.setColor(group, QPalette.Highlight, SELECTION)
            palette.setColor(group, QPalette.HighlightedText, QColor("white"))
        self.setPalette(palette)
        self.offsets = QtOffsets("")
        self.explain: Callable[[int], str] | None = None  # core offset -> tooltip text
        self.verticalScrollBar().valueChanged.connect(self._emit_scrolled)

    def set_core_text(self, text: str) -> None:
        self.offsets = QtOffsets(text)
        self.setPlainText(text)

    def first_visible_offset(self) -> int:
        pos = self.cursorForPosition(QPoint(2, 2)).position()
        return self.offsets.to_py(pos)

    def _emit_scrolled(self, _value: int) -> None:
        self.scrolled.emit(self.first_visible_offset())

    def scroll_to_offset(self, offset: int) -> None:
        """Put the line holding core offset at the top of the view."""
        doc = self.document()
        qt = min(self.offsets.to_qt(offset), max(0, doc.characterCount() - 1))
        block = doc.findBlock(qt)
        line = block.firstLineNumber()
        layout = block.layout()
        if layout is not None and layout.lineCount() > 0:
            line += layout.lineForTextPosition(qt - block.position()).lineNumber()
        self.verticalScrollBar().setValue(max(0, line))

    def reveal(self, start: int, end: int) -> None:
        """Select core range start..end and centre its beginning.

        The caret goes to the start (the selection is made backwards): a region
        longer than the view, such as a rebuilt reading order, shows from where
        it begins rather than from its last line.
        """
        self.setTextCursor(cursor_for(self.document(), self.offsets, end, start))
        self.centerCursor()

    def event(self, ev):  # Qt override
        if ev.type() == QEvent.ShortcutOverride and (ev.matches(QKeySequence.Undo) or ev.matches(QKeySequence.Redo)):
            ev.ignore()  # let the window's QUndoStack actions have Ctrl+Z / Ctrl+Shift+Z
            return False
        return super().event(ev)

    def viewportEvent(self, ev):  # Qt override: hovering over the text arrives at the viewport
        if ev.type() == QEvent.ToolTip and self.explain is not None:
            text = self.explain(self.offsets.to_py(self.cursorForPosition(ev.pos()).position()))
            if text:
                QToolTip.showText(ev.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                ev.ignore()
            return True
        return super().viewportEvent(ev)

    def mouseReleaseEvent(self, ev):  # Qt override
        super().mouseReleaseEvent(ev)
        if ev.button() == Qt.LeftButton and not self.textCursor().hasSelection():
            self.clicked.emit(self.offsets.to_py(self.cursorForPosition(ev.position().toPoint()).position()))

    def wheelEvent(self, ev):  # Qt override: Ctrl+wheel zooms like Ctrl+= / Ctrl+-
        if ev.modifiers() & Qt.ControlModifier:
            self.zoom(1 if ev.angleDelta().y() > 0 else -1)
            return
        super().wheelEvent(ev)

    def zoom(self, steps: int) -> None:
        font = self.font()
        size = font.pointSizeF() if steps else 12.0
        font.setPointSizeF(min(48.0, max(6.0, size + steps)))
        self.setFont(font)


class ScrollSync:
    """Scrolling one pane scrolls the other to the same place in the text.

    to_other maps a core offset in the source pane to one in the target pane.
    """

    def __init__(self, raw: TextPane, cleaned: TextPane,
                 raw_to_clean: Callable[[int], int], clean_to_raw: Callable[[int], int]):
        self._busy = False
        self.enabled = True
        raw.scrolled.connect(lambda off: self._follow(cleaned, raw_to_clean(off)))
        cleaned.scrolled.connect(lambda off: self._follow(raw, clean_to_raw(off)))

    def _follow(self, target: TextPane, offset: int) -> None:
        if self._busy or not self.enabled:
            return
        self._busy = True
        try:
            target.scroll_to_offset(offset)
        finally:
            self._busy = False
