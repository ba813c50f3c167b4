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

Bounded: an entry keeps at most `limit` bytes (a secret value's maximum). Past that it keeps nothing more and
reads the rest of the entry away in large chunks up to its end (the paste's end, then Enter), so a paste a
thousand times too large neither fills memory nor spills into the shell after smtui exits, where the rest of
the secret would be echoed, run as commands and saved in the history. Whatever is still unread when the
prompt ends is discarded (TCSAFLUSH) for the same reason.
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
    too_long: bool = False  # more than the limit arrived; `text` is then empty


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
        termios.tcsetattr(fd, termios.TCSAFLUSH, old)  # unread input (a paste's tail) must not reach the shell


def read_entry(fd: int, limit: int | None = None) -> Entry:
    """One entry, up to Enter outside a paste, from a terminal already made silent; at most `limit` bytes kept."""
    chars: list[str] = []
    kept = 0
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
            kept += len(byte)
            if limit is not None and kept > limit:
                chars.clear()
                _discard_rest(fd, in_paste=in_paste)
                return Entry("", pasted=False, too_long=True)
    return Entry("".join(chars), pasted=pastes == 1 and typed == 0)


_PASTE_END = b"\x1b[201~"


def _discard_rest(fd: int, *, in_paste: bool) -> None:
    """Read the rest of an over-long entry away, keeping none of it: to the paste's end, then to Enter."""
    tail = b""
    while True:
        chunk = os.read(fd, 65536)
        if not chunk or _INTR in chunk:
            return
        data = tail + chunk
        if in_paste:
            end = data.find(_PASTE_END)
            if end < 0:
                tail = data[-(len(_PASTE_END) - 1) :]
                continue
            in_paste, data = False, data[end + len(_PASTE_END) :]
        if b"\r" in data or b"\n" in data:
            return
        tail = b""


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
