"""Replication after create on the local store, driven by the fake clock (docs/aws-behaviour.md §18): new replicas
start InProgress and settle as create's do, InSync or Failed with a message; ForceOverwriteReplicaSecret, removal,
stopping; tags and the store's schema."""

from __future__ import annotations

import sqlite3

import pytest
from pydantic import SecretStr

from smtui.backends.local import LocalBackend
from smtui.backends.local.store import SCHEMA_VERSION
from smtui.errors import ServiceError
from smtui.model import ReplicaRegion, Tag
from smtui.model import messages as msg
from tests.local.conftest import MARKER, Clock, MakeBackend, request

EU, AP = "eu-west-1", "ap-south-1"


def _status(backend: LocalBackend, name: str = "app/db") -> dict[str, tuple[str, str | None]]:
    return {r.Region: (r.Status, r.StatusMessage) for r in backend.describe_secret(name).ReplicationStatus or []}


def test_each_new_replica_settles_in_sync_or_failed_with_its_reason(
    backend: LocalBackend, make_backend: MakeBackend, clock: Clock
) -> None:
    backend.create_secret(request("app/db", SecretString=MARKER, Tags=[{"Key": "env", "Value": "dev"}]))
    result = backend.replicate_secret_to_regions(
        "app/db",
        [
            ReplicaRegion(Region=EU),
            ReplicaRegion(Region=AP, KmsKeyId="alias/nowhere"),
            ReplicaRegion(Region="xx-nowhere-9"),
        ],
    )
    assert [(r.Region, r.Status) for r in result.ReplicationStatus] == [
        (EU, "InProgress"),
        (AP, "InProgress"),
        ("xx-nowhere-9", "InProgress"),
    ]
    clock.advance(1.0)
    assert {s for s, _ in _status(backend).values()} == {"InProgress"}
    clock.advance(1.0)
    assert _status(backend) == {
        EU: ("InSync", "Replication succeeded"),
        AP: ("Failed", msg.REPLICA_KMS_UNUSABLE.format(key="alias/nowhere", region=AP)),
        "xx-nowhere-9": ("Failed", msg.INVALID_REPLICA_REGION),
    }
    eu = make_backend(EU)
    assert eu.get_secret_value("app/db").SecretString == SecretStr(MARKER)
    assert [(t.Key, t.Value) for t in eu.describe_secret("app/db").Tags or []] == [("env", "dev")]
    with pytest.raises(ServiceError):  # a failed replica is not made
        make_backend(AP).describe_secret("app/db")
    # a failed region is still listed: remove it, then it can be added again
    backend.remove_regions_from_replication("app/db", [AP, "xx-nowhere-9"])
    assert list(_status(backend)) == [EU]
    backend.replicate_secret_to_regions("app/db", [ReplicaRegion(Region=AP)])
    clock.advance(2.0)
    assert _status(backend)[AP] == ("InSync", "Replication succeeded")


def test_a_secret_without_value_replicates_without_version(
    backend: LocalBackend, make_backend: MakeBackend, clock: Clock
) -> None:
    backend.create_secret(request("app/empty"))
    backend.replicate_secret_to_regions("app/empty", [ReplicaRegion(Region=EU)])
    clock.advance(2.0)
    replica = make_backend(EU).describe_secret("app/empty")
    assert replica.PrimaryRegion == "us-east-1" and replica.VersionIdsToStages is None


def test_force_overwrite_replaces_only_when_asked(
    backend: LocalBackend, make_backend: MakeBackend, clock: Clock
) -> None:
    eu = make_backend(EU)
    eu.create_secret(request("app/db", SecretString="theirs"))
    backend.create_secret(request("app/db", SecretString=MARKER))
    backend.replicate_secret_to_regions("app/db", [ReplicaRegion(Region=EU)])
    clock.advance(2.0)
    assert _status(backend)[EU] == ("Failed", msg.REPLICA_NAME_EXISTS)
    assert eu.get_secret_value("app/db").SecretString == SecretStr("theirs")
    backend.remove_regions_from_replication("app/db", [EU])
    assert eu.get_secret_value("app/db").SecretString == SecretStr("theirs")  # removing a Failed one keeps theirs
    backend.replicate_secret_to_regions("app/db", [ReplicaRegion(Region=EU)], force_overwrite=True)
    assert eu.get_secret_value("app/db").SecretString == SecretStr("theirs")  # still InProgress
    clock.advance(2.0)
    assert _status(backend)[EU] == ("InSync", "Replication succeeded")
    assert eu.get_secret_value("app/db").SecretString == SecretStr(MARKER)
    assert eu.describe_secret("app/db").PrimaryRegion == "us-east-1"


