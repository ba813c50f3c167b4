"""The real thing: the installed `smtui` in a real terminal (tmux), walked through with keys like a person would.

A fixed marker is typed as the value; the test then proves it is not on the screen (scrollback included), not in
the shell's history file, and not in any process's command line while smtui runs, and that the ARN is shown.
The local store uses a key file, so no keyring is needed (the keyring path is covered by the local-store suite).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.waiting import wait_for

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
SMTUI = REPO / ".venv" / "bin" / "smtui"
MARKER = "Zq9-tmux-marker-55e0"
NAME = "e2e/tmux-check"


class Terminal:
    """A private tmux server (own socket, no user config) running an interactive bash with its own history."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.socket = workdir / "tmux.sock"
        self.history = workdir / "bash_history"

    def tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-S", str(self.socket), "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
        return done.stdout

    def start(self) -> None:
        path = f"{SMTUI.parent}:/usr/bin:/bin"
        shell = (
            f"env -i HOME={self.workdir} PATH={path} TERM=tmux-256color COLORTERM=truecolor LANG=C.UTF-8 "
            f"HISTFILE={self.history} PS1='PROMPT$ ' bash --norc -i"
        )
        self.tmux("new-session", "-d", "-s", "smt", "-x", "100", "-y", "30", shell)
        self.tmux("set", "-s", "escape-time", "0")  # else a lone Esc waits 500 ms

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "smt", "-S", "-1000")

    def wait_for(self, text: str, timeout: float = 30) -> str:
        def shown() -> str:
            screen = self.screen()
            return screen if text in screen else ""

        return wait_for(
            shown, repr(text), budget=timeout, interval=0.1, detail=lambda: f"the screen was:\n{self.screen()}"
        )

    def wait_for_cursor_on(self, text: str, timeout: float = 30) -> None:
        """Wait until the terminal's cursor is on a line holding `text`: Textual puts the cursor in the focused
        field, so this is how a test sees where the focus is (instead of sleeping until it has moved)."""

        def cursor_on() -> bool:
            row = int(self.tmux("display", "-p", "-t", "smt", "#{cursor_y}").strip() or -1)
            lines = self.tmux("capture-pane", "-p", "-t", "smt").split("\n")
            return 0 <= row < len(lines) and text in lines[row]

        wait_for(
            cursor_on,
            f"the cursor on {text!r}",
            budget=timeout,
            interval=0.05,
            detail=lambda: "the screen was:\n" + self.tmux("capture-pane", "-p", "-t", "smt"),
        )

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "smt", *keys)

    def literal(self, text: str) -> None:
        self.tmux("send-keys", "-t", "smt", "-l", "--", text)

    def stop(self) -> None:
        subprocess.run(
            ["tmux", "-S", str(self.socket), "-f", "/dev/null", "kill-server"],
            capture_output=True,
            timeout=10,
            check=False,
        )


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    if shutil.which("tmux") is None:
        pytest.fail("tmux is not installed (make deb installs it)")
    term = Terminal(tmp_path)
    term.start()
    yield term
    term.stop()


def marker_in_any_cmdline() -> list[int]:
    """Every process whose command line holds the marker: the value must never be put in any argv, where
    every user of the machine can read it (/proc/PID/cmdline)."""
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if MARKER.encode() in (proc / "cmdline").read_bytes():
                    found.append(int(proc.name))
            except OSError:
                continue
    return found


def test_wizard_in_a_real_terminal(terminal: Terminal, tmp_path: Path) -> None:
    store, key_file = tmp_path / "store.db", tmp_path / "store.key"
    terminal.wait_for("PROMPT$", 10)
    terminal.literal(f"smtui --backend local --store {store} --key-file {key_file}")
    terminal.keys("Enter")
    terminal.wait_for("local store at")  # raw mode is on and the target is open: safe to type
    terminal.keys("C-n")
    terminal.wait_for("2/8")
    terminal.literal(NAME)
    terminal.wait_for("is free")
    terminal.keys("C-n")
    terminal.wait_for("No value yet")
    terminal.wait_for_cursor_on("type or paste the value")  # the value field has the focus
    terminal.literal(MARKER)
    terminal.wait_for(f"{len(MARKER)} / 65,536 bytes")
    terminal.keys("Enter")  # to the confirmation field
    terminal.wait_for_cursor_on("the same value again")
    terminal.literal(MARKER)
    terminal.wait_for_cursor_on("•" * len(MARKER))  # every key of the confirmation arrived
    assert marker_in_any_cmdline() == [], "the value reached a process command line"
    for step in ("4/8", "5/8", "6/8", "7/8", "8/8"):
        terminal.keys("C-n")
        terminal.wait_for(step)
    terminal.keys("C-n")
    screen = terminal.wait_for("Secret created")
    assert f"secret:{NAME}-" in screen
    assert marker_in_any_cmdline() == []
    assert MARKER not in screen
    terminal.keys("q")  # quit after a success: the result is printed
    terminal.wait_for("PROMPT$ ", 15)
    after = terminal.wait_for('"ARN"', 10)
    assert MARKER not in after
    terminal.literal("history -a; echo HISTORY-$((6*7))")  # write the history file now, as bash does on exit
    terminal.keys("Enter")
    terminal.wait_for("HISTORY-42", 10)
    history = terminal.history.read_text() if terminal.history.exists() else ""
    assert "smtui" in history and MARKER not in history
    start = after.index("{")
    printed = json.loads(after[start : after.index("}", after.rindex('"')) + 1].replace("\n", ""))
    assert printed["Name"] == NAME and printed["ARN"].startswith("arn:aws:secretsmanager:")
    assert os.stat(store).st_size > 0


def test_ctrl_c_restores_the_terminal(terminal: Terminal, tmp_path: Path) -> None:
    terminal.wait_for("PROMPT$", 10)
    terminal.literal(f"smtui --backend local --store {tmp_path / 'store.db'} --key-file {tmp_path / 'store.key'}")
    terminal.keys("Enter")
    terminal.wait_for("local store at")
    terminal.keys("C-c")
    terminal.wait_for("PROMPT$ ", 15)
    # the output (not the echoed command line) is recognised by the computed "rc:1…"
    terminal.literal("echo rc:$(( $? + 1000 )) $(stty -a | tr ' ' '\\n' | grep -xE 'icanon|echo' | tr '\\n' +)")
    terminal.keys("Enter")
    screen = terminal.wait_for("rc:1", 10)
    assert "rc:1130 " in screen  # exit 130: interrupted, as the AWS CLI reports it
    assert "icanon+echo+" in screen  # cooked mode and echo are back


@pytest.mark.parametrize("key", ["C-q", "C-c"])
def test_make_run_ends_without_an_error_after_a_quit_or_ctrl_c(terminal: Terminal, key: str) -> None:
    """`make run` ended with make's "Error 130" after a normal quit: a quit now exits 0, and the run target
    takes Ctrl+C's 130 (interrupted) as a normal end too. `-o` keeps make from reinstalling the venv here."""
    terminal.wait_for("PROMPT$", 10)
    terminal.literal(f"make -s -C {REPO} -o .venv/.installed run; echo rc:$(( $? + 1000 ))")
    terminal.keys("Enter")
    terminal.wait_for("1/8")  # the first step is drawn: keys now reach the wizard
    terminal.keys(key)  # untouched first screen: nothing to lose, no question
    screen = terminal.wait_for("rc:1", 30)
    assert "rc:1000" in screen
    assert "Error" not in screen and "Quit without creating" not in screen
