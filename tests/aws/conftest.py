"""Fixtures for the aws backend suite: the real backend against the real moto server over HTTP.

moto is trusted for transport, credentials, endpoints and token idempotency only (docs/aws-behaviour.md §13); the tests
here never assert moto's semantics (replica status, ARN suffix, validation).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from smtui.backends.aws import AwsBackend
from smtui.model import CreateSecretRequest
from smtui.settings import TargetSettings
from tests.conftest import MotoServer

MARKER = 'Zq9-aws-marker-"quoted"\\slash-é-XX'
ACCOUNT = "123456789012"


def request(
    name: str, value: str | bytes | None = MARKER, *, token: str | None = None, **members: Any
) -> CreateSecretRequest:
    """A CreateSecret request with a fresh token (or the one given)."""
    data: dict[str, Any] = {"Name": name, "ClientRequestToken": token or str(uuid.uuid4()), **members}
    if isinstance(value, str):
        data["SecretString"] = value
    elif isinstance(value, bytes):
        data["SecretBinary"] = value
    return CreateSecretRequest.model_validate(data, context={"region": "us-east-1"})


def raw_client(server: MotoServer, service: str = "secretsmanager", region: str = "us-east-1") -> Any:
    """A bare botocore client straight to moto: the independent judge of what the server holds."""
    import botocore.session

    return botocore.session.get_session().create_client(
        service,
        region_name=region,
        endpoint_url=server.url,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


@pytest.fixture
def backend(moto_env: MotoServer) -> Iterator[AwsBackend]:
    """The aws backend on the defaults moto_env sets: AWS_ENDPOINT_URL, fake keys, us-east-1."""
    aws = AwsBackend(TargetSettings(backend="aws"))
    yield aws
    aws.close()
