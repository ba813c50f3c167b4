"""Fixtures of the wizard's UI tests: targets on a private local store (with a key file) or on the moto server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from smtui.settings import TargetSettings


@pytest.fixture(autouse=True)
def plain_rendering(monkeypatch: pytest.MonkeyPatch) -> None:
    """NO_COLOR and TEXTUAL_* change rendering; snapshots and pilots run without them."""
    for var in list(os.environ):
        if var == "NO_COLOR" or (var.startswith("TEXTUAL_") and not var.startswith("TEXTUAL_SNAPSHOT")):
            monkeypatch.delenv(var, raising=False)


@pytest.fixture(autouse=True)
def quick_replication(monkeypatch: pytest.MonkeyPatch) -> None:
    """Replicas settle in 0.2 s on the local store and the Result screen polls every 50 ms (1.5 s and 1 s in
    real use): the tests wait for the settled state (tests/waiting.py), so only the waiting gets shorter."""
    import smtui.screens.result

    monkeypatch.setenv("SMTUI_LOCAL_REPLICA_DELAY", "0.2")
    monkeypatch.setattr(smtui.screens.result, "POLL_SECONDS", 0.05)


@pytest.fixture
def no_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine without a keyring. keyring caches its backend per process: set (and restore) the cache itself,
    so no later test in this worker inherits the fail backend."""
    import keyring.core
    from keyring.backends import fail

    monkeypatch.setattr(keyring.core, "_keyring_backend", fail.Keyring())


@pytest.fixture
def local_settings(tmp_path: Path) -> TargetSettings:
    """A fresh local store whose key lives in a key file (no keyring needed)."""
    return TargetSettings(backend="local", store=tmp_path / "store.db", key_file=tmp_path / "store.key")
