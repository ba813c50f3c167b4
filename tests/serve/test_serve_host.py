"""Where `smtui serve` may listen: loopback addresses only, a free port, the local backend (docs/aws-behaviour.md
§22.4). Every refusal is exit 252 with plain words on stderr, and nothing is served."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import smtui_env
from tests.local.smtui_cli import smtui
from tests.serve.conftest import Served, boto3_client


def run_serve(tmp_path: Path, *args: str, before: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "smtui", "--store", str(tmp_path / "store.db"), "--key-file", str(tmp_path / "k")]
    return subprocess.run(
        [*command, *before, "serve", *args],
        env=smtui_env(),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.1", "example.com", "::"])  # noqa: S104 (refused)
def test_a_host_that_is_not_loopback_is_refused(tmp_path: Path, host: str) -> None:
    done = run_serve(tmp_path, "--host", host, "--port", "0")
    assert done.returncode == 252, done.stderr
    assert f"--host {host!r} is not a loopback address" in done.stderr
    assert "served to this machine only" in done.stderr and "Traceback" not in done.stderr
    assert "listening" not in done.stderr


def can_listen(family: socket.AddressFamily, address: str) -> bool:
    try:
        with socket.socket(family, socket.SOCK_STREAM) as sock:
            sock.bind((address, 0))
    except OSError:
        return False
    return True


@pytest.mark.parametrize(
    ("host", "family", "address"), [("localhost", socket.AF_INET, "127.0.0.1"), ("::1", socket.AF_INET6, "::1")]
)
def test_loopback_hosts_are_served(tmp_path: Path, host: str, family: socket.AddressFamily, address: str) -> None:
    if not can_listen(family, address):
        pytest.skip(f"this machine has no {address} to listen on")
    served = Served(tmp_path / "store.db", tmp_path / "keys", tmp_path / "serve.log")
    served.start("--host", host)
    try:
        shown = f"[{address}]" if ":" in address else address
        assert served.url.startswith(f"http://{shown}:")
        assert boto3_client(served, service="sts").get_caller_identity()["Account"]
    finally:
        assert served.stop() == 130


def test_a_port_in_use_is_refused(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        done = run_serve(tmp_path, "--port", str(port))
    assert done.returncode == 252, done.stderr
    assert f"cannot listen on 127.0.0.1 port {port}" in done.stderr and "Choose another --port" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("port", ["-1", "65536"])
def test_a_port_out_of_range_is_refused(tmp_path: Path, port: str) -> None:
    done = run_serve(tmp_path, "--port", port)
    assert done.returncode == 252, done.stderr
    assert "is not a port (0 to 65535)" in done.stderr


def test_the_aws_backend_is_refused(tmp_path: Path) -> None:
    done = run_serve(tmp_path, "--port", "0", before=("--backend", "aws"))
    assert done.returncode == 252, done.stderr
    assert "smtui serve serves the local store (--backend local)" in done.stderr
    assert "listening" not in done.stderr and "Traceback" not in done.stderr


def test_print_env_with_port_0_is_refused_in_words(tmp_path: Path) -> None:
    """--port 0 picks a port only when the server starts: --print-env cannot name the endpoint then (it used to
    print port 4566, where nothing listened)."""
    out = smtui(tmp_path / "s.db", tmp_path / "k", "serve", "--print-env", "--port", "0")
    assert out.returncode == 252
    assert "--print-env with --port 0" in out.stderr and out.stdout == ""
