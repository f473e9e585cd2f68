"""The reading-order rewrite of a page whose columns are interleaved line by
line: one ORDER finding that replaces the region with its column streams read
in order and joined into paragraphs, carrying the fixes that stay inside a
paragraph (page/reading.py finds the streams; the proofreader may reorder them)."""
from __future__ import annotations

import re
from collections import Counter

from proofdesk.findings import Edit, Finding, FindingKind, Span
from proofdesk.page.blocks import Line
from proofdesk.page.columns import Streams
from proofdesk.page.reflow import group_lines


_VISIBLE = re.compile(r"\S")
# The kinds of fixes a reading-order rewrite carries.
CARRIED = frozenset({FindingKind.CHAR, FindingKind.PUNCT, FindingKind.SPACE, FindingKind.JUMP})


def order_finding(raw: str, lines: list[Line], width: float, streams: Streams, parts,
                  head: list[list[Line]]) -> Finding:
    """The ORDER finding of an interleaved page, its columns read in the order of parts."""
    from proofdesk.detect import run_detectors  # here: detect imports this module
    from proofdesk.fixes import apply_fixes

    body = [lines[i] for part in parts for i in part]
    groups, _ = group_lines(body, width, across_runs=True)
    groups += [[lines[i]] for i in streams.asides]
    region = [lines[i] for i in streams.order] + [lines[i] for i in streams.asides]
    columns = streams.columns
    # Every line below the headings is the region's or a photo's noise: the
    # rewrite spans them all, so no noise line stays behind at its edges.
    head_end = max((ln.end for g in head for ln in g), default=0)
    first = _VISIBLE.search(raw, head_end)
    start = min(min(ln.start for ln in region), first.start() if first else len(raw))
    end = max(max(ln.end for ln in region), len(raw.rstrip()))

    # The rewrite replaces the region whole, so the fixes detectors propose on
    # its raw lines could never apply there. The rebuilt paragraphs are
    # analysed as a page of their own instead (the headings above stand before
    # them, so page terms see them) and the rewrite carries the fixes that
    # stay inside a paragraph. Fixes between blocks are left out: a subhead
    # quoting the body reads there as a duplicate, and captions set aside at
    # the region's end as the rest of a cut paragraph.
    rebuilt = "\n".join("".join(ln.text for ln in g) for g in groups)
    above = "".join("".join(ln.text for ln in g) + "\n" for g in head)
    _, inner = run_detectors(above + rebuilt, one_per_line=True)
    inner = [f for f in inner if f.kind in CARRIED and f.edits and min(e.start for e in f.edits) >= len(above)]
    fixed = apply_fixes(above + rebuilt, inner)
    text = fixed.text[fixed.offsets.to_clean(len(above)):]
    applied = set(fixed.applied)
    carried = Counter(f.kind for f in inner if f.id in applied)
    n = len(region)
    kinds = sorted(carried, key=lambda k: (-carried[k], k.value))
    zh = "，".join(f"{k.label_zh} {carried[k]}" for k in kinds)
    en = ", ".join(f"{k.label_en.lower()} {carried[k]}" for k in kinds)
    total = sum(carried.values())
    return Finding(
        FindingKind.ORDER,
        (Span(start, end),),
        f"这 {n} 行由 {columns} 栏逐行交错而成：按栏重排阅读顺序，合并为 {len(groups)} 段"
        + (f"，并带上其中的 {total} 处改正（{zh}）" if total else ""),
        f"these {n} lines interleave {columns} columns line by line: rebuild the reading order "
        f"and join them into {len(groups)} paragraphs" + (f", carrying the {total} fixes inside ({en})" if total else ""),
        0.7,
        (Edit(start, end, text),),
        details=(("columns", str(columns)), ("lines", str(n)), ("paragraphs", str(len(groups))),
                 ("carried", str(total))),
    )
