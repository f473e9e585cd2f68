"""Fixtures for the desktop editor tests: a real store file, the demo issue, a window whose
dialogs are answered by a ScriptedPrompter (nothing ever blocks)."""
from __future__ import annotations

import pytest

from proofdesk.store import Store


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "gui.sqlite3") as st:
        yield st


@pytest.fixture
def make_window(qtbot, store):
    from proofdesk.gui.dialogs import ScriptedPrompter
    from proofdesk.gui.main_window import MainWindow
    from proofdesk.gui.strings import set_language

    set_language("zh")
    made = []

    def make(*answers, default="discard", demo=True, st=None):
        win = MainWindow(st or store, author="测试员", prompter=ScriptedPrompter(*answers, default=default))
        qtbot.addWidget(win)
        win.resize(1200, 800)
        if demo:
            win.on_demo()
        win.show()
        qtbot.waitExposed(win)
        made.append(win)
        return win

    yield make
    for win in made:
        win.prompter.answers.clear()
        win.prompter.default = "discard"


@pytest.fixture
def window(make_window):
    return make_window()
