"""The proofreader's actions on a page (proofdesk.session), without Qt.

Hand-made findings pin the text logic; the demo issue in a real SQLite store
covers the store round trips. Tests on the demo pick findings from what the
analysis returns (the first with a fix, ...), never hard-coded counts.
"""
from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from proofdesk.errors import ConflictError, InputError
from proofdesk.findings import Edit, Finding, FindingKind, Span
from proofdesk.fixes import apply_fixes
from proofdesk.session import (FindingState, PageSession, PageState, apply_edits, change_size, char_diff,
                               correction_key, decide_everywhere, demo_files, find_in_issue, find_in_text,
                               open_demo, proposal_text, replace_in_issue, same_corrections, text_edits,
                               trim_edit)
from proofdesk.store import PageStatus, Store

RAW = "今天己经下雨了 ,明天也许晴。\n\n第二段文字在这里，\n\n继续写完。"


def _f(kind, start, end, text, conf=0.9):
    return Finding(kind, (Span(start, end),), "说明", "note", conf, (Edit(start, end, text),))


def findings():
    i = RAW.index("己")
    sp = RAW.index(" ,")
    cut = RAW.index("，\n\n继") + 1
    return [
        _f(FindingKind.CHAR, i, i + 1, "已"),
        _f(FindingKind.SPACE, sp, sp + 1, ""),
        _f(FindingKind.PUNCT, sp + 1, sp + 2, "，"),
        _f(FindingKind.CONTINUATION, cut, cut + 2, ""),
        Finding(FindingKind.JUMP, (Span(0, 2),), "标记", "marker", 0.8),  # a flag without a fix
    ]


def test_nothing_decided_is_the_raw_text():
    s = PageState(RAW, findings())
    assert s.text == RAW
    assert all(s.state(f.id) is FindingState.OPEN for f in s.findings)
    assert s.open_count() == len(s.findings)


def test_accept_reject_edit_clear():
    fs = findings()
    s = PageState(RAW, fs)
    out = s.accept(fs[0].id)
    assert s.text == out.text == RAW.replace("己", "已")
    assert apply_edits(RAW, out.edits) == out.text
    s.reject(fs[1].id)
    assert s.text == RAW.replace("己", "已")
    assert s.state(fs[1].id) is FindingState.REJECTED
    s.edit(fs[2].id, "；")
    assert s.text == RAW.replace("己", "已").replace(" ,", " ；")
    assert s.proposal(fs[2].id) == "；"
    s.clear(fs[0].id)
    assert s.text == RAW.replace(" ,", " ；")
    assert s.state(fs[0].id) is FindingState.OPEN


def test_edit_of_a_flag_without_fix_replaces_its_span():
    fs = findings()
    s = PageState(RAW, fs)
    s.edit(fs[4].id, "昨天")
    assert s.text == "昨天" + RAW[2:]


def test_accept_kind_takes_only_open_findings_of_that_kind_with_a_fix():
    fs = findings() + [_f(FindingKind.CHAR, RAW.index("晴"), RAW.index("晴") + 1, "睛")]
    s = PageState(RAW, fs)
    s.reject(fs[-1].id)
    s.accept_kind(FindingKind.CHAR)
    assert s.state(fs[0].id) is FindingState.ACCEPTED
    assert s.state(fs[-1].id) is FindingState.REJECTED
    assert "已" in s.text and "睛" not in s.text


def test_free_typing_survives_later_decisions():
    fs = findings()
    s = PageState(RAW, fs)
    at = s.text.index("继续")
    s.type_edit(at, at, "【补】")
    s.accept(fs[0].id)
    s.accept(fs[3].id)  # joins the paragraphs right before the typed text
    assert "已经" in s.text and "【补】继续" in s.text
    assert "，继续" not in s.text and "这里，【补】继续" in s.text
    s.clear(fs[0].id)
    assert "己经" in s.text and "【补】" in s.text


