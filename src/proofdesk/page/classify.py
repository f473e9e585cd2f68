"""Give every block its newspaper role: headline, body, caption, credit, marker...

The rules look at the shape of a block (length, punctuation, its opening and
closing words) and at its neighbours, never at the words of one page.
"""
from __future__ import annotations

import re

from proofdesk.page.blocks import Block, BlockKind

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A paragraph (or a sentence) may end with these; anything else means cut off.
TERMINAL = "。！？!?…”’」』）)】》；;\"'｡"
# No sentence starts with a particle or a closing mark: a block opening so is the rest of a cut one.
NO_START = frozenset("的了着过们之么吗呢吧，。、；：！？”’）)】》,.;:!?")
CLAUSE_PUNCT = "，。；！？、：,;!?:"

JUMP_RE = re.compile(
    r"[（(]\s*(?:(?P<to>下转|转|续)|(?P<from>上接|接|承))\s*第?\s*"
    r"(?P<page>[一二三四五六七八九十百\d０-９]+)\s*(?:版|页|面)\s*[）)]"
)
_JUMP_ALONE = re.compile(r"^(?:" + JUMP_RE.pattern + r"|(?:下转|转|上接|接)第?[一二三四五六七八九十\d]+(?:版|页|面))$")

_NAME = rf"[{CJK}·]{{2,5}}"
# Photo credits: 山西日报记者 史晓波 摄 / 本报记者 李阳鸿 摄 / 新华社发 / 资料图片
_ROLE = r"(?:记者|通讯员|摄影|特约|见习|实习)"
_CREDIT = (
    # Each repeated name group needs its role word, so the pattern cannot backtrack wildly.
    rf"[（(]?(?:(?:(?:[{CJK}]{{0,10}}?{_ROLE}\s*{_NAME}(?:\s*[、，,]\s*{_NAME}){{0,3}}\s*){{1,3}}|{_NAME}\s*)[/／]?\s*摄(?:影)?"
    rf"|新华社(?:记者\s*{_NAME})?\s*发(?:[（(]\s*{_NAME}\s*摄\s*[）)])?|[{CJK}]{{0,8}}供图|资料图片|人民视觉|视觉中国"
    rf"|图片来源[:：].{{1,20}}|图片由.{{1,16}}提供|(?:图|摄影)[:：/／]\s*{_NAME})\s*[）)]?$"
)
CREDIT_RE = re.compile("^" + _CREDIT)
_CREDIT_TAIL = re.compile(_CREDIT)
BYLINE_BODY_RE = re.compile(
    rf"^(?:本报讯|[{CJK}]{{1,10}}(?:日报|晚报|报|网|社)讯|(?:新华社|中新社|本报)[{CJK}\d]{{0,20}}电|据新华社"
    rf"|[{CJK}]{{2,16}}?\d{{1,2}}月\d{{1,2}}日(?:电|讯))"
    r"|^[（(]?(?:本报)?记者[^）)]{1,30}[）)]"
)
BYLINE_RE = re.compile(rf"^(?:本报|[{CJK}]{{0,8}}报)?(?:特约)?(?:记者|通讯员)\s*{_NAME}(?:[\s、，]+{_NAME})*$")
# Words that only a caption opens with ("pictured is"); a date opens paragraphs too.
_PICTURE = r"图为|图[一二三四五六七八九\d]+[：:]|上图|下图|左图|右图"
CAPTION_START_RE = re.compile(rf"^(?:{_PICTURE}|\d{{1,2}}月\d{{1,2}}日[，,])")
PICTURE_START_RE = re.compile(rf"^(?:{_PICTURE})")
_NOISE_RE = re.compile(rf"^[^{CJK}A-Za-z]{{0,6}}$|^[A-Za-z]?\d{{0,3}}[A-Za-z]?$")


def ends_complete(text: str) -> bool:
    """True when text ends like a finished paragraph."""
    t = text.rstrip()
    return bool(t) and (t[-1] in TERMINAL or bool(JUMP_RE.search(t[-12:])))


# Titles with a comma pair two terse phrases; these words mean a sentence instead.
_PROSE = re.compile(r"[的当将把被]|通过|对于|表示")


def quoted_whole(text: str) -> bool:
    """A short quotation standing alone with no sentence mark: a subhead that
    quotes the article ("“学好中文，我们的未来不是梦”"). Quoted speech inside a
    paragraph ends with its sentence's mark."""
    return (len(text) <= 32 and text[:1] == "“" and text[-1:] == "”" and text.count("“") == 1
            and not any(c in "。；！？;?!" for c in text))


# heading_like's and _own_kind's patterns, compiled once (they run on every line).
_TITLE_TAIL = re.compile(r"^(.{6,}?)[（(][^（()）。！？]{1,20}[）)]$")
_COMMA = re.compile(r"[，,]")
_SENTENCE_MARK = re.compile("[。；！？;?!]")
_SPACED_WORDS = re.compile(rf"[{CJK}”]\s+[{CJK}“]")
_SPACES = re.compile(r"\s+")


