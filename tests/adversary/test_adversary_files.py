"""A second OS user (smtui-adv) against the local store's and the key file's files.

Each test has the adversary really do what the outside review did: delete or replace files in a folder they can
write, plant symlinks at the names smtui uses, race a symlink loop while smtui writes keys. The person is this
process's user (root here); smtui runs as a real `python -m smtui` process. The asserts hold however a race went.
"""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from tests.adversary.conftest import Adversary
from tests.local.smtui_cli import smtui

MARKER = "Zq9-adversary-marker-41d7"
CANARY = b"a file of the person's that the adversary points smtui at\n"


def _create(store: Path, key_file: Path, name: str) -> tuple[int, str]:
    done = smtui(store, key_file, "create-secret", "--name", name, "--secret-string", "-", stdin=MARKER.encode())
    assert "Traceback" not in done.stderr and MARKER not in done.stderr + done.stdout
    return done.returncode, done.stderr


def _get(store: Path, key_file: Path, name: str) -> tuple[int, str]:
    """(exit code, the value on success or stderr on failure)."""
    done = smtui(
        store, key_file, "get-secret-value", "--secret-id", name, "--query", "SecretString", "--output", "text"
    )
    assert "Traceback" not in done.stderr
    return done.returncode, done.stdout.strip() if done.returncode == 0 else done.stderr


def _shared(arena: Path, mode: int) -> Path:
    folder = arena / "shared"
    folder.mkdir()
    folder.chmod(mode)
    return folder


def _loot_holds_nothing(loot: Path) -> None:
    """Nothing was created or written through the adversary's links."""
    assert sorted(p.name for p in loot.iterdir()) == [], list(loot.iterdir())


def test_store_in_a_folder_the_adversary_can_write_is_refused(
    adversary: Adversary, arena: Path, tmp_path: Path
) -> None:
    """Old code created the store in a world-writable folder; the adversary then deleted it, and the next
    get-secret-value silently made a new empty store and answered "not found". Now: refused, 253, what to do."""
    shared = _shared(arena, 0o777)
    probe = shared / "probe"
    probe.write_text("root's file")
    probe.chmod(0o600)
    assert adversary.run(f"rm -f {probe}").returncode == 0 and not probe.exists()  # they really can
    code, err = _create(shared / "store.db", tmp_path / "keys.json", "adv/deleted")
    assert code == 253, err
    assert "can be written by every user" in err and "chmod go-w" in err
    assert list(shared.iterdir()) == []


def test_adversary_who_can_write_an_ancestor_cannot_swap_the_folder(
    adversary: Adversary, arena: Path, tmp_path: Path
) -> None:
    """The person's own 0700 folder inside a world-writable one: the adversary renames it away and puts their
    own folder (with their own store) in its place. Every folder on the way is checked, so smtui refuses."""
    shared = _shared(arena, 0o777)
    mine = shared / "mine"
    mine.mkdir(mode=0o700)
    code, err = _create(mine / "store.db", tmp_path / "keys.json", "adv/ancestor")
    assert code == 253 and str(shared) in err, err
    swapped = adversary.run(f"mv {mine} {shared}/gone && mkdir -m 777 {mine} && : > {mine}/store.db")
    assert swapped.returncode == 0, swapped.stderr
    code, err = _get(mine / "store.db", tmp_path / "keys.json", "adv/ancestor")
    assert code == 253, err


