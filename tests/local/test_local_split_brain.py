"""Two handles to one store in one process, while other smtui processes use the same store.

POSIX locks belong to a process and to a file's inode: closing ANY descriptor of the database file drops every
lock the process holds on it, the open SQLite connection's included (SQLite's "How To Corrupt An SQLite
Database File", §2.2). A second open of the store that touched the file by a raw descriptor (smtui did, to
create it 0600) left the first connection unlocked; the next smtui process then believed it was the last user,
checkpointed and deleted the -wal and -shm under that connection, and every later write of this process went
into a deleted file: "Secret created", and nobody else ever sees it.

The other processes are the real command line (`python -m smtui`); the key file keeps them free of a keyring
(the fault is the database file's, whichever provider holds the key material).
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from pathlib import Path

import pytest

from smtui.backends.local import LocalBackend
from smtui.backends.local import store as store_mod
from smtui.errors import ConfigurationError
from smtui.settings import TargetSettings
from tests.local.conftest import request
from tests.local.smtui_cli import smtui

VALUE = "Zq9-split-brain-value-41c2"


def _settings(tmp_path: Path, store: Path | None = None) -> TargetSettings:
    return TargetSettings(
        backend="local",
        store=store or tmp_path / "store" / "store.db",
        key_file=tmp_path / "keys" / "keys.json",
        region="us-east-1",
    )


def _deleted_wal_fds() -> list[str]:
    """This process's descriptors on a -wal or -shm file that no longer has a name (the split brain's mark)."""
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.endswith("(deleted)") and ("-wal" in target or "-shm" in target):
            found.append(target)
    return found


def _cli_create(tmp_path: Path, settings: TargetSettings, name: str) -> None:
    assert settings.store is not None and settings.key_file is not None
    done = smtui(
        settings.store, settings.key_file, "create-secret", "--name", name, "--secret-string", "-", stdin=VALUE.encode()
    )
    assert done.returncode == 0, done.stderr


def _cli_names(settings: TargetSettings) -> set[str]:
    assert settings.store is not None and settings.key_file is not None
    done = smtui(settings.store, settings.key_file, "list-secrets")
    assert done.returncode == 0, done.stderr
    return {s["Name"] for s in json.loads(done.stdout)["SecretList"]}


def _cli_value(settings: TargetSettings, name: str) -> str:
    assert settings.store is not None and settings.key_file is not None
    done = smtui(settings.store, settings.key_file, "get-secret-value", "--secret-id", name)
    assert done.returncode == 0, done.stderr
    return str(json.loads(done.stdout)["SecretString"])


def _integrity(path: Path) -> str:
    db = sqlite3.connect(path)
    try:
        return str(db.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        db.close()


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs Linux's /proc/self/fd")
def test_store_opened_twice_in_one_process_loses_no_write(tmp_path: Path) -> None:
    """Open A, open B, close B, keep A; the command line creates, lists and reads meanwhile. Fails on the old
    code: the CLI's create deletes the -wal under A (a `(deleted)` -wal in /proc/self/fd), and A's next
    create is seen by no other process."""
    settings = _settings(tmp_path)
    a = LocalBackend(settings)
    try:
        a.create_secret(request("wizard/first", SecretString=VALUE))
        b = LocalBackend(settings)  # the wizard's re-open: region change, key-file opt-in, back to Target
        b.list_secrets()
        b.close()
        _cli_create(tmp_path, settings, "cli/first")  # a process that opens, writes and closes
        assert _deleted_wal_fds() == []
        a.create_secret(request("wizard/second", SecretString=VALUE))
        _cli_create(tmp_path, settings, "cli/second")
        assert _cli_names(settings) == {"wizard/first", "cli/first", "wizard/second", "cli/second"}
        assert _cli_value(settings, "wizard/second") == VALUE
        assert {s.Name for s in a.list_secrets().SecretList} == {
            "wizard/first",
            "cli/first",
            "wizard/second",
            "cli/second",
        }
        got = a.get_secret_value("cli/second").SecretString
        assert got is not None and got.get_secret_value() == VALUE
        assert _deleted_wal_fds() == []
    finally:
        a.close()
    assert _integrity(settings.store or Path()) == "ok"
    assert _cli_names(settings) == {"wizard/first", "cli/first", "wizard/second", "cli/second"}


def test_second_open_shares_one_connection_and_the_last_close_closes_it(tmp_path: Path) -> None:
    """One Store per file per process: a second open (also through another spelling of the path: a relative
    part, a symlinked folder) reuses the connection; it stays open until the last handle closes."""
    settings = _settings(tmp_path)
    a = LocalBackend(settings)
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "store", target_is_directory=True)
    b = LocalBackend(_settings(tmp_path, link / ".." / "store" / "store.db"))
    c = LocalBackend(_settings(tmp_path, link / "store.db"))
    assert a.store.conn is b.store.conn is c.store.conn
    assert store_mod.open_handles(settings.store or Path()) == 3
    b.close()
    b.close()  # closing twice releases once
    c.close()
    assert store_mod.open_handles(settings.store or Path()) == 1
    a.create_secret(request("still/open", SecretString=VALUE))  # the shared connection is still usable
    conn = a.store.conn
    a.close()
    assert store_mod.open_handles(settings.store or Path()) == 0
    with pytest.raises(sqlite3.ProgrammingError):
        conn.execute("SELECT 1")  # really closed
    d = LocalBackend(settings)  # and a new open after the last close works
    try:
        assert [s.Name for s in d.list_secrets().SecretList] == ["still/open"]
    finally:
        d.close()


def test_prepare_files_runs_only_while_no_connection_is_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The file preparation (which may open and close the file by a descriptor) runs on the first open only.
    It is wrapped, not replaced: the real preparation still runs."""
    calls: list[str] = []
    real = getattr(store_mod, "_prepare_files")  # noqa: B009 - a private name the store module imports

    def counting(path: Path, is_default: bool) -> None:
        calls.append(str(path))
        real(path, is_default)

    monkeypatch.setattr(store_mod, "_prepare_files", counting)
    settings = _settings(tmp_path)
    a = LocalBackend(settings)
    b = LocalBackend(settings)
    b.close()
    assert len(calls) == 1
    a.close()
    LocalBackend(settings).close()
    assert len(calls) == 2


