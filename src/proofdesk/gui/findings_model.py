"""The findings list: a table model over PageState.rows(), filtered by kind and state, sortable.

The proposal column is editable in place (proposal_editor.py): the model does
not change a finding itself, it hands the new text to the window
(proposal_edited), which makes the edit one undo step.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush

from proofdesk.findings import FindingKind
from proofdesk.gui.highlight import COLOUR
from proofdesk.gui.strings import language, tr
from proofdesk.session import FindingState, Row

COLUMNS = ("col.kind", "col.excerpt", "col.proposal", "col.confidence", "col.state")
PROPOSAL_COL = 2
ID_ROLE = Qt.UserRole + 1
SORT_ROLE = Qt.UserRole + 2
_SHOWN = 14  # characters shown of each side of a change


def _visible(text: str) -> str:
    text = text.replace("\n", "⏎").replace(" ", "␣").replace("\u3000", "␣")
    return text if len(text) <= _SHOWN else text[:_SHOWN - 1] + "…"


def change_label(change: tuple[str, str] | None) -> str:
    """A proposal as the list shows it: old → new, without the unchanged ends."""
    if change is None:
        return ""
    old, new = change
    if not new:
        return tr("proposal.delete", text=_visible(old))
    if not old:
        return tr("proposal.insert", text=_visible(new))
    return f"{_visible(old)} → {_visible(new)}"


class FindingsModel(QAbstractTableModel):
    proposal_edited = Signal(str, str)  # finding id, the proofreader's text for its region

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[Row] = []
        self._row_of: dict[str, int] = {}
        # Set by the window: a finding's change (session.change) and its full proposal text.
        self.change_of: Callable[[str], tuple[str, str] | None] = lambda fid: None
        self.proposal_of: Callable[[str], str] = lambda fid: ""

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self.rows = rows
        self._row_of = {r.id: i for i, r in enumerate(rows)}
        self.endResetModel()

    def update_rows(self, rows: list[Row]) -> None:
        """Same findings, new states: repaint in place so the selection survives."""
        if [r.id for r in rows] != [r.id for r in self.rows]:
            self.set_rows(rows)
            return
        self.rows = rows
        if rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(COLUMNS) - 1))

    def update_some(self, rows: list[Row]) -> None:
        """New states for a few findings: repaint just their rows."""
        for r in rows:
            i = self._row_of.get(r.id)
            if i is not None:
                self.rows[i] = r
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(COLUMNS) - 1))

    def row_of(self, fid: str) -> int:
        return self._row_of.get(fid, -1)

    def rowCount(self, parent=QModelIndex()):  # Qt override
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):  # Qt override
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # Qt override
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return tr(COLUMNS[section])
        return None

    def flags(self, index):  # Qt override
        flags = super().flags(index)
        return flags | Qt.ItemIsEditable if index.isValid() and index.column() == PROPOSAL_COL else flags

    def data(self, index, role=Qt.DisplayRole):  # Qt override
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        col = index.column()
        if role == ID_ROLE:
            return r.id
        if role == Qt.DisplayRole:
            if col == 0:
                return r.kind.label_zh if language() == "zh" else r.kind.label_en
            if col == 1:
                return r.excerpt
            if col == PROPOSAL_COL:
                return change_label(self.change_of(r.id))
            if col == 3:
                return f"{r.confidence:.2f}"
            return tr("state.dropped") if r.dropped else tr(f"state.{r.state.value}")
        if role == Qt.EditRole and col == PROPOSAL_COL:
            return self.proposal_of(r.id)
        if role == SORT_ROLE:
            if col == PROPOSAL_COL:
                return change_label(self.change_of(r.id))
            return (r.kind.value, r.excerpt, "", r.confidence, r.state.value)[col] if col else r.kind.value
        if role == Qt.BackgroundRole and col == 0:
            return QBrush(COLOUR[r.kind])
        if role == Qt.ToolTipRole:
            return tr("proposal.tip") if col == PROPOSAL_COL else r.excerpt
        return None

    def setData(self, index, value, role=Qt.EditRole):  # Qt override
        if role != Qt.EditRole or not index.isValid() or index.column() != PROPOSAL_COL:
            return False
        fid = self.rows[index.row()].id
        if value != self.proposal_of(fid):
            self.proposal_edited.emit(fid, value)
        return True


class FindingsFilter(QSortFilterProxyModel):
    """Filter by kind and state; sort any column (position order when unsorted)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.kind: FindingKind | None = None
        self.state: FindingState | None = None
        self.setSortRole(SORT_ROLE)

    def set_filter(self, kind: FindingKind | None, state: FindingState | None) -> None:
        # Qt 6.10 deprecates invalidateFilter() for this begin/end pair.
        self.beginFilterChange()
        self.kind, self.state = kind, state
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row, parent):  # Qt override
        r = self.sourceModel().rows[row]
        return (self.kind is None or r.kind is self.kind) and (self.state is None or r.state is self.state)
