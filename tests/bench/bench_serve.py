"""Benchmark (g): boto3 against `smtui serve` versus boto3 against a moto server, both on this machine.

Run from the project root: `.venv/bin/python -m tests.bench.bench_serve [--rounds N] [--clients C] [--pairs M]`.
Not collected by pytest. Two figures, both servers measured in the same run:

1. Latency: one boto3 client per server, each round a `create_secret` (fresh name, a 112-character value, a
   ClientRequestToken) followed by `get_secret_value` of that secret; the pair is timed. p50 and p90 of N rounds,
   and the ratio of the p50s, smtui serve / moto. The target is a ratio <= 0.5 (twice as fast).
2. Throughput: C client processes (default 8) per server, each with its own boto3 client, warmed, then released
   together; each makes M create+get pairs on names of its own. Requests per second = all requests over the wall
   time from the release to the last process's end.

Method: both servers are subprocesses (their work never shares our GIL): `moto_server` (werkzeug, threaded) and
`smtui serve --port 0` on a fresh store with a key file, signed with the credentials `smtui serve --print-env`
prints (as the README tells people to get them). Rounds alternate which server goes first, so drift in the
machine's load hits both sides equally. Only the calls are timed; names, tokens and parameters are built
beforehand. The server's CPU time (user+sys from /proc) per request is printed too: on a shared 2-core machine
wall time partly measures the wait for a core. For smtui serve the median of the server's own time per request
(the `<ms>ms` of its request log line: from the request's arrival to the reply's last byte) splits what the server
spends from what the client and the transport spend.

A third server bounds what any server could reach: a stub (uvicorn with h11, as smtui serve runs, in its own
process) that checks nothing and answers every request with a fixed reply of the right shape. Its p50 is the floor
of the client (boto3: parameter validation, serialisation, signing, parsing) plus HTTP on loopback and uvicorn;
the difference to smtui serve's p50 is what smtui's own code adds, and the stub's p50 over moto's is the best
ratio a server behind uvicorn could reach with this client.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.bench.bench_aws import start_moto
from tests.waiting import wait_for

ROOT = Path(__file__).resolve().parents[2]
VALUE = "bench-value-" + "x" * 100
TARGET = 0.5
LISTENING = re.compile(r"^smtui serve: listening on (http://\S+) ")
EXPORT = re.compile(r"^export (\w+)=(.*)$")
LOG_MS = re.compile(r"^\S+Z (\w+) (\d{3}) ([\d.]+)ms ")
MOTO_KEYS = {"AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench"}


@dataclass
class Server:
    name: str
    url: str
    process: subprocess.Popen[Any]
    keys: dict[str, str]
    log: Path | None = None

    def cpu_seconds(self) -> float:
        """User+system CPU time the server process has used so far."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
        self.process.wait(timeout=30)


