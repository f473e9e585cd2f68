"""File actions of the main window: save (with conflicts), history, import, export, recovery, closing."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from proofdesk.errors import ConflictError, ProofDeskError
from proofdesk.gui.strings import tr


class FileActions:
    # ---- saving
    def on_save(self):
        return self.save()

    def save(self, message: str | None = None) -> bool:
        """Save a revision; a conflict is shown and never overwrites. True when saved."""
        s = self.session
        if s is None:
            return False
        if not s.dirty:
            self.statusBar().showMessage(tr("nothing"), 4000)
            return True
        if message is None:
            message = self.prompter.text(tr("save.title"), tr("save.message"), "")
            if message is None:
                return False
        try:
            rev = s.save(message)
        except ConflictError as e:
            return self._conflict(e, message)
        except ProofDeskError as e:
            self.prompter.error(tr("error.title"), str(e))
            return False
        self.recovery.discard(s.page_id)
        self.undo.setClean()
        self.navigator.fill(self.store, s.page_id)
        self._update_title()
        self.statusBar().showMessage(tr("saved", number=rev.number), 6000)
        return True

    def _conflict(self, error: ConflictError, message: str) -> bool:
        answer = self.prompter.choose(tr("conflict.title"), tr("conflict.text", error=str(error)),
                                      [("reload", tr("conflict.reload")), ("keep", tr("conflict.keep")),
                                       ("cancel", tr("import.cancel"))], "cancel")
        s = self.session
        if answer == "reload":
            self.recovery.discard(s.page_id)
            self.load_session(type(s)(self.store, s.page_id, self.author))
            return False
        if answer == "keep":
            # A new revision on top of theirs: theirs stays in the history, nothing is overwritten.
            s.rebase()
            return self.save(message)
        return False

    def maybe_save(self) -> bool:
        """Before leaving a page: save, discard or stay. True when it is fine to leave."""
        s = self.session
        if s is None or not s.dirty:
            return True
        answer = self.prompter.choose(tr("unsaved.title"), tr("unsaved.text", number=s.info.number),
                                      [("save", tr("act.save")), ("discard", tr("act.discard")),
                                       ("cancel", tr("import.cancel"))], "save")
        if answer == "save":
            return self.save()
        if answer == "discard":
            self.recovery.discard(s.page_id)
            return True
        return False

    # ---- history
    def on_history(self):
        from proofdesk.gui.history_dialog import HistoryDialog
        if self.session is None:
            return None
        self.history_dialog = HistoryDialog(self.session, self.restore_revision, self)
        self.history_dialog.show()
        return self.history_dialog

    def restore_revision(self, number: int) -> bool:
        if not self.maybe_save():
            return False
        s = self.session
        try:
            s.restore(number)
        except ProofDeskError as e:
            self.prompter.error(tr("error.title"), str(e))
            return False
        self.recovery.discard(s.page_id)
        self.load_session(s)
        self.statusBar().showMessage(tr("history.restored", number=number, new=s.base_revision), 6000)
        return True

    # ---- pages and issues
    def on_goto(self):
        s = self.session
        if s is None:
            return
        pages = self.store.pages(s.info.issue_id)
        number = self.prompter.number(tr("goto.title"), tr("goto.label"), s.info.number,
                                      min(p.number for p in pages), max(p.number for p in pages))
        for p in pages:
            if p.number == number:
                self.open_page(p.id)

    def on_demo(self):
        from proofdesk.session import open_demo
        issue = open_demo(self.store)
        self.navigator.fill(self.store)
        pages = self.store.pages(issue.id)
        if pages:
            self.open_page(pages[0].id)

    def open_first_page(self) -> None:
        for issue in self.store.issues():
            pages = self.store.pages(issue.id)
            if pages:
                self.open_page(pages[0].id)
                return

    def on_quit(self):
        self.close()

    # ---- import
    def on_import(self):
        files, _ = QFileDialog.getOpenFileNames(self, tr("import.title"), "", "Text (*.txt);;* (*)")
        if files:
            self.import_paths(files)

    def on_import_folder(self):
        folder = QFileDialog.getExistingDirectory(self, tr("import.title"))
        if folder:
            self.import_paths([folder])

    def import_paths(self, paths, issue_id: int | None = None, new_title: str | None = None):
        """Import files/folders into an issue (asked when not given); returns the running ImportJob."""
        from proofdesk.gui.import_dialog import ImportJob
        from proofdesk.io.importing import discover, read_files
        try:
            files = read_files(discover(paths))
        except ProofDeskError as e:
            self.prompter.error(tr("error.title"), str(e))
            return None
        if issue_id is None and new_title:
            issue_id = self.store.create_issue(new_title).id
        if issue_id is None:
            issues = self.store.issues()
            choices = [(str(i.id), i.title) for i in issues] + [("new", tr("import.new")),
                                                                 ("cancel", tr("import.cancel"))]
            answer = self.prompter.choose(tr("import.title"), tr("import.issue"), choices, "new")
            if answer == "cancel":
                return None
            if answer == "new":
                title = new_title or self.prompter.text(tr("import.title"), tr("import.new_title"),
                                                       Path(str(paths[0])).stem)
                if not title:
                    return None
                issue_id = self.store.create_issue(title).id
            elif answer.isdigit():
                issue_id = int(answer)
            else:
                return None
        self.import_job = ImportJob(self, self.store.path, issue_id, files)
        self.import_job.finished.connect(self._imported)
        self.import_job.start()
        return self.import_job

    def _imported(self, outcome: str, value) -> None:
        if outcome == "done":
            self.navigator.fill(self.store, self.session.page_id if self.session else None)
            self.statusBar().showMessage(tr("import.done", count=len(value)), 6000)
            if self.session is None and value:
                self.open_page(value[0].id)
        elif outcome == "failed":
            self.prompter.error(tr("error.title"), value)
        else:
            self.statusBar().showMessage(tr("import.cancelled"), 6000)

    # ---- export
    def on_export(self):
        if self.session is None:
            return
        fmt = self.prompter.choose(tr("export.title"), tr("export.format"),
                                   [("text", "Text (.txt)"), ("json", "JSON"), ("cancel", tr("import.cancel"))],
                                   "text")
        if fmt == "cancel":
            return
        dest, _ = QFileDialog.getSaveFileName(self, tr("export.title"), f"issue.{'json' if fmt == 'json' else 'txt'}")
        if dest:
            self.export_issue(fmt, Path(dest))

    def export_issue(self, fmt: str, dest: Path) -> list[Path]:
        """Export the open page's issue, as the CLI does (unsaved work is asked about first)."""
        from proofdesk.io.export import export_issue
        if not self.maybe_save():
            return []
        try:
            written = export_issue(self.store, self.session.info.issue_id, fmt, dest)
        except ProofDeskError as e:
            self.prompter.error(tr("error.title"), str(e))
            return []
        self.statusBar().showMessage(tr("export.done", path=dest), 6000)
        return written

    # ---- recovery and closing
    def write_recovery(self) -> Path | None:
        s = self.session
        if s is None or not s.dirty:
            return None
        try:
            return self.recovery.write(s.to_recovery())
        except ProofDeskError as e:
            self.statusBar().showMessage(str(e), 6000)
            return None

    def offer_recovery(self) -> bool:
        """At start-up: offer back work a crash left in recovery copies. True when one was restored."""
        from proofdesk.session import PageSession
        for payload in self.recovery.pending():
            try:
                info = self.store.page(int(payload["page_id"]))
            except ProofDeskError:
                self.recovery.discard(int(payload["page_id"]))
                continue
            answer = self.prompter.choose(tr("recover.title"),
                                          tr("recover.text", number=info.number, saved=payload.get("saved_at", "")),
                                          [("yes", tr("recover.title")), ("no", tr("import.cancel"))], "yes")
            if answer != "yes":
                self.recovery.discard(info.id)
                continue
            self.load_session(PageSession.from_recovery(self.store, payload))
            self._update_title()
            return True
        return False

    def closeEvent(self, ev):  # Qt override
        if not self.maybe_save():
            ev.ignore()
            return
        if self.session is not None:
            self.recovery.discard(self.session.page_id)
        self.recovery_timer.stop()
        ev.accept()
