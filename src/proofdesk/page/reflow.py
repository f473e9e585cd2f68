"""Hard-wrapped OCR lines -> paragraphs: tell a line wrap from a paragraph end.

OCR engines (tesseract, ABBYY's text export, PaddleOCR) write one printed line
per text line. Newspapers set body text justified in a fixed column width, so
every wrapped line of a paragraph is about as wide as the column, and the last
line of a paragraph is usually shorter. The first line of a paragraph is
indented by two characters, which OCR keeps as leading spaces or loses; when it
is lost the line is still two characters narrower than the column.

Clues, in order of strength: an explicit indent; a short line; sentence-final
punctuation at the end of the line; a narrower next line; a word that jieba
finds across the break. Every decision looks at two neighbouring lines only, so
reflow is linear in the number of lines.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from functools import lru_cache
from dataclasses import dataclass
from enum import Enum

from proofdesk.page.blocks import Line
from proofdesk.page.classify import CAPTION_START_RE, CREDIT_RE, JUMP_RE, TERMINAL, heading_like

# Printed width of a character, in ems: OCR writes full-width punctuation as
# ASCII often, so only letters and digits count as narrow.
_NOT_FULL = re.compile(r"[A-Za-z0-9.% \t\u00a0]")  # narrow characters and spaces
OPENERS = "“‘「『（(《【\""
# Longer than a printed line of a column (is_hard_wrapped: at most 45 ems, and
# digits are narrow): most likely a paragraph-per-line page's paragraph.
PRINTED_LINE = 60


@lru_cache(maxsize=16384)  # each line is asked about several times
def line_width(text: str) -> float:
    """Printed width of a line in ems (CJK = 1, digits and small letters = 0.55, capitals 0.7)."""
    return line_facts(text)[0] if len(text) <= PRINTED_LINE else _width(text)


def _width(text: str, odd: list[str] | None = None) -> float:
    """line_width; odd: _NOT_FULL.findall(text), when the caller has it."""
    if odd is None:
        odd = _NOT_FULL.findall(text)
    if not odd:
        return float(len(text))  # most Chinese lines: every character is one em
    if "".join(odd).isdigit():  # odd holds only ASCII letters, digits, '.', '%' and spaces
        spaces = capitals = 0  # most lines with narrow characters: a date or a number
    else:  # counted in C
        spaces = sum(map(" \t\u00a0".__contains__, odd))
        capitals = sum(map(str.isupper, odd))  # A-Z
    narrow = len(odd) - spaces
    # A space is printed narrow too (本报讯通讯员 李琼 报道); OCR also invents some.
    return len(text) - narrow - spaces + 0.55 * (narrow - capitals) + 0.7 * capitals + 0.5 * spaces


class Shape(str, Enum):
    PARAGRAPH_LINES = "paragraph-per-line"  # one paragraph (block) per line
    HARD_WRAPPED = "hard-wrapped"           # one printed line per line
    INTERLEAVED = "interleaved-columns"     # printed lines of several columns, row by row


@dataclass(frozen=True)
class PageStats:
    width: float          # typical full line width, in ems
    share_full: float     # share of lines within 1.5 ems of that width
    share_open: float     # share of lines that end without sentence-final punctuation
    share_indented: float = 0.0  # share of lines with a first-line indent


def page_stats(lines: list[Line]) -> PageStats:
    return stats_of(tally(lines))


# What page stats are made of: the widths of the lines of four characters or
# more, how many of those end open, how many lines are indented, how many lines.
Tally = tuple[list[float], int, int, int]


def tally(lines: list[Line]) -> Tally:
    widths, opened, indented = [], 0, 0
    for ln in lines:  # one pass: this runs over every line of the page
        t = ln.text
        if ln.indent >= 2:
            indented += 1
        if 4 <= len(t) <= PRINTED_LINE:
            w, done, _alone, _noisy = line_facts(t)
            widths.append(w)
            if not done:
                opened += 1
        elif len(t) >= 4:  # most likely a paragraph of a paragraph-per-line page: only measured
            widths.append(line_width(t))
            if not ends_sentence(t):
                opened += 1
    return widths, opened, indented, len(lines)


def tally_without(whole: Tally, dropped: list[Line]) -> Tally:
    """The tally of the lines less a few of them, without measuring the rest again."""
    widths, opened, indented, n = whole
    d_widths, d_opened, d_indented, d_n = tally(dropped)
    # stats_of depends on the widths as a multiset, not on their order (and
    # sorts them: sorted already, that costs one pass).
    rest = sorted(widths)
    for w in d_widths:
        i = bisect_left(rest, w)
        if i < len(rest) and rest[i] == w:  # as Counter subtraction: a width not there is ignored
            del rest[i]
    return rest, opened - d_opened, indented - d_indented, n - d_n


def stats_of(t: Tally) -> PageStats:
    return _stats(*t)


def _stats(widths: list[float], opened: int, indented: int, n_lines: int) -> PageStats:
    if not widths:
        return PageStats(0.0, 0.0, 0.0)
    counts = Counter(map(round, widths))
    # The column width is the most common width among the wider lines (short
    # paragraph ends must not win on a page of short paragraphs); the mode is
    # taken over a window of three, so 19/20-em jitter counts as one width.
    ordered = sorted(widths)  # sorted once: the ranges below are slices of it
    floor = ordered[int(len(widths) * 0.7)] - 1.5
    best = max((w for w in counts if w >= floor), key=lambda w: (counts[w - 1] + counts[w] + counts[w + 1], w))
    near = ordered[bisect_left(ordered, best - 1.5):bisect_right(ordered, best + 1.5)]
    width = near[len(near) // 2] if near else float(best)
    lo, hi = width - 1.5, width + 1.5
    full = (bisect_right(ordered, hi) - bisect_left(ordered, lo)) / len(widths)
    return PageStats(width, full, opened / len(widths), indented / n_lines)


def is_hard_wrapped(stats: PageStats, n_lines: int) -> bool:
    """Most lines as wide as a column and cut mid-sentence: printed lines."""
    if n_lines < 6:
        return False
    # Indented paragraph starts among many unindented lines: the other lines
    # are continuations, however short the paragraphs (a page where every
    # line is indented is paragraph-per-line).
    if 0.05 <= stats.share_indented <= 0.9 and stats.share_open >= 0.2 and stats.width <= 45:
        return True
    # A short page of printed lines has many short ones (headlines, bylines,
    # paragraph ends), but most of its lines still stop mid-sentence.
    return 6 <= stats.width <= 45 and (stats.share_full >= 0.4 and stats.share_open >= 0.4 or stats.share_open >= 0.6)


@lru_cache(maxsize=16384)  # each line is asked about several times
def ends_sentence(text: str) -> bool:
    return line_facts(text)[1] if len(text) <= PRINTED_LINE else _ends(text)


def _ends(text: str) -> bool:
    t = text.rstrip()
    if not t:
        return False
    if t[-1] in TERMINAL or t[-1] == "…":
        return True
    tail = t[-12:]
    # A jump marker names a page (版/页/面); the regex runs only where one could stand.
    return ("版" in tail or "页" in tail or "面" in tail) and bool(JUMP_RE.search(tail))


# What every credit form (摄, 新华社发, 供图, 资料图片, 人民视觉, 图片来源…) and
# every jump marker (版, 页, 面) contains.
_MAYBE_ALONE = re.compile(r"[摄发图版页面]|视觉")
_CREDIT_END = re.compile(r"(?:供图|摄|摄影|新华社发|资料图片|制图)$")


@lru_cache(maxsize=16384)  # each line is asked about several times
def stands_alone(text: str) -> bool:
    """Credits and jump markers are blocks of their own, whatever their width."""
    return line_facts(text)[2] if len(text) <= PRINTED_LINE else _alone(text)


def _alone(text: str) -> bool:
    if not _MAYBE_ALONE.search(text):
        return False  # every credit form and marker holds one of these
    if len(text) <= 40 and CREDIT_RE.match(text):
        return True
    if len(text) <= 30 and _CREDIT_END.search(text) and not any(c in text for c in "，。；！？,;"):
        return True
    return bool(JUMP_RE.fullmatch(text))


def _prose_runs_on(a: str, b: str) -> bool:
    """A line that only looks like a credit by its last word (…进行拍|摄影, …摄|入):
    a dictionary word runs on into the next line. A credit's name never does."""
    return not CREDIT_RE.match(a) and _word_across(a, b)