@pytest.mark.parametrize("plant", ["symlink", "their-file"])
@pytest.mark.parametrize("name", ["store.db-wal", "store.db-shm"])
def test_adversary_planting_wal_or_shm_in_a_sticky_folder(
    adversary: Adversary, arena: Path, tmp_path: Path, plant: str, name: str
) -> None:
    """A sticky folder like /tmp is allowed for the store (no one else can delete or rename the person's
    files), but the adversary can create the names SQLite uses next to it once the last connection removed
    them. Old code chmodded a planted link's target (a file of the person's) and let SQLite use the
    adversary's own file; now smtui refuses, 253, and the person's file is untouched."""
    sticky = _shared(arena, 0o1777)
    store, key_file = sticky / "store.db", tmp_path / "keys.json"
    assert _create(store, key_file, "adv/sticky")[0] == 0
    assert adversary.run(f"rm -f {store}").returncode != 0 and store.exists()  # sticky: they cannot delete it
    canary = tmp_path / "canary"
    canary.write_bytes(CANARY)
    canary.chmod(0o644)
    if plant == "symlink":
        planted = adversary.run(f"ln -s {canary} {sticky}/{name}")
    else:
        planted = adversary.run(f": > {sticky}/{name} && chmod 666 {sticky}/{name}")
    assert planted.returncode == 0, planted.stderr
    code, err = _get(store, key_file, "adv/sticky")
    assert code == 253, err
    assert name in err and ("symbolic link" in err or "another user" in err)
    assert stat.S_IMODE(canary.stat().st_mode) == 0o644 and canary.read_bytes() == CANARY


def test_adversary_planting_the_store_name_in_a_sticky_folder(
    adversary: Adversary, arena: Path, tmp_path: Path
) -> None:
    """The adversary creates the store's name first: old code wrote the person's store into the adversary's
    file (they keep it, can read it, can delete it). Now: refused, 253, nothing written into it."""
    sticky = _shared(arena, 0o1777)
    assert adversary.run(f": > {sticky}/store.db && chmod 666 {sticky}/store.db").returncode == 0
    code, err = _create(sticky / "store.db", tmp_path / "keys.json", "adv/planted")
    assert code == 253 and "another user" in err, err
    assert (sticky / "store.db").stat().st_size == 0


def test_adversary_racing_symlinks_at_the_key_file_names_receives_nothing(
    adversary: Adversary, arena: Path, loot: Path, tmp_path: Path
) -> None:
    """The key file temp race: old code unlinked `<key file>.tmp` and reopened it O_CREAT|O_TRUNC,
    and opened `<key file>.lock` through any link; the adversary racing links there received every key. The
    adversary pre-plants links at the old predictable names and keeps re-planting them while smtui runs. Now the
    key file's folder must be the person's alone, so smtui refuses before it writes anything; nothing appears in
    the adversary's folder, however the race went."""
    shared = _shared(arena, 0o777)
    key_file = shared / "keys.json"
    plant = (
        f"ln -sfn {loot}/tmp {key_file}.tmp; ln -sfn {loot}/lock {key_file}.lock; "
        f"ln -sfn {loot}/keys {key_file} 2>/dev/null"
    )
    assert adversary.run(plant).returncode == 0
    with adversary.loop(plant):
        results = [_create(tmp_path / "store.db", key_file, f"adv/race-{i}") for i in range(3)]
    for code, err in results:
        assert code == 253, err
        assert "key file" in err and str(shared) in err
    _loot_holds_nothing(loot)


def test_adversary_cannot_reach_a_key_file_in_the_persons_folder(
    adversary: Adversary, arena: Path, loot: Path, tmp_path: Path
) -> None:
    """The safe setup, against the same racing adversary: the key file's folder is the person's (0755, so the
    adversary can look but not write). Their links never land, the keys work, nothing reaches their folder."""
    keys = arena / "keys"
    keys.mkdir(mode=0o755)
    keys.chmod(0o755)
    key_file = keys / "keys.json"
    plant = f"ln -sfn {loot}/tmp {key_file}.tmp 2>/dev/null; ln -sfn {loot}/lock {key_file}.lock 2>/dev/null"
    with adversary.loop(plant):
        for i in range(3):
            code, err = _create(tmp_path / "store.db", key_file, f"adv/safe-{i}")
            assert code == 0, err
    assert _get(tmp_path / "store.db", key_file, "adv/safe-2") == (0, MARKER)
    assert adversary.run(f"cat {key_file}").returncode != 0  # 0600: not theirs to read
    assert sorted(p.name for p in keys.iterdir()) == ["keys.json", "keys.json.lock"]
    _loot_holds_nothing(loot)
