"""Benchmark (docs/performance.md, (a)): does a local create slow down as the store grows?

Measures, in one run, the median wall time of `LocalBackend.create_secret` when the store holds ~100 secrets and
again when it holds ~N (default 100,000), and prints their ratio (target ≤ 1.2). The store is filled through the
same public `create_secret` (no shortcut inserts), with the opt-in key file so the run needs no keyring.

Run: .venv/bin/python tests/bench/bench_local.py [--size 100000] [--samples 300]

`--put-size` measures `put_secret_value` (a new version of a secret that has one) in a store of ~100 secrets
against one of ~N, two stores, samples interleaved. `--versions` measures put_secret_value at a secret with 1
version against one with ~100 versions (the most a secret keeps without a label, docs/aws-behaviour.md §15.1),
samples interleaved, in one store.

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
from smtui.model.lifecycle import PutSecretValueRequest
from smtui.settings import TargetSettings

VALUE = SecretStr("bench-value-" + "x" * 64)


def request(name: str) -> CreateSecretRequest:
    return CreateSecretRequest(
        Name=name, ClientRequestToken=str(uuid.uuid4()), SecretString=VALUE, Tags=[{"Key": "bench", "Value": "yes"}]
    )


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


def put_request(name: str) -> PutSecretValueRequest:
    return PutSecretValueRequest(SecretId=name, ClientRequestToken=str(uuid.uuid4()), SecretString=VALUE)


def compare_store_sizes(folder: Path, size: int, samples: int) -> None:
    """put_secret_value in a store of ~100 secrets vs one of ~`size`, two stores in one folder, the puts
    interleaved with alternating order (a machine whose load changes during the run affects both alike). Each
    put goes to a secret with one version, made for it beforehand."""
    small = LocalBackend(TargetSettings(backend="local", store=folder / "small.db", key_file=folder / "key.json"))
    large = LocalBackend(TargetSettings(backend="local", store=folder / "large.db", key_file=folder / "key.json"))
    fill(small, 0, 100)
    fill(large, 0, size)
    names = [f"put/{i}" for i in range(samples)]
    for backend in (small, large):
        for name in names:
            backend.create_secret(request(name))
    times: dict[str, list[float]] = {"small": [], "large": []}
    for i, name in enumerate(names):
        runs = [("small", small), ("large", large)]
        for tag, backend in runs if i % 2 == 0 else runs[::-1]:
            times[tag].append(_timed(lambda b=backend, n=name: b.put_secret_value(put_request(n))))  # type: ignore[misc]
    small.close()
    large.close()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    a, b = statistics.median(times["small"]) * 1000, statistics.median(times["large"]) * 1000
    print(f"put_secret_value, store of ~100 vs ~{size} secrets ({samples} samples each, interleaved; load {load:.2f})")
    print(f"  store at ~100 secrets:    median {a:.3f} ms  p95 {_p95(times['small']):.3f} ms")
    print(f"  store at ~{size} secrets: median {b:.3f} ms  p95 {_p95(times['large']):.3f} ms")
    print(f"ratio large/small (target <= 1.2): {b / a:.3f}")


def compare_versions(folder: Path, samples: int, depth: int = 100, per_secret: int = 10) -> None:
    """put_secret_value at a secret with 1 version vs one with ~`depth`, interleaved with alternating order, in
    one store. The versions are made two days before the timed puts (an injected clock), so a deep secret is in
    the service's steady state: each new version past 100 deprecated ones removes the oldest (§15.1)."""
    offset = [0.0]
    settings = TargetSettings(backend="local", store=folder / "store.db", key_file=folder / "key.json")
    backend = LocalBackend(settings, clock=lambda: time.time() + offset[0])
    fill(backend, 0, 100)
    deep = [f"deep/{i}" for i in range(-(-samples // per_secret))]
    for name in deep:
        backend.create_secret(request(name))
        for _ in range(depth - 1):
            backend.put_secret_value(put_request(name))
    shallow = [f"shallow/{i}" for i in range(samples)]
    for name in shallow:
        backend.create_secret(request(name))
    offset[0] = 2 * 86400.0
    one: list[float] = []
    many: list[float] = []
    for i in range(samples):
        runs = [(one, shallow[i]), (many, deep[i // per_secret])]
        for times, name in runs if i % 2 == 0 else runs[::-1]:
            times.append(_timed(lambda name=name: backend.put_secret_value(put_request(name))))  # type: ignore[misc]
    versions, token = 0, None
    while True:  # every version of one deep secret, deprecated ones too, page by page
        page = backend.list_secret_version_ids(deep[0], include_deprecated=True, next_token=token)
        versions, token = versions + len(page.Versions), page.NextToken
        if token is None:
            break
    backend.close()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    a, b = statistics.median(one) * 1000, statistics.median(many) * 1000
    print(f"put_secret_value, 1 version vs ~{depth} versions ({samples} samples each, interleaved; load {load:.2f})")
    print(f"  at a secret with 1 version:    median {a:.3f} ms  p95 {_p95(one):.3f} ms")
    print(f"  at a secret with {depth} versions (at the end: {versions}): median {b:.3f} ms  p95 {_p95(many):.3f} ms")
    print(f"ratio {depth} versions / 1 version (target <= 1.2): {b / a:.3f}")


def _p95(times: list[float]) -> float:
    """The 95th percentile, in milliseconds."""
    return statistics.quantiles(times, n=20)[18] * 1000


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
    ap.add_argument("--versions", action="store_true", help="measure put at 1 version against ~100 versions")
    ap.add_argument("--put-size", action="store_true", help="measure put in a store of 100 against --size secrets")
    args = ap.parse_args()
    if args.versions:
        with tempfile.TemporaryDirectory(dir=args.dir) as d:
            compare_versions(Path(d), args.samples)
        return
    if args.put_size:
        with tempfile.TemporaryDirectory(dir=args.dir) as d:
            compare_store_sizes(Path(d), args.size, args.samples)
        return
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
