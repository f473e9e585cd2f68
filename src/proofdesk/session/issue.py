"""Actions across an issue (the same correction on every page, find and replace) and the demo issue.

Other pages are changed through their own PageSession and saved as one
revision each; the page open in the editor is left to its caller (skip_page),
which makes the change there as one undo step.

An issue-wide change is planned first (plan_decisions, plan_replacements): a
PageWrite per other page holds that page's state before and after. write_pages
applies a plan, and undoes it (undo=True) with a new saved revision that puts
each page back, so the editor can offer the whole change as one undo step. A
page saved by someone else in between is never overwritten: the write raises
ConflictError before touching any page.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import Iterable

from proofdesk.errors import ConflictError, InputError
from proofdesk.findings import Finding
from proofdesk.session.page import FindingState, PageSession, Snapshot
from proofdesk.session.text import correction_key


@dataclass(frozen=True)
class Occurrence:
    """Where something stands in an issue: a finding, or a text match."""

    page_id: int
    page_number: int
    start: int
    end: int
    context: str
    finding_id: str = ""


def _context(text: str, start: int, end: int, width: int = 12) -> str:
    return (text[max(0, start - width):start] + "【" + text[start:end] + "】"
            + text[end:end + width]).replace("\n", "⏎")


def same_corrections(store, issue_id: int, raw: str, finding: Finding) -> list[Occurrence]:
    """Every finding in the issue that makes the same correction as this one (this one included)."""
    key = correction_key(raw, finding)
    if key is None:
        return []
    out = []
    for p in store.pages(issue_id):
        praw = store.raw_text(p.id)
        for f in store.findings(p.id):
            if correction_key(praw, f) == key:
                out.append(Occurrence(p.id, p.number, f.start, f.end, _context(praw, f.start, f.end), f.id))
    return out


@dataclass(frozen=True)
class PageWrite:
    """One other page's part of an issue-wide change: its state before and after, saved."""

    page_id: int
    page_number: int
    before: Snapshot
    after: Snapshot
    message: str


def plan_decisions(store, occurrences: Iterable[Occurrence], state: FindingState,
                   skip_page: int | None = None) -> list[PageWrite]:
    """Accept or reject the listed findings on their pages (not skip_page, the page in the editor)."""
    by_page: dict[int, list[str]] = {}
    for o in occurrences:
        if o.page_id != skip_page:
            by_page.setdefault(o.page_id, []).append(o.finding_id)
    plan = []
    for pid, fids in by_page.items():
        s = PageSession(store, pid)
        before = s.snapshot()
        s.decide_many({fid: (state, None) for fid in fids})
        plan.append(PageWrite(pid, s.info.number, before, s.snapshot(),
                              f"{state.value} {len(fids)} × same correction across the issue"))
    return plan


def plan_replacements(store, occurrences: Iterable[Occurrence], needle: str, replacement: str,
                      regex: bool = False, case: bool = True, skip_page: int | None = None) -> list[PageWrite]:
    """Replace the chosen matches (each one reviewed by the proofreader) on their pages."""
    by_page: dict[int, list[Occurrence]] = {}
    for o in occurrences:
        if o.page_id != skip_page:
            by_page.setdefault(o.page_id, []).append(o)
    plan = []
    for pid, occs in by_page.items():
        s = PageSession(store, pid)
        before = s.snapshot()
        for o in sorted(occs, key=lambda o: o.start, reverse=True):
            if o.end > len(s.text):
                raise ConflictError(f"page {o.page_number} changed since the search; search again")
            s.type_edit(o.start, o.end, replacement_for(s.text, o, needle, replacement, regex, case))
        plan.append(PageWrite(pid, s.info.number, before, s.snapshot(),
                              f"replaced {len(occs)} × “{needle}” with “{replacement}”"))
    return plan


def write_pages(store, plan: Iterable[PageWrite], author: str = "", undo: bool = False) -> list:
    """Save each page of a plan in its after state (its before state when undo), one revision each.

    Every page is checked before any is written: a page whose saved state is not
    the one the plan starts from (saved elsewhere meanwhile) raises ConflictError
    and nothing is written.
    """
    plan = list(plan)
    sessions = []
    for w in plan:
        s = PageSession(store, w.page_id, author)
        expected = w.after if undo else w.before
        if s.snapshot() != expected:
            raise ConflictError(f"page {w.page_number} was changed since; nothing was "
                                f"{'undone' if undo else 'changed'} on any page")
        sessions.append(s)
    revs = []
    for w, s in zip(plan, sessions):
        s.restore_snapshot(w.before if undo else w.after)
        revs.append(s.save(f"undo: {w.message}" if undo else w.message))
    return revs


def decide_everywhere(store, occurrences: Iterable[Occurrence], state: FindingState, author: str = "",
                      skip_page: int | None = None) -> list:
    """Accept or reject the listed findings on their pages, one saved revision per page.

    skip_page is the page open in the editor: its caller decides there itself
    (one undo step) and saves with the rest of the proofreader's work.
    """
    return write_pages(store, plan_decisions(store, occurrences, state, skip_page), author)


def find_in_text(text: str, needle: str, regex: bool = False, case: bool = True) -> list[tuple[int, int]]:
    if not needle:
        return []
    try:
        pat = re.compile(needle if regex else re.escape(needle), 0 if case else re.IGNORECASE)
    except re.error as e:
        raise InputError(f"not a valid pattern: {e}") from None
    return [(m.start(), m.end()) for m in pat.finditer(text) if m.end() > m.start()]


def find_in_issue(store, issue_id: int, needle: str, regex: bool = False, case: bool = True,
                  texts: dict[int, str] | None = None) -> list[Occurrence]:
    """Matches in the latest text of every page (texts overrides a page's text, e.g. the open one)."""
    out = []
    for p in store.pages(issue_id):
        text = (texts or {}).get(p.id)
        if text is None:
            text = store.revision_text(p.id, p.latest_revision)
        for a, b in find_in_text(text, needle, regex, case):
            out.append(Occurrence(p.id, p.number, a, b, _context(text, a, b)))
    return out


def replacement_for(text: str, occ: Occurrence, needle: str, replacement: str, regex: bool, case: bool) -> str:
    if not regex:
        return replacement
    pat = re.compile(needle, 0 if case else re.IGNORECASE)
    return pat.sub(replacement, text[occ.start:occ.end], count=1)


def replace_in_issue(store, occurrences: Iterable[Occurrence], needle: str, replacement: str,
                     regex: bool = False, case: bool = True, author: str = "",
                     skip_page: int | None = None) -> list:
    """Replace the chosen matches (each one reviewed by the proofreader), one revision per page."""
    return write_pages(store, plan_replacements(store, occurrences, needle, replacement, regex, case, skip_page),
                       author)


# ---- the demo issue ----------------------------------------------------------

DEMO_TITLE = "示例日报（演示）"


def demo_files() -> list[tuple[str, bytes]]:
    """The demo pages shipped in resources/demo, in page order."""
    folder = resources.files("proofdesk.resources") / "demo"
    files = sorted((p for p in folder.iterdir() if p.name.endswith(".txt")), key=lambda p: p.name)
    return [(p.name, p.read_bytes()) for p in files]


def open_demo(store):
    """The demo issue, imported on first use. Returns its IssueInfo."""
    for info in store.issues():
        if info.title == DEMO_TITLE:
            return info
    issue = store.create_issue(DEMO_TITLE, publication="示例日报", date="2026-02-06", edition="演示")
    store.import_pages(issue.id, demo_files())
    return store.issue(issue.id)
