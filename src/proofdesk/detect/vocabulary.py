"""Page vocabulary: a term the page repeats, misread in one or two places.

A newspaper page repeats its names and terms (厄立特里亚, 厄特孔院, 努里达姆).
When OCR misreads one character of one occurrence (危立特里亚), the page
itself is the best dictionary: the repeated form is right, and the rare one,
which no dictionary knows, is the error.

The rule, on the page's paragraphs as the other fixes join them:
- a term is a run of four to six Chinese characters (no function word such
  as 的/在/与) whose 3-grams all occur at least MIN_TERM times on the page;
- at the variant's place, the changed character stands in no repeated 3-gram,
  a repeated gram of the term stands right beside it (three intact characters
  on one side), and changing that one character makes the term;
- the variant is no dictionary word, and the character forms none with its
  neighbours; inside the term, the other characters make no dictionary word
  of their own (与+湖北+气象, 风险+偏), unless the term is one (厄立特里亚);
- the two characters kept next to it stand there at most MAX_VARIANT times
  with anything else than the term's character (at a word boundary, 的/是/在
  厄立特里亚, many characters do);
- the variant's neighbours are not equal (越看越, a pattern whose middle varies).

Cost: every 3-gram is counted once with C-level regex and Counter work; masks
of repeated grams and Chinese characters are built as bytes, and a bytes regex
finds the candidate places, so only a few hundred places per 100,000
characters reach Python code and the dictionary. Linear in the page length.
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
WINDOW = 30_000   # characters counted together (a printed page holds 3,000-10,000)
# jieba's dictionary holds rare entries (危立, freq 2) that no reader knows; a
# word counts from this frequency on, as in the look-alike detector.
KNOWN = 20
_TRI = re.compile("...", re.S)
_PAIR = re.compile("..", re.S)
# Characters that are words of their own and stand between terms, not in them.
FUNCTION = "的了是在和与及为于对将把被从向也都而就又并或等之其该这那此每各到着过"
_FUNCTION_RE = re.compile("[" + FUNCTION + "]")
_TERM_GRAM = re.compile(r"[^\u0000-\u33ff\u4dc0-\u4dff\ua000-\U0010ffff" + FUNCTION + "]{3}")
# A Chinese character j whose three 3-grams are all rare, beside a repeated
# gram: right after them (the match starts at j - 2) or right before (at j - 3).
# Two matches of either pattern cannot overlap (a rare byte would have to be a
# repeated one), so plain matches find them all, faster than a look-ahead.
# A repeated gram starts with a Chinese character (bit 0 implies bit 1: no
# byte is 1), so each pattern can open with the literal 3, which the regex
# engine finds by a fast scan; the first is matched on the reversed mask.
_RARE_THEN_TERM = re.compile(b"\x03\x02[\x00\x02][\x00\x02]")  # reversed: term, then rare
_TERM_THEN_RARE = re.compile(b"\x03[\x00\x02][\x00\x02]\x02")
_HAN_BYTE = bytes(1 if 0x34 <= i <= 0x9f else 0 for i in range(256))
_TEXT_KINDS = (BlockKind.BODY, BlockKind.BYLINE_BODY, BlockKind.CAPTION, BlockKind.HEADLINE,
               BlockKind.SUBHEAD, BlockKind.KICKER)


class Vocabulary:
    """The page's 3-gram counts, and the places where one character breaks a repeated term."""

    def __init__(self, text: str):
        self.text = text
        # Where the characters are Chinese and no function word (the code
        # point's second byte 0x34-0x9f: a few more than terms hold), one byte each.
        wide = _FUNCTION_RE.sub("\x00", text).encode("utf-32-le")
        chinese = int.from_bytes(wide[1::4].translate(_HAN_BYTE), "little")
        # Where three of them start: only there can a term's 3-gram stand.
        starts = (chinese & chinese >> 8 & chinese >> 16).to_bytes(len(text), "little")
        # All 3-grams as three lists of non-overlapping ones (offsets 0, 1, 2):
        # the regex engine and Counter do the per-character work in C. Only
        # the grams that can be a term's are counted (every occurrence of one is).
        by_offset = [_TRI.findall(text, k) for k in range(3)]
        self.counts = counts = Counter(compress(by_offset[0], starts[0::3]))
        counts.update(compress(by_offset[1], starts[1::3]))  # no joined copy of the three lists
        counts.update(compress(by_offset[2], starts[2::3]))
        # Terms are Chinese and hold no function word (的厄立特里亚 is 的 + a term).
        # (A comprehension over the items is faster than filtering the counts in C
        # with a bound method called per count.)
        frequent = {g for g, c in counts.items() if c >= MIN_TERM and _TERM_GRAM.fullmatch(g)}
        self._frequent = frequent
        # The first (0) or last (2) characters of the frequent grams, by the
        # two characters those grams keep when that one is changed.
        keys: tuple[dict[str, set[str]], dict[str, set[str]]] = ({}, {})
        k0, k2 = keys
        for f in frequent:
            k0.setdefault(f[1:], set()).add(f[0])
            k2.setdefault(f[:2], set()).add(f[2])
        self._keys = keys
        # mask[i]: bit 0 where the 3-gram starting at i is a repeated term gram,
        # bit 1 where the character at i is Chinese and no function word.
        mask = bytearray(len(text))
        for k, grams in enumerate(by_offset):
            mask[k:k + 3 * len(grams):3] = bytes(map(frequent.__contains__, grams))
        self._mask = (int.from_bytes(mask, "little") | chinese << 1).to_bytes(len(text), "little")

    def candidates(self) -> list[tuple[int, str, int]]:
        """(index, the term's character, its place in the changed 3-gram) where
        the three 3-grams holding the character are rare, a repeated gram
        stands right beside them, and one change of that character makes a
        repeated gram: a term misread once."""
        text, mask, (k0, k2) = self.text, self._mask, self._keys
        # With the repeated gram on the right (at j + 1) the term runs through j
        # only if the gram starting at j becomes a repeated one (j is its first
        # character); on the left (ending at j - 1), the gram ending at j.
        # A function word before or after a term is a word of its own (与千行百业):
        # the mask leaves them out, with everything that is not Chinese.
        out = []
        n = len(mask)
        # (j, the two characters kept next to it) for each pattern's matches.
        after = [(j, text[j + 1:j + 3]) for j in [n - 2 - m.start() for m in _RARE_THEN_TERM.finditer(mask[::-1])]]
        before = [(j, text[j - 2:j]) for j in [m.start() + 3 for m in _TERM_THEN_RARE.finditer(mask)]]
        for p, index, places in ((0, k0, after), (2, k2, before)):
            for j, kept in places:
                found = index.get(kept)  # the characters that make a repeated gram there
                if not found:
                    continue
                here = text[j]
                # Two different terms at one distance: no telling which.
                if len(found) == 1:
                    if here not in found:
                        out.append((j, next(iter(found)), p))
                elif len(found) == 2 and here in found:
                    out.append((j, next(c for c in found if c != here), p))
        return sorted(out)

    def fixes(self) -> list[tuple[int, str, str, str]]:
        """(index, old character, new character, term) for the misread terms of the text."""
        from proofdesk.words import freq, word_at

        text = self.text
        finalists = []
        for j, new, p in self.candidates():
            # The cheap tests first: most candidates lie in a dictionary word.
            if word_at(text, j, KNOWN):  # 扩 in 的扩展: a word of its own
                continue
            if text[j - 1:j] == text[j + 1:j + 2]:
                continue  # 越看越, 一步一: a pattern whose middle varies freely
            lo, hi = self._term(text, j, new)
            # Four characters or more: one repeated 3-gram alone may be a
            # coincidence of common characters (银保监会 beside 证监会).
            if hi - lo < 4:
                continue
            if not _lexical(text, j, lo, hi, new) and (_word_beside(text, j, lo, hi, freq)
                                                      or _composed(text, j, lo, hi)):
                continue
            if freq(text[j - p:j - p + 3]) < KNOWN:
                finalists.append((j, new, p, lo, hi))
        if not finalists:
            return []
        # The two kept characters must belong to the term: wherever they stand
        # so on the page, the term's character stands next to them, at most
        # MAX_VARIANT times something else. At a word boundary many characters
        # do (的/是/在 厄立特里亚), and nothing is proposed.
        kept = [text[j + 1:j + 3] if p == 0 else text[j - 2:j] for j, _new, p, _lo, _hi in finalists]
        totals = self._bigram_counts(set(kept))
        out = []
        for (j, new, p, lo, hi), pair in zip(finalists, kept):
            term = new + pair if p == 0 else pair + new
            if totals[pair] - self.counts.get(term, 0) <= MAX_VARIANT:
                out.append((j, text[j], new, text[lo:j] + new + text[j + 1:hi]))
        return out

    def _bigram_counts(self, pairs: set[str]) -> dict[str, int]:
        """How often each pair of characters stands on the page (one scan per
        pair for a few, one count of every bigram for many: linear either way)."""
        if len(pairs) * len(self.text) <= 20_000_000:
            return {pair: self.text.count(pair) for pair in pairs}
        every = Counter(_PAIR.findall(self.text) + _PAIR.findall(self.text, 1))
        return {pair: every[pair] for pair in pairs}

    def _term(self, text: str, j: int, new: str) -> tuple[int, int]:
        """The longest run (up to 6 characters, as text indices) around j whose
        3-grams all repeat once j reads new; (j, j) when there is none."""
        lo_txt = max(0, j - 5)
        fixed = text[lo_txt:j] + new + text[j + 1:j + 6]
        k = j - lo_txt
        frequent = self._frequent  # grams of three: a shorter slice is never in it
        starts = [a for a in range(max(0, k - 2), k + 1) if fixed[a:a + 3] in frequent]
        if not starts:
            return j, j
        lo, hi = starts[0], starts[0] + 3
        while hi < len(fixed) and hi - lo < 6 and fixed[hi - 2:hi + 1] in frequent:
            hi += 1
        while lo > 0 and hi - lo < 6 and fixed[lo - 1:lo + 2] in frequent:
            lo -= 1
        return (lo + lo_txt, hi + lo_txt) if lo <= k < hi else (j, j)


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


