"""Text helpers of the session: diffs between texts, edits, a finding's proposal. Qt-free."""
from __future__ import annotations

import bisect
import difflib
from collections import Counter
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


def line_hunks(la: list[str], lb: list[str], join_blank: bool = True) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes over two lists of lines, "equal" or "replace" (one side may be empty).

    join_blank: changes that only blank lines keep apart are made one hunk, for
    display: a blank line matches any other, so it would show a moved paragraph
    facing its neighbour. (Not for mapping offsets: where every paragraph break
    changed, the whole page would be one hunk.)
    """
    ops = difflib.SequenceMatcher(None, la, lb).get_opcodes()
    out: list[list] = []
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        between = join_blank and 0 < k < len(ops) - 1 and not any(line.strip("\n") for line in la[i1:i2])
        if tag == "equal" and not between:
            out.append([tag, i1, i2, j1, j2])
        elif out and out[-1][0] == "replace":
            out[-1][2], out[-1][4] = i2, j2
        else:
            out.append(["replace", i1, i2, j1, j2])
    return [tuple(op) for op in out]


_ANCHOR = 16  # characters in an anchor: long enough to be unique in a page, short enough to be common


def _anchors(a: str, b: str) -> list[tuple[int, int]]:
    """Places where a and b share a piece of text that occurs once in each, in order in both
    (the longest increasing run): patience diff's idea, on characters."""
    k = _ANCHOR
    if len(a) < k or len(b) < k:
        return []
    count_a = Counter(a[i:i + k] for i in range(len(a) - k + 1))
    where_b: dict[str, int] = {}
    for i in range(len(b) - k + 1):
        g = b[i:i + k]
        where_b[g] = -1 if g in where_b else i
    pairs = [(i, where_b[a[i:i + k]]) for i in range(0, len(a) - k + 1, k)
             if count_a[a[i:i + k]] == 1 and where_b.get(a[i:i + k], -1) >= 0]
    # longest run increasing in b (pairs are increasing in a already)
    tails: list[int] = []
    tail_at: list[int] = []
    prev = [-1] * len(pairs)
    for n, (_, j) in enumerate(pairs):
        pos = bisect.bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_at.append(n)
        else:
            tails[pos], tail_at[pos] = j, n
        prev[n] = tail_at[pos - 1] if pos else -1
    run, n = [], tail_at[-1] if tail_at else -1
    while n >= 0:
        run.append(pairs[n])
        n = prev[n]
    return run[::-1]


def _lines_then_chars(a: str, b: str) -> list[tuple[int, str]]:
    la, lb = a.splitlines(keepends=True), b.splitlines(keepends=True)
    out: list[tuple[int, str]] = []
    for tag, i1, i2, j1, j2 in line_hunks(la, lb, join_blank=False):
        x, y = "".join(la[i1:i2]), "".join(lb[j1:j2])
        out.extend([(EQ, x)] if tag == "equal" else DMP.diff_main(x, y, False))
    return out


def index_map(diffs: list[tuple[int, str]]):
    """DMP's diff_xIndex as a function with the chunks indexed once: diff_xIndex walks the whole
    diff on every call, which is quadratic over the thousands of chunks of a long page."""
    ends1, ends2, ops = [], [], []
    c1 = c2 = 0
    for op, text in diffs:
        if op != INS:
            c1 += len(text)
        if op != DEL:
            c2 += len(text)
        ends1.append(c1)
        ends2.append(c2)
        ops.append(op)

    def to_b(loc: int) -> int:
        x = bisect.bisect_right(ends1, loc)
        last1, last2 = (ends1[x - 1], ends2[x - 1]) if x else (0, 0)
        if x < len(ops) and ops[x] == DEL:
            return last2  # inside a deletion: where it was
        return last2 + (loc - last1)
    return to_b


def page_diff(a: str, b: str) -> list[tuple[int, str]]:
    """(op, text) chunks from a to b that stay fine-grained and local on a long page.

    DMP on a whole 100,000-character page with hundreds of changes runs into
    its time limit and returns a coarse diff (whole paragraphs replaced). A line
    matcher alone is fast but may pair a changed paragraph's old text with an
    identical copy elsewhere (a duplicate, a repeated credit line). So: anchors
    first (text found once in each version, _anchors), then between anchors
    lines, then within changed lines characters.
    """
    out: list[tuple[int, str]] = []
    pa = pb = 0
    for xa, xb in _anchors(a, b) + [(len(a), len(b))]:
        if xa < pa or xb < pb:
            continue
        out.extend(_lines_then_chars(a[pa:xa], b[pb:xb]))
        step = min(_ANCHOR, len(a) - xa)
        if step:
            out.append((EQ, a[xa:xa + step]))
        pa, pb = xa + step, xb + step
    return [(op, t) for op, t in out if t]


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

