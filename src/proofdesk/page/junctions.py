"""How well one printed line continues another: the junction scores that the
column rebuilding (page/columns.py, page/rows.py) weighs, as log-likelihood
ratios measured on labelled pages."""
from __future__ import annotations

import sys
from collections import Counter

from proofdesk.page.blocks import Line
from proofdesk.page.reflow import OPENERS, ends_sentence, line_width
from proofdesk.words import route_pass, total_log

# How much more often than chance a pair must occur to count as a page term.
PAIR_LIFT = 8.0


# Log-likelihood ratios, true successor against any other line one to five
# lines down, measured on 40 tesseract pages interleaved line by line
# (tests/ocr/ocr_pages.py --interleave, seeds 100-139; 1,841 true and 7,689
# false pairs). "Short" is a line narrower than the column: an indented
# first line (OCR drops the indent) or a paragraph's last line.
AFTER_END = {(True, True): 1.35, (False, True): 1.45, (True, False): 0.65, (False, False): -0.9}
# Mid-sentence: (a dictionary word across the junction, the junction's pair is a page term).
MID = {("across", True): 4.1, ("across", False): 2.3, ("spans", True): 2.0, ("spans", False): 0.0,
       ("none", True): 2.8, ("none", False): -0.55}


def _final_scores() -> dict[tuple[bool, bool], tuple[float, ...]]:
    """What a mid-sentence junction scores, MID with the next line's penalties
    taken off (a short line: 0.4, one opening with “: 0.8, in that order: the
    same floats as taking them off each time), in the order (none, spans,
    across) x (pair not a term, a term); by (short, opens with “)."""
    out = {}
    for short in (False, True):
        for quote in (False, True):
            vals = []
            for word in ("none", "spans", "across"):
                for term in (False, True):
                    v = MID[word, term]
                    if short:
                        v -= 0.4
                    vals.append(v - 0.8 if quote else v)
            out[short, quote] = tuple(vals)
    return out


_FINAL = _final_scores()


def continuity(a: Line, b: Line, width: float, pairs: PagePairs | None = None) -> float:
    """How well b continues a in the same column, as a log-likelihood ratio
    (about 0 when the evidence says nothing, negative against)."""
    return scorer([a, b], width, pairs)(0, 1)


def scorer(seq: list[Line], width: float, pairs: PagePairs | None = None, every_line: bool = False):
    """score(x, y): how well line y continues line x of seq in the same column.

    After a finished sentence the column goes on with a new paragraph: an
    opening quote or an indented (short) line; a short line that ends a
    sentence is a paragraph's last line instead (AFTER_END). Mid-sentence
    (MID): a dictionary word across the junction (jieba's segmentation only
    where some word spans), a pair that is a page term. A short line
    mid-sentence is rarely the next line: it starts a paragraph (indented) or
    is a heading. Nor is one that opens a quotation: in the corpus articles set
    in columns of 14-20 ems, 0.8% of the lines that go on with a sentence open
    with “ against 1.8% of all lines (on the tesseract pages the two rates
    hardly differ, so the tables leave quotes out).

    What score learns from each line alone (its end, width, first and last
    characters, the ends of words its last characters start, the route of
    jieba's segmentation over its first four characters) is found once per
    line, when first asked (searches ask about many junctions of the same
    lines), or of every line at once with every_line (a search that asks
    about all: each step over all lines at a time, which keeps the
    dictionary's and the caches' look-ups apart, is the faster)."""
    from proofdesk.words import dictionary

    table = dictionary()
    get, has = table.get, table.__contains__
    logtotal = total_log()
    limit = width - 1.4
    is_term = pairs.is_term if pairs is not None else None
    facts: list[tuple | None] = _learn([ln.text for ln in seq], limit, has) if every_line else [None] * len(seq)
    after: list[list[float] | None] = [None] * len(seq)  # route values over a line's first four characters

    def learn(i: int) -> tuple:
        t = seq[i].text
        ends = ends_sentence(t)
        facts[i] = f = _facts(t, ends, line_width(t) <= limit, () if ends else _frags(t, has))
        return f

    def score(x: int, y: int) -> float:
        fx = facts[x] or learn(x)
        fy = facts[y] or learn(y)
        if fx[0]:
            return fy[1]
        word = 0  # none
        for frag in fx[2]:
            # spans_word: a word over the junction, using up to three
            # characters of each side (entries hold all their prefixes).
            for head in fy[3]:
                f = get(frag + head)
                if f is None:
                    break
                if f:
                    word = 1  # spans
                    break
            if word:
                break
        if word:
            # word_across: jieba's route over four characters a side has a
            # dictionary word over the junction. The route right of the
            # junction depends on the next line alone: found once per line.
            right = after[y] or _route_values(fy[5], table, logtotal, after, y)
            if _route_crosses(fx[4], fy[5], right, table, logtotal):
                word = 2  # across
        return fy[8][2 * word + (is_term is not None and is_term(fx[6] + fy[7]))]

    return score


