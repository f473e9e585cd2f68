"""Damage generator: build raw newspaper pages from clean corpus articles.

A page is a few real articles from ../shared/corpus/articles/ put one after
another. Its gold is the clean text in the seed gold's form (one block per
line, a blank line between articles); its raw text is the paragraph-per-line
form the seed raw page has (blocks separated by blank lines), with damage of
the kinds listed in ../shared/README.md:

  break      a paragraph cut mid-sentence (often mid-word) at a column end
  caption    a photo caption and credit standing between the two halves
  overlap    the tail of a paragraph repeated as the next block
  orphan     a copy of one or two paragraphs of one article before another
  confusable a dictionary word with a look-alike character (已经 -> 己经)
  jump       a jump marker (real ones from the corpus, or 下转 after a cut)

Every damage is toggleable and recorded, and each one adds checks in the
format of ../shared/eval/score.py (joined/once/apart/absent/present). Every
true boundary of the gold (headline|paragraph, paragraph|paragraph ...) gets an
"apart" check, like the seed page's. The generator knows nothing about the
detectors: cut points, copies and swaps are drawn from the text's shape only,
with a fixed random seed. build_page() checks that the gold passes all its own
checks, so a check can never be unpassable.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from page_scoring import SHARED, run_checks, squash

ARTICLES = SHARED / "corpus" / "articles"
CJK = re.compile(r"[\u3400-\u9fff]")
# A column never starts with these (Chinese line-start rules), so no cut does.
NO_LINE_START = set("，。、；：？！）”’》」』…—·")
SENTENCE_END = set("。！？")
MARKER = re.compile(r"[（(](?:下转|上接)第[一二三四五六七八九十]+版）")

# Dictionary words and the look-alike misreading a scanner makes of them.
CONFUSABLE_WORDS = [
    ("已经", "己经"), ("自己", "自已"), ("未来", "末来"), ("尚未", "尚末"), ("未能", "末能"),
    ("时候", "时侯"), ("气候", "气侯"), ("进入", "进人"), ("深入", "深人"), ("投入", "投人"),
    ("收入", "收人"), ("加入", "加人"), ("纳入", "纳人"), ("工作", "エ作"), ("工程", "エ程"),
    ("力量", "カ量"), ("能力", "能カ"), ("努力", "努カ"), ("压力", "压カ"),
]
# Single-character look-alikes for the noise in near-duplicate copies.
LOOKALIKE = {"人": "入", "入": "人", "已": "己", "己": "已", "未": "末", "候": "侯",
             "力": "カ", "工": "エ", "0": "O", "1": "l", "日": "曰", "士": "土"}

# Caption and credit templates (our own words, not the corpus's).
_PLACES = ["城郊一处蔬菜种植基地", "市区一处道路施工现场", "县城东部的物流园区", "一家新能源企业车间",
           "河道整治工程现场", "某小学的科技活动室", "高速公路服务区", "山区一处气象观测站",
           "新建的社区服务中心", "港口集装箱码头"]
_PEOPLE = ["工人们", "农户", "志愿者", "技术人员", "气象观测员", "学生们", "社区工作人员", "驾驶员"]
_ACTS = ["正在检修设备", "忙着采摘新鲜蔬菜", "搬运救灾物资", "调试监测仪器", "清理路面积水",
         "参加应急演练", "装卸货物", "学习操作新设备"]
_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
_GIVEN = "晓明华丽军伟芳强磊洋静敏杰涛超霞鹏宇欣雪"
_UNITS = ["本报记者", "记者", "通讯员", "特约摄影"]


@dataclass(frozen=True)
class Damage:
    """Which damage to do, and how much of each on one page."""

    breaks: int = 3          # paragraphs cut at a column end
    captions: int = 1        # of those cuts, how many get a caption + credit between the halves
    overlaps: int = 1        # tails repeated as the next block
    orphans: int = 1         # orphaned copies placed before another article
    confusables: int = 3     # look-alike characters in dictionary words
    jumps: bool = True       # keep the corpus's markers; add 下转 after a cut article
    noisy_copies: bool = True  # duplicate copies may differ by an OCR character
    free_caption: bool = True  # a caption + credit standing alone between two articles
    double_breaks: bool = True  # a long paragraph may run over two column ends
    indents: bool = True     # some extractions keep the full-width paragraph indent

    @classmethod
    def none(cls) -> Damage:
        return cls(0, 0, 0, 0, 0, False, False, False, False, False)

    @classmethod
    def only(cls, kind: str) -> Damage:
        base = cls.none()
        return {
            "break": replace(base, breaks=3),
            "caption": replace(base, breaks=1, captions=1),
            "overlap": replace(base, overlaps=2),
            "orphan": replace(base, orphans=1),
            "confusable": replace(base, confusables=4),
            "jump": replace(base, jumps=True),
        }[kind]


@dataclass
class Unit:
    """One gold block: its text and role (headline, body, caption ...)."""

    text: str
    role: str
    article: int


@dataclass
class Piece:
    """One raw block: a slice of a gold unit's (damaged) text."""

    unit: int
    start: int
    end: int
    noise: dict = field(default_factory=dict)  # position in the unit -> look-alike
    copy: bool = False  # a duplicate the cleaning should remove


