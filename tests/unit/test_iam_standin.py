"""The IAM stand-in answers botocore's real SimulatePrincipalPolicy parsing: allowed, denied, AccessDenied."""

from __future__ import annotations

import boto3
import pytest
from botocore.exceptions import ClientError

from tests.tools.iam_standin import IamStandIn

ROLE = "arn:aws:iam::123456789012:role/app"


def _iam(url: str):  # type: ignore[no-untyped-def]
    return boto3.client(
        "iam", endpoint_url=url, region_name="us-east-1", aws_access_key_id="AKIDTEST", aws_secret_access_key="x"
    )


def test_one_allowed_one_denied() -> None:
    with IamStandIn({"secretsmanager:CreateSecret": "allowed"}) as standin:
        got = _iam(standin.url).simulate_principal_policy(
            PolicySourceArn=ROLE,
            ActionNames=["secretsmanager:CreateSecret", "kms:Decrypt"],
            ResourceArns=["arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db-??????"],
        )
    assert [(r["EvalActionName"], r["EvalDecision"]) for r in got["EvaluationResults"]] == [
        ("secretsmanager:CreateSecret", "allowed"),
        ("kms:Decrypt", "implicitDeny"),
    ]
    assert standin.requests[0]["PolicySourceArn"] == [ROLE]


def test_access_denied_mode() -> None:
    with IamStandIn(access_denied=True) as standin, pytest.raises(ClientError) as caught:
        _iam(standin.url).simulate_principal_policy(PolicySourceArn=ROLE, ActionNames=["a:b"])
    assert caught.value.response["Error"]["Code"] == "AccessDenied"
