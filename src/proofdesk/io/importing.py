"""Find the page files to import and read them, before anything touches the store.

`proofdesk import` takes files and folders; a folder contributes its .txt
files (recursively, hidden ones skipped), in natural order so that page 2
comes before page 10. Every file is read first, so a missing or unreadable
file stops the import before the store is touched.
"""
from __future__ import annotations

import re
from pathlib import Path

from proofdesk.errors import InputError
from proofdesk.io.pages import MAX_BYTES

PAGE_SUFFIXES = (".txt",)


def natural_key(path: Path) -> list:
    """'page-2.txt' before 'page-10.txt'."""
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", str(path))]


def discover(paths: list[str | Path]) -> list[Path]:
    """The page files named by the user: files as given, folders searched for .txt files."""
    found: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise InputError(f"{p}: no such file or folder")
        if p.is_dir():
            inside = sorted((f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in PAGE_SUFFIXES
                             and not any(part.startswith(".") for part in f.relative_to(p).parts)),
                            key=natural_key)
            if not inside:
                raise InputError(f"{p}: the folder holds no .txt page files")
            found.extend(inside)
        else:
            found.append(p)
    seen: set[Path] = set()
    unique = []
    for f in found:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


def read_files(files: list[Path]) -> list[tuple[str, bytes]]:
    """(name, bytes) of each file, for Store.import_pages; InputError naming a bad file."""
    out = []
    for f in files:
        try:
            size = f.stat().st_size
            if size > MAX_BYTES:
                raise InputError(f"{f}: too big for one page ({size // (1024 * 1024)} MB)")
            out.append((f.name, f.read_bytes()))
        except OSError as e:
            raise InputError(f"{f}: cannot be read: {e.strerror}") from None
    return out


class ProgressLine:
    """Progress of a long import on standard error: one updating line on a
    terminal, a line every tenth of the work otherwise (logs stay short)."""

    def __init__(self, stream, label: str = "importing"):
        self.stream = stream
        self.label = label
        self.tty = hasattr(stream, "isatty") and stream.isatty()
        self._last_tenth = -1

    def __call__(self, done: int, total: int, name: str) -> None:
        if total < 2:
            return
        if self.tty:
            self.stream.write(f"\r\x1b[K{self.label} {done}/{total} {name}")
            if done == total:
                self.stream.write("\n")
        else:
            tenth = done * 10 // total
            if tenth != self._last_tenth:
                self._last_tenth = tenth
                self.stream.write(f"{self.label} {done}/{total} {name}\n")
        self.stream.flush()
