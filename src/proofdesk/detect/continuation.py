"""Broken continuations: a sentence cut where a column or page ends.

A body paragraph that stops without closing punctuation was cut off. Its
continuation is the next body block, possibly behind blocks that interrupt it
(a photo caption and credit, a jump marker, a headline of another article) and
behind copies that duplicate detection removes. The fix joins the halves with
no separator and moves each interrupting block right after the joined
paragraph. jieba is asked, at the break only, whether a word spans it.

Never joined: a paragraph that ends like a paragraph, a byline-led paragraph
(it starts an article), headings to body unless a word spans the break.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from proofdesk.detect.context import PageContext
from proofdesk.findings import Edit, Finding, FindingKind, Span
from proofdesk.page.blocks import Block, BlockKind
from proofdesk.page.classify import NO_START, ends_complete, heading_like
from proofdesk.words import best_route, is_word, word_across

MAX_SKIP = 6
_INTERRUPTERS = {BlockKind.CAPTION, BlockKind.CREDIT, BlockKind.JUMP, BlockKind.NOISE}
_HEADINGS = {BlockKind.BANNER, BlockKind.KICKER, BlockKind.HEADLINE, BlockKind.SUBHEAD, BlockKind.BYLINE}


@dataclass
class _Join:
    a: Block
    b: Block
    moved: list[Block]
    word: str
    confidence: float


def _find_join(ctx: PageContext, seq: list[Block], p: int, joined_to: dict[int, int]) -> _Join | None:
    """The join of block seq[p] to the rest of its sentence, if it was cut;
    joined_to: second half -> first half of the joins found so far."""
    a = seq[p]
    text_a = ctx.text_of(a.index)
    if not text_a or ends_complete(text_a):
        return None
    # The first line of a page is its title even with a comma in it.
    page_title = p == 0 and len(text_a) <= 48 and not any(c in text_a for c in "。！？；")
    # The rest of a cut sentence is body text, however much it looks like a
    # title; so is a printed line that fills the column and stands alone
    # above a block that does not open a paragraph (a blank line cut its
    # paragraph: a paragraph's first line, a subhead's too, is its indent
    # short; a subhead as wide as the column stands over a paragraph's start).
    continued = a.index in joined_to or (
        ctx.wrapped and 0 < p < len(seq) - 1 and len(a.pieces) == 1 and a.fills
        and (below := ctx.text_of(seq[p + 1].index)) != "" and not _opens_paragraph(below))
    stub = not continued and ((heading_like(text_a) and a.kind is not BlockKind.BYLINE_BODY) or a.kind.is_heading
                              or a.kind is BlockKind.CAPTION or page_title)
    if a.kind not in (BlockKind.BODY, BlockKind.BYLINE_BODY) and not (stub and a.kind is BlockKind.HEADLINE) \
            and not (continued and a.kind is BlockKind.HEADLINE):
        return None
    moved: list[Block] = []
    q = p + 1
    if (not stub and q < len(seq) and seq[q].kind is BlockKind.HEADLINE
            and _reads_on(text_a, ctx.text_of(seq[q].index))):
        return _Join(a, seq[q], [], word_across(text_a, ctx.text_of(seq[q].index)), 0.8)
    while q < len(seq) and len(moved) < MAX_SKIP and (seq[q].kind in _INTERRUPTERS or seq[q].kind in _HEADINGS):
        moved.append(seq[q])
        q += 1
    if q >= len(seq):
        return None
    b = seq[q]
    text_b = ctx.text_of(b.index)
    if b.kind is not BlockKind.BODY or not text_b:
        # A short body fragment may look like a heading; accept it only when a word spans the break.
        if not (b.kind is BlockKind.HEADLINE and not moved and word_across(text_a, text_b)):
            return None
    word = word_across(text_a, text_b)
    headings = [m for m in moved if m.kind in _HEADINGS]
    over_heading = bool(headings)
    if headings and (_hard_cut(headings[-1].text, text_b) or word_across(headings[-1].text, text_b)):
        return None  # the block right above B is its first half (a short one, read as a title)
    if over_heading and ctx.wrapped and not word:
        # Between the printed lines of a column a sentence is cut by the
        # column's end, not by a heading: a one-line "heading" there is most
        # often a piece of another column (tesseract's page layout cuts the
        # columns into blocks and interleaves them). Only a word across the
        # break says the halves belong together.
        return None
    hard = _hard_cut(text_a, text_b)
    if hard:
        if stub and over_heading:
            return None
        if page_title and heading_like(text_a) and not word:
            return None  # a title whose closing quotation mark the OCR lost (…探索多元“相处之道)
        if over_heading and not word and _opens_paragraph(text_b):
            return None  # the rest of the cut sentence is elsewhere; this opens the titled article
        conf = 0.95 if not (stub or over_heading) else 0.85
    elif stub:
        # Titles end without punctuation too. A short first half still shows itself by a
        # word across the break, or by a photo dropped between it and the rest of its paragraph.
        photo_only = moved and all(m.kind in (BlockKind.CAPTION, BlockKind.CREDIT) for m in moved)
        before = seq[p - 1] if p else None
        after_body = before is None or (before.kind.is_body and ends_complete(ctx.text_of(before.index)))
        if (word or _fragment_start(text_b)) and not moved:
            conf = 0.75
        elif photo_only and (after_body or word):
            conf = 0.7
        else:
            return None
    elif over_heading:
        # A title dropped into a cut sentence: a word across the break says so, or a
        # clause left open before it and a rest that does not open a paragraph.
        if not word and not (_open_clause(text_a) and not _opens_paragraph(text_b)):
            return None
        conf = 0.7
    else:
        if a.ends_short and not word and (_dash_end(text_a) or _opens_paragraph(text_b)):
            # Its last printed line stops short of the column (a column end
            # leaves a full line), and it ends with a dash that introduces the
            # next paragraph (…多条渠道——, OCR: 渠道一, 如何建-一) or the next
            # block opens one: the paragraph ended there.
            return None
        photo = any(m.kind in (BlockKind.CAPTION, BlockKind.CREDIT) for m in moved)
        conf = _cut_confidence(text_a, text_b, word, photo)
        if conf is None:
            return None
    return _Join(a, b, moved, word, conf)


_SENTENCE_END = re.compile(r"[。！？；!?;…]")
_CLAUSE_END = re.compile(r"[，,。：:？！?!；;]")
_OPENER = re.compile(r"^(?:[“‘《「\"]|\d|[一二三四五六七八九十]+[、是])")


# A sentence cannot end on these: an opening bracket, a comma, a particle or preposition.
_HARD_END = "，、,（(“《「‘"
_FUNCTION_END = set("的地得和与及或而并把被对从向以为将是在于之其所让使给跟同比很都也又还就才再更最已未不没")
_FUNCTION_END2 = ("可能", "应该", "能够", "需要", "已经", "正在", "就是", "还是", "以及", "并且", "而且",
                  "但是", "因为", "所以", "如果", "虽然", "尽管", "通过", "根据", "按照", "随着", "关于", "对于",
                  "不断", "进一步", "逐步", "将会", "还会", "也会", "都会", "就会", "可以", "继续", "开始", "作为")


def _dash_end(text: str) -> bool:
    """text ends with a dash, or with what OCR reads a dash as: -一, 一-, 一一,
    --, or a lone 一 that makes no word with the character before it."""
    if text.endswith(("——", "--", "-一", "一-", "一一", "—")):
        return True
    return text.endswith("一") and len(text) >= 2 and not is_word(text[-2:])


def _hard_cut(text_a: str, text_b: str) -> bool:
    last = text_a[-1]
    if last in _HARD_END or text_b[0] in NO_START:
        return True
    recent = text_a[-80:]
    if recent.count("（") + recent.count("(") > recent.count("）") + recent.count(")"):
        return True  # an open bracket: （来源：…编 | 译：某某）
    if recent.count("“") > recent.count("”"):
        return True  # a quotation opened before the break and not closed: the sentence goes on
    if last in _FUNCTION_END or text_a.endswith(_FUNCTION_END2):
        # Only as a word of its own: 高地, 应对, 成为 end titles; a lone 的 or 可能 does not.
        tail = text_a[-6:]
        s, e = best_route(tail)[1][-1]
        if tail[s:e] == last or tail[s:e] in _FUNCTION_END2:
            return True
    # A number or date split across the break: 2026年6月 | 11日; an ordinal: 获得第 | 18届
    return bool((re.search(r"\d[年月.]?$", text_a) or text_a.endswith("第")) and re.match(r"[\d一二三四五六七八九十]", text_b))


_ADVERBS = ("此外", "同时", "目前", "如今", "为此", "对此", "据悉", "据了解", "另外", "其中", "然而", "但是",
            "不过", "因此", "所以", "首先", "其次", "最后", "总之", "近日", "日前", "当前", "眼下", "现在",
            "今年", "去年", "明年", "当天", "当晚", "事实上", "实际上", "与此同时", "记者了解到")


_PROSE_WORDS = ("的", "了", "通过", "将", "把", "被", "对于", "已经", "正在", "可以", "表示", "认为",
                "指出", "介绍", "告诉", "作为")


def _reads_on(text_a: str, text_b: str) -> bool:
    """A cut-off sentence whose rest was read as a title: no punctuation in it, but the
    cut is certain and the rest is long or plainly continues (属于《…》明确的 | 么才能…)."""
    if not text_b or text_a[-1] in "：:—-":
        return False
    tail = _SENTENCE_END.split(text_a)[-1]
    certain = _hard_cut(text_a, text_b) or any(c in tail for c in "，、,") or len(tail) <= 4
    return certain and (len(text_b) >= 16 or text_b[0] in NO_START or bool(word_across(text_a, text_b)))


def _open_clause(text_a: str) -> bool:
    """The last sentence of text_a already has a comma: it was cut inside a sentence."""
    return any(c in _SENTENCE_END.split(text_a)[-1] for c in "，、,")


def _first_clause(text_b: str) -> str:
    return _CLAUSE_END.split(text_b, maxsplit=1)[0]


def _opens_paragraph(text_b: str) -> bool:
    """B opens like a paragraph: a quote, a number, a short question, 近年来，此外，…"""
    first = _first_clause(text_b)
    return bool(_OPENER.match(text_b) or re.match(r"[^。！？]{1,16}？", text_b)
                or (2 <= len(first) <= 6 and _adverbial(first)))


def _fragment_start(text_b: str) -> bool:
    """B opens with a sentence too short to stand alone (展。记者…): the tail of a cut one."""
    m = re.match(r"[^。！？，、；：]{1,4}[。！？]", text_b)
    return bool(m)


def _adverbial(clause: str) -> bool:
    """A short opening clause of the kind that starts paragraphs: 近年来，台风生成后，此外，"""
    return clause in _ADVERBS or clause[-1:] in "来后前时中间年月日天" or clause.startswith(("据", "在", "随着", "对于"))


def _cut_confidence(text_a: str, text_b: str, word: str, photo: bool = False) -> float | None:
    """How sure we are that a body paragraph ending in text_a was cut off (None: it was not)."""
    last = text_a[-1]
    if last in "，、,（(“《":
        return 0.95
    if last in "：:—-":
        # "…如下：" and "…——" introduce the next paragraph; only a word across the break says otherwise.
        return 0.8 if word else None
    tail = _SENTENCE_END.split(text_a)[-1]
    if word:
        return 0.95
    if any(c in tail for c in "，、,"):
        return 0.9
    if len(tail) <= 4:
        return 0.85
    # A clause-less tail may be an inner subhead glued to its paragraph ("…答卷。赋能千行百业集聚成势").
    # Then the next block opens a paragraph: a date, a number, a quote, or a short opening clause.
    # Glued subheads are terse phrases; particles or reporting verbs mean running prose.
    if any(w in tail for w in _PROSE_WORDS):
        return 0.75
    # A photo dropped into the gap is itself a sign of a column cut.
    if photo:
        return 0.7
    if len(_first_clause(text_b)) <= 1:
        return 0.8  # 窄巷 | 中，…: a one-character clause is the end of a cut one
    if _opens_paragraph(text_b):
        return None
    return 0.75


def _gap_edits(deletions: list[tuple[int, int]], start: int, end: int) -> list[Edit]:
    """Delete raw[start:end] except what duplicate fixes already delete there
    (deletions sorted by start: a bisect, not a scan per join)."""
    lo = bisect.bisect_left(deletions, (start, -1))
    hi = bisect.bisect_left(deletions, (end, -1))
    cuts = deletions[lo:hi]
    edits, pos = [], start
    for s, e in cuts:
        if s > pos:
            edits.append(Edit(pos, s, ""))
        pos = max(pos, e)
    if pos < end:
        edits.append(Edit(pos, end, ""))
    return edits


def detect(ctx: PageContext) -> list[Finding]:
    seq = ctx.survivors()
    joins: list[_Join] = []
    joined_to: dict[int, int] = {}  # b.index -> a.index
    taken: set[int] = set()         # blocks already used as a second half or moved
    for p in range(len(seq)):
        if seq[p].index in ctx.moved:
            continue
        j = _find_join(ctx, seq, p, joined_to)
        if j is None or j.b.index in taken:
            continue
        joins.append(j)
        joined_to[j.b.index] = j.a.index
        taken.add(j.b.index)
        taken.update(m.index for m in j.moved)
        ctx.moved.update(m.index for m in j.moved)
        ctx.joins.append((j.a.index, j.b.index))

    next_of = {a: b for b, a in joined_to.items()}

    def chain_end(i: int) -> Block:
        while i in next_of:
            i = next_of[i]
        return ctx.blocks[i]

    findings = []
    deletions = sorted(ctx.deletions.values())
    for j in joins:
        edits = _gap_edits(deletions, j.a.end, j.b.start)
        spans = [Span(j.a.end - min(8, len(j.a.text)), j.a.end), Span(j.b.start, j.b.start + min(8, len(j.b.text)))]
        if j.moved:
            tail = chain_end(j.b.index)
            moved_text = "".join("\n" + ctx.text_of(m.index) for m in j.moved)
            edits.append(Edit(tail.end, tail.end, moved_text))
            spans.extend(Span(m.start, m.end) for m in j.moved)
            zh = (f"句子被{len(j.moved)}个插入块（图片说明、署名或标题）隔断；接上两半，"
                  "插入块移到该段之后")
            en = (f"Sentence interrupted by {len(j.moved)} block(s) (caption, credit or heading); "
                  "join the halves and move them after the paragraph")
        else:
            zh, en = "段落在句中断开（分栏或换版）；两半直接相接", "Paragraph cut mid-sentence at a column end; join the halves"
        if j.word:
            zh += f"（“{j.word}”跨越断点）"
            en += f" (the word “{j.word}” spans the break)"
        findings.append(Finding(
            FindingKind.CONTINUATION, tuple(spans), zh, en, j.confidence, tuple(edits),
            details=(("word", j.word), ("moved", str(len(j.moved)))),
        ))
    return findings
