"""`proofdesk gui` and `proofdesk demo`: open the desktop editor.

Only the argument parsing lives here; Qt is imported when the command runs,
so the other commands never load it.
"""
from __future__ import annotations

import argparse
import tempfile
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    from proofdesk.gui.app import add_arguments

    p = sub.add_parser("gui", help="open the desktop editor (the default command)",
                       description="Open the desktop editor on the project database. "
                       "With no database yet, it opens the built-in demo issue.")
    add_arguments(p)
    p.set_defaults(func=cmd_gui)

    p = sub.add_parser("demo", help="open the built-in demo issue in the desktop editor",
                       description="Open the built-in demo issue (two damaged pages showing every kind of "
                       "defect). Without --db it uses a temporary database, deleted afterwards.")
    add_arguments(p)
    p.set_defaults(func=cmd_demo)


def cmd_gui(args) -> int:
    from proofdesk.gui.app import run

    return run(args)


def cmd_demo(args) -> int:
    from proofdesk.gui.app import run

    args.demo = True
    if args.db:
        return run(args)
    with tempfile.TemporaryDirectory(prefix="proofdesk-demo-") as tmp:
        args.db = str(Path(tmp) / "demo.sqlite3")
        return run(args)
