"""The wizard draws only on the terminal, sized from it, with stdout or stderr redirected to a file.

Before: `smtui 2>file` wrote every frame of the UI into the file, and `smtui > result.json` drew at a fixed
80x24. A real pseudo-terminal of 100x30 is the process's controlling terminal and its stdin; one of stdout and
stderr is a file.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
import threading
from pathlib import Path

import pytest

from tests.safety.conftest import smtui_env
from tests.waiting import wait_for

COLS, ROWS = 100, 30


def _run_redirected(tmp_path: Path, redirect: str) -> tuple[int, bytes, bytes]:
    """Start the plain wizard with `redirect` ("stdout" or "stderr") going to a file; quit with Ctrl+C."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
    target = tmp_path / "redirected"
    env = smtui_env(SMTUI_BACKEND="local", SMTUI_STORE=str(tmp_path / "s.db"), SMTUI_KEY_FILE=str(tmp_path / "k"))
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    seen = bytearray()

    def read() -> None:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            if not chunk:
                return
            seen.extend(chunk)

    with target.open("wb") as out:

        def controlling_tty() -> None:
            fcntl.ioctl(slave, termios.TIOCSCTTY, 0)

        proc = subprocess.Popen(
            [sys.executable, "-m", "smtui"],
            stdin=slave,
            stdout=out if redirect == "stdout" else slave,
            stderr=out if redirect == "stderr" else slave,
            env=env,
            start_new_session=True,
            preexec_fn=controlling_tty,
        )
        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        try:
            wait_for(lambda: b"Target" in seen, "the first step", process=proc, detail=lambda: bytes(seen)[-800:])
            os.write(master, b"\x03")  # Ctrl+C: leave at once
            code = proc.wait(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            os.close(slave)
            reader.join(timeout=5)
            os.close(master)
    return code, bytes(seen), target.read_bytes()


@pytest.mark.parametrize("redirect", ["stdout", "stderr"])
def test_the_wizard_draws_on_the_terminal_only(tmp_path: Path, redirect: str) -> None:
    code, terminal, file_bytes = _run_redirected(tmp_path, redirect)
    assert code == 130
    assert b"\x1b" not in file_bytes, f"escape sequences in the {redirect} file"
    assert b"Target" not in file_bytes
    if redirect == "stdout":
        assert file_bytes == b""  # nothing created: the result file stays empty (it gets only the JSON)
    # Sized from the pty: the screen's last row (30) is drawn, and a row of 100 columns exists.
    rows = {int(m.group(1)) for m in re.finditer(rb"\x1b\[(\d+);\d+H", terminal)}
    assert ROWS in rows and max(rows) == ROWS, sorted(rows)[-5:]