@dataclass(frozen=True)
class Break:
    """The decision between two neighbouring lines of one stream."""

    join: bool
    confidence: float
    reason: str


def _word_across(a: str, b: str) -> bool:
    """True when jieba's dictionary has a word that spans the end of a and the start of b."""
    from proofdesk.words import word_across

    return bool(word_across(a, b))


def _quote_runs_on(a: str, b: str) -> bool:
    if ends_sentence(a):
        return False
    if a.count("“") <= a.count("”"):
        # The OCR lost the opening mark (学好中文，我们的 / 未来不是梦”): b is
        # a whole line that closes, as titles do with no sentence end, a
        # quotation nobody opened.
        return ("“" not in a and "”" not in a and "“" not in b and b.endswith("”") and b.count("”") == 1
                and _CJK_CHAR.match(b[-2:]) is not None)
    close, reopen = b.find("”"), b.find("“")
    return close >= 0 and (reopen < 0 or close < reopen)


_BYLINE_START = re.compile(r"^(?:本报|[\u4e00-\u9fff]{0,8}报)?(?:特约)?(?:记者|通讯员)")


def _byline_runs_on(a: str, b: str) -> bool:
    """本报记者沈小晓 / 任 / 彦 / 黄培昭: OCR cut the byline between its names."""
    return bool(_BYLINE_START.match(a)) and len(a) <= 20 and len(b) <= 4 and bool(_CJK_CHAR.fullmatch(b[0]))


