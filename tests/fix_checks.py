"""What each kind of fix may do to the text when a proofreader accepts it.

ProofDesk's first rule: it never silently loses text. A proofreader may
accept any single finding alone (one row, or "accept all of this kind"), or
all of them, so each kind's fix has to be safe on its own, not only in the
company of the fixes it was designed with. Each check below returns the
violations it sees, as sentences that say what was lost, so a failing test
(or the audit script over OCR pages) points at the finding to fix.

What each kind may do:
- LAYOUT, REFLOW (with edits), CONTINUATION rearrange: the visible
  (non-white-space) characters stay, as a multiset, except the lines of the
  page's noise finding (a REFLOW finding without edits: a photo read as
  symbols) that the fix reaches. A noise line that reads as text (ends a
  clause: 系”。, 2年。) is reported by text_taken_for_noise.
- DUPLICATE removes a copy: no edit reaches into the copy it keeps (its second
  span), and every stretch of what it removes still stands in the result,
  look-alikes counted as one character (lost_copies); with other fixes
  accepted too, no two duplicate fixes remove both copies.
- JUMP removes only marker text (today it is a flag without edits).
- CHAR changes characters in place: a look-alike for a look-alike, a lost
  character inserted (党的十八大), a stuttered function word read once (的的).
  Each edit changes the visible count by at most one; what lies between the
  characters it reads is white space, never a caption.
- PUNCT maps punctuation to punctuation; only a dash read as 一一, -- or -一
  changes the length, and a lost opening quotation mark may be inserted.
- SPACE removes white space only.
- ORDER rebuilds an interleaved region: the same characters as the raw
  region, less the noise lines in it, with the look-alike and punctuation
  fixes it carries: swaps, so as many characters come as go (check_order).
- All accepted (or any mix): every visible character stays unless it is
  noise, removed by an applied duplicate fix, or read by a character-level fix.
"""
from __future__ import annotations

import re
from collections import Counter

from proofdesk.detect.characters import KANA, PAIRS
from proofdesk.findings import Finding, FindingKind
from proofdesk.fixes import apply_fixes

WS = re.compile(r"\s+")
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
REARRANGING = (FindingKind.LAYOUT, FindingKind.REFLOW, FindingKind.CONTINUATION)
# Marks a PUNCT fix may read or write: ASCII and full-width punctuation, the
# misread openers (〈《), and 一, which OCR writes for a dash (一一, 2021一2025年).
PUNCT_CHARS = set(",.:;!?()\"'-｡､" "，。、；：！？“”‘’（）《》〈〉【】—…·「」『』" "一")
# Dashes as OCR reads them; a PUNCT fix writes —— for any of them.
DASH_READINGS = re.compile(r"(?:一一|-{2,}|-一|一-)")
JUMP_TEXT = re.compile(r"^[（(〈《]?(?:下转|上接|转|接)第?[0-9一二三四五六七八九十]+版[)）]?$")


def squash(text: str) -> str:
    return WS.sub("", text)


def visible(text: str) -> Counter:
    return Counter(squash(text))


def noise_findings(findings: list[Finding]) -> list[Finding]:
    """The page's noise flags: REFLOW findings without edits, whose spans are the noise lines."""
    return [f for f in findings if f.kind is FindingKind.REFLOW and not f.edits]


def noise_chars(raw: str, findings: list[Finding], within: tuple[int, int] | None = None) -> Counter:
    """The visible characters of the noise lines (those inside within=(start, end) only, when given)."""
    out = Counter()
    for f in noise_findings(findings):
        for s in f.spans:
            if within is None or within[0] <= s.start and s.end <= within[1]:
                out.update(squash(raw[s.start:s.end]))
    return out


def reach(f: Finding) -> tuple[int, int]:
    """The raw range a finding's edits touch."""
    return min(e.start for e in f.edits), max(e.end for e in f.edits)


