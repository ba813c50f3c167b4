"""Benchmark (docs/performance.md, (a)): does a local create slow down as the store grows?

Measures, in one run, the median wall time of `LocalBackend.create_secret` when the store holds ~100 secrets and
again when it holds ~N (default 100,000), and prints their ratio (target ≤ 1.2). The store is filled through the
same public `create_secret` (no shortcut inserts), with the opt-in key file so the run needs no keyring.

Run: .venv/bin/python tests/bench/bench_local.py [--size 100000] [--samples 300]

`--synchronous` measures instead what `PRAGMA synchronous = FULL` (the store's setting) costs against NORMAL:
two stores in one folder (`--dir`, default a temporary folder: it must be on a real disk, not a tmpfs, where
fsync costs nothing), one per setting, creates and value reads interleaved with alternating order, medians and
their ratio.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from pydantic import SecretStr

from smtui.backends.local import LocalBackend
from smtui.model import CreateSecretRequest
from smtui.settings import TargetSettings

VALUE = SecretStr("bench-value-" + "x" * 64)


def request(name: str) -> CreateSecretRequest:
    return CreateSecretRequest(
        Name=name, ClientRequestToken=str(uuid.uuid4()), SecretString=VALUE, Tags=[{"Key": "bench", "Value": "yes"}]
    )  # type: ignore[list-item]


def fill(backend: LocalBackend, start: int, stop: int, report_every: int = 10_000) -> None:
    t0 = time.perf_counter()
    for i in range(start, stop):
        backend.create_secret(request(f"fill/secret-{i}"))
        if (i + 1) % report_every == 0:
            print(f"  filled {i + 1} secrets ({time.perf_counter() - t0:.0f} s)", flush=True)


def sample(backend: LocalBackend, tag: str, n: int) -> list[float]:
    times = []
    for i in range(n):
        req = request(f"sample/{tag}-{i}")
        t = time.perf_counter()
        backend.create_secret(req)
        times.append(time.perf_counter() - t)
    return times


def _timed(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def compare_synchronous(folder: Path, samples: int) -> None:
    """FULL vs NORMAL on the same disk in the same run: each sample creates one secret and reads one value
    (a read writes LastAccessedDate, so it commits too) on both stores, the order alternating per sample."""
    backends = {}
    for mode in ("NORMAL", "FULL"):
        settings = TargetSettings(backend="local", store=folder / f"{mode}.db", key_file=folder / "key.json")
        backend = LocalBackend(settings)
        backend.store.conn.execute(f"PRAGMA synchronous = {mode}")  # the store opens FULL; NORMAL for the baseline
        assert backend.store.conn.execute("PRAGMA synchronous").fetchone()[0] == (1 if mode == "NORMAL" else 2)
        fill(backend, 0, 20)
        backends[mode] = backend
    creates: dict[str, list[float]] = {"NORMAL": [], "FULL": []}
    reads: dict[str, list[float]] = {"NORMAL": [], "FULL": []}
    for i in range(samples):
        for mode in ("NORMAL", "FULL") if i % 2 == 0 else ("FULL", "NORMAL"):
            b = backends[mode]
            req = request(f"sync/{i}")
            creates[mode].append(_timed(lambda b=b, req=req: b.create_secret(req)))  # type: ignore[misc]
            reads[mode].append(_timed(lambda b=b, i=i: b.get_secret_value(f"fill/secret-{i % 20}")))  # type: ignore[misc]
    for b in backends.values():
        b.close()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"synchronous FULL vs NORMAL in {folder} ({samples} samples each, interleaved; load {load:.2f})")
    for what, times in (("create_secret", creates), ("get_secret_value", reads)):
        normal = statistics.median(times["NORMAL"]) * 1000
        full = statistics.median(times["FULL"]) * 1000
        print(
            f"  {what:17} NORMAL median {normal:.3f} ms  FULL median {full:.3f} ms  "
            f"ratio FULL/NORMAL {full / normal:.2f}"
        )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=100_000)
    ap.add_argument("--samples", type=int, default=300)
    ap.add_argument("--synchronous", action="store_true", help="measure synchronous FULL against NORMAL")
    ap.add_argument("--dir", type=Path, default=None, help="where --synchronous puts its stores (a real disk)")
    args = ap.parse_args()
    if args.synchronous:
        with tempfile.TemporaryDirectory(dir=args.dir) as d:
            compare_synchronous(Path(d), args.samples)
        return
    with tempfile.TemporaryDirectory() as d:
        settings = TargetSettings(backend="local", store=Path(d) / "store.db", key_file=Path(d) / "key.json")
        backend = LocalBackend(settings)
        fill(backend, 0, 100)
        small = sample(backend, "small", args.samples)
        have = 100 + args.samples
        t0 = time.perf_counter()
        fill(backend, have, args.size)
        fill_s = time.perf_counter() - t0
        large = sample(backend, "large", args.samples)
        backend.close()
        db_mb = (Path(d) / "store.db").stat().st_size / 1e6
    ms_small = statistics.median(small) * 1000
    ms_large = statistics.median(large) * 1000
    p95_small = statistics.quantiles(small, n=20)[18] * 1000
    p95_large = statistics.quantiles(large, n=20)[18] * 1000
    print(
        f"local create, store at ~100 secrets:   median {ms_small:.3f} ms  p95 {p95_small:.3f} ms "
        f"({args.samples} samples)"
    )
    print(
        f"local create, store at ~{args.size} secrets: median {ms_large:.3f} ms  p95 {p95_large:.3f} ms "
        f"({args.samples} samples)"
    )
    print(f"ratio large/small (target <= 1.2): {ms_large / ms_small:.3f}")
    print(f"fill rate: {(args.size - have) / fill_s:.0f} creates/s; store file {db_mb:.1f} MB")


if __name__ == "__main__":
    main()
