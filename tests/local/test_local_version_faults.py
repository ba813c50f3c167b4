"""Faults around put-secret-value on the local store, with real separate processes (tests/local/put_worker.py):

- `kill -9` while a process puts values one after another: afterwards the store is intact, every version a
  process reported (its call had returned) is there, and the labels are never half-moved — exactly one
  AWSCURRENT, on the newest version, AWSPREVIOUS on the one before, every older one deprecated — and every
  version decrypts to its own value;
- several processes putting on one secret at once: each either creates its version or fails cleanly, and
  AWSCURRENT ends on one of that round's versions.

No fixed sleeps: a kill is sent once the worker has reported a chosen number of puts (it is then in the middle
of the next one), and every wait reads the worker's output.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from smtui.backends.local import LocalBackend
from smtui.model import CreateSecretRequest
from smtui.settings import TargetSettings
from tests.local.put_worker import value_for

REPO = Path(__file__).resolve().parents[2]
WORKER = Path(__file__).with_name("put_worker.py")


def _backend(store: Path, key_file: Path) -> LocalBackend:
    return LocalBackend(TargetSettings(backend="local", store=store, key_file=key_file))


def _create(store: Path, key_file: Path, name: str) -> str:
    backend = _backend(store, key_file)
    try:
        token = str(uuid.uuid4())
        data = {"Name": name, "ClientRequestToken": token, "SecretString": value_for(token)}
        backend.create_secret(CreateSecretRequest.model_validate(data))
    finally:
        backend.close()
    return token


def _start(store: Path, key_file: Path, mode: str, name: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k != "SMTUI_LOCAL_REPLICA_DELAY"}
    proc = subprocess.Popen(
        [sys.executable, str(WORKER), str(store), str(key_file), mode, name],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=REPO,
    )
    assert _line(proc) == "ready"
    return proc


def _line(proc: subprocess.Popen[str]) -> str:
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line:
        raise AssertionError(proc.stderr.read() if proc.stderr else "worker died")
    return line.strip()


def _stop(proc: subprocess.Popen[str]) -> None:
    if proc.stdin:
        proc.stdin.close()
    try:
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _check_secret(backend: LocalBackend, name: str, reported: list[str]) -> list[str]:
    """The labels are whole (one AWSCURRENT on the newest version, AWSPREVIOUS on the one before, the rest
    deprecated), every reported version is there, every version decrypts to its value. Returns the VersionIds,
    oldest first."""
    versions = backend.list_secret_version_ids(name, include_deprecated=True).Versions
    ids = [v.VersionId for v in versions]
    assert set(reported) <= set(ids), "a version reported as made is missing"
    stages = [v.VersionStages or [] for v in versions]
    assert stages[-1] == ["AWSCURRENT"], stages
    if len(versions) > 1:
        assert stages[-2] == ["AWSPREVIOUS"], stages
    assert all(s == [] for s in stages[:-2]), stages
    for vid in ids:
        got = backend.get_secret_value(name, version_id=vid)
        assert got.SecretString == SecretStr(value_for(vid))
    return ids


def _integrity_ok(store: Path) -> None:
    with sqlite3.connect(store) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _kill_puts(tmp_path: Path, rounds: int, seed: int) -> dict[str, Any]:
    store, key_file = tmp_path / "s.db", tmp_path / "keys.json"
    rng = random.Random(seed)
    reported: dict[str, list[str]] = {}
    after_kill = 0
    for i in range(rounds):
        name = f"kill/{i:02d}"
        reported[name] = [_create(store, key_file, name)]
        proc = _start(store, key_file, "loop", name)
        try:
            for _ in range(rng.randint(1, 6)):  # then it is in the middle of the next put
                out = json.loads(_line(proc))
                assert "ok" in out, out
                reported[name].append(out["ok"])
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
            assert proc.returncode == -signal.SIGKILL
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    _integrity_ok(store)
    backend = _backend(store, key_file)
    try:
        for name, ids in reported.items():
            found = _check_secret(backend, name, ids)
            after_kill += len(found) - len(ids)  # the put in flight when the kill came, if it committed
    finally:
        backend.close()
    return {"puts": sum(len(v) - 1 for v in reported.values()), "in_flight_committed": after_kill}


def test_kill9_during_put_secret_value(tmp_path: Path, record_property: Any) -> None:
    got = _kill_puts(tmp_path, rounds=6, seed=9)
    record_property("safety-figure", f"kill -9 during put-secret-value: 6 kills, {got}")


@pytest.mark.slow
def test_kill9_during_put_secret_value_long(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    if not request.config.getoption("--run-slow", default=False):
        pytest.skip("slow: run with --run-slow (make test-slow)")
    _kill_puts(tmp_path, rounds=40, seed=40)


def test_concurrent_puts_on_one_secret(tmp_path: Path) -> None:
    store, key_file = tmp_path / "s.db", tmp_path / "keys.json"
    first = _create(store, key_file, "race/app")
    procs = [_start(store, key_file, "serve", "race/app") for _ in range(3)]
    made: list[str] = [first]
    try:
        for _round in range(5):
            for p in procs:  # released together
                assert p.stdin is not None
                p.stdin.write("put\n")
                p.stdin.flush()
            results = [json.loads(_line(p)) for p in procs]
            ok = [r["ok"] for r in results if "ok" in r]
            failed = [r for r in results if "ok" not in r]
            assert all(r["exit"] in (253, 254) and r["code"] for r in failed), failed  # a clean failure
            assert ok, results
            made += ok
            backend = _backend(store, key_file)
            try:
                ids = _check_secret(backend, "race/app", made)
                labels = backend.describe_secret("race/app").VersionIdsToStages or {}
            finally:
                backend.close()
            current = [v for v, s in labels.items() if "AWSCURRENT" in s]
            assert len(current) == 1 and current[0] in ok, (labels, ok)
            assert set(ids) == set(made)
    finally:
        for p in procs:
            _stop(p)
    _integrity_ok(store)
