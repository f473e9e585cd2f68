"""A database made by an older version opens and upgrades through the recorded migrations."""
from __future__ import annotations

import hashlib
import sqlite3

import pytest
from sqlite_utils import Database

from proofdesk.errors import StoreError
from proofdesk.store import Store
from proofdesk.store.revisions import encode
from proofdesk.store.schema import MIGRATIONS, known_migrations

from store_helpers import OWN_PAGE


def _old_database(path):
    """The layout of the first release: migration m001 only, no revision checksums."""
    db = Database(sqlite3.connect(path))
    MIGRATIONS.apply(db, stop_before="m002_revision_checksums")
    texts = [OWN_PAGE, OWN_PAGE.replace("晴朗", "陰沉"), OWN_PAGE.replace("晴朗", "陰沉") + "（完）"]
    c = db.conn
    c.execute("INSERT INTO issues (id, title, created) VALUES (1, '舊刊', '2026-01-01T00:00:00+00:00')")
    c.execute("INSERT INTO pages (id, issue_id, number, source_name, encoding, sha256, status, latest_revision, "
              "imported, original, raw_text) VALUES (1, 1, 1, 'old.txt', 'big5', ?, 'in-progress', 3, "
              "'2026-01-01T00:00:00+00:00', ?, ?)",
              (hashlib.sha256(OWN_PAGE.encode()).hexdigest(), OWN_PAGE.encode("big5"), OWN_PAGE))
    parent = None
    for n, text in enumerate(texts, 1):
        enc = encode(parent, text, n, 1)
        c.execute("INSERT INTO revisions (page_id, number, parent, author, created, message, length, added, "
                  "removed, storage, body) VALUES (1, ?, ?, 'old', '2026-01-01T00:00:00+00:00', '', ?, ?, ?, ?, ?)",
                  (n, n - 1 or None, len(text), enc.added, enc.removed, enc.storage, enc.body))
        parent = text
    c.commit()
    applied = [m.name for m in MIGRATIONS.applied(db)]
    c.close()
    return texts, applied


def test_old_database_upgrades_and_keeps_its_data(tmp_path):
    path = tmp_path / "old.sqlite3"
    texts, applied = _old_database(path)
    assert applied == ["m001_initial"]
    assert "sha256" not in {r[1] for r in sqlite3.connect(path).execute("PRAGMA table_info(revisions)")}
    with Store(path) as s:
        assert [r.number for r in s.history(1)] == [1, 2, 3]
        assert [s.revision_text(1, n) for n in (1, 2, 3)] == texts
        assert s.original_bytes(1) == OWN_PAGE.encode("big5")
        assert s.save_revision(1, texts[-1] + "新", parent=3).number == 4
    con = sqlite3.connect(path)
    names = [r[0] for r in con.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert names == sorted(known_migrations()) == ["m001_initial", "m002_revision_checksums", "m003_overview_view"]
    sums = [r[0] for r in con.execute("SELECT sha256 FROM revisions WHERE page_id = 1 ORDER BY number")][:3]
    assert sums == [hashlib.sha256(t.encode()).hexdigest() for t in texts]
    assert con.execute("SELECT issue, page, status FROM page_overview").fetchone() == ("舊刊", 1, "in-progress")
    con.close()
    with Store(path):  # opening again applies nothing twice
        pass
    con = sqlite3.connect(path)
    assert con.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == 3
    con.close()


def test_database_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "new.sqlite3"
    Store(path).close()
    con = sqlite3.connect(path)
    con.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                "VALUES ('proofdesk', 'm999_future', '2030-01-01')")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="newer ProofDesk"):
        Store(path)
