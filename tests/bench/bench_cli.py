"""Benchmark (c): the process time of `smtui create-secret --backend aws` versus `aws secretsmanager
create-secret` for the same request against the same moto server.

Run from the project root: `.venv/bin/python -m tests.bench.bench_cli [--runs N]`. Not collected by pytest.
Prints both medians (wall time of the whole process, start-up included: that is what a person or a script waits
for) and their ratio; the target is smtui faster, a ratio below 1.

Method: one moto server in its own process; both commands warmed twice (page cache, .pyc files); then N runs of
each, interleaved pairwise with the order alternating so drift in the machine's load hits both equally. Same
request each time: a fresh name, the same value from a file (`--secret-string file://…`, the only way both
tools share), two tags. Config and credentials come from the environment; ~/.aws is replaced by empty files
so neither tool reads the developer's configuration.

Then (c″) what boto3 itself costs at start-up: processes that only import `boto3.session` (what the aws
backend loads) against processes that only import `botocore.session` (what it loaded before it used boto3),
each with `botocore.config`, interleaved the same way; the difference of the medians is boto3's share.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tests.bench.bench_aws import start_moto  # the same moto start-up as benchmark b

ROOT = Path(__file__).resolve().parents[2]

BIN = Path(sys.executable).parent
TAGS = ["Key=env,Value=bench", "Key=team,Value=core"]


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds user+sys) of one process. CPU time is reported too because on a shared,
    loaded machine wall time mostly measures the wait for a core."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{cmd[0]} failed ({proc.returncode}): {' '.join(cmd)}")
    return elapsed, usage.ru_utime + usage.ru_stime


IMPORTS = {"botocore": "import botocore.session, botocore.config", "boto3": "import boto3.session, botocore.config"}


def import_cost(runs: int, env: dict[str, str]) -> None:
    """(c″) The start-up price of importing boto3 on top of botocore, in whole processes."""
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in IMPORTS}
    names = list(IMPORTS)
    for i in range(runs + 2):
        for name in names if i % 2 == 0 else reversed(names):
            sample = timed([sys.executable, "-c", IMPORTS[name]], env)
            if i >= 2:  # the first two rounds warm the page cache and the .pyc files
                times[name].append(sample)
    print(f"(c'') import cost, {runs} processes each, interleaved")
    for label, index in (("wall time", 0), ("CPU time ", 1)):
        core = statistics.median(x[index] for x in times["botocore"])
        full = statistics.median(x[index] for x in times["boto3"])
        print(
            f"    {label}: import botocore.session median {core * 1000:6.1f} ms | import boto3.session median "
            f"{full * 1000:6.1f} ms | boto3 adds {(full - core) * 1000:5.1f} ms"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="runs of each command (default 20)")
    parser.add_argument("--import-runs", type=int, default=30, help="processes of each import (default 30; 0 skips)")
    args = parser.parse_args()
    proc, url = start_moto()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            status = run(url, args.runs, Path(tmp))
            if args.import_runs:
                import_cost(args.import_runs, {k: v for k, v in os.environ.items() if not k.startswith("AWS_")})
            return status
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def bench_env(tmp: Path) -> dict[str, str]:
    """The environment both tools run in: fixed credentials and region, ~/.aws replaced by empty files in `tmp`
    (neither tool reads the developer's configuration), no SMTUI_ settings."""
    (tmp / "config").write_text("")
    (tmp / "credentials").write_text("")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "SMTUI_"))}
    env.update(
        AWS_ACCESS_KEY_ID="bench",
        AWS_SECRET_ACCESS_KEY="bench",
        AWS_DEFAULT_REGION="us-east-1",
        AWS_EC2_METADATA_DISABLED="true",
        AWS_CONFIG_FILE=str(tmp / "config"),
        AWS_SHARED_CREDENTIALS_FILE=str(tmp / "credentials"),
        PYTHONPATH=str(ROOT),
    )
    return env


def run(url: str, runs: int, tmp: Path) -> int:
    value = tmp / "value.txt"
    value.write_text("bench-value-" + "x" * 100)
    env = bench_env(tmp)

    def smtui(name: str) -> list[str]:
        return [
            str(BIN / "smtui"),
            "create-secret",
            "--backend",
            "aws",
            "--endpoint-url",
            url,
            "--name",
            name,
            "--secret-string",
            f"file://{value}",
            "--tags",
            *TAGS,
        ]

    def aws(name: str) -> list[str]:
        return [
            str(BIN / "aws"),
            "secretsmanager",
            "create-secret",
            "--endpoint-url",
            url,
            "--name",
            name,
            "--secret-string",
            f"file://{value}",
            "--tags",
            *TAGS,
        ]

    return race("(c)", "create-secret", smtui, aws, runs, env)


def race(
    tag: str,
    command: str,
    smtui: Callable[[str], list[str]],
    aws: Callable[[str], list[str]],
    runs: int,
    env: dict[str, str],
) -> int:
    """Both commands warmed twice, then `runs` of each interleaved pairwise with the order alternating; prints
    the medians (wall and CPU time) and the ratio. `smtui(name)` / `aws(name)` give each run's command line (a
    fresh name each, for commands that need one). Returns 0 when smtui is faster (wall time)."""
    for i in range(2):
        timed(smtui(f"warm/smtui/{i}"), env)
        timed(aws(f"warm/aws/{i}"), env)
    ours: list[tuple[float, float]] = []
    theirs: list[tuple[float, float]] = []
    for i in range(runs):
        pair = [(ours, smtui(f"bench/smtui/{i}")), (theirs, aws(f"bench/aws/{i}"))]
        for sink, cmd in pair if i % 2 == 0 else reversed(pair):
            sink.append(timed(cmd, env))
    load = os.getloadavg()[0]
    print(
        f"{tag} one {command} process against moto, {runs} runs each, interleaved "
        f"(load average {load:.2f} on {os.cpu_count()} CPUs)"
    )
    ratio = 0.0
    for label, index in (("wall time", 0), ("CPU time ", 1)):
        m_ours = statistics.median(x[index] for x in ours)
        m_theirs = statistics.median(x[index] for x in theirs)
        print(
            f"    {label}: smtui {command} --backend aws median {m_ours * 1000:7.1f} ms | "
            f"aws secretsmanager {command} median {m_theirs * 1000:7.1f} ms | ratio {m_ours / m_theirs:.3f}"
        )
        ratio = ratio or m_ours / m_theirs
    print(f"    wall-time ratio smtui / aws = {ratio:.3f}  (target < 1: {'met' if ratio < 1 else 'NOT met'})")
    return 0 if ratio < 1 else 1


if __name__ == "__main__":
    sys.exit(main())