def test_remaining_findings_stay_mapped_through_typing_and_fixes():
    fs = findings()
    s = PageState(RAW, fs)
    s.type_edit(0, 0, "编者按：")
    s.accept(fs[3].id)
    for f in (fs[0], fs[1], fs[2]):
        (a, b), = s.current_ranges(f.id)
        assert s.text[a:b] == RAW[f.start:f.end]
        assert s.to_raw(a) == f.start


def test_typing_cannot_go_outside_the_page():
    s = PageState(RAW, findings())
    with pytest.raises(InputError):
        s.type_edit(0, len(RAW) + 5, "x")


def test_snapshot_round_trip_and_next_open():
    fs = findings()
    s = PageState(RAW, fs)
    snap = s.snapshot()
    s.accept(fs[0].id)
    s.type_edit(0, 0, "X")
    back = s.restore_snapshot(snap)
    assert s.text == RAW and back.text == RAW and s.state(fs[0].id) is FindingState.OPEN
    order = [f.id for f in s.findings]
    s.accept(fs[0].id)
    assert s.next_open(order[-1]) == next(fid for fid in order if fid != fs[0].id)
    assert s.next_open(order[1], backwards=True) != fs[0].id


def test_colliding_fix_is_reported_as_dropped():
    i = RAW.index("己")
    a = _f(FindingKind.CHAR, i, i + 1, "已", 0.9)
    b = _f(FindingKind.PUNCT, i, i + 2, "已经", 0.5)
    s = PageState(RAW, [a, b])
    s.accept(a.id)
    s.accept(b.id)
    rows = {r.id: r for r in s.rows()}
    assert rows[b.id].dropped and not rows[a.id].dropped


def test_text_edits_and_char_diff():
    a, b = "甲乙丙丁戊", "甲丙丁己戊庚"
    assert apply_edits(a, text_edits(a, b)) == b
    assert "".join(t for op, t in char_diff(a, b) if op >= 0) == b
    assert change_size(a, b) == (2, 1)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 4), st.sampled_from(["accept", "reject", "clear", "type"]),
                          st.integers(0, 40), st.text("甲乙，。 ", max_size=3)), max_size=12))
def test_every_outcome_turns_the_old_text_into_the_new(steps):
    fs = findings()
    s = PageState(RAW, fs)
    for k, action, pos, typed in steps:
        old = s.text
        if action == "type":
            pos = min(pos, len(old))
            out = s.type_edit(pos, pos, typed)
        else:
            out = getattr(s, action)(fs[k].id)
        assert apply_edits(old, out.edits) == out.text == s.text
    # With no typing at all, the text is exactly raw + the accepted fixes.
    if not any(a == "type" for _, a, _, _ in steps):
        accepted = [f for f in fs if s.state(f.id) is FindingState.ACCEPTED]
        assert s.text == apply_fixes(RAW, accepted).text


@settings(max_examples=100, deadline=None)
@given(st.text("甲乙丙 ", max_size=12), st.data())
def test_trim_edit_keeps_the_change_and_drops_the_unchanged_ends(text, data):
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    e = Edit(a, b, data.draw(st.text("甲乙丙 ", max_size=5)))
    t = trim_edit(text, e)
    if t is None:
        assert text[a:b] == e.text
        return
    assert apply_edits(text, [t]) == apply_edits(text, [e])
    assert a <= t.start <= t.end <= b and len(t.text) <= len(e.text)
    assert not (t.text and t.end > t.start and t.text[0] == text[t.start])


def test_proposal_text_and_correction_key():
    fs = findings()
    assert proposal_text(RAW, fs[0]) == "已"
    assert correction_key(RAW, fs[0]) == ("char-error", (("己", "已"),))
    assert correction_key(RAW, fs[4]) is None


def test_find_in_text():
    assert find_in_text("甲乙甲", "甲") == [(0, 1), (2, 3)]
    assert find_in_text("Ab ab", "ab", case=False) == [(0, 2), (3, 5)]
    with pytest.raises(InputError):
        find_in_text("x", "(", regex=True)


