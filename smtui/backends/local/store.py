"""The SQLite file behind the local store: where it lives, its modes, its schema, and its transactions.

Why these choices:
- WAL and a long busy timeout: several smtui processes (a wizard and a CLI call) may use one store; they wait
  for each other instead of failing with "database is locked".
- `BEGIN IMMEDIATE` for every write: the whole decision of a create (is the name free? is the token in use?)
  and its writes run under one write lock, so two processes racing for one name cannot both win; the UNIQUE
  index on (region, name) is the second line of defence.
- The file is created 0600 before SQLite opens it (SQLite gives its -wal and -shm files the same mode), the
  folder 0700: other users of the machine must not even read the ciphertexts.
- `secure_delete`: freed pages are zeroed, so a deleted version's ciphertext does not linger in the file.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

from smtui.backends.local.ids import new_account_id, new_key_id
from smtui.errors import ConfigurationError
from smtui.settings import TargetSettings

SCHEMA_VERSION = 1
BUSY_TIMEOUT_S = 30.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS kms_keys (
    key_id TEXT PRIMARY KEY,
    region TEXT NOT NULL,
    description TEXT,
    state TEXT NOT NULL,
    manager TEXT NOT NULL,
    key_spec TEXT NOT NULL DEFAULT 'SYMMETRIC_DEFAULT',
    key_usage TEXT NOT NULL DEFAULT 'ENCRYPT_DECRYPT',
    provider TEXT NOT NULL,
    created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS kms_aliases (
    region TEXT NOT NULL,
    alias_name TEXT NOT NULL,
    target_key_id TEXT NOT NULL REFERENCES kms_keys(key_id),
    PRIMARY KEY (region, alias_name)
);
CREATE TABLE IF NOT EXISTS secrets (
    id INTEGER PRIMARY KEY,
    region TEXT NOT NULL,
    name TEXT NOT NULL,
    arn TEXT NOT NULL UNIQUE,
    description TEXT,
    kms_key_id TEXT,
    tags TEXT,
    type TEXT,
    created REAL NOT NULL,
    last_changed REAL NOT NULL,
    last_accessed REAL,
    deleted_at REAL,
    deletion_date REAL,
    primary_region TEXT,
    primary_id INTEGER REFERENCES secrets(id) ON DELETE CASCADE,
    UNIQUE (region, name)
);
CREATE INDEX IF NOT EXISTS secrets_deletion ON secrets (deletion_date) WHERE deletion_date IS NOT NULL;
CREATE INDEX IF NOT EXISTS secrets_listing ON secrets (region, created, id);
CREATE TABLE IF NOT EXISTS versions (
    secret_id INTEGER NOT NULL REFERENCES secrets(id) ON DELETE CASCADE,
    version_id TEXT NOT NULL,
    stages TEXT NOT NULL,
    created REAL NOT NULL,
    key_id TEXT NOT NULL,
    is_binary INTEGER NOT NULL,
    wrapped_key BLOB NOT NULL,
    ciphertext BLOB NOT NULL,
    PRIMARY KEY (secret_id, version_id)
);
CREATE TABLE IF NOT EXISTS replicas (
    primary_id INTEGER NOT NULL REFERENCES secrets(id) ON DELETE CASCADE,
    region TEXT NOT NULL,
    kms_key_id TEXT,
    status TEXT NOT NULL,
    status_message TEXT,
    settle_after REAL NOT NULL,
    force INTEGER NOT NULL,
    failure TEXT,
    version_id TEXT,
    key_id TEXT,
    is_binary INTEGER,
    wrapped_key BLOB,
    ciphertext BLOB,
    PRIMARY KEY (primary_id, region)
);
CREATE INDEX IF NOT EXISTS replicas_pending ON replicas (settle_after) WHERE status = 'InProgress';
"""


def store_path(settings: TargetSettings) -> tuple[Path, bool]:
    """The store file, and whether it is the default one: --store, then SMTUI_STORE, then the data folder."""
    settings = settings.with_env()
    if settings.store is not None:
        return settings.store.expanduser(), False
    from platformdirs import user_data_dir

    return Path(user_data_dir("smtui", appauthor=False)) / "store.db", True