def _show(c: Counter, n: int = 40) -> str:
    return "".join(sorted(c.elements()))[:n]


def _where(f: Finding) -> str:
    return f"{f.kind.value} {f.id} at {f.start}..{f.end} ({f.message_en[:70]})"


# A line of Chinese text that ends a clause or sentence: characters, digits
# or a percentage, then closing marks and punctuation, perhaps the first
# characters of the next sentence (系”。, 好）。, 种。”, 9.09%。周). A photo's
# noise has Latin letters, symbols or wide gaps among its scraps (银。eeedm,
# ee人。, 。。 刍。。 届 @) or no Chinese character (9。。), and a lone scrap
# has no punctuation (龟, 全).
_TEXT_LINE = re.compile(r"^(?=.*[\u3400-\u9fff])[\u3400-\u9fff0-9.%“”‘’（）《》]*[\u3400-\u9fff0-9%][”’）》]*[。！？，、；：]"
                        r"[。！？”’）》]*[\u3400-\u9fff“]{0,3}$")


def text_taken_for_noise(raw: str, findings: list[Finding]) -> list[str]:
    """Noise lines that read as text: every fix that drops noise would lose them."""
    return [f"noise line {raw[s.start:s.end]!r} at {s.start} ends a sentence: it is text"
            for f in noise_findings(findings) for s in f.spans if _TEXT_LINE.match(raw[s.start:s.end])]


def check_rearranging(raw: str, f: Finding, noise: Counter) -> list[str]:
    out = apply_fixes(raw, [f]).text
    before, after = visible(raw), visible(out)
    lost = before - after
    gained = after - before
    bad = []
    if lost - noise:
        bad.append(f"{_where(f)} accepted alone loses {sum((lost - noise).values())} visible chars "
                   f"that are no noise: {_show(lost - noise)!r}")
    if gained:
        bad.append(f"{_where(f)} accepted alone adds {sum(gained.values())} chars: {_show(gained)!r}")
    return bad


def _more_than_a_speck(stretch: str, noise: Counter) -> bool:
    """A stretch of a removed copy that has no copy elsewhere is lost text,
    unless it is noise or a speck of one or two characters: a look-alike read
    in one copy only, or a photo's scrap the reading took into the paragraph
    (转移上岸，全: the copy before the article has no 全)."""
    return sum((Counter(stretch) - noise).values()) > 2


def check_duplicate(raw: str, f: Finding, noise: Counter | None = None) -> list[str]:
    """The removed text is a copy: no edit reaches into the copy the finding
    keeps (its second span), and every stretch of the removed text still
    stands in the result (see uncovered: look-alikes count as one character,
    and the other copy may stand in pieces, a caption between them). Noise
    lines in the gap it removes with the copy (noise: their characters) and
    specks need no copy."""
    noise = noise or Counter()
    if len(f.spans) < 2:
        return [f"{_where(f)} names no kept copy"]
    keep = f.spans[1]
    bad = [f"{_where(f)} edit {e.start}..{e.end} reaches into the copy it keeps ({keep.start}..{keep.end})"
           for e in f.edits if e.start < keep.end and keep.start < e.end]
    out = squash(apply_fixes(raw, [f]).text)
    for e in f.edits:
        if squash(e.text):
            bad.append(f"{_where(f)} writes text {e.text[:30]!r}: a duplicate fix only removes")
        removed = squash(raw[e.start:e.end])
        gone = lost_copies(removed, out, noise)
        if gone:
            bad.append(f"{_where(f)} removes {len(removed)} chars, and {gone[0][:40]!r} of them "
                       f"has no copy left: {removed[:40]!r}")
    return bad


def _edits(raw: str, f: Finding):
    """(visible text an edit reads, text it writes, how to name it) per edit of f."""
    for e in f.edits:
        yield squash(raw[e.start:e.end]), e.text, f"{_where(f)} edit {raw[e.start:e.end][:30]!r} -> {e.text[:30]!r}"


