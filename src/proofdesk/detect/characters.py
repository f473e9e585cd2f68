"""Character errors: look-alike characters that OCR confuses, and known omissions.

For a Chinese look-alike pair (人/入, 己/已, 未/末, 候/侯 ...) the reading that
forms a dictionary word is proposed only when the written one does not, and
jieba's dictionary makes the other reading clearly likelier. Kana and Latin
letters that look like Chinese characters or digits are replaced when they
stand among Chinese characters or digits. Everything is decided on a few
characters around each candidate, so long pages stay fast.
"""
from __future__ import annotations

import re
from functools import lru_cache

from proofdesk.detect.context import PageContext
from proofdesk.findings import Edit, Finding, FindingKind, Span
from proofdesk.page.blocks import BlockKind
from proofdesk.page.classify import CJK
from proofdesk.words import best_route, dictionary, freq, logprob, spans_word, word_at

# Chinese look-alikes: written -> possible intended readings.
PAIRS = {
    "人": "入", "入": "人", "己": "已巳", "已": "己", "巳": "已己", "未": "末", "末": "未",
    "候": "侯", "侯": "候", "土": "士", "士": "土", "千": "干", "戊": "戌戍",
    "戌": "戊戍", "戍": "戊戌", "汩": "汨", "汨": "汩", "刺": "剌", "剌": "刺",
    # shapes OCR confuses in print: 自前 -> 目前, 干分 -> 十分, 令年 -> 今年
    "自": "目", "目": "自", "干": "十千于", "十": "干千", "于": "干", "今": "令", "令": "今",
    # tesseract's misreadings on our typeset pages (written -> gold), those of
    # alike shapes seen three times or more over 178 pages that a word here
    # corrects (泰铁 -> 泰铢, 履盖 -> 覆盖, 措建 -> 搭建, 时闻 -> 时间); one way
    # only, as seen, and none whose written character is so common (资, 温,
    # 者, 平) that asking at each would cost more than the few it mends.
    "履": "覆", "铁": "铢", "党": "尝", "措": "搭", "酒": "洒", "蔷": "蓄", "闹": "闸", "闻": "间",
    "署": "暑", "谱": "谚", "硕": "砺",
}
# Kana and symbols that OCR puts in place of Chinese characters.
KANA = {"カ": "力", "エ": "工", "ロ": "口", "ニ": "二", "ト": "卜", "タ": "夕", "ハ": "八",
        "ー": "一", "へ": "乀", "ク": "勹", "二": "二", "〇": "〇"}
KANA = {k: v for k, v in KANA.items() if k != v and v not in "乀勹"}
_KANA_RE = re.compile("[" + "".join(KANA) + "]")
_PAIR_RE = re.compile("[" + "".join(PAIRS) + "]")
# Latin letters inside numbers: 2O24年, l2月.
_DIGIT_RE = re.compile(r"(?<=\d)[OolI](?![A-Za-z])|[Oo](?=\d{2,})|[lI](?=\d[年月日号])")
_DIGIT_MAP = {"O": "0", "o": "0", "l": "1", "I": "1"}
# AI with its capital I read as a small l: no word of Chinese news writes Al alone
# (aluminium comes with a number, Al2O3; Alpha is a longer word).
_AI_RE = re.compile(r"(?<![A-Za-z0-9])Al(?![A-Za-z0-9])")
# Context rules for confusions a word list alone cannot settle.
RULES = (
    # a direction after a place is an entrance (入口), never a population (人口)
    (re.compile(r"(?<=[路街道桥站馆园场区门楼厦场院校])([东南西北]侧?)人(?=口)"), "入", "人口→入口：地点方位后应为“入口”",
     "人口 -> 入口: after a place and a direction it is an entrance"),
    (re.compile(r"人口处"), "入口处", "“人口处”应为“入口处”", "人口处 -> 入口处 (entrance)"),
    # 党的十八大/十九大/二十大: the 大 is often lost
    (re.compile(r"(?<=党的)(十[一二三四五六七八九]|二十)(?=以来|精神|报告|代表|召开|提出|强调|作出)"), None,
     "“党的十X以来”缺“大”字", "missing 大 in 党的十X大"),
)
# Text every match of RULES holds, in order: a substring test skips most blocks
# faster than a pattern that starts with a look-behind scans them.
_RULE_NEEDS = ("人口", "人口", "党的")
assert len(_RULE_NEEDS) == len(RULES)
# Letters that _DIGIT_RE replaces: without one, the block has no match.
_DIGIT_LETTER = re.compile("[OolI]")
_TEXT_KINDS = (BlockKind.BODY, BlockKind.BYLINE_BODY, BlockKind.CAPTION, BlockKind.HEADLINE,
               BlockKind.SUBHEAD, BlockKind.KICKER)
