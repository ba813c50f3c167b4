"""Load on `smtui serve`: boto3 client processes sending a mix of requests at once, and a kill -9 in the middle.

Every client tries to create every name (exactly one may win each; the others get ResourceExistsException),
puts values to names that exist, reads its own versions back by VersionId, describes and lists. Afterwards: no
transport error (every request got an HTTP answer), no unexpected error, every value read back exactly during
the run, and every acknowledged write (a create or put answered 200) read back exactly from the store itself,
whose SQLite integrity_check is ok. The kill -9 run stops the server while the clients write: the store opens,
is intact, and holds every acknowledged write; not one is lost (docs/aws-behaviour.md §22.4). As in
tests/safety/test_load.py, the clients start together (each prints "ready" and waits for "go").

SIGINT or SIGTERM during the load must end the server with 130 or 143 after the requests it had read are
answered, the store closed cleanly, no acknowledged write lost.

The default suite runs 4 clients x 60 requests, one kill -9 and one SIGINT (4 x 200 each, stopped early);
`make test-slow` runs 8 x 500, three kills at different points and one SIGTERM.
The figures (requests/s, p50/p99) are printed and recorded as the test's `serve-figure` property.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.conftest import smtui_env
from tests.serve.conftest import Served
from tests.serve.serve_load_worker import encoded
from tests.waiting import wait_for

WORKER = Path(__file__).with_name("serve_load_worker.py")
PREFIX = "serve-load/"


@dataclass
class Run:
    names: list[str]
    results: list[dict[str, Any]]
    elapsed: float

    @property
    def acked(self) -> list[dict[str, str]]:
        return [write for result in self.results for write in result["acked"]]

    @property
    def latencies(self) -> list[float]:
        return sorted(x for result in self.results for values in result["latencies"].values() for x in values)


def start_clients(served: Served, clients: int, requests: int, *, stop_on_transport_error: bool) -> Any:
    """Start the client processes (each waiting for "go"); the names they share; a function that starts them
    all and returns the Run once every one has reported."""
    names = [f"{PREFIX}{i:04d}" for i in range(max(4, requests // 5))]
    procs = []
    for worker in range(clients):
        config = {
            "url": served.url,
            "access_key_id": served.env["AWS_ACCESS_KEY_ID"],
            "secret_access_key": served.env["AWS_SECRET_ACCESS_KEY"],
            "region": "us-east-1",
            "worker": worker,
            "seed": 1000 + worker,
            "requests": requests,
            "names": names,
            "prefix": PREFIX,
            "stop_on_transport_error": stop_on_transport_error,
        }
        proc = subprocess.Popen(
            [sys.executable, str(WORKER)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=smtui_env(),
            text=True,
        )
        assert proc.stdin is not None
        proc.stdin.write(json.dumps(config) + "\n")
        proc.stdin.flush()
        procs.append(proc)
    for proc in procs:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready", proc.communicate(timeout=60)[1]

    def go(during: Any = None) -> Run:
        start = time.perf_counter()
        for proc in procs:
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
        if during is not None:
            during()
        results = []
        for proc in procs:
            out, err = proc.communicate(timeout=600)
            assert proc.returncode == 0, err
            results.append(json.loads(out.strip().splitlines()[-1]))
        return Run(names, results, time.perf_counter() - start)

    return go


def stored(result: Any) -> str:
    """A value read from the store, encoded as the clients encode what they wrote."""
    if result.SecretBinary is not None:
        return encoded(result.SecretBinary.get_secret_value())
    return encoded(result.SecretString.get_secret_value())


def check_store(served: Served, acked: list[dict[str, str]]) -> None:
    """The store is intact and holds every acknowledged write, each exactly as written."""
    from smtui.backends import open_backend
    from smtui.settings import TargetSettings

    with sqlite3.connect(served.store) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    settings = TargetSettings(backend="local", store=served.store, key_file=served.key_file, region="us-east-1")
    backend = open_backend(settings)
    try:
        lost = [w for w in acked if stored(backend.get_secret_value(w["name"], version_id=w["version"])) != w["value"]]
    finally:
        backend.close()
    assert lost == [], lost[:5]


def check_winners(run: Run) -> None:
    """Exactly one winner per name every client tried to create; every other attempt ResourceExistsException."""
    winners: dict[str, int] = {}
    for result in run.results:
        for name in result["won"]:
            winners[name] = winners.get(name, 0) + 1
    assert sorted(winners) == run.names, "every name is created, by one client"
    assert set(winners.values()) == {1}, {name: n for name, n in winners.items() if n > 1}
    attempts = sum(result["counts"].get("create", 0) for result in run.results)
    assert sum(result["lost"] for result in run.results) == attempts - len(run.names)


def cpu_seconds(pid: int) -> float:
    """The CPU time (user + system) process `pid` has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def quiet(served: Served) -> bool:
    """The log holds no fault of the server and no complaint of the HTTP library (a request it could not parse)."""
    log = served.log_path.read_text()
    return "internal fault" not in log and "smtui serve: http:" not in log and "Traceback" not in log


