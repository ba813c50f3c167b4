"""A masked terminal prompt that echoes nothing — not even '*', which would reveal the length.

Why not `getpass`: it reads in canonical (line) mode, where the terminal cuts a line at about 4 KiB, so a long
pasted certificate or token is silently truncated. This reads byte by byte with ECHO and ICANON off (ISIG kept,
so Ctrl+C still interrupts), handles Backspace and Ctrl+U, ends at Enter, and always restores the terminal.
The terminal stays silent for the whole prompt (both entries), so nothing typed between them is echoed either.
Ctrl+D on an empty line cancels (raised as KeyboardInterrupt, exit 130).

Pastes: bracketed paste mode is switched on while asking, so a pasted block arrives between ESC[200~ and
ESC[201~ and keeps its line breaks (a PEM key can be pasted whole), and an entry that is exactly one paste is
known to be pasted: people are not asked to re-type what they pasted (they are asked to confirm what they
typed). A paste's line breaks follow the wizard's one paste rule (`smtui.widgets.paste_rule`): CR LF and a
lone CR each become one LF (terminals send a pasted line break as CR; a CR LF must not become two). Other
escape sequences (arrow keys) are ignored, never stored.
"""

from __future__ import annotations

import codecs
import os
import termios
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

_ENTER = (b"\r", b"\n")
_ERASE = (b"\x7f", b"\x08")
_KILL = b"\x15"  # Ctrl+U
_EOF = b"\x04"  # Ctrl+D
_INTR = b"\x03"  # Ctrl+C, should a terminal deliver it as a byte
_ESC = b"\x1b"
PASTE_ON, PASTE_OFF = "\x1b[?2004h", "\x1b[?2004l"


@dataclass(frozen=True)
class Entry:
    text: str
    pasted: bool  # the whole entry was one bracketed paste


@contextmanager
def silent_terminal(fd: int, write: Callable[[str], None] | None = None) -> Iterator[None]:
    """Echo and line mode off (and bracketed paste on, through `write`) while inside; restored on every exit.

    TCSAFLUSH on entry drops type-ahead: keys typed before the prompt appeared were echoed in clear already
    and must not silently become (part of) the value."""
    old = termios.tcgetattr(fd)
    new = termios.tcgetattr(fd)
    new[3] &= ~(termios.ECHO | termios.ECHONL | termios.ICANON)
    new[6][termios.VMIN] = 1
    new[6][termios.VTIME] = 0
    termios.tcsetattr(fd, termios.TCSAFLUSH, new)
    if write:
        write(PASTE_ON)
    try:
        yield
    finally:
        if write:
            write(PASTE_OFF)
        termios.tcsetattr(fd, termios.TCSADRAIN, old)


def read_entry(fd: int) -> Entry:
    """One entry, up to Enter outside a paste, from a terminal already made silent."""
    chars: list[str] = []
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    in_paste = after_cr = False
    pastes = typed = 0
    while True:
        byte = os.read(fd, 1)
        if not byte or byte == _INTR or (byte == _EOF and not chars):
            raise KeyboardInterrupt
        if byte == _ESC:
            seq = _escape_sequence(fd)
            if seq == "[200~":
                in_paste, pastes = True, pastes + 1
            elif seq == "[201~":
                in_paste = False
            continue
        if byte in _ENTER:
            if not in_paste:
                break
            if not (byte == b"\n" and after_cr):  # the LF of a pasted CR LF is the same line break
                chars.append("\n")  # terminals send a pasted line break as CR
            after_cr = byte == b"\r"
            continue
        after_cr = False
        if in_paste:
            piece = decoder.decode(byte)
        elif byte in _ERASE:
            typed += 1
            if chars:
                chars.pop()
            continue
        elif byte == _KILL:
            typed += 1
            chars.clear()
            continue
        else:
            typed += 1
            piece = decoder.decode(byte)
        if piece:
            chars.append(piece)
    return Entry("".join(chars), pasted=pastes == 1 and typed == 0)


def _escape_sequence(fd: int) -> str:
    """The rest of an escape sequence after ESC: CSI (`[` … final byte 0x40-0x7E) or one more byte."""
    first = os.read(fd, 1)
    if first != b"[":
        return first.decode("latin-1")
    seq = "["
    while len(seq) < 16:
        b = os.read(fd, 1)
        if not b:
            break
        seq += b.decode("latin-1")
        if 0x40 <= b[0] <= 0x7E:
            break
    return seq
