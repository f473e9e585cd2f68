"""Every window action with its menu and shortcuts, in one table.

The same table builds the menus (which show the shortcuts) and the help
overlay, so the two never disagree. `handler` names a method of MainWindow.
Single keys work in the findings list only, so they never eat typing in the
cleaned pane; the F-keys work everywhere.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtCore import Qt

from proofdesk.gui.strings import tr


@dataclass(frozen=True)
class ActionSpec:
    name: str          # strings key act.<name>, and the handler on_<name>
    menu: str          # strings key menu.<menu>
    keys: tuple[str, ...] = ()
    list_keys: tuple[str, ...] = ()  # single keys active in the findings list


SPECS = (
    ActionSpec("import", "file", ("Ctrl+I",)),
    ActionSpec("import_folder", "file", ("Ctrl+Shift+I",)),
    ActionSpec("export", "file", ("Ctrl+E",)),
    ActionSpec("save", "file", ("Ctrl+S",)),
    ActionSpec("demo", "file"),
    ActionSpec("quit", "file", ("Ctrl+Q",)),
    ActionSpec("undo", "edit", ("Ctrl+Z",)),
    ActionSpec("redo", "edit", ("Ctrl+Shift+Z", "Ctrl+Y")),
    ActionSpec("find", "edit", ("Ctrl+F",)),
    ActionSpec("replace", "edit", ("Ctrl+H",)),
    ActionSpec("next", "review", ("F8",), ("J", "N")),
    ActionSpec("prev", "review", ("F7",), ("K", "P")),
    ActionSpec("accept", "review", ("F9",), ("A", "Return")),
    ActionSpec("reject", "review", ("F10",), ("R", "Delete")),
    ActionSpec("edit", "review", ("F2",), ("E",)),
    ActionSpec("clear", "review", ("F4",), ("C",)),
    ActionSpec("accept_kind", "review", ("Ctrl+Shift+A",)),
    ActionSpec("everywhere", "review", ("Ctrl+Shift+E",)),
    ActionSpec("columns", "review", ("Ctrl+Shift+O",)),
    ActionSpec("zoom_in", "view", ("Ctrl+=", "Ctrl++")),
    ActionSpec("zoom_out", "view", ("Ctrl+-",)),
    ActionSpec("zoom_reset", "view", ("Ctrl+0",)),
    ActionSpec("lang", "view", ("Ctrl+L",)),
    ActionSpec("goto", "page", ("Ctrl+G",)),
    ActionSpec("history", "page", ("Ctrl+Shift+H",)),
    ActionSpec("help", "help", ("F1",)),
)
MENUS = ("file", "edit", "review", "view", "page", "help")


def build(window) -> dict[str, QAction]:
    """Create the menus, the window actions and the findings-list keys on window."""
    for old in getattr(window, "action_map", {}).values():  # rebuilt on a language switch
        window.removeAction(old)
        old.deleteLater()
    bar = window.menuBar()
    bar.clear()
    menus = {m: bar.addMenu(tr(f"menu.{m}")) for m in MENUS}
    actions = {}
    for spec in SPECS:
        act = QAction(tr(f"act.{spec.name}"), window)
        act.setShortcuts([QKeySequence(k) for k in spec.keys])
        act.setShortcutContext(Qt.WindowShortcut)
        act.triggered.connect(getattr(window, f"on_{spec.name}"))
        menus[spec.menu].addAction(act)
        window.addAction(act)
        actions[spec.name] = act
    window.status_menu = menus["page"].addMenu(tr("menu.status"))
    for old in getattr(window, "_list_shortcuts", []):
        old.setParent(None)
    window._list_shortcuts = []
    for spec in SPECS:
        for key in spec.list_keys:
            sc = QShortcut(QKeySequence(key), window.table)
            sc.setContext(Qt.WidgetShortcut)
            sc.activated.connect(getattr(window, f"on_{spec.name}"))
            window._list_shortcuts.append(sc)
    return actions


def help_rows() -> list[tuple[str, str]]:
    rows = []
    for spec in SPECS:
        keys = list(spec.keys) + [f"{k} {tr('help.in_list')}" for k in spec.list_keys]
        if keys:
            rows.append((" / ".join(keys), tr(f"act.{spec.name}")))
    return rows
