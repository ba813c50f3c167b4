"""The store at rest: tampered and moved ciphertexts, file and folder modes, no plaintext in any file, unreadable
stores and key files."""

from __future__ import annotations

import base64
import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from smtui.backends.local import LocalBackend
from smtui.errors import EXIT_CONFIGURATION, ConfigurationError, ServiceError
from smtui.settings import TargetSettings
from tests.local.conftest import MARKER, MARKER_BYTES, MakeBackend, request


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _raw(backend: LocalBackend) -> sqlite3.Connection:
    return sqlite3.connect(backend.store.path, isolation_level=None)


def _decryption_fails(backend: LocalBackend, name: str) -> None:
    with pytest.raises(ServiceError) as exc:
        backend.get_secret_value(name)
    assert exc.value.code == "DecryptionFailure" and "decrypt" in exc.value.message
    assert MARKER not in str(exc.value)


@pytest.mark.parametrize("column", ["ciphertext", "wrapped_key"])
def test_a_flipped_byte_fails_cleanly(backend: LocalBackend, column: str) -> None:
    backend.create_secret(request("a", SecretString=MARKER))
    with _raw(backend) as db:
        (blob,) = db.execute(f"SELECT {column} FROM versions").fetchone()  # noqa: S608 - test
        flipped = bytes(blob[:-5]) + bytes([blob[-5] ^ 0x01]) + bytes(blob[-4:])
        db.execute(f"UPDATE versions SET {column} = ?", (flipped,))  # noqa: S608 - test
    _decryption_fails(backend, "a")


def test_ciphertexts_swapped_between_rows_fail_cleanly(backend: LocalBackend) -> None:
    backend.create_secret(request("a", SecretString=MARKER))
    backend.create_secret(request("b", SecretString=MARKER + "-other"))
    db = _raw(backend)
    rows = db.execute("SELECT secret_id, wrapped_key, ciphertext FROM versions ORDER BY secret_id").fetchall()
    (ida, wa, ca), (idb, _wb, cb) = rows
    db.execute("UPDATE versions SET ciphertext = ? WHERE secret_id = ?", (cb, ida))  # the value alone
    db.execute("UPDATE versions SET wrapped_key = ?, ciphertext = ? WHERE secret_id = ?", (wa, ca, idb))  # whole
    db.close()
    _decryption_fails(backend, "a")
    _decryption_fails(backend, "b")


def test_value_kind_is_bound_too(backend: LocalBackend) -> None:
    backend.create_secret(request("a", SecretString=MARKER))
    with _raw(backend) as db:
        db.execute("UPDATE versions SET is_binary = 1")
    _decryption_fails(backend, "a")


def test_no_plaintext_in_any_file(backend: LocalBackend, make_backend: MakeBackend, tmp_path: Path) -> None:
    backend.create_secret(request("s", SecretString=MARKER))
    backend.create_secret(request("b", SecretBinary=MARKER_BYTES, AddReplicaRegions=[{"Region": "eu-west-1"}]))
    backend.get_secret_value("s")
    other = make_backend()  # a second connection keeps the -wal and -shm files in place
    other.list_secrets()
    path = backend.store.path
    files = [p for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists()]
    assert Path(f"{path}-wal") in files
    files += [p for p in tmp_path.rglob("*") if p.is_file() and p not in files]
    for f in files:
        data = f.read_bytes()
        for needle in (
            MARKER.encode(),
            MARKER.encode("utf-16-le"),
            MARKER_BYTES,
            base64.b64encode(MARKER_BYTES),
            base64.b64encode(MARKER.encode()),
        ):
            assert needle not in data, f"value found in {f}"


def test_key_material_is_not_in_the_store(backend: LocalBackend, provider: str, tmp_path: Path) -> None:
    backend.create_secret(request("s", SecretString=MARKER))
    if provider != "keyfile":
        pytest.skip("the key file's contents are checked with the key-file provider")
    keys = json.loads((tmp_path / "keys" / "keys.json").read_text())["keys"]
    assert keys
    db = backend.store.path.read_bytes() + Path(f"{backend.store.path}-wal").read_bytes()
    for encoded in keys.values():
        assert encoded.encode() not in db and base64.b64decode(encoded) not in db