def windows(texts: list[str]) -> list[tuple[int, int]]:
    """(first, last + 1) runs of consecutive texts of about WINDOW characters.

    A printed page holds far fewer; a text file that holds many pages is read
    a page's worth at a time, so the work per character stays the same however
    long the file is (the counts stay small), and terms are the page's own."""
    out, first, size = [], 0, 0
    for k, t in enumerate(texts):
        if size and size + len(t) > WINDOW:
            out.append((first, k))
            first, size = k, 0
        size += len(t) + 1
    if first < len(texts):
        out.append((first, len(texts)))
    return out


def fixes_in(texts: list[str]) -> list[tuple[int, int, str, str, str]]:
    """(text number, index in it, old, new, term) over texts, window by window."""
    out = []
    for first, last in windows(texts):
        starts, pos = [], 0
        for t in texts[first:last]:  # where each text stands in the joined window
            starts.append(pos)
            pos += len(t) + 1
        for j, old, new, term in Vocabulary("\n".join(texts[first:last])).fixes():
            k = bisect_right(starts, j) - 1
            out.append((first + k, j - starts[k], old, new, term))
    return out


def detect(ctx: PageContext) -> list[Finding]:
    blocks = page_text(ctx)
    out = []
    for k, i, old, new, term in fixes_in([b.text for b in blocks]):
        b = blocks[k]
        start, end = b.raw_pos(i), b.raw_end(i + 1)
        wrong = b.text[max(0, i - 2):i + 3]
        out.append(Finding(
            FindingKind.CHAR, (Span(start, end),),
            f"本页多次出现“{term}”，此处“{wrong}”中的“{old}”疑为“{new}”（识别错误）",
            f"the page repeats {term}; {old} in {wrong} is likely a misread {new}",
            CONFIDENCE, (Edit(start, end, new),),
            details=(("from", old), ("to", new), ("term", term)),
        ))
    return out
