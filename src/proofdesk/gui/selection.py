"""The current finding, kept in step between the findings list and both panes.

Selecting a finding (from the list, a click on its mark, or a review step)
selects its row, scrolls both panes to it, marks it over the highlighter's
colours (ExtraSelections), shows it in full beside the list (finding_details)
and describes it in the status bar. The hover tooltip of a pane describes the
findings under the mouse the same way.
"""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QTextCharFormat

from proofdesk.findings import FindingKind
from proofdesk.gui.findings_model import ID_ROLE
from proofdesk.gui.highlight import FindingHighlighter, current_selections
from proofdesk.gui.strings import language, tr
from proofdesk.session import FindingState


class FindingSelection:
    def current_finding(self) -> str | None:
        return self._current

    def select_finding(self, fid: str | None, focus_list: bool = False) -> None:
        """Select a finding in the list and scroll both panes to it."""
        if fid is None or self.session is None:
            return
        row = self.model.row_of(fid)
        if row >= 0:
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            if index.isValid():
                self.table.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
                self.table.scrollTo(index)
        self._focus(fid)
        if focus_list:
            self.table.setFocus()

    def _row_changed(self, current, _previous) -> None:
        if current.isValid():
            self._focus(self.proxy.data(current, ID_ROLE))

    def _pane_clicked(self, pane, marks: FindingHighlighter, offset: int) -> None:
        """A click on a highlighted finding in either pane selects it (and scrolls the other pane)."""
        if self.session is None:
            return
        fids = marks.at(pane.offsets.to_qt(offset))
        if not fids or self._current in fids:
            return
        self._clicked_in = pane
        try:
            self.select_finding(fids[0])
        finally:
            self._clicked_in = None

    def _focus(self, fid: str) -> None:
        if fid == self._current and fid is not None:
            return
        self._current = fid
        s = self.session
        self.sync.enabled = False
        try:
            if self._clicked_in is not self.raw:
                a, b = s.marks(fid)[0]
                if s.finding(fid).kind is FindingKind.ORDER and self._columns:
                    b = a  # the caret at its start: a selection would hide the columns' tints
                self.raw.reveal(a, b)
            if self._clicked_in is not self.cleaned:  # never select under the proofreader's caret
                a, b = s.current_ranges(fid)[0]
                self.cleaned.reveal(a, b)
        finally:
            self.sync.enabled = True
        self._show_current()
        self.statusBar().showMessage(self._describe(fid), 10000)

    def _show_current(self) -> None:
        """Mark the current finding in both panes, over the highlighter's colours, and show it in full."""
        s, fid = self.session, self._current
        raw_sel, clean_sel = [], []
        if s is not None and fid is not None:
            f, state = s.finding(fid), s.state(fid)
            fmt = self.raw_marks.fmt(f.kind, state, True)
            raw_fmt = fmt
            if f.kind is FindingKind.ORDER and self._columns:  # the columns' tints stay visible
                raw_fmt = QTextCharFormat(fmt)
                raw_fmt.clearBackground()
            raw_sel = current_selections(self.raw, self.raw.offsets, s.marks(fid), raw_fmt)
            clean_sel = current_selections(self.cleaned, self.cleaned.offsets, s.current_ranges(fid), fmt)
        self.raw.setExtraSelections(raw_sel)
        self.cleaned.setExtraSelections(clean_sel)
        self.details.show_finding(s, fid)

    def _describe(self, fid: str) -> str:
        s = self.session
        f = s.finding(fid)
        label = f.kind.label_zh if language() == "zh" else f.kind.label_en
        text = f"{label}：{f.message(language())}"
        if f.has_fix or s.state(fid) is FindingState.EDITED:
            text += f"  →「{s.proposal(fid)[:60]}」"
        return text + f"  [{tr('state.' + s.state(fid).value)}]"

    def _explain(self, pane, marks: FindingHighlighter, pos: int) -> str:
        if self.session is None:
            return ""
        return "\n\n".join(self._describe(fid) for fid in marks.at(pane.offsets.to_qt(pos))[:3])

    def _filter_changed(self, *_):
        # Qt hands str Enums back as plain str.
        kind, state = self.kind_filter.currentData(), self.state_filter.currentData()
        self.proxy.set_filter(FindingKind(kind) if kind else None, FindingState(state) if state else None)
