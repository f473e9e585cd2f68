"""Undo commands: one decision or one edit is one QUndoStack step.

A command runs a PageState action once and keeps the page's snapshot before
and after (texts are immutable strings, so a snapshot is cheap); undo and redo
restore a snapshot and hand the resulting Outcome to the window, which applies
just those edits to the cleaned pane.
"""
from __future__ import annotations

import time
from typing import Callable

from PySide6.QtGui import QUndoCommand

from proofdesk.session import Outcome, PageState, Snapshot

TYPING_ID = 1001
_MERGE_SECONDS = 2.0


class PageCommand(QUndoCommand):
    """A page action (decision, replacement, typing) as one undo step."""

    def __init__(self, page: PageState, label: str, action: Callable[[PageState], Outcome],
                 show: Callable[[Outcome], None], already_applied: Outcome | None = None,
                 before: Snapshot | None = None):
        super().__init__(label)
        self.page = page
        self.action = action
        self.show = show
        self.before = before or page.snapshot()
        self.after: Snapshot | None = None
        self._first = already_applied

    def redo(self):  # Qt override
        if self._first is not None:  # the editor already shows it (typing)
            self.after = self.page.snapshot()
            self._first = None
            return
        if self.after is None:
            outcome = self.action(self.page)
            self.after = self.page.snapshot()
        else:
            outcome = self.page.restore_snapshot(self.after)
        self.show(outcome)

    def undo(self):  # Qt override
        self.show(self.page.restore_snapshot(self.before))


class TypingCommand(PageCommand):
    """Free typing; consecutive one-character keystrokes within a short pause merge into one step."""

    def __init__(self, page, label, show, outcome: Outcome, before: Snapshot):
        super().__init__(page, label, lambda p: outcome, show, already_applied=outcome, before=before)
        self.at = time.monotonic()
        self.last_edit = outcome.edits[0] if len(outcome.edits) == 1 else None
        e = self.last_edit
        self.single = e is not None and len(e.text) <= 1 and e.end - e.start <= 1
        self.end = e.start + len(e.text) if e is not None else -1

    def id(self):  # Qt override
        return TYPING_ID

    def mergeWith(self, other):  # Qt override
        if not isinstance(other, TypingCommand) or other.page is not self.page:
            return False
        if not (self.single and other.single) or other.at - self.at > _MERGE_SECONDS:
            return False
        e = other.last_edit
        if e.start not in (self.end, self.end - 1):  # typing on, or backspacing
            return False
        self.after = other.after
        self.at, self.end = other.at, e.start + len(e.text)
        return True


class IssueCommand(PageCommand):
    """An issue-wide change as one undo step: the open page's part (unsaved, like any decision)
    plus the other pages' saved parts (session.PageWrite), written again or put back on redo/undo.

    The other pages are written before the command is pushed (a conflict then
    stops the whole change). If undo or redo meets a page saved elsewhere in
    between, nothing is changed on any page, the error is shown and the step
    leaves the stack (Qt deletes a command made obsolete during undo/redo): it
    can no longer be reverted without overwriting someone's work.
    """

    def __init__(self, page, label, action, show, store, plan, author: str,
                 pages_changed: Callable[[], None], error: Callable[[str], None]):
        super().__init__(page, label, action, show)
        self.store, self.plan, self.author = store, list(plan), author
        self.pages_changed, self.error = pages_changed, error
        self._written = True  # the window wrote the plan before pushing

    def _write(self, undo: bool) -> bool:
        from proofdesk.errors import ProofDeskError
        from proofdesk.session import write_pages
        if not self.plan:
            return True
        try:
            write_pages(self.store, self.plan, self.author, undo=undo)
        except ProofDeskError as e:
            self.setObsolete(True)
            self.error(str(e))
            return False
        return True

    def redo(self):  # Qt override
        if self._written:
            self._written = False
        elif not self._write(undo=False):
            return
        super().redo()
        self.pages_changed()

    def undo(self):  # Qt override
        if not self._write(undo=True):
            return
        super().undo()
        self.pages_changed()
