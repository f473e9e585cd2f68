"""View actions of the main window: zoom both panes, switch the language, the help overlay."""
from __future__ import annotations

from proofdesk.gui import actions as window_actions
from proofdesk.gui.dialogs import HelpOverlay
from proofdesk.gui.strings import language, set_language


class ViewActions:
    # ---- zoom: both panes together, so their lines stay side by side
    def _zoom(self, steps: int) -> None:
        for pane in (self.raw, self.cleaned):
            pane.zoom(steps)

    def on_zoom_in(self):
        self._zoom(1)

    def on_zoom_out(self):
        self._zoom(-1)

    def on_zoom_reset(self):
        self._zoom(0)

    # ---- help
    def on_help(self):
        self.help_overlay.toggle()

    def resizeEvent(self, ev):  # Qt override
        super().resizeEvent(ev)
        if self.help_overlay.isVisible():
            self.help_overlay.setGeometry(self.rect())

    # ---- language: every label, menu, shortcut list and list row is rebuilt in the other language
    def on_lang(self):
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
