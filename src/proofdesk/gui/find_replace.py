"""Find (Ctrl+F) and find-and-replace (Ctrl+H) in the page or across the issue.

Every match is listed with its context and a check box, so each replacement is
reviewed before it happens. One replacement is one undo step of the window: the
open page changes like any edit, other pages get one saved revision each, which
undo puts back with another saved revision (undo.IssueCommand).
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QPushButton, QRadioButton, QVBoxLayout)

from proofdesk.errors import ProofDeskError
from proofdesk.gui.strings import tr
from proofdesk.session import Occurrence, find_in_issue, find_in_text


class FindReplaceDialog(QDialog):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.setWindowTitle(tr("find.title"))
        self.resize(560, 460)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.find_edit = QLineEdit()
        self.replace_edit = QLineEdit()
        self.replace_label = QLabel(tr("find.replace"))
        form.addRow(tr("find.find"), self.find_edit)
        form.addRow(self.replace_label, self.replace_edit)
        lay.addLayout(form)
        opts = QHBoxLayout()
        self.regex = QCheckBox(tr("find.regex"))
        self.case = QCheckBox(tr("find.case"))
        self.case.setChecked(True)
        self.scope_page = QRadioButton(tr("find.scope_page"))
        self.scope_issue = QRadioButton(tr("find.scope_issue"))
        self.scope_page.setChecked(True)
        for w in (self.regex, self.case, self.scope_page, self.scope_issue):
            opts.addWidget(w)
        opts.addStretch(1)
        lay.addLayout(opts)
        buttons = QHBoxLayout()
        self.search_button = QPushButton(tr("find.search"))
        self.next_button = QPushButton(tr("find.next"))
        self.apply_button = QPushButton(tr("find.apply"))
        self.search_button.clicked.connect(self.search)
        self.next_button.clicked.connect(self.find_next)
        self.apply_button.clicked.connect(self.apply)
        self.find_edit.returnPressed.connect(self.search)
        for b in (self.search_button, self.next_button, self.apply_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        lay.addLayout(buttons)
        self.results = QListWidget()
        self.results.itemActivated.connect(self._go)
        self.results.itemClicked.connect(self._go)
        lay.addWidget(self.results)
        self.summary = QLabel()
        lay.addWidget(self.summary)
        self.matches: list[Occurrence] = []

    def open_for(self, replace: bool) -> None:
        for w in (self.replace_label, self.replace_edit, self.apply_button):
            w.setVisible(replace)
        selected = self.window.cleaned.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.find_edit.setText(selected)
        self.show()
        self.raise_()
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def _args(self):
        return self.find_edit.text(), self.regex.isChecked(), self.case.isChecked()

    def search(self) -> list[Occurrence]:
        needle, regex, case = self._args()
        w = self.window
        try:
            if self.scope_issue.isChecked() and w.session is not None:
                self.matches = find_in_issue(w.store, w.session.info.issue_id, needle, regex, case,
                                             texts={w.session.page_id: w.session.text})
            elif w.session is not None:
                text = w.session.text
                self.matches = [Occurrence(w.session.page_id, w.session.info.number, a, b,
                                           text[max(0, a - 12):a] + "【" + text[a:b] + "】" + text[b:b + 12])
                                for a, b in find_in_text(text, needle, regex, case)]
            else:
                self.matches = []
        except ProofDeskError as e:
            self.summary.setText(str(e))
            self.matches = []
        self.results.clear()
        for m in self.matches:
            item = QListWidgetItem(f"{tr('page', number=m.page_number)}  {m.context.replace(chr(10), '⏎')}")
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Checked)
            self.results.addItem(item)
        self.summary.setText(tr("find.count", count=len(self.matches)))
        return self.matches

    def find_next(self) -> None:
        if not self.matches:
            self.search()
        if not self.matches:
            return
        row = (self.results.currentRow() + 1) % len(self.matches)
        self.results.setCurrentRow(row)
        self._go(self.results.item(row))

    def _go(self, item) -> None:
        m = self.matches[self.results.row(item)]
        self.window.reveal_match(m)

    def chosen(self) -> list[Occurrence]:
        return [m for i, m in enumerate(self.matches) if self.results.item(i).checkState() == Qt.Checked]

    def apply(self) -> int:
        needle, regex, case = self._args()
        chosen = self.chosen()
        count = self.window.replace_matches(chosen, needle, self.replace_edit.text(), regex, case)
        self.search()
        self.summary.setText(tr("find.replaced", count=count))
        return count
