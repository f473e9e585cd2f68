"""The README's "For proofreaders" section says what the code does: the
shortcut table is the GUI's action table, the pictures exist, and the database
path is the one the store opens."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
# The language toggle's menu label is the *other* language's name; the README says what it does.
LABELS = {"lang": "Switch language (中文 / English)"}


def section(title: str) -> str:
    start = README.index(title)
    end = README.find("\n## ", start + len(title))
    return README[start:end if end != -1 else None]


def table_rows(text: str) -> list[list[str]]:
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")]
            for line in text.splitlines() if line.startswith("|")]
    return [r for r in rows[2:]]  # after the header and the |---| line


def keys(cell: str) -> tuple[str, ...]:
    return tuple(re.findall(r"`([^`]+)`", cell))


@pytest.mark.gui
def test_shortcut_table_is_the_gui_action_table() -> None:
    from proofdesk.gui.actions import SPECS
    from proofdesk.gui.strings import TABLES

    expected = [(LABELS.get(s.name, TABLES["en"][f"act.{s.name}"].rstrip("…")), s.keys, s.list_keys)
                for s in SPECS if s.keys or s.list_keys]
    shortcuts = section("### Keyboard shortcuts")
    shortcuts = shortcuts[:shortcuts.index("\n### ", 1)]
    documented = [(label, keys(k), keys(lk)) for label, k, lk in table_rows(shortcuts)]
    assert documented == expected


def test_every_picture_the_readme_shows_exists() -> None:
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", section("## For proofreaders"))
    assert pictures, "the proofreaders' section shows no screenshot"
    for rel in pictures:
        assert (ROOT / rel).is_file(), rel


def test_readme_gives_the_database_path_the_store_opens(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env["HOME"] = str(tmp_path)
    done = subprocess.run([sys.executable, "-c", "from proofdesk.store import default_db_path;"
                           "print(default_db_path())"], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    path = "~/" + str(Path(done.stdout.strip()).relative_to(tmp_path))
    assert f"`{path}`" in section("### Where your work is kept")
