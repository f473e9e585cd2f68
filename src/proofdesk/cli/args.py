"""Argument types and defaults shared by the command modules."""
from __future__ import annotations

import argparse
import getpass


def page_id(value: str) -> int:
    """A page id as `proofdesk pages` lists it."""
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a page id (a number from `proofdesk pages`)") from None
    if n < 1:
        raise argparse.ArgumentTypeError("page ids start at 1")
    return n


def current_user() -> str:
    """Who is working, for revision and decision records."""
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 (no user name in this environment: leave it empty)
        return ""
