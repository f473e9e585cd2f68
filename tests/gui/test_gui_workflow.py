"""The desktop editor end to end: import, save, conflict, history, diff, restore, export, recovery."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from proofdesk.findings import FindingKind
from proofdesk.session import FindingState, PageSession, demo_files, open_demo
from proofdesk.store import Store

pytestmark = pytest.mark.gui


def first_fix(win, skip=()):
    return next(f for f in win.session.findings if f.has_fix and f.id not in skip
                and f.kind is not FindingKind.LAYOUT and win.session.state(f.id) is FindingState.OPEN)


def accept_first(win):
    f = first_fix(win)
    win.select_finding(f.id)
    win.on_accept()
    return f


def test_import_in_a_worker_thread_with_progress(make_window, store, tmp_path, qtbot):
    win = make_window(demo=False)
    folder = tmp_path / "pages"
    folder.mkdir()
    for name, data in demo_files():
        (folder / name).write_bytes(data)
    job = win.import_paths([folder], new_title="新一期")
    assert job is not None
    qtbot.waitUntil(lambda: job.result is not None, timeout=30000)
    outcome, pages = job.result
    assert outcome == "done" and len(pages) == len(demo_files())
    issue = store.issue("新一期")
    assert [p.id for p in store.pages(issue.id)] == [p.id for p in pages]
    assert set(win.navigator.page_ids()) >= {p.id for p in pages}
    assert win.session is not None and win.session.page_id == pages[0].id  # opened on first import
    # Importing the same files again into that issue fails, names the file, and stores nothing.
    job = win.import_paths([folder], issue_id=issue.id)
    qtbot.waitUntil(lambda: job.result is not None, timeout=30000)
    assert job.result[0] == "failed" and demo_files()[0][0] in win.prompter.errors[-1]
    assert len(store.pages(issue.id)) == len(pages)


def test_import_cancel_stores_nothing_and_bad_file_is_named(make_window, store, tmp_path, qtbot):
    win = make_window(demo=False)
    files = []
    for i in range(3):
        p = tmp_path / f"p{i}.txt"
        p.write_text(f"第{i}版\n\n" + demo_files()[0][1].decode("utf-8"), encoding="utf-8")
        files.append(p)
    from proofdesk.gui.import_dialog import ImportJob
    from proofdesk.io.importing import read_files
    issue = store.create_issue("取消")
    job = ImportJob(win, store.path, issue.id, read_files(files))
    from PySide6.QtWidgets import QPushButton
    job.dialog.findChild(QPushButton).click()  # the progress dialog's Cancel, before the first file
    job.start()
    qtbot.waitUntil(lambda: job.result is not None, timeout=30000)
    assert job.result[0] == "cancelled" and store.pages(issue.id) == []
    # Cancel while the worker runs: the window stays responsive (progress arrives) and nothing is stored.
    many = []
    for i in range(40):
        p = tmp_path / f"m{i}.txt"
        body = "\n\n".join(demo_files()[i % 2][1].decode("utf-8").replace("青禾", f"青禾{i}-{k}区")
                             for k in range(15))  # long pages: the import takes seconds, cancel comes first
        p.write_text(f"第{i}版\n\n" + body, encoding="utf-8")
        many.append(p)
    job = ImportJob(win, store.path, issue.id, read_files(many))
    job.start()
    qtbot.waitUntil(lambda: job.dialog.value() >= 1 or job.result is not None, timeout=30000)
    job.dialog.findChild(QPushButton).click()
    qtbot.waitUntil(lambda: job.result is not None, timeout=60000)
    assert job.result[0] == "cancelled" and store.pages(issue.id) == []
    empty = tmp_path / "空白.txt"
    empty.write_bytes(b"")
    job = win.import_paths([empty, files[0]], issue_id=issue.id)
    qtbot.waitUntil(lambda: job.result is not None, timeout=30000)
    assert job.result[0] == "failed" and "空白.txt" in win.prompter.errors[-1]
    assert store.pages(issue.id) == []
    assert win.import_paths([tmp_path / "无此文件.txt"], issue_id=issue.id) is None
    assert "无此文件.txt" in win.prompter.errors[-1]


def test_save_title_star_and_unsaved_prompt(window):
    s = window.session
    assert "[*]" in window.windowTitle() and not window.isWindowModified()
    accept_first(window)
    assert window.isWindowModified()
    assert window.save("第一次保存")
    assert not window.isWindowModified()
    assert window.store.latest_revision(s.page_id).number == 2
    assert window.store.latest_text(s.page_id) == s.text
    # Leaving a page with unsaved work asks; "cancel" stays, "discard" leaves.
    accept_first(window)
    other = next(pid for pid in window.navigator.page_ids() if pid != s.page_id)
    window.prompter.answers.extend(["cancel"])
    assert not window.open_page(other)
    assert window.session is s and window.prompter.asked[-1][0] == "未保存的修改"
    window.prompter.answers.extend(["discard"])
    assert window.open_page(other)
    assert window.session.page_id == other


def test_save_conflict_is_shown_never_overwritten(window):
    s = window.session
    pid = s.page_id
    elsewhere = PageSession(window.store, pid, "别人")
    elsewhere.type_edit(0, 0, "别处")
    elsewhere.save("别处保存")
    accept_first(window)
    window.prompter.answers.append("cancel")
    assert not window.save("我的")
    assert window.prompter.asked[-1][0] == "保存冲突"
    assert window.store.latest_text(pid).startswith("别处") and window.isWindowModified()
    window.prompter.answers.append("keep")
    assert window.save("我的")
    hist = window.store.history(pid)
    assert [r.message for r in hist][-2:] == ["别处保存", "我的"]
    assert window.store.latest_text(pid) == s.text
    # And "reload" takes theirs.
    elsewhere = PageSession(window.store, pid, "别人")
    elsewhere.type_edit(0, 0, "再")
    elsewhere.save()
    accept_first(window)
    window.prompter.answers.append("reload")
    assert not window.save("又是我的")
    assert window.session.text == window.store.latest_text(pid) == window.cleaned.toPlainText()


def test_history_diff_and_restore(window, qtbot):
    s = window.session
    pid = s.page_id
    f1 = accept_first(window)
    window.save("一")
    f2 = accept_first(window)
    window.save("二")
    dlg = window.on_history()
    qtbot.addWidget(dlg)
    assert dlg.table.rowCount() == 3
    assert [dlg.table.item(i, 3).text() for i in range(3)][1:] == ["一", "二"]
    dlg.select_pair(1, 3)
    a, b = window.store.revision_text(pid, 1), window.store.revision_text(pid, 3)
    removed = "".join(ch for ch in a if ch not in b)
    from proofdesk.gui.diff_panes import side_text
    assert side_text(dlg.left) == a and side_text(dlg.right) == b
    assert "line-through" in dlg.left.toHtml() or not removed
    dlg.inline.setChecked(True)
    assert dlg.single.isVisibleTo(dlg) and not dlg.pair.isVisibleTo(dlg)
    assert len(dlg.single.toPlainText()) >= max(len(a), len(b))
    dlg.table.selectRow(0)
    dlg._restore()
    assert window.store.latest_revision(pid).number == 4
    assert window.store.latest_text(pid) == a == window.cleaned.toPlainText() == window.session.text
    assert dlg.table.rowCount() == 4
    # The finding states agree with the restored text, in the session and in the list.
    def listed(fid):
        return window.model.rows[window.model.row_of(fid)].state
    s = window.session
    assert s.state(f1.id) is s.state(f2.id) is FindingState.OPEN is listed(f1.id) is listed(f2.id)
    dlg.table.selectRow(1)   # revision 2: the first fix only
    dlg._restore()
    s = window.session
    assert window.cleaned.toPlainText() == window.store.revision_text(pid, 2) == s.text == s.decided.text
    assert s.state(f1.id) is FindingState.ACCEPTED is listed(f1.id)
    assert s.state(f2.id) is FindingState.OPEN is listed(f2.id)
    assert not window.isWindowModified()


def test_export_text_and_json(window, tmp_path):
    accept_first(window)
    window.save("导出前")
    out = window.export_issue("text", tmp_path / "issue.txt")
    assert out and window.session.text in (tmp_path / "issue.txt").read_text(encoding="utf-8")
    out = window.export_issue("json", tmp_path / "issue.json")
    data = json.loads((tmp_path / "issue.json").read_text(encoding="utf-8"))
    assert out and len(json.dumps(data, ensure_ascii=False)) > 100
    assert window.session.text in json.dumps(data, ensure_ascii=False) or \
        any(window.session.text == p.get("text") for p in data.get("pages", []))


def test_crash_recovery_is_offered_at_next_start(make_window, store, monkeypatch):
    first = make_window()
    s = first.session
    f = accept_first(first)
    from proofdesk.gui.app import install_excepthook
    monkeypatch.setenv("PROOFDESK_NO_DIALOGS", "1")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook(first)
    sys.excepthook(RuntimeError, RuntimeError("boom"), None)  # a bug: the hook writes the recovery copy
    assert first.recovery.pending() and first.recovery.pending()[0]["page_id"] == s.page_id
    # The next start (a new window on the same database) offers it back.
    second = make_window("yes", demo=False)
    assert second.offer_recovery()
    assert second.session.page_id == s.page_id and second.session.text == s.text
    assert second.session.state(f.id) is FindingState.ACCEPTED and second.isWindowModified()
    assert second.save("恢复后保存")
    assert not second.recovery.pending()
    # Declining drops the copy.
    first.recovery.write(s.to_recovery())
    third = make_window("no", demo=False)
    assert not third.offer_recovery() and not third.recovery.pending()


def test_recovery_timer_writes_every_30_seconds_at_most(window):
    from proofdesk.gui.recovery import INTERVAL_MS
    assert window.recovery_timer.isActive() and window.recovery_timer.interval() <= INTERVAL_MS <= 30_000
    assert window.write_recovery() is None  # nothing unsaved
    accept_first(window)
    path = window.write_recovery()
    assert path is not None and path.exists()


def test_find_and_replace_in_page_and_issue(window):
    s = window.session
    dlg = window._find_dialog()
    dlg.open_for(replace=True)
    needle = next(w for w in ("园林", "公园", "市民") if w in s.text)
    dlg.find_edit.setText(needle)
    dlg.replace_edit.setText("【替】")
    hits = dlg.search()
    assert hits and all(h.page_id == s.page_id for h in hits)
    before = s.text.count(needle)
    dlg.results.item(0).setCheckState(__import__("PySide6.QtCore", fromlist=["Qt"]).Qt.Unchecked)
    steps = window.undo.count()
    dlg.apply()
    assert s.text.count(needle) == 1 and before - 1 == s.text.count("【替】")
    assert window.undo.count() == steps + 1 and window.cleaned.toPlainText() == s.text
    window.on_undo()
    assert s.text.count(needle) == before
    before_here = before
    # Across the issue: other pages get saved revisions; this page an undo step.
    dlg.scope_issue.setChecked(True)
    hits = dlg.search()
    pages = {h.page_id for h in hits}
    before = {pid: window.store.latest_text(pid) for pid in pages}
    steps = window.undo.index()
    dlg.apply()
    for pid in pages - {s.page_id}:
        assert needle not in window.store.latest_text(pid)
    assert needle not in s.text
    # The whole replacement is one undo step, on the other pages too (each put back by a saved revision).
    assert window.undo.index() == window.undo.count() == steps + 1 and len(pages - {s.page_id}) >= 1
    window.on_undo()
    assert s.text.count(needle) == before_here and window.cleaned.toPlainText() == s.text
    for pid in pages - {s.page_id}:
        assert window.store.latest_text(pid) == before[pid]
        assert window.store.history(pid)[-1].message.startswith("undo: ")
    window.on_redo()
    assert all(needle not in window.store.latest_text(pid) for pid in pages - {s.page_id}) and needle not in s.text
    # Someone else saves another page meanwhile: undo shows the conflict, changes nothing, and the step goes.
    from proofdesk.session import PageSession
    pid = sorted(pages - {s.page_id})[0]
    theirs = PageSession(window.store, pid, "乙")
    theirs.type_edit(0, 0, "乙")
    theirs.save("theirs")
    text_here, errors = s.text, len(window.prompter.errors)
    window.on_undo()
    assert len(window.prompter.errors) == errors + 1 and "changed since" in window.prompter.errors[-1]
    assert window.store.latest_text(pid).startswith("乙") and s.text == text_here
    assert window.undo.count() == window.undo.index() == steps


def test_same_correction_across_the_issue(window):
    from proofdesk.session import same_corrections
    s = window.session
    issue = s.info.issue_id
    fixes = [f for f in s.findings if f.has_fix and f.kind is not FindingKind.LAYOUT]
    f = max(fixes, key=lambda f: len({o.page_id for o in same_corrections(window.store, issue, s.raw, f)}))
    window.select_finding(f.id)
    window.prompter.answers.append("accept")
    occ = window.on_everywhere()
    assert occ and "全期同样修改" == window.prompter.asked[-1][0]
    assert all(o.context in window.prompter.asked[-1][1] for o in occ[:40])
    for o in occ:
        if o.page_id == s.page_id:
            assert s.state(o.finding_id) is FindingState.ACCEPTED
        else:
            assert window.store.decisions(o.page_id)[o.finding_id].state == "accepted"
    assert {o.page_id for o in occ} - {s.page_id}, "the demo should repeat a correction on another page"
    window.on_undo()  # one step puts back this page and the others
    for o in occ:
        if o.page_id == s.page_id:
            assert s.state(o.finding_id) is FindingState.OPEN
        else:
            assert o.finding_id not in window.store.decisions(o.page_id)
    assert window.cleaned.toPlainText() == s.text
    window.on_redo()
    for o in occ:
        if o.page_id == s.page_id:
            assert s.state(o.finding_id) is FindingState.ACCEPTED
        else:
            assert window.store.decisions(o.page_id)[o.finding_id].state == "accepted"


def run_app(*args, env_extra=None):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **(env_extra or {}))
    return subprocess.run([sys.executable, "-m", "proofdesk", *args, "--quit-after-show"], env=env,
                          capture_output=True, text=True, timeout=120)


def test_first_run_opens_the_demo_issue_in_a_new_database(tmp_path):
    db = tmp_path / "new.sqlite3"
    done = run_app("gui", "--db", str(db), "--lang", "en")
    assert done.returncode == 0, done.stderr
    with Store(db) as st:
        assert open_demo(st).page_count == len(demo_files())
        assert len(st.issues()) == 1
    # A second start does not import the demo again.
    done = run_app("gui", "--db", str(db))
    assert done.returncode == 0, done.stderr
    with Store(db) as st:
        assert len(st.issues()) == 1


def test_proofdesk_with_no_command_opens_the_editor_on_the_default_database(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PROOFDESK_QUIT_AFTER_SHOW="1",
               XDG_DATA_HOME=str(tmp_path / "data"), HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-m", "proofdesk"], env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    db = tmp_path / "data" / "proofdesk" / "proofdesk.sqlite3"
    with Store(db) as st:
        assert [i.title for i in st.issues()] == [open_demo(st).title]


def test_smoke_flow_shows_the_demo_text_when_the_window_first_appears(tmp_path):
    """The bundle's smoke switch on the unbundled app: the demo page is on screen at first show."""
    root = __import__("pathlib").Path(__file__).resolve().parents[2]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PROOFDESK_SMOKE_WINDOW="1", PROOFDESK_NO_DIALOGS="1",
               XDG_DATA_HOME=str(tmp_path / "data"), HOME=str(tmp_path))
    done = subprocess.run([sys.executable, str(root / "packaging" / "entry_point.py"), "demo"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    lines = [line for line in done.stdout.splitlines() if line.startswith("proofdesk-smoke ")]
    assert len(lines) == 1, done.stdout
    report = json.loads(lines[0].removeprefix("proofdesk-smoke "))
    first = next(line.strip() for line in demo_files()[0][1].decode("utf-8").splitlines() if line.strip())
    assert report["main_window"] and report["platform"] == "offscreen"
    assert any(first in text for text in report["texts"]), report["texts"]
