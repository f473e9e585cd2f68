"""Detectors, one module per defect family, run in order by run_detectors."""
from __future__ import annotations

from proofdesk.detect.context import PageContext
from proofdesk.findings import Finding
from proofdesk.page.blocks import Block


def run_detectors(raw: str) -> tuple[list[Block], list[Finding]]:
    from proofdesk.detect import characters, continuation, duplicates, layout, markers, punctuation, vocabulary
    from proofdesk.page.reading import read_blocks

    blocks, findings = read_blocks(raw)
    ctx = PageContext(raw, blocks)
    for step in (duplicates, continuation, markers, characters, vocabulary, punctuation, layout):
        findings.extend(step.detect(ctx))
    findings.sort(key=lambda f: (f.start, f.end, f.kind.value, f.id))
    return blocks, findings
