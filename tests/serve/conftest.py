"""A real `smtui serve` subprocess on a free loopback port, and boto3 clients signed for it.

Why a subprocess: the server is tested as people run it (its own process, its own clock, its signals, its log on
stderr), and every client (boto3, the AWS CLI, raw http.client) reaches it over real HTTP. The credentials come
from `smtui serve --print-env`, as the README tells people to get them. One server per test module (start-up
costs about half a second); tests that need an empty store use `fresh_served`.
"""

from __future__ import annotations

import re
import shlex
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.config import Config

from tests.conftest import smtui_env
from tests.waiting import wait_for

LISTENING = re.compile(r"^smtui serve: listening on (http://\S+) ")
EXPORT = re.compile(r"^export (\w+)=(.*)$")


@dataclass
class Served:
    """A running `smtui serve`: its URL, the environment a client needs, its log file and process."""

    store: Path
    key_file: Path
    log_path: Path
    process: subprocess.Popen[bytes] | None = None
    url: str = ""
    env: dict[str, str] = field(default_factory=dict)
    insecure: bool = False
    extra_env: dict[str, str] = field(default_factory=dict)  # more of the server's environment (e.g. a delay)

    def command(self, *extra: str) -> list[str]:
        base = [sys.executable, "-m", "smtui", "--store", str(self.store), "--key-file", str(self.key_file)]
        return [*base, "serve", *extra]

    def print_env(self) -> dict[str, str]:
        """What `smtui serve --print-env` exports for this store (as a shell's eval would read it)."""
        printed = subprocess.run(
            self.command("--print-env"), env=smtui_env(), capture_output=True, text=True, timeout=60, check=True
        )
        exports = {}
        for line in printed.stdout.splitlines():
            if found := EXPORT.match(line):
                exports[found.group(1)] = shlex.split(found.group(2))[0]
        return exports

    def start(self, *extra: str) -> None:
        exports = self.print_env()
        flags = ["--port", "0", *(["--insecure-any-credentials"] if self.insecure else []), *extra]
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                self.command(*flags),
                env=smtui_env(**self.extra_env),
                stdout=subprocess.DEVNULL,
                stderr=log,
                stdin=subprocess.DEVNULL,
            )
        process = self.process
        wait_for(
            lambda: LISTENING.match(self.log_path.read_text()) is not None or process.poll() is not None,
            "smtui serve to listen",
        )
        found = LISTENING.match(self.log_path.read_text())
        assert found is not None, self.log_path.read_text()
        self.url = found.group(1)
        self.env = {
            **exports,
            "AWS_ENDPOINT_URL": self.url,
            "AWS_ENDPOINT_URL_SECRETS_MANAGER": self.url,
            "AWS_ENDPOINT_URL_KMS": self.url,
            "AWS_ENDPOINT_URL_STS": self.url,
        }

    def stop(self, sig: int = signal.SIGINT) -> int:
        """Stop the server with `sig` and return its exit code."""
        assert self.process is not None
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait(timeout=30)

    def client_env(self, **extra: str) -> dict[str, str]:
        """The environment of a client process (the AWS CLI, a program): the exports, this server's endpoint."""
        env = smtui_env(**{"AWS_DEFAULT_REGION": self.env.get("AWS_REGION", "us-east-1"), **self.env})
        env.update(extra)
        return env


def boto3_client(served: Served, *, service: str = "secretsmanager", region: str = "us-east-1", **kw: Any) -> Any:
    """A boto3 client signed with the server's credentials, no retries (a refusal costs exactly one request)."""
    session = boto3.session.Session(
        aws_access_key_id=kw.pop("aws_access_key_id", served.env["AWS_ACCESS_KEY_ID"]),
        aws_secret_access_key=kw.pop("aws_secret_access_key", served.env["AWS_SECRET_ACCESS_KEY"]),
        region_name=region,
    )
    config = Config(retries={"max_attempts": 1, "mode": "standard"}, connect_timeout=10, read_timeout=60)
    return session.client(service, endpoint_url=served.url, config=config, **kw)


def _start(tmp: Path, *, insecure: bool = False, env: dict[str, str] | None = None) -> Served:
    served = Served(tmp / "store.db", tmp / "keys", tmp / "serve.log", insecure=insecure, extra_env=dict(env or {}))
    served.start()
    return served


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One server for the module (tests use their own names)."""
    server = _start(tmp_path_factory.mktemp("served"))
    yield server
    server.stop()


@pytest.fixture
def fresh_served(tmp_path: Path) -> Iterator[Served]:
    """A server on a new, empty store, for a test that counts what the store holds."""
    server = _start(tmp_path)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def insecure_served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    server = _start(tmp_path_factory.mktemp("insecure"), insecure=True)
    yield server
    server.stop()


ENDPOINT_VARS = ("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SECRETS_MANAGER", "AWS_ENDPOINT_URL_KMS", "AWS_ENDPOINT_URL_STS")
AWS_SETTINGS = (*ENDPOINT_VARS, "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE")


def signed_env(served: Served) -> dict[str, str]:
    """A client process's environment with the server's credentials and region but no endpoint: the client is
    pointed at the server only by its own `--endpoint-url`."""
    env = {k: v for k, v in smtui_env().items() if k not in AWS_SETTINGS}
    env.update({k: v for k, v in served.env.items() if k not in ENDPOINT_VARS})
    return env


def after_print_env(served: Served, script: str, *, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run the shell `script` after `eval "$(smtui serve --print-env --port PORT)"`, as a person would: the shell
    starts with no AWS credentials, region or endpoint, so whatever reaches the server came from the export lines."""
    port = served.url.rsplit(":", 1)[1]
    smtui = shlex.join([*served.command("--print-env", "--port", port)])
    env = {k: v for k, v in smtui_env().items() if k not in (*AWS_SETTINGS, "AWS_REGION", "AWS_DEFAULT_REGION")}
    shell = f'set -eu\neval "$({smtui})"\n{script}'
    return subprocess.run(["bash", "-c", shell], env=env, capture_output=True, text=True, timeout=timeout, check=False)


def logged(served: Served, *operations: str) -> str:
    """The server's log once it holds a line for each operation, in order (a request's line is written as the
    request ends, possibly just after the client has its answer)."""

    def holds_all() -> str:
        text = served.log_path.read_text()
        position = 0
        for operation in operations:
            found = re.compile(rf"^\S+ {re.escape(operation)}\b", re.MULTILINE).search(text, position)
            if found is None:
                return ""
            position = found.end()
        return text

    return wait_for(holds_all, f"log lines for {', '.join(operations)}", detail=served.log_path.read_text)
