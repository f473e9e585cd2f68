"""The marks of every finding in both panes, kept in step with the session.

Opening a page (or a change too large to follow) marks every finding again;
a decision, an undo or typing re-marks only the findings whose state changed
or whose text moved, so a long page stays responsive (benchmarks/bench_gui.py).
Marks are kept in document positions, converted once here through the panes'
QtOffsets.
"""
from __future__ import annotations

from proofdesk.findings import FindingKind
from proofdesk.session import FindingState


class PaneMarks:
    _columns: list = []  # a rebuilt page's column streams (reading.Column), for the raw pane's tints

    @staticmethod
    def _marked(f) -> bool:
        # Layout findings touch every paragraph separator: marked only while selected.
        return f.kind is not FindingKind.LAYOUT

    def refresh_highlights(self) -> None:
        """Mark every finding in both panes (opening a page, or after many edits)."""
        s = self.session
        if s is None:
            return
        self._states = {f.id: s.state(f.id) for f in s.findings}
        self._dropped = set(s.decided.dropped)
        # A rebuilt page's columns, for its raw lines' tints (the raw text never changes).
        self._columns = s.columns()
        raw, clean = {}, {}
        for f in s.findings:
            if self._marked(f):
                raw[f.id], clean[f.id] = self._ranges(f, self._states[f.id])
        self.raw_marks.reset(raw, [])
        self.clean_marks.reset({k: v for k, v in clean.items() if v is not None}, self._changed_qt())
        self._show_current()

    def _ranges(self, f, state: FindingState):
        """(raw marks, cleaned marks or None) of a finding, in document positions."""
        s = self.session
        ro, co = self.raw.offsets, self.cleaned.offsets
        columns = self._columns if f.kind is FindingKind.ORDER else []
        if columns:  # each raw line in its column's tint
            raw = ([(ro.to_qt(a), ro.to_qt(b)) for col in columns for a, b in col.spans],
                   [self.raw_marks.fmt(f.kind, state, column=k) for k, col in enumerate(columns) for _ in col.spans])
        else:
            raw = ([(ro.to_qt(a), ro.to_qt(b)) for a, b in s.marks(f.id)], self.raw_marks.fmt(f.kind, state))
        if state not in (FindingState.OPEN, FindingState.REJECTED):
            return raw, None  # accepted or edited: the fix shows as changed text instead
        return raw, ([(co.to_qt(a), co.to_qt(b)) for a, b in s.current_ranges(f.id)],
                     self.clean_marks.fmt(f.kind, state))

    def _changed_qt(self) -> list[tuple[int, int]]:
        co = self.cleaned.offsets
        return [(co.to_qt(a), co.to_qt(b)) for a, b in self.session.changed_ranges()]

    def _update_highlights(self, touched: set[str]) -> None:
        """After a decision or an undo: re-mark only the findings whose state changed or whose text moved."""
        s = self.session
        states = {f.id: s.state(f.id) for f in s.findings}
        changed = {fid for fid, st in states.items() if self._states.get(fid) is not st}
        dropped = set(s.decided.dropped)
        changed_rows = changed | (dropped ^ self._dropped)
        self._states, self._dropped = states, dropped
        self.model.update_some(s.rows_for(changed_rows))
        raw, clean = {}, {}
        for fid in changed | touched:
            f = s.finding(fid)
            if self._marked(f):
                r, c = self._ranges(f, states[fid])
                if fid in changed:
                    raw[fid] = r
                clean[fid] = c
        if raw:
            self.raw_marks.update(raw)
        self.clean_marks.update(clean, self._changed_qt())
        self._show_current()

    def _refresh_changed(self) -> None:
        """After typing: only the changed-text marks move (the highlighter shifts the rest)."""
        if self.session is not None:
            self.clean_marks.update({}, self._changed_qt())
