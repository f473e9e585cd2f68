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
    # The raw lines of a region a reading-order fix rewrites are not looked at:
    # there the lines of several columns alternate, so a join of two neighbours
    # is wrong by construction, and the fixes that hold within a paragraph come
    # with the rewrite (one decision per region). They follow the blocks above it.
    start = min((f.start for f in findings if f.kind is FindingKind.ORDER), default=None)
    wrapped = any(f.kind is FindingKind.REFLOW for f in findings)
    ctx = PageContext(raw, blocks if start is None else [b for b in blocks if b.end <= start], end=start,
                      wrapped=wrapped)
    for step in (duplicates, continuation, markers, characters, vocabulary, punctuation, layout):
        findings.extend(step.detect(ctx))
    findings.sort(key=lambda f: (f.start, f.end, f.kind.value, f.id))
    return blocks, findings

