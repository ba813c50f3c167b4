"""The masked prompt on a real pseudo-terminal: typed characters are never echoed, the value is asked twice,
Ctrl+C exits 130 and leaves the terminal as it was."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import termios
from pathlib import Path

from tests.cli.conftest import MARKER, SCRIPT, run, smtui_env
from tests.waiting import INTERVAL, wait_for


class PtyProcess:
    """smtui with a pseudo-terminal as stdin (stdout/stderr on the same terminal, as for a person)."""

    def __init__(self, args: list[str]) -> None:
        self.master, slave = pty.openpty()
        self.proc = subprocess.Popen(
            [str(SCRIPT), *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=smtui_env(),
            close_fds=True,
            start_new_session=True,
        )
        os.close(slave)
        self.seen = b""

    def wait_for(self, text: bytes, timeout: float = 30) -> None:
        def seen() -> bool:
            ready, _, _ = select.select([self.master], [], [], INTERVAL)  # the poll's pause is the read's wait
            if ready:
                try:
                    chunk = os.read(self.master, 4096)
                except OSError:
                    chunk = b""
                assert chunk, f"terminal closed waiting for {text!r}; saw {self.seen!r}"
                self.seen += chunk
            return text in self.seen

        wait_for(seen, repr(text), budget=timeout, interval=0, detail=lambda: f"saw {self.seen!r}")

    def type(self, text: str) -> None:
        os.write(self.master, text.encode())

    def finish(self, timeout: float = 30) -> int:
        code = self.proc.wait(timeout=timeout)
        while True:  # drain what is left
            ready, _, _ = select.select([self.master], [], [], 0.2)
            if not ready:
                break
            try:
                chunk = os.read(self.master, 4096)
            except OSError:
                break
            if not chunk:
                break
            self.seen += chunk
        self.lflags_after = termios.tcgetattr(self.master)[3]
        os.close(self.master)
        return code


def test_masked_prompt_echoes_nothing_and_asks_twice(local: list[str]) -> None:
    p = PtyProcess(["create-secret", *local, "--name", "pty/one"])
    p.wait_for(b"input hidden")
    p.type("wrong" + "\r")
    p.wait_for(b"again to confirm: ")
    p.type(MARKER + "\r")
    p.wait_for(b"differ; try again")
    p.wait_for(b"input hidden", timeout=10)
    p.type(MARKER + "X\x7f\r")  # a typo erased with Backspace
    p.wait_for(b"again to confirm: ")
    p.type(MARKER + "\r")
    assert p.finish() == 0, p.seen
    assert MARKER.encode() not in p.seen and b"wrong" not in p.seen and b"*" not in p.seen
    assert b'"Name": "pty/one"' in p.seen
    got = run(["get-secret-value", *local, "--secret-id", "pty/one", "--query", "SecretString"])
    assert got.json() == MARKER


def test_ctrl_c_at_the_prompt_exits_130_and_restores_the_terminal(local: list[str]) -> None:
    p = PtyProcess(["create-secret", *local, "--name", "pty/two"])
    p.wait_for(b"input hidden")
    assert not termios.tcgetattr(p.master)[3] & termios.ECHO  # silent while asking
    p.type(MARKER[:5])
    os.killpg(p.proc.pid, signal.SIGINT)
    assert p.finish() == 130
    assert p.lflags_after & termios.ECHO and p.lflags_after & termios.ICANON  # restored
    assert MARKER[:5].encode() not in p.seen


def test_no_prompt_without_a_terminal(local: list[str], tmp_path: Path) -> None:
    """stdin not a terminal and no value option: a secret with no value, as the AWS CLI makes it."""
    made = run(["create-secret", *local, "--name", "pty/none"])
    assert made.code == 0 and "VersionId" not in made.json()
    assert "input hidden" not in made.err


def test_stdin_dash_on_a_terminal_uses_the_masked_prompt(local: list[str]) -> None:
    """`--secret-string -` typed at a terminal would echo the value: smtui asks masked instead."""
    p = PtyProcess(["create-secret", *local, "--name", "pty/dash", "--secret-string", "-"])
    p.wait_for(b"input hidden")
    p.type(MARKER + "\r")
    p.wait_for(b"again to confirm: ")
    p.type(MARKER + "\r")
    assert p.finish() == 0, p.seen
    assert MARKER.encode() not in p.seen


def test_a_pasted_block_keeps_its_lines_and_is_not_asked_twice(local: list[str]) -> None:
    pem = f"-----BEGIN TEST-----\n{MARKER}\n-----END TEST-----"
    p = PtyProcess(["create-secret", *local, "--name", "pty/paste"])
    p.wait_for(b"input hidden")
    p.type("\x1b[200~" + pem.replace("\n", "\r") + "\x1b[201~\r")
    assert p.finish() == 0, p.seen
    assert b"pasted value received" in p.seen and b"confirm" not in p.seen
    assert MARKER.encode() not in p.seen and b"\x1b[?2004l" in p.seen  # paste mode switched off again
    got = run(["get-secret-value", *local, "--secret-id", "pty/paste", "--query", "SecretString"])
    assert got.json() == pem
