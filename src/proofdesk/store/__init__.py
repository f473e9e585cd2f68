"""Store: the SQLite project file with issues, pages, findings, decisions and revisions.

    with Store(path) as store:
        issue = store.create_issue("山西日报 2026-02-07")
        pages = store.import_pages(issue.id, [("p1.txt", data)])
        rev = store.save_revision(pages[0].id, text, parent=pages[0].latest_revision)

Every method is Qt-free, raises ProofDeskError subclasses, and runs each
multi-row change in one transaction. A Store may be used from several threads
(calls are serialised); several processes may share one file (WAL, busy wait).
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import platformdirs

from proofdesk.errors import ConflictError, InputError, NotFoundError, StoreError
from proofdesk.findings import Finding
from proofdesk.store import decisions as _decisions
from proofdesk.store import pages as _pages
from proofdesk.store import revisions as _revisions
from proofdesk.store.connection import BUSY_TIMEOUT_S, Connection, guarded
from proofdesk.store.records import (
    Decision,
    DecisionState,
    DuplicatePageError,
    ImportCancelled,
    IssueInfo,
    PageInfo,
    PageStatus,
    RevisionInfo,
)

__all__ = [
    "Store", "IssueInfo", "PageInfo", "RevisionInfo", "Decision", "DecisionState", "PageStatus",
    "ImportCancelled", "DuplicatePageError", "default_db_path",
]

Progress = Callable[[int, int, str], None]


def default_db_path() -> Path:
    """The project file in the user's data folder."""
    return platformdirs.user_data_path("proofdesk", appauthor=False) / "proofdesk.sqlite3"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


