"""Desktop editor figures, offscreen, each against a baseline measured in the same run.

    python benchmarks/bench_gui.py [--chars 100000] [--repeat 5]

1. open a long page with all its highlights (target <= 500 ms)
   baseline: the same two texts put into two bare QPlainTextEdits and painted;
2. accept one finding, both panes and the list updated and painted (target <= 50 ms)
   baseline: one typed character in a bare QPlainTextEdit holding the same text, painted;
3. start-up to the first shown window, as a whole process (target <= 2 s)
   baseline: a process that imports PySide6 and shows an empty QMainWindow;
4. the history view's side-by-side diff (aligned rows) of the long page, raw
   against every fix accepted, laid out and painted
   baseline: the inline diff of the same two revisions in the same dialog;
5. restoring an old revision, decisions re-derived from its text
   baseline: the store's restore plus reopening the page (restore without it).

The long page is the demo issue's text repeated (numbered, so each copy differs)
up to --chars characters; its findings come from the real analysis.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def long_page(chars: int) -> str:
    from proofdesk.session import demo_files
    base = "\n\n".join(data.decode("utf-8") for _, data in demo_files())
    parts, n = [], 0
    while sum(map(len, parts)) < chars:
        n += 1
        parts.append(base.replace("青禾", f"青禾{n}区"))
    return "\n\n".join(parts)[:chars]


def ms(t: float) -> str:
    return f"{t * 1000:.1f} ms"


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def bench_in_process(chars: int, repeat: int) -> None:
    from PySide6.QtWidgets import QApplication, QHBoxLayout, QPlainTextEdit, QWidget

    from proofdesk.gui.dialogs import ScriptedPrompter
    from proofdesk.gui.main_window import MainWindow
    from proofdesk.gui.panes import text_font
    from proofdesk.store import Store

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setFont(text_font(10))
    text = long_page(chars)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.sqlite3") as store:
        issue = store.create_issue("bench")
        t = time.perf_counter()
        page, = store.import_pages(issue.id, [("long.txt", text.encode("utf-8"))])
        t_import = time.perf_counter() - t
        findings = store.findings(page.id)
        print(f"page: {len(text):,} characters, {len(findings)} findings "
              f"({sum(1 for f in findings if f.has_fix)} with a fix); import + analysis {ms(t_import)}")

        # -- baseline 1: two bare panes, same text, painted
        bare = QWidget()
        lay = QHBoxLayout(bare)
        left, right = QPlainTextEdit(), QPlainTextEdit()
        lay.addWidget(left)
        lay.addWidget(right)
        bare.resize(1400, 860)
        bare.show()

        def bare_open():
            left.setPlainText(text)
            right.setPlainText(text)
            app.processEvents()
        base_open = median_time(bare_open, repeat)

        win = MainWindow(store, author="bench", prompter=ScriptedPrompter(default="discard"))
        win.resize(1400, 860)
        win.show()
        app.processEvents()

        def open_page():
            win.session = None
            win.load_session(__import__("proofdesk.session", fromlist=["PageSession"]).PageSession(store, page.id))
            app.processEvents()
        t_open = median_time(open_page, repeat)
        sels = win.raw_marks.count() + win.clean_marks.count()
        print(f"open page with highlights: {ms(t_open)} (target <= 500 ms); {sels} highlight ranges; "
              f"baseline two bare panes {ms(base_open)}; ratio {t_open / base_open:.2f}")

        # -- accept one finding (median over several, each undone afterwards)
        s = win.session
        fixes = [f for f in s.findings if f.has_fix][: max(3, repeat)]
        times = []
        for f in fixes:
            win.select_finding(f.id)
            app.processEvents()
            t = time.perf_counter()
            win.on_accept()
            app.processEvents()
            times.append(time.perf_counter() - t)
            assert win.cleaned.toPlainText() == s.text
            win.on_undo()
            app.processEvents()
        t_accept = statistics.median(times)

        def bare_type():
            c = right.textCursor()
            c.setPosition(len(text) // 2)
            c.insertText("字")
            app.processEvents()
        base_type = median_time(bare_type, repeat)
        print(f"accept one finding, both panes updated: {ms(t_accept)} (target <= 50 ms); "
              f"baseline one typed character in a bare pane {ms(base_type)}; ratio {t_accept / base_type:.2f}")

        # -- one typed character in the cleaned pane of the long page (marks follow, undo step pushed)
        from PySide6.QtCore import QEvent, Qt
        from PySide6.QtGui import QKeyEvent
        win.cleaned.setFocus()
        c = win.cleaned.textCursor()
        c.setPosition(len(text) // 2)
        win.cleaned.setTextCursor(c)

        def type_one():
            for kind in (QEvent.KeyPress, QEvent.KeyRelease):
                app.sendEvent(win.cleaned, QKeyEvent(kind, 0, Qt.NoModifier, "字"))
            app.processEvents()
        t_type = median_time(type_one, repeat)
        assert win.cleaned.toPlainText() == s.text
        print(f"type one character in the cleaned pane: {ms(t_type)}; "
              f"baseline one typed character in a bare pane {ms(base_type)}; ratio {t_type / base_type:.2f}")
        win.session = None
        win.close()
        bare.close()
        bench_history(app, store, page.id, repeat)


def bench_history(app, store, page_id: int, repeat: int) -> None:
    from proofdesk.gui.history_dialog import HistoryDialog
    from proofdesk.session import FindingState, PageSession

    ps = PageSession(store, page_id, "bench")
    first = ps.base_revision
    ps.decide_many({f.id: (FindingState.ACCEPTED, None) for f in ps.findings if f.has_fix})
    last = ps.save("all fixes").number
    dlg = HistoryDialog(ps, lambda n: None)
    dlg.resize(1300, 760)
    dlg.show()

    def diff(side: bool):
        def run():
            (dlg.side if side else dlg.inline).setChecked(True)
            dlg.select_pair(first, last)
            app.processEvents()
            dlg.from_box.setCurrentIndex(-1)  # the next run shows the pair afresh
        return run
    t_side = median_time(diff(True), repeat)
    t_inline = median_time(diff(False), repeat)
    rows = dlg.left.document().blockCount()
    print(f"history side-by-side diff, raw vs all fixes ({rows:,} aligned rows): {ms(t_side)}; "
          f"baseline inline diff {ms(t_inline)}; ratio {t_side / t_inline:.2f}")
    dlg.close()

    numbers = [first, last]
    k = iter(range(10 ** 6))

    def restore_derived():
        ps.restore(numbers[next(k) % 2])

    def restore_plain():
        store.restore(page_id, numbers[next(k) % 2], author="bench")
        PageSession(store, page_id, "bench")
    t_derived = median_time(restore_derived, repeat)
    t_plain = median_time(restore_plain, repeat)
    ps.restore(last)
    explained = ps.decided.text == ps.text  # the re-derived decisions rebuild the restored text
    print(f"restore an old revision, decisions re-derived ({len(ps.findings)} findings): {ms(t_derived)}; "
          f"baseline store restore + reopen {ms(t_plain)}; ratio {t_derived / t_plain:.2f}; "
          f"decisions rebuild the restored text: {explained}")


BASELINE_APP = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
from PySide6.QtCore import QTimer
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.resize(1400, 860); w.show()
QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
"""


def bench_startup(repeat: int) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")

    def run(cmd):
        t = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, capture_output=True, timeout=120)
        return time.perf_counter() - t

    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "start.sqlite3")
        first = run([sys.executable, "-m", "proofdesk", "gui", "--db", db, "--quit-after-show"])
        warm = statistics.median(run([sys.executable, "-m", "proofdesk", "gui", "--db", db, "--quit-after-show"])
                                 for _ in range(repeat))
        base = statistics.median(run([sys.executable, "-c", BASELINE_APP]) for _ in range(repeat))
    print(f"start-up to first shown window (whole process): {ms(warm)} (target <= 2 s); "
          f"first run with the demo import {ms(first)}; "
          f"baseline empty PySide6 window {ms(base)}; ratio {warm / base:.2f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chars", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    bench_in_process(args.chars, args.repeat)
    bench_startup(args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
