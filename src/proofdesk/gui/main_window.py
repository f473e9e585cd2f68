"""The main window: navigator, raw and cleaned panes, findings list, legend.

This module assembles the window: the widgets and their layout, the window
title, opening a page. It holds no proofreading logic: every action is a
PageSession call wrapped in a QUndoCommand (undo.py). What the window does is
in its mixins, one concern each:
- review_actions.ReviewActions: decide findings, move between them, find/replace;
- file_actions.FileActions: save, history, import, export, recovery, closing;
- text_changes.TextChanges: edits between the session and the cleaned pane;
- pane_marks.PaneMarks: every finding's marks in both panes;
- selection.FindingSelection: the current finding between the list and the panes;
- view_actions.ViewActions: zoom, language, help.
"""
from __future__ import annotations

import dataclasses
import getpass

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QIcon, QUndoStack
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QMainWindow,
                               QSizePolicy, QSplitter, QTableView, QVBoxLayout, QWidget)

from proofdesk.findings import FindingKind
from proofdesk.gui import actions as window_actions
from proofdesk.gui.dialogs import HelpOverlay, QtPrompter
from proofdesk.gui.file_actions import FileActions
from proofdesk.gui.finding_details import FindingDetails
from proofdesk.gui.findings_model import PROPOSAL_COL, FindingsFilter, FindingsModel
from proofdesk.gui.highlight import FindingHighlighter, Legend
from proofdesk.gui.navigator import Navigator
from proofdesk.gui.pane_marks import PaneMarks
from proofdesk.gui.panes import ScrollSync, TextPane
from proofdesk.gui.proposal_editor import ProposalDelegate
from proofdesk.gui.recovery import INTERVAL_MS, RecoveryFiles
from proofdesk.gui.review_actions import ReviewActions
from proofdesk.gui.selection import FindingSelection
from proofdesk.gui.strings import language, tr
from proofdesk.gui.text_changes import TextChanges
from proofdesk.gui.view_actions import ViewActions
from proofdesk.session import FindingState, PageSession
from proofdesk.store import PageStatus


def _login() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 (no user name in this environment: leave it empty)
        return ""


def app_icon() -> QIcon:
    from importlib import resources
    icon = QIcon()
    folder = resources.files("proofdesk.resources") / "icons"
    for name in ("proofdesk-32.png", "proofdesk-64.png", "proofdesk-256.png"):
        icon.addFile(str(folder / name))
    return icon


