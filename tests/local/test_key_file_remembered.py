"""The key-file opt-in is remembered by the store: after `--key-file` once, later commands on the
same store find the key file without it, and never one whose folder others can now write.

Real processes, a real store, and a keyring that fails (keyring's own fail backend, chosen through its
documented PYTHON_KEYRING_BACKEND variable): a machine without a keyring, where the old code failed every
command that was not given --key-file again.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from smtui.backends.local import LocalBackend
from smtui.backends.local.material import REMEMBERED_KEY_FILE
from smtui.settings import TargetSettings
from tests.local.conftest import MARKER, request
from tests.local.smtui_cli import REPO, cli_env, smtui


def _no_key_file(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m smtui ARGS --store STORE`, no --key-file, on a machine without a usable keyring."""
    env = cli_env()
    env.pop("SMTUI_KEY_FILE", None)
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    return subprocess.run(
        [sys.executable, "-m", "smtui", *args, "--backend", "local", "--store", str(store), "--region", "us-east-1"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )


def test_commands_after_the_opt_in_find_the_key_file_without_asking(tmp_path: Path) -> None:
    store, key_file = tmp_path / "store.db", tmp_path / "keys" / "keys.json"
    created = smtui(
        store, key_file, "create-secret", "--name", "rem/one", "--secret-string", "-", stdin=MARKER.encode()
    )
    assert created.returncode == 0, created.stderr
    got = _no_key_file(
        store, "get-secret-value", "--secret-id", "rem/one", "--query", "SecretString", "--output", "text"
    )
    assert got.returncode == 0, got.stderr
    assert got.stdout.strip() == MARKER
    made = _no_key_file(store, "kms", "create-key")  # new keys go to the remembered key file too
    assert made.returncode == 0, made.stderr


def test_remembered_key_file_in_a_folder_now_open_to_others_is_refused(tmp_path: Path) -> None:
    store, keys = tmp_path / "store.db", tmp_path / "keys"
    assert smtui(store, keys / "keys.json", "kms", "create-key").returncode == 0
    keys.chmod(0o777)
    done = _no_key_file(store, "list-secrets")
    assert done.returncode == 253, done.stderr
    assert "the key file this store remembers" in done.stderr and "chmod go-w" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_new_key_file_given_replaces_the_remembered_one(tmp_path: Path) -> None:
    store = tmp_path / "store.db"
    first, second = tmp_path / "a" / "k.json", tmp_path / "b" / "k.json"
    LocalBackend(TargetSettings(backend="local", store=store, key_file=first)).close()
    b = LocalBackend(TargetSettings(backend="local", store=store, key_file=second))
    b.create_secret(request("rem/two", SecretString=MARKER))
    b.close()
    with sqlite3.connect(store) as db:
        row = db.execute("SELECT value FROM meta WHERE key = ?", (REMEMBERED_KEY_FILE,)).fetchone()
    assert row == (str(second),)
    again = LocalBackend(TargetSettings(backend="local", store=store))
    assert again.get_secret_value("rem/two").SecretString is not None
    again.close()


def test_a_store_without_a_key_file_keeps_the_keyring(tmp_path: Path) -> None:
    b = LocalBackend(TargetSettings(backend="local", store=tmp_path / "store.db"))
    assert b.keys.provider.name == "keyring"
    b.close()