def _learn(texts: list[str], limit: float, has) -> list[tuple]:
    """What score needs to know of each line (see scorer)."""
    ends = list(map(ends_sentence, texts))
    short = [w <= limit for w in map(line_width, texts)]
    return list(map(_facts, texts, ends, short, [() if e else _frags(t, has) for t, e in zip(texts, ends)]))


def _frags(t: str, has) -> tuple[str, ...]:
    """spans_word's look-ups: a dictionary entry (word or prefix of one) that
    the line's last one to three characters start (has: in the dictionary)."""
    return tuple(filter(has, (t[-3:], t[-2:], t[-1])[3 - min(3, len(t)):]))


def _facts(t: str, ends: bool, short: bool, frags: tuple[str, ...]) -> tuple:
    return (ends,
            # The score after a finished sentence depends on the next line alone.
            AFTER_END[t[0] in OPENERS, short and not ends],
            frags,  # none is asked of a line that ends a sentence
            (t[0], t[:2], t[:3])[:len(t)],  # what a word over the junction ends with
            t[-4:], t[:4],  # word_across's context
            t[-1], t[0],
            _FINAL[short, t[0] == "“"])


def _route_values(text: str, table: dict, logtotal: float, store: list, at: int) -> list[float]:
    """The best route's log-probability from each place of text to its end (kept in store[at])."""
    val = [0.0] * (len(text) + 1)
    route_pass(text, val, [0] * len(text), table, logtotal)
    store[at] = val
    return val


def _route_crosses(a: str, b: str, right: list[float], table: dict, logtotal: float) -> bool:
    """Whether jieba's best route over a + b has a word across a|b (a word of
    the route longer than one character is always a dictionary word);
    right: _route_values(b). Only the places in a need working out."""
    cut = len(a)
    end = [0] * cut
    route_pass(a + b, [0.0] * cut + right, end, table, logtotal)
    i = 0
    while i < cut:
        i = end[i]
    return i > cut


class PagePairs:
    """The counts that tell which character pairs stand side by side inside
    the page's lines more often than their characters' counts make likely
    (names and terms): is_term(pair).

    A pair with punctuation, or one of two common characters (文的), says
    nothing about a junction: it would pair with almost anything.
    """

    def __init__(self, lines: list[Line]) -> None:
        # Counted over the lines joined by a character no line holds: the
        # pairs that straddle two lines hold it and are never asked about.
        joined = "\n".join(ln.text for ln in lines)
        self._chars = Counter(joined)
        seps = self._chars.pop("\n", 0)
        self._total = max(1, len(joined) - seps)
        # Every two characters side by side as one number (see is_term): the
        # text in UTF-32 read eight bytes at a time, from its first character
        # and from its second. Twice as fast as a pattern's matches, counted as strings.
        data = memoryview(joined.encode(_UTF32))
        self._counts = Counter(data[:len(data) // 8 * 8].cast("Q"))
        self._counts.update(data[4:4 + (len(data) - 4) // 8 * 8].cast("Q"))

    def is_term(self, pair: str) -> bool:
        a, b = pair
        # Both text characters (TEXT_CHAR, without a pattern: asked once a junction).
        if not ("\u3400" <= a <= "\u9fff" or a.isascii() and a.isalnum()) \
                or not ("\u3400" <= b <= "\u9fff" or b.isascii() and b.isalnum()):
            return False
        # The number eight bytes of the UTF-32 text hold where a stands before b.
        n = self._counts.get(ord(a) | ord(b) << 32 if _LITTLE else ord(a) << 32 | ord(b))
        return bool(n) and n * self._total >= PAIR_LIFT * self._chars[a] * self._chars[b]


_LITTLE = sys.byteorder == "little"
_UTF32 = "utf-32-le" if _LITTLE else "utf-32-be"


def page_pairs(lines: list[Line]) -> PagePairs:
    return PagePairs(lines)