class MainWindow(ReviewActions, FileActions, TextChanges, PaneMarks, FindingSelection, ViewActions,
                 QMainWindow):
    def __init__(self, store, author: str | None = None, prompter=None):
        super().__init__()
        self.store = store
        self.author = author if author is not None else _login()
        self.prompter = prompter or QtPrompter(self)
        self.session: PageSession | None = None
        self.undo = QUndoStack(self)
        # A step keeps the page text before it (shared with the step before); bound the memory on long pages.
        self.undo.setUndoLimit(500)
        self.undo.indexChanged.connect(self._undo_moved)
        self.recovery = RecoveryFiles(store.path)
        self._applying = False
        self._current: str | None = None
        self._states: dict[str, FindingState] = {}
        self._dropped: set[str] = set()
        self._issue_title = ""
        self.setWindowIcon(app_icon())
        self._build()
        self.action_map = window_actions.build(self)
        self._fill_status_menu()
        self.navigator.fill(store)
        self.recovery_timer = QTimer(self)
        self.recovery_timer.setInterval(INTERVAL_MS)
        self.recovery_timer.timeout.connect(self.write_recovery)
        self.recovery_timer.start()
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(300)
        self._refresh_timer.timeout.connect(self._refresh_changed)
        self._update_title()

    # ---- layout
    def _build(self) -> None:
        self.resize(1400, 860)
        self.navigator = Navigator()
        self.navigator.page_chosen.connect(self.open_page)
        self.navigator.status_chosen.connect(self.set_page_status)

        self.raw = TextPane(read_only=True)
        self.cleaned = TextPane(read_only=False)
        self._clicked_in = None
        self.raw.clicked.connect(lambda off: self._pane_clicked(self.raw, self.raw_marks, off))
        self.cleaned.clicked.connect(lambda off: self._pane_clicked(self.cleaned, self.clean_marks, off))
        self.raw.explain = lambda pos: self._explain(self.raw, self.raw_marks, pos)
        self.cleaned.explain = lambda pos: self._explain(self.cleaned, self.clean_marks, pos)
        self.cleaned.document().contentsChange.connect(self._typed)
        # Created after _typed is connected, so the marks have moved before Qt re-highlights a block.
        self.raw_marks, self.clean_marks = FindingHighlighter(self.raw), FindingHighlighter(self.cleaned)
        self.sync = ScrollSync(self.raw, self.cleaned, self._raw_to_clean, self._clean_to_raw)
        self.raw_title, self.cleaned_title = QLabel(), QLabel()
        panes = QSplitter(Qt.Horizontal)
        for title, pane in ((self.raw_title, self.raw), (self.cleaned_title, self.cleaned)):
            box = QWidget()
            lay = QVBoxLayout(box)
            lay.setContentsMargins(0, 0, 0, 0)
            lay.addWidget(title)
            lay.addWidget(pane)
            panes.addWidget(box)

        self.model = FindingsModel(self)
        self.proxy = FindingsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.AscendingOrder)  # page order until a header is clicked
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        # Only the proposal column is editable (F2 / E open it too: on_edit).
        self.table.setEditTriggers(QAbstractItemView.DoubleClicked)
        self.proposal_delegate = ProposalDelegate(self.table)
        self.table.setItemDelegateForColumn(PROPOSAL_COL, self.proposal_delegate)
        self.model.proposal_edited.connect(self._proposal_edited)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        header.resizeSection(0, 130)
        header.resizeSection(PROPOSAL_COL, 220)
        header.resizeSection(3, 80)
        header.resizeSection(4, 100)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.kind_filter, self.state_filter = QComboBox(), QComboBox()
        self.kind_filter.currentIndexChanged.connect(self._filter_changed)
        self.state_filter.currentIndexChanged.connect(self._filter_changed)
        self.kind_label, self.state_label = QLabel(), QLabel()
        filters = QHBoxLayout()
        for w in (self.kind_label, self.kind_filter, self.state_label, self.state_filter):
            filters.addWidget(w)
        filters.addStretch(1)
        self.findings_title = QLabel()
        findings_box = QWidget()
        fl = QVBoxLayout(findings_box)
        fl.setContentsMargins(0, 0, 0, 0)
        fl.addWidget(self.findings_title)
        fl.addLayout(filters)
        # The list beside the selected finding in full (a long proposal is read there, not in a cell).
        self.details = FindingDetails()
        list_and_details = QSplitter(Qt.Horizontal)
        list_and_details.addWidget(self.table)
        list_and_details.addWidget(self.details)
        list_and_details.setSizes([760, 400])
        fl.addWidget(list_and_details)

        self.legend_box = QWidget()
        self.legend_box.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)
        self.legend_layout = QVBoxLayout(self.legend_box)
        self.legend_layout.setContentsMargins(0, 0, 0, 0)
        right = QSplitter(Qt.Vertical)
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.legend_box)
        tl.addWidget(panes)
        right.addWidget(top)
        right.addWidget(findings_box)
        right.setSizes([540, 280])
        outer = QSplitter(Qt.Horizontal)
        outer.addWidget(self.navigator)
        outer.addWidget(right)
        outer.setSizes([240, 1160])
        self.setCentralWidget(outer)
        self.counts = QLabel()
        self.statusBar().addPermanentWidget(self.counts)
        self.help_overlay = HelpOverlay(self, window_actions.help_rows())
        self._retranslate()

    def _retranslate(self) -> None:
        self.raw_title.setText(f"<b>{tr('raw')}</b>")
        self.cleaned_title.setText(f"<b>{tr('cleaned')}</b>")
        self.findings_title.setText(f"<b>{tr('findings')}</b>")
        self.kind_label.setText(tr("filter.kind"))
        self.state_label.setText(tr("filter.state"))
        for box, items in ((self.kind_filter, [(k.label_zh if language() == "zh" else k.label_en, k)
                                                for k in FindingKind]),
                           (self.state_filter, [(tr(f"state.{s.value}"), s) for s in FindingState])):
            box.blockSignals(True)
            current = box.currentIndex()
            box.clear()
            box.addItem(tr("filter.all"), None)
            for label, value in items:
                box.addItem(label, value)
            box.setCurrentIndex(max(0, current))
            box.blockSignals(False)
        while self.legend_layout.count():
            self.legend_layout.takeAt(0).widget().deleteLater()
        self.legend = Legend()
        self.legend_layout.addWidget(self.legend)
        self.model.headerDataChanged.emit(Qt.Horizontal, 0, self.model.columnCount() - 1)
        self.navigator.setHeaderLabel(tr("navigator"))
        self.details.retranslate(self.session, self._current)

    def _fill_status_menu(self) -> None:
        self.status_menu.clear()
        for status in PageStatus:
            act = self.status_menu.addAction(tr(f"status.{status.value}"))
            act.triggered.connect(lambda _=False, s=status: self.session and self.set_page_status(
                self.session.page_id, s))

    def _undo_moved(self, _index: int) -> None:
        self._update_title()

    def _update_title(self) -> None:
        s = self.session
        dirty = bool(s and s.dirty)
        self.setWindowModified(dirty)
        where = ""
        if s is not None:
            where = f"{self._issue_title} · {tr('page', number=s.info.number)}[*] — "
        self.setWindowTitle(f"{where}{tr('app')}")
        if s is not None:
            self.counts.setText(tr("open.count", open=s.open_count(), total=len(s.findings)))
            self.navigator.update_page(dataclasses.replace(s.info, open_findings=s.open_count()))

    # ---- opening a page
    def open_page(self, page_id: int) -> bool:
        if self.session is not None and self.session.page_id == page_id:
            return True
        if not self.maybe_save():
            return False
        self.load_session(PageSession(self.store, page_id, self.author))
        return True

    def load_session(self, session: PageSession) -> None:
        self.session = session
        self._issue_title = self.store.issue(session.info.issue_id).title
        self.undo.clear()
        self.raw_marks.clear()
        self.clean_marks.clear()
        self._applying = True
        try:
            self.sync.enabled = False
            self.raw.set_core_text(session.raw)
            self.cleaned.set_core_text(session.text)
        finally:
            self._applying = False
            self.sync.enabled = True
        self.model.change_of, self.model.proposal_of = session.change, session.proposal
        self.model.set_rows(session.rows())
        self._current = None
        self.refresh_highlights()
        self.navigator.fill(self.store, session.page_id)
        self._update_title()
        # Start on the first open finding a reader can see (layout findings touch every separator).
        first = next((f.id for f in session.findings if f.kind is not FindingKind.LAYOUT
                      and session.state(f.id) is FindingState.OPEN), session.next_open())
        if first is not None:
            self.select_finding(first)

    # ---- page status
    def set_page_status(self, page_id: int, status: PageStatus) -> None:
        if self.session is not None and self.session.page_id == page_id:
            self.session.set_status(status)
        else:
            self.store.set_status(page_id, status)
        self.navigator.fill(self.store, self.session.page_id if self.session else None)

    # ---- offsets between the panes, for the scroll sync
    def _raw_to_clean(self, raw_pos: int) -> int:
        return self.session.to_current(raw_pos) if self.session else raw_pos

    def _clean_to_raw(self, pos: int) -> int:
        return self.session.to_raw(pos) if self.session else pos
