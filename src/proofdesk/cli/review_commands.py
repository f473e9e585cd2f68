"""`proofdesk findings` and `proofdesk review`: the editor's decisions from the command line.

Both go through proofdesk.session, the same Qt-free actions the desktop editor
wraps in undo commands, so a page reviewed here opens in the editor as it was
left. Pages are named by page id (`proofdesk pages ISSUE` lists them).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from proofdesk.cli.args import current_user as _user
from proofdesk.cli.args import page_id as _page_id
from proofdesk.errors import InputError
from proofdesk.findings import FindingKind
from proofdesk.store import Store, default_db_path


def register(sub: argparse._SubParsersAction) -> None:
    db_help = f"project database (default: {default_db_path()})"
    p = sub.add_parser("findings", help="list a page's findings with their decisions",
                       description="List the findings of a stored page: id, kind, state, confidence, "
                       "the text and the proposed fix.")
    p.add_argument("page", type=_page_id, metavar="PAGE", help="page id")
    p.add_argument("--state", choices=("open", "accepted", "rejected", "edited"), help="only findings in this state")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="text: one line a finding (default); json: every field, for scripts")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the explanations")
    p.add_argument("--db", metavar="PATH", type=Path, help=db_help)
    p.set_defaults(func=cmd_findings)

    p = sub.add_parser("review", help="accept, reject or edit findings of a page and save a revision",
                       description="Decide findings of a stored page and save the result as a new revision "
                       "(nothing is saved when a decision fails; a page saved elsewhere meanwhile is a "
                       "conflict, never overwritten). Finding ids come from `proofdesk findings PAGE`; "
                       "a unique prefix is enough.")
    p.add_argument("page", type=_page_id, metavar="PAGE", help="page id")
    p.add_argument("--accept", nargs="+", default=[], metavar="ID", help="accept these findings' fixes")
    p.add_argument("--reject", nargs="+", default=[], metavar="ID", help="reject these findings")
    p.add_argument("--edit", nargs=2, action="append", default=[], metavar=("ID", "TEXT"),
                   help="replace a finding's proposal with TEXT (repeatable)")
    p.add_argument("--clear", nargs="+", default=[], metavar="ID", help="take back the decision on these")
    p.add_argument("--columns", nargs=2, action="append", default=[], metavar=("ID", "ORDER"),
                   help="read a reading-order finding's columns in ORDER, numbered as `findings` lists them "
                        "(2,1,3,4), and take the region rebuilt so as its edited proposal (repeatable)")
    p.add_argument("--accept-kind", action="append", default=[], choices=[k.value for k in FindingKind],
                   metavar="KIND", help="accept every open finding of this kind that proposes a fix")
    p.add_argument("-m", "--message", default="", help="revision message")
    p.add_argument("--author", default=None, help="name recorded with the revision (default: your login)")
    p.add_argument("--db", metavar="PATH", type=Path, help=db_help)
    p.set_defaults(func=cmd_review)


def _resolve(session, ref: str) -> str:
    ids = [f.id for f in session.findings if f.id.startswith(ref)]
    if len(ids) != 1:
        raise InputError(f"{ref}: {'no' if not ids else 'more than one'} finding on page {session.info.number} "
                         f"has an id starting so (see `proofdesk findings {session.page_id}`)")
    return ids[0]


def _columns_text(session, fid: str, order: str) -> str:
    """The reading-order rewrite of the page with its columns in order ("2,1,3,4")."""
    if session.finding(fid).kind is not FindingKind.ORDER:
        raise InputError(f"{fid} is no reading-order finding: only those have columns to order")
    n = len(session.columns())
    try:
        picked = [int(k) - 1 for k in order.split(",")]
    except ValueError:
        picked = []
    if sorted(picked) != list(range(n)):
        raise InputError(f"{order!r}: give each of the {n} columns' numbers once, separated by commas "
                         f"(as `proofdesk findings {session.page_id}` lists them)")
    try:
        return session.column_order_text(fid, picked)
    except ValueError as err:  # a rewrite stored by another version of the rebuild
        raise InputError(f"{fid}: {err}") from None


def _columns_json(session) -> list[dict]:
    return [{"number": k, "first": c.first, "last": c.last, "lines": c.lines}
            for k, c in enumerate(session.columns(), 1)]


def _column_lines(session) -> list[str]:
    return [f"    column {k}: {c.first[:14]}…{c.last[-14:]} ({c.lines} lines)"
            for k, c in enumerate(session.columns(), 1)]


def cmd_findings(args) -> int:
    from proofdesk.session import PageSession

    with Store(args.db) as store:
        s = PageSession(store, args.page)
        rows = [(f, s.state(f.id)) for f in s.findings
                if args.state is None or s.state(f.id).value == args.state]
        if args.format == "json":
            json.dump([{**f.to_dict(), "state": st.value, "proposal": s.proposal(f.id) if f.has_fix else None,
                        **({"columns": _columns_json(s)} if f.kind is FindingKind.ORDER else {})}
                       for f, st in rows], sys.stdout, ensure_ascii=False, indent=1)
            print()
            return 0
        print(f"page {s.page_id} (p.{s.info.number}): {len(rows)} finding(s), {s.open_count()} open")
        for f, st in rows:
            label = f.kind.label_zh if args.lang == "zh" else f.kind.label_en
            text = s.raw[f.start:min(f.end, f.start + 20)].replace("\n", "⏎")
            fix = f" → {s.proposal(f.id)[:20]!r}" if f.has_fix else ""
            print(f"{f.id:<28} {label:<8} {st.value:<9} {f.confidence:.2f}  {text!r}{fix}  | {f.message(args.lang)}")
            if f.kind is FindingKind.ORDER:
                print("\n".join(_column_lines(s)))
    return 0


def cmd_review(args) -> int:
    from proofdesk.session import PageSession

    with Store(args.db) as store:
        s = PageSession(store, args.page, args.author if args.author is not None else _user())
        for ref in args.accept:
            fid = _resolve(s, ref)
            if not s.finding(fid).has_fix:
                raise InputError(f"{fid} proposes no fix to accept; use --edit {fid} TEXT")
            s.accept(fid)
        for ref in args.reject:
            s.reject(_resolve(s, ref))
        for ref, text in args.edit:
            s.edit(_resolve(s, ref), text)
        for ref in args.clear:
            s.clear(_resolve(s, ref))
        for ref, order in args.columns:
            fid = _resolve(s, ref)
            s.edit(fid, _columns_text(s, fid, order))
        for kind in args.accept_kind:
            s.accept_kind(FindingKind(kind))
        if not s.dirty:
            print("nothing to save")
            return 0
        rev = s.save(args.message)
        print(f"page {s.page_id}: saved revision {rev.number}; {s.open_count()} finding(s) still open")
    return 0