# A function word read twice (的的, 了了) is a scanning stutter; real doubled words
# (常常, 看看) are content words and never match this.
_STUTTER = re.compile(r"([的了是在和与及])\1(?!\1)")
# U+FFFD: bytes the extraction could not decode. Only a proofreader can restore them.
_GARBLED = re.compile("\ufffd+")
# 和 that tesseract inserts between the halves of a word (天和气, 李和白,
# 预和警). It goes only when the text reads far likelier without it: on the
# 638 times 和 stands in the corpus articles and our pages' gold text, taking
# it out gains at most 5.7 (党员和干部); the inserted ones gain 9.9 or more.
# (An inserted 人, as in 人台风, gains no more than a real one: it stays.)
STRAY_GAIN = 8.0
_AND = re.compile("和")
WIN = 4
MIN_GAIN = 3.0
# 己 and 末 almost never stand alone in modern text, while 已 and 未 often do
# (合作己持续 -> 合作已持续), so a lone 己/末 may become a lone 已/未.
ALONE_OK = {"己": "已", "末": "未"}


def _token_at(spans, i):
    for s, e in spans:
        if s <= i < e:
            return s, e
    return i, i + 1


def _known(text: str, s: int, e: int, k: int) -> bool:
    """Is text[s:e] a known word, or does a common word inside it hold position k?"""
    if freq(text[s:e]) >= 20:
        return True
    return any(freq(text[a:a + n]) >= 100 for n in (2, 3) for a in range(max(s, k - n + 1), min(k, e - n) + 1))


def _in_common_word(text: str, i: int) -> bool:
    """text[i] already makes a common two-character word with a neighbour (十分, 人民),
    and no look-alike makes a word as common on either side (投人机制: 投入 beats 人机)."""
    # Asked at every look-alike on the page, and most stand in the same few
    # words (时间, 党员, 平台): the answer is kept per character and neighbours.
    return _common_around(text[i - 1:i + 2] if i else "\n" + text[:2])


@lru_cache(maxsize=65536)
def _common_around(tri: str) -> bool:
    """_in_common_word for tri[1] between its neighbours (a newline where it has none)."""
    table = dictionary()
    c = tri[1]
    left, right = tri[:2], tri[1:3]
    has_right = len(right) == 2
    f_left = table.get(left, 0) or 0
    f_right = (table.get(right, 0) or 0) if has_right else 0
    best = f_left if f_left > f_right else f_right
    if best < 100:
        return False
    for alt in PAIRS[c]:
        if (table.get(left.replace(c, alt), 0) or 0) >= best:
            return False
        if has_right and (table.get(right.replace(c, alt), 0) or 0) >= best:
            return False
    return True


def _better_reading(text: str, i: int) -> tuple[str, float] | None:
    """(alt, gain) when replacing text[i] makes a clearly likelier word."""
    c = text[i]
    if _in_common_word(text, i):
        return None  # cheap: the written reading is a word, leave it (and skip the costly look-ups)
    lo, hi = max(0, i - WIN), min(len(text), i + WIN + 1)
    win, k = text[lo:hi], i - lo
    best = None
    for alt in PAIRS[c]:
        cand = win[:k] + alt + win[k + 1:]
        lone = ALONE_OK.get(c) == alt
        # Cheap gate: some dictionary word of 2-4 chars must contain the new character.
        if not lone and not word_at(cand, k):
            continue
        lp0, spans0 = best_route(win)
        lp1, spans1 = best_route(cand)
        s1, e1 = _token_at(spans1, k)
        s0, e0 = _token_at(spans0, k)
        new_word, old_word = cand[s1:e1], win[s0:e0]
        if lone and e1 - s1 == 1 and e0 - s0 == 1:
            pass  # a lone bound character for a lone free one
        elif e1 - s1 < 2 or not _known(cand, s1, e1, k):
            continue
        if e0 - s0 >= 2 and freq(old_word) * 50 > freq(new_word):
            continue
        gain = lp1 - lp0
        if gain >= MIN_GAIN and (best is None or gain > best[1]):
            best = (alt, gain)
    return best


def _stray_and(t: str, seen: set[int]) -> list[int]:
    """Places of a 和 that splits a word (STRAY_GAIN), not at either end of t."""
    # Without a word across the gap the 和 leaves, taking it out gains no more
    # than 和's own cost in jieba's route (about 5): the cheap test goes first.
    return [i for i in (m.start() for m in _AND.finditer(t, 1, len(t) - 1))
            if i not in seen and spans_word(t[max(0, i - 3):i], t[i + 1:i + 4])
            and logprob(t[max(0, i - WIN):i] + t[i + 1:i + 1 + WIN]) - logprob(t[max(0, i - WIN):i + 1 + WIN]) > STRAY_GAIN]