def test_tags_follow_the_primary_and_stop_makes_a_standalone_secret(
    backend: LocalBackend, make_backend: MakeBackend, clock: Clock
) -> None:
    backend.create_secret(request("app/db", SecretString=MARKER, AddReplicaRegions=[{"Region": EU}]))
    clock.advance(2.0)
    eu = make_backend(EU)
    backend.tag_resource("app/db", [Tag(Key="team", Value="db")])
    assert [t.Key for t in eu.describe_secret("app/db").Tags or []] == ["team"]
    before = eu.describe_secret("app/db").LastChangedDate
    stopped = eu.stop_replication_to_replica("app/db")
    assert stopped.ARN == eu.describe_secret("app/db").ARN
    standalone = eu.describe_secret("app/db")
    assert standalone.PrimaryRegion is None and before is not None and standalone.LastChangedDate is not None
    assert standalone.LastChangedDate > before
    assert _status(backend) == {}
    backend.untag_resource("app/db", ["team"])  # no longer follows the primary
    assert [t.Key for t in eu.describe_secret("app/db").Tags or []] == ["team"]
    assert backend.describe_secret("app/db").Tags == []
    eu.untag_resource("app/db", ["team"])
    assert eu.describe_secret("app/db").Tags == []
    with pytest.raises(ServiceError) as caught:
        eu.stop_replication_to_replica("app/db")
    assert (caught.value.code, caught.value.message) == ("InvalidRequestException", msg.NOT_A_REPLICA)


def test_a_forced_delete_takes_the_policy_with_it(backend: LocalBackend) -> None:
    backend.create_secret(request("app/db", SecretString=MARKER))
    backend.put_resource_policy(
        "app/db", '{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Principal": "*", "Action": "*"}}'
    )
    backend.delete_secret("app/db", force_delete_without_recovery=True)
    assert backend.store.conn.execute("SELECT COUNT(*) FROM resource_policies").fetchone() == (0,)


def test_a_store_of_schema_2_gains_the_policy_table_and_the_replica_index(make_backend: MakeBackend) -> None:
    first = make_backend()
    first.create_secret(request("app/db", SecretString=MARKER))
    path = first.store.path
    first.close()
    db = sqlite3.connect(path)
    db.execute("DROP TABLE resource_policies")
    db.execute("DROP INDEX secrets_primary")
    db.execute("UPDATE schema_version SET version = 2")
    db.commit()
    db.close()
    again = make_backend()
    assert again.store.conn.execute("SELECT version FROM schema_version").fetchone() == (SCHEMA_VERSION,)
    plan = again.store.conn.execute("EXPLAIN QUERY PLAN SELECT id FROM secrets WHERE primary_id = 1").fetchall()
    assert "secrets_primary" in str(plan)  # a primary's replicas are found by index, not by a scan
    again.put_resource_policy(
        "app/db", '{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Principal": "*", "Action": "*"}}'
    )
    assert again.get_resource_policy("app/db").ResourcePolicy is not None


DENY_ALL = '{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Principal": "*", "Action": "*"}}'


def test_a_replica_shows_the_primarys_policy_and_keeps_it_when_stopped(
    backend: LocalBackend, make_backend: MakeBackend, clock: Clock
) -> None:
    backend.create_secret(request("app/db", SecretString=MARKER, AddReplicaRegions=[{"Region": EU}]))
    clock.advance(2.0)
    eu = make_backend(EU)
    assert eu.get_resource_policy("app/db").ResourcePolicy is None
    backend.put_resource_policy("app/db", DENY_ALL)
    assert eu.get_resource_policy("app/db").ResourcePolicy == DENY_ALL
    with pytest.raises(ServiceError) as caught:
        eu.delete_resource_policy("app/db")
    assert caught.value.message == msg.REPLICA_WRITE
    eu.stop_replication_to_replica("app/db")
    backend.delete_resource_policy("app/db")
    assert backend.get_resource_policy("app/db").ResourcePolicy is None
    assert eu.get_resource_policy("app/db").ResourcePolicy == DENY_ALL  # its own copy now
    eu.delete_resource_policy("app/db")
    assert eu.get_resource_policy("app/db").ResourcePolicy is None


def test_an_untag_that_removes_nothing_changes_nothing(backend: LocalBackend, clock: Clock) -> None:
    backend.create_secret(request("app/db", SecretString=MARKER))
    before = backend.describe_secret("app/db").LastChangedDate
    clock.advance(1.0)
    backend.untag_resource("app/db", ["nope"])  # never tagged
    assert backend.describe_secret("app/db").Tags is None
    backend.tag_resource("app/db", [Tag(Key="k", Value="v")])
    tagged = backend.describe_secret("app/db").LastChangedDate
    assert before is not None and tagged is not None and tagged > before
    clock.advance(1.0)
    backend.untag_resource("app/db", ["nope"])
    backend.untag_resource("app/db", [])
    assert backend.describe_secret("app/db").LastChangedDate == tagged
