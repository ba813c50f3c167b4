"""Fixtures of the local-store suite: a private store per test, over both key-material providers.

`backend` / `make_backend` are parametrized over the REAL Secret Service (marked `keyring`; under
tests/tools/with-keyring SMTUI_TEST_REAL_KEYRING=1 is set and a missing keyring FAILS the test) and the opt-in
key file. Replica settlement is a function of time: tests drive it with a fake clock instead of sleeping.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from smtui.backends.local import LocalBackend
from smtui.model import CreateSecretRequest
from smtui.settings import TargetSettings
from tests.conftest import real_keyring_expected

MARKER = "Zq9-local-marker-7f3c"  # a value that must never appear in a file, a message or a log
MARKER_BYTES = b"\x00\xffZq9-binary-marker\x10"


class Clock:
    """A settable clock (epoch seconds) so tests can pass days and replica delays without sleeping."""

    def __init__(self, start: float = 1_800_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def token() -> str:
    return str(uuid.uuid4())


def request(name: str, **fields: Any) -> CreateSecretRequest:
    """A valid request (through the model's own constructor), with a fresh token unless one is given."""
    fields.setdefault("ClientRequestToken", token())
    return CreateSecretRequest.model_validate({"Name": name, **fields})


def _check_real_keyring() -> None:
    if not real_keyring_expected():
        pytest.skip("the real Secret Service runs under tests/tools/with-keyring")
    import keyring

    from smtui.backends.local.material import _refusal

    why = _refusal(keyring.get_keyring())
    if why:
        pytest.fail(f"SMTUI_TEST_REAL_KEYRING=1 but the keyring is not usable: {why}")


@pytest.fixture(params=[pytest.param("keyring", marks=pytest.mark.keyring), "keyfile"])
def provider(request: pytest.FixtureRequest) -> str:
    if request.param == "keyring":
        _check_real_keyring()
    return str(request.param)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"


MakeBackend = Callable[..., LocalBackend]


@pytest.fixture
def make_backend(
    provider: str, tmp_path: Path, store_dir: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MakeBackend]:
    """Open backends on one store (one per region asked for), all sharing the fake clock."""
    monkeypatch.setenv("SMTUI_LOCAL_REPLICA_DELAY", "1.5")
    opened: list[LocalBackend] = []

    def make(region: str = "us-east-1", **overrides: Any) -> LocalBackend:
        settings = TargetSettings(
            backend="local",
            store=store_dir / "store.db",
            key_file=tmp_path / "keys" / "keys.json" if provider == "keyfile" else None,
            region=region,
        )
        for k, v in overrides.items():
            settings = TargetSettings(**{**settings.__dict__, k: v})
        b = LocalBackend(settings, clock=clock)
        opened.append(b)
        return b

    yield make
    for b in opened:
        b.close()


@pytest.fixture
def backend(make_backend: MakeBackend) -> LocalBackend:
    return make_backend()


@pytest.fixture
def tiny_fs(tmp_path: Path) -> Iterator[Path]:
    """A real, small file system for the full-disk tests: a 2 MiB tmpfs (mode 0700) mounted for the test, so the
    disk fills as a real one does (ENOSPC from the kernel, not a mock). Needs root and mount(2); skipped with the
    reason otherwise."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    folder = tmp_path / "tiny"
    folder.mkdir(mode=0o700)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", str(folder)], capture_output=True, check=False
    )
    if mounted.returncode != 0:
        pytest.skip(f"mount -t tmpfs is not allowed here: {mounted.stderr.decode(errors='replace').strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path) -> None:
    """Write `folder/filler` until the file system says ENOSPC (unbuffered: the last partial block is filled too)."""
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        with contextlib.suppress(OSError):
            while os.write(fd, b"\0" * 4096) == 4096:
                pass
        with contextlib.suppress(OSError):
            while os.write(fd, b"\0"):  # what is left of the last block
                pass
    finally:
        os.close(fd)
