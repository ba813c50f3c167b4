"""The output package sits below the command line and the wizard: both print through it, it imports neither.

Why a fresh interpreter per module: inside the test process the CLI and the wizard are already imported by
other tests, so `sys.modules` says nothing there. A module's render path imports its formatters lazily, so
the check also renders every format once in that interpreter.
"""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys

import pytest

import smtui.output
from smtui.output import OutputOptions, render, render_each

#: What the output package must never load: the layers above it and the UI toolkit.
_ABOVE = ("smtui.cli", "smtui.app", "smtui.screens", "smtui.widgets", "textual", "rich")

_RENDER_EVERY_FORMAT = (
    "from smtui.output import OUTPUT_FORMATS, OutputOptions, render\n"
    "for fmt in OUTPUT_FORMATS:\n"
    "    for terminal in (True, False):\n"
    "        render({'Name': 'n\\x1b', 'Tags': [{'Key': 'k', 'Value': 'v'}]}, OutputOptions(format=fmt,"
    " query='@', color='on'), title='T', terminal=terminal)\n"
)


def _output_modules() -> list[str]:
    names = ["smtui.output"]
    names += [info.name for info in pkgutil.walk_packages(smtui.output.__path__, prefix="smtui.output.")]
    return sorted(names)


def _loaded_after(code: str) -> list[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    script = code + "import json, sys; print(json.dumps(sorted(sys.modules)))\n"
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env, timeout=60
    ).stdout
    return list(json.loads(out))


def _above(loaded: list[str]) -> list[str]:
    return [m for m in loaded if any(m == top or m.startswith(top + ".") for top in _ABOVE)]


@pytest.mark.parametrize("module", _output_modules())
def test_output_module_imports_no_higher_layer(module: str) -> None:
    assert _above(_loaded_after(f"import {module}\n")) == []


def test_rendering_every_format_imports_no_higher_layer() -> None:
    assert _above(_loaded_after(_RENDER_EVERY_FORMAT)) == []


def test_render_each_prints_one_document_per_response() -> None:
    docs = [{"ARN": "a1", "Name": "n1"}, {}, {"ARN": "a2", "Name": "n2"}]
    text = render_each(docs, OutputOptions(format="text"), title="CreateSecret")
    assert text == "a1\tn1\na2\tn2\n"
    joined = render_each(docs, OutputOptions(), title="CreateSecret")
    assert joined == render(docs[0], OutputOptions(), terminal=False) + render(docs[2], OutputOptions(), terminal=False)


def test_render_each_ends_every_document_with_a_line_break() -> None:
    text = render_each([{"Name": "n1"}, {"Name": "n2"}], OutputOptions(format="text", query="Name"), title="T")
    assert text == "n1\nn2\n"
