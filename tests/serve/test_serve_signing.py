"""Request signing against the real `smtui serve` subprocess: every refusal with the service's code, HTTP status
and message, requests signed by botocore's own signer and sent over raw HTTP (docs/aws-behaviour.md
§22.3). A client clock 6 minutes off is botocore's clock patched in this process (the client's
side only: the server runs its real clock in its own process).
"""

from __future__ import annotations

import datetime
import http.client
import json
import os
import subprocess
import sys
from typing import Any
from unittest import mock
from urllib.parse import urlsplit

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials as BotoCredentials
from botocore.exceptions import ClientError

from tests.conftest import smtui_env
from tests.serve.conftest import boto3_client

MISMATCH = (
    "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access "
    "Key and signing method. Consult the service documentation for details."
)


def env_of(served: Any) -> dict[str, str]:
    return dict(served.env)


def send(
    served: Any,
    *,
    target: str = "secretsmanager.ListSecrets",
    body: bytes = b"{}",
    service: str = "secretsmanager",
    region: str = "us-east-1",
    akid: str | None = None,
    secret: str | None = None,
    skew: datetime.timedelta = datetime.timedelta(0),
    after_signing: dict[str, str] | None = None,
    sent_body: bytes | None = None,
    drop: tuple[str, ...] = (),
) -> tuple[int, dict[str, str], dict[str, Any]]:
    """One request signed by botocore (SigV4Auth.add_auth, as the SDK signs) and sent over http.client."""
    env = env_of(served)
    url = urlsplit(served.url)
    host = url.netloc
    headers = {"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": target, "Host": host}
    request = AWSRequest("POST", f"{served.url}/", data=body, headers=headers)
    creds = BotoCredentials(akid or env["AWS_ACCESS_KEY_ID"], secret or env["AWS_SECRET_ACCESS_KEY"])
    when = datetime.datetime.now(datetime.UTC).replace(tzinfo=None) + skew
    with mock.patch("botocore.auth.get_current_datetime", return_value=when):
        SigV4Auth(creds, service, region).add_auth(request)
    out = {k: v for k, v in request.headers.items() if k.lower() not in drop}
    out.update(after_signing or {})
    conn = http.client.HTTPConnection(url.hostname or "127.0.0.1", url.port, timeout=30)
    try:
        conn.request("POST", "/", body=body if sent_body is None else sent_body, headers=out)
        response = conn.getresponse()
        raw = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, json.loads(raw or b"{}")
    finally:
        conn.close()


def assert_refused(answer: tuple[int, dict[str, str], dict[str, Any]], code: str, message: str) -> None:
    status, headers, body = answer
    assert status == 400, answer
    assert body.get("__type", "").rsplit("#", 1)[-1] == code, answer
    assert body.get("message") == message, answer
    assert headers.get("x-amzn-errortype", "").split(":")[0] == code


def test_signed_request_is_served(served: Any) -> None:
    status, _headers, body = send(served)
    assert status == 200 and body.get("SecretList") == []


def test_wrong_secret_key(served: Any) -> None:
    assert_refused(send(served, secret="x" * 40), "InvalidSignatureException", MISMATCH)


def test_unknown_access_key(served: Any) -> None:
    assert_refused(
        send(served, akid="AKSMNOTTHEKEYNOTTHE0"),
        "UnrecognizedClientException",
        "The security token included in the request is invalid.",
    )


def test_missing_authorization(served: Any) -> None:
    assert_refused(
        send(served, drop=("authorization",)), "MissingAuthenticationTokenException", "Missing Authentication Token"
    )


def test_tampered_body(served: Any) -> None:
    body = json.dumps({"Name": "app/a", "SecretString": "v", "ClientRequestToken": "a" * 32}).encode()
    tampered = body.replace(b"app/a", b"app/b")
    answer = send(served, target="secretsmanager.CreateSecret", body=body, sent_body=tampered)
    assert_refused(answer, "InvalidSignatureException", MISMATCH)


