"""The backends' tables through boto3 against `smtui serve`: every case of tests/local/after_create_cases.py and
tests/local/version_cases.py, run with smtui's own aws backend (smtui/backends/aws.py, boto3) pointed at the
served store, so each case goes boto3 -> HTTP -> `smtui serve` -> the local store and must get the answer the
local store gives in-process, which is the service's (docs/aws-behaviour.md §22.2). moto's differences (the
tables' `moto` fields) do not apply here: the served store is the service's stand-in. A third table below,
CREATE_CASES, holds the local store's cases of CreateSecret, DescribeSecret, GetSecretValue, DeleteSecret,
RestoreSecret and ListSecrets (tests/local/test_local_secrets.py, test_local_delete_list.py) that need no clock.

How a case runs:
- smtui's aws backend first. What smtui's model refuses before sending (the tables' `before_sending`,
  `ParamValidation`, `model=True`) is a ParameterError there, as against AWS, and never reaches the server.
- Then, for those cases, the same case again "raw", as another SDK would send it: smtui's client-side checks and
  botocore's parameter validation and idempotency-token filling switched off, so the request reaches the server,
  which must answer with the service's error (code and message of the table; botocore's minimums are the
  service's ValidationException, in Coral's words).

One server for the module, so each case lives in its own namespace: a botocore hook on the case's clients puts a
prefix before every name it sends (Name, SecretId, SecretIdList, name filters; an ARN is left alone) and scopes
ListSecrets/BatchGetSecretValue to the prefix, and takes the prefix off every name that comes back. A name that
comes back without the case's prefix is turned into "<foreign:...>", so it can never pass for the case's own.

Replicas settle on the real clock (smtui/backends/local/replicas.py: a replica row settles at the first read
after `settle_after` = write time + SMTUI_LOCAL_REPLICA_DELAY). The server runs with a delay of 0.1 s and
`settle()` polls (tests/waiting.py wait_for, a 10 s budget) until no secret of the case is InProgress: every
case of the table runs, none is skipped for the clock.
"""

from __future__ import annotations

import itertools
import os
import re
import uuid
from collections.abc import Callable, Iterator
from typing import Any, Literal

import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from smtui.backends import aws_extras, aws_versions
from smtui.backends.aws import AwsBackend, client_config
from smtui.backends.base import Backend, ListFilter
from smtui.errors import ParameterError, ServiceError
from smtui.model import CreateSecretRequest
from smtui.model import messages as msg
from smtui.settings import TargetSettings
from tests.local import after_create_cases as after
from tests.local import version_cases as versions
from tests.serve.conftest import Served, _start, boto3_client
from tests.waiting import wait_for

REPLICA_DELAY = "0.1"
SETTLE_BUDGET = 10.0
_numbers = itertools.count(1)


@pytest.fixture(scope="module")
def ops_served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One server for the module, its replicas settling 0.1 s after a write."""
    server = _start(tmp_path_factory.mktemp("ops"), env={"SMTUI_LOCAL_REPLICA_DELAY": REPLICA_DELAY})
    yield server
    server.stop()


class Namespace:
    """One case's names on the shared server: the prefix put before every name sent, taken off every name read."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    def name(self, value: Any) -> Any:
        if not isinstance(value, str) or not value or value.startswith(("arn:", self.prefix)):
            return value  # an empty name stays empty (botocore's minimum, the service's ValidationException)
        return self.prefix + value

    def back(self, value: Any) -> Any:
        if not isinstance(value, str) or value.startswith("arn:"):
            return value
        if value.startswith(self.prefix):
            return value[len(self.prefix) :]
        return f"<foreign:{value}>"

    def filters(self, params: dict[str, Any], scoped: bool) -> None:
        filters = [dict(f) for f in params.get("Filters") or []]
        for f in filters:
            if f.get("Key") == "name":
                f["Values"] = [
                    "!" + self.name(v[1:]) if v.startswith("!") else self.name(v) for v in f.get("Values") or []
                ]
        if scoped and self.prefix:
            filters.append({"Key": "name", "Values": [self.prefix]})
        if filters:
            params["Filters"] = filters


