"""Reads on a full disk, and the store's durability setting (issue 7 §1).

The full disk is real: a 2 MiB tmpfs mounted for the test (root only; skipped with the reason otherwise),
filled to the last block while the store is open, as when a disk fills under a running wizard.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from smtui.backends.local import LocalBackend
from smtui.settings import TargetSettings
from tests.local.conftest import fill, request

VALUE = "Zq9-full-disk-value-93ab"


def test_a_value_read_works_on_a_full_disk(tiny_fs: Path) -> None:
    """Failed on the old code: the read's LastAccessedDate update could not commit, so the read failed (253)."""
    settings = TargetSettings(
        backend="local", store=tiny_fs / "s" / "store.db", key_file=tiny_fs / "k" / "keys.json", region="us-east-1"
    )
    backend = LocalBackend(settings)
    try:
        backend.create_secret(request("full/one", SecretString=VALUE))
        backend.describe_secret("full/one")
        fill(tiny_fs)
        assert os.statvfs(tiny_fs).f_bavail == 0
        got = backend.get_secret_value("full/one").SecretString
        assert got is not None and got.get_secret_value() == VALUE
        assert backend.describe_secret("full/one").Name == "full/one"
    finally:
        backend.close()


def test_the_store_syncs_every_commit(tmp_path: Path) -> None:
    """synchronous = FULL (2): a secret reported as created survives a power loss (NORMAL, 1, before)."""
    settings = TargetSettings(backend="local", store=tmp_path / "store.db", key_file=tmp_path / "keys.json")
    backend = LocalBackend(settings)
    try:
        assert backend.store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2
    finally:
        backend.close()


def test_only_the_access_mark_of_a_read_skips_the_sync(tmp_path: Path) -> None:
    """A read's LastAccessedDate commits with synchronous = NORMAL (1), and only it: the connection is back at
    FULL (2) after it, so the next create still syncs; the mark itself is written."""
    settings = TargetSettings(backend="local", store=tmp_path / "store.db", key_file=tmp_path / "keys.json")
    backend = LocalBackend(settings)
    try:
        conn = backend.store.conn
        with backend.store.write_unsynced() as inside:
            assert inside.execute("PRAGMA synchronous").fetchone()[0] == 1
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2
        backend.create_secret(request("sync/one", SecretString=VALUE))
        assert backend.describe_secret("sync/one").LastAccessedDate is None
        backend.get_secret_value("sync/one")
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2
        assert backend.describe_secret("sync/one").LastAccessedDate is not None
    finally:
        backend.close()


def test_the_command_line_reads_a_closed_store_on_a_full_disk(tiny_fs: Path) -> None:
    """The store is closed (no -wal, no -shm) when the disk fills: SQLite cannot make its -shm, so the old code
    could not even open the store ("disk I/O error", 253). Now it opens in EXCLUSIVE locking mode (the wal-index
    in memory) and get-secret-value, describe-secret and list-secrets answer."""
    from tests.local.smtui_cli import smtui

    store, key_file = tiny_fs / "s" / "store.db", tiny_fs / "k" / "keys.json"
    done = smtui(store, key_file, "create-secret", "--name", "full/cli", "--secret-string", "-", stdin=VALUE.encode())
    assert done.returncode == 0, done.stderr
    fill(tiny_fs)
    assert os.statvfs(tiny_fs).f_bavail == 0
    done = smtui(store, key_file, "get-secret-value", "--secret-id", "full/cli")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["SecretString"] == VALUE
    for args in (("describe-secret", "--secret-id", "full/cli"), ("list-secrets",)):
        done = smtui(store, key_file, *args)
        assert done.returncode == 0, done.stderr
        assert "full/cli" in done.stdout
