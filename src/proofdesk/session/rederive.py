"""Decisions read back from a text: which findings' fixes a given cleaned text contains. Qt-free.

Used when an old revision is restored. The store keeps one decision per finding
(the latest), not one set per revision, so after a restore the recorded
decisions may describe another text: "accepted" for a fix the restored text
lacks, "open" for one it has. Resetting everything to open with the restored
text as the proofreader's own typing would be worse: accepting a finding whose
fix is already in the text would apply it twice. So the decisions are derived
from the restored text itself, fix by fix:

- a fix (or the proofreader's edited proposal) present in the text -> accepted
  (or edited, with that text);
- a fix absent from the text -> open again, unless it was rejected (a rejection
  agrees with any text that lacks the fix, so the proofreader's "no" is kept);
- flags without a fix change no text: their decision is kept as it was.

A fix is "present" when the text around where its edit lands (mapped from raw
through text.page_diff, a character diff that stays fine-grained on long
pages) is closer, by edit distance, to the raw context with the fix than to the
raw context without it. Comparing with a few characters of
context on each side keeps pure insertions and deletions decidable.
"""
from __future__ import annotations

from typing import Callable, Iterable

from proofdesk.findings import Edit, Finding
from proofdesk.fixes import apply_fixes
from proofdesk.session.text import DMP, edit_region, index_map, page_diff, proposal_text

_CONTEXT = 8
_ROUNDS = 4
Decisions = dict  # finding id -> (FindingState, edited text or None)
ToText = Callable[[int], int]  # a raw offset -> the same place in the text


def _present(raw: str, text: str, to_text: ToText, e: Edit) -> bool | None:
    """Does text carry edit e (raw coordinates)? None when e changes nothing."""
    if raw[e.start:e.end] == e.text:
        return None
    a, b = max(0, e.start - _CONTEXT), min(len(raw), e.end + _CONTEXT)
    without = raw[a:b]
    with_fix = raw[a:e.start] + e.text + raw[e.end:b]
    got = text[to_text(a):to_text(b)]
    d_with = DMP.diff_levenshtein(DMP.diff_main(got, with_fix, False))
    d_without = DMP.diff_levenshtein(DMP.diff_main(got, without, False))
    return d_with < d_without


def fix_present(raw: str, text: str, to_text: ToText, f: Finding) -> bool:
    """The finding's fix is in text.

    A whole finding is compared over its whole region: its edits may move a
    block (delete here, insert there), which a character diff can describe
    the other way round. A partial finding (reflow, layout: many small edits
    across the page, each left out alone where it collides with a stronger fix)
    counts as present when at least half of its edits are.
    """
    if not f.partial:
        return bool(_present(raw, text, to_text, Edit(*edit_region(f), proposal_text(raw, f))))
    votes = [v for v in (_present(raw, text, to_text, e) for e in f.edits) if v is not None]
    return bool(votes) and sum(votes) * 2 >= len(votes)


def edited_present(raw: str, text: str, to_text: ToText, f: Finding, edited: str) -> bool:
    lo, hi = edit_region(f)
    return bool(_present(raw, text, to_text, Edit(lo, hi, edited)))


def _applied(findings: list[Finding], decisions: Decisions, states) -> list[Finding]:
    out = []
    for f in findings:
        state, edited = decisions.get(f.id, (states.OPEN, None))
        if state is states.EDITED:
            out.append(f.with_edits((Edit(*edit_region(f), edited or ""),)))
        elif state is states.ACCEPTED:
            out.append(f)
    return out


def _mapping(raw: str, text: str, findings: list[Finding], decisions: Decisions, states) -> ToText:
    """raw -> text through a guess of the decisions: exactly to their decided text (OffsetMap),
    then by a diff that only has to cover where the guess is wrong. A diff straight from raw
    may pair a paragraph with an identical copy elsewhere on the page (a duplicate, a repeated
    credit line) and read the fix of one copy at the other."""
    decided = apply_fixes(raw, _applied(findings, decisions, states))
    if decided.text == text:
        return decided.offsets.to_clean
    to_text = index_map(page_diff(decided.text, text))
    return lambda pos: to_text(decided.offsets.to_clean(pos))


def _derive(raw: str, findings: list[Finding], text: str, to_text: ToText, previous: Decisions,
            states) -> Decisions:
    out: Decisions = {}
    for f in findings:
        state, edited = previous.get(f.id, (states.OPEN, None))
        if state is states.EDITED and edited is not None and edited_present(raw, text, to_text, f, edited):
            out[f.id] = (states.EDITED, edited)
        elif f.edits and fix_present(raw, text, to_text, f):
            out[f.id] = (states.ACCEPTED, None)
        elif f.edits or state is states.EDITED:
            if state is states.REJECTED:
                out[f.id] = (states.REJECTED, None)
        elif state is not states.OPEN:
            out[f.id] = (state, edited)  # a flag without a fix: its decision changes no text
    return out


def decisions_for_text(raw: str, findings: Iterable[Finding], text: str, previous: Decisions,
                       states) -> Decisions:
    """The decisions that agree with text (see the module docstring). states is the FindingState enum
    (passed in so this module does not import page.py, which imports it).

    Offsets are mapped through the previous decisions first (usually close to the
    text's), then through each round's answer until it no longer changes.
    """
    findings = list(findings)
    guess, seen = previous, []
    for _ in range(_ROUNDS):
        derived = _derive(raw, findings, text, _mapping(raw, text, findings, guess, states), previous, states)
        if derived == guess or derived in seen:
            return derived
        seen.append(derived)
        guess = derived
    return derived
