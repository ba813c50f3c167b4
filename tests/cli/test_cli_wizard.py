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


def test_the_wizards_options_are_parsed_without_the_command_families(tmp_path: Path) -> None:
    """`smtui --backend local ...` (the wizard, no command named) builds only the root parser: importing every
    command family to build the whole tree costs more than the wizard's start-up budget (docs/performance.md,
    (d)). The wizard refuses here (standard input is no terminal) only after its options were parsed."""
    from smtui.cli.registry import FAMILIES

    code = (
        "import json, sys\n"
        "from smtui.cli import main\n"
        f"code = main(['--backend', 'local', '--store', {str(tmp_path / 's.db')!r}, '--name', 'n', '--tags',"
        " 'Key=a,Value=b', '--output', 'yaml'])\n"
        "print(json.dumps([code, sorted(sys.modules)]))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60, stdin=subprocess.DEVNULL
    )
    exit_code, loaded = json.loads(proc.stdout)
    assert exit_code == 252 and "needs a terminal" in proc.stderr
    assert [family for family in FAMILIES[1:] if family in loaded] == []
    assert FAMILIES[0] == "smtui.cli.create"  # create-secret's options prefill the wizard: that family is needed


@pytest.mark.parametrize(
    "argv",
    [
        ["--backend", "local", "--store", "s.db", "--key-file", "k"],
        ["--name", "n", "--tags", "Key=a,Value=b", "Key=c,Value=d", "--add-replica-regions", "Region=eu-west-1"],
        ["--output=yaml", "--query", "ARN", "--no-verify-ssl", "--region", "eu-west-1"],
        ["--tags", "Key=a,Value=b", "list-secrets"],  # argparse reads the word as a tag: still the wizard
        ["--version"],
    ],
)
def test_the_root_parser_reads_the_wizards_options_as_the_whole_tree_does(argv: list[str]) -> None:
    from smtui.cli.parser import build_parser

    root_only = build_parser(argv)
    assert root_only.commands == {"": root_only}  # type: ignore[attr-defined]
    assert vars(root_only.parse_args(argv)) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize(
    "argv",
    [["describe-secret", "--secret-id", "x"], ["--backend", "local", "list-secrets"], ["-h"], ["--bogus"], ["kms"]],
)
def test_a_word_in_a_commands_place_builds_the_whole_tree(argv: list[str]) -> None:
    from smtui.cli.parser import build_parser

    assert "describe-secret" in build_parser(argv).commands  # type: ignore[attr-defined]
