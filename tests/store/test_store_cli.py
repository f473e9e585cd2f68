"""The store commands, run through proofdesk.cli.main as a user would."""
from __future__ import annotations

import json

import pytest

from proofdesk.cli import build_parser, main
from proofdesk.store import Store

from store_helpers import OWN_PAGE, corpus_text

COMMANDS = ("import", "issues", "pages", "history", "show", "diff", "restore", "export", "status")


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def imported(tmp_path, shared, capsys):
    folder = tmp_path / "issue"
    folder.mkdir()
    texts = corpus_text(shared, 2)
    (folder / "p1.txt").write_bytes(texts[0].encode("gb18030"))
    (folder / "p2.txt").write_bytes(texts[1].encode("utf-8-sig"))
    db = tmp_path / "cli.sqlite3"
    code, out, err = run(capsys, "import", folder, "--issue", "测试报 2026-02-07", "--date", "2026-02-07",
                         "--publication", "测试报", "--db", db)
    assert code == 0, err
    return db, texts, out


def test_every_store_command_has_help():
    sub = build_parser()._subparsers._group_actions[0]  # noqa: SLF001
    summaries = {a.dest: a.help for a in sub._choices_actions}  # noqa: SLF001
    for name in COMMANDS:
        assert summaries.get(name), f"{name} has no one-line help"
        parser = sub.choices[name]
        assert parser.description, name
        for action in parser._actions:  # noqa: SLF001
            if action.option_strings and action.dest != "help":
                assert action.help, f"{name} {action.option_strings} has no help"


def test_import_lists_pages_and_issues(imported, capsys):
    db, texts, out = imported
    assert "imported 2 page(s)" in out and "gb18030" in out and "utf-8-sig" in out
    code, out, _ = run(capsys, "issues", "--db", db)
    assert code == 0 and "测试报 2026-02-07" in out and "2026-02-07" in out
    code, out, _ = run(capsys, "pages", "测试报 2026-02-07", "--db", db)
    assert code == 0 and "p1.txt" in out and "p2.txt" in out and "raw" in out
    code, out, _ = run(capsys, "pages", "1", "--format", "json", "--db", db)
    rows = json.loads(out)
    assert [r["source_name"] for r in rows] == ["p1.txt", "p2.txt"] and rows[0]["status"] == "raw"
    code, out, _ = run(capsys, "issues", "--format", "json", "--db", db)
    assert json.loads(out)[0]["page_count"] == 2


def test_reimport_and_bad_files_are_refused(imported, tmp_path, capsys):
    db, texts, _ = imported
    again = tmp_path / "again.txt"
    again.write_bytes(texts[0].encode("utf-16"))
    code, _, err = run(capsys, "import", again, "--issue", "1", "--db", db)
    assert code == 2 and "again.txt" in err and "already" in err
    code, out, _ = run(capsys, "import", again, "--issue", "1", "--skip-duplicates", "--db", db)
    assert code == 0 and "skipped 1" in out
    bad = tmp_path / "scan.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    good = tmp_path / "good.txt"
    good.write_text(OWN_PAGE, "utf-8")
    code, _, err = run(capsys, "import", good, bad, "--issue", "1", "--db", db)
    assert code == 2 and "scan.txt" in err
    with Store(db) as s:
        assert len(s.pages(1)) == 2  # good.txt was not imported either


def test_history_show_diff_restore(imported, capsys):
    db, texts, _ = imported
    with Store(db) as s:
        s.save_revision(1, texts[0].replace("气象", "氣象", 1), parent=1, author="amy", message="改一个字")
    code, out, _ = run(capsys, "show", "1", "--db", db)
    assert code == 0 and out == texts[0].replace("气象", "氣象", 1)
    code, out, _ = run(capsys, "show", "1", "--rev", "1", "--db", db)
    assert out == texts[0]
    code, out, _ = run(capsys, "diff", "1", "1", "2", "--db", db)
    assert code == 0 and "[-气-]{+氣+}" in out and "+1 -1" in out
    code, out, _ = run(capsys, "diff", "1", "1", "2", "--unified", "--db", db)
    assert "--- page 1 r1" in out and "\n-" in out and "\n+" in out
    code, out, _ = run(capsys, "diff", "1", "1", "2", "--color", "always", "--db", db)
    assert "\x1b[31m[-气-]\x1b[0m" in out
    code, out, _ = run(capsys, "restore", "1", "1", "--author", "bob", "--db", db)
    assert code == 0 and "restored as revision 3" in out
    code, out, _ = run(capsys, "history", "1", "--db", db)
    lines = [l for l in out.splitlines() if l.startswith("r")]
    assert len(lines) == 3 and "改一个字" in lines[1] and "restored revision 1" in lines[2] and "bob" in lines[2]
    code, out, _ = run(capsys, "show", "1", "--db", db)
    assert out == texts[0]
    code, out, _ = run(capsys, "status", "1", "proofread", "--db", db)
    assert code == 0
    code, out, _ = run(capsys, "pages", "1", "--db", db)
    assert "proofread" in out


def test_export_commands(imported, tmp_path, capsys):
    import jsonschema

    from proofdesk.io.export import SCHEMA_PATH

    db, texts, _ = imported
    code, out, _ = run(capsys, "export", "测试报 2026-02-07", "--format", "json", "--db", db)
    data = json.loads(out)
    jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text("utf-8")))
    assert [p["text"] for p in data["pages"]] == texts
    code, out, _ = run(capsys, "export", "1", "--db", db)
    assert out == "\f".join(texts)
    code, _, err = run(capsys, "export", "1", "--per-page", "-o", tmp_path / "pages", "--db", db)
    assert code == 0 and "wrote 2 file(s)" in err
    assert sorted(p.name for p in (tmp_path / "pages").iterdir()) == ["001-p1.txt", "002-p2.txt"]
    code, _, err = run(capsys, "export", "1", "--per-page", "--db", db)
    assert code == 2 and "-o" in err


def test_user_errors_exit_2_with_a_message(imported, tmp_path, capsys):
    db, *_ = imported
    for argv, needle in ((("show", "99"), "no page 99"), (("show", "1", "--rev", "9"), "no revision 9"),
                         (("pages", "没有"), "no issue"), (("diff", "1", "1", "7"), "no revision 7"),
                         (("restore", "1", "5"), "no revision 5")):
        code, _, err = run(capsys, *argv, "--db", db)
        assert code == 2 and needle in err, (argv, err)
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"not a database at all" * 100)
    code, _, err = run(capsys, "issues", "--db", broken)
    assert code == 2 and "broken.sqlite3" in err and "not a ProofDesk project database" in err