def check_jump(raw: str, f: Finding) -> list[str]:
    bad = [f"{_where(f)} flags {raw[s.start:s.end]!r}, no jump marker"
           for s in f.spans if not JUMP_TEXT.match(squash(raw[s.start:s.end]))]
    bad += [f"{what} is more than a marker's removal"
            for old, new, what in _edits(raw, f) if squash(new) or (old and not JUMP_TEXT.match(old))]
    return bad


def check_char(raw: str, f: Finding) -> list[str]:
    """Each edit changes characters in place: as many visible characters as it
    reads it writes; or it puts back one lost character; or it reads a
    stuttered character once (的的 -> 的, or the second 的 removed). A line break between the
    characters it reads is white space of a hard-wrapped line, never text."""
    bad = []
    for old, new, what in _edits(raw, f):
        if WS.search(new):
            bad.append(f"{what} writes white space")
        elif len(old) == len(new) or (not old and len(new) == 1) or (len(new) == 1 and old == new * 2):
            continue
        elif not new and len(old) == 1 and f.detail("from") == old * 2 and f.detail("to") == old:
            continue  # the stutter's second character only (its edit need not span a cut between them)
        else:
            bad.append(f"{what} is no in-place character fix")
    lost = Counter(CJK.findall(raw)) - Counter(CJK.findall(apply_fixes(raw, [f]).text))
    if sum(lost.values()) > len(f.edits):
        bad.append(f"{_where(f)} accepted alone loses {sum(lost.values())} CJK chars with "
                   f"{len(f.edits)} edits: {_show(lost)!r}")
    return bad


def check_punct(raw: str, f: Finding) -> list[str]:
    """Each edit maps marks to marks, one for one; only a dash OCR read as 一一,
    -- or -一 becomes —— (two marks), and a lost opening quotation mark may be put back."""
    bad = []
    for old, new, what in _edits(raw, f):
        if not all(c in PUNCT_CHARS for c in old + new):
            bad.append(f"{what} touches more than punctuation")
        elif len(old) != len(new) and not (DASH_READINGS.fullmatch(old) and new == "——") \
                and not (not old and new in "“‘"):
            bad.append(f"{what} changes the length of more than a dash")
    return bad


def check_space(raw: str, f: Finding) -> list[str]:
    return [f"{_where(f)} edit {raw[e.start:e.end][:30]!r} -> {e.text!r} removes more than white space"
            for e in f.edits if squash(raw[e.start:e.end]) or e.text]


# The function words a CHAR fix reads once where OCR read them twice (characters._STUTTER).
STUTTER_CHARS = "的了是在和与及"
# The marks a carried fix reads (look-alikes, kana, letters in numbers and in
# AI, half-width punctuation) and writes; a rewrite's other differences are
# Chinese characters swapped for Chinese characters (the page vocabulary's 危 -> 厄).
CARRIED_FROM = set(PAIRS) | set(KANA) | set("OolI") | PUNCT_CHARS
CARRIED_TO = set("".join(PAIRS.values())) | set(KANA.values()) | set("01I") | PUNCT_CHARS | {"大"}


def order_difference(raw: str, f: Finding, noise: Counter) -> tuple[Counter, Counter]:
    """(lost, gained) visible characters of a reading-order rewrite accepted
    alone, against the raw text less the noise lines in its region (noise
    marks must not cancel the marks the rewrite writes: “ ” stand in noise too)."""
    out = apply_fixes(raw, [f]).text
    base = visible(raw) - noise
    after = visible(out)
    return base - after, after - base


