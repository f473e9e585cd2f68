"""Finding highlights: one colour per kind, a legend, and the changed-text marks.

All findings are drawn by a QSyntaxHighlighter keyed by block: Qt asks for a
block's formats only when it lays the block out, and a decision re-highlights
just the blocks it touched. ExtraSelections (one QTextCursor per range, each
costing a layout on every change) proved too slow on a 100,000-character page
(see benchmarks/bench_gui.py); they mark only the selected finding.
"""
from __future__ import annotations

import bisect

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QTextEdit, QWidget

from proofdesk.findings import FindingKind
from proofdesk.gui.adapters import QtOffsets, cursor_for
from proofdesk.gui.strings import language, tr
from proofdesk.session import FindingState

# Seven colour families, as the proofreader sees them; the legend names each family's kinds.
FAMILIES = (
    ("duplicate", (FindingKind.DUPLICATE,), "#f4a6a6"),
    ("continuation", (FindingKind.CONTINUATION, FindingKind.REFLOW), "#9fc5f8"),
    ("caption", (FindingKind.CAPTION,), "#b6e3a8"),
    ("jump", (FindingKind.JUMP,), "#d5b3f0"),
    ("char", (FindingKind.CHAR,), "#ffd966"),
    ("punct", (FindingKind.PUNCT, FindingKind.SPACE), "#f9cb9c"),
    # A rebuilt reading order covers a whole page region: a colour of its own, not punctuation's.
    ("order", (FindingKind.ORDER, FindingKind.LAYOUT), "#a8dcd4"),
)
COLOUR = {kind: QColor(colour) for _, kinds, colour in FAMILIES for kind in kinds}
CHANGED = QColor("#2e7d32")
# In the raw pane, a rebuilt page's lines are tinted by the column the rebuild put them
# in (the column order dialog shows the same tints): the interleave reads at a glance.
COLUMN_TINTS = ("#cfe2f3", "#d9ead3", "#fce5cd", "#e6d9f2", "#fff2cc", "#d0ece7")


def column_tint(k: int) -> QColor:
    return QColor(COLUMN_TINTS[k % len(COLUMN_TINTS)])


def family_label(kinds) -> str:
    return " / ".join(k.label_zh if language() == "zh" else k.label_en for k in kinds[:2])


def _format(kind: FindingKind, state: FindingState, current: bool, column: int | None = None) -> QTextCharFormat:
    fmt = QTextCharFormat()
    colour = QColor(COLOUR[kind]) if column is None else column_tint(column)
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


MAX_CURRENT_MARKS = 20  # a layout finding may touch thousands of separators; mark the first ones