# Decisions are shared values: a page makes thousands of them.
_BLANK_LINE = Break(False, 1.0, "blank line")
_BYLINE_NAMES = Break(True, 0.7, "byline names")
_CAPTION_STARTS = Break(False, 0.8, "caption starts")
_CLAUSE_ENDS = Break(True, 0.75, "full line ends a clause")
_CREDIT_OR_MARKER = Break(False, 0.9, "credit or marker")
_DIFFERENT_WIDTH = Break(False, 0.8, "different width")
_FULL_LINE = Break(True, 0.6, "full line")
_INDENT = Break(False, 0.95, "indent")
_LINE_CUT_MID_SENTENCE = Break(True, 0.95, "line cut mid-sentence")
_NARROW_NEXT_LINE = Break(False, 0.7, "narrow next line")
_ONE_LINE_CAPTION = Break(False, 0.7, "one-line caption")
_QUOTATION_OPENS = Break(False, 0.6, "quotation opens")
_QUOTATION_RUNS_ON = Break(True, 0.7, "quotation runs on")
_SHORT_LINE = Break(False, 0.9, "short line")
_WORD_ACROSS_THE_BREAK = Break(True, 0.55, "word across the break")


def decide(a: Line, b: Line, width: float, para: str | list[Line] = "") -> Break:
    """Join b to a (a hard wrap) or start a new block at b (a paragraph end).

    para is the paragraph so far (its text, or its lines: joined only when asked).
    """
    return _decide(a, b, width, para, line_facts(a.text), line_facts(b.text))


