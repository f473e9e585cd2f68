"""The selected finding in full, beside the findings list: kind, state, description, whole proposal.

The list cuts a proposal to a few characters each side of the change, and the
status bar cuts the description to the window's width. A reading-order rewrite
or a joined paragraph is hundreds or thousands of characters: the proofreader
reads it here, paragraph by paragraph, before accepting it. A proposal covers
only the raw range its edits touch (a reflow's region starts at its first
joined line break), so the rest of the finding's text stands around it in grey:
the proofreader reads whole sentences.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextBlockFormat, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLabel, QSizePolicy, QTextEdit, QVBoxLayout, QWidget

from proofdesk.findings import FindingKind
from proofdesk.gui.panes import text_font
from proofdesk.gui.strings import language, tr
from proofdesk.session import FindingState, edit_region

MAX_SHOWN = 20_000  # a layout finding's proposal is the whole page; the start is enough to read
CONTEXT = 300       # characters of the finding's unchanged text shown each side, at most


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


class FindingDetails(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = QLabel()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.message.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Minimum)
        self.proposal_title = QLabel()
        self.proposal_title.setWordWrap(True)  # a long title must not widen the panel over the list
        # A QTextEdit, not a QPlainTextEdit: it keeps a margin under each paragraph, so a wrapped
        # paragraph does not read as two.
        self.proposal = QTextEdit()
        self.proposal.setReadOnly(True)
        self.proposal.setAcceptRichText(False)
        self.proposal.setFont(text_font(11))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 0, 0, 0)
        for w in (self.title, self.message, self.proposal_title, self.proposal):
            lay.addWidget(w)
        self._plain, self._context = QTextCharFormat(), QTextCharFormat()
        self._context.setForeground(QColor("#808080"))
        self._shown: tuple | None = None
        self.show_finding(None, None)

    def show_finding(self, session, fid: str | None) -> None:
        """Show a finding (None: the hint to select one); nothing is redrawn when nothing changed."""
        if session is None or fid is None:
            key = (language(),)
        else:
            f, state = session.finding(fid), session.state(fid)
            fixed = f.has_fix or state is FindingState.EDITED
            key = (language(), fid, state, session.proposal(fid) if fixed else None)
        if key == self._shown:
            return
        self._shown = key
        self.proposal.clear()
        if len(key) == 1:
            self.title.setText(f"<b>{tr('details.title')}</b>")
            self.message.setText(tr("details.none"))
            self.proposal_title.setText("")
            return
        label = f.kind.label_zh if language() == "zh" else f.kind.label_en
        self.title.setText(f"<b>{label}</b> · {tr('state.' + state.value)} · "
                           f"{tr('col.confidence')} {f.confidence:.2f}")
        hint = tr("details.columns") if f.kind is FindingKind.ORDER else ""
        self.message.setText(f.message(language()) + (f"\n{hint}" if hint else ""))
        raw = session.raw
        c = QTextCursor(self.proposal.document())
        if fixed:
            self.proposal_title.setText(tr("details.proposal"))
            lo, hi = edit_region(f)
            before = raw[max(min(f.start, lo), lo - CONTEXT):lo]
            after = raw[hi:min(max(f.end, hi), hi + CONTEXT)]
            c.insertText(before, self._context)
            c.insertText(_cut(key[3], MAX_SHOWN), self._plain)
            c.insertText(after, self._context)
        else:
            self.proposal_title.setText(tr("no.fix"))
            c.insertText(_cut(raw[f.start:f.end], MAX_SHOWN), self._context)
        spaced = QTextBlockFormat()
        spaced.setBottomMargin(6)
        c.select(QTextCursor.Document)
        c.mergeBlockFormat(spaced)
        self.proposal.moveCursor(QTextCursor.Start)

    def retranslate(self, session, fid: str | None) -> None:
        self._shown = None
        self.show_finding(session, fid)
