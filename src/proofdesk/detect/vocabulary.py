"""Page vocabulary: a term the page repeats, misread once or twice.

A newspaper page repeats its names and terms (厄立特里亚, 孔子学院, 努里达姆).
When OCR misreads one character of one occurrence (危立特里亚), the page
itself is the best dictionary: the frequent form is right and the rare one,
which no dictionary knows, is the error.

The rule, on the page's paragraphs:
- a term is a CJK n-gram that occurs at least MIN_TERM times (every repeated
  term of 3-6 characters, and every dictionary word of that length, contains
  such a 3-gram);
- a variant differs from it in exactly one character, occurs once or twice,
  and is no dictionary word;
- at the variant's place the changed character stands in no repeated 3-gram
  and in no dictionary word with its neighbours: a real variant (城市的发展
  beside 市场发展) sits in common phrases (的发展) or words, an OCR error in
  none;
- a longer stretch around it must agree with the term's other occurrences
  (危立特里亚 against 厄立特里亚), so a mere three-character coincidence is
  not enough.

Only 3-grams are counted (one pass of C-level regex and Counter work), and
only the few candidates reach the dictionary, so the work is linear in the
page length.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from itertools import compress

from proofdesk.detect.context import PageContext
from proofdesk.findings import Edit, Finding, FindingKind, Span
from proofdesk.page.blocks import BlockKind

MIN_TERM = 3      # occurrences that make a term
MAX_VARIANT = 2   # occurrences a misreading may have
CONFIDENCE = 0.6
# jieba's dictionary holds rare entries (危立, freq 2) that no reader knows; a
# word counts from this frequency on, as in the look-alike detector.
KNOWN = 20
_TRI = re.compile("...", re.S)
# Characters that are words of their own and stand between terms, not in them.
FUNCTION = "的了是在和与及为于对将把被从向也都而就又并或等之其"
_FUNCTION_RE = re.compile("[" + FUNCTION + "]")
_TERM_GRAM = re.compile(r"[^\u0000-\u33ff\u4dc0-\u4dff\ua000-\U0010ffff" + FUNCTION + "]{3}")
# A Chinese character j whose three 3-grams are all rare, beside a repeated
# gram: right after them (the match starts at j - 2) or right before (at j - 3).
_RARE_THEN_TERM = re.compile(b"(?=[\x00\x02][\x00\x02][\x02][\x01\x03])")
_TERM_THEN_RARE = re.compile(b"(?=[\x01\x03][\x00\x02][\x00\x02][\x02])")
_HAN_BYTE = bytes(1 if 0x34 <= i <= 0x9f else 0 for i in range(256))
_TEXT_KINDS = (BlockKind.BODY, BlockKind.BYLINE_BODY, BlockKind.CAPTION, BlockKind.HEADLINE,
               BlockKind.SUBHEAD, BlockKind.KICKER)


class Vocabulary:
    """The page's 3-gram counts, and the places where one character breaks a repeated term."""

    def __init__(self, text: str):
        self.text = text
        self._key_counts: dict[tuple[int, str], int] = {}
        # All 3-grams as three lists of non-overlapping ones (offsets 0, 1, 2):
        # the regex engine and Counter do the per-character work in C.
        by_offset = [_TRI.findall(text, k) for k in range(3)]
        self.counts = counts = Counter(by_offset[0] + by_offset[1] + by_offset[2])
        # Terms are Chinese and hold no function word (的厄立特里亚 is 的 + a term).
        repeated = compress(counts, map((MIN_TERM - 1).__lt__, counts.values()))  # in C
        frequent = set(filter(_TERM_GRAM.fullmatch, repeated))
        self._frequent = frequent
        # Frequent grams by the two characters they keep when their first (0)
        # or last (2) character is changed.
        keys: tuple[dict[str, set[str]], dict[str, set[str]]] = ({}, {})
        for f in frequent:
            keys[0].setdefault(f[1:], set()).add(f)
            keys[1].setdefault(f[:2], set()).add(f)
        self._keys = keys
        # mask[i]: bit 0 where the 3-gram starting at i is a repeated term gram,
        # bit 1 where the character at i is Chinese and no function word.
        mask = bytearray(len(text))
        for k, grams in enumerate(by_offset):
            mask[k:k + 3 * len(grams):3] = bytes(map(frequent.__contains__, grams))
        wide = _FUNCTION_RE.sub("\x00", text).encode("utf-32-le")
        chinese = wide[1::4].translate(_HAN_BYTE)  # the code point's second byte: 0x34-0x9f
        self._mask = (int.from_bytes(mask, "little") | int.from_bytes(chinese, "little") << 1).to_bytes(
            len(text), "little")

    def is_frequent(self, gram: str) -> bool:
        return gram in self._frequent

    def candidates(self) -> list[tuple[int, str, int]]:
        """(index, the term's character, its place in the changed 3-gram) where the three 3-grams holding the
        character are rare, a repeated gram stands right beside them, and one
        change of that character makes a repeated gram: a term misread once."""
        text, mask, (k0, k2) = self.text, self._mask, self._keys
        # With the repeated gram on the right (at j + 1) the term runs through j
        # only if the gram starting at j becomes a repeated one (j is its first
        # character); on the left (ending at j - 1), the gram ending at j.
        # A function word before or after a term is a word of its own (与千行百业):
        # the mask leaves them out, with everything that is not Chinese.
        out = []
        for p, index, rx in ((0, k0, _RARE_THEN_TERM), (2, k2, _TERM_THEN_RARE)):
            for m in rx.finditer(mask):
                j = m.start() + 2 + p // 2
                terms = index.get(text[j + 1:j + 3] if p == 0 else text[j - 2:j])
                if not terms:
                    continue
                found = {f[p] for f in terms}
                found.discard(text[j])
                if len(found) == 1:  # two different terms at one distance: no telling which
                    out.append((j, found.pop(), p))
        return sorted(out)

    def fixes(self) -> list[tuple[int, str, str, str]]:
        """(index, old character, new character, term) for the misread terms of the text."""
        from proofdesk.words import freq

        text = self.text
        out: list[tuple[int, str, str, str]] = []
        for j, new, p in self.candidates():
            lo, hi = self._term(text, j, new)
            # Four characters or more: one repeated 3-gram alone may be a
            # coincidence of common characters (银保监会 beside 证监会).
            if hi - lo < 4 or _in_word(text, j, freq):
                continue
            if text[j - 1:j] == text[j + 1:j + 2]:
                continue  # 越看越, 一步一: a pattern whose middle varies freely
            if not _lexical(text, j, lo, hi, new) and (_word_beside(text, j, lo, hi, freq)
                                                      or _composed(text, j, lo, hi)):
                continue
            gram = text[j - p:j - p + 3]
            if freq(gram) >= KNOWN or not self._owned(gram, p, new):
                continue
            out.append((j, text[j], new, text[lo:j] + new + text[j + 1:hi]))
        return out

    def _owned(self, gram: str, p: int, new: str) -> bool:
        """The two kept characters belong to the term: wherever they stand so
        on the page (anything at p), the term's character fills p, at most
        MAX_VARIANT times something else. At a word boundary many characters
        fill p (的/是/在 厄立特里亚) and nothing is proposed."""
        key = (p, gram[:p] + gram[p + 1:])
        total = self._key_counts.get(key)
        if total is None:
            kept = key[1]
            if p == 0:
                total = self.text.count(kept) - self.text.startswith(kept)
            elif p == 2:
                total = self.text.count(kept) - self.text.endswith(kept)
            else:
                total = len(re.findall(re.escape(kept[0]) + "." + re.escape(kept[1]), self.text))
            self._key_counts[key] = total
        term = gram[:p] + new + gram[p + 1:]
        return total - self.counts.get(term, 0) <= MAX_VARIANT

    def _term(self, text: str, j: int, new: str) -> tuple[int, int]:
        """The longest run (up to 6 characters, as text indices) around j whose
        3-grams all repeat once j reads new; (j, j) when there is none."""
        lo_txt = max(0, j - 5)
        fixed = text[lo_txt:j] + new + text[j + 1:j + 6]
        k = j - lo_txt
        starts = [a for a in range(max(0, k - 2), k + 1) if a + 3 <= len(fixed) and self.is_frequent(fixed[a:a + 3])]
        if not starts:
            return j, j
        lo, hi = starts[0], starts[0] + 3
        while hi < len(fixed) and hi - lo < 6 and self.is_frequent(fixed[hi - 2:hi + 1]):
            hi += 1
        while lo > 0 and hi - lo < 6 and self.is_frequent(fixed[lo - 1:lo + 2]):
            lo -= 1
        return (lo + lo_txt, hi + lo_txt) if lo <= k < hi else (j, j)


