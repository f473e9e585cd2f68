"""Group a cleaned page into articles: headline, subheads, byline, paragraphs...

Works on cleaned text (one block per line, a blank line between articles) as
the export needs it, and on raw blocks for the layout pass.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from proofdesk.page.blocks import Block, BlockKind, split_blocks
from proofdesk.page.classify import JUMP_RE, classify, inline_credit


@dataclass
class Article:
    banner: str = ""
    kicker: str = ""
    headline: str = ""
    subheads: list[str] = field(default_factory=list)
    byline: str = ""
    paragraphs: list[str] = field(default_factory=list)
    captions: list[dict] = field(default_factory=list)  # {"text", "credit"}
    jumps: list[dict] = field(default_factory=list)     # {"direction": "to"|"from", "page"}

    def to_dict(self) -> dict:
        return {
            "banner": self.banner, "kicker": self.kicker, "headline": self.headline,
            "subheads": list(self.subheads), "byline": self.byline,
            "paragraphs": list(self.paragraphs), "captions": list(self.captions),
            "jumps": list(self.jumps),
        }

    @property
    def empty(self) -> bool:
        return not (self.headline or self.paragraphs or self.captions or self.banner or self.subheads)


def one_article_rest(blocks: list[Block]) -> frozenset[int]:
    """Indices of the blocks that stay in the article before them, where the
    page is one article: every block after its first paragraph.

    A page whose titles below its first each stand alone between paragraphs
    is one article with subheads (高位推动气象工作深度融入治理大局), and a photo's
    caption in it belongs to it. Where any title below the first comes as a
    group (a headline with its kicker or subtitle) or over a byline (本报讯…),
    the page holds several articles and the roles of blocks decide (empty set).
    """
    seen_body = False
    rest: list[int] = []
    k = 0
    while k < len(blocks):
        if not (blocks[k].kind.is_heading or blocks[k].kind is BlockKind.BYLINE):
            if seen_body:
                rest.append(blocks[k].index)
            seen_body = seen_body or blocks[k].kind.is_body
            k += 1
            continue
        j = k
        while j < len(blocks) and (blocks[j].kind.is_heading or blocks[j].kind is BlockKind.BYLINE):
            j += 1
        if seen_body:
            group = blocks[k:j]
            after = blocks[j].kind if j < len(blocks) else None
            if len(group) > 1 or group[0].kind is BlockKind.BYLINE or after is BlockKind.BYLINE_BODY:
                return frozenset()
            rest.append(group[0].index)
        k = j
    return frozenset(rest)


def starts_article(prev: Block | None, b: Block, inner: frozenset[int] = frozenset()) -> bool:
    """Does a new article begin at block b (given the block before it)?
    inner: the page's one_article_rest, which never do."""
    if prev is None:
        return True
    if b.index in inner:
        return False
    if b.kind.is_heading:
        return not prev.kind.is_heading and prev.kind is not BlockKind.BYLINE
    if b.kind is BlockKind.CAPTION:
        # A photo standing between articles is an item of its own.
        return prev.kind not in (BlockKind.CAPTION, BlockKind.CREDIT) and not prev.kind.is_heading
    if b.kind is BlockKind.BYLINE_BODY:
        return prev.kind not in (BlockKind.BYLINE,) and not prev.kind.is_heading
    if prev.kind in (BlockKind.CREDIT, BlockKind.CAPTION) and b.kind.is_body:
        # After a free-standing photo, body text starts something new.
        return True
    return False


def group_blocks(blocks: list[Block], inner: frozenset[int] | None = None) -> list[list[Block]]:
    if inner is None:
        inner = one_article_rest(blocks)
    groups: list[list[Block]] = []
    prev = None
    for b in blocks:
        if starts_article(prev, b, inner) or not groups:
            groups.append([])
        groups[-1].append(b)
        prev = b
    return groups


def _jumps(text: str) -> list[dict]:
    return [{"direction": "to" if m.group("to") else "from", "page": m.group("page")}
            for m in JUMP_RE.finditer(text)]


def build_article(blocks: list[Block]) -> Article:
    a = Article()
    for b in blocks:
        t, k = b.text, b.kind
        a.jumps.extend(_jumps(t))
        if k is BlockKind.BANNER and not a.banner and not a.headline:
            a.banner = t
        elif k is BlockKind.KICKER and not a.headline:
            a.kicker = t
        elif k.is_heading and not a.headline and not a.paragraphs:
            a.headline = t
        elif k.is_heading:
            a.subheads.append(t)
        elif k is BlockKind.BYLINE:
            a.byline = t
        elif k is BlockKind.CAPTION:
            credit = inline_credit(t)
            if credit:
                a.captions.append({"text": t[:credit[0]].rstrip(), "credit": credit[1]})
            else:
                a.captions.append({"text": t, "credit": ""})
        elif k is BlockKind.CREDIT:
            if a.captions and not a.captions[-1]["credit"]:
                a.captions[-1]["credit"] = t
            else:
                a.captions.append({"text": "", "credit": t})
        elif k is BlockKind.JUMP:
            continue
        else:
            if k is BlockKind.BYLINE_BODY and not a.byline:
                end = t.find("）")
                if 0 < end < 40:
                    a.byline = t[:end + 1]
            a.paragraphs.append(t)
    return a


def parse_articles(cleaned: str) -> list[Article]:
    """Articles of a cleaned page. Blank lines separate articles when present."""
    blocks = split_blocks(cleaned)
    classify(blocks)
    runs_used = {b.run for b in blocks}
    # In laid-out text (one block a line, a blank line between articles) the blank
    # lines are the article breaks; in text still spaced like a raw page, where a
    # blank line follows every block, they say nothing and roles decide.
    if 1 < len(runs_used) < len(blocks):
        runs: dict[int, list[Block]] = {}
        for b in blocks:
            runs.setdefault(b.run, []).append(b)
        inner = one_article_rest(blocks)
        groups = [g for run in runs.values() for g in group_blocks(run, inner)]  # a heading after body still splits a run
    else:
        groups = group_blocks(blocks)
    return [a for a in (build_article(g) for g in groups) if not a.empty]

