"""The Store contract: issues, pages, findings, decisions, statuses, errors."""
from __future__ import annotations

import sqlite3

import pytest

from proofdesk.analysis import analyze
from proofdesk.errors import InputError, NotFoundError, StoreError
from proofdesk.store import (
    Decision,
    DuplicatePageError,
    ImportCancelled,
    PageStatus,
    Store,
    default_db_path,
)

from store_helpers import OWN_PAGE, corpus_text


def test_default_path_is_in_user_data_folder():
    p = default_db_path()
    assert p.name == "proofdesk.sqlite3"
    assert "proofdesk" in str(p.parent).lower()


def test_database_settings(store):
    con = sqlite3.connect(store.path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    assert {"issues", "pages", "findings", "decisions", "revisions", "page_overview", "_sqlite_migrations"} <= tables
    con.close()
    assert store._con.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_issue_create_list_and_lookup(store):
    a = store.create_issue("山西日报 2026-02-07", "山西日报", "2026-02-07", "1")
    b = store.create_issue("长治日报 2026-02-07")
    assert [i.title for i in store.issues()] == ["山西日报 2026-02-07", "长治日报 2026-02-07"]
    assert store.issue(a.id) == a
    assert store.issue("长治日报 2026-02-07").id == b.id
    assert store.issue(str(a.id)).id == a.id
    assert (a.publication, a.date, a.edition, a.page_count, a.open_findings) == ("山西日报", "2026-02-07", "1", 0, 0)
    with pytest.raises(NotFoundError):
        store.issue("没有这一期")
    with pytest.raises(StoreError, match="already exists"):
        store.create_issue("山西日报 2026-02-07")
    with pytest.raises(InputError):
        store.create_issue("  ")


def test_import_stores_everything_of_a_page(store, shared):
    texts = corpus_text(shared, 2)
    issue = store.create_issue("测试")
    data = [("p1.txt", texts[0].encode("gb18030")), ("p2.txt", texts[1].encode("utf-16"))]
    seen = []
    pages = store.import_pages(issue.id, data, progress=lambda d, t, n: seen.append((d, t, n)))
    assert seen == [(1, 2, "p1.txt"), (2, 2, "p2.txt")]
    assert [p.number for p in pages] == [1, 2]
    assert [p.encoding for p in pages] == ["gb18030", "utf-16"]
    for p, (name, raw), text in zip(pages, data, texts):
        assert p.source_name == name and p.status is PageStatus.RAW and p.latest_revision == 1
        assert store.original_bytes(p.id) == raw
        assert store.raw_text(p.id) == text
        assert store.revision_text(p.id, 1) == text
        [rev] = store.history(p.id)
        assert (rev.number, rev.parent, rev.message, rev.length) == (1, None, "imported", len(text))
        expected = [f.to_dict() for f in analyze(text).findings]
        assert [f.to_dict() for f in store.findings(p.id)] == expected
    assert store.pages(issue.id) == pages
    assert store.page_ref("测试", 2) == pages[1]
    assert store.issue(issue.id).page_count == 2


def test_import_numbers_continue_after_existing_pages(store, shared):
    texts = corpus_text(shared, 3)
    issue = store.create_issue("测试")
    store.import_pages(issue.id, [("a.txt", texts[0].encode())])
    more = store.import_pages(issue.id, [("b.txt", texts[1].encode()), ("c.txt", texts[2].encode())])
    assert [p.number for p in more] == [2, 3]


def test_bad_file_in_an_import_stores_nothing(store, shared):
    issue = store.create_issue("测试")
    good = corpus_text(shared, 1)[0].encode()
    for bad_name, bad in (("scan.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
                          ("empty.txt", b""), ("junk.txt", bytes(range(256)) * 8)):
        with pytest.raises(InputError, match=bad_name.replace(".", r"\.")):
            store.import_pages(issue.id, [("good.txt", good), (bad_name, bad)])
        assert store.pages(issue.id) == []
    assert store._con.conn.execute("SELECT count(*) FROM revisions").fetchone()[0] == 0


def test_reimport_is_detected(store, shared):
    issue = store.create_issue("测试")
    text = corpus_text(shared, 1)[0]
    store.import_pages(issue.id, [("a.txt", text.encode())])
    # the same page in another encoding is still the same page
    with pytest.raises(DuplicatePageError, match="b.txt"):
        store.import_pages(issue.id, [("b.txt", text.encode("gb18030"))])
    with pytest.raises(DuplicatePageError, match="d.txt"):
        store.import_pages(issue.id, [("c.txt", OWN_PAGE.encode()), ("d.txt", OWN_PAGE.encode("big5"))])
    assert len(store.pages(issue.id)) == 1
    added = store.import_pages(issue.id, [("b.txt", text.encode()), ("c.txt", OWN_PAGE.encode())],
                               skip_duplicates=True)
    assert [p.source_name for p in added] == ["c.txt"]
    # another issue may hold the same page
    other = store.create_issue("另一期")
    assert len(store.import_pages(other.id, [("a.txt", text.encode())])) == 1


def test_cancelled_import_stores_nothing(store, shared):
    issue = store.create_issue("测试")
    texts = corpus_text(shared, 3)
    asked = []

    def cancel():
        asked.append(1)
        return len(asked) > 2

    with pytest.raises(ImportCancelled):
        store.import_pages(issue.id, [(f"{i}.txt", t.encode()) for i, t in enumerate(texts)], cancel=cancel)
    assert store.pages(issue.id) == []


def test_decisions_record_replace_clear(store, page):
    findings = [f for f in store.findings(page.id) if f.kind.value != "layout"]
    if len(findings) < 2:
        findings = store.findings(page.id)
    assert len(findings) >= 2, "the corpus page should give at least two findings"
    f1, f2 = findings[:2]
    before = store.page(page.id).open_findings
    store.record_decisions(page.id, [Decision(f1.id, "accepted", author="amy"),
                                     Decision(f2.id, "edited", edited_text="改过的", author="amy")])
    got = store.decisions(page.id)
    assert got[f1.id].state == "accepted" and got[f1.id].author == "amy" and got[f1.id].at
    assert got[f2.id].edited_text == "改过的"
    store.record_decisions(page.id, [Decision(f1.id, "rejected", author="bob")])
    assert store.decisions(page.id)[f1.id].state == "rejected"
    assert store.page(page.id).status is PageStatus.IN_PROGRESS
    counted = [f for f in (f1, f2) if f.kind.value != "layout"]
    assert store.page(page.id).open_findings == before - len(counted)
    store.clear_decision(page.id, f1.id)
    assert set(store.decisions(page.id)) == {f2.id}
    with pytest.raises(NotFoundError):
        store.record_decisions(page.id, [Decision("no-such-finding", "accepted")])
    # the failed call changed nothing (one transaction)
    assert set(store.decisions(page.id)) == {f2.id}
    with pytest.raises(InputError, match="maybe"):
        Decision(f1.id, "maybe")
    with pytest.raises(InputError, match="edited text"):
        Decision(f1.id, "edited")


def test_status(store, page):
    for status in PageStatus:
        store.set_status(page.id, status)
        assert store.page(page.id).status is status
    store.set_status(page.id, "proofread")
    assert store.page(page.id).status is PageStatus.PROOFREAD
    with pytest.raises(NotFoundError):
        store.set_status(9999, PageStatus.RAW)
    with pytest.raises(InputError, match="unknown status"):
        store.set_status(page.id, "finished")


def test_missing_things_raise_not_found(store, page):
    for call in (lambda: store.page(999), lambda: store.raw_text(999), lambda: store.history(999),
                 lambda: store.revision_text(page.id, 5), lambda: store.revision_text(page.id, 0),
                 lambda: store.restore(page.id, 7), lambda: store.findings(999), lambda: store.pages(999)):
        with pytest.raises(NotFoundError):
            call()


def test_closed_store_refuses(store):
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.issues()


def test_store_as_context_manager(tmp_path):
    with Store(tmp_path / "x.sqlite3") as s:
        s.create_issue("一")
    with Store(tmp_path / "x.sqlite3") as s:
        assert [i.title for i in s.issues()] == ["一"]


def test_damaged_rows_raise_store_errors(store, page):
    con = store._con.conn
    con.execute("PRAGMA ignore_check_constraints = ON")
    con.execute("UPDATE findings SET data = '{broken' WHERE page_id = ?", (page.id,))
    with pytest.raises(StoreError, match="damaged"):
        store.findings(page.id)
    con.execute("UPDATE pages SET status = 'lost' WHERE id = ?", (page.id,))
    with pytest.raises(StoreError, match="damaged"):
        store.page(page.id)
