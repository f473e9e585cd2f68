"""Text helpers of the session: diffs between texts, edits, a finding's proposal. Qt-free."""
from __future__ import annotations

from typing import Iterable

import diff_match_patch

from proofdesk.findings import Edit, Finding

DMP = diff_match_patch.diff_match_patch()
# A diff on a 100,000-character page must not stall the editor; a coarser diff
# after the timeout is still a correct one.
DMP.Diff_Timeout = 0.25
EQ, DEL, INS = 0, -1, 1


def text_edits(old: str, new: str) -> tuple[Edit, ...]:
    """The edits that turn old into new (old coordinates)."""
    if old == new:
        return ()
    edits: list[Edit] = []
    pos = 0
    pending: list[int | str] | None = None  # [start, end, inserted]
    for op, chunk in DMP.diff_main(old, new, False):
        if op == EQ:
            if pending:
                edits.append(Edit(pending[0], pending[1], pending[2]))
                pending = None
            pos += len(chunk)
            continue
        if pending is None:
            pending = [pos, pos, ""]
        if op == DEL:
            pos += len(chunk)
            pending[1] = pos
        else:
            pending[2] += chunk
    if pending:
        edits.append(Edit(pending[0], pending[1], pending[2]))
    return tuple(edits)


def trim_edit(text: str, e: Edit) -> Edit | None:
    """The same change with the unchanged characters at both ends left out (None: no change).

    An editor may report a whole paragraph as replaced when one character was typed.
    """
    end = min(e.end, len(text))
    old = text[e.start:end]
    if old == e.text:
        return None
    n = min(len(old), len(e.text))
    p = 0
    while p < n and old[p] == e.text[p]:
        p += 1
    q = 0
    while q < n - p and old[-1 - q] == e.text[-1 - q]:
        q += 1
    return Edit(e.start + p, end - q, e.text[p:len(e.text) - q])


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    out, pos = [], 0
    for e in sorted(edits):
        out.append(text[pos:e.start])
        out.append(e.text)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def char_diff(a: str, b: str) -> list[tuple[int, str]]:
    """(op, text) chunks between two revisions, op -1 removed, 0 same, 1 added."""
    diffs = DMP.diff_main(a, b, False)
    DMP.diff_cleanupSemantic(diffs)
    return [(op, t) for op, t in diffs]


def change_size(a: str, b: str) -> tuple[int, int]:
    """(characters added, characters removed) from a to b."""
    added = removed = 0
    for op, t in DMP.diff_main(a, b, False):  # no semantic cleanup: count characters exactly
        if op == INS:
            added += len(t)
        elif op == DEL:
            removed += len(t)
    return added, removed


def excerpt(raw: str, f: Finding) -> str:
    """A finding's text for the list, with line breaks and spaces made visible."""
    return raw[f.start:min(f.end, f.start + 40)].replace("\n", "⏎").replace(" ", "␣").replace("\u3000", "␣")


def edit_region(f: Finding) -> tuple[int, int]:
    """The raw range a proofreader's edited proposal replaces."""
    if f.edits:
        return min(e.start for e in f.edits), max(e.end for e in f.edits)
    return f.start, f.end


def proposal_text(raw: str, f: Finding) -> str:
    """What the finding's region reads after its fix: the text offered for editing."""
    lo, hi = edit_region(f)
    return apply_edits(raw[lo:hi], [Edit(e.start - lo, e.end - lo, e.text) for e in f.edits])


def correction_key(raw: str, f: Finding) -> tuple | None:
    """What a fix changes, without where: equal keys are the same correction."""
    if not f.edits:
        return None
    return (f.kind.value, tuple((raw[e.start:e.end], e.text) for e in sorted(f.edits)))

