"""The main window: navigator, raw and cleaned panes, findings list, legend.

It holds no proofreading logic: every action is a PageSession call wrapped in a
QUndoCommand (undo.py), and every text change reaches the cleaned pane through
adapters.apply_edits. Review and file actions live in the two mixins.
"""
from __future__ import annotations

import dataclasses
import getpass

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QIcon, QUndoStack
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QMainWindow,
                               QSizePolicy, QSplitter, QTableView, QVBoxLayout, QWidget)

from proofdesk.findings import FindingKind
from proofdesk.gui import actions as window_actions
from proofdesk.gui.adapters import QtOffsets, apply_edits, change_to_edit
from proofdesk.gui.dialogs import HelpOverlay, QtPrompter
from proofdesk.gui.file_actions import FileActions
from proofdesk.gui.findings_model import ID_ROLE, PROPOSAL_COL, FindingsFilter, FindingsModel
from proofdesk.gui.highlight import FindingHighlighter, Legend, current_selections
from proofdesk.gui.navigator import Navigator
from proofdesk.gui.panes import ScrollSync, TextPane
from proofdesk.gui.proposal_editor import ProposalDelegate
from proofdesk.gui.recovery import INTERVAL_MS, RecoveryFiles
from proofdesk.gui.review_actions import ReviewActions
from proofdesk.gui.strings import language, tr
from proofdesk.gui.undo import TypingCommand
from proofdesk.session import FindingState, Outcome, PageSession, trim_edit
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


