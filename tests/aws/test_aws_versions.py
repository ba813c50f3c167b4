"""The version operations through the aws backend on a moto server over HTTP: the same table as the local store
(tests/local/version_cases.py). Where moto 5.2 answers otherwise than the service, the case says how and runs as a
strict expected failure here (docs/aws-behaviour.md §13): moto is not the judge of the service's semantics, but
the requests, the value's round trip and the answers' shapes travel through the real client and transport.
"""

from __future__ import annotations

import pytest

from smtui.backends.aws import AwsBackend
from tests.aws.conftest import MARKER, raw_client
from tests.conftest import MotoServer
from tests.local.version_cases import CASES, V1, Case, World, expect


def _param(case: Case) -> object:
    marks = [pytest.mark.xfail(reason=case.moto, strict=True)] if case.moto else []
    return pytest.param(case, id=case.id, marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in CASES if c.local_only is None])
def test_version_case_on_moto(backend: AwsBackend, case: Case) -> None:
    expect(case, World(backend), server=True)


def _bodies(backend: AwsBackend, operation: str) -> list[dict[str, object]]:
    """The JSON bodies the client sends for `operation` (what reaches the wire, before moto sees it)."""
    import json

    sent: list[dict[str, object]] = []

    def capture(request: object, **_: object) -> None:
        sent.append(json.loads(getattr(request, "body", b"{}") or b"{}"))

    backend._sm.meta.events.register(f"before-send.secrets-manager.{operation}", capture)
    return sent


def test_put_sends_the_callers_token_and_the_value_once(backend: AwsBackend) -> None:
    """docs/aws-behaviour.md §15.2: the caller's token is the VersionId (a retry is the same request), and the
    value travels only in SecretString."""
    from pydantic import SecretStr

    from smtui.model.lifecycle import PutSecretValueRequest

    w = World(backend)
    w.create("wire/app")
    sent = _bodies(backend, "PutSecretValue")
    token = World.token()
    request = PutSecretValueRequest(
        SecretId="wire/app", ClientRequestToken=token, SecretString=SecretStr(MARKER), VersionStages=["AWSCURRENT"]
    )
    first = backend.put_secret_value(request)
    again = backend.put_secret_value(request)  # a retry after a lost answer: the same version
    assert first.VersionId == again.VersionId == token
    assert sent == [sent[0], sent[0]]
    assert sent[0] == {
        "SecretId": "wire/app",
        "ClientRequestToken": token,
        "SecretString": MARKER,
        "VersionStages": ["AWSCURRENT"],
    }


def test_update_without_a_value_passes_no_token_of_smtuis(backend: AwsBackend) -> None:
    """Without a value the token does not matter (§15.3): smtui passes none; botocore fills its own (an
    idempotency token of the model), which the service ignores. With a value the caller's token is sent."""
    from pydantic import SecretStr

    from smtui.model.lifecycle import UpdateSecretRequest

    World(backend).create("wire/upd")
    sent = _bodies(backend, "UpdateSecret")
    mine = World.token()
    backend.update_secret(UpdateSecretRequest(SecretId="wire/upd", Description="d", ClientRequestToken=mine))
    backend.update_secret(
        UpdateSecretRequest(SecretId="wire/upd", ClientRequestToken=mine, SecretString=SecretStr("Zq9-upd"))
    )
    assert sent[0]["ClientRequestToken"] != mine and sent[0]["Description"] == "d"
    assert sent[1]["ClientRequestToken"] == mine and sent[1]["SecretString"] == "Zq9-upd"


def test_a_refused_put_never_shows_the_value(backend: AwsBackend) -> None:
    from smtui.errors import ServiceError

    w = World(backend)
    v1 = w.create("wire/leak")
    with pytest.raises(ServiceError) as caught:
        w.put("wire/leak", MARKER, token=v1)  # the token of the first version, another value
    err = caught.value
    assert err.code == "ResourceExistsException"
    assert MARKER not in f"{err} {err.message} {err.hint} {err!r}"


def test_update_kms_key_only(backend: AwsBackend, moto_env: MotoServer) -> None:
    """§15.3: KmsKeyId alone answers {ARN, Name}; the secret then names the key (moto checks nothing about the
    key, docs/aws-behaviour.md §13, so only the request's way through is asserted)."""
    from smtui.model.lifecycle import UpdateSecretRequest

    key = raw_client(moto_env, "kms").create_key()["KeyMetadata"]["KeyId"]
    w = World(backend)
    w.create("wire/kms")
    result = backend.update_secret(UpdateSecretRequest(SecretId="wire/kms", KmsKeyId=key))
    assert result.to_aws() == {"ARN": w.vars["arn"], "Name": "wire/kms"}
    assert backend.describe_secret("wire/kms").KmsKeyId == key
    assert w.value("wire/kms") == V1