def test_wrong_service_in_scope(served: Any) -> None:
    assert_refused(
        send(served, service="kms"),
        "InvalidSignatureException",
        "Credential should be scoped to correct service: 'secretsmanager'. ",
    )


def test_invalid_region_in_scope(served: Any) -> None:
    assert_refused(
        send(served, region="nowhere"),
        "InvalidSignatureException",
        "Credential should be scoped to a valid region, not 'nowhere'. ",
    )


@pytest.mark.parametrize(("minutes", "words"), [(-6, "Signature expired: "), (6, "Signature not yet current: ")])
def test_date_outside_the_window(served: Any, minutes: int, words: str) -> None:
    status, _headers, body = send(served, skew=datetime.timedelta(minutes=minutes))
    assert status == 400 and body["__type"].endswith("InvalidSignatureException")
    message = body["message"]
    assert message.startswith(words)
    assert message.endswith(" - 5 min.)" if minutes < 0 else " + 5 min.)")
    assert (" is now earlier than " if minutes < 0 else " is still later than ") in message


def test_proxy_added_unsigned_header_is_accepted(served: Any) -> None:
    status, _h, _b = send(served, after_signing={"X-Forwarded-For": "10.1.2.3", "Via": "1.1 corp-proxy"})
    assert status == 200


def test_region_of_the_scope_serves_the_request(served: Any) -> None:
    eu = boto3_client(served, region="eu-west-1")
    eu.create_secret(Name="only/in/eu", SecretString="v")
    assert [s["Name"] for s in eu.list_secrets()["SecretList"]] == ["only/in/eu"]
    assert boto3_client(served, region="us-west-2").list_secrets()["SecretList"] == []


def test_boto3_with_a_wrong_secret_gets_the_error(served: Any) -> None:
    env = env_of(served)
    client = boto3_client(served, aws_access_key_id=env["AWS_ACCESS_KEY_ID"], aws_secret_access_key="y" * 40)
    with pytest.raises(ClientError) as info:
        client.list_secrets()
    assert info.value.response["Error"]["Code"] == "InvalidSignatureException"
    assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_print_env_prints_the_exports(tmp_path: Any) -> None:
    """--print-env prints export lines a shell can eval, the same credentials each time, and serves nothing."""
    args = [
        sys.executable,
        "-m",
        "smtui",
        "serve",
        "--print-env",
        "--port",
        "4999",
        "--region",
        "eu-central-1",
        "--store",
        str(tmp_path / "store" / "s.db"),
        "--key-file",
        str(tmp_path / "key"),
    ]
    first = subprocess.run(args, capture_output=True, text=True, env=smtui_env(), timeout=60, check=False)
    assert first.returncode == 0, first.stderr
    lines = dict(line.removeprefix("export ").split("=", 1) for line in first.stdout.splitlines() if line)
    assert lines["AWS_ACCESS_KEY_ID"].startswith("AKSM") and len(lines["AWS_ACCESS_KEY_ID"]) == 20
    assert len(lines["AWS_SECRET_ACCESS_KEY"]) == 40
    assert lines["AWS_ENDPOINT_URL_SECRETS_MANAGER"] == "http://127.0.0.1:4999"
    assert lines["AWS_REGION"] == "eu-central-1"
    again = subprocess.run(args, capture_output=True, text=True, env=smtui_env(), timeout=60, check=False)
    assert again.stdout == first.stdout
    assert lines["AWS_SECRET_ACCESS_KEY"] not in first.stderr
    assert oct(os.stat(tmp_path / "key").st_mode & 0o777) == "0o600"


def test_plain_start_log_never_shows_the_secret(served: Any) -> None:
    send(served)
    send(served, secret="z" * 40)
    log = served.log_path.read_text()
    secret = env_of(served)["AWS_SECRET_ACCESS_KEY"]
    assert secret not in log
    assert "Signature=" not in log and "Authorization" not in log
