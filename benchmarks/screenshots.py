"""Save screenshots of the desktop editor into docs/ (offscreen).

    python benchmarks/screenshots.py [--lang zh|en] [--out docs] [--interleaved PAGE] [--wrapped PAGE]

1. docs/gui-main.png: the main window on the demo issue, a finding selected;
2. docs/gui-edit.png: the same window with a proposal open in the in-place editor
   of the findings list (F2 / E);
3. docs/gui-history.png: the history view of that page after two saved revisions,
   with the side-by-side diff between them (aligned rows, fillers where a line is missing);
4. docs/gui-order.png: a page whose columns are interleaved line by line (default
   ../shared/corpus/raw/news-0001.txt) with its reading-order finding selected: the
   region in the raw pane, the description and the rebuilt paragraphs beside the list;
5. docs/gui-order-accepted.png: the same after accepting it: the cleaned pane holds
   the rebuilt paragraphs;
6. docs/gui-reflow.png: a column-by-column OCR page, hard-wrapped, with a reflow
   finding selected (--wrapped, e.g. a tesseract output; by default an article of
   ../shared/corpus/articles set as tesseract prints a column: no indent, a blank
   line between paragraphs).
7. docs/gui-columns.png: the column order of that interleaved page (Ctrl+Shift+O),
   its third column moved up one place.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lang", choices=("zh", "en"), default="zh")
    ap.add_argument("--out", default=str(ROOT / "docs"))
    ap.add_argument("--interleaved", type=Path, default=SHARED / "corpus" / "raw" / "news-0001.txt")
    ap.add_argument("--wrapped", type=Path, help="a hard-wrapped OCR page (default: one built from an article)")
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
    suffix = '' if args.lang == 'zh' else '-en'
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "shots.sqlite3") as store:
        win = MainWindow(store, author="校对员", prompter=ScriptedPrompter(default="yes"))
        win.resize(1500, 900)
        win.on_demo()
        win.show()
        demo_views(win, app, out, suffix, args.lang)
        wrapped = args.wrapped.read_bytes() if args.wrapped else wrapped_article().encode("utf-8")
        line_page_views(win, app, out, suffix, [(args.interleaved.name, args.interleaved.read_bytes()),
                                                ((args.wrapped or Path("wrapped.txt")).name, wrapped)])
        win.session = None
        win.close()
    return 0


def demo_views(win, app, out: Path, suffix: str, lang: str) -> None:
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

    win.save("接受第一处修改" if lang == "zh" else "first fix accepted")
    for f in fixes[2:6]:
        if s.state(f.id).value == "open":
            win.select_finding(f.id)
            win.on_accept()
    win.save("接受更多修改" if lang == "zh" else "more fixes accepted")
    dlg = win.on_history()
    dlg.resize(1300, 760)
    n = len(dlg.revisions)
    dlg.select_pair(dlg.revisions[max(0, n - 2)].number, dlg.revisions[n - 1].number)
    for _ in range(3):  # the diff scrolls to its first change once laid out
        app.processEvents()
    dlg.grab().save(str(out / f"gui-history{suffix}.png"))
    dlg.close()
    print(f"findings on the demo page: {len(s.findings)} ({len(fixes)} with a fix); "
          f"revisions: {n}; screenshots in {out}")


def wrapped_article() -> str:
    """An article set as tesseract prints a column: printed lines, no indent, blank lines between paragraphs."""
    sys.path.insert(0, str(ROOT / "tests"))
    from column_text import wrap_column
    headline, *paragraphs = [ln.strip() for ln in (SHARED / "corpus" / "articles" / "news-0004.txt")
                             .read_text("utf-8").splitlines() if ln.strip()]
    return "\n\n".join([headline] + ["\n".join(wrap_column([p], indent="")) for p in paragraphs]) + "\n"


def line_page_views(win, app, out: Path, suffix: str, files: list[tuple[str, bytes]]) -> None:
    """The reading-order finding of the interleaved page (open, then accepted), a reflow of the wrapped one."""
    store = win.store
    issue = store.create_issue("行级 OCR 版面")
    pages = store.import_pages(issue.id, files)
    views = (("reading-order", "gui-order", True), ("reflow", "gui-reflow", False))
    for (file_name, _), page, (kind, name, accept) in zip(files, pages, views):
        win.open_page(page.id)
        s = win.session
        f = next((f for f in s.findings if f.kind.value == kind and f.has_fix), None)
        if f is None:
            print(f"{file_name}: no {kind} finding, no {name} screenshot")
            continue
        win.select_finding(f.id, focus_list=True)
        app.processEvents()
        win.grab().save(str(out / f"{name}{suffix}.png"))
        if kind == "reading-order":
            column_order_view(win, app, out, suffix)
        if accept:
            win.on_accept()
            win.select_finding(f.id, focus_list=True)
            app.processEvents()
            win.grab().save(str(out / f"{name}-accepted{suffix}.png"))
        print(f"{file_name}, {kind}: {f.message_en}")
        win.save("截图" if suffix == "" else "screenshots")


def column_order_view(win, app, out: Path, suffix: str) -> None:
    """The column order dialog of the open interleaved page, its third column moved up."""
    from proofdesk.gui.column_order import ColumnOrderDialog
    from proofdesk.gui.strings import tr
    from proofdesk.page.reading import columns_of

    dialog = ColumnOrderDialog(win, tr("columns.title"), tr("columns.label"), columns_of(win.session.raw))
    dialog.show()
    dialog.list.setCurrentRow(2)
    dialog.move(-1)
    app.processEvents()
    dialog.grab().save(str(out / f"gui-columns{suffix}.png"))
    dialog.close()


if __name__ == "__main__":
    sys.exit(main())
