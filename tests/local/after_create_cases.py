"""One table of the operations after create that are not versions (docs/aws-behaviour.md §17-§21): every
operation and every error, run on the local store (tests/local/test_local_after_create.py) and against the aws
backend on a moto server over HTTP (tests/aws/test_aws_after_create.py).

Each case says what the service answers (`expect`). Where the request's shape is wrong the aws backend refuses it
before sending (`before_sending`: a ParameterError, exit 252, as the model's checks do for create) and the local
store answers as the service. Where moto answers otherwise than the service, `moto` says what moto does, so the aws
run asserts moto's answer and the difference stays visible (docs/aws-behaviour.md §13); a check that branches on
`world.kind == "moto"` marks a difference in the state left behind.
"""

from __future__ import annotations

import json
import string
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from smtui.backends.base import Backend, ListFilter
from smtui.model import CreateSecretRequest, ReplicaRegion, Tag
from smtui.model import messages as msg
from smtui.model.password import PUNCTUATION, PasswordOptions

MARKER = "Zq9-after-create-marker-41d"
US, EU, AP = "us-east-1", "eu-west-1", "ap-south-1"


class World(Protocol):
    """Backends on one target (a local store or one moto server), one per region, and a way to let replicas
    settle (the local store's fake clock; moto settles at once)."""

    kind: Literal["local", "moto"]

    def backend(self, region: str = US) -> Backend: ...

    def settle(self) -> None: ...


@dataclass(frozen=True)
class Outcome:
    """`code` None: success. "ParamValidation": botocore's refusal before sending (ParameterError on both)."""

    code: str | None = None
    message: str | None = None
    before_sending: bool = False


OK = Outcome()


@dataclass(frozen=True)
class Case:
    id: str
    run: Callable[[World], Any]
    expect: Outcome = OK
    check: Callable[[World, Any], None] | None = None
    moto: Outcome | None = None  # what moto answers instead, when it differs from the service


def secret(world: World, name: str = "app/db", value: str | None = MARKER, region: str = US, **members: Any) -> str:
    """A new secret; returns its ARN."""
    data: dict[str, Any] = {"Name": name, "ClientRequestToken": str(uuid.uuid4()), **members}
    if value is not None:
        data["SecretString"] = value
    request = CreateSecretRequest.model_validate(data, context={"region": region})
    return world.backend(region).create_secret(request).ARN


def scheduled(world: World, name: str = "app/db") -> str:
    arn = secret(world, name)
    world.backend().delete_secret(name, recovery_window_in_days=7)
    return arn


def replicated(world: World, name: str = "app/db") -> str:
    """A secret with a settled replica in EU."""
    arn = secret(world, name, AddReplicaRegions=[{"Region": EU}])
    world.settle()
    world.backend().describe_secret(name)  # a read settles due replicas
    return arn


def tags_of(world: World, name: str = "app/db", region: str = US) -> list[tuple[str, str]] | None:
    found = world.backend(region).describe_secret(name).Tags
    return None if found is None else [(t.Key, t.Value) for t in found]


def _tag(world: World, *pairs: tuple[str, str], name: str = "app/db") -> None:
    world.backend().tag_resource(name, [Tag(Key=k, Value=v) for k, v in pairs])


def _status(world: World, name: str = "app/db") -> dict[str, tuple[str, str | None]]:
    found = world.backend().describe_secret(name).ReplicationStatus or []
    return {r.Region: (r.Status, r.StatusMessage) for r in found}


POLICY_PUBLIC = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": "*", "Action": "secretsmanager:GetSecretValue", "Resource": "*"}
        ],
    }
)
POLICY_ACCOUNT = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
                "Action": "secretsmanager:GetSecretValue",
                "Resource": "*",
            }
        ],
    }
)
POLICY_PINNED = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "secretsmanager:GetSecretValue",
                "Resource": "*",
                "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123def4"}},
            }
        ],
    }
)
POLICY_WRONG_VERSION = POLICY_ACCOUNT.replace("2012-10-17", "2019-10-19")
POLICY_BAD_EFFECT = POLICY_ACCOUNT.replace('"Allow"', '"Permit"')
MALFORMED = Outcome("MalformedPolicyDocumentException", msg.POLICY_SYNTAX)
SCHEDULED = Outcome("InvalidRequestException", msg.ALREADY_SCHEDULED)
NOT_FOUND = Outcome("ResourceNotFoundException", msg.NOT_FOUND)
REPLICA = Outcome("InvalidParameterException", msg.REPLICA_WRITE)
MOTO_500 = Outcome("500")  # moto has not implemented the operation: HTTP 500, an HTML page


