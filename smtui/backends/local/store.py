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
- One shared connection per store file per process (`Store` handles count references on it): POSIX locks
  belong to the process, so a second open that touched the file by a raw descriptor would drop the first
  connection's locks, and another process would delete the -wal under it (SQLite's "How To Corrupt An SQLite
  Database File", §2.2). The files are prepared only on the first open; the last close closes the connection.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from smtui.backends.local.files import prepare_store_files as _prepare_files  # the safe-file rules live there
from smtui.backends.local.ids import new_account_id, new_key_id
from smtui.errors import ConfigurationError
from smtui.settings import TargetSettings

SCHEMA_VERSION = 3  # 2: versions.last_accessed and the label indexes (`_migrate` upgrades a store of 1)
# 3: the resource_policies table and the secrets_primary index (created on an older store by `_SCHEMA`'s
# IF NOT EXISTS statements): a primary's replicas are found by index, not by a scan of every secret
BUSY_TIMEOUT_S = 30.0
SYNCHRONOUS = "FULL"  # why: docs/security.md, "Durability and the store under concurrent handles"

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
CREATE INDEX IF NOT EXISTS secrets_primary ON secrets (primary_id);
CREATE TABLE IF NOT EXISTS versions (
    secret_id INTEGER NOT NULL REFERENCES secrets(id) ON DELETE CASCADE,
    version_id TEXT NOT NULL,
    stages TEXT NOT NULL,
    created REAL NOT NULL,
    key_id TEXT NOT NULL,
    is_binary INTEGER NOT NULL,
    wrapped_key BLOB NOT NULL,
    ciphertext BLOB NOT NULL,
    last_accessed REAL,
    PRIMARY KEY (secret_id, version_id)
);
CREATE INDEX IF NOT EXISTS versions_labelled ON versions (secret_id, created) WHERE stages != '[]';
CREATE INDEX IF NOT EXISTS versions_deprecated ON versions (secret_id, created) WHERE stages = '[]';
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
CREATE TABLE IF NOT EXISTS resource_policies (
    secret_id INTEGER PRIMARY KEY REFERENCES secrets(id) ON DELETE CASCADE,
    policy TEXT NOT NULL
);
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


class _Shared:
    """The one connection this process keeps to one store file, and how many `Store` handles use it."""

    def __init__(self, path: Path, identity: tuple[int, int], conn: sqlite3.Connection) -> None:
        self.path = path
        self.identity = identity
        self.conn = conn
        self.lock = threading.RLock()  # one transaction at a time on the shared connection, across handles
        self.refs = 0
        self.account_id = ""
        self.store_id = ""


# Every store file this process has open, by (st_dev, st_ino): two spellings of one path, a symlinked folder
# or a hard link all land on the same entry, because POSIX locks belong to the inode.
_OPEN: dict[tuple[int, int], _Shared] = {}
_OPEN_LOCK = threading.Lock()


def _reset_after_fork() -> None:
    """A forked child holds none of its parent's locks and must not share its connections: start empty."""
    global _OPEN, _OPEN_LOCK
    _OPEN = {}
    _OPEN_LOCK = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_reset_after_fork)


def _identity(path: Path) -> tuple[int, int] | None:
    """(st_dev, st_ino) of the file `path` names (symlinks followed: the inode is what holds the locks)."""
    try:
        st = os.stat(os.path.realpath(path))
    except (FileNotFoundError, NotADirectoryError):
        return None
    return st.st_dev, st.st_ino


def open_handles(path: Path) -> int:
    """How many open `Store` handles this process has on the file `path` names (0 when none)."""
    with _OPEN_LOCK:
        identity = _identity(path)
        shared = _OPEN.get(identity) if identity is not None else None
        return shared.refs if shared is not None else 0