def _decide(a: Line, b: Line, width: float, para: str | list[Line], fa: tuple, fb: tuple) -> Break:
    """decide, given the line_facts of a and b."""
    wa, done, alone_a, _ = fa
    wb, done_b, alone_b, _ = fb
    if alone_b or (alone_a and not _prose_runs_on(a.text, b.text)):
        return _CREDIT_OR_MARKER
    if b.indent >= a.indent + 2 or (b.indent >= 2 and done):
        return _INDENT
    # A full line fills the column to within one character; a first line whose
    # indent was lost is two characters narrower. Shorter than both: the paragraph ended.
    short_a = wa < width - 3 - (2 if a.indent >= 2 else 0)
    if done and CAPTION_START_RE.match(b.text) and (short_a or a.text[-1] not in "；;"):
        # (After a full line ending a clause the sentence goes on: "…指数；/6月9日，…".)
        return _CAPTION_STARTS
    if done and wa >= width - 3 and CAPTION_START_RE.match(a.text):
        return _ONE_LINE_CAPTION
    if wa > width * 1.4 or wb > width * 1.4:
        # A line wider than the column is a caption or headline set across columns.
        return _DIFFERENT_WIDTH
    if short_a and _quote_runs_on(a.text, b.text):
        # “学好中文，我们的 / 未来不是梦”: a title in two lines, its quotation still open.
        return _QUOTATION_RUNS_ON
    if short_a and _byline_runs_on(_text_of(para) or a.text, b.text):
        return _BYLINE_NAMES
    if short_a:
        if not done and wa >= width * 0.6 and _word_across(a.text, b.text):
            # Short because the OCR dropped characters, not because the paragraph ended.
            return _WORD_ACROSS_THE_BREAK
        return _SHORT_LINE
    if not done:
        return _LINE_CUT_MID_SENTENCE
    if a.text[-1] in "；;":
        # A full line ending a clause: paragraphs end with a sentence, so a
        # narrower line after it is the paragraph's last line, not a new one.
        return _CLAUSE_ENDS
    # A full line that ends a sentence: the paragraph ends when the next line is
    # indented (narrower, its own last line aside) or opens a quotation.
    # A mark that ends the line may stand past the column's edge (a line must
    # not start with ，。: the typesetter keeps it on the line before), so an
    # indented line ending so is as wide as the column less one; a full one is
    # as wide as the column, or wider.
    wb_in = wb - 1 if b.text[-1] in _HANGS and width - 1.4 < wb <= width - 0.5 else wb
    narrow_b = wb_in <= width - 1.4
    if narrow_b and (not done_b or wb >= width - 3.5):
        return _NARROW_NEXT_LINE
    if b.text[0] in "“「『" and a.text[-1] in "。！？":
        return _QUOTATION_OPENS
    return _FULL_LINE


def decide_across_blank(a: Line, b: Line, width: float) -> Break:
    """OCR engines also leave blank lines inside a paragraph (tesseract splits
    its text blocks there). Join over one only when the line before it is full
    and cut mid-sentence and the line after it looks like the same column's text."""
    fa, fb = line_facts(a.text), line_facts(b.text)
    if fa[1] and a.run != 0 and _AUTHOR.match(b.text) and "版" not in b.text:  # nor a jump marker
        return _AUTHOR_SIGNS  # （许小峰）, set after the article's last sentence
    if fa[1] or b.indent >= 2 or fb[3] or a.run == 0:
        return _BLANK_LINE  # run 0 is the page's headings
    if (heading_like(a.text) and not any(c in a.text for c in "、，,")) or CAPTION_START_RE.match(b.text):
        return _BLANK_LINE  # a heading: no clause punctuation
    if heading_like(a.text) and b.text[0] in OPENERS and not _quote_runs_on(a.text, b.text):
        # A subhead of two phrases (多维并进，畅通节气文化传播渠道) over a
        # paragraph that opens with a quotation.
        return _BLANK_LINE
    if heading_like(b.text) and not _word_across(a.text, b.text) and not _quote_runs_on(a.text, b.text):
        # A short line without punctuation is a heading, unless a word runs
        # into it (气象“硬 / 实力”: the paragraph's last line).
        return _BLANK_LINE
    # A column's lines are never wider than the column: a wider one is a caption
    # set in a smaller face, or a headline.
    if fa[0] < width - 3 - (2 if a.indent >= 2 else 0) or fb[0] > width + 1.5:
        return _BLANK_LINE
    br = decide(a, b, width)
    return Break(br.join, round(br.confidence * 0.8, 3), "blank line inside a sentence")


