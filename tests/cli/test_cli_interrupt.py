"""Ctrl+C is 130 however it arrives.

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
def no_interrupt_left() -> Iterator[None]:
    smtui.hardening._INTERRUPTED.clear()
    yield
    smtui.hardening._INTERRUPTED.clear()


def _converted(into: Exception) -> object:
    """An `execute` in which SIGINT's handler runs and a library turns its KeyboardInterrupt into `into`."""

    def execute(command: object, ns: object) -> int:
        try:
            smtui.hardening._interrupt(signal.SIGINT, None)
        except KeyboardInterrupt as exc:
            raise into from exc
        raise AssertionError("the SIGINT handler did not raise KeyboardInterrupt")

    return execute


@pytest.mark.parametrize(
    "into",
    [RuntimeError("SchemaError stand-in"), ConfigurationError("sqlite3: interrupted")],
    ids=["library-error", "store-error"],
)
def test_an_interrupt_a_library_turned_into_its_own_error_is_130(
    into: Exception, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(smtui.cli.command, "execute", _converted(into))
    assert main(["describe-secret", "--secret-id", "x"]) == 130
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