@dataclass
class GeneratedPage:
    seed: int
    raw: str
    gold: str
    checks: list[dict]
    damages: list[dict]  # what was done, with a raw excerpt; checks point here by "damage"


# A half-width mark between two ideographs is a defect any proofreader fixes
# (the corpus has one: 意识,走好); the gold holds the proofread form.
_HALF_WIDTH = re.compile(r"(?<=[\u4e00-\u9fff])([,;:!?])(?=[\u4e00-\u9fff“])")
_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}


def load_articles(path: Path = ARTICLES) -> list[tuple[str, list[str]]]:
    """(headline, lines) of every corpus article, in file name order."""
    out = []
    for f in sorted(path.glob("*.txt")):
        text = _HALF_WIDTH.sub(lambda m: _FULL[m.group(1)], f.read_text(encoding="utf-8"))
        lines = [ln.strip() for ln in text.split("\n")]
        lines = [ln for ln in lines if ln]
        out.append((lines[0], lines[1:]))
    return out


def _is_body(line: str) -> bool:
    return len(line) >= 40 and line[-1] in "。！？”）"


class _Builder:
    def __init__(self, seed: int, damage: Damage, n_articles: int, target_chars: int):
        self.rng = random.Random(seed)
        self.seed, self.damage = seed, damage
        self.units: list[Unit] = []
        self.order: list[list[int]] = []      # gold: unit ids per article group
        self.raw: list[list[Piece]] = []      # raw: pieces per article group
        self.protected: dict[int, list[tuple[int, int]]] = {}
        self.checks: list[dict] = []
        self.damages: list[dict] = []
        self.tried: set[int] = set()  # units already drawn for a structural damage
        self._pick_articles(n_articles, target_chars)

    # -- page assembly ---------------------------------------------------
    def _add_unit(self, text: str, role: str, article: int) -> int:
        self.units.append(Unit(text, role, article))
        return len(self.units) - 1

    def _pick_articles(self, n: int, target: int) -> None:
        corpus = load_articles()
        picks = self.rng.sample(range(len(corpus)), n)
        budget = target // n
        for a, k in enumerate(picks):
            headline, lines = corpus[k]
            ids = [self._add_unit(headline, "headline", a)]
            size, kept = len(headline), []
            for ln in lines:
                kept.append(ln)
                size += len(ln)
                if size >= budget and _is_body(ln):
                    break
            while kept and not _is_body(kept[-1]) and len(kept) > 1:
                kept.pop()
            cut_short = len(kept) < len(lines)
            if cut_short and self.damage.jumps and self.rng.random() < 0.5 and _is_body(kept[-1]) \
                    and not MARKER.search(kept[-1]):
                page = self.rng.choice("二三四五六七八")
                kept[-1] += f"（下转第{page}版）"
            for ln in kept:
                role = "body" if _is_body(ln) else "short"
                m = MARKER.search(ln)
                if m:
                    role = "marker"
                    if self.damage.jumps:  # the marker stays, where it stands (as the seed's gold)
                        d = self._record("jump", f"marker {m.group()}", ln[max(0, m.start() - 8):m.end() + 8])
                        self._check(d, "jump-marker", "present", text=ln[max(0, m.start() - 6):m.end()])
                ids.append(self._add_unit(ln, role, a))
            self.order.append(ids)
            self.raw.append([Piece(u, 0, len(self.units[u].text)) for u in ids])
        if self.damage.free_caption and n > 1:
            caption, credit = self._caption()
            at = self.rng.randrange(1, n)
            u = self._add_unit(caption + credit if self.rng.random() < 0.5 else caption, "caption", -1)
            group = [u]
            if not self.units[u].text.endswith("摄") and not self.units[u].text.endswith("发"):
                group.append(self._add_unit(credit, "credit", -1))
            self.order.insert(at, group)
            self.raw.insert(at, [Piece(g, 0, len(self.units[g].text)) for g in group])

    def _caption(self) -> tuple[str, str]:
        r = self.rng
        caption = f"{r.randint(1, 12)}月{r.randint(1, 28)}日，{r.choice(_PLACES)}，{r.choice(_PEOPLE)}{r.choice(_ACTS)}。"
        name = r.choice(_SURNAMES) + "".join(r.sample(_GIVEN, r.choice((1, 2))))
        credit = r.choice([f"{r.choice(_UNITS)} {name} 摄", f"{name} 摄", "新华社发", "资料图片"])
        return caption, credit

    def _record(self, kind: str, what: str, excerpt: str) -> int:
        self.damages.append({"id": len(self.damages), "kind": kind, "what": what, "excerpt": excerpt})
        return len(self.damages) - 1

    def _check(self, damage: int | None, defect: str, kind: str, **texts) -> None:
        check = {"kind": kind, "defect": defect,
                 **{k: (v if k == "between" else squash(v)) for k, v in texts.items()}}
        if damage is not None:
            check["damage"] = damage
        self.checks.append(check)

    def _protect(self, unit: int, start: int, end: int) -> None:
        self.protected.setdefault(unit, []).append((start, end))

    def _free(self, unit: int, start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in self.protected.get(unit, []))

    # -- damage ------------------------------------------------------------
    def _body_pieces(self) -> list[tuple[int, int]]:
        """(group, index) of raw pieces that are a whole, untouched body paragraph."""
        out = []
        for g, pieces in enumerate(self.raw):
            for i, p in enumerate(pieces):
                u = self.units[p.unit]
                if u.role == "body" and p.start == 0 and p.end == len(u.text) and not self.protected.get(p.unit) \
                        and p.unit not in self.tried:
                    out.append((g, i))
        return out

    def _cut_point(self, text: str) -> int | None:
        """A column-end cut inside a sentence, often between two ideographs."""
        spots = [c for c in range(8, len(text) - 8)
                 if text[c - 1] not in SENTENCE_END and text[c] not in NO_LINE_START
                 and not (text[c - 1] in "”’）" and text[c - 2] in SENTENCE_END)]
        if not spots:
            return None
        inside_words = [c for c in spots if CJK.match(text[c - 1]) and CJK.match(text[c])]
        pool = inside_words if inside_words and self.rng.random() < 0.7 else spots
        return self.rng.choice(pool)

    def _once_window(self, unit: int, lo: int, hi: int, gold_flat: str) -> tuple[int, int] | None:
        """A 16-character stretch of unit[lo:hi] that occurs once in the gold."""
        text = self.units[unit].text
        starts = list(range(lo, max(lo, hi - 16) + 1))
        self.rng.shuffle(starts)
        for s in starts:
            e = min(hi, s + 16)
            w = squash(text[s:e])
            if len(w) >= 10 and gold_flat.count(w) == 1:
                return s, e
        return None

    def _noisy(self, unit: int, lo: int, hi: int, keep: tuple[int, int]) -> dict:
        """One look-alike character in a copy, outside the checked window."""
        if not self.damage.noisy_copies or self.rng.random() < 0.5:
            return {}
        text = self.units[unit].text
        spots = [i for i in range(lo, hi) if text[i] in LOOKALIKE and not keep[0] <= i < keep[1]]
        if not spots:
            return {}
        i = self.rng.choice(spots)
        return {i: LOOKALIKE[text[i]]}

    def do_breaks(self, gold_flat: str) -> None:
        done, with_caption, overlaps_left = 0, 0, self.damage.overlaps
        while done < self.damage.breaks:
            candidates = self._body_pieces()  # anew: a cut shifts the pieces after it
            if not candidates:
                break
            g, i = self.rng.choice(candidates)
            p = self.raw[g][i]
            self.tried.add(p.unit)
            text = self.units[p.unit].text
            c = self._cut_point(text) if p.end - p.start >= 40 else None
            if c is None:
                continue
            # The joined check must not pass on another copy of these words (some articles repeat them).
            k = next((k for k in (6, 8, 10) if k <= c and gold_flat.count(squash(text[c - k:c + k])) == 1), None)
            if k is None:
                continue
            done += 1
            u = p.unit
            self._protect(u, c - 8, c + 8)
            d = self._record("break", f"cut after {text[max(0, c - 6):c]!r}", text[max(0, c - 12):c] + "⏎⏎" + text[c:c + 12])
            self._check(d, "broken-continuation", "joined", text=text[c - k:c + k])
            new = [Piece(u, 0, c)]
            if overlaps_left and c >= 40 and self.rng.random() < 0.4:
                overlaps_left -= 1
                new.append(self._overlap_piece(u, c, gold_flat))
            if with_caption < self.damage.captions:
                with_caption += 1
                new.extend(self._interleave(u, c, g))
            c2 = self._second_cut(u, c, gold_flat) if self.damage.double_breaks else None
            if c2 is not None:
                new.extend([Piece(u, c, c2), Piece(u, c2, len(text))])
            else:
                new.append(Piece(u, c, len(text)))
            self.raw[g][i:i + 1] = new
        self.overlaps_left = overlaps_left

    def _second_cut(self, u: int, c: int, gold_flat: str) -> int | None:
        """Another column end further on, for one long paragraph in four."""
        text = self.units[u].text
        if len(text) - c < 60 or self.rng.random() >= 0.25:
            return None
        c2 = self._cut_point(text[c + 20:])
        if c2 is None:
            return None
        c2 += c + 20
        if gold_flat.count(squash(text[c2 - 6:c2 + 6])) != 1:
            return None
        self._protect(u, c2 - 8, c2 + 8)
        d = self._record("break", f"second cut after {text[c2 - 6:c2]!r}",
                         text[c2 - 12:c2] + "⏎⏎" + text[c2:c2 + 12])
        self._check(d, "broken-continuation", "joined", text=text[c2 - 6:c2 + 6])
        return c2

    def _interleave(self, u: int, c: int, g: int) -> list[Piece]:
        caption, credit = self._caption()
        text = self.units[u].text
        joined = self.rng.random() < 0.3
        cap = self._add_unit(caption + credit if joined else caption, "caption", g)
        ids = [cap] if joined else [cap, self._add_unit(credit, "credit", g)]
        gold_group = self.order[g]
        gold_group[gold_group.index(u) + 1:gold_group.index(u) + 1] = ids
        d = self._record("caption", f"caption {caption[:10]!r} between the halves",
                         text[max(0, c - 8):c] + "⏎⏎" + "⏎⏎".join(self.units[k].text for k in ids) + "⏎⏎" + text[c:c + 8])
        for k in ids:
            head = squash(self.units[k].text[:16])
            # The halves' words as the seed's checks take them, long enough not to stand in the caption.
            before = next((t for n in (4, 6, 8, 12) if (t := squash(text[max(0, c - n):c])) not in head), None)
            after = next((t for n in (6, 8, 12) if (t := squash(text[c:c + n])) not in head), None)
            for half in (before, after):
                if half:
                    self._check(d, "caption", "apart", a=head, b=half)
        return [Piece(k, 0, len(self.units[k].text)) for k in ids]

    def _overlap_piece(self, u: int, end: int, gold_flat: str) -> Piece:
        """A copy of unit[end-t:end], t between 30 and 300 characters."""
        t = self.rng.randint(30, min(300, end - 10))
        start = end - t
        w = self._once_window(u, start, end, gold_flat)
        text = self.units[u].text
        d = self._record("overlap", f"last {t} characters of a paragraph repeated",
                         text[start:start + 12] + "…" + text[end - 8:end])
        keep = (0, 0)
        if w:
            self._check(d, "duplicate", "once", text=text[w[0]:w[1]])
            self._protect(u, *w)
            keep = w
        return Piece(u, start, end, self._noisy(u, start, end, keep), copy=True)

    def do_overlaps(self, gold_flat: str) -> None:
        left = getattr(self, "overlaps_left", self.damage.overlaps)
        while left:
            candidates = self._body_pieces()
            if not candidates:
                break
            g, i = self.rng.choice(candidates)
            p = self.raw[g][i]
            self.tried.add(p.unit)
            if p.end < 50:
                continue
            left -= 1
            self.raw[g].insert(i + 1, self._overlap_piece(p.unit, p.end, gold_flat))

    def do_orphans(self, gold_flat: str) -> None:
        groups = [g for g, ps in enumerate(self.raw) if self.units[ps[0].unit].role == "headline"]
        for _ in range(self.damage.orphans):
            if len(groups) < 2:
                return
            src, dst = self.rng.sample(groups, 2)
            runs = [i for i, p in enumerate(self.raw[src])
                    if self.units[p.unit].role == "body" and p.end - p.start >= 30 and not p.copy]
            if not runs:
                continue
            i = self.rng.choice(runs)
            n = 2 if i + 1 in runs and self.rng.random() < 0.5 else 1
            copies = []
            for p in self.raw[src][i:i + n]:
                w = self._once_window(p.unit, p.start, p.end, gold_flat)
                copies.append((p, w))
            text = "⏎⏎".join(self.units[p.unit].text[p.start:p.start + 20] for p, _ in copies)
            d = self._record("orphan", f"{n} block(s) of article {src} copied before article {dst}", text)
            pieces = []
            for p, w in copies:
                if w:
                    self._check(d, "duplicate", "once", text=self.units[p.unit].text[w[0]:w[1]])
                    self._protect(p.unit, *w)
                pieces.append(Piece(p.unit, p.start, p.end, self._noisy(p.unit, p.start, p.end, w or (0, 0)),
                                    copy=True))
            self.raw[dst][0:0] = pieces

    def do_confusables(self, gold_flat: str) -> None:
        import jieba

        spots = []
        for k, u in enumerate(self.units):
            if u.role != "body":
                continue
            words, pos = set(), 0
            for tok in jieba.lcut(u.text):
                words.add((pos, tok))
                pos += len(tok)
            for right, wrong in CONFUSABLE_WORDS:
                for m in re.finditer(right, u.text):
                    if (m.start(), right) in words:  # the word really stands there
                        spots.append((k, m.start(), right, wrong))
            for m in re.finditer(r"(?<!\d)\d{3,}(?!\d)", u.text):  # digits read as letters
                for j, ch in enumerate(m.group()):
                    if ch in "01" and j > 0:
                        spots.append((k, m.start() + j, ch, LOOKALIKE[ch]))
                        break
        self.rng.shuffle(spots)
        self.swaps: dict[int, dict[int, str]] = {}
        done = 0
        for k, s, right, wrong in spots:
            if done == self.damage.confusables:
                break
            text = self.units[k].text
            lo, hi = max(0, s - 2), min(len(text), s + len(right) + 2)
            if not self._free(k, lo - 1, hi + 1):
                continue
            bad = text[lo:s] + wrong + text[s + len(right):hi]
            if squash(bad) in gold_flat or gold_flat.count(squash(text[lo:hi])) != 1:
                continue
            done += 1
            self._protect(k, lo - 1, hi + 1)
            for j, (a, b) in enumerate(zip(right, wrong)):
                if a != b:
                    self.swaps.setdefault(k, {})[s + j] = b
            d = self._record("confusable", f"{right} -> {wrong}", bad)
            self._check(d, "char-error", "absent", text=bad)
            self._check(d, "char-error", "present", text=text[lo:hi])

    # -- output ------------------------------------------------------------
    def render(self) -> GeneratedPage:
        swaps = getattr(self, "swaps", {})

        def piece_text(p: Piece) -> str:
            chars = list(self.units[p.unit].text[p.start:p.end])
            for pos, ch in {**swaps.get(p.unit, {}), **p.noise}.items():
                if p.start <= pos < p.end:
                    chars[pos - p.start] = ch
            return "".join(chars)

        seps = []
        indent = "\u3000\u3000" if self.damage.indents and self.rng.random() < 0.3 else ""

        def block(p: Piece) -> str:
            body = self.units[p.unit].role in ("body", "marker") and p.start == 0  # headings stand centred
            return (indent if body else "") + piece_text(p)

        raw_groups = ["\n\n".join(block(p) for p in ps) for ps in self.raw]
        for _ in raw_groups[1:]:
            seps.append(self.rng.choice(["\n\n", "\n\n", "\n\n\n\n"]))
        raw = raw_groups[0] + "".join(s + t for s, t in zip(seps, raw_groups[1:])) + "\n"
        gold = "\n\n".join("\n".join(self.units[u].text for u in ids) for ids in self.order) + "\n"
        flat = [u for ids in self.order for u in ids]
        gold_lines = [squash(self.units[u].text) for u in flat]
        for a, b in zip(flat, flat[1:]):
            if {self.units[a].role, self.units[b].role} == {"caption", "credit"}:
                continue  # the seed's checks keep body text apart, not a caption from its credit
            ta, tb = squash(self.units[a].text), squash(self.units[b].text)
            if ta[-1:] in "，、":
                continue  # the corpus's own paragraphing cut a sentence here: no true boundary
            for k in (8, 12, 16, 24, 10_000):  # as short as the gold allows (as the seed's)
                if not any(ta[-k:] in line and tb[:k] in line for line in gold_lines):
                    self._check(None, "boundary", "apart", a=ta[-k:], b=tb[:k],
                                between=f"{self.units[a].role}|{self.units[b].role}")
                    break
        return GeneratedPage(self.seed, raw, gold, self.checks, self.damages)


