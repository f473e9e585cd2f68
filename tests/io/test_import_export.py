"""Import -> export round trips for every encoding; JSON exports validate against the schema."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from proofdesk.errors import InputError
from proofdesk.io.export import PAGE_BREAK, SCHEMA_PATH, export_issue, export_issue_json, issue_text
from proofdesk.io.importing import ProgressLine, discover, natural_key, read_files
from proofdesk.store import PageStatus, Store

from io_helpers import ENCODINGS, page_for


@pytest.fixture
def schema() -> dict:
    data = json.loads(SCHEMA_PATH.read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(data)
    return data


@pytest.fixture
def project(tmp_path, corpus_pages):
    """A folder with one page file per encoding, imported into a store."""
    folder = tmp_path / "pages"
    folder.mkdir()
    texts = {}
    for i, enc in enumerate(ENCODINGS):
        name = f"page-{i + 1}-{enc}.txt"
        texts[name] = page_for(enc, corpus_pages, i)
        (folder / name).write_bytes(texts[name].encode(enc))
    store = Store(tmp_path / "p.sqlite3")
    issue = store.create_issue("往返测试", publication="测试报", date="2026-02-07", edition="3")
    pages = store.import_pages(issue.id, read_files(discover([folder])))
    yield store, issue, pages, texts, folder
    store.close()


def test_import_then_export_gives_the_raw_text_back(project, tmp_path):
    store, issue, pages, texts, folder = project
    assert [p.source_name for p in pages] == [f"page-{i + 1}-{e}.txt" for i, e in enumerate(ENCODINGS)]
    for p in pages:
        assert store.original_bytes(p.id) == (folder / p.source_name).read_bytes()
    out = tmp_path / "out"
    written = export_issue(store, issue.id, "text", out, per_page=True)
    assert len(written) == len(ENCODINGS)
    for p, path in zip(pages, written):
        assert path.read_bytes().decode("utf-8") == texts[p.source_name]
    single = tmp_path / "issue.txt"
    export_issue(store, issue.id, "text", single)
    assert single.read_text("utf-8").split(PAGE_BREAK) == [texts[p.source_name] for p in pages]
    data = export_issue_json(store, issue.id)
    assert [pg["text"] for pg in data["pages"]] == [texts[p.source_name] for p in pages]


def test_export_follows_the_latest_revision(project, tmp_path, schema):
    store, issue, pages, texts, _ = project
    first = pages[0]
    # cleaned layout: one block per line, a blank line between articles
    cleaned = ("新的标题\n本报讯（记者张三）今天，这是校对后的正文，天气晴朗，市民出游。\n"
               "第二段内容，继续报道这件事情的经过。（下转第二版）\n")
    store.save_revision(first.id, cleaned, parent=1, author="amy", message="校对")
    store.set_status(first.id, PageStatus.PROOFREAD)
    data = export_issue_json(store, issue.id)
    jsonschema.validate(data, schema)
    page = data["pages"][0]
    assert page["revision"]["number"] == 2 and page["revision"]["author"] == "amy"
    assert page["status"] == "proofread" and page["text"] == cleaned and page["characters"] == len(cleaned)
    [article] = page["articles"]
    assert article["headline"] == "新的标题"
    assert article["byline"] == "本报讯（记者张三）"
    assert len(article["paragraphs"]) == 2
    assert article["jumps"] == [{"direction": "to", "page": "二"}]
    assert data["issue"] == {"id": issue.id, "title": "往返测试", "publication": "测试报",
                             "date": "2026-02-07", "edition": "3"}
    assert [p["number"] for p in data["pages"]] == list(range(1, len(ENCODINGS) + 1))
    path = tmp_path / "issue.json"
    export_issue(store, issue.id, "json", path)
    jsonschema.validate(json.loads(path.read_text("utf-8")), schema)
    assert issue_text(store, issue.id).startswith(cleaned + PAGE_BREAK)


def test_schema_rejects_a_broken_export(project, schema):
    store, issue, *_ = project
    data = export_issue_json(store, issue.id)
    jsonschema.validate(data, schema)
    for damage in (lambda d: d["pages"][0].pop("revision"),
                   lambda d: d["pages"][0].update(status="done"),
                   lambda d: d["issue"].update(id="one"),
                   lambda d: d["pages"][0]["articles"].append({"headline": "x"})):
        broken = json.loads(json.dumps(data))
        damage(broken)
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, schema)


def test_export_errors(project, tmp_path):
    store, issue, *_ = project
    (tmp_path / "afile").write_text("x")
    with pytest.raises(InputError, match="not a folder"):
        export_issue(store, issue.id, "text", tmp_path / "afile", per_page=True)
    with pytest.raises(InputError, match="format"):
        export_issue(store, issue.id, "pdf", tmp_path / "x.pdf")
    with pytest.raises(InputError, match="folder"):
        export_issue(store, issue.id, "text", tmp_path / "missing" / "x.txt")


def test_discover_files_and_folders(tmp_path):
    (tmp_path / "d" / "sub").mkdir(parents=True)
    (tmp_path / "d" / ".hidden").mkdir()
    for name in ("p10.txt", "p2.txt", "p1.TXT", "notes.md", "sub/p3.txt", ".hidden/p0.txt", ".x.txt"):
        (tmp_path / "d" / name).write_text("页")
    lone = tmp_path / "lone.dat"
    lone.write_text("页")
    got = discover([tmp_path / "d", lone, tmp_path / "d" / "p2.txt"])
    assert [p.relative_to(tmp_path).as_posix() for p in got] == \
        ["d/p1.TXT", "d/p2.txt", "d/p10.txt", "d/sub/p3.txt", "lone.dat"]
    assert sorted(["a10", "a9", "a1"], key=lambda s: natural_key(Path(s))) == ["a1", "a9", "a10"]
    with pytest.raises(InputError, match="no such file"):
        discover([tmp_path / "nothing"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no .txt"):
        discover([tmp_path / "empty"])


def test_progress_line_is_short_in_logs():
    class Log:
        def __init__(self):
            self.text = ""

        def write(self, s):
            self.text += s

        def flush(self):
            pass

    log = Log()
    bar = ProgressLine(log)
    for i in range(1, 501):
        bar(i, 500, f"p{i}.txt")
    lines = log.text.splitlines()
    assert 10 <= len(lines) <= 11 and lines[-1] == "importing 500/500 p500.txt"