class Clients:
    """smtui's aws backends on the served store, one per region (and one per region for the raw requests), made
    once for the module (a backend and its boto3 client cost 0.1-0.2 s to make) and switched from case to case by
    `namespace`, which botocore hooks on each client apply."""

    def __init__(self, served: Served) -> None:
        self.served = served
        self.namespace = Namespace("unset-")
        self._made: dict[tuple[str, bool], AwsBackend] = {}

    def get(self, region: str, raw: bool) -> AwsBackend:
        found = self._made.get((region, raw))
        if found is None:
            found = AwsBackend(TargetSettings(backend="aws", region=region, endpoint_url=self.served.url))
            if raw:
                found._clients["secretsmanager"] = self._raw_client(found, region)
            events = found._sm.meta.events
            events.register("provide-client-params.secrets-manager", self._outgoing)
            events.register("after-call.secrets-manager", self._incoming)
            self._made[(region, raw)] = found
        return found

    def _raw_client(self, backend: AwsBackend, region: str) -> Any:
        """A client that sends what it is given: no parameter validation, no idempotency token filled in."""
        from botocore.handlers import generate_idempotent_uuid

        config = client_config(backend.settings).merge(Config(parameter_validation=False))
        client = backend._session.client(
            "secretsmanager", region_name=region, endpoint_url=self.served.url, config=config
        )
        client.meta.events.unregister("before-parameter-build", generate_idempotent_uuid)
        return client

    def _outgoing(self, params: dict[str, Any], model: Any, **_: Any) -> None:
        ns = self.namespace
        for member in ("Name", "SecretId"):
            if member in params:
                params[member] = ns.name(params[member])
        if "SecretIdList" in params:
            params["SecretIdList"] = [ns.name(v) for v in params["SecretIdList"]]
        operation = model.name
        ns.filters(params, operation == "ListSecrets" or (operation == "BatchGetSecretValue" and "Filters" in params))

    def _incoming(self, parsed: dict[str, Any], **_: Any) -> None:
        ns = self.namespace
        if "Name" in parsed:
            parsed["Name"] = ns.back(parsed["Name"])
        for listed in ("SecretList", "SecretValues"):
            for entry in parsed.get(listed) or []:
                entry["Name"] = ns.back(entry.get("Name"))
        for error in parsed.get("Errors") or []:
            error["SecretId"] = ns.back(error.get("SecretId"))

    def close(self) -> None:
        for backend in self._made.values():
            backend.close()


@pytest.fixture(scope="module")
def clients(ops_served: Served, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Clients]:
    """The module's backends, signed with the server's credentials (read when each client is made)."""
    home = tmp_path_factory.mktemp("aws-home")
    made = Clients(ops_served)
    with pytest.MonkeyPatch.context() as env:
        for var in list(os.environ):
            if var.startswith("AWS_"):
                env.delenv(var)
        env.setenv("AWS_CONFIG_FILE", str(home / "config"))
        env.setenv("AWS_SHARED_CREDENTIALS_FILE", str(home / "credentials"))
        env.setenv("AWS_ACCESS_KEY_ID", ops_served.env["AWS_ACCESS_KEY_ID"])
        env.setenv("AWS_SECRET_ACCESS_KEY", ops_served.env["AWS_SECRET_ACCESS_KEY"])
        for region in (after.US, after.EU, after.AP):
            for raw in (False, True):
                made.get(region, raw)
    yield made
    made.close()


class ServedWorld:
    """after_create_cases' World on the served store: smtui's aws backend per region, in the case's namespace.

    `kind` is "local": the served store must answer as the local store does (the checks that branch on
    `kind` expect the local store's, the service's, answers). `raw`: the requests as another SDK sends them.
    """

    kind: Literal["local", "moto"] = "local"

    def __init__(self, clients: Clients, *, raw: bool = False) -> None:
        self.clients = clients
        self.raw = raw
        self.namespace = Namespace(f"c{next(_numbers):04d}-")

    def backend(self, region: str = after.US) -> Backend:
        self.clients.namespace = self.namespace
        return self.clients.get(region, self.raw)

    def settle(self) -> None:
        """Wait until no secret of this case has a replica InProgress (a read settles the due ones)."""
        client = self.clients.get(after.US, False)._sm
        prefix = self.namespace.prefix

        def settled() -> bool:
            self.clients.namespace = Namespace("")  # the prefix is given whole here
            try:
                found = client.list_secrets(IncludePlannedDeletion=True, Filters=[{"Key": "name", "Values": [prefix]}])
                return not any(
                    r["Status"] == "InProgress"
                    for entry in found["SecretList"]
                    for r in client.describe_secret(SecretId=entry["ARN"]).get("ReplicationStatus", [])
                )
            finally:
                self.clients.namespace = self.namespace

        wait_for(settled, "the case's replicas to settle", budget=SETTLE_BUDGET)


