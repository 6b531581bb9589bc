"""One migrated SQLite test database a test run, instead of one a pytest-xdist worker.

Migrating an empty database takes about 3.5 s of processor time. The first worker to need its
in-memory test database migrates it as usual (pytest-django's `django_db_setup`) and saves a copy in
the run's temporary folder; every other worker loads that copy into its own in-memory database
before `django_db_setup` runs, whose `migrate` then finds every migration applied and only runs the
`post_migrate` handlers. The copy is a byte-for-byte backup of a database migrated in this run, so
the tests see the same schema, triggers and rows either way; the backup tests use it too
(tests/test_backup.py).
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import IO


class SQLiteTemplate:
    def __init__(self, folder: Path):
        self.path = folder / "migrated.sqlite3"
        self._lock: IO | None = None
        self._keeper: sqlite3.Connection | None = None

    def load_into(self, connection) -> None:
        """Before the test database is set up: fill it from the run's copy if there is one; if not, hold
        the lock until `save_from` (the other workers wait for the copy rather than migrate too)."""
        name = connection.creation._get_test_db_name()
        if not connection.creation.is_in_memory_db(name):
            return
        self._lock = open(self.path.with_suffix(".lock"), "w")  # noqa: SIM115 (held across fixtures)
        fcntl.flock(self._lock, fcntl.LOCK_EX)
        if not self.path.exists():
            return
        # An in-memory database with a shared cache lives as long as a connection to it: this one, until
        # the end of the run, so the database Django opens by that name is this one.
        self._keeper = sqlite3.connect(name, uri=True)
        with closing(sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)) as source:
            source.backup(self._keeper)
        self._unlock()

    def save_from(self, connection) -> None:
        """After the test database is set up: if this worker migrated it, save the copy for the others."""
        if self._lock is None:
            return
        try:
            connection.ensure_connection()
            partial = self.path.with_suffix(".partial")
            with closing(sqlite3.connect(partial)) as target:
                connection.connection.backup(target)
            os.replace(partial, self.path)
        finally:
            self._unlock()

    def copy_to(self, path: Path) -> bool:
        """A migrated empty database at `path`, if this run has one (else False: migrate it yourself)."""
        if not self.path.exists():
            return False
        with (
            closing(sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)) as source,
            closing(sqlite3.connect(path)) as target,
        ):
            source.backup(target)
        return True

    def close(self) -> None:
        self._unlock()
        if self._keeper is not None:
            self._keeper.close()

    def _unlock(self) -> None:
        if self._lock is not None:
            fcntl.flock(self._lock, fcntl.LOCK_UN)
            self._lock.close()
            self._lock = None
