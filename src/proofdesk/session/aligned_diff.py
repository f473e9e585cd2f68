"""A side-by-side diff as aligned rows: row i on the left faces row i on the right. Qt-free.

The history view shows two revisions next to each other. Scrolling them by
position drifts apart as soon as one side has lines the other lacks, so the
diff is cut into rows first: a line faces the line that shares its unchanged
text, lines with nothing in common face each other in order, and the shorter
side is padded with filler rows (None). A view can then keep the panes aligned
by row number whatever the line wrapping does to their heights.

Two passes. Lines first (text.line_hunks, difflib's matcher on whole lines: fast on a long page
where hundreds of fixes change hundreds of lines, which makes a character diff
of the whole page hit its time limit and come back coarse). Then each changed
hunk gets a character diff of its own: there an unchanged newline ends a line
on both sides at once (a sync point), a removed or added newline ends a line on
one side only, and between sync points the unchanged pieces link a left line to
a right line; the rows follow those links.
"""
from __future__ import annotations

from dataclasses import dataclass

from proofdesk.session.text import DEL, EQ, INS, char_diff, line_hunks

Segments = tuple[tuple[int, str], ...]  # (op, text): op 0 same, -1 removed (left), 1 added (right)


@dataclass(frozen=True)
class DiffRow:
    left: Segments | None   # None: a filler row, this side has no line here
    right: Segments | None
    changed: bool


def _row(left, right) -> DiffRow:
    lt = None if left is None else tuple(left)
    rt = None if right is None else tuple(right)
    # A line may change by a newline alone (split or joined): its pieces are all unchanged then.
    changed = lt is None or rt is None or any(op for op, _ in lt + rt) or lt != rt
    return DiffRow(lt, rt, changed)


def _pair_in_order(left: list, right: list) -> list[DiffRow]:
    n = max(len(left), len(right))
    return [_row(left[i] if i < len(left) else None, right[i] if i < len(right) else None) for i in range(n)]


def _segment_rows(left: list, right: list, links: list[tuple[int, int]]) -> list[DiffRow]:
    """The rows between two sync points: linked lines face each other, the rest in order between them."""
    rows: list[DiffRow] = []
    li = ri = 0
    for x, y in links:
        if x < li or y < ri:
            continue  # one of the two lines already faces another one
        rows.extend(_pair_in_order(left[li:x], right[ri:y]))
        rows.append(_row(left[x], right[y]))
        li, ri = x + 1, y + 1
    rows.extend(_pair_in_order(left[li:], right[ri:]))
    return rows


def aligned_rows(a: str, b: str) -> list[DiffRow]:
    """The rows of a side-by-side diff from a (left) to b (right): the lines of a.split("\\n") on
    the left and of b.split("\\n") on the right, each in order, with fillers between."""
    la, lb = a.split("\n"), b.split("\n")
    rows: list[DiffRow] = []
    for tag, i1, i2, j1, j2 in line_hunks(la, lb):
        if tag == "equal":
            rows.extend(DiffRow(s, s, False) for s in (((0, line),) if line else () for line in la[i1:i2]))
        elif j1 == j2:
            rows.extend(DiffRow(((DEL, line),) if line else (), None, True) for line in la[i1:i2])
        elif i1 == i2:
            rows.extend(DiffRow(None, ((INS, line),) if line else (), True) for line in lb[j1:j2])
        else:
            rows.extend(_hunk_rows("\n".join(la[i1:i2]), "\n".join(lb[j1:j2])))
    return rows


def _hunk_rows(a: str, b: str) -> list[DiffRow]:
    """Rows of a changed hunk (both sides hold at least one line), from its character diff."""
    rows: list[DiffRow] = []
    left: list[list] = [[]]
    right: list[list] = [[]]
    links: list[tuple[int, int]] = []
    for op, text in char_diff(a, b):
        for i, part in enumerate(text.split("\n")):
            if i:
                if op == EQ:  # a sync point
                    rows.extend(_segment_rows(left, right, links))
                    left, right, links = [[]], [[]], []
                elif op == DEL:
                    left.append([])
                else:
                    right.append([])
            if part:
                if op != INS:
                    left[-1].append((op, part))
                if op != DEL:
                    right[-1].append((op, part))
                if op == EQ and (not links or links[-1] != (len(left) - 1, len(right) - 1)):
                    links.append((len(left) - 1, len(right) - 1))
    rows.extend(_segment_rows(left, right, links))
    return rows


def side_text(rows: list[DiffRow], side: str) -> str:
    """One side's text back from the rows (fillers left out), lines joined with newlines."""
    return "\n".join("".join(t for _, t in getattr(r, side)) for r in rows if getattr(r, side) is not None)
