"""Fixtures for store tests: a fresh project file and a page built from the corpus."""
from __future__ import annotations

from pathlib import Path

import pytest
from store_helpers import corpus_text

from proofdesk.store import Store


@pytest.fixture
def store(tmp_path: Path):
    s = Store(tmp_path / "project.sqlite3")
    yield s
    s.close()


@pytest.fixture
def page(store, shared):
    """PageInfo of one imported page made of two corpus articles."""
    text = "\n\n".join(corpus_text(shared, 2))
    issue = store.create_issue("测试报 2026-02-07", publication="测试报", date="2026-02-07", edition="1")
    [p] = store.import_pages(issue.id, [("page-01.txt", text.encode("utf-8"))])
    return p
