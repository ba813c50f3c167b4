"""Replicas to other regions of one local store, every outcome (docs/aws-behaviour.md §6).

Settlement is a function of time, so the fake clock moves it: InProgress right after create, settled on the
first read after SMTUI_LOCAL_REPLICA_DELAY (1.5 s here), whichever process reads.
"""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import SecretStr

from smtui.backends.local import LocalBackend
from smtui.errors import ServiceError
from smtui.model import CreateSecretRequest, ReplicationStatusEntry
from smtui.model import messages as msg
from tests.local.conftest import MARKER, Clock, MakeBackend, request, token


def _status(backend: LocalBackend, name: str) -> dict[str, ReplicationStatusEntry]:
    found = backend.describe_secret(name).ReplicationStatus or []
    return {r.Region: r for r in found}


def test_in_progress_then_in_sync(backend: LocalBackend, make_backend: MakeBackend, clock: Clock) -> None:
    req = request(
        "app/db",
        SecretString=MARKER,
        Tags=[{"Key": "env", "Value": "dev"}],
        AddReplicaRegions=[{"Region": "eu-west-1"}, {"Region": "ap-south-1"}],
    )
    res = backend.create_secret(req)
    assert res.ReplicationStatus is not None
    assert [(r.Region, r.Status, r.StatusMessage) for r in res.ReplicationStatus] == [
        ("eu-west-1", "InProgress", None),
        ("ap-south-1", "InProgress", None),
    ]
    assert res.ReplicationStatus[0].KmsKeyId == "alias/aws/secretsmanager"
    eu = make_backend("eu-west-1")
    clock.advance(1.0)
    assert {r.Status for r in _status(backend, "app/db").values()} == {"InProgress"}
    with pytest.raises(ServiceError):  # not there yet
        eu.describe_secret("app/db")
    clock.advance(1.0)
    assert {r.Status for r in _status(backend, "app/db").values()} == {"InSync"}
    replica = eu.describe_secret("app/db")
    assert res.ARN.replace(":us-east-1:", ":eu-west-1:") == replica.ARN  # same suffix
    assert replica.PrimaryRegion == "us-east-1" and replica.ReplicationStatus is None
    assert replica.Tags and replica.Tags[0].Key == "env"
    assert eu.get_secret_value("app/db").SecretString == SecretStr(MARKER)
    assert eu.get_secret_value(replica.ARN).VersionId == req.ClientRequestToken
    # the primary's status shows when the replica was last read
    assert _status(backend, "app/db")["eu-west-1"].LastAccessedDate is not None
    # the idempotent retry answers with the settled status
    assert backend.create_secret(req).ReplicationStatus == backend.describe_secret("app/db").ReplicationStatus


def test_settles_even_when_the_creating_process_is_gone(make_backend: MakeBackend, clock: Clock) -> None:
    creator = make_backend()
    creator.create_secret(request("app/db", AddReplicaRegions=[{"Region": "eu-west-1"}]))
    creator.close()  # the process that created it is gone: settlement needs no one
    clock.advance(3600)
    reader = make_backend("eu-west-1")
    assert [e.Name for e in reader.list_secrets().SecretList] == ["app/db"]  # a list settles too
    assert _status(make_backend(), "app/db")["eu-west-1"].Status == "InSync"


def test_name_conflict_fails_unless_forced(make_backend: MakeBackend, clock: Clock) -> None:
    us, eu = make_backend(), make_backend("eu-west-1")
    theirs = eu.create_secret(request("app/db", SecretString="theirs"))
    us.create_secret(request("app/db", SecretString=MARKER, AddReplicaRegions=[{"Region": "eu-west-1"}]))
    clock.advance(2)
    failed = _status(us, "app/db")["eu-west-1"]
    assert failed.Status == "Failed" and failed.StatusMessage == msg.REPLICA_NAME_EXISTS
    assert eu.describe_secret("app/db").ARN == theirs.ARN  # untouched
    assert eu.get_secret_value("app/db").SecretString == SecretStr("theirs")

    us.create_secret(request("app/other", SecretString=MARKER))
    eu.create_secret(request("app/other2", SecretString="theirs2"))
    us.create_secret(
        request(
            "app/other2",
            SecretString=MARKER,
            ForceOverwriteReplicaSecret=True,
            AddReplicaRegions=[{"Region": "eu-west-1"}],
        )
    )
    clock.advance(2)
    assert _status(us, "app/other2")["eu-west-1"].Status == "InSync"
    replaced = eu.describe_secret("app/other2")
    assert replaced.PrimaryRegion == "us-east-1"
    assert eu.get_secret_value("app/other2").SecretString == SecretStr(MARKER)