def _finding(b, s: int, old: str, new: str, zh: str, en: str, conf: float) -> Finding:
    """A fix of old (at text index s of block b) to new, as one edit over the
    characters that change only: in a paragraph joined across a column cut the
    two sides of a match lie apart in the raw text, with a caption between
    them (的 | 的, 西人 | 口处), and an edit over the whole match would take it."""
    p = 0
    while p < min(len(old), len(new)) and old[p] == new[p]:
        p += 1
    q = 0
    while q < min(len(old), len(new)) - p and old[-1 - q] == new[-1 - q]:
        q += 1
    start, end = b.raw_pos(s + p), b.raw_end(s + len(old) - q)
    if len(old) - q == p:  # an insertion: at the raw position of what follows
        start = end = b.raw_pos(s + p)
    return Finding(FindingKind.CHAR, (Span(start, end),), zh, en, conf, (Edit(start, end, new[p:len(new) - q]),),
                   details=(("from", old), ("to", new)))


def detect(ctx: PageContext) -> list[Finding]:
    out: list[Finding] = []
    for b in ctx.paragraphs():  # joined halves as one text: 对自 | 已说 is one word across the cut
        if b.kind not in _TEXT_KINDS:
            continue
        t = b.text
        seen: set[int] = set()
        for (rx, repl, zh, en), needs in zip(RULES, _RULE_NEEDS):
            if needs not in t:
                continue
            for m in rx.finditer(t):
                if repl is None:  # insertion of a lost character
                    pos = b.raw_end(m.end())
                    out.append(Finding(FindingKind.CHAR, (Span(b.raw_pos(m.start()), pos),), zh, en, 0.85,
                                       (Edit(pos, pos, "大"),), details=(("from", ""), ("to", "大"))))
                    seen.add(m.end())
                    continue
                s = m.end(1) if m.groups() else m.start()
                old = t[s:s + len(repl)] if m.groups() else m.group()
                new = repl
                out.append(_finding(b, s, old, new, zh, en, 0.8))
                seen.update(range(s, s + len(old)))
        for m in _STUTTER.finditer(t):
            i, c = m.start(), m.group(1)
            # 实实在在 (AABB), 标的的 (标的 + 的): a doubled character that belongs to words
            if t[max(0, i - 1):i] == c or (i >= 2 and t[i - 2] == t[i - 1]) or freq(t[max(0, i - 1):i + 1]) > 0:
                continue
            out.append(_finding(b, i, c + c, c, f"“{c}”重复了一次（扫描重影），删去一个", f"{c} read twice; keep one", 0.7))
        for i in _stray_and(t, seen) if "和" in t else ():
            out.append(_finding(b, i, "和", "", "多出的“和”（识别插入），删去", "A stray 和 the OCR inserted: delete it", 0.75))
        for m in _GARBLED.finditer(t) if "\ufffd" in t else ():
            out.append(Finding(FindingKind.CHAR, (Span(b.raw_pos(m.start()), b.raw_end(m.end())),),
                               "无法识别的乱码字符，请对照原件补全", "Undecodable characters: check the scan",
                               0.9, details=(("problem", "garbled"),)))
        for m in _KANA_RE.finditer(t):
            i = m.start()
            near = t[max(0, i - 2):i] + t[i + 1:i + 3]
            if re.search(f"[{CJK}]", near) and not re.search("[\u3041-\u30ff]", near):
                c = m.group()
                out.append(_finding(b, i, c, KANA[c], f"日文假名“{c}”应为汉字“{KANA[c]}”",
                                    f"Kana {c} should be the Chinese {KANA[c]}", 0.9))
        for m in _DIGIT_RE.finditer(t) if _DIGIT_LETTER.search(t) else ():
            i, c = m.start(), m.group()
            out.append(_finding(b, i, c, _DIGIT_MAP[c], f"数字中的字母“{c}”应为“{_DIGIT_MAP[c]}”",
                                f"Letter {c} inside a number should be {_DIGIT_MAP[c]}", 0.85))
        for m in _AI_RE.finditer(t) if "Al" in t else ():
            out.append(_finding(b, m.start(), "Al", "AI", "字母“Al”应为“AI”（人工智能）",
                                "Al should be AI (artificial intelligence)", 0.85))
        for m in _PAIR_RE.finditer(t):
            i = m.start()
            if i in seen:
                continue
            better = _better_reading(t, i)
            if better:
                alt, gain = better
                c = t[i]
                word = t[max(0, i - 1):i + 2]
                out.append(_finding(
                    b, i, c, alt, f"形近字：“{c}”疑为“{alt}”（{word}）", f"Look-alike: {c} is likely {alt} ({word})",
                    min(0.95, 0.6 + gain / 40)))
    return out
