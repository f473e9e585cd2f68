"""One page in memory (PageState) and opened from the store (PageSession). Qt-free.

The current text is "decided text" (raw + accepted or edited fixes, via
proofdesk.fixes) plus the proofreader's free typing, which is never stored
apart: it is the difference between the two. When a decision changes the
decided text, that difference is re-applied to the new decided text with
diff-match-patch (patch_make on the old pair, patch_apply on the new base).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from enum import Enum
from typing import Iterable

from proofdesk.errors import ConflictError, InputError
from proofdesk.findings import Edit, Finding, FindingKind
from proofdesk.fixes import Cleaned, apply_fixes
from proofdesk.page.reading import Column, columns_of, reorder_columns
from proofdesk.session.rederive import decisions_for_text
from proofdesk.session.text import DEL, DMP, INS, edit_region, excerpt, proposal_text, text_edits, trim_edit


class FindingState(str, Enum):
    OPEN = "open"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    EDITED = "edited"


@dataclass(frozen=True)
class Outcome:
    """Result of an action: the new current text and the edits from the old one.

    edits are in old-text coordinates, sorted, non-overlapping; apply them from
    the last to the first.
    """

    text: str
    edits: tuple[Edit, ...]
    lost_typing: bool = False  # some free typing could not be re-applied


@dataclass(frozen=True)
class Snapshot:
    """Everything undo needs to put a page back."""

    decisions: tuple[tuple[str, FindingState, str | None], ...]
    text: str


@dataclass(frozen=True)
class Row:
    """One line of the findings list."""

    id: str
    kind: FindingKind
    excerpt: str
    confidence: float
    state: FindingState
    has_fix: bool
    dropped: bool  # accepted but left out: it collides with a stronger fix
    start: int     # raw offset, for sorting by position



class PageState:
    """One page in memory: decisions and the current cleaned text. No store, no Qt."""

    def __init__(self, raw: str, findings: Iterable[Finding],
                 decisions: dict[str, tuple[FindingState, str | None]] | None = None,
                 text: str | None = None):
        self.raw = raw
        self.findings = list(findings)
        self._excerpts: list[str] | None = None
        self._columns: list[Column] | None = None  # the reading-order rewrite's columns, read once
        self._proposals: dict[str, str] = {}  # unedited proposals (a layout finding's spans the page)
        self._changes: dict[tuple[str, str], tuple[str, str] | None] = {}
        self._by_id = {f.id: f for f in self.findings}
        self._decisions: dict[str, tuple[FindingState, str | None]] = {}
        for fid, (state, edited) in (decisions or {}).items():
            if fid in self._by_id and state is not FindingState.OPEN:
                self._decisions[fid] = (FindingState(state), edited)
        self._decided = self._build()
        self._text = self._decided.text if text is None else text
        self._typing_diffs: list | None = None

    # ---- reading
    @property
    def text(self) -> str:
        return self._text

    @property
    def decided(self) -> Cleaned:
        """Raw + accepted/edited fixes, before free typing."""
        return self._decided

    def finding(self, fid: str) -> Finding:
        return self._by_id[fid]

    def state(self, fid: str) -> FindingState:
        return self._decisions.get(fid, (FindingState.OPEN, None))[0]

    def edited_text(self, fid: str) -> str | None:
        return self._decisions.get(fid, (FindingState.OPEN, None))[1]

    def effective(self, fid: str) -> Finding:
        """The finding as it applies: an edited proposal replaces its region."""
        f = self._by_id[fid]
        state, edited = self._decisions.get(fid, (FindingState.OPEN, None))
        if state is FindingState.EDITED:
            lo, hi = edit_region(f)
            return f.with_edits((Edit(lo, hi, edited or ""),))
        return f

    def columns(self) -> list[Column]:
        """The column streams of the page's reading-order rewrite, in its order
        (none on a page without one). The page is read again for them, once."""
        if self._columns is None:
            ordered = any(f.kind is FindingKind.ORDER for f in self.findings)
            self._columns = columns_of(self.raw) if ordered else []
        return self._columns

    def column_order_text(self, fid: str, order: list[int]) -> str:
        """The reading-order finding fid's rewrite with its columns read in order
        (indices into columns()). ValueError: fid is no reading-order finding,
        order does not name each column once, or the stored rewrite covers
        another region than the rebuild finds now (another version made it)."""
        f = self._by_id[fid]
        if f.kind is not FindingKind.ORDER:
            raise ValueError(f"{fid} is no reading-order finding: only those have columns to order")
        return reorder_columns(self.raw, order, (f.edits[0].start, f.edits[0].end))

    def proposal(self, fid: str) -> str:
        """The proposal as the proofreader sees it (their edit, if any)."""
        edited = self.edited_text(fid)
        if edited is not None:
            return edited
        if fid not in self._proposals:
            self._proposals[fid] = proposal_text(self.raw, self._by_id[fid])
        return self._proposals[fid]

    def change(self, fid: str) -> tuple[str, str] | None:
        """What the proposal changes, without the unchanged ends: (raw text, new text); None when it
        changes nothing (a flag). Cached per proposal: a layout finding's region is the whole page."""
        f, proposal = self._by_id[fid], self.proposal(fid)
        key = (fid, proposal)
        if key not in self._changes:
            lo, hi = edit_region(f)
            e = trim_edit(self.raw, Edit(lo, hi, proposal))
            self._changes[key] = None if e is None else (self.raw[e.start:e.end], e.text)
        return self._changes[key]

    def decisions(self) -> dict[str, tuple[FindingState, str | None]]:
        return dict(self._decisions)

    def rows(self) -> list[Row]:
        dropped = set(self._decided.dropped)
        if getattr(self, "_excerpts", None) is None:
            self._excerpts = [excerpt(self.raw, f) for f in self.findings]
        decisions = self._decisions
        return [Row(f.id, f.kind, ex, f.confidence, decisions.get(f.id, (FindingState.OPEN,))[0], f.has_fix,
                    f.id in dropped, f.start) for f, ex in zip(self.findings, self._excerpts)]

    def rows_for(self, fids) -> list[Row]:
        """The rows of some findings only (after a decision)."""
        wanted = set(fids)
        if not wanted:
            return []
        return [r for r in self.rows() if r.id in wanted] if len(wanted) > 50 else \
            [self._row(self.findings.index(self._by_id[fid])) for fid in wanted if fid in self._by_id]

    def _row(self, i: int) -> Row:
        f = self.findings[i]
        text = self._excerpts[i] if self._excerpts else excerpt(self.raw, f)
        return Row(f.id, f.kind, text, f.confidence, self.state(f.id), f.has_fix,
                   f.id in set(self._decided.dropped), f.start)

    def open_count(self) -> int:
        return sum(1 for f in self.findings if f.id not in self._decisions)

    def next_open(self, after: str | None = None, backwards: bool = False) -> str | None:
        """The next (or previous) open finding in page order, wrapping around."""
        order = self.findings[::-1] if backwards else self.findings
        if not order:
            return None
        start = 0
        if after in self._by_id:
            start = next(i for i, f in enumerate(order) if f.id == after) + 1
        for f in order[start:] + order[:start]:
            if f.id not in self._decisions:
                return f.id
        return None

    # ---- mapping raw offsets to the current text
    def _diffs(self):
        if self._typing_diffs is None:
            self._typing_diffs = DMP.diff_main(self._decided.text, self._text, False)
        return self._typing_diffs

    def to_current(self, raw_pos: int) -> int:
        """A raw offset in the current text: OffsetMap, then through the free typing."""
        pos = self._decided.offsets.to_clean(raw_pos)
        if self._text is self._decided.text or self._text == self._decided.text:
            return pos
        return DMP.diff_xIndex(self._diffs(), pos)

    def to_raw(self, pos: int) -> int:
        """A current-text offset in the raw text (back through the typing, then the OffsetMap)."""
        if self._text != self._decided.text:
            swapped = [(-op, t) for op, t in self._diffs()]
            pos = DMP.diff_xIndex(swapped, pos)
        return self._decided.offsets.to_raw(pos)

    def marks(self, fid: str) -> list[tuple[int, int]]:
        """The raw ranges to highlight. Layout findings span the whole page, so only their edits are marked."""
        f = self._by_id[fid]
        if f.kind is FindingKind.LAYOUT and f.edits:
            return [(e.start, e.end) for e in f.edits]
        return [(s.start, s.end) for s in f.spans]

    def current_ranges(self, fid: str) -> list[tuple[int, int]]:
        """Where the finding's marked ranges stand in the current text (may be empty)."""
        return [(self.to_current(a), self.to_current(b)) for a, b in self.marks(fid)]

    def changed_ranges(self) -> list[tuple[int, int]]:
        """Ranges of the current text that differ from the raw text: fixes and typing."""
        out = [(self._map_clean(a), self._map_clean(b)) for a, b in self._decided.offsets.changed_clean_ranges()]
        if self._text != self._decided.text:
            pos = 0
            for op, chunk in self._diffs():
                if op == INS:
                    out.append((pos, pos + len(chunk)))
                if op != DEL:
                    pos += len(chunk)
        return sorted((a, b) for a, b in out if b > a)

    def _map_clean(self, pos: int) -> int:
        if self._text == self._decided.text:
            return pos
        return DMP.diff_xIndex(self._diffs(), pos)

    # ---- actions (each returns an Outcome)
    def accept(self, fid: str) -> Outcome:
        return self._decide({fid: (FindingState.ACCEPTED, None)})

    def reject(self, fid: str) -> Outcome:
        return self._decide({fid: (FindingState.REJECTED, None)})

    def edit(self, fid: str, text: str) -> Outcome:
        return self._decide({fid: (FindingState.EDITED, text)})

    def clear(self, fid: str) -> Outcome:
        return self._decide({fid: (FindingState.OPEN, None)})

    def accept_kind(self, kind: FindingKind) -> Outcome:
        """Accept every open finding of one kind that proposes a fix."""
        return self._decide({f.id: (FindingState.ACCEPTED, None) for f in self.findings
                             if f.kind is kind and f.has_fix and f.id not in self._decisions})

    def decide_many(self, changes: dict[str, tuple[FindingState, str | None]]) -> Outcome:
        return self._decide(changes)

    def set_text(self, text: str) -> Outcome:
        """Free typing: the editor's whole text."""
        old = self._text
        self._text = text
        self._typing_diffs = None
        return Outcome(text, text_edits(old, text))

    def type_edit(self, start: int, end: int, text: str) -> Outcome:
        """Free typing: current[start:end] becomes text."""
        if not 0 <= start <= end <= len(self._text):
            raise InputError(f"edit {start}..{end} is outside the page ({len(self._text)} characters)")
        self._text = self._text[:start] + text + self._text[end:]
        self._typing_diffs = None
        return Outcome(self._text, (Edit(start, end, text),))

    def snapshot(self) -> Snapshot:
        return Snapshot(tuple(sorted((k, s, t) for k, (s, t) in self._decisions.items())), self._text)

    def restore_snapshot(self, snap: Snapshot) -> Outcome:
        old = self._text
        self._decisions = {k: (s, t) for k, s, t in snap.decisions}
        self._decided = self._build()
        self._text = snap.text
        self._typing_diffs = None
        return Outcome(snap.text, text_edits(old, snap.text))

    # ---- internals
    def _build(self) -> Cleaned:
        chosen = [self.effective(fid) for fid, (s, _) in self._decisions.items()
                  if s in (FindingState.ACCEPTED, FindingState.EDITED)]
        return apply_fixes(self.raw, chosen)

    def _decide(self, changes: dict[str, tuple[FindingState, str | None]]) -> Outcome:
        for fid in changes:
            if fid not in self._by_id:
                raise InputError(f"no finding {fid} on this page")
        old_text, old_decided = self._text, self._decided.text
        for fid, (state, edited) in changes.items():
            if state is FindingState.OPEN:
                self._decisions.pop(fid, None)
            else:
                self._decisions[fid] = (state, edited)
        self._decided = self._build()
        lost = False
        if old_text == old_decided:
            new_text = self._decided.text
        else:
            patches = DMP.patch_make(old_decided, old_text)
            new_text, results = DMP.patch_apply(patches, self._decided.text)
            lost = not all(results)
        self._text = new_text
        self._typing_diffs = None
        return Outcome(new_text, text_edits(old_text, new_text), lost)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class PageSession(PageState):
    """A page opened from the store: PageState plus save, reload, restore and status."""

    def __init__(self, store, page_id: int, author: str = ""):
        self.store = store
        self.page_id = page_id
        self.author = author
        self._load()

    def _load(self) -> None:
        st = self.store
        self.info = st.page(self.page_id)
        stored = {fid: (FindingState(d.state), d.edited_text) for fid, d in st.decisions(self.page_id).items()}
        latest = st.latest_revision(self.page_id)
        self.base_revision = latest.number
        saved = st.revision_text(self.page_id, latest.number)
        PageState.__init__(self, st.raw_text(self.page_id), st.findings(self.page_id), stored, saved)
        self._saved_text = saved
        self._saved_decisions = self.decisions()

    @property
    def dirty(self) -> bool:
        return self._text != self._saved_text or self.decisions() != self._saved_decisions

    def save(self, message: str = "") -> object:
        """Save the decisions and, when it changed, the text as a new revision.

        Raises ConflictError when the page was saved elsewhere since it was opened.
        """
        st = self.store
        latest = st.latest_revision(self.page_id)
        if latest.number != self.base_revision:
            raise ConflictError(f"page {self.info.number} was saved elsewhere (revision {latest.number}) "
                                f"after you opened revision {self.base_revision}; nothing was overwritten")
        rev = latest
        if self._text != self._saved_text:
            rev = st.save_revision(self.page_id, self._text, parent=self.base_revision,
                                   author=self.author, message=message)
        self._store_decisions()
        self.base_revision = rev.number
        self._saved_text = self._text
        self._saved_decisions = self.decisions()
        from proofdesk.store import PageStatus
        if st.page(self.page_id).status == PageStatus.RAW:
            st.set_status(self.page_id, PageStatus.IN_PROGRESS)
        self.info = st.page(self.page_id)
        return rev

    def _store_decisions(self) -> None:
        from proofdesk.store import Decision
        now = self.decisions()
        for fid in self._saved_decisions.keys() - now.keys():
            self.store.clear_decision(self.page_id, fid)
        changed = [Decision(fid, s.value, t, self.author, _now()) for fid, (s, t) in now.items()
                   if self._saved_decisions.get(fid) != (s, t)]
        if changed:
            self.store.record_decisions(self.page_id, changed)

    def rebase(self) -> None:
        """After a conflict, keep this version: the next save is a new revision on top of the latest
        (the other revision stays in the history)."""
        self.base_revision = self.store.latest_revision(self.page_id).number
        self._saved_text = None  # the next save always writes a revision

    def reload(self) -> Outcome:
        """Drop unsaved work and read the page back from the store."""
        old = self._text
        self._load()
        return Outcome(self._text, text_edits(old, self._text))

    def restore(self, number: int, message: str | None = None) -> Outcome:
        """Make an old revision's text the newest revision (unsaved work is dropped).

        The decisions are re-derived from the restored text (see rederive.py) and
        saved with it, so every finding's state agrees with the text on screen:
        the restored text stays exactly as it was, and what the decided fixes do
        not explain is the proofreader's own typing, as for any saved page.
        """
        old = self._text
        self.store.restore(self.page_id, number, author=self.author, message=message)
        self._load()
        derived = decisions_for_text(self.raw, self.findings, self._text, self._saved_decisions, FindingState)
        if derived != self._saved_decisions:
            self._decisions = derived
            self._decided = self._build()
            self._typing_diffs = None
            self._store_decisions()
            self._saved_decisions = self.decisions()
        return Outcome(self._text, text_edits(old, self._text))

    def history(self) -> list:
        return self.store.history(self.page_id)

    def revision_text(self, number: int) -> str:
        return self.store.revision_text(self.page_id, number)

    def status(self):
        return self.store.page(self.page_id).status

    def set_status(self, status) -> None:
        self.store.set_status(self.page_id, status)
        self.info = self.store.page(self.page_id)

    def to_recovery(self) -> dict:
        """What a recovery copy holds: enough to rebuild the unsaved work."""
        return {"page_id": self.page_id, "base_revision": self.base_revision, "author": self.author,
                "sha256": self.info.sha256, "text": self._text, "saved_at": _now(),
                "decisions": {k: [s.value, t] for k, (s, t) in self._decisions.items()}}

    @classmethod
    def from_recovery(cls, store, payload: dict) -> PageSession:
        """Reopen a page with a recovery copy's unsaved work on top (based on its old revision,
        so a save still conflicts if the page changed elsewhere since)."""
        s = cls(store, int(payload["page_id"]), payload.get("author", ""))
        decisions = {k: (FindingState(v[0]), v[1]) for k, v in payload["decisions"].items()}
        s._decisions = {k: v for k, v in decisions.items() if k in s._by_id}
        s._decided = s._build()
        s._text = payload["text"]
        s._typing_diffs = None
        s.base_revision = int(payload["base_revision"])
        return s