def _why(exc: BaseException) -> str:
    """SQLite's and the OS's words in plain ones (a person should never read "database is locked")."""
    text = str(exc)
    if isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text):
        return (
            f"another process kept it busy for more than {BUSY_TIMEOUT_S:g} seconds (another smtui, or a "
            "program holding it open); wait for that to finish and try again"
        )
    if isinstance(exc, PermissionError) or "readonly" in text or "unable to open" in text:
        return (
            "smtui may not write the file or its folder (permissions, or a read-only file system); "
            "smtui needs to write both, even to read"
        )
    return text


def _plain(path: Path, exc: BaseException) -> ConfigurationError:
    return ConfigurationError(
        f"The local store at {path} cannot be used: {_why(exc)}. Check the file, move it away to start a new "
        "store, "
        "or choose another one with --store PATH or SMTUI_STORE.",
        hint="The local store is an SQLite file that only smtui should write.",
    )


def make_private_dir(folder: Path) -> bool:
    """Create `folder` (and missing parents) 0700; False when it already existed."""
    if folder.exists():
        return False
    old = os.umask(0o077)  # parents too: mkdir's mode applies only to the last component
    try:
        folder.mkdir(parents=True, mode=0o700, exist_ok=True)
    finally:
        os.umask(old)
    return True


def _prepare_files(path: Path, is_default: bool) -> None:
    """Create the folder 0700 and the file 0600; tighten the modes of existing ones that are looser."""
    folder = path.parent
    if not make_private_dir(folder) and is_default and stat.S_IMODE(folder.stat().st_mode) & 0o077:
        # smtui's own data folder: ours to tighten. A folder the person chose (--store) is left as it is.
        folder.chmod(0o700)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    os.close(fd)
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        with contextlib.suppress(FileNotFoundError):
            if stat.S_IMODE(candidate.stat().st_mode) & 0o077:
                candidate.chmod(0o600)


class Store:
    """One connection to the store file, shared by a backend's calls (serialised by a lock)."""

    def __init__(self, settings: TargetSettings) -> None:
        self.path, is_default = store_path(settings)
        self.lock = threading.RLock()
        try:
            _prepare_files(self.path, is_default)
            self.conn = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
            )
        except (OSError, sqlite3.Error) as exc:
            raise _plain(self.path, exc) from None
        try:
            self._init()
        except sqlite3.Error as exc:
            self.conn.close()
            raise _plain(self.path, exc) from None
        self.account_id = self.meta("account_id")
        self.store_id = self.meta("store_id")

    def _init(self) -> None:
        c = self.conn
        c.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        c.execute("PRAGMA foreign_keys = ON")
        c.execute("PRAGMA secure_delete = ON")
        if c.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            c.execute("PRAGMA journal_mode = WAL")
        c.execute("PRAGMA synchronous = NORMAL")
        row = None
        with contextlib.suppress(sqlite3.OperationalError):
            row = c.execute("SELECT version FROM schema_version").fetchone()
        if row is not None and row[0] == SCHEMA_VERSION:
            return
        if row is not None and row[0] > SCHEMA_VERSION:
            raise sqlite3.DatabaseError(
                f"it was written by a newer smtui (schema {row[0]}, this one knows {SCHEMA_VERSION})"
            )
        with self.write():
            for statement in _SCHEMA.split(";\n"):
                if statement.strip():
                    c.execute(statement)
            if c.execute("SELECT version FROM schema_version").fetchone() is None:
                c.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION,))
            c.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('account_id', ?)", (new_account_id(),))
            c.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('store_id', ?)", (new_key_id(),))

    def meta(self, key: str) -> str:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        if row is None:
            raise _plain(self.path, sqlite3.DatabaseError(f"its meta table has no {key}"))
        return str(row[0])

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE): commit on success, roll back on any exception."""
        with self.lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    @contextlib.contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """A consistent read snapshot (a deferred transaction)."""
        with self.lock:
            self.conn.execute("BEGIN")
            try:
                yield self.conn
            finally:
                self.conn.execute("COMMIT")

    def wrap_error(self, exc: sqlite3.Error) -> ConfigurationError:
        return _plain(self.path, exc)

    def close(self) -> None:
        with self.lock:
            self.conn.close()
