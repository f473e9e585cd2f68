"""Store commands: import, issues, pages, history, show, diff, restore, export, status.

Each parses its arguments, calls proofdesk.store / proofdesk.io, and prints.
Pages are named by page id (as `proofdesk pages ISSUE` lists them), issues by
id or title. Every command takes --db PATH (default: the user's data folder).
"""
from __future__ import annotations

import argparse
import difflib
import json
import os
import sys
from pathlib import Path

from proofdesk.cli.args import current_user as _user
from proofdesk.cli.args import page_id as _page_id
from proofdesk.errors import InputError, NotFoundError
from proofdesk.io.export import export_issue, export_issue_json, issue_text
from proofdesk.io.importing import ProgressLine, discover, read_files
from proofdesk.store import PageStatus, Store, default_db_path
from proofdesk.store.diffs import Op, changed_lines, diff_chunks


def _common(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
    p.add_argument("--db", metavar="PATH", type=Path, default=None,
                   help=f"project database (default: {default_db_path()})")
    return p


def _rev(value: str) -> int:
    try:
        n = int(value.lstrip("rR"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a revision number") from None
    return n


def register(sub: argparse._SubParsersAction) -> None:
    p = _common(sub.add_parser(
        "import", help="import page files of a newspaper issue into the project",
        description="Import .txt pages (UTF-8 with or without BOM, UTF-16, GB18030/GBK, Big5) into an "
        "issue, analyse each, and store revision 1. A folder contributes its .txt files in natural order. "
        "All files are imported or none."))
    p.add_argument("paths", nargs="+", metavar="FILE_OR_DIR")
    p.add_argument("--issue", required=True, metavar="TITLE",
                   help="issue title (or id); created when no issue has that title")
    p.add_argument("--publication", default="", help="newspaper name, for a new issue")
    p.add_argument("--date", default="", help="issue date (YYYY-MM-DD), for a new issue")
    p.add_argument("--edition", default="", help="edition number, for a new issue")
    p.add_argument("--skip-duplicates", action="store_true",
                   help="skip files whose text is already in the issue instead of refusing the import")
    p.set_defaults(func=cmd_import)

    p = _common(sub.add_parser("issues", help="list the newspaper issues in the project",
                               description="List issues with their page count and open findings."))
    p.add_argument("--format", choices=("text", "json"), default="text", help="a table, or JSON for scripts")
    p.set_defaults(func=cmd_issues)

    p = _common(sub.add_parser("pages", help="list the pages of an issue",
                               description="List an issue's pages: id, number, status, open findings, revision."))
    p.add_argument("issue", metavar="ISSUE", help="issue id or title")
    p.add_argument("--format", choices=("text", "json"), default="text", help="a table, or JSON for scripts")
    p.set_defaults(func=cmd_pages)

    p = _common(sub.add_parser("history", help="list the revisions of a page",
                               description="List a page's revisions, oldest first."))
    p.add_argument("page", type=_page_id, metavar="PAGE", help="page id")
    p.set_defaults(func=cmd_history)

    p = _common(sub.add_parser("show", help="print one revision of a page",
                               description="Print a page's text: the latest revision, or --rev N."))
    p.add_argument("page", type=_page_id, metavar="PAGE", help="page id")
    p.add_argument("--rev", type=_rev, metavar="N", help="revision number (default: latest)")
    p.set_defaults(func=cmd_show)

    p = _common(sub.add_parser(
        "diff", help="show what changed between two revisions of a page",
        description="Show the changed lines between revisions A and B with inline markers: "
        "[-removed-] and {+added+} (red and green on a terminal); ⏎ marks a line break."))
    p.add_argument("page", type=_page_id, metavar="PAGE", help="page id")
    p.add_argument("a", type=_rev, metavar="A", help="older revision")
    p.add_argument("b", type=_rev, metavar="B", help="newer revision")
    p.add_argument("--unified", action="store_true", help="unified line diff instead of inline markers")
    p.add_argument("-C", "--context", type=int, default=0, metavar="N", help="unchanged lines around each change")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                   help="colour the markers (auto: on a terminal, unless NO_COLOR is set)")
    p.set_defaults(func=cmd_diff)

    p = _common(sub.add_parser(
        "restore", help="bring an old revision back as a new revision",
        description="Save revision N's text as a new revision on top of the latest; nothing is deleted."))
    p.add_argument("page", type=_page_id, metavar="PAGE", help="page id")
    p.add_argument("number", type=_rev, metavar="N", help="revision to restore")
    p.add_argument("--author", default=None, help="who restores it (default: your user name)")
    p.add_argument("-m", "--message", default=None, help="revision message")
    p.set_defaults(func=cmd_restore)

    p = _common(sub.add_parser(
        "export", help="export an issue's latest revisions as text or JSON",
        description="Export the latest revision of every page. text: one file, pages separated by a form "
        "feed, or with --per-page a folder of one file per page. json: issue metadata, pages and their "
        "articles (documented by the export JSON Schema)."))
    p.add_argument("issue", metavar="ISSUE", help="issue id or title")
    p.add_argument("--format", choices=("text", "json"), default="text", help="plain text or JSON (default: text)")
    p.add_argument("-o", "--output", type=Path, metavar="PATH", help="file (or folder with --per-page); "
                   "default: standard output")
    p.add_argument("--per-page", action="store_true", help="text: one file per page in the folder -o")
    p.set_defaults(func=cmd_export)

    p = _common(sub.add_parser("status", help="set the review status of a page",
                               description="Set a page's review status."))
    p.add_argument("page", type=_page_id, metavar="PAGE", help="page id")
    p.add_argument("status", choices=[s.value for s in PageStatus])
    p.set_defaults(func=cmd_status)


def _open(args) -> Store:
    return Store(args.db)


def cmd_import(args) -> int:
    files = discover(args.paths)
    data = read_files(files)  # every file read before the store is touched
    with _open(args) as store:
        try:
            issue = store.issue(args.issue)
        except NotFoundError:
            issue = store.create_issue(args.issue, args.publication, args.date, args.edition)
        progress = ProgressLine(sys.stderr, "analysing")
        pages = store.import_pages(issue.id, data, progress=progress, skip_duplicates=args.skip_duplicates)
        skipped = len(data) - len(pages)
        print(f"imported {len(pages)} page(s) into issue {issue.id} “{issue.title}”"
              + (f", skipped {skipped} already imported" if skipped else ""))
        for p in pages:
            print(f"  page id {p.id:>5}  p.{p.number:<3} {p.encoding:<10} {p.open_findings:>4} open  {p.source_name}")
    return 0


def cmd_issues(args) -> int:
    with _open(args) as store:
        issues = store.issues()
    if args.format == "json":
        json.dump([i.__dict__ for i in issues], sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    if not issues:
        print("no issues yet (add pages with `proofdesk import FILES --issue TITLE`)")
        return 0
    print(f"{'id':>4}  {'date':<10}  {'pages':>5}  {'open':>5}  title")
    for i in issues:
        extra = " · ".join(x for x in (i.publication, f"edition {i.edition}" if i.edition else "") if x)
        print(f"{i.id:>4}  {i.date:<10}  {i.page_count:>5}  {i.open_findings:>5}  {i.title}"
              + (f"  ({extra})" if extra else ""))
    return 0


def cmd_pages(args) -> int:
    with _open(args) as store:
        issue = store.issue(args.issue)
        pages = store.pages(issue.id)
    if args.format == "json":
        json.dump([{**p.__dict__, "status": p.status.value} for p in pages], sys.stdout,
                  ensure_ascii=False, indent=1)
        print()
        return 0
    print(f"issue {issue.id} “{issue.title}”: {len(pages)} page(s)")
    print(f"{'id':>5}  {'page':>4}  {'status':<11}  {'open':>4}  {'rev':>4}  {'encoding':<10}  source")
    for p in pages:
        print(f"{p.id:>5}  {p.number:>4}  {p.status.value:<11}  {p.open_findings:>4}  {p.latest_revision:>4}  "
              f"{p.encoding:<10}  {p.source_name}")
    return 0


def cmd_history(args) -> int:
    with _open(args) as store:
        page = store.page(args.page)
        revs = store.history(page.id)
    print(f"page {page.id} (p.{page.number} of issue {page.issue_id}, {page.source_name}): {len(revs)} revision(s)")
    for r in revs:
        parent = f"{r.parent}" if r.parent else "-"
        print(f"r{r.number:<4} parent {parent:<4} {r.created[:19].replace('T', ' ')}  "
              f"+{r.added:<6} -{r.removed:<6} {r.length:>7} chars  {r.author or '-':<10}  {r.message}")
    return 0


def cmd_show(args) -> int:
    with _open(args) as store:
        number = args.rev if args.rev is not None else store.latest_revision(args.page).number
        text = store.revision_text(args.page, number)
    sys.stdout.write(text)
    if text and not text.endswith("\n") and sys.stdout.isatty():
        sys.stdout.write("\n")
    return 0


def _colour(args) -> bool:
    if args.color == "always":
        return True
    if args.color == "never" or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def cmd_diff(args) -> int:
    with _open(args) as store:
        old = store.revision_text(args.page, args.a)
        new = store.revision_text(args.page, args.b)
    out = sys.stdout
    if args.unified:
        out.writelines(difflib.unified_diff(
            old.splitlines(keepends=True), new.splitlines(keepends=True),
            fromfile=f"page {args.page} r{args.a}", tofile=f"page {args.page} r{args.b}", n=args.context))
        return 0
    colour = _colour(args)
    marks = {Op.DELETE: ("\x1b[31m[-", "-]\x1b[0m") if colour else ("[-", "-]"),
             Op.INSERT: ("\x1b[32m{+", "+}\x1b[0m") if colour else ("{+", "+}"),
             Op.EQUAL: ("", "")}
    chunks = diff_chunks(old, new)
    added = sum(len(c.text) for c in chunks if c.op is Op.INSERT)
    removed = sum(len(c.text) for c in chunks if c.op is Op.DELETE)
    out.write(f"page {args.page}: r{args.a} -> r{args.b}: +{added} -{removed} characters\n")
    last = None
    for number, line in changed_lines(chunks, args.context):
        if last is not None and number != last + 1:
            out.write("…\n")
        body = "".join(marks[c.op][0] + c.text + marks[c.op][1] for c in line)
        out.write(f"{number:>5}: {body}\n")
        last = number
    return 0


def cmd_restore(args) -> int:
    from proofdesk.session import PageSession

    with _open(args) as store:
        author = args.author if args.author is not None else _user()
        # Through the session, as in the editor: the findings' states are re-derived from the restored text.
        session = PageSession(store, args.page, author)
        session.restore(args.number, message=args.message)
        rev = store.latest_revision(args.page)
    print(f"page {args.page}: revision {args.number} restored as revision {rev.number}")
    return 0


def cmd_export(args) -> int:
    with _open(args) as store:
        if args.output is None:
            if args.per_page:
                raise InputError("--per-page needs -o FOLDER")
            if args.format == "json":
                json.dump(export_issue_json(store, args.issue), sys.stdout, ensure_ascii=False, indent=1)
                sys.stdout.write("\n")
            else:
                sys.stdout.write(issue_text(store, args.issue))
            return 0
        written = export_issue(store, args.issue, args.format, args.output, per_page=args.per_page)
    print(f"wrote {len(written)} file(s): {args.output}", file=sys.stderr)
    return 0


def cmd_status(args) -> int:
    with _open(args) as store:
        store.set_status(args.page, PageStatus(args.status))
    print(f"page {args.page}: {args.status}")
    return 0
