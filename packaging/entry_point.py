"""The bundle's executable: `proofdesk` with no command opens the editor,
with a command it is the CLI -- the same proofdesk.cli:main that pip installs.

Two switches exist for the smoke test and the start-up benchmark only (a user
never sets them):
- PROOFDESK_BUNDLE_SELFTEST=1: check the bundle's own contents instead of
  running (version from the bundled metadata, jieba segmenting with the
  bundled dictionary, proofdesk/resources) and print `selftest key=value`.
- PROOFDESK_SMOKE_WINDOW=1: run the app as usual, and once its event loop has
  shown the main window, print one `proofdesk-smoke {json}` line describing
  that window (title, the text of its text views) and quit. This works the
  same on the unbundled app (`python packaging/entry_point.py`), which is the
  benchmark's baseline. PROOFDESK_SMOKE_SCREENSHOT=FILE.png also saves the
  window as drawn, to look at the bundle's fonts and style.
"""
from __future__ import annotations

import json
import os
import sys

SMOKE_MARKER = "proofdesk-smoke"


def selftest() -> int:
    from importlib import metadata
    from importlib.resources import files

    import jieba

    print(f"selftest frozen={getattr(sys, 'frozen', False)}")
    print(f"selftest version={metadata.version('proofdesk')}")
    jieba.setLogLevel(60)  # its "Building prefix dict" chatter goes to stderr
    words = jieba.lcut("报纸校对需要准确的分词")
    print(f"selftest jieba_words={len(jieba.dt.FREQ)}")
    print(f"selftest jieba_cache={jieba.dt.cache_file}")
    print(f"selftest jieba_cut={'/'.join(words)}")
    res = files("proofdesk.resources")
    names = sorted(p.name for p in res.iterdir() if p.name != "__pycache__")
    print(f"selftest resources={','.join(names)}")
    return 0


def describe_main_window() -> dict:
    """What the smoke test checks: the visible main window and what it shows."""
    from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit, QTextEdit

    windows = [w for w in QApplication.topLevelWidgets()
               if isinstance(w, QMainWindow) and w.isVisible()]
    if not windows:
        return {"main_window": False}
    win = windows[0]
    views = [*win.findChildren(QPlainTextEdit), *win.findChildren(QTextEdit)]
    return {
        "main_window": True,
        "title": win.windowTitle(),
        "width": win.width(),
        "height": win.height(),
        "platform": QApplication.platformName(),
        "application_name": QApplication.applicationName(),  # X11 WM_CLASS: the desktop file's StartupWMClass
        "texts": [v.toPlainText() for v in views if v.toPlainText()],
    }


def report_first_window() -> None:
    """Make QApplication.exec() print the main window and quit once it is up.

    A zero-delay timer fires on the event loop's first pass, after the window
    that main() showed before exec() has been laid out and exposed."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    original_exec = QApplication.exec

    def exec_then_report(*_args):
        def report() -> None:
            print(SMOKE_MARKER, json.dumps(describe_main_window(), ensure_ascii=False), flush=True)
            shot = os.environ.get("PROOFDESK_SMOKE_SCREENSHOT")
            if shot:  # the window as this build draws it (fonts, styles), for a person to look at
                for w in QApplication.topLevelWidgets():
                    if w.isWindow() and w.isVisible() and w.inherits("QMainWindow"):
                        w.grab().save(shot)
            QApplication.quit()

        QTimer.singleShot(0, report)
        return original_exec()

    QApplication.exec = exec_then_report


if __name__ == "__main__":
    if os.environ.get("PROOFDESK_BUNDLE_SELFTEST") == "1":
        sys.exit(selftest())
    if os.environ.get("PROOFDESK_SMOKE_WINDOW") == "1":
        report_first_window()
    from proofdesk.cli import main

    sys.exit(main())