def check_order(raw: str, f: Finding, noise: Counter) -> list[str]:
    """The rebuilt region holds the raw region's characters. What may differ:
    the noise lines the region spans (dropped, like every noise line), and
    what the carried look-alike and punctuation fixes change. Those swap one
    character for another (人 -> 入, 危 -> 厄, , -> ，, " -> ”), read a dash
    (一一 or -- -> ——) or put back one lost character. So: every lost mark
    is one such fixes read and every gained mark one they write; Chinese
    characters only swap, at most one per carried fix (a character fix has
    one edit); and apart from the dash readings, nothing goes unreplaced."""
    lost, gained = order_difference(raw, f, noise)
    carried = int(f.detail("carried", "0"))
    bad = []
    odd_lost = {c: n for c, n in lost.items() if not CJK.match(c) and c not in CARRIED_FROM}
    odd_gained = {c: n for c, n in gained.items() if not CJK.match(c) and c not in CARRIED_TO}
    if odd_lost:
        bad.append(f"{_where(f)} loses marks no carried fix reads: {odd_lost}")
    if odd_gained:
        bad.append(f"{_where(f)} adds marks no carried fix writes: {odd_gained}")
    dashes = lost["一"] + lost["-"]
    cjk_lost = sum(n for c, n in lost.items() if CJK.match(c) and c != "一")
    cjk_gained = sum(n for c, n in gained.items() if CJK.match(c))
    if cjk_lost > carried or cjk_gained > carried + 1:
        bad.append(f"{_where(f)} swaps {cjk_lost} -> {cjk_gained} Chinese characters with {carried} carried fixes")
    # Only a stuttered function word (的的 -> 的) goes without a replacement.
    stutters = sum(lost[c] for c in STUTTER_CHARS)
    if cjk_lost - cjk_gained > stutters:
        bad.append(f"{_where(f)} loses {cjk_lost - cjk_gained} Chinese characters: {_show(lost)!r}")
    if sum(lost.values()) - dashes - stutters > sum(gained.values()):
        bad.append(f"{_where(f)} loses {sum(lost.values())} chars and writes {sum(gained.values())} "
                   f"({dashes} dash readings, {stutters} stutters): {_show(lost)!r}")
    return bad


def check_alone(raw: str, f: Finding, findings: list[Finding]) -> list[str]:
    """Every violation of finding f accepted alone on raw (findings: the page's,
    for its noise lines; only those inside the range f's edits touch count)."""
    noise = noise_chars(raw, findings, reach(f)) if f.edits else Counter()
    if f.kind in REARRANGING:
        return check_rearranging(raw, f, noise) if f.edits else []
    if f.kind is FindingKind.DUPLICATE:
        return check_duplicate(raw, f, noise)
    if f.kind is FindingKind.JUMP:
        return check_jump(raw, f)
    if f.kind is FindingKind.CHAR:
        return check_char(raw, f)
    if f.kind is FindingKind.PUNCT:
        return check_punct(raw, f)
    if f.kind is FindingKind.SPACE:
        return check_space(raw, f)
    if f.kind is FindingKind.ORDER:
        return check_order(raw, f, noise)
    if f.kind is FindingKind.CAPTION:
        return [f"{_where(f)} has edits: a caption finding only flags"] if f.edits else []
    return [f"{_where(f)}: no rule for this kind"]


def explained_loss(raw: str, chosen: list[Finding], applied: set[str], findings: list[Finding]) -> Counter:
    """The visible characters the applied fixes among chosen may take away:
    noise, what applied duplicate fixes remove, what character-level fixes
    read, and what a rewrite loses beyond its own carried fixes' reach (none)."""
    allowed = noise_chars(raw, findings)
    for f in chosen:
        if f.id not in applied:
            continue
        if f.kind in (FindingKind.DUPLICATE, FindingKind.CHAR, FindingKind.PUNCT):
            for e in f.edits:
                allowed.update(squash(raw[e.start:e.end]))
        elif f.kind is FindingKind.ORDER:
            lost, _ = order_difference(raw, f, noise_chars(raw, findings, reach(f)))
            allowed.update(lost)
    return allowed


