"""A tampered or damaged store through the real command line (issue 7 §1): a corrupt page, a `stages` column
that is not JSON, a `wrapped_key` of the wrong type, a text timestamp, key material that is not base64.

Each must end in 253 (the store or its key material is unusable) or 254 (the service's DecryptionFailure)
with plain words: never a traceback, never "unexpected error" (255), never a misleading ValidationException,
never garbage or the value on stdout.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.local.smtui_cli import smtui

VALUE = "Zq9-tampered-value-5d1e"
NAME = "tamper/one"


def _make(tmp_path: Path) -> tuple[Path, Path]:
    store, key_file = tmp_path / "s" / "store.db", tmp_path / "k" / "keys.json"
    done = smtui(store, key_file, "create-secret", "--name", NAME, "--secret-string", "-", stdin=VALUE.encode())
    assert done.returncode == 0, done.stderr
    return store, key_file


def _sql(statement: str) -> Callable[[Path, Path], None]:
    def tamper(store: Path, _key_file: Path) -> None:
        db = sqlite3.connect(store)
        db.execute(statement)
        db.commit()
        db.close()

    return tamper


def _corrupt_page(store: Path, _key_file: Path) -> None:
    data = bytearray(store.read_bytes())
    page = 4096
    for offset in range(page, len(data), page):  # every page but the header's: garbage in every B-tree
        data[offset : offset + 64] = b"\xa5" * 64
    store.write_bytes(bytes(data))


def _material_not_base64(_store: Path, key_file: Path) -> None:
    doc = json.loads(key_file.read_text())
    doc["keys"] = {k: "!!not base64 \u00e9!!" for k in doc["keys"]}
    key_file.write_text(json.dumps(doc))


TAMPERS = {
    "corrupt-page": _corrupt_page,
    "stages-not-json": _sql("UPDATE versions SET stages = 'not json {'"),
    "wrapped-key-text": _sql("UPDATE versions SET wrapped_key = 'AQIDBAUGBwgJCgsMDQ4PEA=='"),
    "text-timestamp": _sql("UPDATE secrets SET created = 'yesterday', last_changed = 'noon'"),
    "version-created-text": _sql("UPDATE versions SET created = 'yesterday'"),
    "material-not-base64": _material_not_base64,
}
COMMANDS = {
    "get-secret-value": ("get-secret-value", "--secret-id", NAME),
    "describe-secret": ("describe-secret", "--secret-id", NAME),
    "list-secrets": ("list-secrets",),
}


@pytest.mark.parametrize("tamper", sorted(TAMPERS))
def test_tampered_store_gives_plain_words(tmp_path: Path, tamper: str) -> None:
    """Failed on the old code: 255 "unexpected error (JSONDecodeError/TypeError)", or a ValidationException about
    Unicode for key material that is not base64."""
    store, key_file = _make(tmp_path)
    TAMPERS[tamper](store, key_file)
    for name, args in COMMANDS.items():
        done = smtui(store, key_file, *args)
        where = f"{tamper} / {name}: exit {done.returncode}\n{done.stderr}"
        assert "Traceback" not in done.stderr, where
        if done.returncode == 0:  # the tamper does not touch what this command reads: the right answer
            out = json.loads(done.stdout)
            if name == "get-secret-value":
                assert out["SecretString"] == VALUE, where
            continue
        assert VALUE not in done.stdout + done.stderr, where
        assert done.returncode in (253, 254), where
        assert done.stdout == "", where
        assert "unexpected error" not in done.stderr, where
        assert "ValidationException" not in done.stderr, where
        if done.returncode == 253:
            assert "cannot be used" in done.stderr, where
        else:
            assert "DecryptionFailure" in done.stderr, where