@pytest.fixture
def world(clients: Clients) -> Callable[..., ServedWorld]:
    """Makes a ServedWorld (a new namespace) on the module's backends."""
    return lambda raw=False: ServedWorld(clients, raw=raw)


def _minimum(value: str, member: str, kind: str = "length") -> str:
    rule = f"have {kind} greater than or equal to 1"
    return msg.validation_errors([msg.CONSTRAINT.format(value=value, member=member, rule=rule)])


# The service's words for the minimums botocore checks before sending (the table's "ParamValidation"): on the wire
# no client checked them, and the service's own constraint answers (docs/aws-behaviour.md §22.2).
SERVICE_MINIMUMS = {
    "tag-secret-id-empty": _minimum("", "secretId"),
    "replicate-no-regions": _minimum("[]", "addReplicaRegions"),
    "remove-no-regions": _minimum("[]", "removeReplicaRegions"),
    "password-length-zero": _minimum("0", "passwordLength", "value"),
    "batch-empty-id-list": _minimum("[]", "secretIdList"),
    "policy-empty": _minimum("", "resourcePolicy"),
}


def _no_client_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    """smtui's aws backend without its checks before sending (for the raw run)."""
    monkeypatch.setattr(aws_extras, "_check", lambda issues: None)
    monkeypatch.setattr(aws_extras, "_refuse", lambda refusal: None)
    monkeypatch.setattr(aws_extras, "service_refusal", lambda options: None)
    monkeypatch.setattr(aws_versions, "_check", lambda issues: None)


def _served_error(run: Callable[[], object]) -> ServiceError:
    with pytest.raises(ServiceError) as caught:
        run()
    return caught.value


# --- tests/local/after_create_cases.py --------------------------------------------------------------------------
@pytest.mark.parametrize("case", after.CASES, ids=[c.id for c in after.CASES])
def test_after_create_case_served(
    case: after.Case, world: Callable[..., ServedWorld], monkeypatch: pytest.MonkeyPatch
) -> None:
    outcome = case.expect
    if outcome.code is None:
        w = world()
        result = case.run(w)
        if case.check is not None:
            case.check(w, result)
        return
    client_side = outcome.code == "ParamValidation" or outcome.before_sending
    if client_side:
        with pytest.raises(ParameterError):
            case.run(world())
        _no_client_checks(monkeypatch)
        err = _served_error(lambda: case.run(world(raw=True)))
    else:
        err = _served_error(lambda: case.run(world()))
    expected = "ValidationException" if outcome.code == "ParamValidation" else outcome.code
    assert (err.code, err.http_status) == (expected, 400), err
    if outcome.message is not None:
        assert err.message == outcome.message
    if outcome.code == "ParamValidation":
        assert err.message == SERVICE_MINIMUMS[case.id]
    assert after.MARKER not in f"{err} {err.hint}"


def _put_both_values(w: ServedWorld) -> None:
    """Both SecretString and SecretBinary (smtui's aws backend sends one value only): the service's refusal,
    before the secret is looked up."""
    client = w.backend()._sm  # type: ignore[attr-defined]
    case = versions.by_id()["put-both-values"]
    assert case.error is not None
    with pytest.raises(ClientError) as caught:
        client.put_secret_value(
            SecretId="app", ClientRequestToken=versions.World.token(), SecretString="a", SecretBinary=b"b"
        )
    error = caught.value.response["Error"]
    assert (error["Code"], error["Message"]) == (case.error.code, case.error.message)


BY_HAND: dict[str, Callable[[ServedWorld], None]] = {"put-both-values": _put_both_values}


