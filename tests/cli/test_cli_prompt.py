"""The masked prompt on a real pseudo-terminal: typed characters are never echoed, the value is asked twice,
Ctrl+C exits 130 and leaves the terminal as it was."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import termios
import threading
from pathlib import Path

from tests.cli.conftest import MARKER, SCRIPT, run, smtui_env
from tests.waiting import INTERVAL, wait_for


class PtyProcess:
    """smtui with a pseudo-terminal as stdin (stdout/stderr on the same terminal, as for a person)."""

    def __init__(self, args: list[str], *, before: str = "", then: str | None = None) -> None:
        """`before`/`then`: shell commands run on the same terminal before smtui starts (a `ulimit`) and after it
        ends (what a shell would do next)."""
        self.master, slave = pty.openpty()
        command = [str(SCRIPT), *args]
        if then is not None:
            command = ["sh", "-c", f'{before}; "$0" "$@"; echo "exit=$?"; {then}', *command]
        self.proc = subprocess.Popen(
            command,
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


def _oversized_paste(local: list[str], tmp_path: Path, times: int) -> None:
    """A bracketed paste `times` the value's maximum: refused (252) with nothing kept — within 200 MB of address
    space, where holding the paste would not fit —, and none of it left in the terminal for the shell that runs
    next (here a `cat` reading what smtui left unread)."""
    leftover = tmp_path / "leftover"
    p = PtyProcess(
        ["create-secret", *local, "--name", "pty/huge"],
        before="ulimit -v 200000",
        then=f"stty -icanon min 0 time 5; cat > {leftover}",
    )
    master = p.master
    p.wait_for(b"input hidden")
    chunk = (MARKER * (65536 // len(MARKER) + 1))[:65536].encode()
    writer = threading.Thread(
        target=lambda: [os.write(master, part) for part in [b"\x1b[200~", *([chunk] * times), b"\x1b[201~\r"]],
        daemon=True,
    )
    writer.start()
    p.wait_for(b"exit=", timeout=120)
    writer.join(timeout=60)
    assert not writer.is_alive(), "smtui stopped reading the paste"
    assert p.finish(timeout=30) == 0
    assert b"exit=252" in p.seen and b"more than 65536 bytes" in p.seen
    assert MARKER.encode() not in p.seen  # nothing echoed
    assert MARKER.encode() not in leftover.read_bytes()  # nothing reached the next program (the shell)


def test_a_paste_a_thousand_times_too_large_is_refused_and_left_to_no_one(local: list[str], tmp_path: Path) -> None:
    _oversized_paste(local, tmp_path, times=1000)
