"""Block layout of the cleaned page: one block per line, a blank line between articles.

Runs last, knowing which blocks other fixes remove, join or move, so the
separators it proposes fit the page those fixes produce. Its edits only touch
the white space between blocks; it is partial, so where another accepted fix
already rewrites a gap, that fix wins and the rest still apply.
"""
from __future__ import annotations

from proofdesk.detect.context import PageContext
from proofdesk.findings import Edit, Finding, FindingKind, Span
from proofdesk.page.articles import one_article_rest, starts_article


def detect(ctx: PageContext) -> list[Finding]:
    blocks, raw = ctx.blocks, ctx.raw
    if not blocks:
        return []
    joined_b = {b for _, b in ctx.joins}
    final = [b for b in blocks if b.index not in ctx.removed and b.index not in ctx.moved]
    inner = one_article_rest(final)
    edits: list[Edit] = []
    if final and final[0].start > 0 and raw[:final[0].start].strip(" \t\r\n\u3000") == "":
        first = final[0]
        cut = blocks[first.index - 1].end if first.index > 0 else 0
        if cut == 0:
            edits.append(Edit(0, first.start, ""))
    for u, v in zip(final, final[1:]):
        if v.index in joined_b:
            continue
        gap_end = blocks[u.index + 1].start if u.index + 1 < len(blocks) else len(raw)
        sep = "\n\n" if starts_article(u, v, inner) else "\n"
        if raw[u.end:gap_end] != sep:
            edits.append(Edit(u.end, gap_end, sep))
    # The page ends with one line break; or, where a reading-order rewrite
    # follows, the last block above it ends its line (the rewrite owns the rest).
    last, end = blocks[-1], len(raw) if ctx.end is None else ctx.end
    if raw[last.end:end] != "\n":
        edits.append(Edit(last.end, end, "\n"))
    if not edits:
        return []
    return [Finding(
        FindingKind.LAYOUT, (Span(0, len(raw)),),
        "整理段落分隔：每段一行，文章之间空一行", "Tidy separators: one block per line, a blank line between articles",
        0.99, tuple(edits), partial=True,
    )]
