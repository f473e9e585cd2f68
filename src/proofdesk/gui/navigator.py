"""The navigator: issues, their pages, each page's review status and open findings; status from a menu."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QMenu, QTreeWidget, QTreeWidgetItem

from proofdesk.gui.strings import tr
from proofdesk.store import PageStatus

KIND_ROLE = Qt.UserRole
ID_ROLE = Qt.UserRole + 1


class Navigator(QTreeWidget):
    page_chosen = Signal(int)              # page id
    status_chosen = Signal(int, object)    # page id, PageStatus

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setHeaderLabel(tr("navigator"))
        self.setContextMenuPolicy(Qt.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.itemActivated.connect(self._activated)
        self.itemClicked.connect(self._activated)
        self._pages: dict[int, QTreeWidgetItem] = {}

    def fill(self, store, current_page: int | None = None) -> None:
        self.blockSignals(True)
        expanded = {it.data(0, ID_ROLE) for it in (self.topLevelItem(i) for i in range(self.topLevelItemCount()))
                    if it.isExpanded()}
        self.clear()
        self._pages.clear()
        for issue in store.issues():
            top = QTreeWidgetItem([tr("issue.item", title=issue.title, pages=issue.page_count)])
            top.setData(0, KIND_ROLE, "issue")
            top.setData(0, ID_ROLE, issue.id)
            self.addTopLevelItem(top)
            for p in store.pages(issue.id):
                item = QTreeWidgetItem([self.page_label(p)])
                item.setData(0, KIND_ROLE, "page")
                item.setData(0, ID_ROLE, p.id)
                top.addChild(item)
                self._pages[p.id] = item
            top.setExpanded(not expanded or issue.id in expanded or
                            (current_page is not None and current_page in {p.id for p in store.pages(issue.id)}))
        if current_page in self._pages:
            self.setCurrentItem(self._pages[current_page])
        self.blockSignals(False)

    @staticmethod
    def page_label(p) -> str:
        return tr("page.item", number=p.number, status=tr(f"status.{PageStatus(p.status).value}"),
                  open=p.open_findings)

    def update_page(self, p) -> None:
        item = self._pages.get(p.id)
        if item is not None:
            item.setText(0, self.page_label(p))

    def page_ids(self) -> list[int]:
        return list(self._pages)

    def _activated(self, item, _col=0) -> None:
        if item.data(0, KIND_ROLE) == "page":
            self.page_chosen.emit(int(item.data(0, ID_ROLE)))

    def _menu(self, point) -> None:
        item = self.itemAt(point)
        if item is None or item.data(0, KIND_ROLE) != "page":
            return
        menu = QMenu(self)
        sub = menu.addMenu(tr("menu.status"))
        page_id = int(item.data(0, ID_ROLE))
        for status in PageStatus:
            act = sub.addAction(tr(f"status.{status.value}"))
            act.triggered.connect(lambda _=False, s=status: self.status_chosen.emit(page_id, s))
        menu.exec(self.viewport().mapToGlobal(point))
