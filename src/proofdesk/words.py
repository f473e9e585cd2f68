"""Chinese word knowledge from jieba's dictionary, loaded on first use only.

Detectors ask small questions around candidate places (does a word cross this
break? which of two readings is likelier?) instead of segmenting whole pages.
"""
from __future__ import annotations

import logging
import math
from functools import lru_cache

_dt = None


def _tokenizer():
    global _dt
    if _dt is None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        jieba.dt.check_initialized()
        _dt = jieba.dt
    return _dt


_FREQ: dict | None = None  # jieba's word -> frequency table, once loaded


def _table() -> dict:
    global _FREQ
    if _FREQ is None:
        _FREQ = _tokenizer().FREQ
    return _FREQ


def dictionary() -> dict[str, int]:
    """jieba's table: every word and every prefix of one (a prefix that is no
    word has frequency 0), so a look-up that misses ends a search for longer words."""
    return _FREQ or _table()


def freq(word: str) -> int:
    """Dictionary frequency of word (0 when it is not a dictionary word)."""
    # Detectors ask this thousands of times a page: one global look-up, no calls.
    return (_FREQ or _table()).get(word, 0) or 0


def is_word(word: str) -> bool:
    return freq(word) > 0


@lru_cache(maxsize=65536)
def best_route(text: str) -> tuple[float, tuple[tuple[int, int], ...]]:
    """Log-probability and token spans of jieba's best dictionary segmentation."""
    dt = _tokenizer()
    n = len(text)
    val, end = [0.0] * (n + 1), [0] * n
    route_pass(text, val, end, dt.FREQ, math.log(dt.total))
    spans, i = [], 0
    while i < n:
        spans.append((i, end[i]))
        i = end[i]
    return val[0] if text else 0.0, tuple(spans)


def route_pass(text: str, val: list[float], end: list[int], table: dict, logtotal: float) -> None:
    """jieba's get_DAG and calc in one backward pass, without the DAG, from
    place len(end) - 1 down to 0: val[k], the best route's log-probability
    from k to the end of text (val holds the places after), and end[k], where
    the route's word from k ends. The same sums in the same order as jieba
    (the same floats), and the same choice among equal ones (the longest
    word), at half the cost; a caller may start it part way (page/junctions.py)."""
    n = len(text)
    for k in range(len(end) - 1, -1, -1):
        best = None
        i, frag = k, text[k]
        while i < n:
            f = table.get(frag)
            if f is None:
                break  # no word starts with frag
            if f:
                v = math.log(f) - logtotal + val[i + 1]
                if best is None or v >= best:
                    best, end[k] = v, i + 1
            i += 1
            frag = text[k:i + 1]
        if best is None:  # no word starts at k: the character alone, with frequency 1
            best, end[k] = math.log(1) - logtotal + val[k + 1], k + 1
        val[k] = best


def word_across(left: str, right: str, ctx: int = 4) -> str:
    """The dictionary word that spans the junction of left|right, or ''."""
    a, b = left[-ctx:], right[:ctx]
    if not a or not b or not _word_spans(a, b):
        return ""
    _, spans = best_route(a + b)
    cut = len(a)
    for s, e in spans:
        if s < cut < e and e - s >= 2 and is_word((a + b)[s:e]):
            return (a + b)[s:e]
    return ""


def spans_word(left: str, right: str, ctx: int = 3) -> bool:
    """Some dictionary word of two or more characters crosses left|right, using
    at most ctx characters of each side (a few look-ups, no segmentation)."""
    a, b = left[-ctx:], right[:ctx]
    return bool(a) and bool(b) and _word_spans(a, b)


def _word_spans(a: str, b: str) -> bool:
    """Some dictionary word spans a|b: the test word_across's answer needs, and
    most junctions fail it, so they cost a few dictionary look-ups instead of a
    segmentation (the route's word over the junction is one of these anyway)."""
    table = _FREQ or _table()
    ab, cut = a + b, len(a)
    for s in range(cut):
        for e in range(cut + 1, len(ab) + 1):
            f = table.get(ab[s:e])
            if f is None:
                break  # jieba stores every prefix of every word: no longer word starts here
            if f:
                return True
    return False


def word_at(text: str, k: int, least: int = 1) -> bool:
    """Some dictionary word of two to four characters in text, with frequency
    at least least, holds position k. A look-up that misses ends the search
    for longer words from that start (the table holds every prefix)."""
    table = _FREQ or _table()
    end = len(text)
    for s in range(k, max(0, k - 3) - 1, -1):  # two-character words first: most hits
        for e in range(max(s + 2, k + 1), min(s + 4, end) + 1):
            f = table.get(text[s:e])
            if f is None:
                break
            if f >= least:
                return True
    return False


def logprob(text: str) -> float:
    return best_route(text)[0]


def total_log() -> float:
    return math.log(_tokenizer().total)
