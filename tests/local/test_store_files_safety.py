"""The local store's and the key file's files: no symlink followed, no foreign file taken over, no shared folder.

Symlinks and foreign files, folders others can write, the key file on a full disk, and the key file's temporary-file
race (the parts one user can show; a real second OS user is in tests/adversary). Every check is
on real files, a real SQLite store and (for the full disk) a real tmpfs mounted as root.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from smtui.backends.local import LocalBackend
from smtui.backends.local.material import KeyFileProvider
from smtui.errors import EXIT_CONFIGURATION, ConfigurationError
from smtui.settings import TargetSettings
from tests.local.conftest import MARKER, fill, request
from tests.local.smtui_cli import smtui

CANARY = b"canary: a file of the person's that smtui must never change\n"


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def _canary(path: Path, mode: int = 0o644) -> Path:
    path.write_bytes(CANARY)
    path.chmod(mode)
    return path


def _open(store: Path, key_file: Path) -> LocalBackend:
    return LocalBackend(TargetSettings(backend="local", store=store, key_file=key_file))


def _refused(store: Path, key_file: Path) -> ConfigurationError:
    with pytest.raises(ConfigurationError) as exc:
        _open(store, key_file).close()
    assert exc.value.exit_code == EXIT_CONFIGURATION
    return exc.value


def _real_store(path: Path) -> None:
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute("CREATE TABLE t (x)")
        db.commit()


# ---- symlinks and foreign files ------------------------------------------------------------------------------


def test_store_that_is_a_symlink_is_refused_and_its_target_left_alone(tmp_path: Path) -> None:
    """Old code chmodded the link's target 0600 (as root: /etc/passwd, /dev/null) and then opened it."""
    target = tmp_path / "elsewhere.db"
    _real_store(target)
    target.chmod(0o644)
    link = tmp_path / "store.db"
    link.symlink_to(target)
    error = _refused(link, tmp_path / "k.json")
    assert "symbolic link" in error.message and str(target) in error.message and "--store" in error.message
    assert _mode(target) == 0o644
    assert not Path(f"{target}-wal").exists()


@pytest.mark.parametrize("suffix", ["-wal", "-shm", "-journal"])
def test_planted_companion_symlink_is_refused_and_its_target_left_alone(tmp_path: Path, suffix: str) -> None:
    store, key_file = tmp_path / "store.db", tmp_path / "k.json"
    _open(store, key_file).close()
    canary = _canary(tmp_path / "canary.txt")
    Path(f"{store}{suffix}").unlink(missing_ok=True)
    Path(f"{store}{suffix}").symlink_to(canary)
    error = _refused(store, key_file)
    assert f"store.db{suffix}" in error.message and "symbolic link" in error.message
    assert _mode(canary) == 0o644 and canary.read_bytes() == CANARY


def test_hard_linked_wal_is_refused(tmp_path: Path) -> None:
    """A -wal that is another name of some file of the person's would be overwritten by SQLite."""
    store, key_file = tmp_path / "store.db", tmp_path / "k.json"
    _open(store, key_file).close()
    canary = _canary(tmp_path / "canary.txt")
    Path(f"{store}-wal").unlink(missing_ok=True)
    os.link(canary, f"{store}-wal")
    error = _refused(store, key_file)
    assert "hard links" in error.message
    assert _mode(canary) == 0o644 and canary.read_bytes() == CANARY


def test_file_that_is_not_an_sqlite_store_is_refused_untouched(tmp_path: Path) -> None:
    """Old code chmodded any existing file 0600 before SQLite said "file is not a database"."""
    foreign = _canary(tmp_path / "notes.txt")
    error = _refused(foreign, tmp_path / "k.json")
    assert "not an SQLite store" in error.message and str(foreign) in error.message
    assert _mode(foreign) == 0o644 and foreign.read_bytes() == CANARY


def test_fifo_is_refused_untouched(tmp_path: Path) -> None:
    fifo = tmp_path / "store.db"
    os.mkfifo(fifo, 0o644)
    os.chmod(fifo, 0o644)
    error = _refused(fifo, tmp_path / "k.json")
    assert "not a regular file" in error.message
    assert _mode(fifo) == 0o644


