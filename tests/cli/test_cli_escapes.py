"""Text from the store never drives the terminal of whoever reads it; scripts still get the exact bytes.

A description holding OSC 52 (set the clipboard), CSI 2 J (clear the screen), the one-byte C1 CSI and DEL, printed
through a real pseudo-terminal (stdout is a terminal) and through a pipe.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.console import Console
from textual.app import App, ComposeResult
from textual.widgets import Static

from smtui.output import OutputOptions, render
from smtui.widgets.control_filter import ControlCharFilter, install
from tests.cli.conftest import run, smtui_env
from tests.safety.ptyrun import PtyProcess

OSC52 = "\x1b]52;c;UFdORUQ=\x07"
DESCRIPTION = f"before{OSC52}mid\x9b2Jafter\x7f"
RAW = (b"\x1b]52", b"\xc2\x9b", b"\x7f", b"\x1b[2J")  # \x9b as UTF-8


def _create(local: list[str], tmp_path: Path) -> None:
    value = tmp_path / "v"
    value.write_text("Zq9-escape-value")
    done = run(
        [
            "create-secret",
            *local,
            "--name",
            "esc/one",
            "--description",
            DESCRIPTION,
            "--secret-string",
            f"file://{value}",
        ]
    )
    assert done.code == 0, done.err


def _on_pty(args: list[str]) -> bytes:
    with PtyProcess(args, smtui_env()) as proc:
        assert proc.wait(timeout=60) == 0, bytes(proc.output)[-500:]
        return bytes(proc.output)


@pytest.mark.parametrize("fmt", ["text", "table", "json", "yaml"])
def test_control_characters_are_escaped_on_a_terminal(local: list[str], tmp_path: Path, fmt: str) -> None:
    _create(local, tmp_path)
    out = _on_pty(["describe-secret", *local, "--secret-id", "esc/one", "--output", fmt, "--color", "off"])
    for raw in RAW:
        assert raw not in out, f"{raw!r} reached the terminal in --output {fmt}"
    assert b"before" in out and b"after" in out
    assert (b"\\u001b]52" if fmt == "json" else b"\\x1b]52") in out or b"\\e]52" in out


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_exact_bytes_when_stdout_is_not_a_terminal(local: list[str], tmp_path: Path, fmt: str) -> None:
    _create(local, tmp_path)
    done = run(["describe-secret", *local, "--secret-id", "esc/one", "--output", fmt])
    assert done.code == 0
    if fmt == "json":
        assert json.loads(done.out)["Description"] == DESCRIPTION
    else:
        assert DESCRIPTION in done.out


def test_render_escapes_only_for_a_terminal() -> None:
    data = {"Description": DESCRIPTION, "Tags": [{"Key": "k", "Value": "\x1b[2J"}]}
    for fmt in ("text", "table", "json", "yaml", "yaml-stream"):
        shown = render(data, OutputOptions(format=fmt), title="T", terminal=True)
        assert not any(c in shown for c in "\x1b\x9b\x7f\x07"), fmt
        exact = render(data, OutputOptions(format=fmt), title="T", terminal=False)
        assert "\x9b" in exact or fmt in ("yaml", "yaml-stream")
    assert json.loads(render(data, OutputOptions(format="json"), terminal=True)) == data


class _Shows(App[None]):
    def compose(self) -> ComposeResult:
        yield Static(f"desc {DESCRIPTION} [b]not markup[/b]", markup=False)


async def test_the_wizard_never_draws_a_control_character() -> None:
    from smtui.app import SmtuiApp

    assert any(isinstance(f, ControlCharFilter) for f in SmtuiApp()._filters)
    app = _Shows()
    install(app)
    async with app.run_test(size=(80, 4)) as pilot:
        await pilot.pause()
        buf = io.StringIO()
        Console(file=buf, force_terminal=True, width=80, color_system="truecolor").print(
            app.screen._compositor.render_update(full=True)
        )
    drawn = buf.getvalue()
    assert "]52;c;UFdORUQ=" in drawn and "\x1b]52" not in drawn and "\x9b" not in drawn
    assert "[b]not markup[/b]" in drawn
