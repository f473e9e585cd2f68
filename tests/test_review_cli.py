"""`proofdesk findings` / `proofdesk review`: the session's actions from the command line, on a real store."""
from __future__ import annotations

import json

import pytest

from proofdesk.cli import main
from proofdesk.findings import FindingKind
from proofdesk.session import FindingState, PageSession, open_demo
from proofdesk.store import Store


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "cli.sqlite3"
    with Store(path) as st:
        issue = open_demo(st)
        page = st.pages(issue.id)[0]
    return path, page.id


def listed(capsys, db, *extra):
    path, pid = db
    assert main(["findings", str(pid), "--db", str(path), "--format", "json", *extra]) == 0
    return json.loads(capsys.readouterr().out)


def test_findings_lists_every_finding_with_its_state(capsys, db):
    rows = listed(capsys, db)
    with Store(db[0]) as st:
        assert [r["id"] for r in rows] == [f.id for f in st.findings(db[1])]
    assert {r["state"] for r in rows} == {"open"}
    assert main(["findings", str(db[1]), "--db", str(db[0])]) == 0
    assert rows[0]["id"] in capsys.readouterr().out


def test_review_decides_saves_and_the_editor_sees_it(capsys, db):
    rows = listed(capsys, db)
    fix = next(r for r in rows if r["edits"] and r["kind"] != "layout")
    other = next(r for r in rows if r["id"] != fix["id"])
    path, pid = db
    assert main(["review", str(pid), "--db", str(path), "--accept", fix["id"][:16],
                 "--reject", other["id"], "-m", "命令行", "--author", "甲"]) == 0
    assert "saved revision 2" in capsys.readouterr().out
    with Store(path) as st:
        s = PageSession(st, pid)
        assert s.state(fix["id"]) is FindingState.ACCEPTED and s.state(other["id"]) is FindingState.REJECTED
        assert st.latest_revision(pid).message == "命令行" and st.latest_revision(pid).author == "甲"
        assert s.text == st.latest_text(pid) != st.raw_text(pid)
    assert {r["id"] for r in listed(capsys, db, "--state", "accepted")} == {fix["id"]}


def test_review_edit_accept_kind_and_errors(capsys, db):
    rows = listed(capsys, db)
    path, pid = db
    target = next(r for r in rows if r["kind"] != "layout")
    assert main(["review", str(pid), "--db", str(path), "--edit", target["id"], "【改】"]) == 0
    with Store(path) as st:
        assert "【改】" in st.latest_text(pid)
    kinds = [r["kind"] for r in rows if r["edits"] and r["id"] != target["id"]]
    kind = max(set(kinds), key=kinds.count)
    assert main(["review", str(pid), "--db", str(path), "--accept-kind", kind]) == 0
    with Store(path) as st:
        s = PageSession(st, pid)
        assert all(s.state(f.id) is FindingState.ACCEPTED for f in s.findings
                   if f.kind is FindingKind(kind) and f.has_fix and f.id != target["id"])
    capsys.readouterr()
    assert main(["review", str(pid), "--db", str(path), "--accept", "no-such-id"]) == 2
    assert "no-such-id" in capsys.readouterr().err
    flag = next((r for r in rows if not r["edits"]), None)
    if flag is not None:
        assert main(["review", str(pid), "--db", str(path), "--accept", flag["id"]]) == 2
        assert "no fix" in capsys.readouterr().err
    assert main(["review", str(pid), "--db", str(path)]) == 0
    assert "nothing to save" in capsys.readouterr().out


def test_restore_from_the_command_line_rederives_the_findings_states(capsys, db):
    path, pid = db
    assert main(["review", str(pid), "--accept-kind", "broken-continuation", "-m", "joins",
                 "--db", str(path)]) == 0
    capsys.readouterr()
    accepted = [r for r in listed(capsys, db) if r["state"] == "accepted"]
    assert accepted and {r["kind"] for r in accepted} == {"broken-continuation"}
    assert main(["restore", str(pid), "1", "--db", str(path)]) == 0
    assert "restored as revision 3" in capsys.readouterr().out
    # Revision 1 is the raw text: none of those joins is in it, so none may still read as accepted.
    assert [r for r in listed(capsys, db) if r["state"] == "accepted"] == []
    with Store(path) as st:
        assert st.revision_text(pid, 3) == st.raw_text(pid)


def test_review_puts_a_rebuilt_pages_columns_in_order(capsys, tmp_path, shared):
    from proofdesk.page.reading import columns_of
    path = tmp_path / "cols.sqlite3"
    raw_file = shared / "corpus" / "raw" / "news-0001.txt"
    with Store(path) as st:
        issue = st.create_issue("行级")
        pid = st.import_pages(issue.id, [(raw_file.name, raw_file.read_bytes())])[0].id
    assert main(["findings", str(pid), "--db", str(path)]) == 0
    out = capsys.readouterr().out
    cols = columns_of(raw_file.read_text("utf-8"))
    assert "    column 2: " + cols[1].first[:14] in out and len(cols) == 4
    order = next(r for r in listed(capsys, (path, pid)) if r["kind"] == "reading-order")
    assert [c["first"] for c in order["columns"]] == [c.first for c in cols] and order["columns"][1]["number"] == 2
    fid = order["id"]
    reflow = next(r["id"] for r in listed(capsys, (path, pid)) if r["kind"] == "reflow")
    # Not a reading-order finding, or not every column once: a clear error, nothing saved.
    assert main(["review", str(pid), "--db", str(path), "--columns", reflow, "2,1"]) == 2
    assert "no reading-order finding" in capsys.readouterr().err
    assert main(["review", str(pid), "--db", str(path), "--columns", fid, "2,1,3"]) == 2
    assert "each of the 4 columns" in capsys.readouterr().err
    assert main(["review", str(pid), "--db", str(path), "--columns", fid, "2,1,3,4"]) == 0
    with Store(path) as st:
        s = PageSession(st, pid)
        assert s.state(fid) is FindingState.EDITED and st.latest_revision(pid).number == 2
        text = st.latest_text(pid)
        assert text.index(cols[1].first) < text.index(cols[0].first)
