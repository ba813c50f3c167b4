"""`smtui.output` loads its modules when a name is first used, and its names stay what they were.

Why: the wizard's start-up needs `smtui.output.options` alone; the formatters, json, base64 and datetime would load
before its first frame for nothing (docs/performance.md, (d)). Each check runs in a fresh interpreter, where
`sys.modules` says what an import really loaded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

_HEAVY = ("smtui.output.render", "smtui.output.jsonable", "smtui.output.query", "json", "base64", "datetime")


def _run(code: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env, timeout=60
    ).stdout.strip()


def test_the_options_load_no_formatter() -> None:
    loaded = json.loads(
        _run("import sys\nimport smtui.output.options\nprint(__import__('json').dumps(sorted(sys.modules)))")
    )
    # json itself is imported by the printing line above, after the check's import: only the rest counts
    assert [m for m in _HEAVY if m in loaded and m != "json"] == []


@pytest.mark.parametrize(
    "first",
    ["", "import smtui.output.render\n", "from smtui.output.render import render_each\n", "import smtui.output\n"],
)
def test_the_package_names_are_the_functions_whatever_loaded_first(first: str) -> None:
    code = (
        first + "import smtui.output as o\n"
        "from smtui.output import render, render_each, render_pages, to_jsonable, apply_query, OutputOptions\n"
        "import smtui.output.render as r, smtui.output.query as q\n"
        "print(all(callable(f) and not isinstance(f, type(o)) for f in "
        "(render, render_each, render_pages, to_jsonable, apply_query, o.render, r)),"
        " render is o.render is r, OutputOptions.__module__, q.__name__)"
    )
    assert _run(code) == "True True smtui.output.options smtui.output.query"


def test_an_unknown_name_is_an_attribute_error() -> None:
    assert _run("import smtui.output as o\ntry:\n    o.nothing\nexcept AttributeError as e:\n    print(e)") == (
        "module 'smtui.output' has no attribute 'nothing'"
    )
