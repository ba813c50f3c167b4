"""A masked terminal prompt that echoes nothing — not even '*', which would reveal the length.

Why not `getpass`: it reads in canonical (line) mode, where the terminal cuts a line at about 4 KiB, so a long
pasted certificate or token is silently truncated. This reads byte by byte with ECHO and ICANON off (ISIG
kept, so Ctrl+C still interrupts), handles Backspace and Ctrl+U, ends at Enter, and always restores the
terminal settings. The terminal stays silent for the whole prompt (both entries), so nothing typed between
them is echoed either. Ctrl+D on an empty line cancels (raised as KeyboardInterrupt, exit 130).
"""

from __future__ import annotations

import codecs
import os
import termios
from collections.abc import Iterator
from contextlib import contextmanager

_ENTER = (b"\r", b"\n")
_ERASE = (b"\x7f", b"\x08")
_KILL = b"\x15"  # Ctrl+U
_EOF = b"\x04"  # Ctrl+D
_INTR = b"\x03"  # Ctrl+C, should a terminal deliver it as a byte


@contextmanager
def silent_terminal(fd: int) -> Iterator[None]:
    """Echo and line mode off while inside; the settings restored on every exit path.

    TCSAFLUSH on entry drops type-ahead: keys typed before the prompt appeared were echoed in clear already
    and must not silently become (part of) the value."""
    old = termios.tcgetattr(fd)
    new = termios.tcgetattr(fd)
    new[3] &= ~(termios.ECHO | termios.ECHONL | termios.ICANON)
    new[6][termios.VMIN] = 1
    new[6][termios.VTIME] = 0
    termios.tcsetattr(fd, termios.TCSAFLUSH, new)
    try:
        yield
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, old)


def read_entry(fd: int) -> str:
    """One entry, up to Enter, from a terminal already made silent."""
    chars: list[str] = []
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    while True:
        byte = os.read(fd, 1)
        if not byte or byte == _INTR or (byte == _EOF and not chars):
            raise KeyboardInterrupt
        if byte in _ENTER:
            break
        if byte in _ERASE:
            if chars:
                chars.pop()
        elif byte == _KILL:
            chars.clear()
        else:
            piece = decoder.decode(byte)
            if piece:
                chars.append(piece)
    return "".join(chars)