# An article's author in brackets after its last sentence (the corpus sets
# them on that paragraph's line); OCR reads the brackets as 《 〈 ( too.
_AUTHOR = re.compile(r"^[（(《〈][\u4e00-\u9fff·\s]{2,12}[）)》〉]$")
_AUTHOR_SIGNS = Break(True, 0.7, "the author signs the article")


def _text_of(para: str | list[Line]) -> str:
    if isinstance(para, str):
        return para
    return "".join(x.text for x in para) if len(para) < 6 else ""


def group_lines(lines: list[Line], width: float, *, across_runs: bool = False,
                widths: dict[int, float] | None = None) -> tuple[list[list[Line]], list[list[Break]]]:
    """Split a stream of lines into paragraphs.

    widths gives a column width per blank-line run (captions are set smaller);
    across_runs ignores blank lines (interleaved columns have none that mean anything).
    """
    groups: list[list[Line]] = []
    joins: list[list[Break]] = []
    group: list[Line] = []    # the paragraph being built (the last of groups)
    breaks: list[Break] = []  # its joins
    prev = f_prev = None  # the line before ln (always the last one of group), its facts
    for ln, f_ln in zip(lines, map(line_facts, [x.text for x in lines])):
        if prev is not None:
            if across_runs or prev.run == ln.run:
                br = _decide(prev, ln, widths.get(prev.run, width) if widths else width, group, f_prev, f_ln)
            else:
                br = decide_across_blank(prev, ln, width)
            if br.join:
                group.append(ln)
                breaks.append(br)
                prev, f_prev = ln, f_ln
                continue
        group, breaks = [ln], []
        groups.append(group)
        joins.append(breaks)
        prev, f_prev = ln, f_ln
    return groups, joins


_CJK_CHAR = re.compile(r"[\u3400-\u9fff]")
# Compiled once: every line of a page may be tested.
_GAP3 = re.compile(r"\S\s{3,}\S")
_GAP2 = re.compile(r"\S\s{2,}\S")
_LATIN = re.compile(r"[A-Za-z]")
_ACRONYM = re.compile(r"[A-Z]{3,}")
_FULL_PUNCT = re.compile(r"[\u3000-\u303f\uff00-\uffef]")
_SYMBOL = re.compile(r"[@】【|_~=<>]")
# A character of text: an ideograph, a letter or a digit (no mark, no speck of a photo).
TEXT_CHAR = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")
# Marks that may end a line past the column's edge (no line starts with them).
_HANGS = frozenset("，。、；：！？”’）》")
# The last printed line of a paragraph or clause, however short: words (with
# numbers or Latin: 2年。, A股。) or a code (5G。) ending a sentence or clause,
# with the quotes and brackets it closes or opens (系”。, 说：“, 促——); a
# quotation's end (。”); a bracketed note (（完）). A photo's specks are
# scattered marks and small letters (9。。, 2。, ee人。): never these.
_SENTENCE_TAIL = re.compile(
    r"[\u3400-\u9fff0-9A-Z.%]*[\u3400-\u9fff][\u3400-\u9fff0-9A-Z.%]*[，、；：。！？…“”‘’「」『』（）《》—]+"
    r"|[0-9A-Z]{2,}[。！？]|[。！？…][”’」』）]+|（[\u3400-\u9fff]{1,6}）")
# Latin that is a code or an acronym (A50, 5G, LIBS), not stray letters.
_CODE = re.compile(r"[A-Z]+\d+|\d+[A-Z]+|[A-Z]{2,}")
_WHITE = re.compile(r"\s")
_NOT_CJK = re.compile(r"[^\u3400-\u9fff]")


def is_noise(text: str) -> bool:
    """A line OCR read from a photo or a rule: symbols, stray letters, wide gaps."""
    return line_facts(text)[3]


