"""Fixtures for the CLI suite: `smtui` run as a real process, a private local store, the moto server.

Most tests use the local store with an opt-in key file in tmp_path, so they need no keyring and stay
xdist-safe; the aws-backend tests use the shared moto server (`moto_env`) and pass --endpoint-url.
"""

from __future__ import annotations

import functools
import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import smtui_env as smtui_env  # re-exported: the CLI tests import it from here

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / ".venv" / "bin" / "smtui"
AWS = REPO / ".venv" / "bin" / "aws"

# Fixed markers: each must appear nowhere but where the test expects it.
MARKER = "Zq9-cli-marker-7Hk"
LITERAL = "Lit3ral-cli-marker-Qx"


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)

    @property
    def both(self) -> str:
        return self.out + self.err


def run(
    args: list[str], *, stdin: bytes | None = None, env: dict[str, str] | None = None, timeout: float = 60
) -> Result:
    """`smtui ARGS` as a subprocess; stdin is a pipe (or /dev/null), never a terminal."""
    cmd = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "smtui"]
    proc = subprocess.run(
        [*cmd, *args],
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        env=env or smtui_env(),
        timeout=timeout,
        check=False,
    )
    return Result(proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace"))


def aws(args: list[str], *, env: dict[str, str] | None = None) -> Result:
    """The AWS CLI (v1, from the test dependencies) as the independent client, always in a process of its own.

    `aws secretsmanager CMD --generate-cli-skeleton` answers come from one AWS CLI process that printed the
    input skeleton of every Secrets Manager command at the first such call (a skeleton needs neither the
    network nor any configuration), a tenth of the time of one process per call; every other call is a real
    `aws` process. Never in this process: a test that changes shared state here must not reach the client.
    """
    if env is None and len(args) == 3 and args[0] == "secretsmanager" and args[2] == "--generate-cli-skeleton":
        return _aws_skeletons()[args[1]]
    proc = subprocess.run(
        [str(AWS), *args],
        capture_output=True,
        env=env or smtui_env(),
        timeout=60,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    return Result(proc.returncode, proc.stdout.decode(), proc.stderr.decode())


_SKELETONS = """
import contextlib, io, json, sys
from awscli.clidriver import create_clidriver
from botocore.session import Session

out = {}
for op in Session().get_service_model("secretsmanager").operation_names:
    name = "".join("-" + c.lower() if c.isupper() else c for c in op).lstrip("-")
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = create_clidriver().main(["secretsmanager", name, "--generate-cli-skeleton"])
    out[name] = [int(code), stdout.getvalue(), stderr.getvalue()]
json.dump(out, sys.stdout)
"""


@functools.cache
def _aws_skeletons() -> dict[str, Result]:
    python = AWS.with_name("python")
    proc = subprocess.run(
        [str(python), "-c", _SKELETONS],
        capture_output=True,
        env=smtui_env(),
        timeout=120,
        check=True,
        stdin=subprocess.DEVNULL,
    )
    return {name: Result(*answer) for name, answer in json.loads(proc.stdout).items()}


@pytest.fixture
def local(tmp_path: Path) -> list[str]:
    """Options for a private local store with an opt-in key file (no keyring needed)."""
    return [
        "--backend",
        "local",
        "--store",
        str(tmp_path / "store" / "s.db"),
        "--key-file",
        str(tmp_path / "key"),
    ]


def seed(local_opts: list[str], names: list[str], value: str = "v") -> None:
    """Create secrets in-process (cheaper than a process each) for tests about other commands."""
    from smtui.backends import open_backend
    from smtui.model import build_request
    from smtui.settings import TargetSettings

    store = open_backend(TargetSettings(backend="local", store=Path(local_opts[3]), key_file=Path(local_opts[5])))
    try:
        for name in names:
            store.create_secret(build_request({"Name": name, "SecretString": value}))
    finally:
        store.close()


@pytest.fixture
def inproc(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """`smtui.cli.main(ARGS)` in this process (no ~0.3 s process start), stdout/stderr captured.

    stdin is a pipe-like BytesIO (never a terminal). harden_process() is skipped: in-process it would make
    the test worker itself non-dumpable with a core limit of 0 for every later subprocess (it is tested on
    real processes in tests/safety).
    """
    import io

    from smtui import hardening
    from smtui.cli import main

    monkeypatch.setattr(hardening, "harden_process", lambda: None)
    monkeypatch.delenv("AWS_DEFAULT_OUTPUT", raising=False)

    def call(args: list[str], *, stdin: bytes = b"") -> Result:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        capsys.readouterr()
        code = main(args)
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return call
