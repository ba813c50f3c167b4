"""LocalBackend.list_kms_keys_in: the keys of another region of the same store (a replica's key picker)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from smtui.backends import open_backend
from smtui.settings import TargetSettings


def test_keys_of_another_region(tmp_path: Path) -> None:
    settings = TargetSettings(backend="local", store=tmp_path / "s.db", key_file=tmp_path / "s.key", region="us-east-1")
    west = open_backend(dataclasses.replace(settings, region="eu-west-1"))
    try:
        made = west.create_key(alias="alias/replica-key")  # type: ignore[attr-defined]
    finally:
        west.close()
    backend = open_backend(settings)
    try:
        listed = backend.list_kms_keys_in("eu-west-1")
        assert listed[0].IsDefault
        assert made.KeyId in [k.KeyId for k in listed]
        assert made.KeyId not in [k.KeyId for k in backend.list_kms_keys()]  # not in the primary's region
        assert [k.KeyId for k in backend.list_kms_keys_in("us-east-1")] == [k.KeyId for k in backend.list_kms_keys()]
    finally:
        backend.close()
