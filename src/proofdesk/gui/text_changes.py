"""Text changes between the session and the cleaned pane, in both directions.

An action's Outcome reaches the pane through adapters.apply_edits (one edit
block); the proofreader's typing reaches the session through
adapters.change_to_edit and becomes one TypingCommand. The highlighters' marks
are shifted by the exact edit first, since Qt reports changes coarsely.
"""
from __future__ import annotations

from proofdesk.gui.adapters import QtOffsets, apply_edits, change_to_edit
from proofdesk.gui.strings import tr
from proofdesk.gui.undo import TypingCommand
from proofdesk.session import Outcome, trim_edit

_FULL_REFRESH = 40  # more edits than this (accept all of a kind): re-marking everything is cheaper


class TextChanges:
    def apply_outcome(self, outcome: Outcome) -> None:
        """Show an action's result: its edits in the cleaned pane (one edit block), then the marks."""
        offsets = self.cleaned.offsets
        full = len(outcome.edits) > _FULL_REFRESH
        touched = set()
        if not full:
            for e in outcome.edits:
                a, b = offsets.to_qt(e.start), offsets.to_qt(e.end)
                touched.update(t[2] for t in self.clean_marks._overlapping(a - 1, b + 1) if t[2])
        for e in sorted(outcome.edits, reverse=True):  # last first: earlier positions stay valid
            a, b = offsets.to_qt(e.start), offsets.to_qt(e.end)
            self.clean_marks.shift(a, b - a, QtOffsets(e.text).to_qt(len(e.text)))
        self._applying = True
        try:
            apply_edits(self.cleaned.document(), offsets, outcome.edits)
            self.cleaned.offsets = QtOffsets(outcome.text)
        finally:
            self._applying = False
        if not self._check_in_step():
            full = True
        if outcome.lost_typing:
            self.statusBar().showMessage(tr("typing.lost"), 8000)
        if full:
            self.model.update_rows(self.session.rows())
            self.refresh_highlights()
        else:
            self._update_highlights(touched)
        self._update_title()

    def _typed(self, position: int, removed: int, added: int) -> None:
        if self._applying or self.session is None:
            return
        s = self.session
        before = s.snapshot()
        offsets = self.cleaned.offsets
        e = trim_edit(s.text, change_to_edit(self.cleaned.document(), offsets, position, removed, added))
        if e is None:
            return  # a format-only notification, not an edit
        a, b = offsets.to_qt(e.start), offsets.to_qt(e.end)
        self.clean_marks.shift(a, b - a, QtOffsets(e.text).to_qt(len(e.text)))
        outcome = s.type_edit(e.start, min(e.end, len(s.text)), e.text)
        self.cleaned.offsets = QtOffsets(outcome.text)
        self._check_in_step()
        self.undo.push(TypingCommand(s, tr("undo.typing"), self.apply_outcome,
                                      Outcome(s.text, outcome.edits), before))
        self._refresh_timer.start()
        self._update_title()

    def _check_in_step(self) -> bool:
        """The pane and the session must hold the same text; if Qt reported an odd change, resync."""
        doc = self.cleaned.document()
        if doc.characterCount() - 1 != self.cleaned.offsets.to_qt(len(self.session.text)):
            text = self.cleaned.toPlainText()
            self.session.set_text(text)
            self.cleaned.offsets = QtOffsets(text)
            return False
        return True