def test_new_store_modes(backend: LocalBackend, provider: str, tmp_path: Path) -> None:
    backend.create_secret(request("s", SecretString=MARKER))
    path = backend.store.path
    assert _mode(path.parent) == 0o700
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        assert _mode(p) == 0o600, p
    if provider == "keyfile":
        assert _mode(tmp_path / "keys") == 0o700 and _mode(tmp_path / "keys" / "keys.json") == 0o600


def test_existing_looser_modes_are_tightened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data_home = tmp_path / "xdg"
    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))
    folder = data_home / "smtui"
    folder.mkdir(parents=True, mode=0o755)
    folder.chmod(0o755)
    store = folder / "store.db"
    sqlite3.connect(store).close()
    store.chmod(0o644)
    b = LocalBackend(TargetSettings(key_file=tmp_path / "k.json"))  # the default location
    assert b.store.path == store
    b.close()
    assert _mode(folder) == 0o700 and _mode(store) == 0o600
    # a folder the person chose is left alone; the file itself is still tightened
    chosen = tmp_path / "chosen"
    chosen.mkdir(mode=0o755)
    chosen.chmod(0o755)
    sqlite3.connect(chosen / "s.db").close()
    (chosen / "s.db").chmod(0o664)
    LocalBackend(TargetSettings(store=chosen / "s.db", key_file=tmp_path / "k.json")).close()
    assert _mode(chosen) == 0o755 and _mode(chosen / "s.db") == 0o600


def test_store_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SMTUI_STORE", str(tmp_path / "env" / "store.db"))
    b = LocalBackend(TargetSettings(key_file=tmp_path / "k.json"))
    assert b.store.path == tmp_path / "env" / "store.db" and b.store.path.exists()
    b.close()


def test_loose_key_file_is_refused(make_backend: MakeBackend, provider: str, tmp_path: Path) -> None:
    if provider != "keyfile":
        pytest.skip("key-file only")
    b = make_backend()
    b.create_secret(request("s", SecretString=MARKER))
    key_file = tmp_path / "keys" / "keys.json"
    key_file.chmod(0o644)
    fresh = make_backend()  # no cached material
    with pytest.raises(ConfigurationError) as exc:
        fresh.get_secret_value("s")
    assert exc.value.exit_code == EXIT_CONFIGURATION and "chmod 600" in exc.value.message
    key_file.chmod(0o600)
    assert make_backend().get_secret_value("s").SecretString is not None


def test_material_missing_is_a_configuration_error(make_backend: MakeBackend, tmp_path: Path) -> None:
    b = make_backend()
    b.create_secret(request("s", SecretString=MARKER))
    other = make_backend(key_file=tmp_path / "elsewhere" / "keys.json")
    with pytest.raises(ConfigurationError) as exc:
        other.get_secret_value("s")
    assert exc.value.exit_code == EXIT_CONFIGURATION and "not available" in exc.value.message


@pytest.mark.parametrize(
    "content", [b"this is not a database, just text" * 100, b"SQLite format 3\x00" + b"\x07" * 600]
)
def test_corrupt_store_is_a_configuration_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "store.db"
    path.write_bytes(content)
    with pytest.raises(ConfigurationError) as exc:
        LocalBackend(TargetSettings(store=path, key_file=tmp_path / "k.json"))
    assert exc.value.exit_code == EXIT_CONFIGURATION
    assert str(path) in exc.value.message and "--store" in exc.value.message


def test_store_of_a_newer_smtui_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    LocalBackend(TargetSettings(store=path, key_file=tmp_path / "k.json")).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE schema_version SET version = 99")
    with pytest.raises(ConfigurationError) as exc:
        LocalBackend(TargetSettings(store=path, key_file=tmp_path / "k.json"))
    assert "newer smtui" in exc.value.message


def test_unwritable_folder_is_a_configuration_error(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        blocker = tmp_path / "file"
        blocker.write_text("")
        path = blocker / "store.db"  # a file where the folder should be: fails even for root
    else:
        ro = tmp_path / "ro"
        ro.mkdir(mode=0o500)
        path = ro / "sub" / "store.db"
    with pytest.raises(ConfigurationError) as exc:
        LocalBackend(TargetSettings(store=path, key_file=tmp_path / "k.json"))
    assert exc.value.exit_code == EXIT_CONFIGURATION
