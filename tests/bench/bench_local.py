"""Benchmark (issue 2 §6 a): does a local create slow down as the store grows?

Measures, in one run, the median wall time of `LocalBackend.create_secret` when the store holds ~100 secrets and
again when it holds ~N (default 100,000), and prints their ratio (target ≤ 1.2). The store is filled through the
same public `create_secret` (no shortcut inserts), with the opt-in key file so the run needs no keyring.

Run: .venv/bin/python tests/bench/bench_local.py [--size 100000] [--samples 300]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from pydantic import SecretStr

from smtui.backends.local import LocalBackend
from smtui.model import CreateSecretRequest
from smtui.settings import TargetSettings

VALUE = SecretStr("bench-value-" + "x" * 64)


def request(name: str) -> CreateSecretRequest:
    return CreateSecretRequest(Name=name, ClientRequestToken=str(uuid.uuid4()), SecretString=VALUE,
                               Tags=[{"Key": "bench", "Value": "yes"}])  # type: ignore[list-item]


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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=100_000)
    ap.add_argument("--samples", type=int, default=300)
    args = ap.parse_args()
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
    print(f"local create, store at ~100 secrets:   median {ms_small:.3f} ms  p95 {p95_small:.3f} ms "
          f"({args.samples} samples)")
    print(f"local create, store at ~{args.size} secrets: median {ms_large:.3f} ms  p95 {p95_large:.3f} ms "
          f"({args.samples} samples)")
    print(f"ratio large/small (target <= 1.2): {ms_large / ms_small:.3f}")
    print(f"fill rate: {(args.size - have) / fill_s:.0f} creates/s; store file {db_mb:.1f} MB")


if __name__ == "__main__":
    main()
