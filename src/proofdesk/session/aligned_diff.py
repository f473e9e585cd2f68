"""A side-by-side diff as aligned rows: row i on the left faces row i on the right. Qt-free.

The history view shows two revisions next to each other. Scrolling them by
position drifts apart as soon as one side has lines the other lacks, so the
diff is cut into rows first: lines that did not change face each other, and
the lines of a changed hunk face each other in order, the shorter side padded
with filler rows (None). A view can then keep the panes aligned by row number
whatever the line wrapping does to their heights.

Lines are matched with diff-match-patch's line mode; inside a changed hunk the
characters are diffed again, so a row carries character-level highlights.
"""
from __future__ import annotations

from dataclasses import dataclass

from proofdesk.session.text import DEL, DMP, EQ, INS, char_diff

Segments = tuple[tuple[int, str], ...]  # (op, text): op 0 same, -1 removed (left), 1 added (right)


@dataclass(frozen=True)
class DiffRow:
    left: Segments | None   # None: a filler row, this side has no line here
    right: Segments | None
    changed: bool


def _lines(segments, ends_with_newline: bool) -> list[Segments]:
    """Cut (op, text) segments into lines; the empty line after a final newline is not a row."""
    lines: list[list[tuple[int, str]]] = [[]]
    for op, text in segments:
        for i, part in enumerate(text.split("\n")):
            if i:
                lines.append([])
            if part:
                lines[-1].append((op, part))
    if ends_with_newline:
        lines.pop()
    return [tuple(line) for line in lines]


def _hunk(removed: str, added: str) -> list[DiffRow]:
    chunks = char_diff(removed, added) if removed and added else \
        [(DEL, removed)] if removed else [(INS, added)]
    left = _lines([(op, t) for op, t in chunks if op != INS], removed.endswith("\n")) if removed else []
    right = _lines([(op, t) for op, t in chunks if op != DEL], added.endswith("\n")) if added else []
    n = max(len(left), len(right))
    return [DiffRow(left[i] if i < len(left) else None, right[i] if i < len(right) else None, True)
            for i in range(n)]


def aligned_rows(a: str, b: str) -> list[DiffRow]:
    """The rows of a side-by-side diff from a (left) to b (right)."""
    chars_a, chars_b, line_array = DMP.diff_linesToChars(a, b)
    diffs = DMP.diff_main(chars_a, chars_b, False)
    DMP.diff_charsToLines(diffs, line_array)
    rows: list[DiffRow] = []
    removed = added = ""
    for op, text in diffs + [(EQ, "")]:
        if op == DEL:
            removed += text
            continue
        if op == INS:
            added += text
            continue
        if removed or added:
            rows.extend(_hunk(removed, added))
            removed = added = ""
        if text:
            rows.extend(DiffRow(line, line, False) for line in _lines([(EQ, text)], text.endswith("\n")))
    return rows


def side_text(rows: list[DiffRow], side: str) -> str:
    """One side's text back from the rows (fillers left out), lines joined with newlines."""
    return "\n".join("".join(t for _, t in getattr(r, side)) for r in rows if getattr(r, side) is not None)
