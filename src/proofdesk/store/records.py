"""The values the store hands out: issues, pages, revisions, decisions, statuses.

They are frozen so the CLI and the GUI can keep them without copying; the
store never returns a live row.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from proofdesk.errors import InputError, ProofDeskError


class PageStatus(str, Enum):
    """Review status of a page; the value is what the database holds."""

    RAW = "raw"
    IN_PROGRESS = "in-progress"
    PROOFREAD = "proofread"
    VALIDATED = "validated"


class DecisionState(str, Enum):
    """What a proofreader did with a finding."""

    ACCEPTED = "accepted"
    REJECTED = "rejected"
    EDITED = "edited"


class ImportCancelled(ProofDeskError):
    """The user cancelled an import; nothing was stored."""


class DuplicatePageError(ProofDeskError):
    """A page with the same text is already in this issue."""


@dataclass(frozen=True)
class IssueInfo:
    id: int
    title: str
    publication: str
    date: str
    edition: str
    page_count: int
    open_findings: int


@dataclass(frozen=True)
class PageInfo:
    id: int
    issue_id: int
    number: int
    source_name: str
    encoding: str
    status: PageStatus
    open_findings: int
    latest_revision: int
    sha256: str


@dataclass(frozen=True)
class RevisionInfo:
    page_id: int
    number: int
    parent: int | None  # None for revision 1 (the imported raw text)
    author: str
    created: str        # ISO 8601, UTC
    message: str
    length: int         # characters of this revision's text
    added: int          # characters inserted relative to the parent
    removed: int        # characters deleted relative to the parent


@dataclass(frozen=True)
class Decision:
    """A proofreader's decision on one finding. `at` is filled in when recorded."""

    finding_id: str
    state: DecisionState
    edited_text: str | None = None
    author: str = ""
    at: str = ""

    def __post_init__(self):
        # Accept plain strings ("accepted") from callers; store the Enum.
        try:
            object.__setattr__(self, "state", DecisionState(self.state))
        except ValueError:
            raise InputError(f"unknown decision {self.state!r}: use accepted, rejected or edited") from None
        if self.state is DecisionState.EDITED and self.edited_text is None:
            raise InputError(f"decision on {self.finding_id}: an edited decision needs the edited text")
