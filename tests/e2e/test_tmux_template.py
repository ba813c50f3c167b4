"""The installed `smtui` through one Secret type template, end to end in a real terminal (tmux), by keys alone.

Amazon RDS / Aurora PostgreSQL: host, user name, database name and port are typed, the password is the one the
form generates when it opens. "Review now" (Ctrl+G) jumps to Review, Create waits for the preflight, and the
result screen shows the ARN. The secret read back (smtui's own get-secret-value, a subprocess outside tmux) is
the template's JSON with exactly the typed members and a password of the generator's default length.

The password is never typed, so the test learns it only from the store, after the run: what it must not be in
is therefore collected during the run (every screen it waited on, every process's command line at each step)
and searched afterwards, with the whole scrollback and the shell's history file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from smtui.model.password import DEFAULT_LENGTH
from smtui.model.secret_templates import DB_PASSWORD_EXCLUDE
from tests.cli.conftest import run
from tests.e2e.test_tmux import Terminal, terminal  # noqa: F401 - the fixture
from tests.e2e.test_tmux_burst import local, pick_form, to_value_step
from tests.waiting import wait_for

pytestmark = pytest.mark.e2e

NAME = "e2e/tmux-template"
HOST = "db-zq9.example.com"
USER = "Zq9-tmux-tpl-user-4b7e"  # a marker, but not a secret: the template draws the user name
DBNAME = "zq9_app"
PORT = "6543"  # not the template's 5432, so the stored port is the typed one


class Seen:
    """What the run showed and ran: the screens waited on and the command lines of every process, sampled."""

    def __init__(self, term: Terminal) -> None:
        self.term = term
        self.screens: list[str] = []
        self.cmdlines: list[bytes] = []

    def wait_for(self, text: str, timeout: float = 60) -> str:
        screen = self.term.wait_for(text, timeout)
        self.screens.append(screen)
        self.sample_cmdlines()
        return screen

    def sample_cmdlines(self) -> None:
        for proc in Path("/proc").iterdir():
            if proc.name.isdigit():
                try:
                    self.cmdlines.append((proc / "cmdline").read_bytes())
                except OSError:
                    continue


def type_field(term: Terminal, placeholder: str, text: str) -> None:
    """Tab to the next field, wait until the cursor is in it (its placeholder), type, wait for every key."""
    term.keys("Tab")
    term.wait_for_cursor_on(placeholder, 60)
    term.literal(text)
    term.wait_for_cursor_on(text, 60)


def cursor_line(term: Terminal) -> str:
    row = int(term.tmux("display", "-p", "-t", "smt", "#{cursor_y}").strip() or -1)
    lines = term.tmux("capture-pane", "-p", "-t", "smt").split("\n")
    return lines[row] if 0 <= row < len(lines) else ""


def focus_host(term: Terminal) -> None:
    """Tab from the form choice into Host, whichever of the form choice and the Type list has the focus once the
    form is up (the Type list takes it when the form is mounted, so the number of Tabs differs): one Tab at a
    time, each waited for, back with Shift+Tab if one went past."""
    seen: list[str] = []
    for _ in range(6):
        line = cursor_line(term)
        seen.append(line.strip()[:40])
        if "▊  Host" in line:
            return
        term.keys("BTab" if "▊  User name" in line else "Tab")

        def moved(was: str = line) -> bool:
            return cursor_line(term) != was

        try:  # a list or a choice shows no cursor: then the line stays, and the next round Tabs again
            wait_for(moved, "the cursor to move", budget=8, interval=0.05)
        except AssertionError:
            continue
    raise AssertionError(f"the cursor never reached Host; its lines: {seen}; the screen:\n{term.screen()}")


def test_rds_postgres_template_with_a_generated_password(terminal: Terminal, tmp_path: Path) -> None:  # noqa: F811
    seen = Seen(terminal)
    # Tall enough that the form never scrolls: while a view scrolls, tmux can report the cursor's row from
    # before the scroll against the lines after it, and the focus is read off the cursor's line.
    terminal.tmux("resize-window", "-t", "smt", "-x", "100", "-y", "60")
    to_value_step(terminal, tmp_path, NAME)
    terminal.wait_for_cursor_on("type or paste the value", 60)  # the value field has the focus
    pick_form(terminal, 5, "Database name (optional)")  # "Type": the Secret type form, RDS PostgreSQL first
    form = seen.wait_for("Amazon RDS / Aurora PostgreSQL")
    assert "•" * DEFAULT_LENGTH in form  # the password was generated when the form opened, and is masked
    focus_host(terminal)
    terminal.literal(HOST)
    terminal.wait_for_cursor_on(HOST, 60)
    type_field(terminal, "▊  User name", USER)
    terminal.keys("Tab", "Tab")  # past the (generated) password and its Generate button
    type_field(terminal, "▊  Database name", DBNAME)
    terminal.keys("Tab")
    terminal.wait_for_cursor_on("5432", 60)  # the template's default port, selected on focus
    terminal.keys("C-u")
    terminal.literal(PORT)
    terminal.wait_for_cursor_on(PORT, 60)
    seen.sample_cmdlines()
    terminal.keys("C-g")  # Review now
    seen.wait_for("8/8")
    seen.wait_for("Preflight:", 90)  # the checks are over (found or not: they never block)

    def create_enabled() -> bool:
        screen = terminal.screen()
        return "once the checks finish" not in screen and "Checking the target" not in screen

    wait_for(create_enabled, "Create to be enabled", budget=60, interval=0.1, detail=terminal.screen)
    terminal.keys("C-n")
    screen = seen.wait_for("Secret created", 90)
    assert f"secret:{NAME}-" in screen  # the ARN on the result screen
    terminal.keys("q")  # quit after a success: the result is printed
    terminal.wait_for("PROMPT$ ", 30)
    seen.wait_for('"ARN"', 30)
    terminal.literal("history -a; echo HISTORY-$((6*7))")  # write the history file now, as bash does on exit
    terminal.keys("Enter")
    seen.wait_for("HISTORY-42", 30)

    got = run(["get-secret-value", *local(tmp_path), "--secret-id", NAME])
    assert got.code == 0, got.err
    stored = json.loads(got.json()["SecretString"])
    password = stored.pop("password")
    assert stored == {"engine": "postgres", "host": HOST, "username": USER, "dbname": DBNAME, "port": int(PORT)}
    assert isinstance(password, str) and len(password) == DEFAULT_LENGTH
    assert not set(password) & set(DB_PASSWORD_EXCLUDE)

    scrollback = terminal.tmux("capture-pane", "-p", "-t", "smt", "-S", "-")
    history = terminal.history.read_text() if terminal.history.exists() else ""
    assert "smtui" in history
    assert any(b"--key-file" in argv for argv in seen.cmdlines)  # sampled while smtui ran
    for piece in {password, password[:12], password[-12:]}:  # a cut drawing of it counts too
        assert piece not in scrollback, "the password is in the terminal's scrollback"
        assert all(piece not in screen for screen in seen.screens), "the password was drawn"
        assert piece not in history, "the password is in the shell history"
        assert all(piece.encode() not in argv for argv in seen.cmdlines), "the password reached a command line"
