"""`smtui serve` stopping and sharing: SIGINT/SIGTERM with requests in flight, two servers on one store,
keep-alive, and requests served concurrently (docs/aws-behaviour.md §22.4).

In flight, for certain: the test holds the store's write lock itself (BEGIN IMMEDIATE on the SQLite file, from
this process), so a CreateSecret the server has read waits inside the server on the store's busy timeout. The
test knows the server has read a request when the server's side of the connection has nothing left to read
(/proc/net/tcp); it knows the server is shutting down when the port refuses connections. Then it lets go of
the lock: every request in flight must finish with 200, and the server exit with 130 (SIGINT) or 143 (SIGTERM)
(SIGHUP: 129) after closing the store (SQLite removes the -wal and -shm files when the last connection closes
cleanly).
"""

from __future__ import annotations

import http.client
import json
import signal
import socket
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials as BotoCredentials
from botocore.exceptions import ClientError

from tests.serve.conftest import Served, boto3_client
from tests.waiting import wait_for

LISTEN, TIME_WAIT = 0x0A, 0x06


def sockets_of(port: int) -> list[tuple[int, int, int, int]]:
    """Every TCP socket of this machine with an end on `port`: (state, local port, remote port, bytes unread)."""
    rows = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            local, remote = (int(address.rsplit(":", 1)[1], 16) for address in fields[1:3])
            if port in (local, remote):
                rows.append((int(fields[3], 16), local, remote, int(fields[4].split(":")[1], 16)))
    return rows


def port_of(served: Served) -> int:
    return int(urlsplit(served.url).port or 0)


def refuses_connections(served: Served) -> bool:
    url = urlsplit(served.url)
    try:
        socket.create_connection((url.hostname or "127.0.0.1", port_of(served)), timeout=5).close()
    except ConnectionRefusedError:
        return True
    return False


@pytest.fixture
def store_lock() -> Iterator[Any]:
    """`hold(store)` takes the store's write lock from this process; `release()` lets go (also at the end)."""
    held: list[sqlite3.Connection] = []

    class Lock:
        def hold(self, store: Path) -> None:
            conn = sqlite3.connect(store, isolation_level=None)
            conn.execute("BEGIN IMMEDIATE")
            held.append(conn)

        def release(self) -> None:
            while held:
                conn = held.pop()
                conn.execute("ROLLBACK")
                conn.close()

    lock = Lock()
    yield lock
    lock.release()


class InFlight:
    """A signed CreateSecret sent whole over its own connection; its answer is read in a thread."""

    def __init__(self, served: Served, name: str, value: str) -> None:
        url = urlsplit(served.url)
        body = json.dumps({"Name": name, "SecretString": value, "ClientRequestToken": str(uuid.uuid4())}).encode()
        headers = {
            "Content-Type": "application/x-amz-json-1.1",
            "X-Amz-Target": "secretsmanager.CreateSecret",
            "Host": url.netloc,
        }
        request = AWSRequest("POST", f"{served.url}/", data=body, headers=headers)
        creds = BotoCredentials(served.env["AWS_ACCESS_KEY_ID"], served.env["AWS_SECRET_ACCESS_KEY"])
        SigV4Auth(creds, "secretsmanager", "us-east-1").add_auth(request)
        self.conn = http.client.HTTPConnection(url.hostname or "127.0.0.1", url.port, timeout=60)
        self.conn.request("POST", "/", body=body, headers=dict(request.headers.items()))
        self.local_port = self.conn.sock.getsockname()[1]
        self.answer: tuple[int, dict[str, Any]] | None = None
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        response = self.conn.getresponse()
        self.answer = (response.status, json.loads(response.read() or b"{}"))
        self.conn.close()

    def read_by_server(self, server_port: int) -> bool:
        """The server's end of this connection has nothing left to read: the server has the request."""
        return any(
            state != LISTEN and local == server_port and remote == self.local_port and unread == 0
            for state, local, remote, unread in sockets_of(server_port)
        )


def served_on(tmp_path: Path, store_dir: Path | None = None, log: str = "serve.log") -> Served:
    folder = store_dir or tmp_path
    served = Served(folder / "store.db", folder / "keys", tmp_path / log)
    served.start()
    return served


