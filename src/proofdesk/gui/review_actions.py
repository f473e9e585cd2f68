"""Review actions of the main window: decide findings, move between them, find and replace.

Each decision is one PageCommand on the window's QUndoStack; after it the
focus moves to the next open finding. An issue-wide action (the same correction
everywhere, replace across the issue) is one IssueCommand: the open page's part
plus the other pages' saved parts, undone together.
"""
from __future__ import annotations

from PySide6.QtCore import QTimer

from proofdesk.errors import ProofDeskError
from proofdesk.findings import FindingKind
from proofdesk.gui.findings_model import PROPOSAL_COL
from proofdesk.gui.strings import language, tr
from proofdesk.gui.undo import IssueCommand, PageCommand
from proofdesk.session import (FindingState, Occurrence, Outcome, plan_decisions, plan_replacements, replacement_for,
                               same_corrections, text_edits, write_pages)


class ReviewActions:
    # ---- moving
    def on_next(self):
        self._step(backwards=False)

    def on_prev(self):
        self._step(backwards=True)

    def _step(self, backwards: bool) -> None:
        s = self.session
        if s is None or not s.findings:
            return
        fid = s.next_open(self.current_finding(), backwards)
        if fid is None:  # nothing open: walk all findings
            order = [f.id for f in (s.findings[::-1] if backwards else s.findings)]
            cur = self.current_finding()
            fid = order[(order.index(cur) + 1) % len(order)] if cur in order else order[0]
        self.select_finding(fid, focus_list=self.table.hasFocus())

    # ---- deciding
    def _kind_label(self, fid: str) -> str:
        f = self.session.finding(fid)
        return f.kind.label_zh if language() == "zh" else f.kind.label_en

    def _decide(self, label_key: str, action, fid: str | None) -> bool:
        if self.session is None or fid is None:
            self.statusBar().showMessage(tr("no.finding"), 4000)
            return False
        self.undo.push(PageCommand(self.session, tr(label_key, kind=self._kind_label(fid)), action,
                                   self.apply_outcome))
        nxt = self.session.next_open(fid)
        if nxt is not None:
            self.select_finding(nxt, focus_list=self.table.hasFocus())
        else:
            self._show_current()
        return True

    def on_accept(self):
        fid = self.current_finding()
        if fid is not None and not self.session.finding(fid).has_fix:
            self.statusBar().showMessage(tr("no.fix"), 6000)
            return False
        return self._decide("undo.accept", lambda p: p.accept(fid), fid)

    def on_reject(self):
        fid = self.current_finding()
        return self._decide("undo.reject", lambda p: p.reject(fid), fid)

    def on_clear(self):
        fid = self.current_finding()
        return self._decide("undo.clear", lambda p: p.clear(fid), fid)

    def on_edit(self):
        """Open the proposal of the current finding for editing in place, in the findings list.

        A finding the list's filter hides has no cell to edit in: it is asked for in a dialog.
        """
        fid = self.current_finding()
        if fid is None or self.session is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(self.model.row_of(fid), PROPOSAL_COL))
        if index.isValid():
            self.table.setFocus()
            self.table.scrollTo(index)
            self.table.edit(index)
            return True
        text = self.prompter.text(tr("edit.title"), tr("edit.label"), self.session.proposal(fid))
        return text is not None and self.edit_proposal(fid, text)

    def edit_proposal(self, fid: str, text: str) -> bool:
        """The proofreader's text for a finding's region: one undo step (nothing when unchanged)."""
        if self.session is None or self.model.row_of(fid) < 0 or text == self.session.proposal(fid):
            return False
        return self._decide("undo.edit", lambda p: p.edit(fid, text), fid)

    def on_columns(self):
        """Put the columns of the selected reading-order rewrite in the order the proofreader says:
        the rewrite's text, rebuilt in that order, is the finding's edited proposal (one undo step)."""
        fid = self.current_finding()
        s = self.session
        if s is None or fid is None or s.finding(fid).kind is not FindingKind.ORDER:
            self.statusBar().showMessage(tr("columns.none"), 6000)
            return False
        columns = s.columns()
        order = self.prompter.order(tr("columns.title"), tr("columns.label"), columns)
        if order is None or order == list(range(len(columns))):
            return False
        try:
            text = s.column_order_text(fid, order)
        except ValueError:
            self.prompter.error(tr("error.title"), tr("columns.stale"))
            return False
        if text == s.proposal(fid):
            return False
        return self._decide("undo.columns", lambda p: p.edit(fid, text), fid)

    def _proposal_edited(self, fid: str, text: str) -> None:
        # Called from inside the item editor's commit: decide once the editor has closed, since the
        # decision moves the selection on to the next open finding.
        QTimer.singleShot(0, lambda: self.edit_proposal(fid, text))

    def on_accept_kind(self):
        fid = self.current_finding()
        if fid is None:
            return False
        kind = self.session.finding(fid).kind
        return self._decide("undo.kind", lambda p: p.accept_kind(kind), fid)

    def on_everywhere(self):
        """Accept or reject this correction on every page of the issue, after listing each occurrence."""
        s, fid = self.session, self.current_finding()
        if s is None or fid is None:
            return None
        f = s.finding(fid)
        occ = same_corrections(self.store, s.info.issue_id, s.raw, f)
        if not occ:
            self.statusBar().showMessage(tr("no.fix"), 6000)
            return None
        what = " / ".join(f"{s.raw[e.start:e.end]}→{e.text}" for e in f.edits)
        listing = "\n".join(f"{tr('page', number=o.page_number)}  {o.context}" for o in occ[:40])
        answer = self.prompter.choose(tr("everywhere.title"),
                                      tr("everywhere.text", count=len(occ), what=what, list=listing),
                                      [("accept", tr("everywhere.accept")), ("reject", tr("everywhere.reject")),
                                       ("cancel", tr("import.cancel"))], "accept")
        if answer not in ("accept", "reject"):
            return None
        state = FindingState.ACCEPTED if answer == "accept" else FindingState.REJECTED
        mine = {o.finding_id: (state, None) for o in occ if o.page_id == s.page_id}
        if not self._push_issue_change(tr("undo.everywhere"), lambda p: p.decide_many(mine),
                                       lambda: plan_decisions(self.store, occ, state, skip_page=s.page_id)):
            return None
        return occ

    def _push_issue_change(self, label: str, action, plan) -> bool:
        """Write the other pages' part of an issue-wide change, then push it with the open page's part
        as one undo step (undo.IssueCommand)."""
        try:
            writes = plan()
            write_pages(self.store, writes, self.author)
        except ProofDeskError as e:
            self.prompter.error(tr("error.title"), str(e))
            return False
        s = self.session
        self.undo.push(IssueCommand(s, label, action, self.apply_outcome, self.store, writes, self.author,
                                    self._pages_changed, lambda msg: self.prompter.error(tr("error.title"), msg)))
        self._pages_changed()
        return True

    def _pages_changed(self) -> None:
        if self.session is not None:
            self.navigator.fill(self.store, self.session.page_id)
            self._update_title()

    def on_undo(self):
        self.undo.undo()

    def on_redo(self):
        self.undo.redo()

    # ---- find and replace
    def _find_dialog(self):
        from proofdesk.gui.find_replace import FindReplaceDialog
        if getattr(self, "find_dialog", None) is None:
            self.find_dialog = FindReplaceDialog(self)
        return self.find_dialog

    def on_find(self):
        self._find_dialog().open_for(replace=False)

    def on_replace(self):
        self._find_dialog().open_for(replace=True)

    def reveal_match(self, m: Occurrence) -> None:
        if self.session is None or m.page_id != self.session.page_id:
            if not self.open_page(m.page_id):
                return
        self.cleaned.reveal(m.start, m.end)
        self.cleaned.setFocus()

    def replace_matches(self, matches: list[Occurrence], needle: str, replacement: str, regex: bool,
                        case: bool) -> int:
        """Replace the reviewed matches, here and on other pages, as one undo step."""
        s = self.session
        if s is None:
            return 0
        here = [m for m in matches if m.page_id == s.page_id]
        others = [m for m in matches if m.page_id != s.page_id]

        def action(p):
            before = p.text
            for m in sorted(here, key=lambda m: m.start, reverse=True):
                p.type_edit(m.start, m.end, replacement_for(p.text, m, needle, replacement, regex, case))
            return Outcome(p.text, text_edits(before, p.text))

        if not others:
            if here:
                self.undo.push(PageCommand(s, tr("undo.replace"), action, self.apply_outcome))
            return len(here)
        if not self._push_issue_change(tr("undo.replace"), action, lambda: plan_replacements(
                self.store, others, needle, replacement, regex, case)):
            return 0
        return len(here) + len(others)