# Every line of a hard-wrapped page is measured, tested for an ending, a
# credit and noise, and each answer is asked for again by the decisions: one
# cached tuple per line costs one look-up where four caches cost four. Large
# enough for a long file's lines, so no line is measured twice. (Longer
# lines, the paragraphs of paragraph-per-line pages, are only measured.)
@lru_cache(maxsize=65536)
def line_facts(text: str) -> tuple[float, bool, bool, bool]:
    """(line_width, ends_sentence, stands_alone, is_noise) of a line."""
    odd = _ODD.findall(text)
    if not odd:
        # Most lines: Chinese and full-width punctuation only. Every character
        # is one em, nothing to strip, and no credit or marker can stand there.
        noisy = not text or len(text) - len(_NOT_CJK.findall(text)) < len(text) * 0.5 and _noise(text, False, False)
        return float(len(text)), bool(text) and text[-1] in _SENTENCE_END, False, noisy
    # The odd characters alone tell which tests the line needs.
    few = "".join(odd)
    spaced = _WHITE.search(few) is not None
    credit = _CREDIT_CHAR.search(few) is not None
    alone = _alone(text) if credit else False
    # Without white space and 版/页/面: nothing to strip, no jump marker at the end.
    ends = _ends(text) if spaced or credit else text[-1] in _SENTENCE_END
    return _width(text, _NOT_FULL.findall(few)), ends, alone, _noise(text, alone, spaced)


# The characters that send a line the long way: a narrow character or a
# space (line_width), white space (ends_sentence strips it, is_noise splits at
# it), and whatever a credit or a jump marker holds (stands_alone: 视 for 视觉).
_ODD = re.compile(r"[A-Za-z0-9.%\s\u00a0摄发图版页面视]")
_CREDIT_CHAR = re.compile("[摄发图版页面视]")
_SENTENCE_END = frozenset(TERMINAL + "…")


def _noise(text: str, alone: bool, spaced: bool) -> bool:
    """is_noise, given stands_alone(text) and whether text holds white space."""
    vis = "".join(text.split()) if spaced else text
    if not vis:
        return True
    cjk = len(vis) - len(_NOT_CJK.findall(vis))  # few in a line of text
    if _SENTENCE_TAIL.fullmatch(text.strip()):  # not spread out with gaps, as a photo's specks are
        return False  # the end of a paragraph or a clause (种。”): text, however short
    if TEXT_CHAR.search(vis) is None:
        return True  # marks and nothing they mark ("。 。。。 。", "】"): a photo's specks
    if spaced:
        if len(vis) <= 4 and _GAP3.search(text):
            return True  # two specks far apart on one line ("1      四")
        if len(vis) <= 8 and _GAP2.search(text) and not alone:
            return True  # specks with wide gaps ("色  oo  委 全")
    if cjk >= len(vis) * 0.5 or alone:
        return False
    if cjk < len(vis) * 0.3 and _LATIN.search(vis) and (cjk or _FULL_PUNCT.search(vis)) \
            and not ((_ACRONYM.search(vis) or not _LATIN.search(_CODE.sub("", vis))) and not _SYMBOL.search(vis)):
        # "2 oo。 2。 人", "时 eedeo": stray letters around a stray character
        # (an acronym is text: 制LIBS(TSMM-LIBS)”技术方案，实).
        return True
    return bool(_SYMBOL.search(vis)) or bool(_GAP2.search(text)) or len(vis) <= 3


def local_widths(lines: list[Line], page_width: float, whole: PageStats | None = None) -> dict[int, float]:
    """Typical width per blank-line run: a caption set smaller has its own column width.

    whole: the stats of exactly these lines, when the caller has them already.
    """
    runs: dict[int, list[Line]] = {}
    for ln in lines:
        runs.setdefault(ln.run, []).append(ln)
    out = {}
    for run, members in runs.items():
        if len(members) < 4:
            out[run] = page_width
            continue
        st = whole if whole is not None and len(runs) == 1 else page_stats(members)
        out[run] = st.width if st.share_full >= 0.5 and st.width >= page_width * 0.7 else page_width
    return out