def test_core_session_does_not_import_qt():
    code = "import sys, proofdesk.session; assert not any(m.startswith('PySide6') for m in sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True)


# ---- with a real store ------------------------------------------------------

@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "p.sqlite3") as st:
        yield st


@pytest.fixture
def demo(store):
    issue = open_demo(store)
    return issue, store.pages(issue.id)


def first_fix(session):
    return next(f for f in session.findings if f.has_fix)


def test_demo_is_imported_once_and_shows_each_defect_family(store, demo):
    issue, pages = demo
    assert len(pages) == len(demo_files()) >= 2
    assert open_demo(store).id == issue.id
    kinds = {f.kind for p in pages for f in store.findings(p.id)}
    for family in ({FindingKind.DUPLICATE}, {FindingKind.CONTINUATION}, {FindingKind.CAPTION},
                   {FindingKind.JUMP}, {FindingKind.CHAR}, {FindingKind.PUNCT, FindingKind.SPACE}):
        assert kinds & family, family


def test_save_reopen_round_trip(store, demo):
    _, pages = demo
    s = PageSession(store, pages[0].id, "甲")
    assert not s.dirty and s.text == store.raw_text(pages[0].id)
    f = first_fix(s)
    s.accept(f.id)
    s.type_edit(0, 0, "【校】")
    assert s.dirty
    rev = s.save("第一次")
    assert rev.number == 2 and not s.dirty
    assert store.revision_text(pages[0].id, 2) == s.text
    assert store.decisions(pages[0].id)[f.id].state == "accepted"
    assert store.page(pages[0].id).status == PageStatus.IN_PROGRESS
    again = PageSession(store, pages[0].id)
    assert again.text == s.text and again.state(f.id) is FindingState.ACCEPTED and not again.dirty
    # The reopened page still re-applies the typing when a later decision changes the text.
    other = next(g for g in again.findings if g.has_fix and g.id != f.id and again.state(g.id) is FindingState.OPEN)
    again.accept(other.id)
    assert again.text.startswith("【校】")
    again.clear(f.id)
    assert again.decisions().get(f.id) is None
    again.save()
    assert f.id not in store.decisions(pages[0].id)


def test_decisions_only_save_writes_no_revision(store, demo):
    _, pages = demo
    s = PageSession(store, pages[0].id)
    f = next(f for f in s.findings if not f.has_fix)
    s.reject(f.id)
    assert s.dirty
    rev = s.save()
    assert rev.number == 1 and store.decisions(pages[0].id)[f.id].state == "rejected"


def test_conflict_is_raised_and_nothing_is_overwritten(store, demo):
    _, pages = demo
    pid = pages[0].id
    a, b = PageSession(store, pid, "a"), PageSession(store, pid, "b")
    a.type_edit(0, 0, "甲")
    a.save("a")
    b.type_edit(0, 0, "乙")
    with pytest.raises(ConflictError):
        b.save("b")
    assert store.latest_revision(pid).number == 2
    assert store.latest_text(pid).startswith("甲")
    b.rebase()
    rev = b.save("b on top")
    assert rev.number == 3 and store.revision_text(pid, 2).startswith("甲")
    assert store.latest_text(pid).startswith("乙")
    b.reload()
    assert not b.dirty


def test_restore_makes_an_old_revision_the_newest(store, demo):
    _, pages = demo
    pid = pages[0].id
    s = PageSession(store, pid)
    s.type_edit(0, 0, "一")
    s.save()
    s.type_edit(0, 0, "二")
    s.save()
    s.restore(2)
    assert s.base_revision == 4 and s.text == store.revision_text(pid, 2) and not s.dirty
    assert [r.number for r in s.history()] == [1, 2, 3, 4]


