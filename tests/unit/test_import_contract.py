"""The core stays headless: `smtui.model`, `smtui.backends`, `smtui.output` and the non-interactive CLI never
import Textual, and the model never imports botocore or boto3.

Why a fresh interpreter: inside the test process Textual is already imported by other tests, so `sys.modules`
says nothing there. One interpreter imports the modules of a group one after another and records, for each, the
packages its import added (function-level imports made at import time included). That is as strict as one
interpreter per module: while every module imported so far is clean, what a module adds is exactly the part of
its own import closure not yet loaded, so the first module whose closure holds a forbidden package is the one
flagged (it would be flagged alone too), and no forbidden package is ever loaded when none does. The one module
allowed Rich (the wizard's entry) is imported last. Imports made later inside functions are checked by running
the real non-interactive commands (`--version`, a create-secret refused before the network).
"""

from __future__ import annotations

import functools
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
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=_env(), timeout=60
    ).stdout
    return set(json.loads(out))


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}


_SEQUENCE = """
import importlib, json, sys
added = {}
for name in json.loads(sys.stdin.read()):
    before = {m.split(".")[0] for m in sys.modules}
    importlib.import_module(name)
    added[name] = sorted({m.split(".")[0] for m in sys.modules} - before)
print(json.dumps(added))
"""


@functools.cache
def _added_by(modules: tuple[str, ...]) -> dict[str, set[str]]:
    """For each module, imported in this order in one fresh interpreter: the top-level packages it added."""
    out = subprocess.run(
        [sys.executable, "-c", _SEQUENCE],
        input=json.dumps(modules),
        capture_output=True,
        text=True,
        check=True,
        env=_env(),
        timeout=120,
    ).stdout
    return {name: set(tops) for name, tops in json.loads(out).items()}


def _top(names: set[str]) -> set[str]:
    return {n.split(".")[0] for n in names}


_HEADLESS = tuple(sorted(_headless_modules(), key=lambda m: m == _WIZARD_ENTRY))  # the wizard's entry last
_MODEL = tuple(m for m in _all_modules() if m.startswith("smtui.model"))


@pytest.mark.parametrize("module", _HEADLESS)
def test_headless_module_imports_no_textual(module: str) -> None:
    added = _added_by(_HEADLESS)[module]
    assert "textual" not in added, f"{module} imports Textual: the core and the non-interactive CLI must not"
    assert "rich" not in added or module == _WIZARD_ENTRY, f"{module} imports Rich (Textual's renderer)"


@pytest.mark.parametrize("module", _MODEL)
def test_model_imports_no_aws_sdk(module: str) -> None:
    added = _added_by(_MODEL)[module]
    assert not added & {"botocore", "boto3", "textual"}, f"{module} must stay free of the AWS SDK and the UI"


def test_the_sequence_catches_what_one_module_alone_would() -> None:
    """The one-interpreter check flags a module that imports a forbidden package, even after clean ones."""
    added = _added_by(("smtui.model.limits", "smtui.serve.auth", "smtui.model.request"))
    assert "botocore" in added["smtui.serve.auth"]  # the server's SigV4 check loads botocore on import: seen
    assert "botocore" not in added["smtui.model.limits"] | added["smtui.model.request"]


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
