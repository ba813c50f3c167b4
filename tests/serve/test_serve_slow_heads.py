"""A local program without credentials cannot stop `smtui serve` answering by holding half-sent requests.

Found from outside: uvicorn times a connection out only between requests, never while its head is arriving, so
100 connections each sending `POST / HTTP/1.1\\r\\nHost: h\\r\\n` and nothing more held a server limited to 64 open
files until it answered no one, and asyncio logged a traceback on every accept attempt (22,484 lines in about a
second). Now a head must arrive whole within a deadline (10 s; 1 s here through SMTUI_SERVE_HEAD_DEADLINE), so the
held connections are closed and a signed client is answered again; the log holds no traceback.
"""

from __future__ import annotations

import resource
import socket
import subprocess
from pathlib import Path

from tests.conftest import smtui_env
from tests.serve.conftest import LISTENING, Served, boto3_client
from tests.waiting import wait_for

FILES = 64
HELD = 100
HALF_HEAD = b"POST / HTTP/1.1\r\nHost: h\r\n"


def _few_files() -> None:
    resource.setrlimit(resource.RLIMIT_NOFILE, (FILES, FILES))


def _hold(port: int) -> list[socket.socket]:
    held = []
    for _ in range(HELD):
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        sock.sendall(HALF_HEAD)
        held.append(sock)
    return held


def test_half_sent_heads_are_closed_and_signed_clients_answered(tmp_path: Path) -> None:
    served = Served(tmp_path / "store.db", tmp_path / "keys", tmp_path / "serve.log")
    served.env = served.print_env()
    with served.log_path.open("ab") as log:
        served.process = subprocess.Popen(
            served.command("--port", "0"),
            env=smtui_env(SMTUI_SERVE_HEAD_DEADLINE="1"),
            stdout=subprocess.DEVNULL,
            stderr=log,
            stdin=subprocess.DEVNULL,
            preexec_fn=_few_files,
        )
    try:
        found = wait_for(lambda: LISTENING.match(served.log_path.read_text()), "the server to listen")
        assert found is not None
        served.url = found.group(1)
        port = int(served.url.rsplit(":", 1)[1])
        held = _hold(port)
        try:
            client = boto3_client(served)

            def answered() -> bool:
                try:
                    client.list_secrets()
                except Exception:
                    return False
                return True

            wait_for(answered, "a signed call answered while the half-sent heads are held", budget=30)
            closed = sum(1 for sock in held if sock.recv(1) == b"")  # the server closed them: EOF
            assert closed >= HELD - FILES, closed
        finally:
            for sock in held:
                sock.close()
        assert "Traceback" not in served.log_path.read_text()
    finally:
        assert served.stop() == 130
