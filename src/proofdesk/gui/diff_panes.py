"""The side-by-side diff of two revisions: two panes with the same rows, kept level.

The two panes hold the same rows (session.aligned_diff: a line missing on one
side is a filler row there), so row i faces row i. The shorter row of each pair
is padded to the height of the other (level_rows, again when the panes' width
changes), and scrolling one pane puts the other at the same row and the same
fraction of it (RowSync), so a change stays level across the panes. The inline
diff (one flow, removals struck through) is inline_html.
"""
from __future__ import annotations

import html

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QTextBlockFormat, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextBrowser

from proofdesk.session import char_diff
from proofdesk.session.aligned_diff import DiffRow

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