# --- checks ---------------------------------------------------------------------------------------------------
def _check_tags(expected: list[tuple[str, str]] | None) -> Callable[[World, Any], None]:
    def check(world: World, _result: Any) -> None:
        found = tags_of(world)
        # the order is not a promise of the service (docs/aws-behaviour.md §17): compare as sets
        assert (None if found is None else sorted(found)) == (None if expected is None else sorted(expected))

    return check


def _check_changed(world: World, before: Any) -> None:
    after = world.backend().describe_secret("app/db").LastChangedDate
    assert after is not None and before is not None
    assert after > before if world.kind == "local" else after >= before  # moto keeps whole seconds


def _tag_twice(world: World) -> None:
    secret(world)
    _tag(world, ("k", "v"), ("a", "1"))
    _tag(world, ("k", "w"), ("z", ""))


def _untag_last(world: World) -> None:
    secret(world)
    _tag(world, ("k", "v"))
    world.backend().untag_resource("app/db", ["k"])


def _untag_absent(world: World) -> None:
    secret(world, Tags=[{"Key": "k", "Value": "v"}])
    world.backend().untag_resource("app/db", ["nope"])
    world.backend().untag_resource("app/db", [])


def _tag_then_changed(world: World) -> Any:
    secret(world)
    before = world.backend().describe_secret("app/db").LastChangedDate
    _tag(world, ("k", "v"))
    return before


def _check_replica_settles(world: World, result: Any) -> None:
    arn = world.backend().describe_secret("app/db").ARN
    if world.kind == "moto":  # moto differs: InSync at once, and ARN is the SecretId as given
        assert result.ARN == "app/db"
        assert [r.Status for r in result.ReplicationStatus] == ["InSync"]
    else:
        assert arn == result.ARN
        assert [(r.Region, r.Status, r.StatusMessage) for r in result.ReplicationStatus] == [(EU, "InProgress", None)]
    world.settle()
    assert _status(world)[EU] == ("InSync", "Replication succeeded")
    eu = world.backend(EU)
    replica = eu.describe_secret("app/db")
    assert arn.replace(f":{US}:", f":{EU}:") == replica.ARN and replica.PrimaryRegion == US
    assert eu.get_secret_value("app/db").SecretString is not None
    assert eu.get_secret_value("app/db").SecretString.get_secret_value() == MARKER  # type: ignore[union-attr]


def _check_conflict(world: World, _result: Any) -> None:
    world.settle()
    status, message = _status(world)[EU]
    assert status == "Failed"
    if world.kind == "local":
        assert message == msg.REPLICA_NAME_EXISTS
    value = world.backend(EU).get_secret_value("app/db").SecretString
    assert value is not None and value.get_secret_value() == "theirs"  # untouched


def _conflict(world: World, force: bool) -> Any:
    secret(world, value="theirs", region=EU)
    secret(world)
    return world.backend().replicate_secret_to_regions("app/db", [ReplicaRegion(Region=EU)], force_overwrite=force)


def _check_forced(world: World, _result: Any) -> None:
    world.settle()
    assert _status(world)[EU][0] == "InSync"
    value = world.backend(EU).get_secret_value("app/db").SecretString
    assert value is not None and value.get_secret_value() == MARKER  # the destination secret was replaced


def _remove(world: World) -> Any:
    secret(world, AddReplicaRegions=[{"Region": EU}, {"Region": AP}])
    world.settle()
    return world.backend().remove_regions_from_replication("app/db", [EU])


def _check_removed(world: World, result: Any) -> None:
    assert [r.Region for r in result.ReplicationStatus] == [AP]
    assert list(_status(world)) == [AP]
    eu = world.backend(EU)
    try:
        eu.describe_secret("app/db")
    except Exception as exc:
        assert getattr(exc, "code", None) == "ResourceNotFoundException"
    else:
        raise AssertionError("the replica is still there")


