"""The one place where core text offsets meet QTextCursor.

The core counts Python str indices. A QTextDocument counts UTF-16 units and
turns "\\r\\n", "\\r", U+2028 and U+2029 into one paragraph separator. QtOffsets
converts between the two for one text, one method a direction: to_qt (core
offset -> document position) and to_py (a position Qt reports, from a click, a
hover or a contentsChange -> core offset). apply_edits turns core Edits into
document edits inside one edit block, so an action is one step for the view.
"""
from __future__ import annotations

import bisect
import re
from typing import Iterable

from PySide6.QtGui import QTextCursor, QTextDocument

from proofdesk.findings import Edit

_SPECIAL = re.compile("[\U00010000-\U0010ffff]|\r\n")
_PARA = "\u2029"


class QtOffsets:
    """Python index <-> QTextDocument position for one text."""

    def __init__(self, text: str):
        self.text = text
        self._py: list[int] = []     # python index where the shift changes
        self._qt: list[int] = []     # the same point in document positions
        self._shift: list[int] = []  # qt - py from that point on
        shift = 0
        for m in _SPECIAL.finditer(text):
            if m.group() == "\r\n":
                shift -= 1
                at = m.start() + 2
            else:
                shift += 1
                at = m.start() + 1
            self._py.append(at)
            self._qt.append(at + shift)
            self._shift.append(shift)
        self.identity = not self._py

    def to_qt(self, pos: int) -> int:
        if self.identity:
            return pos
        k = bisect.bisect_right(self._py, pos)
        return pos + (self._shift[k - 1] if k else 0)

    def to_py(self, pos: int) -> int:
        if self.identity:
            return pos
        k = bisect.bisect_right(self._qt, pos)
        return pos - (self._shift[k - 1] if k else 0)


def doc_text(cursor_text: str) -> str:
    """A QTextCursor selection as core text (paragraph separators become newlines)."""
    return cursor_text.replace(_PARA, "\n")


def cursor_for(doc: QTextDocument, offsets: QtOffsets, start: int, end: int) -> QTextCursor:
    """A cursor selecting core range start..end: the anchor at start, the caret at end (end < start
    selects backwards)."""
    c = QTextCursor(doc)
    last = doc.characterCount() - 1
    c.setPosition(min(offsets.to_qt(start), last))
    c.setPosition(min(offsets.to_qt(end), last), QTextCursor.KeepAnchor)
    return c


def apply_edits(doc: QTextDocument, offsets: QtOffsets, edits: Iterable[Edit]) -> None:
    """Apply core edits (old-text coordinates) to the document in one edit block."""
    edits = sorted(edits, reverse=True)
    if not edits:
        return
    c = QTextCursor(doc)
    c.beginEditBlock()
    try:
        for e in edits:
            c.setPosition(offsets.to_qt(e.start))
            c.setPosition(offsets.to_qt(e.end), QTextCursor.KeepAnchor)
            c.insertText(e.text)
    finally:
        c.endEditBlock()


def change_to_edit(doc: QTextDocument, offsets: QtOffsets, position: int, removed: int, added: int) -> Edit:
    """A document contentsChange(position, removed, added) as a core Edit on the old text."""
    start = offsets.to_py(position)
    end = offsets.to_py(position + removed)
    c = QTextCursor(doc)
    last = doc.characterCount() - 1
    c.setPosition(min(position, last))
    c.setPosition(min(position + added, last), QTextCursor.KeepAnchor)
    return Edit(start, max(start, end), doc_text(c.selectedText()))
