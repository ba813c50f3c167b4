"""kill -9 of the real `smtui put-secret-value` process at random moments of its run (start-up, reading the value,
validating, opening the store, encrypting, moving the labels, committing, printing), one process after another
on one secret of the local store. Afterwards: the store is intact; every version holds exactly one of the values
sent (each at most once); the labels are whole — one AWSCURRENT on the newest version, AWSPREVIOUS on the one
before, every older version deprecated; and every process that exited 0 has its version there with its value.

The kill is aimed at a random point of a calibrated run (as the create faults in test_faults_local.py do);
nothing waits for a fixed time.
"""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import pytest

from tests.safety.conftest import run_smtui, smtui_env


def _local(store: Path, key_file: Path) -> list[str]:
    return ["--backend", "local", "--store", str(store), "--key-file", str(key_file)]


def _start_put(store: Path, key_file: Path, value: str) -> subprocess.Popen[bytes]:
    args = ["put-secret-value", *_local(store, key_file), "--secret-id", "kill/app", "--secret-string", "-"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "smtui", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=smtui_env(),
    )
    assert proc.stdin is not None
    proc.stdin.write(value.encode())
    proc.stdin.close()
    return proc


def _finish(proc: subprocess.Popen[bytes]) -> tuple[int, bytes]:
    """Exit code and stdout (both pipes are small: one JSON answer, one error)."""
    proc.wait(timeout=60)
    assert proc.stdout is not None and proc.stderr is not None
    out = proc.stdout.read()
    proc.stdout.close()
    proc.stderr.close()
    return proc.returncode, out


def _check(store: Path, key_file: Path, sent: set[str], reported: dict[str, str]) -> int:
    """The checks of the module docstring; returns how many versions the secret has."""
    from smtui.backends import open_backend
    from smtui.settings import TargetSettings

    with sqlite3.connect(store) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    backend = open_backend(TargetSettings(backend="local", store=store, key_file=key_file))
    try:
        versions = backend.list_secret_version_ids("kill/app", include_deprecated=True).Versions
        stages = [v.VersionStages or [] for v in versions]
        assert stages[-1] == ["AWSCURRENT"] and stages[-2] == ["AWSPREVIOUS"], stages
        assert all(s == [] for s in stages[:-2]), stages
        values: list[str] = []
        for v in versions:
            got = backend.get_secret_value("kill/app", version_id=v.VersionId).SecretString
            assert got is not None
            values.append(got.get_secret_value())
        assert set(values) <= sent and len(values) == len(set(values)), "a value that was not sent, or twice"
        by_id = dict(zip([v.VersionId for v in versions], values, strict=True))
        for vid, value in reported.items():
            assert by_id.get(vid) == value, "a put reported as done is missing or holds another value"
    finally:
        backend.close()
    return len(versions)


def _kill_puts(tmp_path: Path, count: int, seed: int) -> dict[str, Any]:
    store, key_file = tmp_path / "s.db", tmp_path / "k.json"
    first = run_smtui(
        ["create-secret", *_local(store, key_file), "--name", "kill/app", "--secret-string", "-"], input=b"value-0"
    )
    assert first.returncode == 0, first.stderr
    sent = {"value-0"}
    reported: dict[str, str] = {}
    start = time.monotonic()
    code, out = _finish(_start_put(store, key_file, "value-calibrate"))  # how long one whole run takes
    window = time.monotonic() - start
    assert code == 0
    sent.add("value-calibrate")
    reported[json.loads(out)["VersionId"]] = "value-calibrate"
    rng = random.Random(seed)
    codes: list[int] = []
    for i in range(count):
        value = f"value-{i}-{uuid.uuid4().hex}"
        sent.add(value)
        started = time.monotonic()
        proc = _start_put(store, key_file, value)
        aim = started + rng.uniform(0.3, 1.1) * window  # start-up is most of a run; aim past it, into the put
        time.sleep(max(0.0, aim - time.monotonic()))
        proc.send_signal(signal.SIGKILL)
        code, out = _finish(proc)
        codes.append(code)
        if code == 0:
            reported[json.loads(out)["VersionId"]] = value
    assert set(codes) <= {0, -signal.SIGKILL}, codes
    versions = _check(store, key_file, sent, reported)
    return {"killed": codes.count(-signal.SIGKILL), "finished": codes.count(0), "versions": versions, "run_s": window}


def test_kill9_during_put_secret_value_cli(tmp_path: Path, record_property: Any) -> None:
    got = _kill_puts(tmp_path, 8, seed=8)
    figure = (
        f"kill -9 of smtui put-secret-value: 8 runs killed at random moments (a run takes {got['run_s']:.2f} s), "
        f"{got['killed']} died, {got['finished']} finished; afterwards {got['versions']} versions, labels whole, "
        "every value intact, integrity ok"
    )
    record_property("safety-figure", figure)
    print(figure)


@pytest.mark.slow
def test_kill9_during_put_secret_value_cli_full(tmp_path: Path) -> None:
    _kill_puts(tmp_path, 40, seed=40)
