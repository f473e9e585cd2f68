"""Export an issue's latest revisions as plain text or as JSON (articles per page).

Text: one UTF-8 file with the pages in order, separated by a form feed
(U+000C, the plain-text page break), or a folder with one file per page.
Each page's text is the latest revision exactly, so import -> export gives
the imported raw text back until someone edits it.

JSON: issue metadata, then per page its status, latest revision and the
articles parsed from that revision. The layout is documented by
src/proofdesk/schema/export.schema.json (see SCHEMA_PATH).
"""
from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from pathlib import Path

from proofdesk.errors import InputError
from proofdesk.io.writing import write_text_atomic
from proofdesk.page.articles import parse_articles

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "schema" / "export.schema.json"
FORMAT_VERSION = 1
PAGE_BREAK = "\f"


def export_issue_json(store, issue_id: int | str) -> dict:
    """The issue as a JSON-ready dict (validates against export.schema.json)."""
    issue = store.issue(issue_id)
    pages = []
    for p in store.pages(issue.id):
        rev = store.latest_revision(p.id)
        text = store.revision_text(p.id, rev.number)
        pages.append({
            "id": p.id,
            "number": p.number,
            "source_name": p.source_name,
            "encoding": p.encoding,
            "status": p.status.value,
            "open_findings": p.open_findings,
            "revision": {"number": rev.number, "author": rev.author, "created": rev.created,
                         "message": rev.message},
            "characters": len(text),
            "text": text,
            "articles": [a.to_dict() for a in parse_articles(text)],
        })
    return {
        "format": "proofdesk-issue",
        "version": FORMAT_VERSION,
        "exported": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "issue": {"id": issue.id, "title": issue.title, "publication": issue.publication,
                  "date": issue.date, "edition": issue.edition},
        "pages": pages,
    }


def issue_text(store, issue_id: int | str) -> str:
    """Every page's latest text, in page order, separated by form feeds."""
    issue = store.issue(issue_id)
    return PAGE_BREAK.join(store.latest_text(p.id) for p in store.pages(issue.id))


def page_file_name(number: int, source_name: str) -> str:
    stem = re.sub(r"[^\w.-]+", "_", Path(source_name).stem, flags=re.UNICODE).strip("._") or "page"
    return f"{number:03d}-{stem}.txt"


def export_issue(store, issue_id: int | str, fmt: str, dest: Path, per_page: bool = False) -> list[Path]:
    """Write the export; returns the files written.

    per_page (text only): dest is a folder (created if needed) with one file per page.
    """
    dest = Path(dest)
    if fmt == "json":
        if per_page:
            raise InputError("--per-page applies to text exports only")
        data = export_issue_json(store, issue_id)
        write_text_atomic(dest, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        return [dest]
    if fmt != "text":
        raise InputError(f"unknown export format {fmt!r}: use text or json")
    if not per_page:
        write_text_atomic(dest, issue_text(store, issue_id))
        return [dest]
    if dest.exists() and not dest.is_dir():
        raise InputError(f"{dest}: exists and is not a folder (a per-page export writes a folder)")
    try:
        dest.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise InputError(f"{dest}: cannot create the folder: {e.strerror}") from None
    issue = store.issue(issue_id)
    written = []
    for p in store.pages(issue.id):
        path = dest / page_file_name(p.number, p.source_name)
        write_text_atomic(path, store.latest_text(p.id))
        written.append(path)
    return written
