"""When `smtui` chooses plain mode (`smtui.plain.wanted`), and plain mode's refusals before any question."""

from __future__ import annotations

import pytest

from smtui.plain import main, wanted


@pytest.mark.parametrize(
    ("argv", "env", "plain"),
    [
        ([], {"TERM": "xterm-256color"}, False),
        ([], {"TERM": "dumb"}, True),
        ([], {"TERM": "xterm", "SMTUI_PLAIN": "1"}, True),
        ([], {"TERM": "xterm", "SMTUI_PLAIN": "0"}, False),
        (["--plain"], {"TERM": "xterm"}, True),
        (["--plain", "--backend", "local", "--region=eu-west-1"], {"TERM": "xterm"}, True),
        (["--backend", "local"], {"TERM": "dumb"}, True),
        (["create-secret", "--name", "x"], {"TERM": "dumb"}, False),  # a command stays a command
        (["--plain", "--name", "x"], {"TERM": "xterm"}, False),  # not a target option: the parser judges it
    ],
)
def test_plain_mode_is_chosen_by_flag_or_environment(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], env: dict[str, str], plain: bool
) -> None:
    monkeypatch.delenv("SMTUI_PLAIN", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert wanted(argv) is plain


def test_main_refuses_options_that_are_not_target_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--plain", "--name", "x"]) == 252
    assert "plain mode takes only --backend" in capsys.readouterr().err