def _stop(world: World) -> Any:
    replicated(world)
    return world.backend(EU).stop_replication_to_replica("app/db")


def _check_stopped(world: World, result: Any) -> None:
    primary = world.backend().describe_secret("app/db")
    assert primary.ARN.replace(f":{US}:", f":{EU}:") == result.ARN
    standalone = world.backend(EU).describe_secret("app/db")
    assert standalone.PrimaryRegion is None
    assert EU not in _status(world)
    world.backend(EU).tag_resource("app/db", [Tag(Key="now", Value="mine")])  # it accepts writes now


def _password(**options: Any) -> Callable[[World], Any]:
    return lambda world: world.backend().get_random_password(PasswordOptions(**options))


def _bad_password(**options: Any) -> Callable[[World], Any]:
    full = {**PasswordOptions().model_dump(), **options}
    return lambda world: world.backend().get_random_password(PasswordOptions.model_construct(**full))


def _check_default_password(_world: World, result: Any) -> None:
    text = result.reveal()
    assert len(text) == 32
    for chars in (string.ascii_lowercase, string.ascii_uppercase, string.digits, PUNCTUATION):
        assert any(c in chars for c in text)
    assert " " not in text


def _check_options_password(_world: World, result: Any) -> None:
    text = result.reveal()
    assert len(text) == 12
    assert not set(text) & set("abcXYZ" + PUNCTUATION + string.digits)


def _check_length(n: int) -> Callable[[World, Any], None]:
    def check(_world: World, result: Any) -> None:
        assert len(result.reveal()) == n

    return check


def _check_no_policy(_world: World, result: Any) -> None:
    assert result.ResourcePolicy is None and "ResourcePolicy" not in result.to_aws()


def _batch_ids(world: World) -> Any:
    secret(world)
    scheduled(world, "app/gone")
    return world.backend().batch_get_secret_value(secret_ids=["app/db", "app/nope", "app/gone"])


def _check_batch_ids(world: World, result: Any) -> None:
    assert [v.Name for v in result.SecretValues] == ["app/db"]
    assert result.SecretValues[0].reveal()["SecretString"] == MARKER
    assert MARKER not in str(result.to_aws())
    codes = {e.SecretId: (e.ErrorCode, e.Message) for e in result.Errors}
    assert codes["app/nope"] == ("ResourceNotFoundException", msg.NOT_FOUND)
    assert codes["app/gone"][0] == "InvalidRequestException"
    if world.kind == "local":  # moto differs: its own text ("…a secret that's currently marked deleted.")
        assert codes["app/gone"][1] == msg.ALREADY_SCHEDULED
    accessed = world.backend().describe_secret("app/db").LastAccessedDate
    assert (accessed is not None) if world.kind == "local" else (accessed is None)  # moto differs: never set
    if world.kind == "local":  # and on the version read, as GetSecretValue does (ListSecretVersionIds shows it)
        versions = world.backend().list_secret_version_ids("app/db").Versions
        assert [v.LastAccessedDate is not None for v in versions] == [True]


def _check_batch_no_value(_world: World, result: Any) -> None:
    assert result.SecretValues == []
    assert [(e.SecretId, e.ErrorCode, e.Message) for e in result.Errors] == [
        ("app/empty", "ResourceNotFoundException", msg.NO_CURRENT_VALUE)
    ]


def _batch_pages(world: World) -> Any:
    for i in range(3):
        secret(world, f"page/{i}")
    secret(world, "other/x")
    backend = world.backend()
    name = [ListFilter("name", ("page/",))]
    first = backend.batch_get_secret_value(filters=name, max_results=2)
    rest = backend.batch_get_secret_value(filters=name, max_results=2, next_token=first.NextToken)
    return first, rest


def _check_batch_pages(world: World, result: Any) -> None:
    first, rest = result
    assert len(first.SecretValues) == 2 and first.NextToken is not None and first.Errors == []
    assert rest.NextToken is None
    assert sorted(v.Name for v in first.SecretValues + rest.SecretValues) == ["page/0", "page/1", "page/2"]


def _policy_round_trip(world: World) -> Any:
    secret(world)
    backend = world.backend()
    put = backend.put_resource_policy("app/db", POLICY_ACCOUNT)
    got = backend.get_resource_policy("app/db")
    backend.delete_resource_policy("app/db")
    return put, got, backend.get_resource_policy("app/db")