# --- tests/local/version_cases.py ---------------------------------------------------------------------------------
@pytest.mark.parametrize("case", versions.CASES, ids=[c.id for c in versions.CASES])
def test_version_case_served(
    case: versions.Case, world: Callable[..., ServedWorld], monkeypatch: pytest.MonkeyPatch
) -> None:
    if case.local_only is not None:
        pytest.fail(f"a case the server cannot run: {case.local_only}")
    if case.model:
        versions.expect(case, versions.World(world().backend()), server=True)  # refused before sending
        _no_client_checks(monkeypatch)
        if case.id in BY_HAND:  # smtui's aws backend cannot send this request at all
            BY_HAND[case.id](world(raw=True))
        else:
            versions.expect(case, versions.World(world(raw=True).backend()), server=False)
    else:
        versions.expect(case, versions.World(world().backend()), server=False)


def test_store_holds_each_case_apart(ops_served: Served, world: Callable[..., ServedWorld]) -> None:
    """The namespaces work: a name sent by one case's world is stored with its prefix and listed only there."""
    client = boto3_client(ops_served)
    a, b = world(), world()
    after.secret(a, "same/name")
    after.secret(b, "same/name")
    pages = client.get_paginator("list_secrets").paginate()
    listed = sorted(s["Name"] for p in pages for s in p["SecretList"] if s["Name"].endswith("same/name"))
    assert listed == [a.namespace.prefix + "same/name", b.namespace.prefix + "same/name"]
    assert [s.Name for s in a.backend().list_secrets().SecretList] == ["same/name"]


# --- CreateSecret, DescribeSecret, GetSecretValue, DeleteSecret, RestoreSecret, ListSecrets -----------------------
# The local store's cases of tests/local/test_local_secrets.py and tests/local/test_local_delete_list.py that do not
# need its clock, in the after-create table's shape (docs/aws-behaviour.md §2-§4, §8-§11).
MARKER = after.MARKER


def _create(w: after.World, name: str = "app/db", **members: Any) -> Any:
    data = {"Name": name, "ClientRequestToken": str(uuid.uuid4()), **members}
    return w.backend().create_secret(CreateSecretRequest.model_validate(data))


def _value_of(w: after.World, secret_id: str, **select: str) -> str | bytes:
    got = w.backend().get_secret_value(secret_id, **select)
    secret = got.SecretString if got.SecretString is not None else got.SecretBinary
    assert secret is not None
    return secret.get_secret_value()


def _string_round_trip(w: after.World) -> Any:
    created = _create(w, SecretString=MARKER, Description="db", Tags=[{"Key": "env", "Value": "dev"}])
    got = w.backend().get_secret_value("app/db")
    return created, got


def _check_string_round_trip(_w: after.World, result: Any) -> None:
    created, got = result
    assert re.fullmatch(
        r"arn:aws:secretsmanager:us-east-1:[0-9]{12}:secret:c[0-9]{4}-app/db-[A-Za-z0-9]{6}", created.ARN
    )
    assert created.Name == "app/db" and created.ReplicationStatus is None
    assert got.SecretString.get_secret_value() == MARKER and got.SecretBinary is None
    assert (got.ARN, got.VersionId, got.VersionStages) == (created.ARN, created.VersionId, ["AWSCURRENT"])


def _describe_after_create(w: after.World) -> Any:
    created = _create(w, SecretString=MARKER, Tags=[{"Key": "env", "Value": "dev"}])
    return created, w.backend().describe_secret("app/db").to_aws()


def _check_describe_after_create(_w: after.World, result: Any) -> None:
    created, shown = result
    assert set(shown) == {"ARN", "Name", "Tags", "VersionIdsToStages", "CreatedDate", "LastChangedDate"}, shown
    assert shown["VersionIdsToStages"] == {created.VersionId: ["AWSCURRENT"]}
    assert shown["Tags"] == [{"Key": "env", "Value": "dev"}] and shown["ARN"] == created.ARN


def _lookups(w: after.World) -> Any:
    arn = _create(w, SecretString=MARKER).ARN
    b = w.backend()
    found = [b.describe_secret(arn).ARN, b.describe_secret(arn[:-7]).ARN]
    codes = []
    for missing in (arn[:-1] + ("x" if arn[-1] != "x" else "y"), arn.replace(after.US, after.EU)):
        try:
            b.describe_secret(missing)
        except ServiceError as exc:
            codes.append((exc.code, exc.message))
    return arn, found, codes


def _check_lookups(_w: after.World, result: Any) -> None:
    arn, found, codes = result
    assert found == [arn, arn] and codes == [("ResourceNotFoundException", msg.NOT_FOUND)] * 2


