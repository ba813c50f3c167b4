"""Local KMS-like keys: forms of KmsKeyId, states, the default key, ListAliases (docs/aws-behaviour.md §5)."""

from __future__ import annotations

import pytest
from pydantic import SecretStr

from smtui.backends.local import LocalBackend
from smtui.errors import ServiceError
from smtui.model import CreateSecretRequest
from smtui.model import messages as msg
from tests.local.conftest import MARKER, MakeBackend, request, token


def _refused(backend: LocalBackend, req: CreateSecretRequest, code: str) -> ServiceError:
    with pytest.raises(ServiceError) as exc:
        backend.create_secret(req)
    assert exc.value.code == code, exc.value
    assert exc.value.field == "KmsKeyId"
    assert req.Name not in [e.Name for e in backend.list_secrets().SecretList]  # nothing was written
    return exc.value


def test_default_key_listed_before_it_exists_then_created_on_first_use(backend: LocalBackend) -> None:
    keys = backend.list_kms_keys()
    assert len(keys) == 1 and keys[0].IsDefault and keys[0].KeyManager == "AWS"
    assert keys[0].AliasNames == ["alias/aws/secretsmanager"] and keys[0].Arn is None
    aliases = backend.list_aliases()
    assert aliases == [
        {
            "AliasName": "alias/aws/secretsmanager",
            "AliasArn": f"arn:aws:kms:us-east-1:{backend.whoami().Account}:alias/aws/secretsmanager",
        }
    ]
    backend.create_secret(request("a", SecretString=MARKER))
    default = backend.list_kms_keys()[0]
    assert default.IsDefault and default.Arn and default.KeyId in default.Arn
    assert backend.list_aliases()[0]["TargetKeyId"] == default.KeyId
    # the default key, named in every way, is omitted from DescribeSecret
    for given in ("alias/aws/secretsmanager", aliases[0]["AliasArn"], ""):
        name = f"b{len(given)}"
        backend.create_secret(request(name, SecretString=MARKER, KmsKeyId=given))
        assert backend.describe_secret(name).KmsKeyId is None


def test_customer_key_in_every_form(backend: LocalBackend) -> None:
    key = backend.create_key(description="app key", alias="alias/app")
    assert key.KeyManager == "CUSTOMER" and key.AliasNames == ["alias/app"] and key.Arn
    alias_arn = key.Arn.replace(f"key/{key.KeyId}", "alias/app")
    for i, given in enumerate((key.KeyId, key.Arn, "alias/app", alias_arn)):
        backend.create_secret(request(f"s{i}", SecretString=MARKER, KmsKeyId=given))
        assert backend.describe_secret(f"s{i}").KmsKeyId == given
        assert backend.get_secret_value(f"s{i}").SecretString == SecretStr(MARKER)
    listed = backend.list_kms_keys()
    assert [k.IsDefault for k in listed] == [True, False]
    assert listed[1].KeyId == key.KeyId and listed[1].Description == "app key"
    assert backend.describe_key("alias/app").KeyId == key.KeyId
    assert {
        "AliasName": "alias/app",
        "AliasArn": alias_arn,
        "TargetKeyId": key.KeyId,
    } in backend.list_aliases()


def test_unknown_and_bare_name_keys(backend: LocalBackend) -> None:
    """Unknown id / alias / ARN → InvalidParameterException; `mykey` (no alias/) is no alias.

    docs/aws-behaviour.md §5.1, §5.2.
    """
    account = backend.whoami().Account
    for given in (
        "alias/nope",
        "11111111-2222-3333-4444-555555555555",
        f"arn:aws:kms:us-east-1:{account}:key/11111111-2222-3333-4444-555555555555",
        f"arn:aws:kms:us-east-1:{account}:alias/nope",
    ):
        err = _refused(backend, request("x", SecretString=MARKER, KmsKeyId=given), "InvalidParameterException")
        assert err.message == msg.INVALID_KMS_KEY
    raw = CreateSecretRequest.model_construct(
        Name="x",
        ClientRequestToken=token(),
        SecretString=SecretStr(MARKER),
        KmsKeyId="mykey",
        Tags=[],
        AddReplicaRegions=[],
        ForceOverwriteReplicaSecret=False,
    )
    with pytest.raises(ServiceError) as exc:
        backend.create_secret(raw)
    assert exc.value.code == "InvalidParameterException" and exc.value.message == msg.INVALID_KMS_KEY
    assert backend.list_secrets().SecretList == []


def test_key_of_another_region_is_unknown(backend: LocalBackend, make_backend: MakeBackend) -> None:
    eu = make_backend("eu-west-1")
    key = eu.create_key(alias="alias/eu")
    assert key.Arn
    for given in (key.KeyId, key.Arn, "alias/eu"):
        _refused(backend, request("x", SecretString=MARKER, KmsKeyId=given), "InvalidParameterException")


def test_disabled_key_fails_with_encryption_failure_then_works_when_enabled(
    backend: LocalBackend,
) -> None:
    key = backend.create_key(alias="alias/app")
    backend.create_secret(request("before", SecretString=MARKER, KmsKeyId="alias/app"))
    backend.disable_key("alias/app")
    assert backend.describe_key(key.KeyId).KeyState == "Disabled"
    assert [k.KeyId for k in backend.list_kms_keys()] == ["alias/aws/secretsmanager"]  # only enabled keys
    req = request("x", SecretString=MARKER, KmsKeyId=key.KeyId)
    err = _refused(backend, req, "EncryptionFailure")
    assert err.message == msg.KMS_KEY_DISABLED.format(key=key.KeyId)
    with pytest.raises(ServiceError) as exc:  # decrypting with a disabled key fails too
        backend.get_secret_value("before")
    assert exc.value.code == "DecryptionFailure"
    backend.enable_key(key.KeyId)
    assert backend.create_secret(req).Name == "x"
    assert backend.get_secret_value("before").SecretString == SecretStr(MARKER)


def test_key_management_errors(backend: LocalBackend) -> None:
    backend.create_key(alias="alias/app")
    for bad in ("app", "alias/aws/mine", "alias/has space"):
        with pytest.raises(ServiceError) as exc:
            backend.create_key(alias=bad)
        assert exc.value.code == "ValidationException"
    with pytest.raises(ServiceError) as exc:
        backend.create_key(alias="alias/app")
    assert exc.value.code == "AlreadyExistsException"
    with pytest.raises(ServiceError) as exc:
        backend.disable_key("11111111-2222-3333-4444-555555555555")
    assert exc.value.code == "NotFoundException"
    with pytest.raises(ServiceError) as exc:
        backend.describe_key("alias/nope")
    assert exc.value.code == "NotFoundException" and "alias/nope" in exc.value.message
    backend.create_secret(request("a"))  # creates the default key
    with pytest.raises(ServiceError) as exc:
        backend.disable_key("alias/aws/secretsmanager")
    assert exc.value.code == "NotAuthorizedException"
