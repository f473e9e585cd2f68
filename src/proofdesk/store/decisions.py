"""The proofreader's decisions on findings: one row per finding, the latest wins."""
from __future__ import annotations

import sqlite3

from proofdesk.errors import NotFoundError
from proofdesk.store.records import Decision


def decisions(conn: sqlite3.Connection, page_id: int) -> dict[str, Decision]:
    return {r[0]: Decision(*r) for r in conn.execute(
        "SELECT finding_id, state, edited_text, author, at FROM decisions WHERE page_id = ? "
        "ORDER BY finding_id", (page_id,))}


def record(conn: sqlite3.Connection, page_id: int, items: list[Decision], now: str) -> None:
    known = {r[0] for r in conn.execute("SELECT finding_id FROM findings WHERE page_id = ?", (page_id,))}
    missing = [d.finding_id for d in items if d.finding_id not in known]
    if missing:
        raise NotFoundError(f"page {page_id} has no finding {missing[0]}")
    conn.executemany(
        "INSERT OR REPLACE INTO decisions (page_id, finding_id, state, edited_text, author, at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(page_id, d.finding_id, d.state.value, d.edited_text, d.author, d.at or now) for d in items])


def clear(conn: sqlite3.Connection, page_id: int, finding_id: str) -> None:
    conn.execute("DELETE FROM decisions WHERE page_id = ? AND finding_id = ?", (page_id, finding_id))
