"""Save screenshots of the desktop editor into docs/ (offscreen).

    python benchmarks/screenshots.py [--lang zh|en] [--out docs]

1. docs/gui-main.png: the main window on the demo issue, a finding selected;
2. docs/gui-edit.png: the same window with a proposal open in the in-place editor
   of the findings list (F2 / E);
3. docs/gui-history.png: the history view of that page after two saved revisions,
   with the side-by-side diff between them (aligned rows, fillers where a line is missing).
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lang", choices=("zh", "en"), default="zh")
    ap.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "docs"))
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtWidgets import QApplication

    from proofdesk.gui.dialogs import ScriptedPrompter
    from proofdesk.gui.main_window import MainWindow
    from proofdesk.gui.panes import text_font
    from proofdesk.gui.strings import set_language
    from proofdesk.store import Store

    set_language(args.lang)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setFont(text_font(10))
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "shots.sqlite3") as store:
        win = MainWindow(store, author="校对员", prompter=ScriptedPrompter(default="yes"))
        win.resize(1500, 900)
        win.on_demo()
        win.show()
        s = win.session
        fixes = [f for f in s.findings if f.has_fix]

        def first(kind, exclude=()):
            return next((f for f in fixes if f.kind.value == kind and f.id not in exclude), None)

        # Accept a character fix (the cleaned pane marks the change), reject a punctuation
        # proposal, then select an open finding with a fix: the list shows every state.
        for kind, act in (("char-error", win.on_accept), ("punctuation", win.on_reject)):
            f = first(kind)
            if f is not None:
                win.select_finding(f.id)
                act()
        target = first("broken-continuation") or next((f for f in fixes if s.state(f.id).value == "open"), None)
        if target is not None:
            win.select_finding(target.id, focus_list=True)
        app.processEvents()
        suffix = '' if args.lang == 'zh' else '-en'
        win.grab().save(str(out / f"gui-main{suffix}.png"))

        # The in-place editor on the selected finding's proposal, a moved caption over several
        # lines (opened, shown, cancelled).
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        if target is not None:
            win.on_edit()
            app.processEvents()
            editor = app.focusWidget()
            editor.moveCursor(editor.textCursor().MoveOperation.End)
            app.processEvents()
            win.grab().save(str(out / f"gui-edit{suffix}.png"))
            QTest.keyClick(editor, Qt.Key_Escape)
            app.processEvents()

        win.save("接受第一处修改" if args.lang == "zh" else "first fix accepted")
        for f in fixes[2:6]:
            if s.state(f.id).value == "open":
                win.select_finding(f.id)
                win.on_accept()
        win.save("接受更多修改" if args.lang == "zh" else "more fixes accepted")
        dlg = win.on_history()
        dlg.resize(1300, 760)
        n = len(dlg.revisions)
        dlg.select_pair(dlg.revisions[max(0, n - 2)].number, dlg.revisions[n - 1].number)
        for _ in range(3):  # the diff scrolls to its first change once laid out
            app.processEvents()
        dlg.grab().save(str(out / f"gui-history{suffix}.png"))
        print(f"findings on the demo page: {len(s.findings)} ({len(fixes)} with a fix); "
              f"revisions: {n}; screenshots in {out}")
        win.session = None
        win.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
