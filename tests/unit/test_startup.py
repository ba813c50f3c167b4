"""The start-up seam: one GC policy, applied in one place, and nowhere else in smtui."""

from __future__ import annotations

import gc
import os
import re
import subprocess
import sys
from pathlib import Path

import smtui
from smtui.startup.gc_policy import gc_policy

_GC_CALL = re.compile(r"\bgc\.(disable|enable|freeze|unfreeze|collect)\(")

# The moments in order, as a wizard process goes through them; after each, the collector's state.
_WIZARD_PROCESS = """
import gc, json
from smtui.startup.gc_policy import gc_policy
seen = []
gc_policy("process-start"); seen.append((gc.isenabled(), gc.get_freeze_count() > 0))
gc_policy("first-frame"); seen.append((gc.isenabled(), gc.get_freeze_count() > 0))
gc_policy("process-end"); seen.append((gc.isenabled(), gc.get_freeze_count() > 0))
print(json.dumps(seen))
"""


def test_gc_policy_off_until_the_first_frame_then_on_with_the_start_up_frozen() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONPATH"] = str(Path(smtui.__file__).resolve().parents[1])
    out = subprocess.run(
        [sys.executable, "-c", _WIZARD_PROCESS], capture_output=True, text=True, check=True, env=env, timeout=60
    ).stdout
    assert out.strip() == "[[false, false], [true, true], [true, true]]"


def test_gc_policy_leaves_a_collector_that_is_on_alone() -> None:
    """A test process (or any caller) that runs the wizard in-process keeps its collector running, unfrozen."""
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    gc_policy("first-frame")
    gc_policy("process-end")
    assert gc.isenabled() and gc.get_freeze_count() == frozen


def test_the_gc_is_switched_only_by_the_start_up_module() -> None:
    package = Path(smtui.__file__).resolve().parent
    callers = sorted(
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if _GC_CALL.search(path.read_text(encoding="utf-8"))
    )
    assert callers == ["startup/gc_policy.py"]