class FindingHighlighter(QSyntaxHighlighter):
    """Marks findings and changed text block by block (Qt asks only for blocks it lays out).

    Ranges are kept in document positions. The window shifts them for every
    edit (shift()), with the exact edit: Qt reports changes coarsely (a whole
    edit block, or a whole paragraph for an input-method commit). A decision
    replaces the ranges of a few findings and re-highlights only their blocks.
    """

    def __init__(self, editor):
        super().__init__(editor)
        self.setDocument(editor.document())
        self.ranges: dict[str, tuple[list[tuple[int, int]], QTextCharFormat]] = {}
        self.changed: list[tuple[int, int]] = []
        self._formats: dict[tuple, QTextCharFormat] = {}
        self._changed_fmt = _changed_format()
        self._index: list | None = None  # (start, end, fid, fmt) sorted by (start, end, fid); "" = changed mark
        self._longest = 0

    def fmt(self, kind, state, current=False, column: int | None = None) -> QTextCharFormat:
        key = (kind, state, current, column)
        fmt = self._formats.get(key)
        if fmt is None:
            fmt = self._formats[key] = _format(*key)
        return fmt

    # ---- changing what is marked
    def clear(self) -> None:
        """Forget every mark without re-highlighting (the text is about to be replaced)."""
        self.ranges, self.changed, self._index = {}, [], None

    def reset(self, ranges: dict[str, tuple[list[tuple[int, int]], QTextCharFormat]],
              changed: list[tuple[int, int]]) -> None:
        """ranges: a finding's ranges and its format, or one format per range (a list:
        the lines of a rebuilt page's columns, one tint per column)."""
        self.ranges = {fid: _nonempty(rs, fmt) for fid, (rs, fmt) in ranges.items()}
        self.changed = [r for r in changed if r[1] > r[0]]
        self._index = None
        self.rehighlight()

    def update(self, ranges: dict[str, tuple[list[tuple[int, int]], QTextCharFormat] | None],
               changed: list[tuple[int, int]] | None = None) -> None:
        """New ranges for some findings (None drops one), and optionally new changed marks."""
        dirty: list[tuple[int, int]] = []
        for fid, value in ranges.items():
            old = self.ranges.pop(fid, None)
            if old:
                dirty.extend(old[0])
                self._unindex(fid, old[0])
            if value is not None:
                rs, fmt = self.ranges[fid] = _nonempty(*value)
                dirty.extend(rs)
                self._reindex(fid, rs, fmt)
        if changed is not None:
            changed = [r for r in changed if r[1] > r[0]]
            gone, new = set(self.changed) - set(changed), set(changed) - set(self.changed)
            dirty.extend(gone | new)
            self._unindex("", gone)
            self._reindex("", new, self._changed_fmt)
            self.changed = changed
        self._rehighlight_ranges(dirty)

    # The index is kept sorted in place, so a decision costs a few bisections, not a re-sort.
    def _unindex(self, fid: str, rs) -> None:
        if self._index is None:
            return
        for a, b in rs:
            i = bisect.bisect_left(self._index, (a, b, fid), key=_key)
            if i < len(self._index) and _key(self._index[i]) == (a, b, fid):
                del self._index[i]

    def _reindex(self, fid: str, rs, fmt) -> None:
        if self._index is None:
            return
        for a, b, f in _each(rs, fmt):
            bisect.insort(self._index, (a, b, fid, f), key=_key)
            self._longest = max(self._longest, b - a)

    def _rehighlight_ranges(self, dirty) -> None:
        doc = self.document()
        seen = set()
        for a, b in dirty:
            block = doc.findBlock(a)
            while block.isValid() and block.position() <= b:
                if block.blockNumber() not in seen:
                    seen.add(block.blockNumber())
                    self.rehighlightBlock(block)
                block = block.next()

    def shift(self, pos: int, removed: int, added: int) -> None:
        """The document's [pos, pos+removed) became `added` characters: move the ranges after it."""
        delta = added - removed
        end = pos + removed

        def move(x: int) -> int:
            return x + delta if x >= end else (pos if x > pos else x)

        if (not delta and not removed) or not (self.ranges or self.changed):
            return
        self.ranges = {fid: ([(move(a), move(b)) for a, b in rs], fmt) for fid, (rs, fmt) in self.ranges.items()}
        self.changed = [(move(a), move(b)) for a, b in self.changed]
        self._index = None

    # ---- reading
    def _build_index(self) -> None:
        items = [(a, b, fid, f) for fid, (rs, fmt) in self.ranges.items() for a, b, f in _each(rs, fmt) if b > a]
        items += [(a, b, "", self._changed_fmt) for a, b in self.changed if b > a]
        items.sort(key=_key)
        self._index = items
        self._longest = max((t[1] - t[0] for t in items), default=0)

    def _overlapping(self, lo: int, hi: int):
        if self._index is None:
            self._build_index()
        i = bisect.bisect_left(self._index, lo - self._longest, key=_start)
        j = bisect.bisect_left(self._index, hi, key=_start)
        return [t for t in self._index[i:j] if t[1] > lo]

    def at(self, pos: int) -> list[str]:
        """Findings marked at a document position, the narrowest (most specific) first."""
        hits = sorted((t for t in self._overlapping(pos, pos + 1) if t[2] and t[0] <= pos), key=lambda t: t[1] - t[0])
        return list(dict.fromkeys(t[2] for t in hits))

    def count(self) -> int:
        return sum(len(rs) for rs, _ in self.ranges.values()) + len(self.changed)

    def highlightBlock(self, text):  # Qt override
        block = self.currentBlock()
        pos, n = block.position(), block.length() - 1
        if n <= 0:
            return
        # Findings first, then changed-text marks over them.
        hits = self._overlapping(pos, pos + n)
        for a, b, fid, fmt in sorted(hits, key=lambda t: t[2] == ""):
            a, b = max(a, pos), min(b, pos + n)
            if b > a:
                self.setFormat(a - pos, b - a, fmt)


def _key(t):
    return t[0], t[1], t[2]


def _each(rs, fmt):
    """(start, end, format) of each range: one format for all, or one per range."""
    return zip((a for a, _ in rs), (b for _, b in rs), fmt if isinstance(fmt, list) else [fmt] * len(rs))


def _nonempty(rs, fmt):
    """The ranges (and their formats, one per range) that hold at least one character."""
    if not isinstance(fmt, list):
        return [r for r in rs if r[1] > r[0]], fmt
    kept = [(r, f) for r, f in zip(rs, fmt) if r[1] > r[0]]
    return [r for r, _ in kept], [f for _, f in kept]


def _start(t):
    return t[0]


def current_selections(editor, offsets: QtOffsets, ranges, fmt) -> list:
    """ExtraSelections marking the selected finding (on top of the highlighter's marks)."""
    doc = editor.document()
    out = []
    for a, b in list(ranges)[:MAX_CURRENT_MARKS]:
        if b > a:
            sel = QTextEdit.ExtraSelection()
            sel.cursor = cursor_for(doc, offsets, a, b)
            sel.format = fmt
            out.append(sel)
    return out


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