def base_env(**extra: str) -> dict[str, str]:
    """A client or server environment that reads no one's ~/.aws and no instance metadata."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "SMTUI_"))}
    empty = Path(tempfile.gettempdir()) / "smtui-bench-empty-aws"
    empty.touch()
    env.update(
        AWS_CONFIG_FILE=str(empty),
        AWS_SHARED_CREDENTIALS_FILE=str(empty),
        AWS_EC2_METADATA_DISABLED="true",
        AWS_DEFAULT_REGION="us-east-1",
        PYTHONPATH=str(ROOT),
    )
    env.update(extra)
    return env


def start_serve(workdir: Path) -> Server:
    store, key_file = str(workdir / "store.db"), str(workdir / "keys")
    command = [sys.executable, "-m", "smtui", "--store", store, "--key-file", key_file, "serve"]
    printed = subprocess.run(
        [*command, "--print-env"], env=base_env(), capture_output=True, text=True, timeout=60, check=True
    )
    exports: dict[str, str] = {}
    for line in printed.stdout.splitlines():
        if found := EXPORT.match(line):
            exports[found.group(1)] = shlex.split(found.group(2))[0]
    log = workdir / "serve.log"
    with log.open("ab") as sink:
        process = subprocess.Popen(
            [*command, "--port", "0"], env=base_env(), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=sink
        )
    wait_for(
        lambda: LISTENING.match(log.read_text()) is not None or process.poll() is not None,
        "smtui serve to listen",
        budget=30,
        interval=0.05,
    )
    found = LISTENING.match(log.read_text())
    if found is None:
        process.kill()
        raise SystemExit(f"smtui serve did not start:\n{log.read_text()}")
    keys = {name: exports[name] for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")}
    return Server("smtui serve", found.group(1), process, keys, log)


def client(url: str, keys: dict[str, str]) -> Any:
    import boto3
    from botocore.config import Config

    session = boto3.session.Session(
        aws_access_key_id=keys["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=keys["AWS_SECRET_ACCESS_KEY"],
        region_name="us-east-1",
    )
    config = Config(retries={"max_attempts": 1, "mode": "standard"}, max_pool_connections=4)
    return session.client("secretsmanager", endpoint_url=url, config=config)


def round_trip(sm: Any, name: str) -> None:
    sm.create_secret(Name=name, ClientRequestToken=str(uuid.uuid4()), SecretString=VALUE)
    got = sm.get_secret_value(SecretId=name)
    if got["SecretString"] != VALUE:
        raise SystemExit(f"{name}: the value read back differs")


def pct(samples: list[float], q: int) -> float:
    """The q-th percentile (q in 1..99)."""
    return statistics.quantiles(samples, n=100)[q - 1]


def latency(servers: list[Server], rounds: int) -> dict[str, list[float]]:
    clients = {s.name: client(s.url, s.keys) for s in servers}
    run = uuid.uuid4().hex[:8]
    for i in range(30):  # warm: clients, connection pools, service models, the servers' code paths
        for s in servers:
            round_trip(clients[s.name], f"warm/{run}/{i}")
    times: dict[str, list[float]] = {s.name: [] for s in servers}
    names = [f"bench/{run}/{i}" for i in range(rounds)]
    for i in range(rounds):
        turn = i % len(servers)
        order = servers[turn:] + servers[:turn]
        for s in order if i % 2 == 0 else reversed(order):
            sm = clients[s.name]
            start = time.perf_counter()
            round_trip(sm, names[i])
            times[s.name].append(time.perf_counter() - start)
    return times


def worker(url: str, pairs: int, tag: str) -> int:
    """One client process of the throughput run: warm, say ready, wait for the go line, run, report."""
    keys = {name: os.environ[name] for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")}
    sm = client(url, keys)
    for i in range(5):
        round_trip(sm, f"warm/{tag}/{i}")
    names = [f"load/{tag}/{i}" for i in range(pairs)]
    print("ready", flush=True)
    sys.stdin.readline()
    start = time.perf_counter()
    for name in names:
        round_trip(sm, name)
    print(f"done {start!r} {time.perf_counter()!r}", flush=True)
    return 0


def throughput(server: Server, clients: int, pairs: int) -> tuple[float, float, float]:
    """(requests per second, wall seconds, server CPU seconds) of `clients` processes of `pairs` pairs each."""
    run = uuid.uuid4().hex[:8]
    env = base_env(**server.keys)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.bench.bench_serve", "--worker", server.url, str(pairs), f"{run}-{n}"],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for n in range(clients)
    ]
    for proc in procs:
        assert proc.stdout is not None
        if proc.stdout.readline().strip() != "ready":
            raise SystemExit(f"a client of {server.name} failed to start")
    cpu_before = server.cpu_seconds()
    released = time.perf_counter()
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    ends: list[float] = []
    for proc in procs:
        out, _ = proc.communicate(timeout=600)
        if proc.returncode != 0 or not out.startswith("done "):
            raise SystemExit(f"a client of {server.name} failed ({proc.returncode})")
        ends.append(float(out.split()[2]))
    wall = max(ends) - released
    cpu = server.cpu_seconds() - cpu_before
    return clients * pairs * 2 / wall, wall, cpu


def server_ms(log: Path, skip: int) -> dict[str, float]:
    """Median of the server's own milliseconds per operation, over the log lines after the first `skip`."""
    per_op: dict[str, list[float]] = {}
    for line in log.read_text().splitlines()[skip:]:
        if found := LOG_MS.match(line):
            per_op.setdefault(found.group(1), []).append(float(found.group(3)))
    return {op: statistics.median(ms) for op, ms in per_op.items()}


def timed_phase(servers: list[Server], phase: Callable[[], Any]) -> tuple[Any, dict[str, float]]:
    before = {s.name: s.cpu_seconds() for s in servers}
    result = phase()
    return result, {s.name: s.cpu_seconds() - before[s.name] for s in servers}


STUB_REPLIES = {
    "CreateSecret": {"ARN": "arn:aws:secretsmanager:us-east-1:000000000000:secret:stub-AbCdEf", "Name": "stub"},
    "GetSecretValue": {"Name": "stub", "SecretString": VALUE, "VersionStages": ["AWSCURRENT"], "CreatedDate": 1.5e9},
}


