"""A stopping signal that lands where Python cannot pass an exception on (a finalizer, a callback from native code)
is neither printed as a traceback nor lost. Found by CI: SIGTERM during a create arrived inside pydantic's handling
of a SecretStr, and Python printed "Exception ignored in: 'SecretStr'" with a traceback on stderr. Now the signal is
sent again (smtui.hardening's unraisable hook) and the command leaves with 143 through its `finally` blocks."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import smtui_env

PROGRAM = """
import signal, sys, threading
from smtui import hardening

hardening.exit_on_termination()

class Finalized:
    def __del__(self):
        signal.raise_signal(signal.{name})  # the handler runs here, inside the finalizer

try:
    Finalized()  # dropped at once: __del__ runs, the signal's exception cannot leave it
    threading.Event().wait(10)  # interrupted by the signal, sent again, long before the 10 s are up
    print("not stopped")
except KeyboardInterrupt:  # as smtui.cli.main does
    sys.exit(130)
finally:
    print("finally ran")
"""


@pytest.mark.parametrize(("name", "code"), [("SIGTERM", 143), ("SIGINT", 130)])
def test_a_signal_inside_a_finalizer_still_stops_the_command_without_a_traceback(name: str, code: int) -> None:
    out = subprocess.run(
        [sys.executable, "-c", PROGRAM.format(name=name)],
        env=smtui_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert "Traceback" not in out.stderr and "Exception ignored" not in out.stderr, out.stderr
    assert "finally ran" in out.stdout and "not stopped" not in out.stdout
    assert out.returncode == code
