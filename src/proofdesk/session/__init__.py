"""The actions a proofreader takes on one page, shared by the CLI and the GUI.

Qt-free: text.py (diffs, edits, a finding's proposal), page.py (the two
layers below), issue.py (actions across an issue), rederive.py (the decisions
a restored text implies) and aligned_diff.py (the history's side-by-side rows).

- PageState holds one page in memory: the raw text, its findings, the
  proofreader's decisions and the current cleaned text. The current text is
  "decided text" (raw + accepted or edited fixes, via proofdesk.fixes) plus the
  proofreader's free typing. The free typing is never stored separately: it is
  the difference between the decided text and the current text. When a decision
  changes the decided text, that difference is re-applied to the new decided
  text with diff-match-patch (patch_make on the old pair, patch_apply on the new
  base), so typing survives later decisions.
- PageSession adds the revision store: open, save (ConflictError surfaces,
  nothing is overwritten), reload, restore, status, recovery payloads.

Every action returns an Outcome: the new text and the edits that turn the old
current text into it, so an editor can apply just those (one undo step).
issue.py holds the issue-wide actions (the same correction on every page, find
and replace across an issue), planned as PageWrites that can be written and
undone, and the demo issue.
"""
from proofdesk.session.issue import (DEMO_TITLE, Occurrence, PageWrite, decide_everywhere, demo_files,
                                     find_in_issue, find_in_text, open_demo, plan_decisions, plan_replacements,
                                     replace_in_issue, replacement_for, same_corrections, write_pages)
from proofdesk.session.rederive import decisions_for_text
from proofdesk.session.page import FindingState, Outcome, PageSession, PageState, Row, Snapshot
from proofdesk.session.text import (apply_edits, change_size, char_diff, correction_key, edit_region,
                                    proposal_text, text_edits, trim_edit)

__all__ = [
    "DEMO_TITLE", "FindingState", "Occurrence", "Outcome", "PageWrite", "plan_decisions", "plan_replacements",
    "write_pages", "decisions_for_text", "PageSession", "PageState", "Row", "Snapshot",
    "apply_edits", "change_size", "char_diff", "correction_key", "decide_everywhere", "demo_files",
    "edit_region", "find_in_issue", "find_in_text", "open_demo", "proposal_text", "replace_in_issue",
    "replacement_for", "same_corrections", "text_edits", "trim_edit",
]