def _connect(path: Path, is_default: bool) -> _Shared:
    """The first open of a store file in this process: prepare the files, connect, set the modes, read meta.

    Only here may the file be touched by a raw descriptor (`_prepare_files`): no connection of this process
    has it open yet, so no lock can be dropped by that descriptor's close.
    """
    try:
        _prepare_files(path, is_default)
    except (OSError, sqlite3.Error) as exc:
        raise _plain(path, exc) from None
    try:
        return _connect_once(path, exclusive=False)
    except sqlite3.Error as exc:
        if not (isinstance(exc, sqlite3.OperationalError) and disk_full(exc)):
            raise _plain(path, exc) from None
    # A full disk: the -shm (SQLite's shared wal-index) cannot grow, so no connection opens in the shared mode.
    # In EXCLUSIVE locking mode SQLite keeps the wal-index in this process's memory: reads work; other smtui
    # processes wait (busy timeout) until this one closes the store.
    try:
        return _connect_once(path, exclusive=True)
    except sqlite3.Error as exc:
        raise _plain(path, exc) from None


def disk_full(exc: sqlite3.Error) -> bool:
    """SQLite's words for a write the disk cannot take (SQLITE_FULL, SQLITE_IOERR)."""
    text = str(exc).lower()
    return "full" in text or "disk i/o" in text


def _connect_once(path: Path, *, exclusive: bool) -> _Shared:
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
    except (OSError, sqlite3.Error) as exc:
        raise _plain(path, exc) from None
    try:
        if exclusive:
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")  # before the first access: no -shm is used
        identity = _identity(path)
        if identity is None:  # deleted between SQLite's open and now: nothing this process can share
            raise sqlite3.OperationalError("unable to open: the file vanished while it was being opened")
        shared = _Shared(path, identity, conn)
        _init(conn, shared.lock)
        shared.account_id = _meta(conn, path, "account_id")
        shared.store_id = _meta(conn, path, "store_id")
    except BaseException:
        conn.close()
        raise
    return shared


def _acquire(path: Path, is_default: bool) -> _Shared:
    """The shared connection to `path`'s file, opened on first use; one more reference to it."""
    with _OPEN_LOCK:
        identity = _identity(path)
        shared = _OPEN.get(identity) if identity is not None else None
        if shared is None:
            shared = _connect(path, is_default)
            _OPEN[shared.identity] = shared
        shared.refs += 1
        return shared


def _release(shared: _Shared) -> None:
    """One reference less; the last one closes the connection. The caller holds `_OPEN_LOCK`, so no other
    thread can open the file anew (and prepare it by a raw descriptor) while this connection still holds locks."""
    shared.refs -= 1
    if shared.refs > 0:
        return
    if _OPEN.get(shared.identity) is shared:
        del _OPEN[shared.identity]
    with shared.lock:
        shared.conn.close()


def _init(c: sqlite3.Connection, lock: threading.RLock) -> None:
    c.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    c.execute("PRAGMA foreign_keys = ON")
    c.execute("PRAGMA secure_delete = ON")
    _wal(c)
    c.execute(f"PRAGMA synchronous = {SYNCHRONOUS}")
    row = None
    with contextlib.suppress(sqlite3.OperationalError):
        row = c.execute("SELECT version FROM schema_version").fetchone()
    if row is not None and row[0] == SCHEMA_VERSION:
        return
    if row is not None and row[0] > SCHEMA_VERSION:
        raise sqlite3.DatabaseError(
            f"it was written by a newer smtui (schema {row[0]}, this one knows {SCHEMA_VERSION})"
        )
    with lock, _transaction(c, "BEGIN IMMEDIATE"):
        for statement in _SCHEMA.split(";\n"):
            if statement.strip():
                c.execute(statement)
        found = c.execute("SELECT version FROM schema_version").fetchone()
        if found is None:
            c.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION,))
        else:
            _migrate(c, int(found[0]))
        c.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('account_id', ?)", (new_account_id(),))
        c.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('store_id', ?)", (new_key_id(),))


