"""Issues and pages: the rows, the listings with open-finding counts, page import rows."""
from __future__ import annotations

import json
import sqlite3

from proofdesk.errors import NotFoundError, StoreError
from proofdesk.findings import Finding
from proofdesk.store.records import IssueInfo, PageInfo, PageStatus

# A finding is open while no decision is recorded for it. Layout findings
# (block separation) are bookkeeping for the cleaner, not questions for the
# proofreader, so they are not counted as open.
_OPEN = ("(SELECT count(*) FROM findings f WHERE f.page_id = p.id AND f.kind != 'layout' "
         "AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.page_id = f.page_id "
         "AND d.finding_id = f.finding_id))")

_PAGE_SELECT = (f"SELECT p.id, p.issue_id, p.number, p.source_name, p.encoding, p.status, {_OPEN}, "
                "p.latest_revision, p.sha256 FROM pages p")

_ISSUE_SELECT = (f"SELECT i.id, i.title, i.publication, i.date, i.edition, "
                 f"(SELECT count(*) FROM pages p WHERE p.issue_id = i.id), "
                 f"(SELECT coalesce(sum({_OPEN}), 0) FROM pages p WHERE p.issue_id = i.id) "
                 f"FROM issues i")


def _page(row) -> PageInfo:
    try:
        status = PageStatus(row[5])
    except ValueError:
        raise StoreError(f"page {row[0]} has an unknown status {row[5]!r}; the database is damaged") from None
    return PageInfo(row[0], row[1], row[2], row[3], row[4], status, row[6], row[7], row[8])


def issues(conn: sqlite3.Connection) -> list[IssueInfo]:
    return [IssueInfo(*r) for r in conn.execute(_ISSUE_SELECT + " ORDER BY i.id")]


def issue(conn: sqlite3.Connection, id_or_title: int | str) -> IssueInfo:
    """By id (an int, or a string of digits that is no issue's title) or by exact title."""
    row = None
    if isinstance(id_or_title, str):
        row = conn.execute(_ISSUE_SELECT + " WHERE i.title = ?", (id_or_title,)).fetchone()
        if row is None and id_or_title.strip().isdigit():
            id_or_title = int(id_or_title)
    if row is None and isinstance(id_or_title, int):
        row = conn.execute(_ISSUE_SELECT + " WHERE i.id = ?", (id_or_title,)).fetchone()
    if row is None:
        raise NotFoundError(f"no issue {id_or_title!r} in this project (see `proofdesk issues`)")
    return IssueInfo(*row)


def pages(conn: sqlite3.Connection, issue_id: int) -> list[PageInfo]:
    return [_page(r) for r in conn.execute(_PAGE_SELECT + " WHERE p.issue_id = ? ORDER BY p.number",
                                           (issue_id,))]


def page(conn: sqlite3.Connection, page_id: int) -> PageInfo:
    row = conn.execute(_PAGE_SELECT + " WHERE p.id = ?", (page_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no page {page_id} in this project (see `proofdesk pages ISSUE`)")
    return _page(row)


def page_by_number(conn: sqlite3.Connection, issue_id: int, number: int) -> PageInfo:
    row = conn.execute(_PAGE_SELECT + " WHERE p.issue_id = ? AND p.number = ?", (issue_id, number)).fetchone()
    if row is None:
        raise NotFoundError(f"issue {issue_id} has no page {number}")
    return _page(row)


def existing_hashes(conn: sqlite3.Connection, issue_id: int) -> dict[str, str]:
    """sha256 -> source name of the pages already in an issue."""
    return dict(conn.execute("SELECT sha256, source_name FROM pages WHERE issue_id = ?", (issue_id,)))


def next_number(conn: sqlite3.Connection, issue_id: int) -> int:
    return conn.execute("SELECT coalesce(max(number), 0) + 1 FROM pages WHERE issue_id = ?",
                        (issue_id,)).fetchone()[0]


def insert_page(conn: sqlite3.Connection, issue_id: int, number: int, name: str, encoding: str,
                sha256: str, original: bytes, raw_text: str, imported: str) -> int:
    cur = conn.execute(
        "INSERT INTO pages (issue_id, number, source_name, encoding, sha256, status, latest_revision, "
        "imported, original, raw_text) VALUES (?, ?, ?, ?, ?, 'raw', 0, ?, ?, ?)",
        (issue_id, number, name, encoding, sha256, imported, original, raw_text))
    return cur.lastrowid


def insert_findings(conn: sqlite3.Connection, page_id: int, findings: list[Finding]) -> None:
    conn.executemany(
        'INSERT INTO findings (page_id, finding_id, position, kind, start, "end", confidence, data) '
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(page_id, f.id, i, f.kind.value, f.start, f.end, f.confidence,
          json.dumps(f.to_dict(), ensure_ascii=False)) for i, f in enumerate(findings)])


def findings(conn: sqlite3.Connection, page_id: int) -> list[Finding]:
    rows = conn.execute("SELECT finding_id, data FROM findings WHERE page_id = ? ORDER BY position",
                        (page_id,)).fetchall()
    out = []
    for finding_id, data in rows:
        try:
            out.append(Finding.from_dict(json.loads(data)))
        except (ValueError, KeyError, TypeError):
            raise StoreError(f"page {page_id}: finding {finding_id} cannot be read; the database is damaged") from None
    return out
