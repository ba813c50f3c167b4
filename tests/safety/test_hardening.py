"""`harden_process()`: no core file and not dumpable, checked from inside a fresh process (the limits are
per process, so a subprocess keeps the test runner itself untouched)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.safety.conftest import smtui_env
from tests.waiting import wait_for

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
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=smtui_env(), check=True, timeout=30
    )
    got = json.loads(out.stdout)
    assert got == {"first": [True, True], "second": [True, True], "core": [0, 0], "dumpable": 0}


def test_harden_process_survives_a_fixed_hard_limit() -> None:
    """A hard core limit already at 0 (a locked-down account) is not an error."""
    probe = (
        "import resource; resource.setrlimit(resource.RLIMIT_CORE, (0, 0));"
        "from smtui.hardening import harden_process; print(harden_process().core_limit_zero)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=smtui_env(), check=True, timeout=30
    )
    assert out.stdout.strip() == "True"


def test_smtui_is_hardened_before_it_reads_the_value(other_user_dir: tuple[Path, list[str], int]) -> None:
    """The real `smtui create-secret`, waiting for its value on stdin: its core-file limit is 0 and it is not
    dumpable (the kernel then gives its /proc entries to root: seen from a process run as `nobody`)."""
    base, prefix, uid = other_user_dir
    store = base / "store"
    store.mkdir()
    os.chown(store, uid, uid)
    args = [
        "create-secret",
        "--backend",
        "local",
        "--store",
        str(store / "s.db"),
        "--key-file",
        str(store / "k"),
        "--name",
        "hardened",
        "--secret-string",
        "-",
    ]
    proc = subprocess.Popen(
        [*prefix, sys.executable, "-m", "smtui", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=smtui_env(),
    )
    try:
        limits = Path(f"/proc/{proc.pid}/limits")

        def no_core() -> bool:
            core = next(line for line in limits.read_text().splitlines() if line.startswith("Max core file size"))
            return core.split()[4:6] == ["0", "0"]

        wait_for(no_core, "a core-size limit of 0", budget=30, process=proc, detail=limits.read_text)
        # run as nobody: a dumpable process's /proc files belong to nobody, a non-dumpable one's to root
        # (the limit is set a moment before prctl: poll)
        if prefix:
            environ = f"/proc/{proc.pid}/environ"
            wait_for(lambda: os.stat(environ).st_uid == 0, "smtui to be non-dumpable", budget=30, process=proc)
        _out, err = proc.communicate(b"hardened-value", timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err
