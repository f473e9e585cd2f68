"""Small dialogs, all behind one Prompter so tests can answer them without a modal loop.

The window asks every question through `window.prompter`. QtPrompter shows real
dialogs; ScriptedPrompter (tests, benchmarks, screenshots) returns queued
answers and records what was asked, so nothing ever blocks.
"""
from __future__ import annotations

import traceback
from collections import deque

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QInputDialog, QLabel, QMessageBox, QVBoxLayout, QWidget

from proofdesk.gui.strings import tr


class QtPrompter:
    """Real dialogs."""

    def __init__(self, parent):
        self.parent = parent

    def choose(self, title: str, text: str, buttons: list[tuple[str, str]], default: str) -> str:
        """buttons: (answer, label); returns the chosen answer ('cancel' when closed)."""
        box = QMessageBox(QMessageBox.Question, title, text, QMessageBox.NoButton, self.parent)
        by_button = {}
        for answer, label in buttons:
            role = QMessageBox.RejectRole if answer == "cancel" else QMessageBox.AcceptRole
            b = box.addButton(label, role)
            by_button[b] = answer
            if answer == default:
                box.setDefaultButton(b)
        box.exec()
        return by_button.get(box.clickedButton(), "cancel")

    def text(self, title: str, label: str, default: str = "") -> str | None:
        value, ok = QInputDialog.getText(self.parent, title, label, text=default)
        return value if ok else None

    def number(self, title: str, label: str, value: int, lo: int, hi: int) -> int | None:
        value, ok = QInputDialog.getInt(self.parent, title, label, value, lo, hi)
        return value if ok else None

    def order(self, title: str, label: str, columns: list) -> list[int] | None:
        """The columns of a rebuilt page in the order the proofreader puts them; None when cancelled."""
        from proofdesk.gui.column_order import ColumnOrderDialog
        dialog = ColumnOrderDialog(self.parent, title, label, columns)
        return dialog.order() if dialog.exec() == ColumnOrderDialog.Accepted else None

    def error(self, title: str, text: str) -> None:
        QMessageBox.critical(self.parent, title, text)


class ScriptedPrompter:
    """Answers from a queue (or a default); records every question."""

    def __init__(self, *answers, default=None):
        self.answers = deque(answers)
        self.default = default
        self.asked: list[tuple[str, str]] = []
        self.errors: list[str] = []

    def _next(self, fallback):
        return self.answers.popleft() if self.answers else (self.default if self.default is not None else fallback)

    def choose(self, title, text, buttons, default):
        self.asked.append((title, text))
        return self._next(default)

    def text(self, title, label, default=""):
        self.asked.append((title, label))
        return self._next(default)

    def number(self, title, label, value, lo, hi):
        self.asked.append((title, label))
        return self._next(value)

    def order(self, title, label, columns):
        self.asked.append((title, label))
        return self._next(list(range(len(columns))))

    def error(self, title, text):
        self.errors.append(text)


class HelpOverlay(QWidget):
    """A translucent sheet over the window listing the shortcuts; Esc or F1 closes it."""

    def __init__(self, parent: QWidget, rows: list[tuple[str, str]]):
        super().__init__(parent)
        self.setAttribute(Qt.WA_StyledBackground, False)
        self.setFocusPolicy(Qt.StrongFocus)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(60, 40, 60, 40)
        title = QLabel(f"<h2>{tr('help.title')}</h2>")
        title.setStyleSheet("color: white;")
        lay.addWidget(title)
        table = "".join(f"<tr><td style='padding:2px 18px 2px 0'><b>{k}</b></td><td>{v}</td></tr>" for k, v in rows)
        body = QLabel(f"<table>{table}</table><p>{tr('help.close')}</p>")
        body.setStyleSheet("color: white; font-size: 14px;")
        body.setTextFormat(Qt.RichText)
        lay.addWidget(body)
        lay.addStretch(1)
        self.hide()

    def toggle(self):
        if self.isVisible():
            self.hide()
            return
        self.setGeometry(self.parentWidget().rect())
        self.raise_()
        self.show()
        self.setFocus()

    def paintEvent(self, ev):  # Qt override
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(20, 20, 30, 215))

    def keyPressEvent(self, ev):  # Qt override
        if ev.key() in (Qt.Key_Escape, Qt.Key_F1):
            self.hide()
            return
        super().keyPressEvent(ev)

    def mousePressEvent(self, ev):  # Qt override
        self.hide()


def crash_text(exc_type, exc, tb) -> str:
    return "".join(traceback.format_exception(exc_type, exc, tb))[-4000:]


def show_crash(parent, details: str) -> None:
    box = QMessageBox(QMessageBox.Critical, tr("crash.title"), tr("crash.text", error=details.splitlines()[-1]),
                      QMessageBox.Ok, parent)
    box.setDetailedText(details)
    box.exec()
