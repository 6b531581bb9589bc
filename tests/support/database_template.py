"""One migrated SQLite test database a test run, instead of one a pytest-xdist worker.

Migrating an empty database takes about 3.5 s of processor time. The first worker to need its
in-memory test database migrates it as usual (pytest-django's `django_db_setup`) and saves a copy in
the run's temporary folder; every other worker loads that copy into its own in-memory database
before `django_db_setup` runs, whose `migrate` then finds every migration applied and only runs the
`post_migrate` handlers. The copy is a byte-for-byte backup of a database migrated in this run, so
the tests see the same schema, triggers and rows either way; the backup tests use it too
(tests/test_backup.py).

The copy is also kept between runs in pytest's cache folder (`.pytest_cache`), under a key made of what
migrating reads: every installed app's migration files, the Seuranta modules they import (and those
modules' Seuranta imports), Django's and SQLite's versions. A run whose key finds a copy skips
migrating altogether; any change to a migration or to the code it runs makes a new key, and
`pytest --cache-clear` (or `-p no:cacheprovider`) migrates as before.
"""

from __future__ import annotations

import ast
import fcntl
import hashlib
import importlib.util
import os
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import IO


class SQLiteTemplate:
    def __init__(self, folder: Path, kept_in: Path | None = None):
        """`folder`: the run's, shared by its workers; `kept_in`: where copies outlive the run (or None)."""
        self.path = folder / "migrated.sqlite3"
        self.kept_in = kept_in
        self._lock: IO | None = None
        self._keeper: sqlite3.Connection | None = None
        self._kept_path: Path | None = None

    def load_into(self, connection) -> None:
        """Before the test database is set up: fill it from the run's copy if there is one; if not, hold
        the lock until `save_from` (the other workers wait for the copy rather than migrate too)."""
        name = connection.creation._get_test_db_name()
        if not connection.creation.is_in_memory_db(name):
            return
        self._lock = open(self.path.with_suffix(".lock"), "w")  # noqa: SIM115 (held across fixtures)
        fcntl.flock(self._lock, fcntl.LOCK_EX)
        if not self.path.exists() and (kept := self._kept()) is not None and kept.exists():
            _copy_file(kept, self.path)
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
            if (kept := self._kept()) is not None:
                for stale in kept.parent.glob("*.sqlite3"):
                    stale.unlink(missing_ok=True)
                _copy_file(self.path, kept)
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

    def _kept(self) -> Path | None:
        """The copy kept between runs for what this checkout's migrations make (computed once)."""
        if self.kept_in is None:
            return None
        if self._kept_path is None:
            self._kept_path = self.kept_in / f"migrated-{migrations_key()}.sqlite3"
        return self._kept_path

    def close(self) -> None:
        self._unlock()
        if self._keeper is not None:
            self._keeper.close()

    def _unlock(self) -> None:
        if self._lock is not None:
            fcntl.flock(self._lock, fcntl.LOCK_UN)
            self._lock.close()
            self._lock = None


def _copy_file(source: Path, target: Path) -> None:
    partial = target.with_suffix(f".{os.getpid()}.partial")
    shutil.copyfile(source, partial)
    os.replace(partial, target)  # whole or not at all, whoever reads it at the same time


def migrations_key() -> str:
    """A digest of what migrating an empty database reads: the versions of Django and SQLite, every
    installed app's migration files, and the source of every Seuranta module they import, followed
    import by import (a migration's trigger SQL or function may live there)."""
    import django
    from django.apps import apps

    digest = hashlib.sha256(f"{django.__version__} {sqlite3.sqlite_version}".encode())
    to_read = [
        path
        for app in apps.get_app_configs()
        for path in sorted((Path(app.path) / "migrations").glob("*.py"))
    ]
    read: set[Path] = set()
    while to_read:
        path = to_read.pop(0)
        if path in read:
            continue
        read.add(path)
        source = path.read_bytes()
        digest.update(f"\0{path.name}\0".encode() + source)
        if "seuranta" in source.decode("utf-8", "replace"):
            to_read.extend(_seuranta_modules_imported(source))
    return digest.hexdigest()[:24]


def _seuranta_modules_imported(source: bytes) -> list[Path]:
    names: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from package import module` imports a module; `from module import name` does not.
            names.extend([node.module, *(f"{node.module}.{alias.name}" for alias in node.names)])
    paths = []
    for name in names:
        if name.split(".")[0] != "seuranta":
            continue
        try:
            spec = importlib.util.find_spec(name)
        except ImportError:  # `from module import name`: not a module
            spec = None
        if spec is not None and spec.origin and spec.origin.endswith(".py"):
            paths.append(Path(spec.origin))
    return sorted(set(paths))
