"""Keys and pastes as a real terminal delivers them (tmux), through the installed smtui and the real local store.

A burst is ONE `tmux send-keys` call, so the characters, the Tab and the Enter reach smtui in one write, as a
password manager's auto-type does. A paste is `tmux paste-buffer -p` (bracketed paste; tmux turns each LF into
CR, as terminals do). The stored value and tags are read back with smtui's own get-secret-value and
describe-secret, and the pasted PEM key must satisfy `openssl pkey`.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.cli.conftest import run
from tests.e2e.test_tmux import Terminal, terminal  # noqa: F401 - the fixture

pytestmark = pytest.mark.e2e

PW = "Zq9-burst-pw-31"


def local(tmp_path: Path) -> list[str]:
    return ["--backend", "local", "--store", str(tmp_path / "store.db"), "--key-file", str(tmp_path / "store.key")]


def to_value_step(term: Terminal, tmp_path: Path, name: str) -> None:
    term.wait_for("PROMPT$", 10)
    term.literal("smtui " + " ".join(local(tmp_path)))
    term.keys("Enter")
    term.wait_for("local store at")
    term.keys("C-n")
    term.wait_for("2/8")
    term.literal(name)
    term.wait_for("is free")
    term.keys("C-n")
    term.wait_for("No value yet")


def pick_form(term: Terminal, rights: int, shown: str) -> None:
    """From the focused single-line field: Shift+Tab to the form choice, Right `rights` times, Space."""
    term.keys("BTab")
    term.keys(*(["Right"] * rights), "Space")
    term.wait_for(shown)


def finish(term: Terminal, steps: tuple[str, ...] = ("4/8", "5/8", "6/8", "7/8", "8/8")) -> None:
    for step in steps:
        term.keys("C-n")
        term.wait_for(step)
    term.keys("C-n")
    term.wait_for("Secret created")
    term.keys("q")
    term.wait_for("PROMPT$ ", 15)


def test_a_burst_keeps_key_value_and_tags_apart(terminal: Terminal, tmp_path: Path) -> None:  # noqa: F811
    to_value_step(terminal, tmp_path, "e2e/burst")
    pick_form(terminal, 2, "Key/value pairs")
    terminal.keys("user", "Tab", PW)  # one send-keys: one write to the terminal
    terminal.wait_for(f"{len(json.dumps({'user': PW}, separators=(',', ':')))} / 65,536 bytes")
    assert PW not in terminal.screen()
    for step in ("4/8", "5/8"):
        terminal.keys("C-n")
        terminal.wait_for(step)
    terminal.keys("key1", "Tab", "val1", "Enter")  # the Tags step, one burst
    terminal.wait_for("1 of 50 tags")
    finish(terminal, ("6/8", "7/8", "8/8"))
    got = run(["get-secret-value", *local(tmp_path), "--secret-id", "e2e/burst"]).json()
    assert json.loads(got["SecretString"]) == {"user": PW}
    tags = run(["describe-secret", *local(tmp_path), "--secret-id", "e2e/burst"]).json()["Tags"]
    assert tags == [{"Key": "key1", "Value": "val1"}]


def test_a_bracketed_paste_of_a_pem_key_is_stored_as_a_valid_pem(terminal: Terminal, tmp_path: Path) -> None:  # noqa: F811
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed: the stored bytes are compared in tests/ui/test_value_paths.py")
    key = tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "genpkey", "-algorithm", "ed25519", "-out", str(key)], check=True, capture_output=True, timeout=30
    )
    pem = key.read_text()
    to_value_step(terminal, tmp_path, "e2e/pem")
    pick_form(terminal, 1, "paste it into the box below")
    terminal.tmux("load-buffer", "-b", "pem", str(key))
    terminal.tmux("paste-buffer", "-p", "-d", "-b", "pem", "-t", "smt")  # bracketed; LF sent as CR
    terminal.wait_for("stored as LF")
    finish(terminal)
    got = run(["get-secret-value", *local(tmp_path), "--secret-id", "e2e/pem"]).json()
    assert got["SecretString"] == pem
    stored = tmp_path / "stored.pem"
    stored.write_text(got["SecretString"], newline="")
    assert (
        subprocess.run(["openssl", "pkey", "-in", str(stored), "-noout"], capture_output=True, timeout=30).returncode
        == 0
    )
