"""OCR punctuation and spacing inside Chinese text.

PDF extraction and OCR leave half-width punctuation (`,` `:` `(`, and the
half-width `｡` `､`), read a dash `——` as `一一` or `--`, write quotation marks
as ASCII `"`, and put spaces between Chinese characters (`长江流 域`) or
between a number and its unit (`2024 年`). Chinese typesetting has none of
these. Latin words, numbers and their own punctuation stay (`APP`, `3.9%`,
`400MW/800MW`, `1,000`, `10:30`).

Spaces are removed from body paragraphs and captions only: banners and
credits use them on purpose (`走在前 勇争先`, `山西日报记者 史晓波 摄`), and so
does the credit at the end of a caption. Titles get their marks full-width.

Findings: one PUNCT and one SPACE finding per block (its edits are the single
replacements), and for quotation marks that do not pair up, a PUNCT finding
that flags them; a closing mark with no opening one gets a proposed opening
mark at the start of the sentence it closes.
"""
from __future__ import annotations

import re

from proofdesk.detect.context import PageContext
from proofdesk.findings import Edit, Finding, FindingKind, Span
from proofdesk.page.blocks import HEADINGS, Block, BlockKind
from proofdesk.page.classify import inline_credit
from proofdesk.words import is_word

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
CJK_PUNCT = "，。、；：！？“”‘’（）《》【】—…·「」『』"
_HALF = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）", "｡": "。", "､": "、"}
_HALF_RE = re.compile("[" + re.escape("".join(_HALF)) + "]")
_TOUCHED = {BlockKind.BODY, BlockKind.BYLINE_BODY, BlockKind.CAPTION}
_SPACES = " \t\u3000\u00a0"
# Compiled once: every block of the page is searched with them.
_DASH_RE = re.compile(r"一一|--+|—(?!—)")
# The dot between the parts of a foreign name read as an apostrophe (席列斯特' 绍罗).
_NAME_DOT_RE = re.compile(r"(?<=[\u3400-\u9fff])' ?(?=[\u3400-\u9fff])")
# A dash whose halves OCR read as a hyphen and the character 一 (节奏-一不被, 深耕一-上海).
_HYPHEN_DASH_RE = re.compile(r"-一|一-")
# The two digits are matched, not looked behind at every character (faster);
# the 一 is at match start + 2.
_RANGE_RE = re.compile(r"\d\d一(?=\d+[年月日%）)])")
_SPACE_RUN = re.compile(r"[ \t\u3000\u00a0]+")
_FULL_MARK = frozenset("，。、；：！？“”‘’（）《》〈〉【】…—·「」『』")


def is_cjk(ch: str) -> bool:
    return bool(ch) and bool(_CJK.match(ch))


def _chinese(ch: str) -> bool:
    return is_cjk(ch) or (bool(ch) and ch in CJK_PUNCT)


def _neighbour(text: str, i: int, step: int) -> str:
    """The nearest character from i in direction step that is not a space."""
    j = i + step
    while 0 <= j < len(text) and text[j] in _SPACES:
        j += step
    return text[j] if 0 <= j < len(text) else ""


_CODE = re.compile(r"\d{4,}(?:\.[A-Z]{2,3})?")
_BRACKET_SPAN = 40


def _bracketed(text: str, i: int) -> str | None:
    """What the half-width bracket opening at i holds, when it closes nearby."""
    j = text.find(")", i + 1, i + _BRACKET_SPAN)
    if j < 0 or "(" in text[i + 1:j]:
        return None
    return text[i + 1:j]


def _misread_openers(text: str, out: dict[int, tuple[int, str]]) -> None:
    """OCR reads （ as 〈 or 《: an opener that a round bracket closes
    (风力13级〈40米/秒）, 《上接第一版)) is a round one."""
    for m in re.finditer("[〈《]", text):
        i = m.start()
        close = re.search("[()（）〈〉《》]", text[i + 1:i + _BRACKET_SPAN])
        if close and close.group() in ")）":
            out[i] = (1, "（")
            if close.group() == ")":
                out[i + 1 + close.start()] = (1, "）")


