"""Benchmark (c): the process time of `smtui create-secret --backend aws` versus `aws secretsmanager
create-secret` for the same request against the same moto server.

Run: `.venv/bin/python tests/bench/bench_cli.py [--runs N]`. Not collected by pytest. Prints both medians (wall
time of the whole process, start-up included: that is what a person or a script waits for) and their ratio;
the target is smtui faster, a ratio below 1.

Method: one moto server in its own process; both commands warmed twice (page cache, .pyc files); then N runs of
each, interleaved pairwise with the order alternating so drift in the machine's load hits both equally. Same
request each time: a fresh name, the same value from a file (`--secret-string file://…`, the only way both
tools share), two tags. Config and credentials come from the environment; ~/.aws is replaced by empty files
so neither tool reads the developer's configuration.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.bench.bench_aws import start_moto  # noqa: E402  (the same moto start-up as benchmark b)

BIN = Path(sys.executable).parent
TAGS = ["Key=env,Value=bench", "Key=team,Value=core"]


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{cmd[0]} failed ({proc.returncode}): {proc.stderr.decode()[-500:]}")
    return elapsed


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


def run(url: str, runs: int, tmp: Path) -> int:
    value = tmp / "value.txt"
    value.write_text("bench-value-" + "x" * 100)
    (tmp / "config").write_text("")
    (tmp / "credentials").write_text("")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "SMTUI_"))}
    env.update(AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench", AWS_DEFAULT_REGION="us-east-1",
               AWS_EC2_METADATA_DISABLED="true", AWS_CONFIG_FILE=str(tmp / "config"),
               AWS_SHARED_CREDENTIALS_FILE=str(tmp / "credentials"), PYTHONPATH=str(ROOT))

    def smtui(name: str) -> list[str]:
        return [str(BIN / "smtui"), "create-secret", "--backend", "aws", "--endpoint-url", url, "--name", name,
                "--secret-string", f"file://{value}", "--tags", *TAGS]

    def aws(name: str) -> list[str]:
        return [str(BIN / "aws"), "secretsmanager", "create-secret", "--endpoint-url", url, "--name", name,
                "--secret-string", f"file://{value}", "--tags", *TAGS]

    for i in range(2):
        timed(smtui(f"warm/smtui/{i}"), env)
        timed(aws(f"warm/aws/{i}"), env)
    ours: list[float] = []
    theirs: list[float] = []
    for i in range(runs):
        pair = [(ours, smtui(f"bench/smtui/{i}")), (theirs, aws(f"bench/aws/{i}"))]
        for sink, cmd in pair if i % 2 == 0 else reversed(pair):
            sink.append(timed(cmd, env))
    m_ours, m_theirs = statistics.median(ours), statistics.median(theirs)
    ratio = m_ours / m_theirs
    print(f"(c) process wall time of one create-secret against moto, {runs} runs each, interleaved")
    print(f"    smtui create-secret --backend aws : median {m_ours * 1000:7.1f} ms "
          f"(min {min(ours) * 1000:.1f}, max {max(ours) * 1000:.1f})")
    print(f"    aws secretsmanager create-secret  : median {m_theirs * 1000:7.1f} ms "
          f"(min {min(theirs) * 1000:.1f}, max {max(theirs) * 1000:.1f})")
    print(f"    ratio smtui / aws = {ratio:.3f}  (target < 1: {'met' if ratio < 1 else 'NOT met'})")
    return 0 if ratio < 1 else 1


if __name__ == "__main__":
    sys.exit(main())
