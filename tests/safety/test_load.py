"""Load: several processes creating overlapping names on ONE local store at the same time.

Each name is attempted by every worker; exactly one may win, the others must get ResourceExistsException, no
one may see "database is locked" or any other error, every winner's value reads back bit-exact, and SQLite's
integrity_check is ok afterwards. The figures (creates/s, p50/p95 latency) are printed in the summary.
The default suite runs 4 x 60; `--run-slow` runs 4 x 250.
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.safety.conftest import smtui_env

WORKER = Path(__file__).with_name("load_worker.py")


def _run_load(tmp_path: Path, workers: int, per_worker: int) -> dict[str, Any]:
    store, key_file = tmp_path / "store.db", tmp_path / "store.key"
    names = [f"load/{i:04d}" for i in range(per_worker)]
    # create the store and its key once, so the workers race on secrets and not on initialisation
    from smtui.backends import open_backend
    from smtui.settings import TargetSettings

    open_backend(TargetSettings(backend="local", store=store, key_file=key_file)).close()
    cmd = [sys.executable, str(WORKER), str(store), str(key_file)]
    procs = [
        subprocess.Popen(
            [*cmd, str(w), str(w), *names],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=smtui_env(),
            text=True,
        )
        for w in range(workers)
    ]
    for p in procs:
        assert p.stdout is not None and p.stdout.readline().strip() == "ready"
    start = time.perf_counter()
    for p in procs:
        assert p.stdin is not None
        p.stdin.write("go\n")
        p.stdin.flush()
    results = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    elapsed = time.perf_counter() - start
    return {"store": store, "key_file": key_file, "names": names, "results": results, "elapsed": elapsed}


def _check_and_report(run: dict[str, Any], record_property: Any, label: str) -> None:
    from smtui.backends import open_backend
    from smtui.settings import TargetSettings

    results = run["results"]
    errors = [e for r in results for e in r["errors"]]
    assert errors == [], errors[:5]
    assert not any("locked" in e.lower() for e in errors)
    winners: dict[str, list[str]] = {}
    for r in results:
        for name, value in r["won"].items():
            winners.setdefault(name, []).append(value)
    assert sorted(winners) == run["names"], "every name must be created once"
    assert all(len(v) == 1 for v in winners.values()), {k: len(v) for k, v in winners.items() if len(v) > 1}
    attempts = sum(len(r["latencies"]) for r in results)
    assert sum(r["lost"] for r in results) == attempts - len(run["names"])

    backend = open_backend(TargetSettings(backend="local", store=run["store"], key_file=run["key_file"]))
    try:
        for name, (expected,) in winners.items():
            got = backend.get_secret_value(name)
            if expected.startswith("b:"):
                assert got.SecretBinary is not None
                assert got.SecretBinary.get_secret_value().hex() == expected[2:], name
            else:
                assert got.SecretString is not None
                assert got.SecretString.get_secret_value().encode().hex() == expected[2:], name
    finally:
        backend.close()
    with sqlite3.connect(run["store"]) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    def pct(values: list[float]) -> str:
        ordered = sorted(values)
        return (
            f"p50 {statistics.median(ordered) * 1000:.1f} ms, "
            f"p95 {ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000:.1f} ms"
        )

    rate = attempts / run["elapsed"]
    figure = (
        f"load {label}: {len(results)} processes x {len(run['names'])} creates on one store, "
        f"{attempts} attempts in {run['elapsed']:.1f} s = {rate:.0f} attempts/s, "
        f"{len(run['names'])} names created once each; successful creates "
        f"{pct([x for r in results for x in r['won_latencies']])}, all attempts "
        f"{pct([x for r in results for x in r['latencies']])}; errors 0, integrity ok"
    )
    record_property("safety-figure", figure)
    print(figure)


def test_load_fast_subset(tmp_path: Path, record_property: Any) -> None:
    _check_and_report(_run_load(tmp_path, 4, 60), record_property, "fast")


@pytest.mark.slow
def test_load_full(tmp_path: Path, record_property: Any) -> None:
    _check_and_report(_run_load(tmp_path, 4, 250), record_property, "full")
