"""Plain mode on a real pseudo-terminal, driven as a person would: wait for each question, then answer it.

The pty is the process's controlling terminal and its standard input, output and error (tests/safety/ptyrun.py),
so echo, the masked read's raw mode, bracketed paste and Ctrl+C (typed as the byte the terminal turns into
SIGINT) are all real. `Session` keeps a reading position in the transcript: each `expect` looks only at what
came after the previous one, so "the same question again" is a second occurrence, not the first seen twice.
"""

from __future__ import annotations

import re
import sys
import termios
from pathlib import Path

from tests.conftest import smtui_env
from tests.safety.ptyrun import PtyProcess
from tests.waiting import wait_for

ENTRY = "import sys; from smtui.plain import main; sys.exit(main(sys.argv[1:]))"
PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"

#: What plain mode may send besides text and line breaks: bracketed paste on and off around a hidden entry.
ALLOWED_SEQUENCES = {b"\x1b[?2004h", b"\x1b[?2004l"}
_ESCAPE = re.compile(rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|.)", re.DOTALL)
_BOX_OR_SPINNER = re.compile("[\u2500-\u259f\u2800-\u28ff\u25a0-\u25ff]")


class Session:
    """`smtui --plain` on a private local store (a key file in `tmp_path`, no keyring needed), or on AWS."""

    def __init__(self, tmp_path: Path, *, backend: str = "local", key_file: bool = True, **env: str) -> None:
        """`backend="aws"`: the aws backend, at the endpoint and with the credentials of the environment;
        `key_file=False`: the local store without the opt-in key file (its key then goes to the keyring)."""
        self.store, self.key_file = tmp_path / "store" / "s.db", tmp_path / "store.key"
        target = ["--plain", "--backend", "local", "--store", str(self.store)]
        target += ["--key-file", str(self.key_file)] if key_file else []
        if backend == "aws":
            target = ["--plain", "--backend", "aws", "--region", "us-east-1"]
        env.setdefault("SMTUI_LOCAL_REPLICA_DELAY", "0")
        self.process = PtyProcess(args=target, env=smtui_env(**env), command=[sys.executable, "-c", ENTRY, *target])
        self.position = 0

    def __enter__(self) -> Session:
        self.process.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.process.__exit__(*exc)

    @property
    def transcript(self) -> bytes:
        return bytes(self.process.output)

    def text(self) -> str:
        return self.transcript.decode("utf-8", "replace")

    def _wait(self, pattern: re.Pattern[bytes], what: str) -> None:
        """Wait until `pattern` matches after the reading position; move the position past the match."""

        def found() -> re.Match[bytes] | None:
            return pattern.search(self.process.output, self.position)

        match = wait_for(
            found,
            what,
            budget=10,
            process=self.process.proc,
            detail=lambda: f"after position {self.position}: {self.transcript[self.position :]!r}",
        )
        assert match is not None  # wait_for returns only a true value
        self.position = match.end()

    def expect(self, text: str) -> None:
        """Wait until `text` appears after the reading position."""
        self._wait(re.compile(re.escape(text.encode())), repr(text))

    def prompt(self, label: str) -> None:
        """Wait for the answer line that starts with `label` (`Name: `, `Name (Enter alone: x): `)."""
        start = rb"(?:\n|\x1b\[\?2004h)"  # a line's start, or right after bracketed paste is switched on
        self._wait(re.compile(start + re.escape(label.encode()) + rb"[^\n]*: $"), f"the prompt {label!r}")

    def answer(self, label: str, text: str) -> None:
        """Wait for the prompt `label`, then type `text` and Enter."""
        self.prompt(label)
        self.again(text)

    def again(self, text: str) -> None:
        """Type `text` and Enter at the prompt already waited for."""
        self.process.type(text.encode() + b"\r")

    def paste(self, label: str | None, text: str) -> None:
        """Wait for the hidden prompt `label` (None: the one already waited for), then paste `text` and Enter."""
        if label is not None:
            self.prompt(label)
        self.process.type((PASTE_START + text + PASTE_END + "\r").encode())

    def refused(self, label: str, because: str = "") -> None:
        """The answer was not accepted, the rule is stated (`because`, a part of it), and the same question
        `label` comes again."""
        self.expect("Not accepted: ")
        self.expect(because)
        self.prompt(label)

    def finish(self) -> int:
        code = self.process.wait(timeout=20)
        return code

    def terminal_restored(self) -> bool:
        flags = termios.tcgetattr(self.process.slave)[3]
        return bool(flags & termios.ECHO and flags & termios.ICANON)


def drawing_found(transcript: bytes) -> list[str]:
    """Every control sequence other than bracketed paste, and every box-drawing or spinner character."""
    found = [m.group().decode("latin-1") for m in _ESCAPE.finditer(transcript) if m.group() not in ALLOWED_SEQUENCES]
    found += _BOX_OR_SPINNER.findall(transcript.decode("utf-8", "replace"))
    return found
