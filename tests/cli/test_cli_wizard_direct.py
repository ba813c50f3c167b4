"""`smtui --backend local --store S --key-file K` reaches the wizard without the command-line parser, with the
settings the parser would give (smtui.startup.wizard.direct_target; docs/performance.md, (d)).

The parity test reads each argv both ways: the direct reading, and the parser's Namespace turned into settings by
smtui.cli.context.Context, as the command line does. Everything the direct reading does not take is left to the
parser (None), which reports it as it always has.
"""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from smtui.cli.context import Context
from smtui.cli.parser import build_parser
from smtui.startup.wizard import direct_target

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--backend", "local", "--store", "s.db", "--key-file", "k"],
        ["--backend=aws", "--profile", "dev", "--region", "eu-west-1"],
        ["--store", "~/x.db", "--key-file=~/k"],  # ~ expanded, as the parser's path
        ["--store=", "--key-file", "k"],  # an empty path: no path
        ["--region", "eu-west-1", "--region=us-east-2"],  # the last one wins
        ["--store=-odd-name.db"],  # after `=`, a value may start with "-"
        ["--profile", "a b", "--store", "with space.db"],
    ],
)
def test_the_direct_reading_gives_the_parsers_settings(argv: list[str]) -> None:
    parsed = Context.from_namespace(build_parser(argv).parse_args(argv)).target
    assert direct_target(argv) == parsed


@pytest.mark.parametrize(
    "argv",
    [
        ["--backend", "bogus"],  # not a backend kind: the parser says so
        ["--backend="],
        ["--store"],  # no value
        ["--store", "--key-file", "k"],  # a value that looks like an option
        ["--store", "-"],
        ["--name", "n"],  # create-secret's options prefill the wizard: the parser reads them
        ["--output", "yaml"],
        ["--debug"],
        ["--no-verify-ssl"],
        ["--endpoint-url", "http://localhost:1"],
        ["--sto", "s.db"],  # no abbreviations, as the parser
        ["--store", "s.db", "list-secrets"],
        ["list-secrets"],
        ["--version"],
        ["-h"],
        ["--"],
        ["--secret-string", "file://v"],
    ],
)
def test_anything_else_is_left_to_the_parser(argv: list[str]) -> None:
    assert direct_target(argv) is None


# The entry point with a terminal on standard input, the wizard replaced by a recorder of what it was given and of
# the modules loaded by then.
_RECORDER = """
import json, sys
import smtui.startup.wizard

def start_wizard(settings, prefill, output):
    print(json.dumps({"settings": repr(settings), "prefill": prefill, "output": repr(output),
                      "modules": sorted(sys.modules)}))
    return 0

smtui.startup.wizard.start_wizard = start_wizard
from smtui.__main__ import main
sys.argv = ["smtui", *sys.argv[1:]]
sys.exit(main())
"""


def _run(args: list[str], tmp_path: Path) -> tuple[int, dict[str, object]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "SMTUI_", "AWS_"))}
    env["PYTHONPATH"] = str(ROOT)
    primary, secondary = pty.openpty()
    try:
        proc = subprocess.run(
            [sys.executable, "-c", _RECORDER, *args],
            stdin=secondary,
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            cwd=tmp_path,
        )
    finally:
        os.close(secondary)
        os.close(primary)
    return proc.returncode, json.loads(proc.stdout)


def test_the_wizard_with_target_options_loads_no_parser(tmp_path: Path) -> None:
    args = ["--backend", "local", "--store", str(tmp_path / "s.db"), "--key-file", str(tmp_path / "k")]
    code, seen = _run(args, tmp_path)
    assert code == 0
    modules = set(seen["modules"])  # type: ignore[call-overload]
    assert not modules & {"argparse", "gettext", "smtui.cli", "smtui.cli.parser"}
    expected = direct_target(args)
    assert seen["settings"] == repr(expected) and seen["prefill"] == {}
    assert seen["output"] == "OutputOptions(format='json', query=None, color='auto')"


def test_the_wizard_with_other_options_goes_through_the_parser(tmp_path: Path) -> None:
    code, seen = _run(["--backend", "local", "--name", "n"], tmp_path)
    assert code == 0
    assert "smtui.cli.parser" in seen["modules"]  # type: ignore[operator]
    assert seen["prefill"] == {"Name": "n"}