@pytest.mark.parametrize(
    ("sig", "code"),
    [
        (signal.SIGINT, 130),
        pytest.param(signal.SIGTERM, 143, marks=pytest.mark.slow),
        pytest.param(signal.SIGHUP, 129, marks=pytest.mark.slow),
    ],
)
def test_stop_signal_lets_requests_in_flight_finish(tmp_path: Path, store_lock: Any, sig: int, code: int) -> None:
    served = served_on(tmp_path)
    process = served.process
    assert process is not None
    try:
        store_lock.hold(served.store)
        values = {f"in-flight/{i}": f"smtui-inflight-marker-{i}-{uuid.uuid4().hex}" for i in range(4)}
        requests = [InFlight(served, name, value) for name, value in values.items()]
        server_port = port_of(served)
        wait_for(lambda: all(r.read_by_server(server_port) for r in requests), "the server to read every request")
        process.send_signal(sig)
        wait_for(lambda: refuses_connections(served), "the server to stop accepting", process=process)
        assert process.poll() is None and all(r.answer is None for r in requests), "nothing answered yet"
        store_lock.release()
        for r in requests:
            r.thread.join(timeout=60)
        assert [r.answer[0] if r.answer else None for r in requests] == [200] * 4, [r.answer for r in requests]
        assert process.wait(timeout=60) == code
    finally:
        served.stop()
    log = served.log_path.read_text()
    assert log.count(" CreateSecret 200 ") == 4 and "internal fault" not in log and "Traceback" not in log
    assert not Path(f"{served.store}-wal").exists(), "the store was closed cleanly"
    # what the server acknowledged is in the store
    check = served_on(tmp_path, log="after.log")
    try:
        client = boto3_client(check)
        for name, value in values.items():
            assert client.get_secret_value(SecretId=name)["SecretString"] == value
    finally:
        assert check.stop(signal.SIGTERM) == 143


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_as_serving_starts_still_closes_the_store(tmp_path: Path, sig: int, code: int) -> None:
    """Stopped the moment it says it listens (before or just as uvicorn takes the signals): the code is the
    signal's and the store is closed cleanly."""
    served = Served(tmp_path / "store.db", tmp_path / "keys", tmp_path / "serve.log")
    served.start()
    assert served.stop(sig) == code
    assert not Path(f"{served.store}-wal").exists(), "the store was closed cleanly"


def test_two_servers_share_one_store(tmp_path: Path) -> None:
    first = served_on(tmp_path, log="first.log")
    second = served_on(tmp_path, log="second.log")
    assert first.url != second.url and first.env["AWS_ACCESS_KEY_ID"] == second.env["AWS_ACCESS_KEY_ID"]
    names = [f"shared/{i:02d}" for i in range(20)]
    won: dict[str, list[str]] = {name: [] for name in names}
    failures: list[str] = []

    def race(served: Served, who: str) -> None:
        client = boto3_client(served)
        for name in names:
            value = f"smtui-shared-marker {who} {uuid.uuid4().hex}"
            try:
                client.create_secret(Name=name, SecretString=value)
            except ClientError as exc:
                if exc.response["Error"]["Code"] != "ResourceExistsException":
                    failures.append(str(exc))
            else:
                won[name].append(value)

    threads = [threading.Thread(target=race, args=(s, f"{s.url}#{i}")) for s in (first, second) for i in range(2)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert failures == []
        assert all(len(values) == 1 for values in won.values()), won
        for served in (first, second):  # each server reads what the other wrote
            client = boto3_client(served)
            for name, (value,) in won.items():
                assert client.get_secret_value(SecretId=name)["SecretString"] == value
    finally:
        codes = (first.stop(), second.stop(signal.SIGTERM))
    assert codes == (130, 143)
    assert not Path(f"{first.store}-wal").exists(), "the store was closed cleanly"
    with sqlite3.connect(first.store) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_one_client_keeps_one_connection(fresh_served: Served) -> None:
    client = boto3_client(fresh_served)
    client.create_secret(Name="keep-alive", SecretString="smtui-keepalive-marker")
    for i in range(49):
        if i % 2:
            client.get_secret_value(SecretId="keep-alive")
        else:
            client.describe_secret(SecretId="keep-alive")
    server_port = port_of(fresh_served)
    ends = sockets_of(server_port)
    client_ports = {remote if local == server_port else local for state, local, remote, _ in ends if state != LISTEN}
    assert len(client_ports) == 1, ends  # closed connections would linger in TIME_WAIT on one side or the other
    assert fresh_served.log_path.read_text().count(" 200 ") == 50


def test_requests_waiting_for_the_store_stall_no_one_else(fresh_served: Served, store_lock: Any) -> None:
    """Requests waiting on the store (its write lock held elsewhere), more of them than asyncio's default pool
    has threads on two cores, stall no one else: 8 threads of boto3 clients get their answers meanwhile."""
    store_lock.hold(fresh_served.store)
    waiting = [InFlight(fresh_served, f"waits-for-the-store/{i}", f"smtui-waiting-marker-{i}") for i in range(8)]
    wait_for(lambda: all(r.read_by_server(port_of(fresh_served)) for r in waiting), "the server to read them")
    answers: list[str] = []

    def calls() -> None:
        client = boto3_client(fresh_served, service="sts")
        for _ in range(10):
            answers.append(client.get_caller_identity()["Account"])

    threads = [threading.Thread(target=calls) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(answers) == 80 and len(set(answers)) == 1
    assert all(r.answer is None for r in waiting), "still waiting for the store"
    store_lock.release()
    for r in waiting:
        r.thread.join(timeout=60)
    assert [r.answer[0] if r.answer else None for r in waiting] == [200] * 8, [r.answer for r in waiting]


def test_a_request_the_http_library_refuses_is_one_stamped_log_line(fresh_served: Served) -> None:
    url = urlsplit(fresh_served.url)
    with socket.create_connection((url.hostname or "127.0.0.1", port_of(fresh_served)), timeout=30) as sock:
        sock.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: smtui-framing-marker\r\n\r\n")
        assert sock.recv(100).startswith(b"HTTP/1.1 400 ")
    assert fresh_served.stop() == 130
    lines = fresh_served.log_path.read_text().splitlines()
    assert [line.split(" ", 1)[1] for line in lines[2:]] == ["smtui serve: http: Invalid HTTP request received."]
    assert lines[2].startswith("20") and lines[2].split(" ")[0].endswith("Z")