@pytest.mark.skipif(os.geteuid() != 0, reason="creating a device node needs root")
def test_device_file_is_refused_untouched(tmp_path: Path) -> None:
    """A private copy of /dev/null's node (1, 3): what old code did to /dev/null, without touching the real one."""
    node = tmp_path / "null"
    os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    os.chmod(node, 0o666)  # noqa: S103 - a private node in the test folder, as /dev/null is
    error = _refused(node, tmp_path / "k.json")
    assert "not a regular file" in error.message
    assert _mode(node) == 0o666


def test_symlinked_store_on_the_command_line_is_253_in_plain_words(tmp_path: Path) -> None:
    target = _canary(tmp_path / "target.txt")
    link = tmp_path / "store.db"
    link.symlink_to(target)
    done = smtui(link, tmp_path / "k.json", "list-secrets")
    assert done.returncode == 253, done.stderr
    assert "symbolic link" in done.stderr and "Traceback" not in done.stderr
    assert _mode(target) == 0o644 and target.read_bytes() == CANARY


def test_symlinked_folder_on_the_way_is_followed_and_checked(tmp_path: Path) -> None:
    """A symlinked folder (a data folder on another disk) is fine when every folder on the way is safe."""
    real = tmp_path / "real"
    real.mkdir(mode=0o700)
    (tmp_path / "via").symlink_to(real)
    b = _open(tmp_path / "via" / "store.db", tmp_path / "k.json")
    b.create_secret(request("s", SecretString=MARKER))
    b.close()
    assert (real / "store.db").exists()


# ---- folders others can write --------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o755 | 0o020])
def test_store_in_a_folder_others_can_write_is_refused(tmp_path: Path, mode: int) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(mode)
    error = _refused(shared / "store.db", tmp_path / "k.json")
    assert str(shared) in error.message and "can be written by" in error.message
    assert "chmod go-w" in error.message and not (shared / "store.db").exists()


def test_store_below_an_ancestor_others_can_write_is_refused(tmp_path: Path) -> None:
    """Another user who can write an ancestor can rename the person's folder away and put their own in its
    place: every folder on the way counts, not only the last."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    mine = shared / "mine"
    mine.mkdir(mode=0o700)
    error = _refused(mine / "store.db", tmp_path / "k.json")
    assert str(shared) in error.message


def test_store_in_a_sticky_folder_like_tmp_is_allowed(tmp_path: Path) -> None:
    """Sticky and owned by the person or root (like /tmp): no one else can delete or rename the person's files."""
    sticky = tmp_path / "sticky"
    sticky.mkdir()
    sticky.chmod(0o1777)
    b = _open(sticky / "store.db", tmp_path / "k.json")
    b.create_secret(request("s", SecretString=MARKER))
    b.close()