def heading_like(text: str) -> bool:
    """Short, and no sentence punctuation inside: how titles and banners look."""
    if len(text) > 48 or not text:
        return False
    core = text.strip("—-")
    if not core:
        return False
    # A title may end with a bracketed column name (…（经济聚焦·农田里的新鲜事）) or be a short question.
    # (The pattern ends with a bracket, or one before a final line end.)
    m = _TITLE_TAIL.match(core) if core[-1] in "）)\n" else None
    if m:
        core = m.group(1)
    elif core[-1] in "？！?!" and len(core) <= 30:
        core = core[:-1]
    if not core or core[-1] in "。）)“《（「『" or _SENTENCE_MARK.search(core) or core[-1] in "：:、，,":
        return False
    if quoted_whole(core):
        return True
    # Subheads may hold one comma between two phrases ("多维并进，畅通节气文化传播渠道").
    parts = _COMMA.split(core) if "，" in core or "," in core else [core]
    if len(parts) > 2 or (len(parts) == 2 and (len(core) > 20 or "、" in core or min(map(len, parts)) < 4
                                               or core[0].isdigit() or _PROSE.search(core))):
        return False
    if core.count("、") > 1:
        return False
    # Titles list things with 、 but stay short.
    return "、" not in core or len(core) <= 32


def inline_credit(text: str) -> tuple[int, str] | None:
    """(offset, credit) of a credit ending a caption block (…供应。本报记者 李阳鸿 摄)."""
    if not text.endswith(("摄", "摄影", "发", "供图", "图片", ")", "）", "视觉", "提供")) and "图" not in text[-30:]:
        return None  # cheap gate: the regex below is slow on long paragraphs
    base = max(0, len(text) - 48)
    m = _CREDIT_TAIL.search(text, base)
    if m and m.start() > 0 and text[m.start() - 1] in "。！？ \u3000）)":
        return m.start(), m.group().strip()
    return None


def _own_kind(b: Block) -> BlockKind:
    t = b.text
    if _NOISE_RE.match(t):
        return BlockKind.NOISE
    if _JUMP_ALONE.match(t):
        return BlockKind.JUMP
    if len(t) <= 40 and CREDIT_RE.match(t) and not BYLINE_BODY_RE.match(t):
        return BlockKind.CREDIT
    if len(t) <= 30 and BYLINE_RE.match(t):
        return BlockKind.BYLINE
    if BYLINE_BODY_RE.match(t) and len(t) > 6:
        return BlockKind.BYLINE_BODY
    if len(t) <= 400 and inline_credit(t):
        return BlockKind.CAPTION
    if heading_like(t):
        if t.startswith(("——", "—", "--")):
            return BlockKind.SUBHEAD
        if t.endswith(("——", "—", "--")):
            return BlockKind.KICKER
        if _SPACED_WORDS.search(t) and len(_SPACES.split(t)) >= 3:
            return BlockKind.BANNER
        return BlockKind.HEADLINE
    return BlockKind.BODY


def one_sentence(text: str) -> bool:
    return ends_complete(text) and not any(c in "。！？" for c in text[:-1])


def classify(blocks: list[Block], column_ends: frozenset[int] = frozenset()) -> None:
    """Set block.kind on every block, using each block and its neighbours.

    column_ends holds the blocks of hard-wrapped input that stop mid-sentence
    at the end of a full printed line (or of a one-line block two characters
    short: an indented first line): a column may have ended there. They may
    still be subheads, but a dated one-sentence block after one is a photo's
    caption.
    """
    for b in blocks:
        b.kind = _own_kind(b)
    for i, b in enumerate(blocks):
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        # The block right before a credit describes the photo.
        if (
            nxt is not None
            and nxt.kind is BlockKind.CREDIT
            and b.kind in (BlockKind.BODY, BlockKind.HEADLINE)
            and len(b.text) <= 200
            and ends_complete(b.text)
        ):
            b.kind = BlockKind.CAPTION
        elif (nxt is not None and nxt.kind in (BlockKind.BYLINE_BODY, BlockKind.BYLINE)
              and b.kind is BlockKind.BODY and len(b.text) <= 60 and not ends_complete(b.text)):
            # What stands right above a byline is a title, even with a comma in it.
            b.kind = BlockKind.HEADLINE
        elif b.kind is BlockKind.BODY and CAPTION_START_RE.match(b.text) and len(b.text) <= 120:
            prev = blocks[i - 1] if i else None
            # A dated short block after a cut-off paragraph interrupts it: a caption.
            # "图为…" is one wherever it stands, when it is one sentence.
            if prev is not None and prev.kind.is_body and not ends_complete(prev.text):
                b.kind = BlockKind.CAPTION
            elif prev is not None and prev.index in column_ends and len(b.text) <= 60 and one_sentence(b.text):
                b.kind = BlockKind.CAPTION
            elif PICTURE_START_RE.match(b.text) and len(b.text) <= 80 and one_sentence(b.text):
                b.kind = BlockKind.CAPTION
