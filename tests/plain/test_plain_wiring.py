"""`smtui` itself starts plain mode: `--plain`, `TERM=dumb` or `SMTUI_PLAIN=1` with target options only, on a real
pseudo-terminal (the other plain tests start `smtui.plain.main` directly). A command stays a command under
`TERM=dumb`, and plain mode without a terminal says so with 252."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import smtui_env
from tests.local.smtui_cli import smtui
from tests.safety.ptyrun import PtyProcess

FIRST_QUESTION = b"Step 1 of 8: Target."
CTRL_C = b"\x03"


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--plain"], {}),
        ([], {"TERM": "dumb"}),
        ([], {"SMTUI_PLAIN": "1"}),
    ],
    ids=["--plain", "TERM=dumb", "SMTUI_PLAIN=1"],
)
def test_smtui_starts_plain_mode(tmp_path: Path, args: list[str], env: dict[str, str]) -> None:
    target = ["--store", str(tmp_path / "s.db"), "--key-file", str(tmp_path / "k")]
    with PtyProcess(args=[*args, *target], env=smtui_env(**env)) as proc:
        proc.wait_for(FIRST_QUESTION)
        proc.type(CTRL_C)
        assert proc.wait() == 130
        assert proc.echo_on()  # the terminal restored


def test_a_command_stays_a_command_under_term_dumb(tmp_path: Path) -> None:
    out = smtui(tmp_path / "s.db", tmp_path / "k", "list-secrets", env={"TERM": "dumb"})
    assert out.returncode == 0, out.stderr
    assert '"SecretList": []' in out.stdout


def test_plain_mode_without_a_terminal_is_refused_in_words(tmp_path: Path) -> None:
    out = smtui(tmp_path / "s.db", tmp_path / "k", "--plain")
    assert out.returncode == 252
    assert "plain mode asks its questions on a terminal" in out.stderr
