"""Fixtures for store tests: a fresh project file and a page built from the corpus."""
from __future__ import annotations

from pathlib import Path

import pytest

from proofdesk.store import Store

# Written for these tests (not from the corpus): a tiny page that is valid in every
# encoding the importer supports, Big5 included.
OWN_PAGE = "校園新聞\n\n本報訊　今日天氣晴朗，學生在操場上舉行運動會。\n校長表示，明年還會再辦。\n"


@pytest.fixture
def store(tmp_path: Path):
    s = Store(tmp_path / "project.sqlite3")
    yield s
    s.close()


def corpus_text(shared: Path, count: int = 3, start: int = 0) -> list[str]:
    files = sorted((shared / "corpus" / "articles").glob("*.txt"))[start:start + count]
    return [f.read_text("utf-8") for f in files]


@pytest.fixture
def page(store, shared):
    """(store, PageInfo) of one imported page made of two corpus articles."""
    text = "\n\n".join(corpus_text(shared, 2))
    issue = store.create_issue("测试报 2026-02-07", publication="测试报", date="2026-02-07", edition="1")
    [p] = store.import_pages(issue.id, [("page-01.txt", text.encode("utf-8"))])
    return p