def test_recovery_payload_round_trip(store, demo):
    _, pages = demo
    s = PageSession(store, pages[0].id)
    f = first_fix(s)
    s.accept(f.id)
    s.type_edit(0, 0, "恢复")
    back = PageSession.from_recovery(store, s.to_recovery())
    assert back.text == s.text and back.state(f.id) is FindingState.ACCEPTED and back.dirty
    # Saved elsewhere meanwhile: the recovered work must conflict, not overwrite.
    other = PageSession(store, pages[0].id)
    other.type_edit(0, 0, "他")
    other.save()
    with pytest.raises(ConflictError):
        back.save()


def test_status(store, demo):
    _, pages = demo
    s = PageSession(store, pages[1].id)
    s.set_status(PageStatus.PROOFREAD)
    assert store.page(pages[1].id).status == PageStatus.PROOFREAD == s.status()


def test_same_correction_across_the_issue(store, demo):
    issue, pages = demo
    s = PageSession(store, pages[0].id)
    # The correction found on most pages, so the test exercises several pages when the analysis allows.
    fixes = [f for f in s.findings if f.has_fix and f.kind is not FindingKind.LAYOUT]
    best = max(fixes, key=lambda f: len({o.page_id for o in same_corrections(store, issue.id, s.raw, f)}))
    occ = same_corrections(store, issue.id, s.raw, best)
    assert any(o.finding_id == best.id for o in occ)
    for o in occ:
        other_raw = store.raw_text(o.page_id)
        assert correction_key(other_raw, next(f for f in store.findings(o.page_id) if f.id == o.finding_id)) \
            == correction_key(s.raw, best)
    revs = decide_everywhere(store, occ, FindingState.ACCEPTED, "甲", skip_page=pages[0].id)
    assert len(revs) == len({o.page_id for o in occ} - {pages[0].id})
    for o in occ:
        if o.page_id != pages[0].id:
            assert store.decisions(o.page_id)[o.finding_id].state == "accepted"
            assert PageSession(store, o.page_id).state(o.finding_id) is FindingState.ACCEPTED


def test_find_and_replace_across_the_issue(store, demo):
    issue, pages = demo
    needle = "园林"
    hits = find_in_issue(store, issue.id, needle)
    assert hits and all(store.latest_text(h.page_id)[h.start:h.end] == needle for h in hits)
    chosen = hits[::2]  # the proofreader unticks every other match
    before = {p.id: store.latest_text(p.id).count(needle) for p in pages}
    replace_in_issue(store, chosen, needle, "绿化", author="甲")
    for p in pages:
        n = sum(1 for h in chosen if h.page_id == p.id)
        assert store.latest_text(p.id).count(needle) == before[p.id] - n


# ---- restoring an old revision: decisions agree with the restored text ---------

def test_restore_rederives_decisions_from_the_restored_text(store, demo):
    _, pages = demo
    pid = pages[0].id
    s = PageSession(store, pid, "甲")
    fixes = [f for f in s.findings if f.has_fix and not f.partial]
    a, b, c = fixes[0], fixes[1], fixes[2]
    s.accept(a.id)
    s.reject(c.id)
    s.save("a")                         # revision 2: a in, c rejected
    s.accept(b.id)
    s.type_edit(0, 0, "【手改】")
    s.save("b")                         # revision 3: a, b in, plus typing
    s.restore(2)
    assert s.text == store.revision_text(pid, 2) and not s.dirty
    assert s.state(a.id) is FindingState.ACCEPTED
    assert s.state(b.id) is FindingState.OPEN      # its fix is not in revision 2
    assert s.state(c.id) is FindingState.REJECTED  # a rejection agrees with a text without the fix
    assert s.decided.text == s.text                 # nothing left over as typing: the states explain the text
    stored = store.decisions(pid)
    assert stored[a.id].state == "accepted" and b.id not in stored
    # Accepting b now gives revision 2 with b's fix: applied once, not on top of itself.
    s.accept(b.id)
    assert s.text == apply_fixes(s.raw, [a, b]).text
    # Back to the raw text: every fix open again, the rejection kept.
    s.save("b again")
    s.restore(1)
    assert s.text == s.raw and {k: v[0] for k, v in s.decisions().items()} == {c.id: FindingState.REJECTED}
    reopened = PageSession(store, pid)
    assert reopened.decisions() == s.decisions() and not reopened.dirty


