"""Jump markers (转版) and photo captions/credits: flagged so they stand alone.

A jump marker records where an article continues; its block is never joined
to body text (continuation detection treats it as an interrupter). Captions
and credits are flagged so a proofreader sees them; the continuation fix moves
the ones that interrupt a sentence.
"""
from __future__ import annotations

from proofdesk.detect.context import PageContext
from proofdesk.findings import Finding, FindingKind, Span
from proofdesk.page.blocks import BlockKind
from proofdesk.page.classify import JUMP_RE, inline_credit


def detect(ctx: PageContext) -> list[Finding]:
    out: list[Finding] = []
    for b in ctx.blocks:
        if b.index in ctx.removed:
            continue
        for m in JUMP_RE.finditer(b.text):
            to = bool(m.group("to"))
            page = m.group("page")
            start, end = b.raw_pos(m.start()), b.raw_end(m.end())
            zh = f"转版标记：{'下转' if to else '上接'}第{page}版；" + ("此处文章未完" if to else "此处接续前文")
            en = f"Jump marker: continued {'on' if to else 'from'} page {page}"
            out.append(Finding(FindingKind.JUMP, (Span(start, end),), zh, en, 0.95,
                               details=(("direction", "to" if to else "from"), ("page", page))))
        if b.kind in (BlockKind.CAPTION, BlockKind.CREDIT):
            moved = b.index in ctx.moved
            what_zh = "图片说明" if b.kind is BlockKind.CAPTION else "摄影署名"
            what_en = "Photo caption" if b.kind is BlockKind.CAPTION else "Photo credit"
            zh = what_zh + ("，插在句子中间（续接修正会把它移到段后）" if moved else "，单独成段")
            en = what_en + (" interrupting a sentence (the continuation fix moves it)" if moved else ", its own block")
            details = [("role", b.kind.value)]
            credit = inline_credit(b.text) if b.kind is BlockKind.CAPTION else None
            if credit:
                details.append(("credit", credit[1]))
            out.append(Finding(FindingKind.CAPTION, (Span(b.start, b.end),), zh, en,
                               0.8, details=tuple(details)))
    return out
