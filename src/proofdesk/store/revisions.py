"""Revision storage: diff-match-patch patches against the parent, with snapshots.

Revision n of a page is stored as a patch against revision n-1, except that a
full snapshot is stored
  - for revision 1 (the imported raw text),
  - every SNAPSHOT_EVERY revisions, so reading any revision applies at most
    SNAPSHOT_EVERY - 1 patches,
  - whenever the patch would be larger than the text itself,
  - whenever applying the patch does not give the text back exactly
    (a safety net: the patch is checked before it is written).
Every revision also keeps the sha256 of its text, checked on read.
"""
from __future__ import annotations

import hashlib
import sqlite3
from collections import OrderedDict
from dataclasses import dataclass

from diff_match_patch import diff_match_patch

from proofdesk.errors import StoreError

SNAPSHOT_EVERY = 100


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _dmp() -> diff_match_patch:
    dmp = diff_match_patch()
    # Storage only needs a correct diff, not a minimal one: cap the time so a
    # page rewritten from end to end still saves quickly.
    dmp.Diff_Timeout = 0.5
    return dmp


@dataclass(frozen=True)
class Encoded:
    storage: str   # "snapshot" | "patch"
    body: str
    added: int
    removed: int


def encode(parent_text: str | None, text: str, number: int, last_snapshot: int,
           snapshot_every: int = SNAPSHOT_EVERY) -> Encoded:
    """How to store `text` as revision `number` on top of `parent_text`."""
    if parent_text is None:
        return Encoded("snapshot", text, len(text), 0)
    dmp = _dmp()
    diffs = dmp.diff_main(parent_text, text)
    added = sum(len(t) for op, t in diffs if op == dmp.DIFF_INSERT)
    removed = sum(len(t) for op, t in diffs if op == dmp.DIFF_DELETE)
    if number - last_snapshot >= snapshot_every:
        return Encoded("snapshot", text, added, removed)
    dmp.diff_cleanupEfficiency(diffs)
    body = dmp.patch_toText(dmp.patch_make(parent_text, diffs))
    if len(body.encode("utf-8")) > len(text.encode("utf-8")) or apply_patch(parent_text, body) != text:
        return Encoded("snapshot", text, added, removed)
    return Encoded("patch", body, added, removed)


def apply_patch(text: str, body: str) -> str | None:
    """text with the patch applied, or None when any hunk fails to apply."""
    if not body:
        return text
    dmp = _dmp()
    try:
        result, ok = dmp.patch_apply(dmp.patch_fromText(body), text)
    except (ValueError, IndexError, TypeError):  # not a patch at all: a damaged row
        return None
    return result if all(ok) else None


class TextCache:
    """A few recently read revision texts; a stored revision never changes."""

    def __init__(self, size: int = 16):
        self._items: OrderedDict[tuple[int, int], str] = OrderedDict()
        self._size = size

    def get(self, page_id: int, number: int) -> str | None:
        key = (page_id, number)
        if key in self._items:
            self._items.move_to_end(key)
            return self._items[key]
        return None

    def put(self, page_id: int, number: int, text: str) -> None:
        self._items[(page_id, number)] = text
        self._items.move_to_end((page_id, number))
        while len(self._items) > self._size:
            self._items.popitem(last=False)

    def nearest_below(self, page_id: int, number: int, floor: int) -> tuple[int, str] | None:
        """The cached revision closest below `number` and at or above `floor`."""
        best = None
        for (pid, n), text in self._items.items():
            if pid == page_id and floor <= n < number and (best is None or n > best[0]):
                best = (n, text)
        return best

    def clear(self) -> None:
        self._items.clear()


def read_text(conn: sqlite3.Connection, page_id: int, number: int, cache: TextCache) -> str:
    """The text of one revision: nearest snapshot (or cached text), then patches."""
    hit = cache.get(page_id, number)
    if hit is not None:
        return hit
    row = conn.execute(
        "SELECT max(number) FROM revisions WHERE page_id = ? AND number <= ? AND storage = 'snapshot'",
        (page_id, number)).fetchone()
    base = row[0] if row else None
    if base is None:
        raise StoreError(f"page {page_id}: revision {number} has no snapshot to start from; "
                         "the database is damaged")
    start = cache.nearest_below(page_id, number, base)
    first = start[0] + 1 if start else base
    rows = conn.execute(
        "SELECT number, storage, body, sha256 FROM revisions "
        "WHERE page_id = ? AND number BETWEEN ? AND ? ORDER BY number",
        (page_id, first, number)).fetchall()
    if len(rows) != number - first + 1:
        raise StoreError(f"page {page_id}: revisions {first}..{number} are incomplete; "
                         "the database is damaged")
    text = start[1] if start else None
    for n, storage, body, checksum in rows:
        if storage == "snapshot":
            text = body
        else:
            text = apply_patch(text, body)
            if text is None:
                raise StoreError(f"page {page_id}: revision {n} cannot be rebuilt from its patch; "
                                 "the database is damaged")
    if rows[-1][3] and sha256_text(text) != rows[-1][3]:
        raise StoreError(f"page {page_id}: revision {number} does not match its checksum; "
                         "the database is damaged")
    cache.put(page_id, number, text)
    return text


def rebuild_texts(conn: sqlite3.Connection, page_id: int):
    """(number, text) of every revision of a page, oldest first (used by migrations)."""
    text = None
    for n, storage, body in conn.execute(
            "SELECT number, storage, body FROM revisions WHERE page_id = ? ORDER BY number", (page_id,)):
        text = body if storage == "snapshot" else apply_patch(text, body)
        if text is None:
            raise StoreError(f"page {page_id}: revision {n} cannot be rebuilt from its patch")
        yield n, text


def last_snapshot(conn: sqlite3.Connection, page_id: int) -> int:
    row = conn.execute("SELECT max(number) FROM revisions WHERE page_id = ? AND storage = 'snapshot'",
                       (page_id,)).fetchone()
    return row[0] or 0


def insert(conn: sqlite3.Connection, page_id: int, number: int, parent: int | None, text: str,
           enc: Encoded, author: str, created: str, message: str) -> None:
    conn.execute(
        "INSERT INTO revisions (page_id, number, parent, author, created, message, length, added, "
        "removed, storage, body, sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (page_id, number, parent, author, created, message, len(text), enc.added, enc.removed,
         enc.storage, enc.body, sha256_text(text)))
    conn.execute("UPDATE pages SET latest_revision = ? WHERE id = ?", (number, page_id))


HISTORY_COLUMNS = "page_id, number, parent, author, created, message, length, added, removed"