def test_restore_keeps_an_edited_proposal_and_typing(store, demo):
    _, pages = demo
    pid = pages[0].id
    s = PageSession(store, pid)
    f = next(f for f in s.findings if f.has_fix and not f.partial and len(proposal_text(s.raw, f)) <= 3)
    g = next(g for g in s.findings if g.has_fix and not g.partial and g.id != f.id
             and (g.end <= f.start or g.start >= f.end))
    s.edit(f.id, "〔改〕")
    s.type_edit(len(s.text), len(s.text), "（完）")
    s.save("edited")                    # revision 2
    s.accept(g.id)
    s.save("g")                         # revision 3
    s.restore(2)
    assert s.state(f.id) is FindingState.EDITED and s.edited_text(f.id) == "〔改〕"
    assert s.state(g.id) is FindingState.OPEN
    assert s.text.endswith("（完）") and s.text == store.revision_text(pid, 2)
    # Once the edit is cleared the store no longer knows it: restored, it is the proofreader's typing
    # (text exact, finding open), never a fix the text does not hold.
    s.clear(f.id)
    s.save("cleared")
    s.restore(2)
    assert s.text == store.revision_text(pid, 2) and s.state(f.id) is FindingState.OPEN


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_decisions_read_back_from_any_decided_text(data):
    from proofdesk.session import decisions_for_text
    raw = demo_files()[data.draw(st.integers(0, len(demo_files()) - 1))][1].decode("utf-8")
    fs = _demo_findings(raw)
    fixes = [f for f in fs if f.has_fix]
    chosen = data.draw(st.lists(st.sampled_from(fixes), unique_by=lambda f: f.id)) if fixes else []
    cleaned = apply_fixes(raw, chosen)
    got = decisions_for_text(raw, fs, cleaned.text, {}, FindingState)
    accepted = [f for f in fs if got.get(f.id, (FindingState.OPEN,))[0] is FindingState.ACCEPTED]
    # The derived decisions rebuild the same text (a fix dropped in a collision may read either way).
    assert apply_fixes(raw, accepted).text == cleaned.text
    assert {f.id for f in chosen if f.id in cleaned.applied and not f.partial} <= {f.id for f in accepted}


_FINDINGS: dict[str, list] = {}


def _demo_findings(raw):
    if raw not in _FINDINGS:
        from proofdesk.analysis import analyze
        _FINDINGS[raw] = analyze(raw).findings
    return _FINDINGS[raw]


# ---- issue-wide changes: planned, written, undone -----------------------------

def test_issue_wide_replace_is_written_undone_and_redone(store, demo):
    from proofdesk.session import plan_replacements, write_pages
    issue, pages = demo
    needle = "园林"
    hits = [h for h in find_in_issue(store, issue.id, needle)]
    before = {p.id: store.latest_text(p.id) for p in pages}
    plan = plan_replacements(store, hits, needle, "绿化")
    assert {w.page_id for w in plan} == {h.page_id for h in hits}
    write_pages(store, plan, "甲")
    assert all(needle not in store.latest_text(w.page_id) for w in plan)
    write_pages(store, plan, "甲", undo=True)
    assert {p.id: store.latest_text(p.id) for p in pages} == before
    assert all(store.history(w.page_id)[-1].message.startswith("undo: ") for w in plan)
    write_pages(store, plan, "甲")   # redo
    # Someone saves one of the pages: undo must not overwrite them, nor touch any other page.
    w0 = plan[0]
    other = PageSession(store, w0.page_id, "乙")
    other.type_edit(0, 0, "乙")
    other.save()
    latest = {w.page_id: store.latest_revision(w.page_id).number for w in plan}
    with pytest.raises(ConflictError):
        write_pages(store, plan, "甲", undo=True)
    assert {w.page_id: store.latest_revision(w.page_id).number for w in plan} == latest
    assert store.latest_text(w0.page_id).startswith("乙")