def _retry(w: after.World) -> Any:
    request = CreateSecretRequest.model_validate(
        {"Name": "app/db", "ClientRequestToken": str(uuid.uuid4()), "SecretString": MARKER}
    )
    first = w.backend().create_secret(request)
    before = w.backend().describe_secret("app/db")
    again = w.backend().create_secret(request.model_copy(update={"Description": "other"}))
    return first, again, before, w.backend().describe_secret("app/db")


def _check_retry(_w: after.World, result: Any) -> None:
    first, again, before, after_retry = result
    assert again.to_aws() == first.to_aws() and after_retry == before and after_retry.Description is None


def _token_other_value(w: after.World) -> Any:
    token = str(uuid.uuid4())
    arn = _create(w, SecretString=MARKER, ClientRequestToken=token).ARN
    return token, arn


def _same_token_other_value(w: after.World) -> Any:
    token, arn = _token_other_value(w)
    w.arn_and_token = (arn, token)  # type: ignore[attr-defined]
    _create(w, SecretString=MARKER + "x", ClientRequestToken=token)


def _scheduled_then_create(w: after.World) -> Any:
    _create(w, SecretString=MARKER)
    w.backend().delete_secret("app/db")
    _create(w, SecretString=MARKER)


def _window(days: int) -> Callable[[after.World], Any]:
    def run(w: after.World) -> Any:
        _create(w)
        return w.backend().delete_secret("app/db", recovery_window_in_days=days)

    return run


def _delete_restore(w: after.World) -> Any:
    arn = _create(w, SecretString=MARKER).ARN
    b = w.backend()
    deleted = b.delete_secret("app/db")
    described = b.describe_secret("app/db")
    codes = []
    for call in (lambda: b.get_secret_value("app/db"), lambda: b.delete_secret("app/db")):
        try:
            call()
        except ServiceError as exc:
            codes.append(exc.code)
    restored = b.restore_secret("app/db")
    return arn, deleted, described, codes, restored, b.describe_secret("app/db"), _value_of(w, "app/db")


def _check_delete_restore(_w: after.World, result: Any) -> None:
    arn, deleted, described, codes, restored, again, value = result
    assert arn == deleted.ARN and deleted.Name == "app/db" and deleted.DeletionDate is not None
    assert described.DeletedDate == deleted.DeletionDate
    assert codes == ["InvalidRequestException", "InvalidRequestException"]
    assert (restored.ARN, restored.Name) == (arn, "app/db") and again.DeletedDate is None and value == MARKER


def _forced(w: after.World) -> Any:
    arns = []
    for _ in range(2):
        arns.append(_create(w, SecretString=MARKER).ARN)
        out = w.backend().delete_secret("app/db", force_delete_without_recovery=True)
        assert out.Name == "app/db" and arns[-1] == out.ARN
    _create(w)
    w.backend().delete_secret("app/db")
    w.backend().delete_secret("app/db", force_delete_without_recovery=True)  # a scheduled one goes at once too
    return arns, w.backend().list_secrets(include_planned_deletion=True).SecretList


def _check_forced(w: after.World, result: Any) -> None:
    arns, listed = result
    assert len(set(arns)) == 2 and listed == []
    with pytest.raises(ServiceError) as caught:
        w.backend().restore_secret("app/db")
    assert caught.value.code == "ResourceNotFoundException"


def _listing(w: after.World) -> Any:
    for i in range(5):
        _create(w, f"team/app{i}", Description=f"Service number {i}", Tags=[{"Key": "env", "Value": "ep"[i % 2]}])
    _create(w, "other")
    w.backend().delete_secret("team/app4")
    return w.backend()


