"""Duplicate passages: overlap repeats and orphaned copies.

Overlapping extraction regions make a block repeat the tail of the block before
it, or make whole paragraphs stand twice on a page. Candidates come from an
index of clauses (text between punctuation marks): one pass over the page, and
clauses that occur in many blocks are ignored, so the work stays linear in the
page length instead of comparing all pairs of blocks. Each candidate pair is
then aligned character by character, which also tolerates a few OCR errors.

Safety: a copy is only removed while the text it repeats stays on the page,
so two copies of one passage are never both removed.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from itertools import chain
from difflib import SequenceMatcher

from proofdesk.detect.context import PageContext
from proofdesk.findings import Edit, Finding, FindingKind, Span
from proofdesk.page.blocks import Block, BlockKind
from proofdesk.page.classify import NO_START, ends_complete, quoted_whole
from proofdesk.page.reflow import TEXT_CHAR
from proofdesk.words import word_across

# Characters that only a misreading puts in Chinese text (kana, letters in numbers).
_SUSPECT = re.compile(r"[\u30a0-\u30ff]|(?<=\d)[OolI]|[OolI](?=\d)")

_CLAUSE = re.compile(r"[，。；！？、：“”‘’（）《》「」\s,.;!?:()\"']+")
MIN_CLAUSE = 4
MAX_POSTINGS = 6      # a clause in more blocks than this is boilerplate
MIN_DUP = 12          # shorter repeats are normal prose
MIN_MATCH = 4         # matching runs shorter than this are coincidence
COVER = 0.8           # share of a block that must match to call it a copy
EDGE = 3              # slack, in characters, at the ends of an alignment
MAX_ALIGN = 20000     # longer blocks are compared on a window around the match

_COPYABLE = (BlockKind.BODY, BlockKind.BYLINE_BODY, BlockKind.CAPTION)


ANCHOR = 6


def _clauses(text: str) -> list[str]:
    """Index keys of a block: its clauses, plus the head and tail of long clauses
    so that a copy with an OCR error inside a clause still shares keys."""
    parts = [c for c in _CLAUSE.split(text) if len(c) >= MIN_CLAUSE] or ([text] if len(text) >= MIN_DUP else [])
    keys = list(parts)
    for c in parts:
        if len(c) >= 2 * ANCHOR:
            keys.append("<" + c[:ANCHOR])
            keys.append(">" + c[-ANCHOR:])
    # The block's own ends: a repeated tail ends where the paragraph it copies ends.
    if len(text) >= MIN_DUP:
        keys.append("<<" + text[:ANCHOR])
        keys.append(">>" + text[-ANCHOR:])
        # and the stretch next to each end, in case an OCR error sits right at the end
        keys.append("<<" + text[ANCHOR:2 * ANCHOR])
        keys.append(">>" + text[-2 * ANCHOR:-ANCHOR])
    return keys


def _titles(blocks: list[Block], i: int) -> bool:
    """Block i is an article's title: the page's first block, or the one over a byline."""
    nxt = blocks[i + 1].kind if i + 1 < len(blocks) else None
    return i == 0 or nxt in (BlockKind.BYLINE, BlockKind.BYLINE_BODY)


def _candidates(blocks: list[Block]) -> dict[int, list[int]]:
    """For each block, the other blocks sharing enough clause text with it."""
    clauses: dict[int, set[str]] = {}
    for b in blocks:
        # A long "title" is usually a piece of body text without punctuation.
        # Not so a title that opens the page or stands over a byline (headlines
        # restate the lead), nor a subhead quoting the article: they repeat
        # words on purpose.
        if len(b.text) < MIN_DUP or (b.kind not in _COPYABLE and not (b.kind is BlockKind.HEADLINE
                                                                       and len(b.text) >= 20
                                                                       and not quoted_whole(b.text)
                                                                       and not _titles(blocks, b.index))):
            continue
        clauses[b.index] = set(_clauses(b.text))
    # Only keys that two to MAX_POSTINGS blocks share vote; most keys are one
    # block's own. Counting them all is C work; the index holds the shared ones.
    held = Counter(chain.from_iterable(clauses.values()))
    shared = {c for c, n in held.items() if 2 <= n <= MAX_POSTINGS}
    index: dict[str, list[int]] = defaultdict(list)
    for i, cl in clauses.items():
        for c in cl & shared:
            index[c].append(i)
    votes: dict[int, dict[int, int]] = {}
    for c, post in index.items():
        w = ANCHOR if c[0] in "<>" else len(c)
        if c[:2] in ("<<", ">>"):
            w += 2  # block ends are stronger evidence than clause ends
        for i in post:
            vi = votes.setdefault(i, {})
            for j in post:
                if j != i:
                    vi[j] = vi.get(j, 0) + w
    out: dict[int, list[int]] = {}
    for i, cl in clauses.items():
        vi = votes.get(i)
        if not vi:
            continue
        # A long paragraph sharing one stock phrase with another is no copy: ask for a
        # quarter of its keyed text before aligning (a copy with OCR errors keeps far more).
        need = max(MIN_DUP, sum(len(c) for c in cl if c[0] not in "<>") // 4)
        found = [j for j, v in vi.items() if v >= need]
        if found:
            out[i] = sorted(found, key=lambda j: (-vi[j], j))[:4]
    return out


def _edge(n: int) -> int:
    """Unmatched characters allowed at either end: an OCR error near an end breaks a short run."""
    return max(EDGE, min(12, n // 10))


class _Match:
    """Alignment of block text a against block text b."""

    def __init__(self, a: str, b: str):
        sm = SequenceMatcher(None, a, b, autojunk=False)
        runs = [m for m in sm.get_matching_blocks() if m.size >= MIN_MATCH]
        self.matched = sum(m.size for m in runs)
        if runs:
            self.a_lo, self.a_hi = runs[0].a, runs[-1].a + runs[-1].size
            self.b_lo, self.b_hi = runs[0].b, runs[-1].b + runs[-1].size
        else:
            self.a_lo = self.a_hi = self.b_lo = self.b_hi = 0
        self.len_a, self.len_b = len(a), len(b)
        self.a, self.b, self.runs = a, b, runs

    def a_gaps_in_b(self) -> bool:
        """What the alignment leaves out of a (at its ends and between matched
        runs) is b's text too, misread, or only marks: a removed as a copy of b
        loses no text. (顺利实施 before a repeated clause, or 梳理发现 where b
        says 据上市公司公告不完全统计, is text of a's own.)"""
        if not self.runs:
            return False
        first, last = self.runs[0], self.runs[-1]
        head, tail = self.a[:first.a], self.a[last.a + last.size:]
        pairs = [(head, self.b[max(0, first.b - len(head)):first.b]),
                 (tail, self.b[last.b + last.size:last.b + last.size + len(tail)])]
        pairs += [(self.a[r.a + r.size:n.a], self.b[r.b + r.size:n.b]) for r, n in zip(self.runs, self.runs[1:])]
        return all(_misread_copy(part, other) for part, other in pairs)

    def a_whole(self) -> bool:
        edge = _edge(self.len_a)
        return (self.a_lo <= edge and self.a_hi >= self.len_a - edge
                and self.matched >= COVER * self.len_a)

    def b_whole(self) -> bool:
        edge = _edge(self.len_b)
        return (self.b_lo <= edge and self.b_hi >= self.len_b - edge
                and self.matched >= COVER * self.len_b)

    def a_head_is_b_tail(self) -> bool:
        span = self.a_hi - self.a_lo
        return (self.a_lo <= EDGE and self.b_hi >= self.len_b - EDGE and span >= MIN_DUP
                and self.matched >= COVER * span and self.a_hi < self.len_a - EDGE)


def _misread_copy(part: str, other: str) -> bool:
    """part is marks only, a character or two (人 for 入, O for 0, a stray
    character OCR put in), or at least half of it reads as other does."""
    if len(part) <= 2 or not TEXT_CHAR.search(part):
        return True
    return SequenceMatcher(None, part, other, autojunk=False).ratio() >= 0.5


def _align(a: str, b: str) -> _Match:
    if len(a) + len(b) > MAX_ALIGN:
        a, b = a[:MAX_ALIGN // 2], b[-MAX_ALIGN // 2:]
    return _Match(a, b)


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def _similarity(a: str, b: str) -> float:
    x, y = _bigrams(a), _bigrams(b)
    return len(x & y) / max(1, min(len(x), len(y)))


class _Finder:
    def __init__(self, ctx: PageContext):
        self.ctx = ctx
        self.blocks = ctx.blocks
        self.findings: list[Finding] = []
        self._alignments: dict[tuple[int, int], _Match] = {}

    # -- geometry -------------------------------------------------------
    def _prev_alive(self, i: int) -> Block | None:
        for j in range(i - 1, -1, -1):
            if j not in self.ctx.removed:
                return self.blocks[j]
        return None

    def _next_alive(self, i: int) -> Block | None:
        for j in range(i + 1, len(self.blocks)):
            if j not in self.ctx.removed:
                return self.blocks[j]
        return None

    def _deletion(self, b: Block) -> tuple[int, int]:
        """Raw range removing block b: the block and the gap after it."""
        if b.index + 1 < len(self.blocks):
            return b.start, self.blocks[b.index + 1].start
        if b.index > 0:
            return self.blocks[b.index - 1].end, b.end
        return b.start, b.end

    # -- decisions ------------------------------------------------------
    def remove(self, d: Block, keep: Block, how: str, conf: float) -> None:
        start, end = self._deletion(d)
        self.ctx.removed.add(d.index)
        self.ctx.deletions[d.index] = (start, end)
        if how == "tail":
            zh = f"与上一段末尾重复（{len(d.text)}字，扫描区域重叠），删除此重复"
            en = f"Repeats the end of the previous paragraph ({len(d.text)} chars, overlapping scan regions); remove it"
        else:
            zh = f"孤立的重复段落（{len(d.text)}字），原文在别处且接续其句子；删除此副本"
            en = f"Orphaned copy ({len(d.text)} chars); the text also stands where its sentence continues; remove this copy"
        self.findings.append(Finding(
            FindingKind.DUPLICATE, (Span(d.start, d.end), Span(keep.start, keep.end)), zh, en, conf,
            (Edit(start, end, ""),), details=(("kept", str(keep.start)), ("how", how)),
        ))

    def trim(self, d: Block, prev: Block, n: int, conf: float) -> None:
        cut = d.raw_end(n)
        self.ctx.trimmed[d.index] = n
        self.findings.append(Finding(
            FindingKind.DUPLICATE, (Span(d.start, cut), Span(prev.start, prev.end)),
            f"段首{n}字重复上一段末尾（扫描区域重叠），删除重复部分",
            f"The first {n} chars repeat the end of the previous paragraph; remove them",
            0.9, (Edit(d.start, cut, ""),), details=(("kept", str(prev.start)), ("how", "overlap")),
        ))

    def _body_neighbour(self, i: int, step: int) -> Block | None:
        """Nearest surviving block from i in direction step, past captions and markers."""
        nb = self._prev_alive(i) if step < 0 else self._next_alive(i)
        while nb is not None and nb.kind in (BlockKind.CAPTION, BlockKind.CREDIT, BlockKind.JUMP):
            nb = self._prev_alive(nb.index) if step < 0 else self._next_alive(nb.index)
        return nb

    def _fit(self, run: list[Block]) -> float:
        """How well a run of copies fits where it stands. An orphaned copy stands
        out of place, before an unrelated article: it neither continues the
        sentence before it nor is continued after it, it is followed by the start
        of an article, and it shares few words with the paragraph before it."""
        first, last = run[0], run[-1]
        text = "".join(b.text for b in run)
        score = 0.0
        prev, nxt = self._body_neighbour(first.index, -1), self._body_neighbour(last.index, 1)
        if prev is not None and prev.kind.is_body:
            before = self.ctx.text_of(prev.index)
            if not ends_complete(before) and first.kind is BlockKind.BODY:
                score += 1.0 + (0.5 if word_across(before, first.text) else 0.0)
                score += 0.5 if first.text[0] in NO_START else 0.0
            score += 1.5 * _similarity(text, before)
        elif prev is not None and (prev.kind.is_heading or prev.kind is BlockKind.BYLINE):
            score += 0.5  # it opens an article, as an original does
        elif prev is None and not first.text.startswith(("（上接", "(上接")):
            score -= 0.4  # pages open with a title, or with a marker when an article runs on
        if nxt is None:
            score += 0.1  # the page's end is a likelier place for an original than right above a title
        if nxt is not None and nxt.kind is BlockKind.BODY:
            score += 0.5  # it is followed by more of an article, not by a new one
            if not ends_complete(last.text):
                score += 1.0 + (0.5 if word_across(last.text, nxt.text) else 0.0)
                score += 0.5 if nxt.text[0] in NO_START else 0.0
        # Of two copies, the one the scanner misread less is the better keeper.
        return score - 0.3 * sum(len(_SUSPECT.findall(b.text)) for b in run)

    def _keep_first_of_twins(self, run_a: list[Block], run_b: list[Block]) -> bool:
        fa, fb = self._fit(run_a), self._fit(run_b)
        if abs(fa - fb) > 0.02:
            return fa > fb
        return True  # no evidence either way: keep reading order's first copy

    # -- main -----------------------------------------------------------
    def run(self) -> list[Finding]:
        cands = _candidates(self.blocks)
        twins: dict[int, int] = {}
        # Whole copies of each other first: which of two twins goes decides
        # which copy a part of one may be removed in favour of (a paragraph
        # copied before its article, whose halves a photo parts, must not lose
        # both its copy and its second half).
        for i in sorted(cands):
            for j, m in self._aligned(i, cands[i]):
                if m.a_whole():  # i's first whole match decides, as in the pass below
                    if m.b_whole():
                        twins.setdefault(min(i, j), max(i, j))
                    break
        self._resolve_twins(twins)
        for i in sorted(cands):
            d = self.blocks[i]
            for j, m in self._aligned(i, cands[i]):
                x = self.blocks[j]
                if m.a_whole() and not m.b_whole():
                    how = "tail" if self._prev_alive(i) is x and m.b_hi >= m.len_b - EDGE else "orphan"
                    self.remove(d, x, how, 0.95 if how == "tail" else 0.85)
                    break
                if j < i and self._prev_alive(i) is x and m.a_head_is_b_tail() and i not in self.ctx.trimmed:
                    self.trim(d, x, m.a_hi, 0.9)
                    break
        return self.findings

    def _aligned(self, i: int, others: list[int]):
        """(j, alignment of block i on block j) for the candidates j, while both
        blocks are still there, leaving out those a removal of i would lose
        text of its own by."""
        for j in others:
            if i in self.ctx.removed:
                return
            if j in self.ctx.removed:
                continue
            m = self._alignments.get((i, j))
            if m is None:  # both passes ask for the same pairs
                m = self._alignments[i, j] = _align(self.blocks[i].text, self.blocks[j].text)
            if m.a_whole() and not m.a_gaps_in_b():
                continue  # i holds text j lacks: removing i would lose it
            yield j, m

    def _resolve_twins(self, twins: dict[int, int]) -> None:
        done: set[int] = set()
        for i in sorted(twins):
            if i in done:
                continue
            j = twins[i]
            run_a, run_b = [i], [j]
            while twins.get(run_a[-1] + 1) == run_b[-1] + 1 and run_a[-1] + 1 < j:
                run_a.append(run_a[-1] + 1)
                run_b.append(run_b[-1] + 1)
            done.update(run_a)
            blocks_a = [self.blocks[k] for k in run_a]
            blocks_b = [self.blocks[k] for k in run_b]
            if any(k in self.ctx.removed for k in run_a + run_b):
                continue
            between = self.blocks[run_a[-1] + 1:run_b[0]]
            # Copies with only a photo or a marker between them are one repeat in a row.
            adjacent = all(b.kind in (BlockKind.CAPTION, BlockKind.CREDIT, BlockKind.JUMP) for b in between)
            keep_a = True if adjacent else self._keep_first_of_twins(blocks_a, blocks_b)
            gone, kept = (blocks_b, blocks_a) if keep_a else (blocks_a, blocks_b)
            how = "tail" if adjacent else "orphan"
            for g, k in zip(gone, kept):
                self.remove(g, k, how, 0.9 if adjacent else 0.8)


def detect(ctx: PageContext) -> list[Finding]:
    return _Finder(ctx).run()
