"""Run `smtui` on a real pseudo-terminal, as a person at a terminal would: the pty is its controlling
terminal and its stdin/stdout/stderr, so the masked prompt, echo settings and everything the terminal shows
are real.
"""

from __future__ import annotations

import fcntl
import os
import pty
import subprocess
import sys
import termios
import threading
import time
from dataclasses import dataclass, field

from tests.waiting import wait_for


@dataclass
class PtyProcess:
    args: list[str]
    env: dict[str, str]
    proc: subprocess.Popen[bytes] | None = None
    master: int = -1
    slave: int = -1
    output: bytearray = field(default_factory=bytearray)
    command: list[str] | None = None  # the whole command line instead of `python -m smtui ARGS`
    _reader: threading.Thread | None = None

    def __enter__(self) -> PtyProcess:
        self.master, self.slave = pty.openpty()
        slave = self.slave

        def _controlling_tty() -> None:
            fcntl.ioctl(slave, termios.TIOCSCTTY, 0)

        self.proc = subprocess.Popen(
            self.command or [sys.executable, "-m", "smtui", *self.args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=self.env,
            start_new_session=True,
            preexec_fn=_controlling_tty,
        )  # runs in the child
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        return self

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 4096)
            except OSError:
                return
            if not chunk:
                return
            self.output.extend(chunk)

    def wait_for(self, text: bytes, timeout: float = 20) -> None:
        wait_for(
            lambda: text in self.output,
            f"{text!r} on the terminal",
            budget=timeout,
            process=self.proc,
            detail=lambda: f"terminal so far: {bytes(self.output)!r}",
        )

    def type(self, data: bytes) -> None:
        os.write(self.master, data)

    def echo_on(self) -> bool:
        return bool(termios.tcgetattr(self.slave)[3] & termios.ECHO)

    def wait(self, timeout: float = 30) -> int:
        assert self.proc is not None
        code = self.proc.wait(timeout=timeout)
        time.sleep(0.05)  # let the reader drain what is left
        return code

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        os.close(self.slave)
        os.close(self.master)
        if self._reader is not None:
            self._reader.join(timeout=2)
