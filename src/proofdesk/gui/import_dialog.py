"""Import page files into a new or existing issue, in a worker thread with progress and cancel.

The worker opens its own Store on the same file (SQLite in WAL mode), so the
window's connection stays free and the window stays responsive. Cancel is
checked between files; a cancelled or failed import stores nothing.
"""
from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog

from proofdesk.errors import ProofDeskError
from proofdesk.gui.strings import tr


class ImportWorker(QObject):
    progress = Signal(int, int, str)
    done = Signal(list)        # PageInfo list
    failed = Signal(str)       # user-facing message (names the file)
    cancelled = Signal()

    def __init__(self, db_path, issue_id: int, files: list[tuple[str, bytes]]):
        super().__init__()
        self.db_path, self.issue_id, self.files = db_path, issue_id, files
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @Slot()
    def run(self) -> None:
        from proofdesk.store import ImportCancelled, Store
        try:
            with Store(self.db_path) as store:
                pages = store.import_pages(self.issue_id, self.files, progress=self.progress.emit,
                                           cancel=self._cancel.is_set)
        except ImportCancelled:
            self.cancelled.emit()
        except ProofDeskError as e:
            self.failed.emit(str(e))
        else:
            self.done.emit(pages)


class ImportJob(QObject):
    """Runs one ImportWorker on a QThread behind a progress dialog; `finished` carries the outcome."""

    finished = Signal(str, object)  # ("done", pages) | ("failed", message) | ("cancelled", None)

    def __init__(self, parent, db_path, issue_id: int, files: list[tuple[str, bytes]], show_dialog=True):
        super().__init__(parent)
        self.thread = QThread()
        self.worker = ImportWorker(db_path, issue_id, files)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.progress.connect(self._progress)
        # Bound methods of this main-thread object: the calls are queued to the main thread.
        self.worker.done.connect(self._done)
        self.worker.failed.connect(self._failed)
        self.worker.cancelled.connect(self._cancelled)
        self.dialog = QProgressDialog(tr("import.title"), tr("import.cancel"), 0, max(1, len(files)), parent)
        self.dialog.setWindowTitle(tr("import.title"))
        self.dialog.setMinimumDuration(0 if show_dialog else 10**9)
        # Not worker.cancel: the worker's thread is busy importing, so a queued call would wait for
        # the end; this object lives in the main thread and sets the thread-safe flag at once.
        self.dialog.canceled.connect(self.cancel)
        self.result: tuple[str, object] | None = None

    def start(self) -> None:
        self.thread.start()

    @Slot()
    def cancel(self) -> None:
        self.worker.cancel()

    @Slot(list)
    def _done(self, pages) -> None:
        self._finish("done", pages)

    @Slot(str)
    def _failed(self, message) -> None:
        self._finish("failed", message)

    @Slot()
    def _cancelled(self) -> None:
        self._finish("cancelled", None)

    @Slot(int, int, str)
    def _progress(self, done: int, total: int, name: str) -> None:
        self.dialog.setMaximum(max(1, total))
        self.dialog.setValue(done)
        self.dialog.setLabelText(tr("import.progress", name=name, done=done, total=total))

    def _finish(self, outcome: str, value) -> None:
        self.thread.quit()
        self.thread.wait()
        self.dialog.reset()
        self.dialog.hide()
        self.result = (outcome, value)
        self.finished.emit(outcome, value)