def _check_listing(_w: after.World, b: Any) -> None:
    def names(**kw: Any) -> list[str]:
        return [e.Name for e in b.list_secrets(**kw).SecretList]

    everything = ["team/app0", "team/app1", "team/app2", "team/app3", "other"]
    assert names() == everything and "team/app4" in names(include_planned_deletion=True)
    assert names(sort_order="desc")[0] == "other"
    page1 = b.list_secrets(max_results=2)
    page2 = b.list_secrets(max_results=2, next_token=page1.NextToken)
    page3 = b.list_secrets(max_results=2, next_token=page2.NextToken)
    assert page3.NextToken is None and [e.Name for p in (page1, page2, page3) for e in p.SecretList] == everything
    assert names(filters=[ListFilter("name", ("team/",))]) == everything[:4]
    assert names(filters=[ListFilter("name", ("Team/",))]) == []
    assert names(filters=[ListFilter("name", ("!team",))]) == ["other"]
    assert names(filters=[ListFilter("description", ("service number 1",))]) == ["team/app1"]
    assert names(filters=[ListFilter("tag-value", ("p",))]) == ["team/app1", "team/app3"]
    assert names(filters=[ListFilter("all", ("APP2",))]) == ["team/app2"]
    entry = b.list_secrets(filters=[ListFilter("name", ("team/app1",))]).SecretList[0].to_aws()
    assert "KmsKeyId" not in entry and "SecretVersionsToStages" not in entry and entry["Tags"]


def _create_with_replica(w: after.World) -> Any:
    return _create(w, SecretString=MARKER, AddReplicaRegions=[{"Region": after.EU}])


def _check_create_with_replica(w: after.World, created: Any) -> None:
    assert [(r.Region, r.Status) for r in created.ReplicationStatus] == [(after.EU, "InProgress")]
    w.settle()
    assert [r.Status for r in w.backend().describe_secret("app/db").ReplicationStatus or []] == ["InSync"]
    assert _value_of(w, "app/db") == MARKER and w.backend(after.EU).describe_secret("app/db").PrimaryRegion == after.US


def _constraint(value: str, member: str, rule: str) -> str:
    return msg.validation_errors([msg.CONSTRAINT.format(value=value, member=member, rule=rule)])


CREATE_CASES: list[after.Case] = [
    after.Case("create-string-round-trip", _string_round_trip, check=_check_string_round_trip),
    after.Case(
        "create-binary-round-trip",
        lambda w: (_create(w, SecretBinary=b"\x00\xffZq9\x10"), _value_of(w, "app/db"))[1],
        check=lambda _w, value: _ok(value == b"\x00\xffZq9\x10"),
    ),
    after.Case("describe-right-after-create", _describe_after_create, check=_check_describe_after_create),
    after.Case(
        "create-without-value",
        lambda w: _create(w).to_aws(),
        check=lambda _w, shown: _ok(set(shown) == {"ARN", "Name"}),
    ),
    after.Case(
        "get-without-value",
        lambda w: (_create(w), _value_of(w, "app/db")),
        after.Outcome("ResourceNotFoundException", msg.NO_CURRENT_VALUE),
    ),
    after.Case("lookup-by-arn-partial-arn-and-near-misses", _lookups, check=_check_lookups),
    after.Case(
        "version-id-not-found",
        lambda w: (_create(w, SecretString=MARKER), _value_of(w, "app/db", version_id="0" * 32)),
        after.Outcome(
            "ResourceNotFoundException",
            "Secrets Manager can't find the specified secret value for VersionId: " + "0" * 32,
        ),
    ),
    after.Case("create-retry-same-token-is-a-no-op", _retry, check=_check_retry),
    after.Case("create-same-token-other-value", _same_token_other_value, after.Outcome("ResourceExistsException")),
    after.Case(
        "create-name-taken",
        lambda w: (_create(w), _create(w)),
        after.Outcome("ResourceExistsException"),
    ),
    after.Case(
        "create-scheduled-for-deletion-first",
        _scheduled_then_create,
        after.Outcome("InvalidRequestException", msg.SCHEDULED_FOR_DELETION),
    ),
    after.Case("create-with-replica-settles", _create_with_replica, check=_check_create_with_replica),
    after.Case("delete-default-window-then-restore", _delete_restore, check=_check_delete_restore),
    after.Case("delete-window-7", _window(7), check=lambda _w, out: _ok(out.DeletionDate is not None)),
    after.Case("delete-window-30", _window(30), check=lambda _w, out: _ok(out.DeletionDate is not None)),
    *(
        after.Case(
            f"delete-window-{days}",
            _window(days),
            after.Outcome("InvalidParameterException", msg.RECOVERY_WINDOW_RANGE),
        )
        for days in (0, 6, 31)
    ),
    after.Case(
        "delete-window-and-force",
        lambda w: (
            _create(w),
            w.backend().delete_secret("app/db", recovery_window_in_days=7, force_delete_without_recovery=True),
        ),
        after.Outcome("InvalidParameterException", msg.DELETE_BOTH_OPTIONS),
    ),
    after.Case("delete-forced-frees-the-name", _forced, check=_check_forced),
    after.Case("list-pages-filters-planned-deletion", _listing, check=_check_listing),
    after.Case(
        "list-max-results-101",
        lambda w: w.backend().list_secrets(max_results=101),
        after.Outcome("ValidationException", _constraint("101", "maxResults", "have value less than or equal to 100")),
    ),
    after.Case(
        "list-bad-next-token",
        lambda w: w.backend().list_secrets(next_token="garbage!"),
        after.Outcome("InvalidNextTokenException"),
    ),
    after.Case(
        "list-unknown-filter-key",
        lambda w: w.backend().list_secrets(filters=[ListFilter("colour", ("x",))]),
        after.Outcome("ValidationException"),
    ),
    after.Case(
        "describe-id-too-long",
        lambda w: w.backend().describe_secret("a" * 2049),
        after.Outcome("ValidationException"),
    ),
    # botocore's minimums (ParameterError, 252, on smtui's aws backend and on the local store): the service's words
    *(
        after.Case(f"minimum-{member}", run, after.Outcome("ParamValidation"))
        for member, run in (
            ("describe-secret-id", lambda w: w.backend().describe_secret("")),
            ("restore-secret-id", lambda w: w.backend().restore_secret("")),
            ("delete-secret-id", lambda w: w.backend().delete_secret("")),
            ("get-version-id", lambda w: w.backend().get_secret_value("x", version_id="short")),
            ("get-version-stage", lambda w: w.backend().get_secret_value("x", version_stage="")),
            ("list-next-token", lambda w: w.backend().list_secrets(next_token="")),
            ("list-filter-values", lambda w: w.backend().list_secrets(filters=[ListFilter("name", ())])),
        )
    ),
]
SERVICE_MINIMUMS.update(
    {
        "minimum-describe-secret-id": _minimum("", "secretId"),
        "minimum-restore-secret-id": _minimum("", "secretId"),
        "minimum-delete-secret-id": _minimum("", "secretId"),
        "minimum-get-version-id": _constraint("short", "versionId", "have length greater than or equal to 32"),
        "minimum-get-version-stage": _minimum("", "versionStage"),
        "minimum-list-next-token": _minimum("", "nextToken"),
        "minimum-list-filter-values": _minimum("[]", "filters.1.member.values"),
    }
)