class MainWindow(ReviewActions, FileActions, QMainWindow):
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
        header.resizeSection(0, 170)
        header.resizeSection(PROPOSAL_COL, 260)
        header.resizeSection(3, 70)
        header.resizeSection(4, 130)
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
        fl.addWidget(self.table)

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
        right.setSizes([560, 260])
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

    # ---- text changes
    def apply_outcome(self, outcome: Outcome) -> None:
        """Show an action's result: its edits in the cleaned pane (one edit block), then the marks."""
        offsets = self.cleaned.offsets
        full = len(outcome.edits) > 40  # many edits (accept all of a kind): rebuilding is cheaper
        touched = set()
        if not full:
            for e in outcome.edits:
                a, b = offsets.to_qt(e.start), offsets.to_qt(e.end)
                touched.update(t[2] for t in self.clean_marks._overlapping(a - 1, b + 1) if t[2])
        for e in sorted(outcome.edits, reverse=True):  # last first: earlier positions stay valid
            a, b = offsets.to_qt(e.start), offsets.to_qt(e.end)
            self.clean_marks.shift(a, b - a, QtOffsets(e.text).to_qt(len(e.text)))
        self._applying = True
        try:
            apply_edits(self.cleaned.document(), offsets, outcome.edits)
            self.cleaned.offsets = QtOffsets(outcome.text)
        finally:
            self._applying = False
        if not self._check_in_step():
            full = True
        if outcome.lost_typing:
            self.statusBar().showMessage(tr("typing.lost"), 8000)
        if full:
            self.model.update_rows(self.session.rows())
            self.refresh_highlights()
        else:
            self._update_highlights(touched)
        self._update_title()

    def _typed(self, position: int, removed: int, added: int) -> None:
        if self._applying or self.session is None:
            return
        s = self.session
        before = s.snapshot()
        offsets = self.cleaned.offsets
        e = trim_edit(s.text, change_to_edit(self.cleaned.document(), offsets, position, removed, added))
        if e is None:
            return  # a format-only notification, not an edit
        a, b = offsets.to_qt(e.start), offsets.to_qt(e.end)
        self.clean_marks.shift(a, b - a, QtOffsets(e.text).to_qt(len(e.text)))
        outcome = s.type_edit(e.start, min(e.end, len(s.text)), e.text)
        self.cleaned.offsets = QtOffsets(outcome.text)
        self._check_in_step()
        self.undo.push(TypingCommand(s, tr("undo.typing"), self.apply_outcome,
                                      Outcome(s.text, outcome.edits), before))
        self._refresh_timer.start()
        self._update_title()

    def _check_in_step(self) -> bool:
        """The pane and the session must hold the same text; if Qt reported an odd change, resync."""
        doc = self.cleaned.document()
        if doc.characterCount() - 1 != self.cleaned.offsets.to_qt(len(self.session.text)):
            text = self.cleaned.toPlainText()
            self.session.set_text(text)
            self.cleaned.offsets = QtOffsets(text)
            return False
        return True

    # ---- highlights and selection
    @staticmethod
    def _marked(f) -> bool:
        # Layout findings touch every paragraph separator: marked only while selected.
        return f.kind is not FindingKind.LAYOUT

    def refresh_highlights(self) -> None:
        """Mark every finding in both panes (opening a page, or after many edits)."""
        s = self.session
        if s is None:
            return
        self._states = {f.id: s.state(f.id) for f in s.findings}
        self._dropped = set(s.decided.dropped)
        raw, clean = {}, {}
        for f in s.findings:
            if self._marked(f):
                raw[f.id], clean[f.id] = self._ranges(f, self._states[f.id])
        self.raw_marks.reset(raw, [])
        self.clean_marks.reset({k: v for k, v in clean.items() if v is not None}, self._changed_qt())
        self._show_current()

    def _ranges(self, f, state: FindingState):
        """(raw marks, cleaned marks or None) of a finding, in document positions."""
        s = self.session
        ro, co = self.raw.offsets, self.cleaned.offsets
        raw = ([(ro.to_qt(a), ro.to_qt(b)) for a, b in s.marks(f.id)], self.raw_marks.fmt(f.kind, state))
        if state not in (FindingState.OPEN, FindingState.REJECTED):
            return raw, None  # accepted or edited: the fix shows as changed text instead
        return raw, ([(co.to_qt(a), co.to_qt(b)) for a, b in s.current_ranges(f.id)],
                     self.clean_marks.fmt(f.kind, state))

    def _changed_qt(self) -> list[tuple[int, int]]:
        co = self.cleaned.offsets
        return [(co.to_qt(a), co.to_qt(b)) for a, b in self.session.changed_ranges()]

    def _update_highlights(self, touched: set[str]) -> None:
        """After a decision or an undo: re-mark only the findings whose state changed or whose text moved."""
        s = self.session
        states = {f.id: s.state(f.id) for f in s.findings}
        changed = {fid for fid, st in states.items() if self._states.get(fid) is not st}
        dropped = set(s.decided.dropped)
        changed_rows = changed | (dropped ^ self._dropped)
        self._states, self._dropped = states, dropped
        self.model.update_some(s.rows_for(changed_rows))
        raw, clean = {}, {}
        for fid in changed | touched:
            f = s.finding(fid)
            if self._marked(f):
                r, c = self._ranges(f, states[fid])
                if fid in changed:
                    raw[fid] = r
                clean[fid] = c
        if raw:
            self.raw_marks.update(raw)
        self.clean_marks.update(clean, self._changed_qt())
        self._show_current()

    def _refresh_changed(self) -> None:
        """After typing: only the changed-text marks move (the highlighter shifts the rest)."""
        if self.session is not None:
            self.clean_marks.update({}, self._changed_qt())

    def _show_current(self) -> None:
        s, fid = self.session, self._current
        raw_sel, clean_sel = [], []
        if s is not None and fid is not None:
            f, state = s.finding(fid), s.state(fid)
            fmt = self.raw_marks.fmt(f.kind, state, True)
            raw_sel = current_selections(self.raw, self.raw.offsets, s.marks(fid), fmt)
            clean_sel = current_selections(self.cleaned, self.cleaned.offsets, s.current_ranges(fid), fmt)
        self.raw.setExtraSelections(raw_sel)
        self.cleaned.setExtraSelections(clean_sel)

    def current_finding(self) -> str | None:
        return self._current

    def _pane_clicked(self, pane, marks, offset: int) -> None:
        """A click on a highlighted finding in either pane selects it (and scrolls the other pane)."""
        if self.session is None:
            return
        fids = marks.at(pane.offsets.to_qt(offset))
        if not fids or self._current in fids:
            return
        self._clicked_in = pane
        try:
            self.select_finding(fids[0])
        finally:
            self._clicked_in = None

    def select_finding(self, fid: str | None, focus_list: bool = False) -> None:
        """Select a finding in the list and scroll both panes to it."""
        if fid is None or self.session is None:
            return
        row = self.model.row_of(fid)
        if row >= 0:
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            if index.isValid():
                self.table.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
                self.table.scrollTo(index)
        self._focus(fid)
        if focus_list:
            self.table.setFocus()

    def _row_changed(self, current, _previous) -> None:
        if current.isValid():
            self._focus(self.proxy.data(current, ID_ROLE))

    def _focus(self, fid: str) -> None:
        if fid == self._current and fid is not None:
            return
        self._current = fid
        s = self.session
        self.sync.enabled = False
        try:
            if self._clicked_in is not self.raw:
                self.raw.reveal(*s.marks(fid)[0])
            if self._clicked_in is not self.cleaned:  # never select under the proofreader's caret
                a, b = s.current_ranges(fid)[0]
                self.cleaned.reveal(a, b)
        finally:
            self.sync.enabled = True
        self._show_current()
        self.statusBar().showMessage(self._describe(fid), 10000)

    def _describe(self, fid: str) -> str:
        s = self.session
        f = s.finding(fid)
        label = f.kind.label_zh if language() == "zh" else f.kind.label_en
        text = f"{label}：{f.message(language())}"
        if f.has_fix or s.state(fid) is FindingState.EDITED:
            text += f"  →「{s.proposal(fid)[:60]}」"
        return text + f"  [{tr('state.' + s.state(fid).value)}]"

    def _explain(self, pane, marks: FindingHighlighter, pos: int) -> str:
        if self.session is None:
            return ""
        return "\n\n".join(self._describe(fid) for fid in marks.at(pane.offsets.to_qt(pos))[:3])

    def _raw_to_clean(self, raw_pos: int) -> int:
        return self.session.to_current(raw_pos) if self.session else raw_pos

    def _clean_to_raw(self, pos: int) -> int:
        return self.session.to_raw(pos) if self.session else pos

    def _filter_changed(self, *_):
        # Qt hands str Enums back as plain str.
        kind, state = self.kind_filter.currentData(), self.state_filter.currentData()
        self.proxy.set_filter(FindingKind(kind) if kind else None, FindingState(state) if state else None)

    # ---- page status
    def set_page_status(self, page_id: int, status: PageStatus) -> None:
        if self.session is not None and self.session.page_id == page_id:
            self.session.set_status(status)
        else:
            self.store.set_status(page_id, status)
        self.navigator.fill(self.store, self.session.page_id if self.session else None)

    # ---- view
    def on_zoom_in(self):
        for pane in (self.raw, self.cleaned):
            pane.zoom(1)

    def on_zoom_out(self):
        for pane in (self.raw, self.cleaned):
            pane.zoom(-1)

    def on_zoom_reset(self):
        for pane in (self.raw, self.cleaned):
            pane.zoom(0)

    def on_help(self):
        self.help_overlay.toggle()

    def on_lang(self):
        from proofdesk.gui.strings import set_language
        set_language("en" if language() == "zh" else "zh")
        self.action_map = window_actions.build(self)
        self._fill_status_menu()
        self.help_overlay.deleteLater()
        self.help_overlay = HelpOverlay(self, window_actions.help_rows())
        self._retranslate()
        self.navigator.fill(self.store, self.session.page_id if self.session else None)
        if self.session:
            self.model.update_rows(self.session.rows())
        self._update_title()

    def resizeEvent(self, ev):  # Qt override
        super().resizeEvent(ev)
        if self.help_overlay.isVisible():
            self.help_overlay.setGeometry(self.rect())
