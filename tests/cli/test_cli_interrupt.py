"""Ctrl+C is 130 (SIGTERM 143) however it arrives.

Found by tests/safety/test_faults_local.py::test_signal_during_create under load: a SIGINT that landed while
pydantic-core built a schema (Python code run from native code) came out as pydantic's SchemaError, and smtui
reported "unexpected error (SchemaError)", exit 255. The person asked to stop: the handler smtui installs for
SIGINT remembers that, and the command line answers 130 whatever error the interrupt became.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator

import pytest

import smtui.cli.command
import smtui.hardening
from smtui.cli import main
from smtui.errors import ConfigurationError


@pytest.fixture(autouse=True)
def no_signal_left() -> Iterator[None]:
    smtui.hardening._SIGNALLED.clear()
    yield
    smtui.hardening._SIGNALLED.clear()


def _converted(sig: int, into: Exception) -> object:
    """An `execute` in which smtui's handler for `sig` runs and a library turns what it raised into `into`."""
    handler = smtui.hardening._interrupt if sig == signal.SIGINT else smtui.hardening._raise_terminated

    def execute(command: object, ns: object) -> int:
        try:
            handler(sig, None)
        except (KeyboardInterrupt, SystemExit) as exc:
            raise into from exc
        raise AssertionError("the handler did not raise")

    return execute


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize(
    "into",
    [RuntimeError("SchemaError stand-in"), ConfigurationError("sqlite3: interrupted")],
    ids=["library-error", "store-error"],
)
def test_a_signal_a_library_turned_into_its_own_error_keeps_its_exit_code(
    sig: int, code: int, into: Exception, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(smtui.cli.command, "execute", _converted(sig, into))
    assert main(["describe-secret", "--secret-id", "x"]) == code
    err = capsys.readouterr().err
    assert err.strip() == ""  # as for a KeyboardInterrupt that arrives as one: a line break only


def test_without_an_interrupt_an_unexpected_error_stays_255(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def execute(command: object, ns: object) -> int:
        raise RuntimeError("not an interrupt")

    monkeypatch.setattr(smtui.cli.command, "execute", execute)
    assert main(["describe-secret", "--secret-id", "x"]) == 255
    assert "unexpected error (RuntimeError)" in capsys.readouterr().err
