"""Apply accepted findings to the raw text, and map offsets between the two texts.

The cleaned text is always the raw text plus the edits of the accepted
findings; with nothing accepted it is the raw text, byte for byte. When two
accepted findings touch the same text, the one with the higher priority (kind,
then confidence, then position) wins and the other is left out whole, unless it
is marked partial, in which case only its colliding edits are left out.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Iterable

from proofdesk.findings import PRIORITY, Edit, Finding


@dataclass(frozen=True)
class Segment:
    """raw[raw_start:raw_end] became cleaned[clean_start:clean_end]."""

    raw_start: int
    raw_end: int
    clean_start: int
    clean_end: int
    changed: bool


class OffsetMap:
    """Maps character offsets raw -> cleaned and cleaned -> raw."""

    def __init__(self, segments: list[Segment]):
        self.segments = segments
        self._raw_starts = [s.raw_start for s in segments]
        self._clean_starts = [s.clean_start for s in segments]

    def _find(self, starts: list[int], pos: int) -> Segment | None:
        if not self.segments:
            return None
        k = bisect.bisect_right(starts, pos) - 1
        return self.segments[max(0, k)]

    def to_clean(self, raw_pos: int) -> int:
        return self._map(self._raw_starts, raw_pos, "raw", "clean")

    def to_raw(self, clean_pos: int) -> int:
        return self._map(self._clean_starts, clean_pos, "clean", "raw")

    def _map(self, starts: list[int], pos: int, src: str, dst: str) -> int:
        seg = self._find(starts, pos)
        if seg is None:
            return 0
        s0, s1 = getattr(seg, f"{src}_start"), getattr(seg, f"{src}_end")
        d0, d1 = getattr(seg, f"{dst}_start"), getattr(seg, f"{dst}_end")
        if seg.changed and pos >= s1:
            return d1  # past a replaced stretch: its end on the other side
        # Inside a replaced stretch, offsets keep their distance from its start as far as they can.
        return d0 + min(pos - s0, d1 - d0)

    def changed_clean_ranges(self) -> list[tuple[int, int]]:
        """Ranges of the cleaned text that differ from the raw text (for marking)."""
        return [(s.clean_start, s.clean_end) for s in self.segments if s.changed and s.clean_end > s.clean_start]


@dataclass(frozen=True)
class Cleaned:
    text: str
    applied: tuple[str, ...]  # ids of findings whose edits were applied (wholly or partly)
    dropped: tuple[str, ...]  # ids of accepted findings left out because of a collision
    offsets: OffsetMap


def _order_key(f: Finding):
    return (PRIORITY[f.kind], -f.confidence, f.start, f.id)


def _overlapping_pairs(edits: list[Edit]) -> list[list[int]]:
    """For each edit, the indices of the edits it overlaps: one sweep in position
    order, keeping only the edits still open at the current start."""
    order = sorted(range(len(edits)), key=lambda i: (edits[i].start, edits[i].end))
    near: list[list[int]] = [[] for _ in edits]
    open_: list[int] = []
    for i in order:
        e = edits[i]
        open_ = [j for j in open_ if edits[j].end > e.start or edits[j].start == edits[j].end == e.start]
        for j in open_:
            if e.overlaps(edits[j]):
                near[i].append(j)
                near[j].append(i)
        open_.append(i)
    return near


def resolve(findings: Iterable[Finding]) -> tuple[list[tuple[Edit, int]], list[str], list[str]]:
    """Choose the edits to apply. Returns (edit, rank) pairs, applied ids, dropped ids.

    Findings are taken in priority order; a finding (or, when partial, an edit)
    is left out when it overlaps an edit already taken. Overlaps are found once,
    by a sweep, so this stays near-linear on pages with many thousands of edits.
    """
    ranked = [f for f in sorted(findings, key=_order_key) if f.edits]
    edits: list[Edit] = []
    owner: list[list[int]] = []  # per finding, the indices of its edits in sorted order
    for f in ranked:
        own = sorted(f.edits)
        owner.append(list(range(len(edits), len(edits) + len(own))))
        edits.extend(own)
    near = _overlapping_pairs(edits)
    is_taken = [False] * len(edits)
    taken: list[tuple[Edit, int]] = []
    applied, dropped = [], []

    def collides(i: int) -> bool:
        return any(is_taken[j] for j in near[i])

    def take(i: int, rank: int) -> None:
        is_taken[i] = True
        taken.append((edits[i], rank))

    for rank, (f, idx) in enumerate(zip(ranked, owner)):
        if f.partial:
            ok = False
            for i in idx:
                if not collides(i):
                    take(i, rank)
                    ok = True
            (applied if ok else dropped).append(f.id)
            continue
        own = [edits[i] for i in idx]
        if any(a.overlaps(b) for a, b in zip(own, own[1:])) or any(collides(i) for i in idx):
            dropped.append(f.id)
            continue
        for i in idx:
            take(i, rank)
        applied.append(f.id)
    return taken, applied, dropped


def apply_fixes(raw: str, findings: Iterable[Finding]) -> Cleaned:
    """Apply the given (accepted) findings to raw."""
    taken, applied, dropped = resolve(findings)
    # Insertions before replacements at the same point; then by winner rank.
    ordered = sorted(taken, key=lambda er: (er[0].start, er[0].end != er[0].start, er[0].end, er[1]))
    parts: list[str] = []
    segments: list[Segment] = []
    pos = clean = 0
    for e, _ in ordered:
        if e.start > pos:
            parts.append(raw[pos:e.start])
            segments.append(Segment(pos, e.start, clean, clean + e.start - pos, False))
            clean += e.start - pos
            pos = e.start
        parts.append(e.text)
        segments.append(Segment(e.start, e.end, clean, clean + len(e.text), True))
        clean += len(e.text)
        pos = e.end
    if pos < len(raw) or not segments:
        parts.append(raw[pos:])
        segments.append(Segment(pos, len(raw), clean, clean + len(raw) - pos, False))
    return Cleaned("".join(parts), tuple(applied), tuple(dropped), OffsetMap(segments))