@pytest.mark.parametrize("mode", [0o777, 0o1777])
def test_key_file_in_a_folder_others_can_write_is_refused(tmp_path: Path, mode: int) -> None:
    """The key file's folder must be the person's alone: not even the sticky exception."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(mode)
    error = _refused(tmp_path / "store.db", shared / "keys.json")
    assert "key file" in error.message and str(shared) in error.message
    assert list(shared.iterdir()) == []


def test_a_backend_refused_for_its_key_file_releases_the_store(tmp_path: Path) -> None:
    from smtui.backends.local import store as store_mod

    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    _refused(tmp_path / "store.db", shared / "keys.json")
    assert store_mod.open_handles(tmp_path / "store.db") == 0


# ---- the key file: symlink, temp file, lock file -------------------------------------------------------------


def test_key_file_that_is_a_symlink_is_refused(tmp_path: Path) -> None:
    """Decision (docs/security.md): refused, never followed; the message names the real file to pass."""
    keys = tmp_path / "keys"
    keys.mkdir(mode=0o700)
    target = _canary(keys / "real.json", 0o600)
    (keys / "keys.json").symlink_to(target)
    error = _refused(tmp_path / "store.db", keys / "keys.json")
    assert "symbolic link" in error.message and str(target) in error.message
    assert target.read_bytes() == CANARY


def test_key_file_write_leaves_no_temp_file_and_ignores_a_planted_old_temp_name(tmp_path: Path) -> None:
    """Old code wrote `<key file>.tmp` (unlink, then O_CREAT|O_TRUNC without O_EXCL/O_NOFOLLOW): a name anyone
    could predict. Now the temp file's name is random and created O_EXCL|O_NOFOLLOW; a planted link at the old
    name is neither followed nor touched."""
    keys = tmp_path / "keys"
    keys.mkdir(mode=0o700)
    loot = tmp_path / "loot"
    (keys / "keys.json.tmp").symlink_to(loot)
    b = _open(tmp_path / "store.db", keys / "keys.json")
    for i in range(3):
        b.create_key(description=f"k{i}")
    b.close()
    assert not loot.exists()
    assert (keys / "keys.json.tmp").is_symlink()
    assert sorted(p.name for p in keys.iterdir()) == ["keys.json", "keys.json.lock", "keys.json.tmp"]
    assert _mode(keys / "keys.json") == 0o600 and _mode(keys / "keys.json.lock") == 0o600
    assert len(json.loads((keys / "keys.json").read_text())["keys"]) == 3


def test_planted_lock_symlink_creates_nothing_through_it(tmp_path: Path) -> None:
    """Old code opened `<key file>.lock` O_CREAT through a symlink: the link's target was created."""
    keys = tmp_path / "keys"
    keys.mkdir(mode=0o700)
    made = tmp_path / "made-through-the-link"
    (keys / "keys.json.lock").symlink_to(made)
    b = _open(tmp_path / "store.db", keys / "keys.json")
    with pytest.raises(ConfigurationError) as exc:
        b.create_key(description="k")
    b.close()
    assert exc.value.exit_code == EXIT_CONFIGURATION and "key file" in exc.value.message
    assert not made.exists() and not (keys / "keys.json").exists()


# ---- the key file on a full disk -----------------------------------------------------------------------------


def test_key_file_write_on_a_full_disk_is_253_and_leaves_nothing(tmp_path: Path, tiny_fs: Path) -> None:
    store, key_file = tmp_path / "store.db", tiny_fs / "keys.json"
    first = smtui(store, key_file, "kms", "create-key")  # one key fits: the file exists before the disk fills
    assert first.returncode == 0, first.stderr
    before = key_file.read_bytes()
    fill(tiny_fs)
    done = smtui(store, key_file, "create-secret", "--name", "full/one", "--secret-string", "-", stdin=MARKER.encode())
    assert done.returncode == 253, done.stderr
    assert "full" in done.stderr and "Traceback" not in done.stderr and MARKER not in done.stderr
    assert key_file.read_bytes() == before
    assert sorted(p.name for p in tiny_fs.iterdir()) == ["filler", "keys.json", "keys.json.lock"]
    (tiny_fs / "filler").unlink()
    listed = smtui(store, key_file, "list-secrets")
    assert listed.returncode == 0 and "full/one" not in listed.stdout  # the failed create left no secret


def test_key_file_write_failure_keeps_the_old_file(tmp_path: Path, tiny_fs: Path) -> None:
    """The provider itself: the old contents stay, the temp file is gone, the error is a 253 in plain words."""
    provider = KeyFileProvider(tiny_fs / "keys.json")
    provider.put("store", "k1", b"\x01" * 32)
    fill(tiny_fs)
    with pytest.raises(ConfigurationError) as exc:
        provider.put("store", "k2", b"\x02" * 4096)
    assert exc.value.exit_code == EXIT_CONFIGURATION and "full" in exc.value.message
    assert provider.get("store", "k1") == b"\x01" * 32 and provider.get("store", "k2") is None
    assert not [p for p in tiny_fs.iterdir() if p.name.endswith(".tmp")]