def _check_policy_round_trip(world: World, result: Any) -> None:
    put, got, after = result
    arn = world.backend().describe_secret("app/db").ARN
    assert (put.ARN, put.Name) == (arn, "app/db")
    assert json.loads(got.ResourcePolicy) == json.loads(POLICY_ACCOUNT)
    assert after.ResourcePolicy is None and after.to_aws() == {"ARN": arn, "Name": "app/db"}


def _put(policy: str, block: bool = False, name: str = "app/db") -> Callable[[World], Any]:
    def run(world: World) -> Any:
        secret(world)
        return world.backend().put_resource_policy(name, policy, block_public_policy=block)

    return run


def _validate(policy: str, secret_id: str | None = None) -> Callable[[World], Any]:
    return lambda world: world.backend().validate_resource_policy(policy, secret_id=secret_id)


def _passed(expected: bool) -> Callable[[World, Any], None]:
    def check(_world: World, result: Any) -> None:
        assert result.PolicyValidationPassed is expected
        assert (result.ValidationErrors == []) is expected
        assert all(e.CheckName and e.ErrorMessage for e in result.ValidationErrors)

    return check


def _on_scheduled(call: Callable[[Backend], Any]) -> Callable[[World], Any]:
    def run(world: World) -> Any:
        scheduled(world)
        return call(world.backend())

    return run


def _on_replica(call: Callable[[Backend], Any]) -> Callable[[World], Any]:
    def run(world: World) -> Any:
        replicated(world)
        return call(world.backend(EU))

    return run


def _on_missing(call: Callable[[Backend], Any]) -> Callable[[World], Any]:
    return lambda world: call(world.backend())


def _on_secret(call: Callable[[Backend], Any], **members: Any) -> Callable[[World], Any]:
    def run(world: World) -> Any:
        secret(world, **members)
        return call(world.backend())

    return run


def _tags(*keys: str) -> list[Tag]:
    return [Tag(Key=k, Value="v") for k in keys]


ACCEPTED_BY_MOTO = OK  # moto accepts what the service refuses