def test_issue_wide_decision_undo_restores_the_decisions(store, demo):
    from proofdesk.session import plan_decisions, write_pages
    issue, pages = demo
    s = PageSession(store, pages[0].id)
    f = max((f for f in s.findings if f.has_fix and f.kind is not FindingKind.LAYOUT),
            key=lambda f: len({o.page_id for o in same_corrections(store, issue.id, s.raw, f)}))
    occ = same_corrections(store, issue.id, s.raw, f)
    plan = plan_decisions(store, occ, FindingState.ACCEPTED, skip_page=pages[0].id)
    assert plan, "the demo should repeat a correction on another page"
    write_pages(store, plan)
    for o in occ:
        if o.page_id != pages[0].id:
            assert store.decisions(o.page_id)[o.finding_id].state == "accepted"
    write_pages(store, plan, undo=True)
    for o in occ:
        if o.page_id != pages[0].id:
            assert o.finding_id not in store.decisions(o.page_id)
            assert PageSession(store, o.page_id).text == store.raw_text(o.page_id)


# ---- the side-by-side diff as aligned rows ------------------------------------

_LINES = st.text(alphabet="甲乙己已，。 \n", max_size=60)


@settings(max_examples=300, deadline=None)
@given(_LINES, _LINES)
def test_aligned_rows_give_back_both_texts_and_face_unchanged_lines(a, b):
    from proofdesk.session.aligned_diff import aligned_rows, side_text
    rows = aligned_rows(a, b)
    assert side_text(rows, "left") == a and side_text(rows, "right") == b
    for r in rows:
        assert r.left is not None or r.right is not None
        if not r.changed:
            assert r.left == r.right and all(op == 0 for op, _ in r.left)
        else:
            assert all(op <= 0 for op, _ in r.left or ()) and all(op >= 0 for op, _ in r.right or ())


def test_aligned_rows_pad_the_shorter_side_of_a_hunk():
    from proofdesk.session.aligned_diff import aligned_rows
    rows = aligned_rows("一\n二\n三\n四", "一\n二改\n四")
    assert [(r.left is None, r.right is None, r.changed) for r in rows] == \
        [(False, False, False), (False, False, True), (False, True, True), (False, False, False)]
    assert rows[1].right == ((0, "二"), (1, "改"))
    # A joined paragraph break: the blank line faces a filler, the next paragraph faces itself.
    rows = aligned_rows("甲。\n\n乙。", "甲。\n乙。")
    assert [(r.left, r.right) for r in rows] == [(((0, "甲。"),), ((0, "甲。"),)), ((), None),
                                                 (((0, "乙。"),), ((0, "乙。"),))]


def test_aligned_rows_face_each_unchanged_line_with_itself_on_a_cleaned_page():
    from proofdesk.analysis import analyze
    from proofdesk.session.aligned_diff import aligned_rows
    raw = "\n\n".join(data.decode("utf-8") for _, data in demo_files()) * 3
    cleaned = analyze(raw).cleaned().text
    rows = aligned_rows(raw, cleaned)
    raw_lines = raw.split("\n")
    kept = [r for r in rows if r.right and "".join(t for _, t in r.right) in raw_lines]
    assert len(kept) >= 10  # the check below has lines to look at
    # A line the fixes left alone faces itself, not a neighbour shifted by the removed blank lines.
    assert all("".join(t for _, t in (r.left or ())) == "".join(t for _, t in r.right) for r in kept
               if not any(op for op, _ in r.right))


# ---- page_diff: fine-grained and local on long pages with repeated text -------