def test_unusable_replica_key(make_backend: MakeBackend, clock: Clock) -> None:
    us, eu = make_backend(), make_backend("eu-west-1")
    disabled = eu.create_key(alias="alias/eu-off")
    eu.disable_key(disabled.KeyId)
    good = eu.create_key(alias="alias/eu-on")
    us.create_key(alias="alias/us-only")
    res = us.create_secret(
        request(
            "app/db",
            SecretString=MARKER,
            AddReplicaRegions=[
                {"Region": "eu-west-1", "KmsKeyId": "alias/eu-off"},
                {"Region": "eu-central-1", "KmsKeyId": "alias/us-only"},  # exists only in the primary's region
                {"Region": "ap-south-1", "KmsKeyId": "11111111-2222-3333-4444-555555555555"},
            ],
        )
    )
    assert {r.Status for r in res.ReplicationStatus or []} == {"InProgress"}
    clock.advance(2)
    status = _status(us, "app/db")
    for region, key in (("eu-west-1", "alias/eu-off"), ("eu-central-1", "alias/us-only")):
        assert status[region].Status == "Failed"
        assert status[region].StatusMessage == msg.REPLICA_KMS_UNUSABLE.format(key=key, region=region)
        assert status[region].KmsKeyId == key
    assert status["ap-south-1"].Status == "Failed"
    with pytest.raises(ServiceError):
        eu.describe_secret("app/db")
    # a usable key in the replica region: InSync, encrypted with that region's key
    us.create_secret(
        request("app/ok", SecretString=MARKER, AddReplicaRegions=[{"Region": "eu-west-1", "KmsKeyId": good.Arn}])
    )
    clock.advance(2)
    assert _status(us, "app/ok")["eu-west-1"].Status == "InSync"
    assert eu.describe_secret("app/ok").KmsKeyId == good.Arn
    assert eu.get_secret_value("app/ok").SecretString == SecretStr(MARKER)


def _raw(**fields: Any) -> CreateSecretRequest:
    """A request built without validation (as a hand-made HTTP call would send it): any field, any type."""
    base: dict[str, Any] = {
        "Name": "app/db",
        "ClientRequestToken": token(),
        "Tags": [],
        "AddReplicaRegions": [],
        "ForceOverwriteReplicaSecret": False,
    }
    return CreateSecretRequest.model_construct(**{**base, **fields})


def test_invalid_replica_regions(backend: LocalBackend, clock: Clock) -> None:
    from smtui.model import ReplicaRegion

    with pytest.raises(ServiceError) as exc:  # the primary's own region, sent raw past the client's checks
        backend.create_secret(_raw(AddReplicaRegions=[ReplicaRegion(Region="us-east-1")]))
    assert exc.value.code == "InvalidParameterException"
    with pytest.raises(ServiceError):
        backend.describe_secret("app/db")
    # a well-formed region of another partition (or none): the replica fails, the primary stands
    backend.create_secret(request("app/db", AddReplicaRegions=[{"Region": "cn-north-1"}, {"Region": "xx-nowhere-9"}]))
    clock.advance(2)
    for entry in _status(backend, "app/db").values():
        assert entry.Status == "Failed" and entry.StatusMessage == msg.INVALID_REPLICA_REGION


def test_write_operations_on_a_replica_are_refused(
    backend: LocalBackend, make_backend: MakeBackend, clock: Clock
) -> None:
    backend.create_secret(request("app/db", SecretString=MARKER, AddReplicaRegions=[{"Region": "eu-west-1"}]))
    clock.advance(2)
    eu = make_backend("eu-west-1")
    for op in (
        lambda: eu.delete_secret("app/db"),
        lambda: eu.restore_secret("app/db"),
        lambda: eu.delete_secret("app/db", force_delete_without_recovery=True),
    ):
        with pytest.raises(ServiceError) as exc:
            op()
        assert exc.value.code == "InvalidParameterException" and exc.value.message == msg.REPLICA_WRITE
    with pytest.raises(ServiceError) as exc:
        eu.create_secret(request("app/db", SecretString=MARKER))
    assert exc.value.code == "ResourceExistsException"
    # a forced delete of the primary takes its replicas with it
    backend.delete_secret("app/db", force_delete_without_recovery=True)
    with pytest.raises(ServiceError):
        eu.describe_secret("app/db")
