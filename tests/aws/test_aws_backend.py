"""The aws backend against a real moto server over HTTP: create, idempotent retry, errors mapped, round trips.

Only transport-level facts are asserted (what was sent and what came back); moto's semantics are wrong in many
places (docs/aws-behaviour.md §13), so replica statuses, ARN suffixes and validation are not checked against it.
"""

from __future__ import annotations

import re
import uuid

import pytest

from smtui.backends.aws import AwsBackend
from smtui.backends.base import ListFilter
from smtui.errors import EXIT_SERVICE, ParameterError, ServiceError
from smtui.model import CreateSecretRequest
from smtui.settings import TargetSettings
from tests.aws.conftest import ACCOUNT, MARKER, raw_client, request
from tests.conftest import MotoServer

ARN = re.compile(rf"^arn:aws:secretsmanager:us-east-1:{ACCOUNT}:secret:app/db-[A-Za-z0-9]{{6}}$")


def test_create_with_tags_and_two_replicas(backend: AwsBackend, moto_env: MotoServer) -> None:
    req = request(
        "app/db",
        Description="the db",
        Tags=[{"Key": "env", "Value": "dev"}, {"Key": "team"}],
        AddReplicaRegions=[{"Region": "eu-west-1"}, {"Region": "us-west-2", "KmsKeyId": "alias/x"}],
    )
    result = backend.create_secret(req)
    assert ARN.match(result.ARN), result.ARN
    assert (result.Name, result.VersionId) == ("app/db", req.ClientRequestToken)
    assert {r.Region for r in result.ReplicationStatus or []} == {"eu-west-1", "us-west-2"}
    # what the server holds, read by an independent client
    described = raw_client(moto_env).describe_secret(SecretId="app/db")
    assert {(t["Key"], t["Value"]) for t in described["Tags"]} == {("env", "dev"), ("team", "")}
    assert described["Description"] == "the db"
    assert {r["Region"] for r in described["ReplicationStatus"]} == {"eu-west-1", "us-west-2"}
    value = raw_client(moto_env).get_secret_value(SecretId="app/db")
    assert value["SecretString"] == MARKER


def test_binary_value_round_trip(backend: AwsBackend) -> None:
    blob = bytes(range(256))
    backend.create_secret(request("bin/key", blob))
    got = backend.get_secret_value("bin/key")
    assert got.SecretBinary is not None and got.SecretBinary.get_secret_value() == blob
    assert got.SecretString is None


def test_secret_without_value_has_no_version(backend: AwsBackend) -> None:
    result = backend.create_secret(request("empty/one", None))
    assert result.VersionId is None


def test_retry_with_the_same_token_is_a_no_op(backend: AwsBackend, moto_env: MotoServer) -> None:
    req = request("app/retry")
    first = backend.create_secret(req)
    second = backend.create_secret(req)
    assert (second.ARN, second.VersionId) == (first.ARN, first.VersionId)
    versions = raw_client(moto_env).list_secret_version_ids(SecretId="app/retry")["Versions"]
    assert [v["VersionId"] for v in versions] == [req.ClientRequestToken]


def test_same_token_other_value_is_resource_exists(backend: AwsBackend) -> None:
    token = str(uuid.uuid4())
    backend.create_secret(request("app/token", token=token))
    with pytest.raises(ServiceError) as caught:
        backend.create_secret(request("app/token", "another-value-Zq9", token=token))
    err = caught.value
    assert (err.code, err.field, err.exit_code) == ("ResourceExistsException", "Name", EXIT_SERVICE)
    assert token in err.message
    assert "another-value-Zq9" not in f"{err} {err.hint}"


def test_name_taken_is_mapped_with_field_and_hint(backend: AwsBackend) -> None:
    backend.create_secret(request("app/taken"))
    with pytest.raises(ServiceError) as caught:
        backend.create_secret(request("app/taken"))
    err = caught.value
    assert (err.code, err.field, err.http_status, err.retryable) == ("ResourceExistsException", "Name", 400, False)
    assert err.hint and "already exists" in err.hint
    assert str(err).startswith("An error occurred (ResourceExistsException): ")
    assert MARKER not in str(err)


def test_request_without_token_is_refused_before_sending(backend: AwsBackend, moto_env: MotoServer) -> None:
    req = CreateSecretRequest.model_validate({"Name": "app/notoken", "SecretString": MARKER})
    assert req.ClientRequestToken is None
    with pytest.raises(ParameterError) as caught:
        backend.create_secret(req)
    assert caught.value.field == "ClientRequestToken"
    assert raw_client(moto_env).list_secrets()["SecretList"] == []