def _wal(c: sqlite3.Connection) -> None:
    """WAL mode. Two processes opening a new store at once may both make the switch; it needs the file alone, so
    SQLite answers one of them "database is locked" at once, without waiting in its busy handler. That one looks
    again (by then the other has switched the file) until the busy timeout has passed."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            if c.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                c.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(0.005)


def _migrate(c: sqlite3.Connection, found: int) -> None:
    """Bring a store written by an older smtui to SCHEMA_VERSION, step by step (inside `_init`'s write
    transaction, after the version was read again there: two processes opening an old store migrate it once)."""
    if found < 2:  # per-version LastAccessedDate (ListSecretVersionIds)
        c.execute("ALTER TABLE versions ADD COLUMN last_accessed REAL")
    if found < SCHEMA_VERSION:
        c.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION,))


def _meta(conn: sqlite3.Connection, path: Path, key: str) -> str:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    if row is None:
        raise _plain(path, sqlite3.DatabaseError(f"its meta table has no {key}"))
    return str(row[0])


@contextlib.contextmanager
def _transaction(conn: sqlite3.Connection, begin: str) -> Iterator[sqlite3.Connection]:
    """`begin`, then COMMIT on success; ROLLBACK on any exception (the exception goes on)."""
    conn.execute(begin)
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # SQLite may have rolled back already (a full disk, an I/O error)
            with contextlib.suppress(sqlite3.Error):  # the first error is the one to report
                conn.execute("ROLLBACK")
        raise


class Store:
    """One handle on the store file: the process's one shared connection to it, counted (see the module doc).

    Why shared: POSIX locks belong to the process. A second connection of this process would be safe by
    itself (SQLite tracks its own descriptors per inode), but opening a store may touch the file by a raw
    descriptor, and closing that descriptor drops every lock the process holds on the file; another smtui
    process would then delete the -wal under the open connection, and its later writes would be lost. So a
    second open reuses the first's connection, and only the first open prepares the files.
    """

    def __init__(self, settings: TargetSettings) -> None:
        self.path, is_default = store_path(settings)
        self._shared: _Shared | None = _acquire(self.path, is_default)
        self.lock = self._shared.lock
        self.account_id = self._shared.account_id
        self.store_id = self._shared.store_id

    @property
    def conn(self) -> sqlite3.Connection:
        if self._shared is None:
            raise sqlite3.ProgrammingError("Cannot operate on a closed database.")
        return self._shared.conn

    def meta(self, key: str) -> str:
        return _meta(self.conn, self.path, key)

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE): commit on success, roll back on any exception."""
        with self.lock, _transaction(self.conn, "BEGIN IMMEDIATE") as conn:
            yield conn

    @contextlib.contextmanager
    def write_unsynced(self) -> Iterator[sqlite3.Connection]:
        """A write transaction whose COMMIT does not wait for the disk (`synchronous = NORMAL` for it alone).

        Why: only for a record that is best-effort anyway, LastAccessedDate after a read. Its fsync was half of
        what a GetSecretValue cost (docs/performance.md (g)), and a read must not wait for the disk. In WAL mode
        NORMAL keeps the file consistent; a power cut may lose this mark only, and the next synced commit (any
        create, put or change) writes it to the disk with its own frames."""
        with self.lock:
            conn = self.conn
            conn.execute("PRAGMA synchronous = NORMAL")
            try:
                with _transaction(conn, "BEGIN IMMEDIATE"):
                    yield conn
            finally:
                conn.execute(f"PRAGMA synchronous = {SYNCHRONOUS}")

    @contextlib.contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """A consistent read snapshot (a deferred transaction)."""
        with self.lock:
            conn = self.conn
            conn.execute("BEGIN")
            try:
                yield conn
            finally:
                if conn.in_transaction:
                    conn.execute("COMMIT")

    def wrap_error(self, exc: sqlite3.Error) -> ConfigurationError:
        return _plain(self.path, exc)

    def tampered(self, exc: BaseException) -> ConfigurationError:
        """A row that does not have the shape smtui writes (exit 253): named by its kind of fault only, never by
        its content."""
        return ConfigurationError(
            f"The local store at {self.path} cannot be used: it holds data smtui did not write (a row was "
            f"altered or damaged: {type(exc).__name__}). Restore the file from a backup, move it away to start a "
            "new store, or choose another one with --store PATH or SMTUI_STORE.",
            code="StoreDamaged",
            hint="The local store is an SQLite file that only smtui should write.",
        )

    def close(self) -> None:
        """Release this handle (once: a second close does nothing); the last handle closes the connection."""
        with _OPEN_LOCK:
            shared, self._shared = self._shared, None
            if shared is not None:
                _release(shared)