def punctuation_fixes(text: str, latin_brackets: bool = True) -> dict[int, tuple[int, str]]:
    """Text index -> (length replaced, replacement), for half-width marks and dashes.

    latin_brackets: half-width brackets around Latin text become full-width too."""
    out: dict[int, tuple[int, str]] = {}
    for m in _HALF_RE.finditer(text):
        i, ch = m.start(), m.group()
        prev, nxt = _neighbour(text, i, -1), _neighbour(text, i, 1)
        if ch in "｡､":
            out[i] = (1, _HALF[ch])
        elif ch in ",:":
            # 1,000 and 10:30 are numbers; after Chinese text it is Chinese punctuation.
            if prev.isdigit() and nxt.isdigit():
                continue
            if _chinese(prev) or (is_cjk(nxt) and not prev.isascii()):
                out[i] = (1, _HALF[ch])
            elif prev and (prev.isdigit() or prev in "%”)") and is_cjk(nxt):
                out[i] = (1, _HALF[ch])
        elif ch in ";!?":
            if _chinese(prev) or (prev.isdigit() and is_cjk(nxt)) or (prev in "%)" and is_cjk(nxt)):
                out[i] = (1, _HALF[ch])
        elif ch == "(":
            # Chinese text brackets Latin in full width too (世界气象组织（WMO）, 15
            # times in the corpus articles against 4: 螺旋度(SRH)). So where the
            # page's other marks came through half-width (latin_brackets), its
            # brackets did too; on a page set with care they stay. A stock code
            # keeps its half-width brackets (晶丰明源(688368.SH)).
            inner = _bracketed(text, i)
            latin = inner is not None and not any(_chinese(c) for c in inner)
            if (_chinese(prev) or _chinese(nxt)) and not (inner is not None and _CODE.fullmatch(inner)) \
                    and (latin_brackets or not latin) \
                    and (inner is not None or not (nxt.isascii() and nxt.isalnum())):
                out[i] = (1, _HALF[ch])
        elif ch == ")":
            opened = text.rfind("(", max(0, i - _BRACKET_SPAN), i)
            inner = _bracketed(text, opened) if opened >= 0 else None
            if inner is not None and opened in out:
                out[i] = (1, _HALF[ch])  # closes a bracket made full-width
            elif inner is None and (_chinese(prev) or _chinese(nxt)) and not (prev.isascii() and prev.isalnum()):
                out[i] = (1, _HALF[ch])
    if "〈" in text or "《" in text:
        _misread_openers(text, out)
    # Substring tests first: most paragraphs have no dash at all.
    dashes = "一一" in text or "-" in text or "—" in text
    for m in _DASH_RE.finditer(text) if dashes else ():
        i, j = m.start(), m.end()
        prev, nxt = text[i - 1] if i else "", text[j] if j < len(text) else ""
        if m.group() == "一一":
            # 一一 is also a word ("one by one"); a dash only where words cannot stand.
            if not (i == 0 or j == len(text) or prev in CJK_PUNCT or nxt in "“《（"):
                continue
        elif m.group() == "—":
            continue
        elif not (_chinese(prev) or _chinese(nxt) or i == 0):
            continue
        out[i] = (j - i, "——")
    for m in _HYPHEN_DASH_RE.finditer(text) if "-" in text else ():
        i, j = m.start(), m.end()
        if m.group() == "一-" and i and is_word(text[i - 1] + "一"):
            # 统一-一上海: the 一 ends a word; the dash is the hyphen and the 一 after it.
            if text[j:j + 1] != "一":
                continue
            i, j = i + 1, j + 1
        if i in out or not (_chinese(text[i - 1] if i else "") or _chinese(text[j] if j < len(text) else "")):
            continue
        out[i] = (j - i, "——")
    for m in _NAME_DOT_RE.finditer(text) if "'" in text else ():
        out[m.start()] = (m.end() - m.start(), "·")
    for m in _RANGE_RE.finditer(text) if "一" in text else ():
        # 2021一2025年: a range dash read as the character 一.
        out[m.start() + 2] = (1, "—")
    return out


