"""One page's analysis: blocks, their roles, and every finding, in one call.

The detectors run in a fixed order because later ones build on earlier
decisions: continuation joins skip the blocks that duplicate detection removes,
and the layout pass knows which blocks were removed or moved.
"""
from __future__ import annotations

import gc
from dataclasses import dataclass, field
from typing import Iterable

from proofdesk.detect import run_detectors
from proofdesk.findings import Finding, FindingKind
from proofdesk.fixes import Cleaned, apply_fixes
from proofdesk.page.blocks import Block


@dataclass
class Analysis:
    raw: str
    blocks: list[Block]
    findings: list[Finding]
    _by_id: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        self._by_id = {f.id: f for f in self.findings}

    def finding(self, finding_id: str) -> Finding:
        return self._by_id[finding_id]

    def of_kind(self, kind: FindingKind) -> list[Finding]:
        return [f for f in self.findings if f.kind is kind]

    def cleaned(self, accepted: Iterable[str] | None = None) -> Cleaned:
        """Raw text plus the fixes of the accepted findings (all when None)."""
        if accepted is None:
            chosen = self.findings
        else:
            ids = set(accepted)
            chosen = [f for f in self.findings if f.id in ids]
        return apply_fixes(self.raw, chosen)


def analyze(raw: str) -> Analysis:
    """Find the defects of one raw page."""
    # Detection allocates many small acyclic objects; the cycle collector would
    # rescan them again and again on long pages for nothing.
    enabled = gc.isenabled()
    gc.disable()
    try:
        blocks, findings = run_detectors(raw)
    finally:
        if enabled:
            gc.enable()
    return Analysis(raw, blocks, findings)


def clean_text(raw: str) -> str:
    """The page with every proposal accepted."""
    return analyze(raw).cleaned().text
