"""Scoring helpers shared by the tests and benchmarks of generated pages.

../shared/eval/score.py is imported from its path (it is not a package) and
used as is. lost_text() states the invariant "no text that is not a duplicate
is deleted"; explain_failures() and missing_sentences() say what went wrong in
words a detector writer can act on.
"""
from __future__ import annotations

import re
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
WS = re.compile(r"\s+")


def squash(text: str) -> str:
    """score.py ignores all white space; so do the checks."""
    return WS.sub("", text)


def run_checks(checks: list[dict], cleaned: str) -> list[dict]:
    """The checks with pass/fail, by score.py's own rules."""
    score = load_score()
    lines = score.lines_of(cleaned)
    flat = "".join(lines)
    return [dict(c, passed=score.check_passes(c, lines, flat)) for c in checks]


_SCORE = None


def load_score():
    """../shared/eval/score.py, imported from its path (it is not a package)."""
    global _SCORE
    if _SCORE is None:
        import importlib.util

        spec = importlib.util.spec_from_file_location("proofdesk_shared_score", SHARED / "eval" / "score.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        _SCORE = module
    return _SCORE


def lost_text(gold: str, cleaned: str) -> list[str]:
    """Stretches of the gold that are nowhere in the cleaned text (white space ignored).

    The invariant "no text that is not a duplicate is deleted": the gold holds
    each passage once, so every gold character must survive cleaning. Allowed
    differences: a character-level fix (a replacement of at most two characters,
    or an insertion), and a block that moved (a caption put after the paragraph
    it interrupted stands elsewhere, but stands).
    """
    import difflib

    a, b = squash(gold), squash(cleaned)
    ops = [op for op in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()]
    clusters, cur = [], None
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal" and i2 - i1 >= 3:
            if cur:
                clusters.append(cur)
                cur = None
            continue
        cur = [cur[0], i2, cur[2], j2] if cur else [i1, i2, j1, j2]
    if cur:
        clusters.append(cur)
    lost = []
    for i1, i2, j1, j2 in clusters:
        g, c = a[i1:i2], b[j1:j2]
        if not g or _is_subsequence(g, c) or _stands_elsewhere(g, b):
            continue
        if len(g) == len(c) and sum(x != y for x, y in zip(g, c)) <= 2:
            continue  # look-alike characters read another way
        if len(g) <= 2 and len(c) >= len(g):
            continue
        lost.append(g)
    return lost


def _stands_elsewhere(g: str, b: str) -> bool:
    """g is in b, give or take two characters at either end (the alignment may take its neighbours)."""
    return any(g[i:len(g) - j] in b for i in range(3) for j in range(3) if len(g) - i - j >= 3)


def _is_subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(ch in it for ch in small)


def explain_failures(page, cleaned: str) -> list[str]:
    """One line per failed check: seed, damage, raw excerpt, and what cleaning made of it."""
    out = []
    lines = [ln for ln in cleaned.splitlines() if ln.strip()]
    by_id = {d["id"]: d for d in page.damages}
    for c in run_checks(page.checks, cleaned):
        if c["passed"]:
            continue
        dmg = by_id.get(c.get("damage"), {"kind": c["defect"], "excerpt": ""})
        probe = c.get("text") or c.get("a", "")
        probe_short = squash(probe)[:6]
        near = [ln for ln in lines if probe_short and probe_short in squash(ln)]
        got = " ⏎ ".join(_around(squash(ln), probe_short) for ln in near[:3]) or "(not found)"
        what = c.get("text") or f'{c.get("a")} | {c.get("b")}'
        out.append(f"seed {page.seed} {dmg['kind']:<10} {c['kind']:<7} {what}\n"
                   f"    raw: {dmg.get('excerpt', '')}\n    cleaned: {got}")
    return out


def _around(line: str, probe: str, width: int = 30) -> str:
    i = line.find(probe)
    return ("…" if i > width else "") + line[max(0, i - width):i + len(probe) + width] + \
        ("…" if i + len(probe) + width < len(line) else "")


def missing_sentences(gold: str, cleaned: str) -> list[str]:
    """Gold sentences (score.py's definition) not found as often as in the gold."""
    score = load_score()
    flat, gold_flat = squash(cleaned), squash(gold)
    return [s for s in dict.fromkeys(score.sentences(gold)) if flat.count(s) != gold_flat.count(s)]