def _canonical() -> dict[int, str]:
    """One character for each set of look-alikes (人/入, 力/カ, 0/O, 日/曰 ...)."""
    groups = [{k, *v} for k, v in PAIRS.items()] + [{k, v} for k, v in KANA.items()]
    groups += [set("0Oo"), set("1lI"), set("日曰")]
    out: dict[int, str] = {}
    for g in groups:
        rep = min(out.get(ord(c), c) for c in g)
        for c in g:
            out[ord(c)] = rep
    return out


_LOOKALIKE = _canonical()


def uncovered(text: str, within: str, k: int = 6) -> list[str]:
    """The stretches of text that no k-character piece of within covers: where
    text has no copy in within. Look-alikes count as the same character (one
    copy may have been read with 入 for 人). Near either end of text fewer
    pieces reach a character, so a covered run is carried on to the end by
    pieces of three characters, as far as they stand in within."""
    shown, text, within = text, text.translate(_LOOKALIKE), within.translate(_LOOKALIKE)
    covered = bytearray(len(text))
    pieces = {within[i:i + k] for i in range(len(within) - k + 1)}
    for i in range(len(text) - k + 1):
        if text[i:i + k] in pieces:
            covered[i:i + k] = b"\1" * k
    if any(covered):
        small = {within[i:i + 3] for i in range(len(within) - 2)}
        first, last = covered.index(1), len(covered) - 1 - covered[::-1].index(1)
        while first > 0 and text[first - 1:first + 2] in small:
            first -= 1
            covered[first] = 1
        while last < len(text) - 1 and text[last - 1:last + 2] in small:
            last += 1
            covered[last] = 1
    return [shown[m.start():m.end()] for m in re.finditer(b"\0+", bytes(covered))]


def lost_copies(removed: str, within: str, noise: Counter) -> list[str]:
    """The stretches of removed text that have no copy in within: not covered
    by its pieces (uncovered), nor standing in it whole (a copy cut before a
    photo: 目前，英国 | noise, caption | 气象局每日...), nor noise or a speck."""
    flat = within.translate(_LOOKALIKE)
    return [t for t in uncovered(removed, within)
            if t.translate(_LOOKALIKE) not in flat and _more_than_a_speck(t, noise)]


def check_together(raw: str, chosen: list[Finding], findings: list[Finding]) -> list[str]:
    """chosen (some of the page's findings) accepted together: every visible
    character stays unless explained_loss accounts for it."""
    cleaned = apply_fixes(raw, chosen)
    lost = visible(raw) - visible(cleaned.text)
    applied = set(cleaned.applied)
    unexplained = lost - explained_loss(raw, chosen, applied, findings)
    kinds = ", ".join(sorted({f.kind.value for f in chosen}))
    bad = []
    if unexplained:
        bad.append(f"{len(chosen)} findings ({kinds}) accepted together lose "
                   f"{sum(unexplained.values())} chars no fix accounts for: {_show(unexplained)!r}")
    # What a duplicate fix removes is a copy only while the other copy stays:
    # two fixes must not remove both. The copies are compared as read (the raw
    # text less the applied duplicate fixes), before any look-alike is fixed.
    dups = [f for f in chosen if f.kind is FindingKind.DUPLICATE and f.id in applied]
    rest, noise = squash(apply_fixes(raw, dups).text), noise_chars(raw, findings)
    for f in dups:
        for e in f.edits:
            gone = lost_copies(squash(raw[e.start:e.end]), rest, noise)
            if gone:
                bad.append(f"{_where(f)} with {len(chosen)} findings ({kinds}) removes {gone[0][:40]!r}, "
                           f"of which no copy is left")
    return bad


def audit(raw: str, findings: list[Finding]) -> list[str]:
    """Every violation on one page: each finding alone, then all together."""
    bad = text_taken_for_noise(raw, findings)
    for f in findings:
        bad += check_alone(raw, f, findings)
    bad += check_together(raw, findings, findings)
    return bad
