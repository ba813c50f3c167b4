"""The core stays headless: `smtui.model`, `smtui.backends`, `smtui.output` and the non-interactive CLI never
import Textual, and the model never imports botocore or boto3.

Why a subprocess per module: inside the test process Textual is already imported by other tests, so
`sys.modules` says nothing there. A fresh interpreter that imports exactly one module shows everything that module
pulls in, function-level imports made at import time included. Imports made later inside functions are checked
by running the real non-interactive commands (`--version`, a create-secret refused before the network).
"""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys

import pytest

import smtui

#: Modules that make up the front end; everything else in the package must import without Textual.
_UI_PACKAGES = ("smtui.app", "smtui.screens", "smtui.widgets")
#: The one CLI module that opens the wizard (it imports Textual only when the wizard really starts).
_WIZARD_ENTRY = "smtui.cli.wizard"


def _all_modules() -> list[str]:
    names = ["smtui"]
    for info in pkgutil.walk_packages(smtui.__path__, prefix="smtui."):
        names.append(info.name)
    return sorted(names)


def _headless_modules() -> list[str]:
    return [m for m in _all_modules() if not m.startswith(_UI_PACKAGES)]


def _modules_after_import(module: str) -> set[str]:
    code = f"import importlib, json, sys; importlib.import_module({module!r}); print(json.dumps(sorted(sys.modules)))"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env, timeout=60
    ).stdout
    return set(json.loads(out))


def _top(names: set[str]) -> set[str]:
    return {n.split(".")[0] for n in names}


@pytest.mark.parametrize("module", _headless_modules())
def test_headless_module_imports_no_textual(module: str) -> None:
    loaded = _top(_modules_after_import(module))
    assert "textual" not in loaded, f"{module} imports Textual: the core and the non-interactive CLI must not"
    assert "rich" not in loaded or module == _WIZARD_ENTRY, f"{module} imports Rich (Textual's renderer)"


@pytest.mark.parametrize("module", [m for m in _all_modules() if m.startswith("smtui.model")])
def test_model_imports_no_aws_sdk(module: str) -> None:
    loaded = _top(_modules_after_import(module))
    assert not loaded & {"botocore", "boto3", "textual"}, f"{module} must stay free of the AWS SDK and the UI"


def test_non_interactive_commands_import_no_textual() -> None:
    """The real entry point for a non-interactive command, run to its end, never loads Textual."""
    code = (
        "import sys, json\n"
        "from smtui.cli import main\n"
        "try:\n"
        "    main(['create-secret', '--name', 'a b', '--secret-string', 'file:///nonexistent'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL
    )
    last = proc.stderr.strip().splitlines()[-1]
    loaded = _top(set(json.loads(last)))
    assert "textual" not in loaded


def test_plain_mode_is_headless() -> None:
    """Plain mode (smtui.plain) is a front end without Textual: every one of its modules is checked above, and
    the whole flow, imported together, loads neither Textual nor Rich."""
    plain = [m for m in _all_modules() if m == "smtui.plain" or m.startswith("smtui.plain.")]
    assert {"smtui.plain", "smtui.plain.flow", "smtui.plain.value"} <= set(plain)
    assert set(plain) <= set(_headless_modules())
    loaded = _top(_modules_after_import("smtui.plain.flow") | _modules_after_import("smtui.plain.value"))
    assert not loaded & {"textual", "rich"}
