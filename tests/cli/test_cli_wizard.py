"""`smtui` with no command hands create-secret's options (never a value) to the wizard, in-process.

The wizard itself is replaced by a recorder here (a mock, because running Textual needs a terminal; the
wizard's own suites drive it for real under Pilot and tmux).
"""

from __future__ import annotations

import contextlib
import json
import os
import pty
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import smtui.app
import smtui.cli.wizard
import smtui.startup.terminal
from smtui.cli import main
from smtui.output import OutputOptions
from smtui.settings import TargetSettings


def test_wizard_gets_the_prefill_settings_and_output(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    seen: dict[str, Any] = {}

    def fake_run_wizard(settings: TargetSettings, prefill: dict[str, Any], output: OutputOptions) -> int:
        seen.update(settings=settings, prefill=prefill, output=output)
        return 0

    monkeypatch.setattr(smtui.app, "run_wizard", fake_run_wizard)
    assert main(["--name", "x"]) == 252 and not seen  # no terminal on stdin: no wizard
    monkeypatch.setattr(smtui.cli.wizard, "_stdin_is_terminal", lambda: True)
    # no real terminal to draw on here (the fake run_wizard draws nothing): tests/e2e/test_redirected.py has one
    monkeypatch.setattr(smtui.startup.terminal, "wizard_terminal", contextlib.nullcontext)
    doc = tmp_path / "doc.json"
    doc.write_text(json.dumps({"Name": "from/doc", "Description": "doc", "KmsKeyId": ""}))
    code = main(
        [
            "--cli-input-json",
            f"file://{doc}",
            "--name",
            "pre/x",
            "--tags",
            "Key=a,Value=b",
            "--add-replica-regions",
            "Region=eu-west-1",
            "--backend",
            "local",
            "--store",
            str(tmp_path / "s.db"),
            "--output",
            "yaml",
            "--query",
            "ARN",
        ]
    )
    assert code == 0
    assert seen["prefill"] == {
        "Name": "pre/x",
        "Description": "doc",
        "Tags": [{"Key": "a", "Value": "b"}],
        "AddReplicaRegions": [{"Region": "eu-west-1"}],
    }
    assert seen["settings"].backend == "local" and seen["settings"].store == tmp_path / "s.db"
    assert seen["output"] == OutputOptions(format="yaml", query="ARN", color="auto")


# A process in which Textual cannot be imported (as after a broken or partial install), then smtui's own entry.
_NO_TEXTUAL = """
import importlib.abc, sys

class NoTextual(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "textual" or name.startswith("textual."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, NoTextual())
from smtui.__main__ import main
sys.argv = ["smtui", *sys.argv[1:]]
sys.exit(main())
"""


@pytest.mark.parametrize("with_options", [False, True], ids=["plain", "with-options"])
def test_broken_wizard_install_fails_loudly(tmp_path: Path, with_options: bool) -> None:
    """Without Textual the wizard cannot start: exit 255 and words naming the module, never the usage and 0.

    Standard input is a real pseudo-terminal (the wizard refuses to start without one, before importing it)."""
    args = ["--backend", "local", "--store", str(tmp_path / "s.db"), "--key-file", str(tmp_path / "k")]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    primary, secondary = pty.openpty()
    try:
        proc = subprocess.run(
            [sys.executable, "-c", _NO_TEXTUAL, *(args if with_options else [])],
            stdin=secondary,
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
    finally:
        os.close(secondary)
        os.close(primary)
    assert proc.returncode == 255, proc.stderr
    assert "the wizard cannot start" in proc.stderr and "'textual'" in proc.stderr
    assert "usage:" not in proc.stderr and proc.stdout == ""
    assert not (tmp_path / "s.db").exists()  # nothing opened
