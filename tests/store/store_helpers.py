"""Helpers shared by the store tests (imported by name: no package, no clash with other conftests)."""
from __future__ import annotations

from pathlib import Path

# Written for these tests (not from the corpus): a tiny page that is valid in every
# encoding the importer supports, Big5 included.
OWN_PAGE = "校園新聞\n\n本報訊　今日天氣晴朗，學生在操場上舉行運動會。\n校長表示，明年還會再辦。\n"


def corpus_text(shared: Path, count: int = 3, start: int = 0) -> list[str]:
    files = sorted((shared / "corpus" / "articles").glob("*.txt"))[start:start + count]
    return [f.read_text("utf-8") for f in files]