def figure(run: Run, label: str, record_property: Any, server_cpu: float) -> str:
    latencies = run.latencies

    def at(q: float) -> float:
        return latencies[min(len(latencies) - 1, int(len(latencies) * q))] * 1000

    counts: dict[str, int] = {}
    for result in run.results:
        for op, n in result["counts"].items():
            counts[op] = counts.get(op, 0) + n
    mix = ", ".join(f"{op} {n}" for op, n in sorted(counts.items()))
    text = (
        f"serve load {label}: {len(run.results)} clients, {len(latencies)} requests ({mix}) in {run.elapsed:.1f} s "
        f"= {len(latencies) / run.elapsed:.0f} requests/s; p50 {at(0.5):.1f} ms, p99 {at(0.99):.1f} ms; "
        f"server CPU {server_cpu * 1000 / len(latencies):.2f} ms/request; "
        f"{len(run.acked)} acknowledged writes read back"
    )
    record_property("serve-figure", text)
    print(text)
    return text


def load(tmp_path: Path, record_property: Any, clients: int, requests: int, label: str) -> None:
    served = Served(tmp_path / "store.db", tmp_path / "keys", tmp_path / "serve.log")
    served.start()
    try:
        run = start_clients(served, clients, requests, stop_on_transport_error=False)()
        assert [e for r in run.results for e in r["transport_errors"]] == []
        assert [e for r in run.results for e in r["errors"]] == []
        assert [e for r in run.results for e in r["mismatches"]] == []
        check_winners(run)
        assert served.process is not None
        server_cpu = cpu_seconds(served.process.pid)
    finally:
        code = served.stop()
    assert code == 130, served.log_path.read_text()[-2000:]
    assert quiet(served)
    check_store(served, run.acked)
    figure(run, label, record_property, server_cpu)


def refuse(listener: socket.socket) -> None:
    with contextlib.suppress(OSError):  # the listener closed: the test is over
        while True:
            listener.accept()[0].close()


EXIT_CODES: dict[int, int] = {signal.SIGKILL: -9, signal.SIGINT: 130, signal.SIGTERM: 143}


def stop_during_load(
    tmp_path: Path, record_property: Any, clients: int, requests: int, after: int, sig: int = signal.SIGKILL
) -> None:
    """Send `sig` (kill -9 by default) once the server has answered `after` requests; then every acknowledged write
    must be in the store. A stop signal must end the server as it says (130, 143), with the store closed."""
    served = Served(tmp_path / "store.db", tmp_path / "keys", tmp_path / "serve.log")
    served.start()
    process = served.process
    assert process is not None

    def answered() -> int:
        return sum(1 for line in served.log_path.read_text().splitlines() if line[:2] == "20")

    port = int(urlsplit(served.url).port or 0)
    holder = socket.socket()
    holder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)

    def kill() -> None:
        wait_for(lambda: answered() >= after, f"{after} requests answered", process=process)
        process.send_signal(sig)
        process.wait(timeout=60)
        # Hold the dead server's port at once: on a shared machine another process (a server on port 0, or a
        # client's own ephemeral port) could take it, and the clients' next requests would reach that instead.
        # Every connection to it is closed unanswered, as a dead server's would be refused.
        holder.bind(("127.0.0.1", port))
        holder.listen(16)
        threading.Thread(target=refuse, args=(holder,), daemon=True).start()

    try:
        run = start_clients(served, clients, requests, stop_on_transport_error=True)(during=kill)
    finally:
        with contextlib.suppress(OSError):  # wakes the thread blocked in accept (not listening: nothing to do)
            holder.shutdown(socket.SHUT_RDWR)
        holder.close()
        served.stop()
    assert process.returncode == EXIT_CODES[sig], served.log_path.read_text()[-2000:]
    assert quiet(served)
    if sig != signal.SIGKILL:
        assert not Path(f"{served.store}-wal").exists(), "the store was closed cleanly"
    assert [e for r in run.results for e in r["errors"]] == []
    assert [e for r in run.results for e in r["mismatches"]] == []
    assert any(r["transport_errors"] for r in run.results), "the kill came after the clients were done"
    check_store(served, run.acked)
    how = "kill -9" if sig == signal.SIGKILL else signal.Signals(sig).name
    text = f"serve {how} after {answered()} requests answered: {len(run.acked)} acknowledged writes checked, 0 lost"
    record_property("serve-figure", text)
    print(text)


def test_serve_load_fast_subset(tmp_path: Path, record_property: Any) -> None:
    load(tmp_path, record_property, 4, 60, "fast")


def test_serve_kill_9_during_load(tmp_path: Path, record_property: Any) -> None:
    stop_during_load(tmp_path, record_property, 4, 200, after=60)


def test_serve_sigint_during_load(tmp_path: Path, record_property: Any) -> None:
    stop_during_load(tmp_path, record_property, 4, 200, after=60, sig=signal.SIGINT)


@pytest.mark.slow
def test_serve_load_full(tmp_path: Path, record_property: Any) -> None:
    load(tmp_path, record_property, 8, 500, "full")


@pytest.mark.slow
@pytest.mark.parametrize("after", [50, 400, 1500])
def test_serve_kill_9_during_full_load(tmp_path: Path, record_property: Any, after: int) -> None:
    stop_during_load(tmp_path, record_property, 8, 500, after=after)


@pytest.mark.slow
def test_serve_sigterm_during_full_load(tmp_path: Path, record_property: Any) -> None:
    stop_during_load(tmp_path, record_property, 8, 500, after=1000, sig=signal.SIGTERM)
