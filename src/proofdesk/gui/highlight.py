"""Finding highlights: one colour per kind, drawn as ExtraSelections.

ExtraSelections are cursors, so they follow the proofreader's typing without
work from us, and the editor paints only the visible ones; rebuilding them
costs one QTextCursor per range (see benchmarks/bench_gui.py for 100,000
characters).
"""
from __future__ import annotations

import bisect

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextFormat
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QTextEdit, QWidget

from proofdesk.findings import FindingKind
from proofdesk.gui.adapters import QtOffsets, cursor_for
from proofdesk.gui.strings import language, tr
from proofdesk.session import FindingState

# Six colour families, as the proofreader sees them.
FAMILIES = (
    ("duplicate", (FindingKind.DUPLICATE,), "#f4a6a6"),
    ("continuation", (FindingKind.CONTINUATION, FindingKind.REFLOW), "#9fc5f8"),
    ("caption", (FindingKind.CAPTION,), "#b6e3a8"),
    ("jump", (FindingKind.JUMP,), "#d5b3f0"),
    ("char", (FindingKind.CHAR,), "#ffd966"),
    ("punct", (FindingKind.PUNCT, FindingKind.SPACE, FindingKind.ORDER, FindingKind.LAYOUT), "#f9cb9c"),
)
COLOUR = {kind: QColor(colour) for _, kinds, colour in FAMILIES for kind in kinds}
CHANGED = QColor("#2e7d32")


def family_label(kinds) -> str:
    return " / ".join(k.label_zh if language() == "zh" else k.label_en for k in kinds[:2])


def _format(kind: FindingKind, state: FindingState, current: bool) -> QTextCharFormat:
    fmt = QTextCharFormat()
    colour = QColor(COLOUR[kind])
    if state is FindingState.REJECTED:
        colour.setAlpha(70)
    elif state in (FindingState.ACCEPTED, FindingState.EDITED):
        colour.setAlpha(140)
    fmt.setBackground(colour)
    if current:
        fmt.setUnderlineStyle(QTextCharFormat.SingleUnderline)
        fmt.setUnderlineColor(QColor("#c00000"))
        fmt.setFontUnderline(True)
        fmt.setFontWeight(700)
    return fmt


def _changed_format() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.WaveUnderline)
    fmt.setUnderlineColor(CHANGED)
    fmt.setForeground(QColor("#1b5e20"))
    return fmt


class RangeIndex:
    """Which finding covers a text position (for tooltips). Ranges in core offsets."""

    def __init__(self, ranges: list[tuple[int, int, str]]):
        self.ranges = sorted(ranges)
        self._starts = [r[0] for r in self.ranges]
        self._longest = max((b - a for a, b, _ in self.ranges), default=0)

    def at(self, pos: int) -> list[str]:
        lo = bisect.bisect_left(self._starts, pos - self._longest)
        hi = bisect.bisect_right(self._starts, pos)
        return [fid for a, b, fid in self.ranges[lo:hi] if a <= pos < max(b, a + 1)]


def selections(editor, offsets: QtOffsets, ranges: list[tuple[int, int, str]], kinds: dict[str, FindingKind],
               states: dict[str, FindingState], current: str | None,
               changed: list[tuple[int, int]] = ()) -> list:
    """ExtraSelections for the finding ranges (core offsets) and the changed-text marks."""
    doc = editor.document()
    out = []
    formats: dict[tuple, QTextCharFormat] = {}
    changed_fmt = _changed_format()
    for a, b in changed:
        sel = QTextEdit.ExtraSelection()
        sel.cursor = cursor_for(doc, offsets, a, b)
        sel.format = changed_fmt
        out.append(sel)
    for a, b, fid in ranges:
        if b <= a:
            continue
        key = (kinds[fid], states.get(fid, FindingState.OPEN), fid == current)
        fmt = formats.get(key)
        if fmt is None:
            fmt = formats[key] = _format(*key)
        sel = QTextEdit.ExtraSelection()
        sel.cursor = cursor_for(doc, offsets, a, b)
        sel.format = fmt
        out.append(sel)
    return out


def current_line_selection(editor) -> QTextEdit.ExtraSelection:
    sel = QTextEdit.ExtraSelection()
    sel.format.setProperty(QTextFormat.FullWidthSelection, True)
    sel.format.setBackground(QColor("#f3f3f3"))
    sel.cursor = editor.textCursor()
    sel.cursor.clearSelection()
    return sel


class Legend(QWidget):
    """The colour of each kind family, and the changed-text mark."""

    def __init__(self, parent=None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 0, 4, 0)
        row.addWidget(QLabel(tr("legend") + "："))
        for _, kinds, colour in FAMILIES:
            chip = QLabel(family_label(kinds))
            chip.setStyleSheet(f"background:{colour}; padding:1px 6px; border-radius:3px;")
            chip.setToolTip(", ".join(k.label_zh + " " + k.label_en for k in kinds))
            row.addWidget(chip)
        mark = QLabel(tr("changed"))
        mark.setStyleSheet(f"color:{CHANGED.name()}; text-decoration: underline; padding:1px 6px;")
        row.addWidget(mark)
        row.addStretch(1)
        self.setAttribute(Qt.WA_StyledBackground, True)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)
