"""Start the desktop editor.

Start-up order:
1. parse the arguments (no Qt yet, so `--help` is instant and errors are plain text);
2. early init: choose the UI language, find the database, note whether it is new;
3. import Qt and the window (late: the core and the CLI never pay for it);
4. create the QApplication, set the CJK font and the icon, install the excepthook
   that writes recovery copies and shows the crash dialog;
5. open the store (a store error is a message, not a traceback), build the window;
6. offer recovery copies left by a crash; on a new database open the demo issue;
7. show the window and run the event loop.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="proofdesk gui", description="Open the ProofDesk desktop editor.")
    add_arguments(p)
    return p


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="PATH", help="project database (default: the one in your user data folder)")
    p.add_argument("--lang", choices=("zh", "en"), help="interface language (default: from the locale, Chinese)")
    p.add_argument("--demo", action="store_true", help="open the built-in demo issue")
    p.add_argument("--author", help="name recorded with your revisions (default: your login name)")
    p.add_argument("--quit-after-show", action="store_true", help=argparse.SUPPRESS)  # start-up benchmark


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return run(args)


def run(args) -> int:
    from proofdesk.gui.strings import choose_language
    from proofdesk.store import default_db_path

    choose_language(getattr(args, "lang", None))
    db = Path(args.db) if args.db else default_db_path()
    first_run = not db.exists()
    db.parent.mkdir(parents=True, exist_ok=True)

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from proofdesk.errors import ProofDeskError
    from proofdesk.gui.panes import text_font
    from proofdesk.gui.strings import tr

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("ProofDesk")
    app.setOrganizationName("ProofDesk")
    app.setFont(text_font(10))
    app.setDesktopFileName("proofdesk")
    install_qt_translations(app)

    from proofdesk.gui.main_window import MainWindow, app_icon
    from proofdesk.store import Store

    app.setWindowIcon(app_icon())
    try:
        store = Store(db)
    except ProofDeskError as e:
        QMessageBox.critical(None, tr("error.title"), str(e))
        print(f"proofdesk: {e}", file=sys.stderr)
        return 2
    window = MainWindow(store, author=args.author)
    install_excepthook(window)
    restored = window.offer_recovery()
    if not restored and (first_run or args.demo):
        window.on_demo()
    elif not restored:
        window.open_first_page()
    window.show()
    if getattr(args, "quit_after_show", False) or os.environ.get("PROOFDESK_QUIT_AFTER_SHOW") == "1":
        QTimer.singleShot(0, app.quit)
    try:
        return app.exec()
    finally:
        store.close()


def install_qt_translations(app) -> None:
    """Qt's own texts (dialog buttons, context menus) in the interface language."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    from proofdesk.gui.strings import language

    if language() != "zh":
        return
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    app._qt_translators = []  # keep them alive as long as the app
    for name in ("qtbase", "qt"):
        translator = QTranslator(app)
        if translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), name, "_", path):
            app.installTranslator(translator)
            app._qt_translators.append(translator)


def install_excepthook(window) -> None:
    """Bugs reach a crash dialog (after a recovery copy is written); user errors never come here."""
    from proofdesk.gui.dialogs import crash_text, show_crash

    def hook(exc_type, exc, tb):
        details = crash_text(exc_type, exc, tb)
        sys.stderr.write(details)
        try:
            window.write_recovery()
        except Exception:  # noqa: BLE001 - the crash dialog must still appear
            pass
        if os.environ.get("PROOFDESK_NO_DIALOGS") != "1":
            show_crash(window, details)

    sys.excepthook = hook


if __name__ == "__main__":
    sys.exit(main())
