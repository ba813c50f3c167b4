"""Run the real `python -m smtui` command line against a local store, for the local-store suite.

Why a real process: the faults these tests look for (POSIX locks that belong to a process, a traceback printed
by the interpreter, an exit code) exist only between real processes.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import smtui_env

REPO = Path(__file__).resolve().parents[2]


def cli_env() -> dict[str, str]:
    """`smtui_env()` with the replicas' real settle delay (a test's SMTUI_LOCAL_REPLICA_DELAY is for its fake clock)."""
    env = smtui_env()
    env.pop("SMTUI_LOCAL_REPLICA_DELAY", None)
    return env


def smtui(
    store: Path,
    key_file: Path,
    *args: str,
    stdin: bytes | None = None,
    timeout: float = 120,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """`python -m smtui ARGS --backend local --store STORE --key-file KEY_FILE`, output as text; `env` adds to
    the environment."""
    command = [sys.executable, "-m", "smtui", *args, "--backend", "local", "--store", str(store)]
    command += ["--key-file", str(key_file), "--region", "us-east-1"]
    done = subprocess.run(
        command,
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        env={**cli_env(), **(env or {})},
        cwd=REPO,
        timeout=timeout,
        check=False,
    )
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode(errors="replace"), done.stderr.decode(errors="replace")
    )