def _in_word(text: str, j: int, freq) -> bool:
    """The character at j makes a dictionary word with its neighbours (扩 in 的扩展)."""
    for n in (2, 3, 4):
        for a in range(max(0, j - n + 1), j + 1):
            w = text[a:a + n]
            if len(w) == n and freq(w) >= KNOWN:
                return True
    return False


def _word_beside(text: str, j: int, lo: int, hi: int, freq) -> bool:
    """Inside the term lo..hi, a dictionary word ends right before j or starts
    right after it (书记 in 副书记, 负责 in 负责的): the variant reads as a word
    and a character of its own. (日前 before 危立特里亚 is outside the term.)"""
    for n in (2, 3, 4):
        if j - n >= lo and freq(text[j - n:j]) >= KNOWN:
            return True
        if j + 1 + n <= hi and freq(text[j + 1:j + 1 + n]) >= KNOWN:
            return True
    return False


def _lexical(text: str, j: int, lo: int, hi: int, new: str) -> bool:
    """Once fixed, j lies in a dictionary word of three characters or more
    (厄立特里亚): the term is one word, whatever pieces of other words it holds (特里)."""
    from proofdesk.words import best_route, freq

    fixed = text[lo:j] + new + text[j + 1:hi]
    k = j - lo
    _, spans = best_route(fixed)
    for s, e in spans:
        if s <= k < e and e - s >= 3 and freq(fixed[s:e]) >= KNOWN:
            # …unless its other characters make a word already (公安 of 公安局
            # beside 公安交管): then the changed one is a word choice.
            return freq(fixed[s:k] + fixed[k + 1:e]) < KNOWN if k in (s, e - 1) else True
    return False


