"""`harden_process()`: no core file and not dumpable, checked from inside a fresh process (the limits are
per process, so a subprocess keeps the test runner itself untouched)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.safety.conftest import smtui_env

PROBE = """
import ctypes, json, resource
from smtui.hardening import harden_process
first = harden_process()
second = harden_process()
libc = ctypes.CDLL(None)
print(json.dumps({"first": [first.core_limit_zero, first.not_dumpable],
                  "second": [second.core_limit_zero, second.not_dumpable],
                  "core": list(resource.getrlimit(resource.RLIMIT_CORE)),
                  "dumpable": libc.prctl(3, 0, 0, 0, 0)}))
"""


def test_harden_process_disables_core_dumps_and_is_idempotent() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=smtui_env(),
                         check=True, timeout=30)
    got = json.loads(out.stdout)
    assert got == {"first": [True, True], "second": [True, True], "core": [0, 0], "dumpable": 0}


def test_harden_process_survives_a_fixed_hard_limit() -> None:
    """A hard core limit already at 0 (a locked-down account) is not an error."""
    probe = ("import resource; resource.setrlimit(resource.RLIMIT_CORE, (0, 0));"
             "from smtui.hardening import harden_process; print(harden_process().core_limit_zero)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=smtui_env(),
                         check=True, timeout=30)
    assert out.stdout.strip() == "True"
