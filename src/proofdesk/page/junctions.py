"""How well one printed line continues another: the junction scores that the
column rebuilding (page/columns.py, page/rows.py) weighs, as log-likelihood
ratios measured on labelled pages."""
from __future__ import annotations

import re
from collections import Counter

from proofdesk.page.blocks import Line
from proofdesk.page.reflow import OPENERS, ends_sentence, line_width

# A character of text: an ideograph, a letter or a digit (no mark, no speck of a photo).
TEXT_CHAR = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")
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


def continuity(a: Line, b: Line, width: float, pairs: set[str] | None = None) -> float:
    """How well b continues a in the same column, as a log-likelihood ratio
    (about 0 when the evidence says nothing, negative against)."""
    return scorer([a, b], width, pairs)(0, 1)


def scorer(seq: list[Line], width: float, pairs: set[str] | None = None):
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

    What score learns from each line alone (its end, width, first
    characters, the ends of words its last characters start) is found once
    per line, when first asked: searches ask about many junctions of the
    same lines."""
    from proofdesk.words import best_route, dictionary, is_word

    table = dictionary()
    limit = width - 1.4
    facts: list[tuple | None] = [None] * len(seq)

    def learn(i: int) -> tuple:
        t = seq[i].text
        ends = ends_sentence(t)
        short = line_width(t) <= limit
        tail = t[-3:]
        facts[i] = f = (
            ends,
            # The score after a finished sentence depends on the next line alone.
            AFTER_END[t[0] in OPENERS, short and not ends],
            short,
            t[0] == "“",
            # spans_word's look-ups: a dictionary entry (word or prefix of one)
            # that the line's last one to three characters start.
            tuple(tail[s:] for s in range(len(tail)) if tail[s:] in table),
            t,
        )
        return f

    def score(x: int, y: int) -> float:
        fx = facts[x] or learn(x)
        fy = facts[y] or learn(y)
        if fx[0]:
            return fy[1]
        b = fy[5]
        head = b[:3]
        word = "none"
        for frag in fx[4]:
            # spans_word: a word over the junction, using up to three
            # characters of each side (entries hold all their prefixes).
            for e in range(1, len(head) + 1):
                f = table.get(frag + head[:e])
                if f is None:
                    break
                if f:
                    word = "spans"
                    break
            if word != "none":
                break
        if word != "none":
            # word_across: jieba's route over four characters a side has a
            # dictionary word over the junction (its look-ups above passed already).
            a4, b4 = fx[5][-4:], b[:4]
            ab, cut = a4 + b4, len(a4)
            for s, e in best_route(ab)[1]:
                if s < cut < e and e - s >= 2 and is_word(ab[s:e]):
                    word = "across"
                    break
        val = MID[word, pairs is not None and fx[5][-1] + b[0] in pairs]
        if fy[2]:
            val -= 0.4
        return val - 0.8 if fy[3] else val

    return score


def page_pairs(lines: list[Line], junctions: bool = False) -> set[str]:
    """Character pairs that stand side by side inside the page's lines more
    often than their characters' counts make likely (names and terms).

    A pair with punctuation, or one of two common characters (文的), says
    nothing about a junction: it would pair with almost anything.
    With junctions, only the pairs a junction could form (some line's last
    character, some line's first): the same answer for every junction, at
    a fraction of the count.
    """
    # Counted over the lines joined by a character no line holds: the pairs
    # that straddle two lines hold it and fail the letter test below.
    joined = "\n".join(ln.text for ln in lines)
    chars = Counter(joined)
    seps = chars.pop("\n", 0)
    total = max(1, len(joined) - seps)
    if junctions:
        last = "".join({ln.text[-1] for ln in lines if TEXT_CHAR.match(ln.text[-1])})
        first = "".join({ln.text[0] for ln in lines if TEXT_CHAR.match(ln.text[0])})
        if not last or not first:
            return set()
        # Every overlapping occurrence of such a pair (a look-ahead match is empty).
        found = re.findall(f"(?=([{re.escape(last)}][{re.escape(first)}]))", joined)
        pairs = Counter(found)
        return {p for p, n in pairs.items() if n * total >= PAIR_LIFT * chars[p[0]] * chars[p[1]]}
    pairs = Counter(map(str.__add__, joined, joined[1:]))
    text = {c for c in chars if TEXT_CHAR.match(c)}
    return {p for p, n in pairs.items()
            if p[0] in text and p[1] in text and n * total >= PAIR_LIFT * chars[p[0]] * chars[p[1]]}