def test_describe_get_list_delete_restore_round_trip(backend: AwsBackend) -> None:
    created = backend.create_secret(request("app/db", Tags=[{"Key": "env", "Value": "dev"}]))
    described = backend.describe_secret("app/db")
    assert (described.ARN, described.Name, described.DeletedDate) == (created.ARN, "app/db", None)
    assert described.VersionIdsToStages == {created.VersionId: ["AWSCURRENT"]}
    assert [(t.Key, t.Value) for t in described.Tags or []] == [("env", "dev")]
    assert backend.describe_secret(created.ARN).Name == "app/db"

    got = backend.get_secret_value("app/db")
    assert got.SecretString is not None and got.SecretString.get_secret_value() == MARKER
    assert MARKER not in repr(got) and MARKER not in str(got.to_aws())
    assert got.VersionStages == ["AWSCURRENT"]
    assert backend.get_secret_value("app/db", version_id=created.VersionId).VersionId == created.VersionId
    assert backend.get_secret_value("app/db", version_stage="AWSCURRENT").VersionId == created.VersionId

    backend.create_secret(request("other/one"))
    page = backend.list_secrets(filters=[ListFilter("name", ("app/",))], sort_order="asc")
    assert [s.Name for s in page.SecretList] == ["app/db"]
    assert backend.list_secrets(max_results=1).NextToken is not None

    deleted = backend.delete_secret("app/db", recovery_window_in_days=7)
    assert deleted.ARN == created.ARN and deleted.DeletionDate is not None
    assert backend.describe_secret("app/db").DeletedDate is not None
    assert backend.check_name("app/db").State == "scheduled-for-deletion"
    assert "app/db" not in [s.Name for s in backend.list_secrets().SecretList]
    assert "app/db" in [s.Name for s in backend.list_secrets(include_planned_deletion=True).SecretList]

    assert backend.restore_secret("app/db").ARN == created.ARN
    assert backend.describe_secret("app/db").DeletedDate is None
    assert backend.check_name("app/db").State == "taken"

    backend.delete_secret("app/db", force_delete_without_recovery=True)
    assert backend.check_name("app/db").State == "free"
    with pytest.raises(ServiceError) as caught:
        backend.get_secret_value("app/db")
    assert caught.value.code == "ResourceNotFoundException" and caught.value.hint


def test_whoami_and_target(backend: AwsBackend, moto_env: MotoServer) -> None:
    me = backend.whoami()
    assert me.Account == ACCOUNT and me.Arn.startswith("arn:aws:")
    assert backend.region == "us-east-1"
    target = backend.describe_target()
    assert target == f"AWS (default credentials), region us-east-1, endpoint {moto_env.url}"


def test_regions_come_from_the_partition(backend: AwsBackend) -> None:
    regions = backend.regions()
    assert {"us-east-1", "eu-west-1", "ap-southeast-2"} <= set(regions)
    assert not any(r.startswith(("cn-", "us-gov-")) for r in regions)
    assert regions == sorted(regions)


def test_regions_of_another_partition(moto_env: MotoServer) -> None:
    assert AwsBackend(TargetSettings(backend="aws", region="cn-north-1")).regions() == ["cn-north-1", "cn-northwest-1"]


def test_kms_keys_default_first_then_eligible_customer_keys(backend: AwsBackend, moto_env: MotoServer) -> None:
    kms = raw_client(moto_env, "kms")
    good = kms.create_key(Description="app key")["KeyMetadata"]["KeyId"]
    kms.create_alias(AliasName="alias/app", TargetKeyId=good)
    kms.create_alias(AliasName="alias/also-app", TargetKeyId=good)
    bare = kms.create_key()["KeyMetadata"]["KeyId"]
    disabled = kms.create_key()["KeyMetadata"]["KeyId"]
    kms.disable_key(KeyId=disabled)
    rsa = kms.create_key(KeySpec="RSA_2048", KeyUsage="ENCRYPT_DECRYPT")["KeyMetadata"]["KeyId"]
    hmac = kms.create_key(KeySpec="HMAC_256", KeyUsage="GENERATE_VERIFY_MAC")["KeyMetadata"]["KeyId"]

    keys = backend.list_kms_keys()
    default, *rest = keys
    assert default.IsDefault and default.KeyId == "alias/aws/secretsmanager" and default.KeyManager == "AWS"
    assert [k.KeyId for k in rest] == [good, bare]
    assert rest[0].AliasNames == ["alias/also-app", "alias/app"]
    assert rest[0].Description == "app key" and rest[0].Arn and not rest[0].IsDefault
    assert {disabled, rsa, hmac}.isdisjoint(k.KeyId for k in keys)


def test_list_secrets_sends_sort_by(backend: AwsBackend) -> None:
    """SortBy reaches the wire (the serialized request body moto answers); moto may ignore the order, so
    only that the call succeeds and the parameter was sent is asserted, not the order."""
    import json

    backend.create_secret(request("sort/b"))
    backend.create_secret(request("sort/a"))
    bodies: list[dict[str, object]] = []

    def capture(request: object, **_: object) -> None:
        bodies.append(json.loads(getattr(request, "body", b"{}") or b"{}"))

    backend._sm.meta.events.register("before-send.secrets-manager.ListSecrets", capture)
    page = backend.list_secrets(sort_by="name", sort_order="desc")
    assert sorted(s.Name for s in page.SecretList) == ["sort/a", "sort/b"]
    assert bodies and bodies[-1].get("SortBy") == "name" and bodies[-1].get("SortOrder") == "desc"
    backend.list_secrets()
    assert "SortBy" not in bodies[-1]  # not given: not sent
