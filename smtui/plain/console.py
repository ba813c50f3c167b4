"""Plain mode's terminal: lines out, lines in, and the hidden entry of a value. Nothing but text and line breaks.

Why its own reading instead of `input()`: a hidden value is read byte by byte from the same descriptor
(`smtui.cli.masked`), so an answer must never sit in a Python buffer that read ahead of it; and `readline`, which
`input()` loads, may write escape sequences of its own. An ordinary answer is read in the terminal's line mode,
echoed by the terminal as a screen reader expects; a value is read with echo off (`hidden`).

Everything written goes through `visible_escape` line by line: text from the target (a description, an error
message) must never drive the terminal. The only control sequences plain mode sends are the two that switch
bracketed paste on and off around a hidden entry, so that a paste arrives whole; they move nothing and draw
nothing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from smtui.cli.masked import Entry, read_entry, silent_terminal
from smtui.output.terminal_text import visible_escape


class EndOfInput(KeyboardInterrupt):
    """The terminal closed, or Ctrl+D at an empty answer: the person stopped (exit 130, as Ctrl+C)."""


class Console:
    """Reads answers from `fd_in` (a terminal) and writes lines to `fd_out` (the same terminal)."""

    def __init__(self, fd_in: int, fd_out: int) -> None:
        self.fd_in, self.fd_out = fd_in, fd_out

    def write(self, text: str) -> None:
        data = text.encode("utf-8", "replace")
        while data:
            data = data[os.write(self.fd_out, data) :]

    def say(self, *lines: str) -> None:
        """Each line as it is, control characters made visible; one line break after each."""
        self.write("".join(visible_escape(part) + "\n" for line in lines for part in line.split("\n")))

    def ask(self, label: str) -> str:
        """`label: ` then one line as typed (echoed by the terminal), without its line break."""
        self.write(visible_escape(label) + ": ")
        data = b""
        while not data.endswith(b"\n"):
            chunk = os.read(self.fd_in, 4096)
            if not chunk:
                raise EndOfInput
            data += chunk  # line mode: the terminal bounds a line (4095 bytes on Linux)
        return data.decode("utf-8", "replace").rstrip("\r\n")

    @contextmanager
    def hidden(self) -> Iterator[None]:
        """Echo off and bracketed paste on inside; the terminal restored on every way out (Ctrl+C included)."""
        with silent_terminal(self.fd_in, self.write):
            yield

    def entry(self, label: str, limit: int) -> Entry:
        """`label: `, then one hidden entry of at most `limit` bytes (inside `hidden`)."""
        self.write(visible_escape(label) + ": ")
        try:
            return read_entry(self.fd_in, limit)
        finally:
            self.write("\n")  # nothing was echoed: the next line starts on a line of its own


def terminal_output() -> int:
    """Where plain mode speaks: standard error when it is the terminal, else the terminal itself.

    Standard output is kept for the result printed on exit, so `smtui --plain > result.json` works as with the
    wizard."""
    if os.isatty(2):
        return 2
    try:
        return os.open("/dev/tty", os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError:
        return 2
