"""Benchmark (c‴): the process time of `smtui put-secret-value --backend aws` versus `aws secretsmanager
put-secret-value` for the same request against the same moto server.

Run: `.venv/bin/python -m tests.bench.bench_cli_put [--runs N]`. Not collected by pytest. Prints both medians (wall
time and CPU time of the whole process, start-up included: what a person or a script waits for) and their ratio;
the target is smtui faster, a ratio below 1.

Method as benchmark (c) (tests/bench/bench_cli.py, whose `timed` and environment this reuses): one moto server in
its own process; one secret created first; both commands warmed twice; then N runs of each, interleaved pairwise
with the order alternating. Same request each time: the same secret, a new value version from the same file
(`--secret-string file://…`, the only way both tools share), each run a fresh ClientRequestToken (made by each
tool, as both do by default).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.bench.bench_aws import start_moto
from tests.bench.bench_cli import BIN, bench_env, race

SECRET = "bench/put"


def run(url: str, runs: int, tmp: Path) -> int:
    value = tmp / "value.txt"
    value.write_text("bench-value-" + "x" * 100)
    env = bench_env(tmp)
    subprocess.run(
        [str(BIN / "aws"), "secretsmanager", "create-secret", "--endpoint-url", url, "--name", SECRET],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    common = ["put-secret-value", "--endpoint-url", url, "--secret-id", SECRET, "--secret-string", f"file://{value}"]
    smtui = [str(BIN / "smtui"), *common[:1], "--backend", "aws", *common[1:]]
    aws = [str(BIN / "aws"), "secretsmanager", *common]
    return race("(c''')", "put-secret-value", lambda _: smtui, lambda _: aws, runs, env)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="runs of each command (default 20)")
    args = parser.parse_args()
    proc, url = start_moto()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            return run(url, args.runs, Path(tmp))
    finally:
        proc.terminate()
        proc.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
