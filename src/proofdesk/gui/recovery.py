"""Recovery copies of unsaved work, one JSON file per page beside the database. Qt-free.

The window writes a copy at least every 30 s while a page has unsaved work and
deletes it on save, on discard and on a clean exit; whatever is left at the next
start is work lost in a crash, and is offered back.
"""
from __future__ import annotations

import json
from pathlib import Path

from proofdesk.io.writing import write_text_atomic

INTERVAL_MS = 30_000


def recovery_dir(db_path: Path) -> Path:
    db_path = Path(db_path)
    return db_path.parent / f"{db_path.stem}.recovery"


class RecoveryFiles:
    def __init__(self, db_path: Path):
        self.folder = recovery_dir(db_path)

    def _file(self, page_id: int) -> Path:
        return self.folder / f"page-{int(page_id)}.json"

    def write(self, payload: dict) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self._file(payload["page_id"])
        write_text_atomic(path, json.dumps(payload, ensure_ascii=False))
        return path

    def discard(self, page_id: int) -> None:
        self._file(page_id).unlink(missing_ok=True)

    def pending(self) -> list[dict]:
        """Recovery copies left behind, oldest first; unreadable ones are dropped."""
        if not self.folder.is_dir():
            return []
        out = []
        for path in sorted(self.folder.glob("page-*.json")):
            try:
                payload = json.loads(path.read_text(encoding="utf-8"))
                int(payload["page_id"]), payload["text"], payload["decisions"]
            except (OSError, ValueError, KeyError, TypeError):
                path.unlink(missing_ok=True)
                continue
            out.append(payload)
        return sorted(out, key=lambda p: p.get("saved_at", ""))