def build_page(seed: int, damage: Damage = Damage(), n_articles: int = 3,
               target_chars: int = 3600) -> GeneratedPage:
    """A damaged page, its gold and its checks; the same seed gives the same page."""
    b = _Builder(seed, damage, n_articles, target_chars)
    gold_flat = squash("".join(u.text for u in b.units))
    b.do_breaks(gold_flat)
    b.do_overlaps(gold_flat)
    b.do_orphans(gold_flat)
    if damage.confusables:
        b.do_confusables(gold_flat)
    page = b.render()
    failing = [c for c in run_checks(page.checks, page.gold) if not c["passed"]]
    if failing:  # a generator bug, never the engine's fault
        raise AssertionError(f"seed {seed}: the gold fails its own checks: {failing}")
    return page


def write_page(page: GeneratedPage, folder: Path, stem: str) -> tuple[Path, Path, Path]:
    """raw, gold and checks files of a page, for score.py's command line."""
    import json

    folder.mkdir(parents=True, exist_ok=True)
    raw, gold, checks = folder / f"{stem}.raw.txt", folder / f"{stem}.gold.txt", folder / f"{stem}.checks.json"
    raw.write_text(page.raw, encoding="utf-8")
    gold.write_text(page.gold, encoding="utf-8")
    checks.write_text(json.dumps(page.checks, ensure_ascii=False, indent=1), encoding="utf-8")
    return raw, gold, checks


if __name__ == "__main__":  # python tests/damage.py SEED: print a page and its checks
    import sys

    pg = build_page(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
    print(pg.raw)
    print("=" * 40)
    print(pg.gold)
    for dmg in pg.damages:
        print(dmg)
    print(len(pg.checks), "checks")
