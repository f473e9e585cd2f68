"""Detectors, one module per defect family, run in order by run_detectors."""
from __future__ import annotations

from proofdesk.detect.context import PageContext
from proofdesk.findings import Finding, FindingKind
from proofdesk.page.blocks import Block


def run_detectors(raw: str, *, one_per_line: bool = False) -> tuple[list[Block], list[Finding]]:
    """Blocks and findings of raw; with one_per_line each line is a paragraph
    (text a reading-order fix rebuilt), whatever its shape looks like."""
    from proofdesk.detect import characters, continuation, duplicates, layout, markers, punctuation, vocabulary
    from proofdesk.page.reading import paragraph_blocks, read_blocks

    blocks, findings = (paragraph_blocks(raw), []) if one_per_line else read_blocks(raw)
    # The raw lines of a region a reading-order fix rewrites are not looked at
    # (_outside_rewrites says why); they follow the blocks above the region.
    start = min((f.start for f in findings if f.kind is FindingKind.ORDER), default=None)
    ctx = PageContext(raw, blocks if start is None else [b for b in blocks if b.end <= start])
    for step in (duplicates, continuation, markers, characters, vocabulary, punctuation, layout):
        findings.extend(step.detect(ctx))
    findings = _outside_rewrites(findings)
    findings.sort(key=lambda f: (f.start, f.end, f.kind.value, f.id))
    return blocks, findings


def _outside_rewrites(findings: list[Finding]) -> list[Finding]:
    """Drop what the detectors found on the raw lines of a region a
    reading-order fix rewrites: there the lines of several columns alternate,
    so a join of two neighbours is wrong by construction, and the fixes that
    hold within a paragraph come with the rewrite. One decision per region."""
    regions = [(f.start, f.end) for f in findings if f.kind is FindingKind.ORDER]
    if not regions:
        return findings

    def inside(a: int, b: int) -> bool:
        return any(s <= a and b <= e for s, e in regions)

    return [f for f in findings if f.kind in (FindingKind.ORDER, FindingKind.REFLOW)
            or not all(inside(x.start, x.end) for x in (f.edits or f.spans))]
