"""Character diffs between two revisions, for `proofdesk diff` and the history view.

Diff_Timeout = 0: a diff shown to a proofreader must be the minimal one, not
a quick approximation (storage uses a time cap instead, where only
correctness matters).
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from diff_match_patch import diff_match_patch


class Op(str, Enum):
    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"


@dataclass(frozen=True)
class Chunk:
    op: Op
    text: str


_OPS = {0: Op.EQUAL, 1: Op.INSERT, -1: Op.DELETE}


def diff_chunks(old: str, new: str) -> list[Chunk]:
    """Chunks that turn old into new, cleaned up to whole words and phrases."""
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    diffs = dmp.diff_main(old, new)
    dmp.diff_cleanupSemantic(diffs)
    return [Chunk(_OPS[op], text) for op, text in diffs]


def changed_lines(chunks: list[Chunk], context: int = 0) -> list[tuple[int, list[Chunk]]]:
    """(line number in the new text, chunks of that line) for every line holding a change,
    plus `context` unchanged lines around each; a deleted line break is shown on
    the line it joined."""
    lines: list[list[Chunk]] = [[]]
    for ch in chunks:
        for i, part in enumerate(ch.text.split("\n")):
            if i:
                if ch.op is Op.DELETE:
                    lines[-1].append(Chunk(Op.DELETE, "⏎"))  # the break is gone: one line
                else:
                    if ch.op is Op.INSERT:
                        lines[-1].append(Chunk(Op.INSERT, "⏎"))
                    lines.append([])
            if part:
                lines[-1].append(Chunk(ch.op, part))
    changed = {i for i, line in enumerate(lines) if any(c.op is not Op.EQUAL for c in line)}
    shown = sorted({j for i in changed for j in range(i - context, i + context + 1) if 0 <= j < len(lines)})
    return [(i + 1, lines[i]) for i in shown]
