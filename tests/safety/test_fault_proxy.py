"""The fault proxy itself, driven by a bare boto3 client (so the harness is proven before smtui uses it)."""

from __future__ import annotations

import time
import uuid
from typing import Any

import pytest

from tests.safety.fault_proxy import FaultProxy


def _client(url: str, *, attempts: int = 3, read_timeout: float = 5) -> Any:
    import boto3
    from botocore.config import Config

    cfg = Config(retries={"mode": "standard", "max_attempts": attempts}, read_timeout=read_timeout, connect_timeout=2)
    return boto3.client("secretsmanager", endpoint_url=url, region_name="us-east-1", config=cfg)


def test_pass_through(fault_proxy: FaultProxy) -> None:
    sm = _client(fault_proxy.url)
    out = sm.create_secret(Name="proxy/pass", SecretString="v")
    assert out["Name"] == "proxy/pass"
    assert fault_proxy.operations() == ["CreateSecret"]


def test_reset_after_request_is_applied_and_retry_is_idempotent(fault_proxy: FaultProxy) -> None:
    fault_proxy.set_mode("reset", first=1, only="CreateSecret")
    token = str(uuid.uuid4())
    sm = _client(fault_proxy.url)
    out = sm.create_secret(Name="proxy/reset", SecretString="v", ClientRequestToken=token)
    assert out["VersionId"] == token
    seen = [s for s in fault_proxy.requests if s.operation == "CreateSecret"]
    assert [s.action for s in seen] == ["reset", "pass"]
    assert {s.token for s in seen} == {token}
    versions = sm.list_secret_version_ids(SecretId="proxy/reset")["Versions"]
    assert [v["VersionId"] for v in versions] == [token]


@pytest.mark.parametrize(
    ("mode", "code"),
    [
        ("error500", "InternalServiceError"),
        ("throttle", "ThrottlingException"),
        ("denied", "AccessDeniedException"),
        ("expired", "ExpiredTokenException"),
    ],
)
def test_canned_errors(fault_proxy: FaultProxy, mode: Any, code: str) -> None:
    from botocore.exceptions import ClientError

    fault_proxy.set_mode(mode)
    with pytest.raises(ClientError) as err:
        _client(fault_proxy.url, attempts=1).create_secret(Name="proxy/err", SecretString="v")
    assert err.value.response["Error"]["Code"] == code


def test_first_n_then_pass(fault_proxy: FaultProxy) -> None:
    fault_proxy.set_mode("error500", first=2)
    out = _client(fault_proxy.url, attempts=3).create_secret(Name="proxy/n", SecretString="v")
    assert out["Name"] == "proxy/n"
    assert [s.action for s in fault_proxy.requests] == ["error500", "error500", "pass"]


def test_refuse_then_resume(fault_proxy: FaultProxy) -> None:
    from botocore.exceptions import EndpointConnectionError

    fault_proxy.set_mode("refuse")
    with pytest.raises(EndpointConnectionError):
        _client(fault_proxy.url, attempts=1).list_secrets()
    fault_proxy.set_mode("pass")
    assert _client(fault_proxy.url).list_secrets()["SecretList"] == []


def test_delay_is_a_read_timeout(fault_proxy: FaultProxy) -> None:
    from botocore.exceptions import ReadTimeoutError

    fault_proxy.set_mode("delay", delay=2.0)
    start = time.monotonic()
    with pytest.raises(ReadTimeoutError):
        _client(fault_proxy.url, attempts=1, read_timeout=0.5).list_secrets()
    assert time.monotonic() - start < 1.9
