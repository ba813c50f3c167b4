"""Fixtures shared by every suite: a real moto server on 127.0.0.1, isolated AWS settings, a private local store.

Suite-specific fixtures live in each folder's own conftest.py.
"""

from __future__ import annotations

import os
import socket
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest


def _pilot_waits_for_keys_in_order() -> None:
    """Make Pilot's "wait for the screen" also wait for keys the app still holds to keep their order.

    The wizard handles a burst of keys one after another (smtui.widgets.key_order): a key that Pilot posted is
    first held by the App and released only when the one before it is wholly handled. Pilot itself waits only
    for the screen's queues, so without this a test could read the state before its keys took effect.
    """
    import asyncio

    from textual.pilot import Pilot

    original = Pilot._wait_for_screen
    if getattr(original, "_smtui_in_order", False):
        return

    async def wait_for_screen(self: Pilot[object], timeout: float = 30.0) -> bool:
        done = await original(self, timeout)
        in_flight = getattr(self.app, "keys_in_flight", None)
        if in_flight is None:
            return done
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        while in_flight():
            if loop.time() > end:
                raise TimeoutError("keys held by the app were not handled in time")
            await asyncio.sleep(0.001)
        return await original(self, timeout)

    wait_for_screen._smtui_in_order = True  # type: ignore[attr-defined]
    Pilot._wait_for_screen = wait_for_screen  # type: ignore[method-assign,assignment]


_pilot_waits_for_keys_in_order()


def _pilot_polls_idleness_finely() -> None:
    """Let Pilot's idleness check poll every 5 ms instead of every 20 ms.

    After each key, Pilot waits until the process looks idle (`textual._wait.wait_for_idle`: it sleeps one
    granule at a time and compares CPU time with wall time). With Textual's 20 ms granule every key costs at
    least 40 ms of sleeping, most of the time of a test that types; the idleness rule is the same at 5 ms (the
    CPU threshold is a fixed fraction of the granule). No test relies on that sleep: they wait for states
    (tests/waiting.py) and for the screen's queues (above).
    """
    import textual._wait

    textual._wait.SLEEP_GRANULARITY = 1 / 200
    textual._wait.SLEEP_IDLE = textual._wait.SLEEP_GRANULARITY / 20.0


_pilot_polls_idleness_finely()


def pytest_addoption(parser: pytest.Parser) -> None:
    # Here, in the root conftest, which pytest loads for every test path under tests/ (a folder's own conftest is
    # not loaded when another folder is run alone).
    parser.addoption(
        "--run-slow",
        action="store_true",
        default=False,
        help="also run tests marked slow (long fault and load runs; `make test-slow`)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked `slow` are skipped unless --run-slow: the default suite keeps a fast subset of each long
    run, and `make test-slow` runs the long ones."""
    if config.getoption("--run-slow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --run-slow (make test-slow)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


REPO = Path(__file__).resolve().parents[1]


def smtui_env(**extra: str) -> dict[str, str]:
    """The environment for an `smtui` subprocess: the test's isolated one (see `isolated_aws_env`) without what
    would change its output or run code at start-up (NO_COLOR, PYTHONSTARTUP), the project importable, plus
    `extra`. The one copy for every suite that runs the real command line."""
    env = dict(os.environ)
    for var in ("NO_COLOR", "PYTHONSTARTUP", "AWS_DEFAULT_OUTPUT"):
        env.pop(var, None)
    env["PYTHONPATH"] = str(REPO)
    env.update(extra)
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class MotoServer:
    """A moto server over real HTTP on loopback.

    moto is trusted for transport, credentials, endpoints and retries only (docs/aws-behaviour.md §13).
    """

    def __init__(self) -> None:
        from moto.server import ThreadedMotoServer

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)

    def start(self) -> None:
        self._server.start()

    def stop(self) -> None:
        self._server.stop()

    def reset(self) -> None:
        req = urllib.request.Request(f"{self.url}/moto-api/reset", method="POST")  # noqa: S310 - loopback
        with urllib.request.urlopen(req, timeout=5):  # noqa: S310 - loopback test server
            pass


@pytest.fixture(scope="session")
def moto_server() -> Iterator[MotoServer]:
    server = MotoServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def isolated_aws_env(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test ever sees the developer's real AWS config, credentials or smtui store."""
    home = tmp_path_factory.mktemp("home")
    for var in list(os.environ):
        if var.startswith(("AWS_", "SMTUI_")) and var != "SMTUI_TEST_REAL_KEYRING":
            monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(home / "aws-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(home / "aws-credentials"))
    monkeypatch.setenv("XDG_DATA_HOME", os.environ.get("XDG_DATA_HOME", str(home / "data")))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    return home


@pytest.fixture
def moto_env(moto_server: MotoServer, monkeypatch: pytest.MonkeyPatch) -> MotoServer:
    """Credentials and endpoint for the moto server, state reset before the test."""
    moto_server.reset()
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto_server.url)
    return moto_server


def real_keyring_expected() -> bool:
    """True under the test command, which starts gnome-keyring in a private D-Bus session."""
    return os.environ.get("SMTUI_TEST_REAL_KEYRING") == "1"
