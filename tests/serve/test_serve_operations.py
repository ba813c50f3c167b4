"""The backends' tables through boto3 against `smtui serve`: every case of tests/local/after_create_cases.py and
tests/local/version_cases.py, run with smtui's own aws backend (smtui/backends/aws.py, boto3) pointed at the
served store, so each case goes boto3 -> HTTP -> `smtui serve` -> the local store and must get the answer the
local store gives in-process, which is the service's (docs/aws-behaviour.md §22.2). moto's differences (the
tables' `moto` fields) do not apply here: the served store is the service's stand-in.

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
from collections.abc import Callable, Iterator
from typing import Any, Literal

import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from smtui.backends import aws_extras, aws_versions
from smtui.backends.aws import AwsBackend, client_config
from smtui.backends.base import Backend
from smtui.errors import ParameterError, ServiceError
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