CASES: list[Case] = [
    # --- §17 TagResource / UntagResource ---------------------------------------------------------------------
    Case("tag-adds-and-replaces", _tag_twice, check=_check_tags([("k", "w"), ("a", "1"), ("z", "")])),
    Case("untag-last-tag-leaves-empty-list", _untag_last, check=_check_tags([])),
    Case("never-tagged-has-no-tags", lambda w: secret(w), check=_check_tags(None)),
    Case("untag-ignores-absent-keys-and-empty-list", _untag_absent, check=_check_tags([("k", "v")])),
    Case("tag-bumps-last-changed-date", _tag_then_changed, check=_check_changed),
    Case(
        "tag-empty-list",
        _on_secret(lambda b: b.tag_resource("app/db", [])),
        Outcome("ValidationException", msg.validation_errors([msg.EMPTY_TAG_LIST]), before_sending=True),
    ),
    Case(
        "tag-aws-prefix",
        _on_secret(lambda b: b.tag_resource("app/db", _tags("AWS:owner"))),
        Outcome("InvalidParameterException", msg.RESERVED_TAG, before_sending=True),
    ),
    Case(
        "tag-duplicate-keys",
        _on_secret(lambda b: b.tag_resource("app/db", _tags("k", "k"))),
        Outcome("InvalidParameterException", msg.DUPLICATE_TAG, before_sending=True),
    ),
    Case(
        "tag-51-in-one-request",
        _on_secret(lambda b: b.tag_resource("app/db", _tags(*(f"k{i}" for i in range(51))))),
        Outcome("InvalidParameterException", msg.TOO_MANY_TAGS, before_sending=True),
    ),
    Case(
        "tag-over-50-once-merged",
        _on_secret(
            lambda b: b.tag_resource("app/db", _tags(*(f"new{i}" for i in range(21)))),
            Tags=[{"Key": f"old{i}", "Value": ""} for i in range(30)],
        ),
        Outcome("InvalidParameterException", msg.TOO_MANY_TAGS),
        moto=ACCEPTED_BY_MOTO,
    ),
    Case(
        "tag-key-too-long",
        _on_secret(lambda b: b.tag_resource("app/db", _tags("k" * 129))),
        Outcome("ValidationException", before_sending=True),
    ),
    Case(
        "untag-key-empty",
        _on_secret(lambda b: b.untag_resource("app/db", [""])),
        Outcome("ValidationException", before_sending=True),
    ),
    Case("tag-not-found", _on_missing(lambda b: b.tag_resource("app/nope", _tags("k"))), NOT_FOUND),
    Case("untag-not-found", _on_missing(lambda b: b.untag_resource("app/nope", ["k"])), NOT_FOUND),
    Case("tag-secret-id-empty", _on_missing(lambda b: b.tag_resource("", _tags("k"))), Outcome("ParamValidation")),
    Case(
        "tag-scheduled-for-deletion",
        _on_scheduled(lambda b: b.tag_resource("app/db", _tags("k"))),
        SCHEDULED,
        moto=ACCEPTED_BY_MOTO,
    ),
    Case(
        "untag-scheduled-for-deletion",
        _on_scheduled(lambda b: b.untag_resource("app/db", ["k"])),
        SCHEDULED,
        moto=ACCEPTED_BY_MOTO,
    ),
    Case("tag-on-replica", _on_replica(lambda b: b.tag_resource("app/db", _tags("k"))), REPLICA),
    # --- §18 replication after create ------------------------------------------------------------------------
    Case(
        "replicate-in-progress-then-in-sync",
        _on_secret(lambda b: b.replicate_secret_to_regions("app/db", [ReplicaRegion(Region=EU)])),
        check=_check_replica_settles,
    ),
    Case(
        "replicate-region-already-replicated",
        _on_secret(
            lambda b: b.replicate_secret_to_regions("app/db", [ReplicaRegion(Region=EU)]),
            AddReplicaRegions=[{"Region": EU}],
        ),
        Outcome("InvalidParameterException", msg.REGION_ALREADY_REPLICATED.format(region=EU)),
        moto=ACCEPTED_BY_MOTO,  # and it lists the region twice, the second time Failed
    ),
    Case(
        "replicate-to-own-region",
        _on_secret(lambda b: b.replicate_secret_to_regions("app/db", [ReplicaRegion(Region=US)])),
        Outcome("InvalidParameterException", msg.INVALID_REPLICA_REGION, before_sending=True),
    ),
    Case(
        "replicate-region-twice-in-request",
        _on_secret(lambda b: b.replicate_secret_to_regions("app/db", [ReplicaRegion(Region=EU)] * 2)),
        Outcome("InvalidParameterException", msg.INVALID_REPLICA_REGION, before_sending=True),
    ),
    Case(
        "replicate-region-not-a-region-code",
        _on_secret(lambda b: b.replicate_secret_to_regions("app/db", [ReplicaRegion(Region="EU_WEST")])),
        Outcome("ValidationException", before_sending=True),
    ),
    Case(
        "replicate-no-regions",
        _on_secret(lambda b: b.replicate_secret_to_regions("app/db", [])),
        Outcome("ParamValidation"),
    ),
    Case(
        "replicate-not-found",
        _on_missing(lambda b: b.replicate_secret_to_regions("app/nope", [ReplicaRegion(Region=EU)])),
        NOT_FOUND,
    ),
    Case(
        "replicate-scheduled-for-deletion",
        _on_scheduled(lambda b: b.replicate_secret_to_regions("app/db", [ReplicaRegion(Region=EU)])),
        SCHEDULED,
        moto=ACCEPTED_BY_MOTO,
    ),
    Case(
        "replicate-from-a-replica",
        _on_replica(lambda b: b.replicate_secret_to_regions("app/db", [ReplicaRegion(Region=AP)])),
        REPLICA,
    ),
    Case("replicate-name-taken-fails", lambda w: _conflict(w, False), check=_check_conflict),
    Case(
        "replicate-name-taken-force-overwrite",
        lambda w: _conflict(w, True),
        check=_check_forced,
    ),
    Case("remove-regions", _remove, check=_check_removed),
    Case(
        "remove-region-not-replicated",
        _on_secret(lambda b: b.remove_regions_from_replication("app/db", [AP]), AddReplicaRegions=[{"Region": EU}]),
        Outcome("InvalidParameterException", msg.REGION_NOT_REPLICATED.format(region=AP)),
        moto=ACCEPTED_BY_MOTO,
    ),
    Case(
        "remove-no-regions",
        _on_secret(lambda b: b.remove_regions_from_replication("app/db", [])),
        Outcome("ParamValidation"),
    ),
    Case(
        "remove-not-found",
        _on_missing(lambda b: b.remove_regions_from_replication("app/nope", [EU])),
        NOT_FOUND,
    ),
    Case("stop-replication-on-replica", _stop, check=_check_stopped, moto=MOTO_500),
    Case(
        "stop-replication-on-primary",
        _on_secret(lambda b: b.stop_replication_to_replica("app/db")),
        Outcome("InvalidRequestException", msg.NOT_A_REPLICA),
        moto=MOTO_500,
    ),
    Case(
        "stop-replication-not-found",
        _on_missing(lambda b: b.stop_replication_to_replica("app/nope")),
        NOT_FOUND,
        moto=MOTO_500,
    ),
    # --- §19 GetRandomPassword -------------------------------------------------------------------------------
    Case("password-default", _password(), check=_check_default_password),
    Case(
        "password-options",
        _password(PasswordLength=12, ExcludeCharacters="abcXYZ", ExcludePunctuation=True, ExcludeNumbers=True),
        check=_check_options_password,
    ),
    Case(
        "password-length-one-without-required-types",
        _password(PasswordLength=1, RequireEachIncludedType=False),
        check=_check_length(1),
        # moto differs: it requires every type anyway, and its text wraps the service's in "An error occurred …"
        moto=Outcome("InvalidParameterException"),
    ),
    Case(
        "password-too-short-for-required-types",
        _password(PasswordLength=3),
        Outcome("InvalidParameterException", msg.PASSWORD_TOO_SHORT, before_sending=True),
    ),
    Case(
        "password-everything-excluded",
        _password(ExcludeLowercase=True, ExcludeUppercase=True, ExcludeNumbers=True, ExcludePunctuation=True),
        Outcome("InvalidParameterException", msg.PASSWORD_NOTHING_LEFT, before_sending=True),
    ),
    Case(
        "password-length-above-4096",
        _bad_password(PasswordLength=5000),
        Outcome(
            "ValidationException",
            "1 validation error detected: Value '5000' at 'passwordLength' failed to satisfy constraint: Member must "
            "have value less than or equal to 4096",
            before_sending=True,
        ),
    ),
    Case("password-length-zero", _bad_password(PasswordLength=0), Outcome("ParamValidation")),
    # --- §20 BatchGetSecretValue -----------------------------------------------------------------------------
    Case("batch-by-ids-with-errors", _batch_ids, check=_check_batch_ids),
    Case("batch-by-filters-pages", _batch_pages, check=_check_batch_pages),
    Case(
        "batch-secret-without-value",
        lambda w: (secret(w, "app/empty", value=None), w.backend().batch_get_secret_value(secret_ids=["app/empty"]))[1],
        check=_check_batch_no_value,
        # moto differs: the whole call fails, with a VersionId text naming the label
        moto=Outcome(
            "ResourceNotFoundException",
            "Secrets Manager can't find the specified secret value for VersionId: AWSCURRENT",
        ),
    ),
    Case(
        "batch-ids-and-filters",
        _on_secret(lambda b: b.batch_get_secret_value(secret_ids=["app/db"], filters=[ListFilter("name", ("a",))])),
        Outcome("InvalidParameterException", msg.BATCH_IDS_AND_FILTERS, before_sending=True),
    ),
    Case(
        "batch-neither",
        _on_missing(lambda b: b.batch_get_secret_value()),
        Outcome("InvalidParameterException", msg.BATCH_NEITHER, before_sending=True),
    ),
    Case(
        "batch-max-results-without-filters",
        _on_missing(lambda b: b.batch_get_secret_value(secret_ids=["app/db"], max_results=5)),
        Outcome("InvalidParameterException", msg.BATCH_MAX_RESULTS_ALONE, before_sending=True),
    ),
    Case(
        "batch-21-ids",
        _on_missing(lambda b: b.batch_get_secret_value(secret_ids=[f"s{i}" for i in range(21)])),
        Outcome("ValidationException", before_sending=True),
    ),
    Case(
        "batch-max-results-21",
        _on_missing(lambda b: b.batch_get_secret_value(filters=[ListFilter("name", ("a",))], max_results=21)),
        Outcome("ValidationException", before_sending=True),
    ),
    Case(
        "batch-empty-id-list",
        _on_missing(lambda b: b.batch_get_secret_value(secret_ids=[])),
        Outcome("ParamValidation"),
    ),
    # --- §21 resource policies -------------------------------------------------------------------------------
    Case("policy-put-get-delete", _policy_round_trip, check=_check_policy_round_trip),
    Case(
        "policy-get-none",
        _on_secret(lambda b: b.get_resource_policy("app/db")),
        check=_check_no_policy,
    ),
    Case("policy-delete-none", _on_secret(lambda b: b.delete_resource_policy("app/db"))),
    Case("policy-public-allowed-without-block", _put(POLICY_PUBLIC)),
    Case(
        "policy-public-blocked",
        _put(POLICY_PUBLIC, block=True),
        Outcome("PublicPolicyException", msg.PUBLIC_POLICY),
        moto=ACCEPTED_BY_MOTO,
    ),
    Case("policy-pinned-by-org-accepted-with-block", _put(POLICY_PINNED, block=True)),
    Case("policy-account-accepted-with-block", _put(POLICY_ACCOUNT, block=True)),
    Case("policy-not-json", _put("{not json"), MALFORMED, moto=ACCEPTED_BY_MOTO),
    Case("policy-wrong-version", _put(POLICY_WRONG_VERSION), MALFORMED, moto=ACCEPTED_BY_MOTO),
    Case("policy-bad-effect", _put(POLICY_BAD_EFFECT), MALFORMED, moto=ACCEPTED_BY_MOTO),
    Case("policy-empty", _put(""), Outcome("ParamValidation")),
    Case("policy-too-long", _put(" " * 20481), Outcome("ValidationException", before_sending=True)),
    Case("policy-put-not-found", _put(POLICY_ACCOUNT, name="app/nope"), NOT_FOUND),
    Case(
        "policy-put-scheduled-for-deletion",
        _on_scheduled(lambda b: b.put_resource_policy("app/db", POLICY_ACCOUNT)),
        SCHEDULED,
        moto=ACCEPTED_BY_MOTO,
    ),
    Case(
        "policy-delete-scheduled-for-deletion",
        _on_scheduled(lambda b: b.delete_resource_policy("app/db")),
        SCHEDULED,
        moto=ACCEPTED_BY_MOTO,
    ),
    Case("policy-get-scheduled-for-deletion", _on_scheduled(lambda b: b.get_resource_policy("app/db"))),
    Case("policy-put-on-replica", _on_replica(lambda b: b.put_resource_policy("app/db", POLICY_ACCOUNT)), REPLICA),
    Case("policy-get-not-found", _on_missing(lambda b: b.get_resource_policy("app/nope")), NOT_FOUND),
    Case("validate-private-passes", _validate(POLICY_ACCOUNT), check=_passed(True), moto=MOTO_500),
    Case("validate-public-fails", _validate(POLICY_PUBLIC), check=_passed(False), moto=MOTO_500),
    Case("validate-malformed-fails", _validate(POLICY_WRONG_VERSION), check=_passed(False), moto=MOTO_500),
    Case("validate-secret-not-found", _validate(POLICY_ACCOUNT, "app/nope"), NOT_FOUND, moto=MOTO_500),
]


def run_case(world: World, case: Case) -> None:
    """Run one case and assert its outcome on `world` (moto's own outcome where it differs)."""
    import pytest

    from smtui.errors import ParameterError, ServiceError

    outcome = case.moto if world.kind == "moto" and case.moto is not None else case.expect
    if outcome.code is None:
        result = case.run(world)
        if case.check is not None and outcome is case.expect:
            case.check(world, result)
        return
    client_side = outcome.code == "ParamValidation" or (outcome.before_sending and world.kind == "moto")
    with pytest.raises((ParameterError, ServiceError)) as caught:
        case.run(world)
    err = caught.value
    if client_side:
        assert isinstance(err, ParameterError), err
        return
    assert isinstance(err, ServiceError), err
    assert err.code == outcome.code, err
    if outcome.message is not None:
        assert err.message == outcome.message
    assert MARKER not in f"{err} {err.hint}"
