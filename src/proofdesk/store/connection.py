"""Opening the project file: pragmas, migrations, write transactions, error messages.

Every SQLite error that reaches a user becomes a StoreError that says what
happened to which file (locked, damaged, read-only, not a ProofDesk project).
"""
from __future__ import annotations

import functools
import sqlite3
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from proofdesk.errors import StoreError
from proofdesk.store.schema import MIGRATIONS, known_migrations

BUSY_TIMEOUT_S = 30.0  # another writer holds the lock: wait this long, then give up with a message


def translate(path: Path, e: sqlite3.Error) -> StoreError:
    msg = str(e).lower()
    if "locked" in msg or "busy" in msg:
        return StoreError(f"{path}: the project database is busy (another ProofDesk is writing to it); "
                          "try again in a moment")
    if "not a database" in msg or "malformed" in msg or "corrupt" in msg or "could not decode" in msg:
        return StoreError(f"{path}: not a ProofDesk project database, or the file is damaged ({e})")
    if "readonly" in msg or "read-only" in msg:
        return StoreError(f"{path}: the project database is read-only")
    if "unable to open" in msg:
        return StoreError(f"{path}: the project database cannot be opened (does the folder exist?)")
    if "disk" in msg or "full" in msg:
        return StoreError(f"{path}: cannot write the project database: {e}")
    return StoreError(f"{path}: database error: {e}")


def _journal_wal(conn: sqlite3.Connection, busy_timeout: float) -> str:
    """Switch to WAL, waiting out other programs as any write does. SQLite
    answers a journal-mode change that meets another connection's lock with
    "locked" at once, without its busy handler: two programs opening a new
    project file together failed that way."""
    deadline = time.monotonic() + busy_timeout
    pause = 0.005
    while True:
        try:
            return conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        except sqlite3.OperationalError as e:
            msg = str(e).lower()
            if not ("locked" in msg or "busy" in msg) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.2)


def guarded(method):
    """Run a Store method under the store's lock, turning sqlite3 errors into StoreError."""
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        with self._lock:  # noqa: SLF001
            if self._db is None:  # noqa: SLF001
                raise StoreError(f"{self.path}: the project database is closed")
            try:
                return method(self, *args, **kwargs)
            except sqlite3.Error as e:
                raise translate(self.path, e) from None
    return wrapper


class Connection:
    """One sqlite3 connection with ProofDesk's settings, shared by a Store's methods."""

    def __init__(self, path: Path, busy_timeout: float = BUSY_TIMEOUT_S):
        self.path = path
        self.lock = threading.RLock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreError(f"{path}: cannot create the folder for the project database: {e.strerror}") from None
        if path.exists() and path.is_dir():
            raise StoreError(f"{path}: is a folder, not a project database")
        try:
            # isolation_level=None: we open every transaction ourselves (BEGIN IMMEDIATE),
            # so a writer takes the lock before it reads what it will change.
            conn = sqlite3.connect(str(path), timeout=busy_timeout, isolation_level=None,
                                   check_same_thread=False)
        except sqlite3.Error as e:
            raise translate(path, e) from None
        self.conn = conn
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            conn.execute("PRAGMA foreign_keys = ON")
            mode = _journal_wal(conn, busy_timeout)
            if mode.lower() != "wal":
                raise StoreError(f"{path}: cannot switch the database to WAL mode (got {mode})")
            # FULL: a revision reported saved survives a power cut, not only a crash.
            conn.execute("PRAGMA synchronous = FULL")
            self.db = Database(conn, execute_plugins=False)
            self._migrate()
        except sqlite3.Error as e:
            conn.close()
            raise translate(path, e) from None
        except BaseException:
            conn.close()
            raise

    def _migrate(self) -> None:
        applied = {m.name for m in MIGRATIONS.applied(self.db)}
        unknown = applied - known_migrations()
        if unknown:
            raise StoreError(f"{self.path}: made by a newer ProofDesk (migration {sorted(unknown)[0]}); "
                             "update ProofDesk to open it")
        if self.db.table_names() and not applied and "issues" not in self.db.table_names():
            raise StoreError(f"{self.path}: this SQLite file is not a ProofDesk project database")
        if not MIGRATIONS.pending(self.db):
            return
        # One write transaction around all pending migrations (each also runs in
        # its own savepoint), so two programs opening an old file at once do
        # not both upgrade it.
        with self.write():
            MIGRATIONS.apply(self.db)

    @contextmanager
    def write(self):
        """A write transaction that holds the database lock from its first statement."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    @contextmanager
    def read(self):
        """A read transaction: every query inside sees one consistent snapshot."""
        self.conn.execute("BEGIN")
        try:
            yield self.conn
        finally:
            if self.conn.in_transaction:
                self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()
