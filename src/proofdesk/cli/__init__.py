"""Command line: parse arguments, call the core, turn its errors into exit codes.

Each command group lives in its own module with a register(subparsers)
function; a command sets `func(args) -> int` on its parser.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from proofdesk import __version__
from proofdesk.errors import ProofDeskError

COMMAND_MODULES = (
    "proofdesk.cli.page_commands",
    "proofdesk.cli.store_commands",
    "proofdesk.cli.review_commands",
    "proofdesk.cli.gui_command",
)

EXIT_USER_ERROR = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="proofdesk",
        description="Proofread text extracted from scanned newspaper pages. "
        "With no command, opens the desktop editor.",
    )
    parser.add_argument("--version", action="version", version=f"proofdesk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    # No command (or only options, as in `proofdesk --db x.sqlite3`) opens the editor.
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version")):
        argv = ["gui", *argv]
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except ProofDeskError as e:
        print(f"proofdesk: {e}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("proofdesk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