class Store:
    def __init__(self, path: str | Path | None = None, snapshot_every: int = _revisions.SNAPSHOT_EVERY,
                 busy_timeout: float = BUSY_TIMEOUT_S):
        """Open (creating or upgrading) the project file; None means default_db_path().

        snapshot_every: store a full text every this many revisions of a page.
        busy_timeout: seconds to wait for another program's write before a StoreError.
        """
        self.path = Path(path) if path is not None else default_db_path()
        self.snapshot_every = max(1, int(snapshot_every))
        self._cache = _revisions.TextCache()
        self._con = Connection(self.path, busy_timeout)
        self._db = self._con.db
        self._lock = self._con.lock

    # -- lifecycle ---------------------------------------------------------
    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._con.close()
                self._db = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    # -- issues --------------------------------------------------------------
    @guarded
    def create_issue(self, title: str, publication: str = "", date: str = "", edition: str = "") -> IssueInfo:
        title = title.strip()
        if not title:
            raise InputError("an issue needs a title")
        with self._con.write() as c:
            if c.execute("SELECT 1 FROM issues WHERE title = ?", (title,)).fetchone():
                raise StoreError(f"an issue titled {title!r} already exists")
            cur = c.execute("INSERT INTO issues (title, publication, date, edition, created) "
                            "VALUES (?, ?, ?, ?, ?)", (title, publication, date, str(edition), _now()))
            new_id = cur.lastrowid
        return self.issue(new_id)

    @guarded
    def issues(self) -> list[IssueInfo]:
        return _pages.issues(self._con.conn)

    @guarded
    def issue(self, id_or_title: int | str) -> IssueInfo:
        return _pages.issue(self._con.conn, id_or_title)

    # -- pages ---------------------------------------------------------------
    def import_pages(self, issue_id: int, files: list[tuple[str, bytes]], progress: Progress | None = None,
                     cancel: Callable[[], bool] | None = None, skip_duplicates: bool = False) -> list[PageInfo]:
        """Decode, analyse and store pages; all of them or none.

        Decoding and analysis run before the write transaction and without
        the store's lock, so a long import neither blocks other programs nor
        other threads using this Store; cancel() is asked between files.
        """
        from proofdesk.analysis import analyze
        from proofdesk.io.pages import decode_page

        issue_id = self.issue(issue_id).id
        seen = self._existing_hashes(issue_id)
        prepared = []
        total = len(files)
        for done, (name, data) in enumerate(files):
            if cancel is not None and cancel():
                raise ImportCancelled(f"import cancelled after {done} of {total} files; nothing was stored")
            text, encoding = decode_page(data, name)
            digest = _revisions.sha256_text(text)
            if digest in seen:
                if not skip_duplicates:
                    raise DuplicatePageError(f"{name}: the same page is already in this issue "
                                             f"(imported from {seen[digest]}); nothing was stored")
            else:
                seen[digest] = name
                prepared.append((name, data, encoding, text, digest, analyze(text).findings))
            if progress is not None:
                progress(done + 1, total, name)
        if cancel is not None and cancel():
            raise ImportCancelled(f"import cancelled after {total} of {total} files; nothing was stored")
        return self._store_pages(issue_id, prepared, skip_duplicates)

    @guarded
    def _existing_hashes(self, issue_id: int) -> dict[str, str]:
        return _pages.existing_hashes(self._con.conn, issue_id)

    @guarded
    def _store_pages(self, issue_id: int, prepared: list, skip_duplicates: bool) -> list[PageInfo]:
        now = _now()
        ids = []
        with self._con.write() as c:
            number = _pages.next_number(c, issue_id)
            for name, data, encoding, text, digest, findings in prepared:
                if c.execute("SELECT 1 FROM pages WHERE issue_id = ? AND sha256 = ?", (issue_id, digest)).fetchone():
                    if skip_duplicates:
                        continue  # another program imported it meanwhile
                    raise DuplicatePageError(f"{name}: the same page is already in this issue; nothing was stored")
                page_id = _pages.insert_page(c, issue_id, number, name, encoding, digest, data, text, now)
                _pages.insert_findings(c, page_id, findings)
                _revisions.insert(c, page_id, 1, None, text, _revisions.encode(None, text, 1, 0),
                                  "", now, "imported")
                ids.append((page_id, text))
                number += 1
        for page_id, text in ids:  # cached only once committed
            self._cache.put(page_id, 1, text)
        return [self.page(i) for i, _ in ids]

    @guarded
    def pages(self, issue_id: int) -> list[PageInfo]:
        return _pages.pages(self._con.conn, self.issue(issue_id).id)

    @guarded
    def page(self, page_id: int) -> PageInfo:
        return _pages.page(self._con.conn, int(page_id))

    @guarded
    def page_ref(self, issue: int | str, number: int) -> PageInfo:
        """A page by its issue (id or title) and page number."""
        return _pages.page_by_number(self._con.conn, self.issue(issue).id, int(number))

    @guarded
    def raw_text(self, page_id: int) -> str:
        row = self._con.conn.execute("SELECT raw_text FROM pages WHERE id = ?", (int(page_id),)).fetchone()
        if row is None:
            raise NotFoundError(f"no page {page_id} in this project")
        return row[0]

    @guarded
    def original_bytes(self, page_id: int) -> bytes:
        row = self._con.conn.execute("SELECT original FROM pages WHERE id = ?", (int(page_id),)).fetchone()
        if row is None:
            raise NotFoundError(f"no page {page_id} in this project")
        return bytes(row[0])

    @guarded
    def set_status(self, page_id: int, status: PageStatus) -> None:
        try:
            status = PageStatus(status)
        except ValueError:
            raise InputError(f"unknown status {status!r}: use "
                             + ", ".join(s.value for s in PageStatus)) from None
        with self._con.write() as c:
            if c.execute("UPDATE pages SET status = ? WHERE id = ?", (status.value, int(page_id))).rowcount == 0:
                raise NotFoundError(f"no page {page_id} in this project")

    # -- findings and decisions -----------------------------------------------
    @guarded
    def findings(self, page_id: int) -> list[Finding]:
        self.page(page_id)
        return _pages.findings(self._con.conn, int(page_id))

    @guarded
    def decisions(self, page_id: int) -> dict[str, Decision]:
        self.page(page_id)
        return _decisions.decisions(self._con.conn, int(page_id))

    @guarded
    def record_decisions(self, page_id: int, decisions: list[Decision]) -> None:
        page_id = int(page_id)
        with self._con.write() as c:
            self._require_page(c, page_id)
            _decisions.record(c, page_id, list(decisions), _now())
            self._mark_in_progress(c, page_id)

    @guarded
    def clear_decision(self, page_id: int, finding_id: str) -> None:
        with self._con.write() as c:
            self._require_page(c, int(page_id))
            _decisions.clear(c, int(page_id), finding_id)

    # -- revisions -------------------------------------------------------------
    @guarded
    def save_revision(self, page_id: int, text: str, parent: int, author: str = "",
                      message: str = "") -> RevisionInfo:
        """Store text as the next revision; ConflictError unless parent is the latest."""
        if not isinstance(text, str):
            raise InputError("a revision's text must be a string")
        page_id = int(page_id)
        with self._con.write() as c:
            latest = self._require_page(c, page_id)
            if parent != latest:
                raise ConflictError(
                    f"page {page_id} changed since revision {parent} was opened: the latest is revision "
                    f"{latest}. Nothing was overwritten; reload the page and apply your changes again.")
            number = self._append(c, page_id, latest, text, author, message)
        self._cache.put(page_id, number, text)  # only once committed
        return self._revision_info(page_id, number)

    @guarded
    def restore(self, page_id: int, number: int, author: str = "", message: str | None = None) -> RevisionInfo:
        """Bring an old revision's text back as a new revision; history is kept."""
        page_id, number = int(page_id), int(number)
        with self._con.write() as c:
            latest = self._require_page(c, page_id)
            text = self._text(c, page_id, number)
            new = self._append(c, page_id, latest, text, author,
                               message if message is not None else f"restored revision {number}")
        self._cache.put(page_id, new, text)
        return self._revision_info(page_id, new)

    @guarded
    def latest_revision(self, page_id: int) -> RevisionInfo:
        return self._revision_info(int(page_id), self.page(page_id).latest_revision)

    @guarded
    def history(self, page_id: int) -> list[RevisionInfo]:
        self.page(page_id)
        return [RevisionInfo(*r) for r in self._con.conn.execute(
            f"SELECT {_revisions.HISTORY_COLUMNS} FROM revisions WHERE page_id = ? ORDER BY number",
            (int(page_id),))]

    @guarded
    def revision(self, page_id: int, number: int) -> RevisionInfo:
        return self._revision_info(int(page_id), int(number))

    @guarded
    def revision_text(self, page_id: int, number: int) -> str:
        with self._con.read() as c:
            return self._text(c, int(page_id), int(number))

    @guarded
    def latest_text(self, page_id: int) -> str:
        with self._con.read() as c:
            return self._text(c, int(page_id), self._require_page(c, int(page_id)))

    @guarded
    def integrity_check(self) -> str:
        """'ok', or SQLite's description of the damage."""
        rows = self._con.conn.execute("PRAGMA integrity_check").fetchall()
        return "\n".join(r[0] for r in rows)

    def clear_cache(self) -> None:
        """Forget cached revision texts (benchmarks measure cold reads)."""
        self._cache.clear()

    # -- internals -------------------------------------------------------------
    def _require_page(self, c, page_id: int) -> int:
        row = c.execute("SELECT latest_revision FROM pages WHERE id = ?", (page_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no page {page_id} in this project (see `proofdesk pages ISSUE`)")
        return row[0]

    def _text(self, c, page_id: int, number: int) -> str:
        latest = self._require_page(c, page_id)
        if not 1 <= number <= latest:
            raise NotFoundError(f"page {page_id} has no revision {number} (revisions 1..{latest})")
        return _revisions.read_text(c, page_id, number, self._cache)

    def _append(self, c, page_id: int, latest: int, text: str, author: str, message: str) -> int:
        parent_text = self._text(c, page_id, latest)
        number = latest + 1
        enc = _revisions.encode(parent_text, text, number, _revisions.last_snapshot(c, page_id),
                                self.snapshot_every)
        _revisions.insert(c, page_id, number, latest, text, enc, author, _now(), message)
        self._mark_in_progress(c, page_id)
        return number

    @staticmethod
    def _mark_in_progress(c, page_id: int) -> None:
        c.execute("UPDATE pages SET status = 'in-progress' WHERE id = ? AND status = 'raw'", (page_id,))

    def _revision_info(self, page_id: int, number: int) -> RevisionInfo:
        row = self._con.conn.execute(
            f"SELECT {_revisions.HISTORY_COLUMNS} FROM revisions WHERE page_id = ? AND number = ?",
            (page_id, number)).fetchone()
        if row is None:
            self.page(page_id)
            raise NotFoundError(f"page {page_id} has no revision {number}")
        return RevisionInfo(*row)