def stub() -> int:
    """The floor server: uvicorn (h11) answering each request with a canned reply, no checks, no store."""
    import json
    import socket

    import uvicorn

    replies = {op: json.dumps(body).encode() for op, body in STUB_REPLIES.items()}

    async def app(scope: dict[str, Any], receive: Callable[[], Any], send: Callable[[Any], Any]) -> None:
        if scope["type"] != "http":
            return
        while (await receive()).get("more_body"):
            pass
        target = dict(scope["headers"]).get(b"x-amz-target", b"").decode().partition(".")[2]
        body = replies.get(target, b"{}")
        headers = [(b"content-type", b"application/x-amz-json-1.1"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    sock = socket.socket()
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    print(f"http://127.0.0.1:{sock.getsockname()[1]}", flush=True)
    config = uvicorn.Config(app, http="h11", loop="asyncio", lifespan="off", access_log=False, log_config=None)
    uvicorn.Server(config).run(sockets=[sock])
    return 0


def start_stub() -> Server:
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.bench.bench_serve", "--stub"],
        env=base_env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert process.stdout is not None
    url = process.stdout.readline().strip()
    if not url.startswith("http://"):
        process.kill()
        raise SystemExit("the stub server did not start")
    return Server("floor stub", url, process, MOTO_KEYS)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=300, help="create+get pairs per server (default 300)")
    parser.add_argument("--clients", type=int, default=8, help="client processes for the throughput (default 8)")
    parser.add_argument("--pairs", type=int, default=100, help="create+get pairs per client process (default 100)")
    parser.add_argument("--worker", nargs=3, metavar=("URL", "PAIRS", "TAG"), help=argparse.SUPPRESS)
    parser.add_argument("--stub", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stub:
        return stub()
    if args.worker:
        return worker(args.worker[0], int(args.worker[1]), args.worker[2])

    os.environ.update(base_env())
    with tempfile.TemporaryDirectory(prefix="smtui-bench-serve-") as tmp:
        moto_proc, moto_url = start_moto()
        servers = [Server("moto", moto_url, moto_proc, MOTO_KEYS)]
        try:
            servers.insert(0, start_serve(Path(tmp)))
            servers.append(start_stub())
            return run(servers, args.rounds, args.clients, args.pairs)
        finally:
            for s in servers:
                s.stop()


def run(servers: list[Server], rounds: int, clients: int, pairs: int) -> int:
    ours, moto, floor = servers
    assert ours.log is not None
    print(
        f"(g) boto3 create+get round trip, {ours.name} at {ours.url} vs moto at {moto.url}, floor stub at {floor.url}"
    )
    print(f"    load average at start: {os.getloadavg()[0]:.2f}, {os.cpu_count()} cores")
    log_lines = len(ours.log.read_text().splitlines())
    times, cpu = timed_phase(servers, lambda: latency(servers, rounds))
    for s in servers:
        samples = times[s.name]
        print(
            f"    {s.name:11s}: p50 {pct(samples, 50) * 1000:7.3f} ms   p90 {pct(samples, 90) * 1000:7.3f} ms   "
            f"server CPU {cpu[s.name] / (2 * rounds) * 1000:6.3f} ms/request  ({rounds} pairs)"
        )
    ratio = pct(times[ours.name], 50) / pct(times[moto.name], 50)
    ratio90 = pct(times[ours.name], 90) / pct(times[moto.name], 90)
    verdict = "OK" if ratio <= TARGET else "OVER"
    print(f"    ratio p50    : {ratio:.3f}   target <= {TARGET:.2f}   {verdict}   (p90 ratio {ratio90:.3f})")
    own = server_ms(ours.log, log_lines)
    print(
        "    smtui serve's own time per request (log line, median): "
        + ", ".join(f"{k} {v:.2f} ms" for k, v in own.items())
    )
    best = pct(times[floor.name], 50) / pct(times[moto.name], 50)
    print(f"    best ratio possible with this client (floor stub p50 / moto p50): {best:.3f}")
    print(f"(g') throughput, {clients} client processes x {pairs} create+get pairs each")
    rates: dict[str, float] = {}
    for s in servers:
        rate, wall, server_cpu = throughput(s, clients, pairs)
        rates[s.name] = rate
        print(
            f"    {s.name:11s}: {rate:7.1f} requests/s   wall {wall:6.2f} s   "
            f"server CPU {server_cpu:6.2f} s ({server_cpu / (clients * pairs * 2) * 1000:.2f} ms/request)"
        )
    print(f"    ratio (smtui serve / moto requests per second): {rates[ours.name] / rates[moto.name]:.2f}")
    print(f"    load average at end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