def _composed(text: str, j: int, lo: int, hi: int) -> bool:
    """The rest of the term reads as dictionary words (与+湖北+气象, 风险+偏):
    then the term is a phrase, and its varying character is a word choice. A
    name or an abbreviation (厄立特里亚, 厄特孔院) is made of no known words."""
    from proofdesk.words import freq

    for part in (text[lo:j], text[j + 1:hi]):
        for n in range(2, len(part) + 1):
            if any(freq(part[a:a + n]) >= KNOWN for a in range(len(part) - n + 1)):
                return True
    return False


def page_text(ctx: PageContext) -> list:
    return [b for b in ctx.paragraphs() if b.kind in _TEXT_KINDS]


def detect(ctx: PageContext) -> list[Finding]:
    blocks = page_text(ctx)
    starts, pos = [], 0
    for b in blocks:  # where each block stands in the joined text
        starts.append(pos)
        pos += len(b.text) + 1
    out = []
    for j, old, new, term in Vocabulary("\n".join(b.text for b in blocks)).fixes():
        k = bisect_right(starts, j) - 1
        b, i = blocks[k], j - starts[k]
        start, end = b.raw_pos(i), b.raw_pos(i + 1)
        wrong = b.text[max(0, i - 2):i + 3]
        out.append(Finding(
            FindingKind.CHAR, (Span(start, end),),
            f"本页多次出现“{term}”，此处“{wrong}”中的“{old}”疑为“{new}”（识别错误）",
            f"the page repeats {term}; {old} in {wrong} is likely a misread {new}",
            CONFIDENCE, (Edit(start, end, new),),
            details=(("from", old), ("to", new), ("term", term)),
        ))
    return out


def correct_text(text: str) -> str:
    """text with every vocabulary fix applied (for text a reading-order fix rebuilds).

    The repeated terms are counted in text itself, so pass the whole page."""
    fixes = Vocabulary(text).fixes()
    if not fixes:
        return text
    chars = list(text)
    for j, _old, new, _term in fixes:
        chars[j] = new
    return "".join(chars)