def _repeated_page(copies: int) -> str:
    base = "\n\n".join(data.decode("utf-8") for _, data in demo_files())
    return "\n\n".join(base.replace("青禾", f"青禾{n}区") for n in range(1, copies + 1))


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_page_diff_gives_back_both_texts(data):
    from proofdesk.session.text import page_diff
    a = _repeated_page(2)
    edits = data.draw(st.lists(st.tuples(st.integers(0, len(a)), st.integers(0, 30), st.text("已，。甲\n", max_size=4)),
                               max_size=30))
    b = a
    for at, n, text in sorted(edits, reverse=True):
        b = b[:at] + text + b[at + n:]
    d = page_diff(a, b)
    assert "".join(t for op, t in d if op <= 0) == a and "".join(t for op, t in d if op >= 0) == b


@settings(max_examples=6, deadline=None)
@given(st.data())
def test_decisions_read_back_on_a_long_page_of_repeated_text(data):
    # Forty near-identical copies: a diff straight from raw pairs a fixed paragraph with an unfixed
    # copy of it elsewhere; the derived decisions must still rebuild the text exactly.
    from proofdesk.session import decisions_for_text
    raw = _LONG.setdefault("raw", _repeated_page(40))
    fs = _demo_findings(raw)
    fixes = [f for f in fs if f.has_fix]
    share = data.draw(st.sampled_from([0.2, 0.5, 0.9]))
    rng = __import__("random").Random(data.draw(st.integers(0, 2 ** 32)))
    chosen = [f for f in fixes if rng.random() < share]
    cleaned = apply_fixes(raw, chosen)
    previous = {f.id: (FindingState.ACCEPTED, None) for f in fixes[::3]}
    got = decisions_for_text(raw, fs, cleaned.text, previous, FindingState)
    accepted = [f for f in fs if got.get(f.id, (FindingState.OPEN,))[0] is FindingState.ACCEPTED]
    assert apply_fixes(raw, accepted).text == cleaned.text


_LONG: dict[str, str] = {}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab己已\n", max_size=40), st.text(alphabet="ab己已\n", max_size=40), st.integers(0, 40))
def test_index_map_is_diff_xindex(a, b, loc):
    from proofdesk.session.text import DMP, index_map
    diffs = DMP.diff_main(a, b, False)
    if diffs:  # DMP's own diff_xIndex fails on an empty diff
        loc = min(loc, len(a) - 1) if a else 0
        assert index_map(diffs)(loc) == DMP.diff_xIndex(diffs, loc)


def test_a_row_can_be_built_before_the_list_of_rows(tmp_path):
    """_row on a fresh page (no cached excerpts) used to hit an unbound local."""
    from proofdesk.session import PageState
    from proofdesk.analysis import analyze

    raw = "市里今年新建了三座公园，绿地面积比去年增加了一成。园林部门表示，新公园都配有健\n\n身步道。"
    a = analyze(raw)
    state = PageState(raw, a.findings)
    fid = next(f.id for f in a.findings if f.has_fix)
    rows = state.rows_for([fid])
    assert [r.id for r in rows] == [fid] and rows[0].state.value == "open"


def test_a_page_state_reads_its_columns_once_and_orders_them(shared):
    from proofdesk.analysis import analyze
    from proofdesk.page.reading import reorder_columns
    raw = (shared / "corpus" / "raw" / "news-0001.txt").read_text("utf-8")
    a = analyze(raw)
    p = PageState(raw, a.findings)
    cols = p.columns()
    assert len(cols) == 4 and p.columns() is cols
    order = next(f for f in a.findings if f.kind is FindingKind.ORDER)
    assert p.column_order_text(order.id, [1, 0, 2, 3]) == reorder_columns(raw, [1, 0, 2, 3])
    other = next(f for f in a.findings if f.kind is not FindingKind.ORDER)
    with pytest.raises(ValueError, match="no reading-order finding"):
        p.column_order_text(other.id, [1, 0, 2, 3])
    # A page without a reading-order finding has no columns to order.
    assert PageState("一行文字。\n", []).columns() == []
