"""The database layout and its versioned migrations.

Plain tables with clear names, so a user can open the project file with any
SQLite tool. Each migration is applied once and recorded by sqlite-utils in
`_sqlite_migrations`; never edit a released migration, add a new one.
"""
from __future__ import annotations

import hashlib

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("proofdesk")


@MIGRATIONS(name="m001_initial")
def m001_initial(db: Database) -> None:
    db.execute("""
        CREATE TABLE issues (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL UNIQUE,
            publication TEXT NOT NULL DEFAULT '',
            date TEXT NOT NULL DEFAULT '',
            edition TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL
        )""")
    # Big columns (original bytes, raw text) come last: SQLite then reads
    # listings without touching their overflow pages.
    db.execute("""
        CREATE TABLE pages (
            id INTEGER PRIMARY KEY,
            issue_id INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            source_name TEXT NOT NULL,
            encoding TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'raw'
                CHECK (status IN ('raw', 'in-progress', 'proofread', 'validated')),
            latest_revision INTEGER NOT NULL DEFAULT 0,
            imported TEXT NOT NULL,
            original BLOB NOT NULL,
            raw_text TEXT NOT NULL,
            UNIQUE (issue_id, number),
            UNIQUE (issue_id, sha256)
        )""")
    db.execute("""
        CREATE TABLE findings (
            page_id INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
            finding_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            kind TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            confidence REAL NOT NULL,
            data TEXT NOT NULL,            -- Finding.to_dict() as JSON: spans, edits, messages
            PRIMARY KEY (page_id, finding_id)
        )""")
    db.execute("""
        CREATE TABLE decisions (
            page_id INTEGER NOT NULL,
            finding_id TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('accepted', 'rejected', 'edited')),
            edited_text TEXT,
            author TEXT NOT NULL DEFAULT '',
            at TEXT NOT NULL,
            PRIMARY KEY (page_id, finding_id),
            FOREIGN KEY (page_id, finding_id) REFERENCES findings(page_id, finding_id)
                ON DELETE CASCADE
        )""")
    # storage: 'snapshot' -> body is the full text; 'patch' -> body is a
    # diff-match-patch patch (patch_toText) against revision parent.
    db.execute("""
        CREATE TABLE revisions (
            page_id INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            parent INTEGER,
            author TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            message TEXT NOT NULL DEFAULT '',
            length INTEGER NOT NULL,
            added INTEGER NOT NULL DEFAULT 0,
            removed INTEGER NOT NULL DEFAULT 0,
            storage TEXT NOT NULL CHECK (storage IN ('snapshot', 'patch')),
            body TEXT NOT NULL,
            PRIMARY KEY (page_id, number)
        )""")


@MIGRATIONS(name="m002_revision_checksums")
def m002_revision_checksums(db: Database) -> None:
    """sha256 of every revision's text, so a damaged patch chain is detected on read."""
    from proofdesk.store.revisions import rebuild_texts

    db.execute("ALTER TABLE revisions ADD COLUMN sha256 TEXT NOT NULL DEFAULT ''")
    page_ids = [r[0] for r in db.execute("SELECT DISTINCT page_id FROM revisions")]
    for page_id in page_ids:
        for number, text in rebuild_texts(db.conn, page_id):
            db.execute("UPDATE revisions SET sha256 = ? WHERE page_id = ? AND number = ?",
                       [hashlib.sha256(text.encode("utf-8")).hexdigest(), page_id, number])


@MIGRATIONS(name="m003_overview_view")
def m003_overview_view(db: Database) -> None:
    """A view for people who open the file in an SQLite tool."""
    db.execute("""
        CREATE VIEW page_overview AS
        SELECT i.title AS issue, i.date AS date, p.number AS page, p.id AS page_id,
               p.source_name, p.encoding, p.status, p.latest_revision,
               (SELECT count(*) FROM findings f WHERE f.page_id = p.id) AS findings,
               (SELECT count(*) FROM decisions d WHERE d.page_id = p.id) AS decided
        FROM pages p JOIN issues i ON i.id = p.issue_id
        ORDER BY i.id, p.number""")
    db.execute("CREATE INDEX findings_kind ON findings(page_id, kind)")


def known_migrations() -> set[str]:
    return {m.name for m in MIGRATIONS._migrations}  # noqa: SLF001 (no public accessor)