def quote_fixes(text: str) -> dict[int, str]:
    """ASCII double quotes -> “ or ”, pairing with the curly ones around them."""
    out: dict[int, str] = {}
    if '"' not in text:
        return out
    open_ = False
    for i, ch in enumerate(text):
        if ch == "“":
            open_ = True
        elif ch == "”":
            open_ = False
        elif ch == '"':
            out[i] = "”" if open_ else "“"
            open_ = not open_
    return out


def nested_quote_fixes(text: str) -> dict[int, str]:
    """A quotation inside a quotation takes single marks (表示：“…‘火上浇油’…”);
    OCR reads them as double ones. Only a paragraph whose double marks nest
    and close in order is changed: an unclosed one leaves the nesting unknown."""
    if text.count("“") < 2:
        return {}
    marks = _QUOTE_RE.findall(text)
    if "".join(marks) == "“”" * (len(marks) // 2):
        return {}  # most paragraphs: quotations one after another, none inside another
    out: dict[int, str] = {}
    stack: list[int] = []
    for m in _QUOTE_RE.finditer(text):  # the marks only, not every character
        i = m.start()
        if m.group() == "“":
            stack.append(i)
        else:
            if not stack:
                return {}
            start = stack.pop()
            if stack:
                out[start], out[i] = "‘", "’"
    return {} if stack else out


def space_fixes(text: str, keep: tuple[int, int] | None = None, marks_only: bool = False) -> list[tuple[int, int]]:
    """Runs of spaces (start, end) that Chinese typesetting would not have;
    marks_only: only those after a clause mark (a title's other spaces are
    the typesetter's: 走在前 勇争先 建设“两区两城两高地” 大抓招商引资)."""
    out = []
    if not (" " in text or "\u3000" in text or "\t" in text or "\u00a0" in text):  # _SPACES
        return out  # most paragraphs: substring tests are faster than the pattern's scan
    for m in _SPACE_RUN.finditer(text):
        i, j = m.start(), m.end()
        if keep and keep[0] <= i < keep[1]:
            continue
        prev, nxt = text[i - 1] if i else "", text[j] if j < len(text) else ""
        if not prev or not nxt:
            continue
        left_zh, right_zh = _chinese(prev) or prev in _HALF, _chinese(nxt) or nxt in _HALF
        if marks_only:
            # A banner's phrases may end with a quotation (“两区两城两高地” 大抓…); a clause mark ends none.
            if prev in "：，、；:,;":
                out.append((i, j))
        # A full-width mark carries its own space (股 （占…, 散热： “概念, 企业 （有限合伙）).
        elif prev in _FULL_MARK or nxt in _FULL_MARK or (left_zh and (right_zh or nxt.isdigit())) \
                or (prev.isdigit() and right_zh):
            out.append((i, j))
    return out


def _block_findings(b: Block, balance: bool = True, latin_brackets: bool = True, spaces: bool = True) -> list[Finding]:
    text = b.text
    credit = inline_credit(text) if b.kind is BlockKind.CAPTION else None
    keep = (credit[0], len(text)) if credit else None
    punct = punctuation_fixes(text, latin_brackets)
    quotes = quote_fixes(text)
    if balance:  # a paragraph cut by a column end nests as one (detect)
        quotes.update(nested_quote_fixes(_quotes_fixed(text, quotes)))
    if keep:
        punct = {i: v for i, v in punct.items() if not keep[0] <= i < keep[1]}
    findings = []
    edits = []
    if punct or quotes:  # most paragraphs have nothing to fix
        edits = [Edit(b.raw_pos(i), b.raw_end(i + n), rep) for i, (n, rep) in sorted(punct.items())]
        edits += [Edit(b.raw_pos(i), b.raw_end(i + 1), rep) for i, rep in sorted(quotes.items())]
    if edits:
        n = len(edits)
        findings.append(Finding(
            FindingKind.PUNCT, tuple(Span(e.start, e.end) for e in sorted(edits)),
            f"本段有 {n} 处半角或误识的标点，改为中文全角标点",
            f"{n} half-width or misread punctuation marks in Chinese text: use full-width ones",
            0.9, tuple(sorted(edits)), details=(("count", str(n)),),
        ))
    gaps = space_fixes(text, keep, marks_only=not spaces)
    if gaps:
        edits = tuple(Edit(b.raw_pos(i), b.raw_end(j), "") for i, j in gaps)
        findings.append(Finding(
            FindingKind.SPACE, tuple(Span(e.start, e.end) for e in edits),
            f"本段有 {len(edits)} 处汉字之间或数字与单位之间的多余空格",
            f"{len(edits)} stray spaces between Chinese characters or a number and its unit",
            0.9, edits, details=(("count", str(len(edits))),),
        ))
    if balance:
        findings += _unbalanced(b, _quotes_fixed(text, quotes))
    return findings


def _quotes_fixed(text: str, quotes: dict[int, str] | None = None) -> str:
    """The text as it reads once its ASCII quotation marks are paired (quotes: quote_fixes(text))."""
    if quotes is None:
        quotes = quote_fixes(text)
    if not quotes:
        return text
    return "".join(quotes.get(i, ch) for i, ch in enumerate(text))


_SENTENCE_START = "。！？：；"
_QUOTE_RE = re.compile("[“”]")
_BRACKET_RE = re.compile("[()（）《》【】]")


# Words that make a clause a question.
_QUESTION = re.compile("什么|怎么|怎样|如何|为何|为什么|哪|谁|多少|是否|能不能|会不会|是不是|有没有|可不可以|吗|呢")


def _question_read_as_quote(text: str, i: int) -> bool:
    """The unpaired ” at i ends a question and a new sentence follows at once
    (真正需要的是什么”这些追问…): OCR read the question mark ？ as ”. A quotation
    that ends a question closes after its own ？ (什么？”)."""
    if i + 1 >= len(text) or not is_cjk(text[i + 1]):
        return False
    k = i
    while k > 0 and text[k - 1] not in "。！？；，：“”":
        k -= 1
    return _QUESTION.search(text, k, i) is not None


def _unbalanced(b: Block, text: str) -> list[Finding]:
    """Quotation marks and brackets that do not pair up within the paragraph."""
    out = []
    depth = 0
    marks = _QUOTE_RE.findall(text)
    # Most paragraphs: none, or pairs one after another (“…”“…”), nothing to report.
    paired = "".join(marks) == "“”" * (len(marks) // 2)
    for m in () if paired else _QUOTE_RE.finditer(text):
        i, ch = m.start(), m.group()
        if ch == "“":
            depth += 1
        elif ch == "”":
            if depth:
                depth -= 1
                continue
            # A closing mark with nothing open: the opening one was lost. It most
            # likely stood at the start of the sentence (or clause after ：) it closes.
            if i == 0:
                out.append(Finding(
                    FindingKind.PUNCT, (Span(b.raw_pos(0), b.raw_end(1)),),
                    "段首的右引号没有对应的左引号，请核对",
                    "a closing quotation mark opens the paragraph: check it",
                    0.4, details=(("problem", "unbalanced-quote"),),
                ))
                continue
            if _question_read_as_quote(text, i):
                out.append(Finding(
                    FindingKind.PUNCT, (Span(b.raw_pos(i), b.raw_end(i + 1)),),
                    "问句末尾的“””是误识的问号，改为“？”",
                    "the ” ending a question is a misread question mark: make it ？",
                    0.6, (Edit(b.raw_pos(i), b.raw_end(i + 1), "？"),), details=(("problem", "question-mark"),),
                ))
                continue
            j = i - 1
            while j > 0 and text[j - 1] in "。！？…":  # the quoted sentence's own end
                j -= 1
            k = j
            while k > 0 and text[k - 1] not in _SENTENCE_START + "”":
                k -= 1
            pos = b.raw_pos(k)
            out.append(Finding(
                FindingKind.PUNCT, (Span(b.raw_pos(k), b.raw_end(i + 1)),),
                "右引号没有对应的左引号：建议在这句话开头补上“",
                "a closing quotation mark has no opening one: insert “ where the sentence starts",
                0.5, (Edit(pos, pos, "“"),), details=(("problem", "unbalanced-quote"),),
            ))
    if depth > 0:
        i = text.rfind("“")
        out.append(Finding(
            FindingKind.PUNCT, (Span(b.raw_pos(i), b.raw_end(i + 1)),),
            "左引号没有对应的右引号，请核对", "an opening quotation mark is never closed: check it",
            0.4, details=(("problem", "unbalanced-quote"),),
        ))
    if _BRACKET_RE.search(text) is None:
        return out  # most paragraphs: no bracket to count
    wide = text.replace("(", "（").replace(")", "）")
    for a, z in ("（）", "《》", "【】"):
        if wide.count(a) != wide.count(z):
            i = max(wide.rfind(a), wide.rfind(z))  # wide keeps text's indices
            out.append(Finding(
                FindingKind.PUNCT, (Span(b.raw_pos(i), b.raw_end(i + 1)),),
                f"括号 {a}{z} 不成对，请核对", f"unbalanced brackets {a}{z}: check them",
                0.4, details=(("problem", "unbalanced-bracket"),),
            ))
    return out


def detect(ctx: PageContext) -> list[Finding]:
    out: list[Finding] = []
    nxt = dict(ctx.joins)
    chained = set(nxt) | set(nxt.values())
    touched = [b for b in ctx.blocks if b.kind in _TOUCHED and b.index not in ctx.removed]
    # Did the page's marks come through half-width (OCR, PDF text)? Then so did its brackets.
    damaged = any(_HALF_RE.search(b.text) and punctuation_fixes(b.text, latin_brackets=False) for b in touched)
    for b in touched:
        out += _block_findings(b, balance=b.index not in chained, latin_brackets=damaged)
    # Titles take full-width marks too (台风如何“搓”出龙卷?); their spaces are
    # the typesetter's (走在前 勇争先) but after a clause mark, and a title's quotation
    # may run on below it.
    for b in ctx.blocks:
        if b.kind in HEADINGS and b.index not in ctx.removed:
            out += _block_findings(b, balance=False, latin_brackets=damaged, spaces=False)
    for head in sorted(set(nxt) - set(nxt.values())):
        chain = [ctx.blocks[head]]
        while chain[-1].index in nxt:
            chain.append(ctx.blocks[nxt[chain[-1].index]])
        para = ctx.joined(chain)
        text = "".join(_quotes_fixed(ctx.text_of(blk.index)) for blk in chain)
        nested = nested_quote_fixes(text)
        if nested:
            edits = tuple(Edit(para.raw_pos(i), para.raw_end(i + 1), rep) for i, rep in sorted(nested.items()))
            out.append(Finding(
                FindingKind.PUNCT, tuple(Span(e.start, e.end) for e in edits),
                f"本段有 {len(edits)} 处引号套引号，内层改为单引号", f"{len(edits)} quotation marks inside a quotation: use single ones",
                0.9, edits, details=(("count", str(len(edits))),),
            ))
        out += _unbalanced(para, text)
    return out
