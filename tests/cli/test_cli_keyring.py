"""The local store from the command line without a key file: the real Secret Service, or a clear exit 253."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import MARKER, run, smtui_env
from tests.conftest import real_keyring_expected


def test_no_keyring_is_a_configuration_error(tmp_path: Path) -> None:
    env = smtui_env(XDG_DATA_HOME=str(tmp_path / "data"))
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # no Secret Service reachable
    r = run(
        [
            "create-secret",
            "--backend",
            "local",
            "--store",
            str(tmp_path / "s.db"),
            "--name",
            "k",
            "--secret-string",
            "-",
        ],
        stdin=MARKER.encode(),
        env=env,
    )
    assert r.code == 253, r.err
    assert "keyring" in r.err and "--key-file" in r.err and MARKER not in r.both


@pytest.mark.keyring
def test_round_trip_with_the_real_secret_service(tmp_path: Path) -> None:
    """Under tests/tools/with-keyring this must pass (a missing keyring fails it); elsewhere it is skipped."""
    if not real_keyring_expected():
        pytest.skip("the real Secret Service runs under tests/tools/with-keyring")
    store = ["--backend", "local", "--store", str(tmp_path / "s.db")]
    made = run(["create-secret", *store, "--name", "kr/one", "--secret-string", "-"], stdin=MARKER.encode())
    assert made.code == 0, made.err
    got = run(["get-secret-value", *store, "--secret-id", "kr/one", "--query", "SecretString"])
    assert got.code == 0 and got.json() == MARKER, got.err
