"""Benchmark (b): the aws backend's create_secret versus a bare boto3 `create_secret` against the same moto
server.

Run from the project root: `.venv/bin/python -m tests.bench.bench_aws [--calls N]`. Not collected by pytest
(tests/bench is in norecursedirs). Prints the medians and their ratio; the target is a ratio ≤ 1.10, i.e. smtui's
layer (the model's to_api_params, the redaction scope, the typed error mapping, the result model) adds at most
10 % to a call. Both sides are boto3 clients (the backend's comes from its own `boto3.session.Session`, with
standard retries and smtui's User-Agent), so the ratio is smtui's layer alone.

Method: one moto server in its own process (so its work does not share our GIL), both clients created and
warmed first, then N calls of each, interleaved pairwise with the order alternating (so drift in the server —
it grows by one secret per call — and in the machine's load hits both sides equally), each call a fresh name
with the same value and tags. Only the call is timed: the request objects and parameter dicts are built
beforehand.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path
from typing import Any

from tests.waiting import wait_for

VALUE = "bench-value-" + "x" * 100
TAGS = [{"Key": "env", "Value": "bench"}, {"Key": "team", "Value": "core"}]
TARGET = 1.10


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_moto() -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    moto = Path(sys.executable).with_name("moto_server")
    proc = subprocess.Popen(
        [str(moto), "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"

    def answers() -> bool:
        try:
            with urllib.request.urlopen(f"{url}/moto-api/", timeout=1):  # noqa: S310 - loopback test server
                return True
        except OSError:
            return False

    try:
        wait_for(answers, "moto_server to answer", budget=20, interval=0.05, process=proc)
    except AssertionError as exc:
        proc.kill()
        raise SystemExit(str(exc)) from None
    return proc, url


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=300, help="calls of each kind (default 300)")
    args = parser.parse_args()

    proc, url = start_moto()
    try:
        return run(url, args.calls)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def run(url: str, calls: int) -> int:
    os.environ.update(
        AWS_ACCESS_KEY_ID="bench",
        AWS_SECRET_ACCESS_KEY="bench",
        AWS_DEFAULT_REGION="us-east-1",
        AWS_EC2_METADATA_DISABLED="true",
    )
    import boto3

    from smtui.backends.aws import AwsBackend
    from smtui.model import build_request
    from smtui.settings import TargetSettings

    backend = AwsBackend(TargetSettings(backend="aws", endpoint_url=url, region="us-east-1"))
    bare: Any = boto3.client("secretsmanager", endpoint_url=url, region_name="us-east-1")

    def smtui_request(name: str) -> Any:
        return build_request(
            {"Name": name, "ClientRequestToken": str(uuid.uuid4()), "SecretString": VALUE, "Tags": TAGS}
        )

    def bare_params(name: str) -> dict[str, Any]:
        return {"Name": name, "ClientRequestToken": str(uuid.uuid4()), "SecretString": VALUE, "Tags": TAGS}

    for i in range(20):  # warm both: clients, connection pools, service models, moto's code paths
        backend.create_secret(smtui_request(f"warm/smtui/{i}"))
        bare.create_secret(**bare_params(f"warm/bare/{i}"))

    requests = [smtui_request(f"bench/smtui/{i}") for i in range(calls)]
    params = [bare_params(f"bench/bare/{i}") for i in range(calls)]
    ours: list[float] = []
    theirs: list[float] = []

    def time_ours(i: int) -> None:
        start = time.perf_counter()
        backend.create_secret(requests[i])
        ours.append(time.perf_counter() - start)

    def time_theirs(i: int) -> None:
        start = time.perf_counter()
        bare.create_secret(**params[i])
        theirs.append(time.perf_counter() - start)

    for i in range(calls):
        first, second = (time_ours, time_theirs) if i % 2 == 0 else (time_theirs, time_ours)
        first(i)
        second(i)

    med_ours, med_theirs = statistics.median(ours), statistics.median(theirs)
    ratio = med_ours / med_theirs
    print(f"aws backend create_secret vs bare boto3 create_secret, moto server at {url}, {calls} calls each")
    print(f"  smtui aws backend : median {med_ours * 1000:7.3f} ms   p90 {_p90(ours) * 1000:7.3f} ms")
    print(f"  bare boto3 client : median {med_theirs * 1000:7.3f} ms   p90 {_p90(theirs) * 1000:7.3f} ms")
    verdict = "OK" if ratio <= TARGET else "OVER"
    print(f"  ratio (median)    : {ratio:.3f}   target <= {TARGET:.2f}   {verdict}")
    return 0


def _p90(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=10)[-1]


if __name__ == "__main__":
    raise SystemExit(main())
