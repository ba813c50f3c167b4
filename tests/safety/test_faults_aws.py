"""Faults on the wire between smtui and an AWS endpoint: a real moto server behind the fault proxy.

Each test drives the real aws backend (in-process) or the real `smtui create-secret` process through one
fault and checks what a person meets: the exit code of the AWS CLI v2, a message in plain words with the AWS
code and a hint (never a traceback), and on the server exactly one secret with exactly one version, even when
a response was lost and the request retried with the same ClientRequestToken.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import MotoServer
from tests.safety.conftest import run_smtui, smtui_env
from tests.safety.fault_proxy import FaultProxy
from tests.waiting import wait_for

VALUE = "fault-value-Zq9"


def _moto(server: MotoServer) -> Any:
    """A client straight to moto (not through the proxy): the judge of what the server holds."""
    import boto3

    return boto3.client("secretsmanager", endpoint_url=server.url, region_name="us-east-1")


def _versions(server: MotoServer, name: str) -> list[str]:
    sm = _moto(server)
    names = [s["Name"] for s in sm.list_secrets()["SecretList"]]
    assert names.count(name) == 1, names
    return [v["VersionId"] for v in sm.list_secret_version_ids(SecretId=name)["Versions"]]


def _value_file(tmp_path: Path) -> Path:
    path = tmp_path / "value.txt"
    path.write_text(VALUE)
    return path


def _create(
    proxy: FaultProxy, tmp_path: Path, name: str, token: str, *extra: str, env: dict[str, str] | None = None
) -> Any:
    args = [
        "create-secret",
        "--backend",
        "aws",
        "--endpoint-url",
        proxy.url,
        "--region",
        "us-east-1",
        "--name",
        name,
        "--client-request-token",
        token,
        "--secret-string",
        f"file://{_value_file(tmp_path)}",
        *extra,
    ]
    return run_smtui(args, env=env)


def _plain(stderr: bytes) -> str:
    text = stderr.decode()
    assert "Traceback" not in text, text
    assert VALUE not in text
    return text


# ---- the backend in-process: botocore's own retry after a lost response ----


def test_lost_response_is_retried_with_the_same_token(fault_proxy: FaultProxy, moto_env: MotoServer) -> None:
    from smtui.backends.aws import AwsBackend
    from smtui.model import build_request
    from smtui.settings import TargetSettings

    fault_proxy.set_mode("reset", first=1, only="CreateSecret")
    backend = AwsBackend(TargetSettings(backend="aws", endpoint_url=fault_proxy.url, region="us-east-1"))
    token = str(uuid.uuid4())
    request = build_request({"Name": "faults/lost", "ClientRequestToken": token, "SecretString": VALUE})
    result = backend.create_secret(request)
    assert result.VersionId == token
    creates = [s for s in fault_proxy.requests if s.operation == "CreateSecret"]
    assert [s.action for s in creates] == ["reset", "pass"]
    assert {s.token for s in creates} == {token}
    assert _versions(moto_env, "faults/lost") == [token]


# ---- the command line ----


def test_every_response_lost_then_the_person_retries(
    fault_proxy: FaultProxy, moto_env: MotoServer, tmp_path: Path
) -> None:
    """All of botocore's attempts reach the server and lose their answer; the person runs the same command
    again (same --client-request-token): one secret, one version, and the second run succeeds."""
    fault_proxy.set_mode("reset", only="CreateSecret")
    token = str(uuid.uuid4())
    first = _create(fault_proxy, tmp_path, "faults/reset", token)
    assert first.returncode == 255, first.stderr
    text = _plain(first.stderr)
    assert "retry" in text.lower() or "again" in text.lower(), text
    fault_proxy.set_mode("pass")
    second = _create(fault_proxy, tmp_path, "faults/reset", token)
    assert second.returncode == 0, second.stderr
    assert token in second.stdout.decode()
    assert _versions(moto_env, "faults/reset") == [token]


def test_connection_refused(fault_proxy: FaultProxy, tmp_path: Path) -> None:
    fault_proxy.set_mode("refuse")
    out = _create(fault_proxy, tmp_path, "faults/refused", str(uuid.uuid4()), "--cli-connect-timeout", "2")
    assert out.returncode == 255, out.stderr
    text = _plain(out.stderr)
    assert fault_proxy.url in text or "endpoint" in text.lower(), text


def test_read_timeout_then_retry(fault_proxy: FaultProxy, moto_env: MotoServer, tmp_path: Path) -> None:
    """The server is slow: every attempt times out, but each one lands later. The retry with the same token
    leaves one version however the late requests and the retry interleave."""
    fault_proxy.set_mode("delay", delay=1.3, only="CreateSecret")
    token = str(uuid.uuid4())
    env = smtui_env(AWS_MAX_ATTEMPTS="1")
    out = _create(fault_proxy, tmp_path, "faults/slow", token, "--cli-read-timeout", "1", env=env)
    assert out.returncode == 255, out.stderr
    text = _plain(out.stderr)
    assert "time" in text.lower(), text
    fault_proxy.set_mode("pass")
    again = _create(fault_proxy, tmp_path, "faults/slow", token)
    assert again.returncode == 0, again.stderr
    wait_for(lambda: fault_proxy.forwarding == 0, "the held request to land upstream", budget=30)
    assert _versions(moto_env, "faults/slow") == [token]


@pytest.mark.parametrize(
    ("mode", "code", "words"),
    [
        ("error500", "InternalServiceError", "safe"),
        ("throttle", "ThrottlingException", "wait"),
        ("denied", "AccessDeniedException", "secretsmanager:CreateSecret"),
        ("expired", "ExpiredTokenException", "expired"),
    ],
)
def test_service_errors_are_plain(fault_proxy: FaultProxy, tmp_path: Path, mode: Any, code: str, words: str) -> None:
    fault_proxy.set_mode(mode)
    out = _create(fault_proxy, tmp_path, f"faults/{mode}", str(uuid.uuid4()), env=smtui_env(AWS_MAX_ATTEMPTS="2"))
    assert out.returncode == 254, out.stderr
    text = _plain(out.stderr)
    assert code in text, text
    assert words.lower() in text.lower(), text


def test_transient_errors_are_retried_to_success(fault_proxy: FaultProxy, moto_env: MotoServer, tmp_path: Path) -> None:
    fault_proxy.set_mode("error500", first=1, only="CreateSecret")
    token = str(uuid.uuid4())
    out = _create(fault_proxy, tmp_path, "faults/transient", token)
    assert out.returncode == 0, out.stderr
    assert _versions(moto_env, "faults/transient") == [token]


def test_missing_credentials(fault_proxy: FaultProxy, tmp_path: Path) -> None:
    env = smtui_env()
    for var in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        env.pop(var, None)
    out = _create(fault_proxy, tmp_path, "faults/nocreds", str(uuid.uuid4()), env=env)
    assert out.returncode == 253, out.stderr
    text = _plain(out.stderr)
    assert "credentials" in text.lower(), text
    assert fault_proxy.requests == []  # nothing was sent


def test_a_one_letter_value_does_not_mangle_or_reveal_messages(fault_proxy: FaultProxy, tmp_path: Path) -> None:
    """Redacting a registered value from free text must not replace every 'e' of a message when the value is
    'e': the gaps would spell out the value. (Found by this suite: "recei***REDACTED***ed a ***REDACTED***alid".)"""
    fault_proxy.set_mode("reset", only="CreateSecret")
    value = tmp_path / "one.txt"
    value.write_text("e")
    args = [
        "create-secret",
        "--backend",
        "aws",
        "--endpoint-url",
        fault_proxy.url,
        "--region",
        "us-east-1",
        "--name",
        "faults/one-letter",
        "--secret-string",
        f"file://{value}",
    ]
    out = run_smtui(args, env=smtui_env(AWS_MAX_ATTEMPTS="1"))
    assert out.returncode == 255
    text = out.stderr.decode()
    assert "REDACTED" not in text, text
    assert "Connection was closed before we received a valid response" in text, text