def _ok(holds: bool) -> None:
    assert holds


@pytest.mark.parametrize("case", CREATE_CASES, ids=[c.id for c in CREATE_CASES])
def test_create_delete_list_case_served(
    case: after.Case, world: Callable[..., ServedWorld], monkeypatch: pytest.MonkeyPatch
) -> None:
    test_after_create_case_served(case, world, monkeypatch)


def test_create_messages_name_the_secret(world: Callable[..., ServedWorld]) -> None:
    """ResourceExistsException's words carry the name or the token and ARN, as the service's do."""
    w = world()
    with pytest.raises(ServiceError) as caught:
        _same_token_other_value(w)
    arn, token = w.arn_and_token  # type: ignore[attr-defined]
    assert caught.value.message == msg.TOKEN_IN_USE.format(token=token, arn=arn)
    _create(w, "taken")
    with pytest.raises(ServiceError) as caught:
        _create(w, "taken")
    assert caught.value.message == msg.NAME_EXISTS.format(name=w.namespace.prefix + "taken")


def test_create_without_a_token_is_refused_first(world: Callable[..., ServedWorld]) -> None:
    """A raw CreateSecret without ClientRequestToken (no SDK sends one; botocore fills it): the service's
    InvalidRequestException, before the name is looked at (docs/aws-behaviour.md §22.2)."""
    client = world(raw=True).backend()._sm  # type: ignore[attr-defined]
    for name in ("wire/new", "bad name#"):
        with pytest.raises(ClientError) as caught:
            client.create_secret(Name=name, SecretString=MARKER)
        error = caught.value.response["Error"]
        assert (error["Code"], error["Message"]) == ("InvalidRequestException", msg.MISSING_TOKEN)
