"""The standard streams of a command: closed at start, full, or unable to carry the output's characters.

Why: the outcome must reach the person whatever the streams are. Found: a create that succeeded with standard
output closed (`>&-`) or full (`>/dev/full`) exited 255 and said nothing of the secret it had created;
with standard input closed (`<&-`) a command that read its value from a file still failed; with
`PYTHONIOENCODING=ascii` a description with an accent crashed the output (255).

Decisions (docs/security.md, "Bounded input and the outcome always reported"):
- At start, a closed descriptor 0, 1 or 2 is filled with /dev/null, so no file smtui opens later (a key file,
  a temporary file) can become "standard output" and receive the output. Which ones were closed is kept:
  output to a stdout that was closed is an output failure, reported like a full disk. A closed stderr gets a
  /dev/null stream, so `print(..., file=sys.stderr)` never falls back to standard output.
- A reader that went away (EPIPE, `smtui ... | head -1`) is not an error, as in the AWS CLI.
- Any other failure to write the output (closed, full, an encoding that cannot carry the characters) raises
  OutputFailed. The command decides what to say: one that changed something (create, delete, restore, a
  key) says on stderr what it did (the ARN) and exits 0, as the AWS CLI (its formatter ignores OSError on
  output) — the change happened, and re-running it would fail or do it twice; one that only read exits 255
  (252 for the encoding, a setting the person can change), because nothing happened and the output a script
  waits for is missing. The output is never re-encoded with replacements: the value would change.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys

from smtui.errors import EXIT_OTHER, EXIT_PARAMETER, SmtuiError

_closed_at_start: set[int] = set()


class OutputFailed(SmtuiError):
    """The output could not be written to standard output; `reason` says why in plain words."""

    def __init__(self, reason: str, exit_code: int = EXIT_OTHER) -> None:
        super().__init__(f"the output could not be written to standard output: {reason}")
        self.reason = reason
        self.exit_code = exit_code


def reserve_standard_streams() -> None:
    """Fill closed descriptors 0-2 with /dev/null and give a closed stderr a /dev/null stream (see above)."""
    for fd, flags in ((0, os.O_RDONLY), (1, os.O_WRONLY), (2, os.O_WRONLY)):
        try:
            os.fstat(fd)
            continue
        except OSError:
            pass
        try:
            opened = os.open(os.devnull, flags)  # the lowest free descriptor: `fd` itself, in this order
        except OSError:
            continue
        if opened != fd:
            os.dup2(opened, fd, inheritable=True)
            os.close(opened)
        _closed_at_start.add(fd)
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process


def write_stdout(text: str) -> None:
    """Write and flush `text` to standard output; OutputFailed when it cannot be, except for EPIPE."""
    if not text:
        return
    stream = sys.stdout
    if stream is None or 1 in _closed_at_start:
        raise OutputFailed("standard output is closed")
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        _drop_stdout()
    except UnicodeEncodeError:
        encoding = getattr(stream, "encoding", None) or "?"
        raise OutputFailed(
            f"it holds characters that standard output's encoding ({encoding}) cannot represent; set "
            "PYTHONIOENCODING=utf-8 or use a UTF-8 locale (smtui does not replace characters: the data "
            "would change)",
            EXIT_PARAMETER,
        ) from None
    except OSError as exc:
        _drop_stdout()
        reason = "the disk is full" if exc.errno == errno.ENOSPC else (exc.strerror or type(exc).__name__)
        raise OutputFailed(reason) from None
    except (ValueError, AttributeError):  # a stream closed under us
        raise OutputFailed("standard output is closed") from None


def _drop_stdout() -> None:
    """Point descriptor 1 at /dev/null, so the interpreter's flush at exit neither fails nor retries."""
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)


def say(text: str) -> None:
    """A line on stderr that may fail silently (a full or closed stderr leaves nowhere else to say it)."""
    with contextlib.suppress(OSError, ValueError):
        print(text, file=sys.stderr, flush=True)
