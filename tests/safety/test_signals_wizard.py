"""Signals while the wizard runs in a real terminal (a pty): SIGINT, SIGTERM and SIGHUP must leave the
terminal as it was (echo and line mode back on, the alternate screen left) and exit 130, 143 and 129.

Textual itself handles none of these: without smtui's handler (smtui.hardening.exit_on_termination) a SIGTERM
would kill the app with the terminal still raw and silent.
"""

from __future__ import annotations

import signal
import termios
from pathlib import Path

import pytest

from tests.safety.conftest import smtui_env
from tests.safety.ptyrun import PtyProcess


@pytest.mark.parametrize(
    ("sig", "code"),
    [(signal.SIGINT, 130), (signal.SIGTERM, 143), (signal.SIGHUP, 129)],
    ids=["SIGINT", "SIGTERM", "SIGHUP"],
)
def test_signal_restores_the_terminal(tmp_path: Path, sig: int, code: int) -> None:
    args = ["--backend", "local", "--store", str(tmp_path / "s.db"), "--key-file", str(tmp_path / "s.key")]
    with PtyProcess(args, smtui_env(TERM="xterm-256color")) as term:
        term.wait_for(b"Target", timeout=30)
        mode = termios.tcgetattr(term.slave)[3]
        assert not mode & termios.ECHO and not mode & termios.ICANON, "the wizard runs in raw mode"
        assert term.proc is not None
        term.proc.send_signal(sig)
        assert term.wait(timeout=20) == code
        mode = termios.tcgetattr(term.slave)[3]
        assert mode & termios.ECHO and mode & termios.ICANON, "echo and line mode must be back"
        assert b"\x1b[?1049l" in term.output, "the alternate screen must be left"
        assert b"Traceback" not in term.output
