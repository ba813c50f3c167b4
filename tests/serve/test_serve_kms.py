"""KMS's TrentService operations of `smtui serve` through boto3's kms client: the seven operations, Marker
pagination and the service's errors (docs/aws-behaviour.md §22.3)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.serve.conftest import boto3_client

UUID_LEN = 36


# These tests count keys and aliases, which KMS keeps per region: each test has a region of its own on the
# module's one server (a new server per test cost ~2 s of start-up each).
_REGIONS = iter(
    (
        "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1", "eu-south-1", "us-east-2",
        "us-west-1", "us-west-2", "ca-central-1", "sa-east-1", "ap-south-1", "ap-northeast-1", "ap-northeast-2",
        "ap-southeast-1", "ap-southeast-2", "af-south-1", "me-south-1", "ap-east-1", "eu-central-2",
    )
)  # fmt: skip


@pytest.fixture
def region() -> str:
    return next(_REGIONS)


@pytest.fixture
def kms(served: Any, region: str) -> Any:
    return boto3_client(served, service="kms", region=region)


def error(info: pytest.ExceptionInfo[ClientError]) -> tuple[str, str, int]:
    response = info.value.response
    return response["Error"]["Code"], response["Error"]["Message"], response["ResponseMetadata"]["HTTPStatusCode"]


def test_create_key_has_kms_key_metadata(kms: Any, region: str) -> None:
    meta = kms.create_key(Description="for app")["KeyMetadata"]
    assert len(meta["KeyId"]) == UUID_LEN
    assert meta["Arn"] == f"arn:aws:kms:{region}:{meta['AWSAccountId']}:key/{meta['KeyId']}"
    assert {k: meta[k] for k in ("Enabled", "Description", "KeyUsage", "KeyState", "Origin", "KeyManager")} == {
        "Enabled": True,
        "Description": "for app",
        "KeyUsage": "ENCRYPT_DECRYPT",
        "KeyState": "Enabled",
        "Origin": "AWS_KMS",
        "KeyManager": "CUSTOMER",
    }
    assert meta["KeySpec"] == meta["CustomerMasterKeySpec"] == "SYMMETRIC_DEFAULT"
    assert meta["EncryptionAlgorithms"] == ["SYMMETRIC_DEFAULT"] and meta["MultiRegion"] is False
    assert meta["CreationDate"].year >= 2024  # botocore parsed the epoch timestamp


def test_describe_key_by_id_arn_alias_and_alias_arn(kms: Any) -> None:
    meta = kms.create_key()["KeyMetadata"]
    assert meta["Description"] == ""
    kms.create_alias(AliasName="alias/app", TargetKeyId=meta["KeyId"])
    alias_arn = meta["Arn"].replace(f"key/{meta['KeyId']}", "alias/app")
    for given in (meta["KeyId"], meta["Arn"], "alias/app", alias_arn):
        assert kms.describe_key(KeyId=given)["KeyMetadata"]["KeyId"] == meta["KeyId"]


def test_describe_the_secretsmanager_alias_creates_the_aws_managed_key(kms: Any) -> None:
    meta = kms.describe_key(KeyId="alias/aws/secretsmanager")["KeyMetadata"]
    assert meta["KeyManager"] == "AWS" and meta["Enabled"] is True
    aliases = {a["AliasName"]: a for a in kms.list_aliases()["Aliases"]}
    assert aliases["alias/aws/secretsmanager"]["TargetKeyId"] == meta["KeyId"]


def test_disable_and_enable_key(kms: Any) -> None:
    key_id = kms.create_key()["KeyMetadata"]["KeyId"]
    kms.disable_key(KeyId=key_id)
    kms.disable_key(KeyId=key_id)  # repeating is harmless
    meta = kms.describe_key(KeyId=key_id)["KeyMetadata"]
    assert (meta["Enabled"], meta["KeyState"]) == (False, "Disabled")
    kms.enable_key(KeyId=key_id)
    meta = kms.describe_key(KeyId=key_id)["KeyMetadata"]
    assert (meta["Enabled"], meta["KeyState"]) == (True, "Enabled")


def test_a_disabled_key_cannot_encrypt_a_new_secret(served: Any, kms: Any, region: str) -> None:
    key_id = kms.create_key()["KeyMetadata"]["KeyId"]
    kms.disable_key(KeyId=key_id)
    sm = boto3_client(served, region=region)
    with pytest.raises(ClientError) as info:
        sm.create_secret(Name="app/k", SecretString="v", KmsKeyId=key_id)
    assert error(info)[0] == "EncryptionFailure"


def test_list_keys_pages_by_marker(kms: Any) -> None:
    made = [kms.create_key()["KeyMetadata"]["KeyId"] for _ in range(3)]
    first = kms.list_keys(Limit=2)
    assert first["Truncated"] is True and len(first["Keys"]) == 2
    second = kms.list_keys(Limit=2, Marker=first["NextMarker"])
    assert second["Truncated"] is False and "NextMarker" not in second
    assert [k["KeyId"] for k in first["Keys"] + second["Keys"]] == made
    assert all(k["KeyArn"].endswith(k["KeyId"]) for k in second["Keys"])
    paged = [
        k["KeyId"] for p in kms.get_paginator("list_keys").paginate(PaginationConfig={"PageSize": 1}) for k in p["Keys"]
    ]
    assert paged == made


def test_list_aliases_pages_and_filters_by_key(kms: Any) -> None:
    a = kms.create_key()["KeyMetadata"]["KeyId"]
    b = kms.create_key()["KeyMetadata"]["KeyId"]
    for name, target in (("alias/a1", a), ("alias/a2", a), ("alias/b1", b)):
        kms.create_alias(AliasName=name, TargetKeyId=target)
    names = [
        x["AliasName"]
        for p in kms.get_paginator("list_aliases").paginate(PaginationConfig={"PageSize": 1})
        for x in p["Aliases"]
    ]
    assert names == ["alias/a1", "alias/a2", "alias/aws/secretsmanager", "alias/b1"]
    assert [x["AliasName"] for x in kms.list_aliases(KeyId=a)["Aliases"]] == ["alias/a1", "alias/a2"]


def test_not_found_texts(kms: Any, region: str) -> None:
    account = kms.create_key()["KeyMetadata"]["AWSAccountId"]
    missing = "11111111-2222-3333-4444-555555555555"
    with pytest.raises(ClientError) as info:
        kms.describe_key(KeyId=missing)
    assert error(info) == (
        "NotFoundException",
        f"Key 'arn:aws:kms:{region}:{account}:key/{missing}' does not exist",
        400,
    )
    with pytest.raises(ClientError) as info:
        kms.describe_key(KeyId="foo")
    assert error(info) == ("NotFoundException", "Invalid keyId foo", 400)
    with pytest.raises(ClientError) as info:
        kms.describe_key(KeyId="alias/nope")
    assert error(info) == ("NotFoundException", f"Alias arn:aws:kms:{region}:{account}:alias/nope is not found.", 400)
    with pytest.raises(ClientError) as info:
        kms.enable_key(KeyId=missing)
    assert error(info)[0] == "NotFoundException"


def test_create_alias_errors(kms: Any, region: str) -> None:
    meta = kms.create_key()["KeyMetadata"]
    kms.create_alias(AliasName="alias/taken", TargetKeyId=meta["Arn"])
    with pytest.raises(ClientError) as info:
        kms.create_alias(AliasName="alias/taken", TargetKeyId=meta["KeyId"])
    arn = f"arn:aws:kms:{region}:{meta['AWSAccountId']}:alias/taken"
    assert error(info) == ("AlreadyExistsException", f"An alias with the name {arn} already exists", 400)
    with pytest.raises(ClientError) as info:
        kms.create_alias(AliasName="nopefix", TargetKeyId=meta["KeyId"])
    assert error(info) == (
        "ValidationException",
        'Alias must start with the prefix "alias/". Please see '
        "https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html",
        400,
    )
    with pytest.raises(ClientError) as info:
        kms.create_alias(AliasName="alias/aws/mine", TargetKeyId=meta["KeyId"])
    assert error(info)[0] == "NotAuthorizedException" and "alias/aws/" in error(info)[1]


def test_aws_managed_key_cannot_be_disabled_or_aliased(kms: Any) -> None:
    managed = kms.describe_key(KeyId="alias/aws/secretsmanager")["KeyMetadata"]["KeyId"]
    calls: list[Callable[[], object]] = [
        lambda: kms.disable_key(KeyId=managed),
        lambda: kms.create_alias(AliasName="alias/m", TargetKeyId=managed),
    ]
    for call in calls:
        with pytest.raises(ClientError) as info:
            call()
        assert error(info)[0] == "NotAuthorizedException"


def test_invalid_marker_and_limit(kms: Any) -> None:
    with pytest.raises(ClientError) as info:
        kms.list_keys(Marker="not-a-marker")
    assert error(info)[0] == "InvalidMarkerException"
    with pytest.raises(ClientError) as info:
        kms.list_aliases(Limit=101)
    assert error(info)[0] == "ValidationException" and "'limit'" in error(info)[1]


def test_unsupported_key_kind_is_refused_by_name(kms: Any) -> None:
    with pytest.raises(ClientError) as info:
        kms.create_key(KeySpec="RSA_2048", KeyUsage="SIGN_VERIFY")
    assert error(info)[0] == "UnsupportedOperationException" and "not supported" in error(info)[1]


def test_unserved_kms_operation_is_unknown(kms: Any) -> None:
    with pytest.raises(ClientError) as info:
        kms.put_key_policy(KeyId="alias/aws/secretsmanager", Policy="{}", PolicyName="default")
    assert error(info)[0] == "UnknownOperationException" and error(info)[2] == 400


def test_what_terraform_reads_after_create_key(kms: Any) -> None:
    """Terraform's aws_kms_key reads the key policy, the rotation status and the tags after CreateKey; each is
    what a new symmetric key has in KMS (the default policy for the account's root, rotation off, no tags)."""
    meta = kms.create_key(Description="tf")["KeyMetadata"]
    policy = kms.get_key_policy(KeyId=meta["KeyId"], PolicyName="default")
    assert policy["PolicyName"] == "default"
    statement = json.loads(policy["Policy"])["Statement"][0]
    assert statement["Principal"] == {"AWS": f"arn:aws:iam::{meta['AWSAccountId']}:root"}
    assert statement["Action"] == "kms:*"
    assert kms.get_key_rotation_status(KeyId=meta["Arn"])["KeyRotationEnabled"] is False
    tags = kms.list_resource_tags(KeyId=meta["KeyId"])
    assert (tags["Tags"], tags["Truncated"]) == ([], False)
    with pytest.raises(ClientError) as info:
        kms.get_key_policy(KeyId=meta["KeyId"], PolicyName="other")
    assert error(info)[0] == "NotFoundException"
    with pytest.raises(ClientError) as info:
        kms.get_key_rotation_status(KeyId="0" * 8 + "-0000-0000-0000-" + "0" * 12)
    assert error(info)[0] == "NotFoundException"


def test_terraform_destroy_deletes_the_alias_and_schedules_the_key(served: Any, kms: Any, region: str) -> None:
    """DeleteAlias, then ScheduleKeyDeletion: the key is unusable at once and stays pending (the local store
    never destroys key material, which would make its secrets unreadable for good) until CancelKeyDeletion,
    which leaves it Disabled as KMS does."""
    sm = boto3_client(served, region=region)
    key_id = kms.create_key()["KeyMetadata"]["KeyId"]
    kms.create_alias(AliasName="alias/tf", TargetKeyId=key_id)
    sm.create_secret(Name="app/pending", SecretString="v", KmsKeyId="alias/tf")
    kms.delete_alias(AliasName="alias/tf")
    assert "alias/tf" not in {a["AliasName"] for a in kms.list_aliases()["Aliases"]}
    with pytest.raises(ClientError) as info:
        kms.delete_alias(AliasName="alias/tf")
    assert error(info)[0] == "NotFoundException" and error(info)[1].endswith(":alias/tf is not found.")
    scheduled = kms.schedule_key_deletion(KeyId=key_id, PendingWindowInDays=7)
    assert (scheduled["KeyState"], scheduled["PendingWindowInDays"]) == ("PendingDeletion", 7)
    assert kms.describe_key(KeyId=key_id)["KeyMetadata"]["KeyState"] == "PendingDeletion"
    with pytest.raises(ClientError) as info:
        sm.get_secret_value(SecretId="app/pending")
    assert error(info)[0] == "DecryptionFailure"
    refused: list[Callable[[], object]] = [
        lambda: kms.enable_key(KeyId=key_id),
        lambda: kms.schedule_key_deletion(KeyId=key_id),
    ]
    for again in refused:
        with pytest.raises(ClientError) as info:
            again()
        assert error(info)[0] == "KMSInvalidStateException"
    with pytest.raises(ClientError) as info:
        kms.schedule_key_deletion(KeyId=key_id, PendingWindowInDays=6)
    assert error(info)[0] == "ValidationException" and "'pendingWindowInDays'" in error(info)[1]
    kms.cancel_key_deletion(KeyId=key_id)
    assert kms.describe_key(KeyId=key_id)["KeyMetadata"]["KeyState"] == "Disabled"
    kms.enable_key(KeyId=key_id)
    assert sm.get_secret_value(SecretId="app/pending")["SecretString"] == "v"
