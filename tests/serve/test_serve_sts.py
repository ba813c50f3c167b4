"""STS GetCallerIdentity of `smtui serve` through boto3 and raw Query requests, and STS's XML errors
(docs/aws-behaviour.md §22.3)."""

from __future__ import annotations

import http.client
from typing import Any
from urllib.parse import urlsplit

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials as BotoCredentials
from botocore.exceptions import ClientError

from tests.serve.conftest import boto3_client

FORM = "Action=GetCallerIdentity&Version=2011-06-15"
NS = 'xmlns="https://sts.amazonaws.com/doc/2011-06-15/"'


def raw(served: Any, method: str, *, body: str = "", query: str = "", sign: bool = True) -> tuple[int, str, str]:
    env = dict(served.env)
    url = urlsplit(served.url)
    headers = {"Host": url.netloc}
    if method == "POST":
        headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
    request = AWSRequest(method, f"{served.url}/" + (f"?{query}" if query else ""), data=body.encode(), headers=headers)
    if sign:
        creds = BotoCredentials(env["AWS_ACCESS_KEY_ID"], env["AWS_SECRET_ACCESS_KEY"])
        SigV4Auth(creds, "sts", "us-east-1").add_auth(request)
    conn = http.client.HTTPConnection(url.hostname or "127.0.0.1", url.port, timeout=30)
    try:
        conn.request(
            method,
            "/" + (f"?{query}" if query else ""),
            body=body.encode() or None,
            headers=dict(request.headers.items()),
        )
        response = conn.getresponse()
        return response.status, response.getheader("Content-Type") or "", response.read().decode()
    finally:
        conn.close()


def test_boto3_get_caller_identity_is_the_store_account(served: Any) -> None:
    who = boto3_client(served, service="sts").get_caller_identity()
    assert len(who["Account"]) == 12 and who["Account"].isdigit()
    assert who["Arn"] == f"arn:aws:iam::{who['Account']}:user/smtui-local"
    assert who["UserId"]


def test_post_form_reply_is_stss_xml(served: Any) -> None:
    status, content_type, body = raw(served, "POST", body=FORM)
    assert status == 200 and content_type.startswith("text/xml")
    assert body.startswith(f"<GetCallerIdentityResponse {NS}>")
    assert "<GetCallerIdentityResult>" in body and "<RequestId>" in body


def test_get_with_query_parameters(served: Any) -> None:
    status, _ct, body = raw(served, "GET", query=FORM)
    assert status == 200 and "<Account>" in body


def test_wrong_secret_is_signature_does_not_match(served: Any) -> None:
    env = dict(served.env)
    sts = boto3_client(
        served, service="sts", aws_access_key_id=env["AWS_ACCESS_KEY_ID"], aws_secret_access_key="w" * 40
    )
    with pytest.raises(ClientError) as info:
        sts.get_caller_identity()
    err = info.value.response
    assert (err["Error"]["Code"], err["ResponseMetadata"]["HTTPStatusCode"]) == ("SignatureDoesNotMatch", 403)
    assert err["Error"]["Type"] == "Sender"


def test_unknown_access_key_is_invalid_client_token_id(served: Any) -> None:
    sts = boto3_client(served, service="sts", aws_access_key_id="AKSMNOTKNOWNNOTKNOWN", aws_secret_access_key="w" * 40)
    with pytest.raises(ClientError) as info:
        sts.get_caller_identity()
    err = info.value.response
    assert (err["Error"]["Code"], err["Error"]["Message"], err["ResponseMetadata"]["HTTPStatusCode"]) == (
        "InvalidClientTokenId",
        "The security token included in the request is invalid.",
        403,
    )


def test_unsigned_is_missing_authentication_token(served: Any) -> None:
    status, content_type, body = raw(served, "POST", body=FORM, sign=False)
    assert status == 403 and content_type.startswith("text/xml")
    assert "<Code>MissingAuthenticationToken</Code>" in body
    assert "<Message>Request is missing Authentication Token</Message>" in body


def test_unknown_action_is_invalid_action(served: Any) -> None:
    status, _ct, body = raw(served, "POST", body="Action=AssumeRole&Version=2011-06-15")
    assert status == 400 and "<Code>InvalidAction</Code>" in body and f"<ErrorResponse {NS}>" in body
