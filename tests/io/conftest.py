"""Fixtures for io tests: corpus pages (read from ../shared, never copied into the repo)."""
from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def corpus_pages(shared: Path) -> list[str]:
    files = sorted((shared / "corpus" / "articles").glob("*.txt"))
    return [f.read_text("utf-8") for f in files[:6]]