def test_a_failed_open_keeps_no_connection(tmp_path: Path) -> None:
    """A store smtui cannot use (here: written by a newer smtui) is refused with 253 and leaves nothing open."""
    settings = _settings(tmp_path)
    LocalBackend(settings).close()
    db = sqlite3.connect(settings.store or Path())
    db.execute("UPDATE schema_version SET version = 99")
    db.commit()
    db.close()
    with pytest.raises(ConfigurationError, match="newer smtui"):
        LocalBackend(settings)
    assert store_mod.open_handles(settings.store or Path()) == 0


def test_a_backend_failing_after_the_store_opened_releases_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When anything after the store fails in LocalBackend's constructor, the store's handle is released.
    (The failure is injected: no real key-material provider fails in its constructor today.)"""
    import smtui.backends.local as local_pkg

    def broken(*_args: object) -> object:
        raise ConfigurationError("injected provider failure")

    monkeypatch.setattr(local_pkg, "provider_for", broken)
    settings = _settings(tmp_path)
    with pytest.raises(ConfigurationError, match="injected"):
        LocalBackend(settings)
    assert store_mod.open_handles(settings.store or Path()) == 0


def test_opens_and_closes_from_many_threads(tmp_path: Path) -> None:
    """The registry is thread-safe: threads opening, using and closing the same store end with one shared
    connection while any is open, and none when all have closed."""
    settings = _settings(tmp_path)
    LocalBackend(settings).close()  # the schema and the key file exist before the threads start
    conns: set[int] = set()
    errors: list[BaseException] = []
    keeper = LocalBackend(settings)

    def work(i: int) -> None:
        try:
            for j in range(5):
                b = LocalBackend(settings)
                conns.add(id(b.store.conn))
                b.create_secret(request(f"thread/{i}-{j}", SecretString=VALUE))
                b.close()
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert conns == {id(keeper.store.conn)}
    assert len(keeper.list_secrets(max_results=100).SecretList) == 30
    keeper.close()
    assert store_mod.open_handles(settings.store or Path()) == 0
