"""One table of the version operations (docs/aws-behaviour.md §7.1, §8, §9, §15, §16), run against the local
store (tests/local/test_local_versions.py) and, unchanged, against the aws backend on a moto server over HTTP
(tests/aws/test_aws_versions.py).

A case builds its own secrets through the `Backend` interface only, does one thing, and states either the error
(code and message) or what must hold afterwards. What the model refuses before sending is a `ServiceError` from
the local store (it answers as the service would) and a `ParameterError` (252, nothing sent) from the aws backend:
`model=True` says so. `moto="…"` says how moto 5.2 answers instead: the aws run of that case is an expected
failure (strict, so a moto that starts to agree is noticed) and the difference is listed in docs/aws-behaviour.md
§13. `exact=False` marks a message whose words are smtui's (unconfirmed wording): the aws run checks the code only.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import SecretBytes, SecretStr

from smtui.backends.base import Backend
from smtui.errors import ServiceError
from smtui.model import CreateSecretRequest, DescribeSecretResult
from smtui.model import messages as msg
from smtui.model.lifecycle import PutSecretValueRequest, PutSecretValueResult, UpdateSecretRequest

V1 = "Zq9-version-one"
V2 = "Zq9-version-two"
V3 = "Zq9-version-three"
CURRENT, PREVIOUS, PENDING = "AWSCURRENT", "AWSPREVIOUS", "AWSPENDING"


class World:
    """The secrets one case made, through the backend's public methods; `vars` fill the expected messages."""

    def __init__(self, backend: Backend) -> None:
        self.b = backend
        self.vars: dict[str, str] = {}

    @staticmethod
    def token() -> str:
        return str(uuid.uuid4())

    def create(self, name: str, value: str | bytes | None = V1, **members: Any) -> str:
        """Create `name`; returns its first VersionId (or "" without a value); vars `arn`, `v1`."""
        data: dict[str, Any] = {"Name": name, "ClientRequestToken": self.token(), **members}
        if isinstance(value, str):
            data["SecretString"] = value
        elif isinstance(value, bytes):
            data["SecretBinary"] = value
        created = self.b.create_secret(CreateSecretRequest.model_validate(data))
        self.vars.setdefault("arn", created.ARN)
        self.vars.setdefault("v1", created.VersionId or "")
        return created.VersionId or ""

    def put(
        self, name: str, value: str | bytes = V2, stages: list[str] | None = None, token: str | None = None
    ) -> PutSecretValueResult:
        return self.b.put_secret_value(_put(name, value, stages, token or self.token()))

    def labels(self, name: str) -> dict[str, list[str]]:
        """{VersionId: sorted labels} of the labelled versions, from DescribeSecret ({} when none). A deprecated
        version's empty list (moto shows them; the service leaves them out: case put-twice-deprecates-the-oldest)
        is not a label."""
        return {v: sorted(s) for v, s in (self.b.describe_secret(name).VersionIdsToStages or {}).items() if s}

    def value(self, name: str, **select: str) -> str | bytes:
        got = self.b.get_secret_value(name, **select)
        if got.SecretBinary is not None:
            return got.SecretBinary.get_secret_value()
        assert got.SecretString is not None
        return got.SecretString.get_secret_value()

    def describe(self, name: str) -> DescribeSecretResult:
        return self.b.describe_secret(name)

    def three_versions(self, name: str) -> tuple[str, str, str]:
        """v1 deprecated, v2 AWSPREVIOUS, v3 AWSCURRENT (vars v1, v2, v3)."""
        v1 = self.create(name)
        v2 = self.put(name, V2).VersionId
        v3 = self.put(name, V3).VersionId
        self.vars.update(v1=v1, v2=v2, v3=v3)
        return v1, v2, v3


def _put(name: str, value: str | bytes | None, stages: list[str] | None, token: str) -> PutSecretValueRequest:
    return PutSecretValueRequest(
        SecretId=name,
        ClientRequestToken=token,
        SecretString=SecretStr(value) if isinstance(value, str) else None,
        SecretBinary=SecretBytes(value) if isinstance(value, bytes) else None,
        VersionStages=stages,
    )


@dataclass(frozen=True)
class Err:
    code: str
    message: str  # str.format'ed with World.vars
    exact: bool = True  # False: smtui's words (unconfirmed); other implementations check the code only


@dataclass(frozen=True)
class Case:
    id: str
    run: Callable[[World], object]
    error: Err | None = None
    check: Callable[[World, Any], None] | None = None
    model: bool = False  # refused by smtui's model: the aws backend raises ParameterError, nothing sent
    moto: str | None = None  # how moto 5.2 differs (the aws run is a strict expected failure)
    local_only: str | None = None  # why this case cannot run against a server (e.g. it needs the clock)


def _that(predicate: Callable[[World, Any], bool]) -> Callable[[World, Any], None]:
    """A check that `predicate(world, result)` holds (the result shown when it does not)."""

    def check(w: World, result: Any) -> None:
        assert predicate(w, result), result

    return check


def _is(expected: dict[str, list[str]]) -> Callable[[World, Any], None]:
    """The labels of `app` afterwards, by var name: {"v1": [...], ...} (a var missing from it: deprecated)."""

    def check(w: World, _result: object) -> None:
        got, want = w.labels("app"), {w.vars[k]: sorted(v) for k, v in expected.items()}
        assert got == want, {"got": got, "want": want, "vars": w.vars}

    return check


def _all(*checks: Callable[[World, Any], None]) -> Callable[[World, Any], None]:
    def check(w: World, result: Any) -> None:
        for one in checks:
            one(w, result)

    return check


def _ok_value(value: str) -> Callable[[World, Any], None]:
    def check(w: World, result: Any) -> None:
        assert result == value

    return check


def _partial_arn(w: World) -> str:
    w.create("app/db")
    return w.vars["arn"][: -len("-XXXXXX")]


def _put_shape(w: World, r: PutSecretValueResult) -> None:
    assert set(r.to_aws()) == {"ARN", "Name", "VersionId", "VersionStages"}
    assert (r.ARN, r.Name, r.VersionStages) == (w.vars["arn"], "app", [CURRENT])
    assert w.value("app") == V2 and w.value("app", version_stage=PREVIOUS) == V1


def _deprecated_kept(w: World, _r: object) -> None:
    v1, v2, v3 = w.vars["v1"], w.vars["v2"], w.vars["v3"]
    assert w.labels("app") == {v2: [PREVIOUS], v3: [CURRENT]}
    listed = w.b.list_secret_version_ids("app")
    assert {v.VersionId for v in listed.Versions} == {v2, v3}
    every = {v.VersionId: v for v in w.b.list_secret_version_ids("app", include_deprecated=True).Versions}
    assert set(every) == {v1, v2, v3} and every[v1].VersionStages is None
    assert "VersionStages" not in every[v1].to_aws()
    assert w.value("app", version_id=v1) == V1  # readable by VersionId until pruned
    entry = next(s for s in w.b.list_secrets().SecretList if s.Name == "app")
    assert entry.SecretVersionsToStages is not None and set(entry.SecretVersionsToStages) == {v2, v3}


def _idempotent(w: World) -> tuple[PutSecretValueResult, PutSecretValueResult]:
    w.create("app")
    token = w.token()
    w.vars["t"] = token
    first = w.put("app", V2, token=token)
    before = w.describe("app")
    again = w.put("app", V2, token=token)
    after = w.describe("app")
    assert after.VersionIdsToStages == before.VersionIdsToStages
    return first, again


def _same_answer(w: World, results: tuple[PutSecretValueResult, PutSecretValueResult]) -> None:
    first, again = results
    assert again.to_aws() == first.to_aws()
    assert len(w.b.list_secret_version_ids("app", include_deprecated=True).Versions) == 2


def _update_desc_only(w: World) -> Any:
    w.create("app", Description="old")
    return w.b.update_secret(UpdateSecretRequest(SecretId="app", Description="new"))


def _update_desc_check(w: World, r: Any) -> None:
    assert set(r.to_aws()) == {"ARN", "Name"}
    d = w.describe("app")
    assert d.Description == "new" and d.VersionIdsToStages == {w.vars["v1"]: [CURRENT]}


def _update_nothing(w: World) -> Any:
    w.create("app", Description="kept")
    before = w.describe("app")
    r = w.b.update_secret(UpdateSecretRequest(SecretId="app"))
    after = w.describe("app")
    assert after.to_aws() == before.to_aws()
    return r


def _update_value(w: World) -> Any:
    w.create("app", Description="old")
    token = w.token()
    w.vars["v2"] = token
    return w.b.update_secret(
        UpdateSecretRequest(SecretId="app", ClientRequestToken=token, SecretString=SecretStr(V2), Description="new")
    )


def _update_value_check(w: World, r: Any) -> None:
    assert r.to_aws() == {"ARN": w.vars["arn"], "Name": "app", "VersionId": w.vars["v2"]}
    assert w.labels("app") == {w.vars["v1"]: [PREVIOUS], w.vars["v2"]: [CURRENT]}
    assert w.describe("app").Description == "new" and w.value("app") == V2


def _update_empty_description(w: World) -> Any:
    w.create("app", Description="old")
    return w.b.update_secret(UpdateSecretRequest(SecretId="app", Description=""))


def _scheduled(w: World) -> None:
    w.create("app")
    w.b.delete_secret("app", recovery_window_in_days=7)


def _then(first: Callable[[World], object], then: Callable[[World], object]) -> Callable[[World], object]:
    def run(w: World) -> object:
        first(w)
        return then(w)

    return run


def _stage(name: str, stage: str, remove: str | None = None, move: str | None = None) -> Callable[[World], object]:
    """UpdateSecretVersionStage with version ids named by var (or given literally when not a var)."""

    def run(w: World) -> object:
        return w.b.update_secret_version_stage(
            name,
            stage,
            remove_from_version_id=w.vars.get(remove, remove) if remove else None,
            move_to_version_id=w.vars.get(move, move) if move else None,
        )

    return run


def _with_three(then: Callable[[World], object]) -> Callable[[World], object]:
    return _then(lambda w: w.three_versions("app"), then)


def _with_custom(then: Callable[[World], object]) -> Callable[[World], object]:
    """Three versions, and the custom label `one` on v1 (put there by UpdateSecretVersionStage)."""

    def first(w: World) -> None:
        w.three_versions("app")
        w.b.update_secret_version_stage("app", "one", move_to_version_id=w.vars["v1"])

    return _then(first, then)


def _unknown(w: World) -> str:
    """A VersionId the secret does not have (var `unknown`)."""
    w.vars["unknown"] = str(uuid.uuid4())
    return w.vars["unknown"]


def _list_shape(w: World) -> Any:
    w.create("app")
    return w.b.list_secret_version_ids("app")


def _list_shape_check(w: World, r: Any) -> None:
    out = r.to_aws()
    assert set(out) == {"ARN", "Name", "Versions"}
    (entry,) = out["Versions"]
    assert set(entry) == {"VersionId", "VersionStages", "CreatedDate", "KmsKeyIds"}
    assert entry["KmsKeyIds"] == ["DefaultEncryptionKey"] and entry["VersionStages"] == [CURRENT]


def _list_pages(w: World) -> Any:
    w.three_versions("app")
    first = w.b.list_secret_version_ids("app", max_results=1)
    assert len(first.Versions) == 1 and first.NextToken
    second = w.b.list_secret_version_ids("app", max_results=1, next_token=first.NextToken)
    return [v.VersionId for v in first.Versions + second.Versions], second.NextToken


def _list_pages_check(w: World, r: Any) -> None:
    ids, token = r
    assert ids == [w.vars["v2"], w.vars["v3"]] and token is None


def _read_marks_access(w: World) -> Any:
    w.three_versions("app")
    assert w.describe("app").LastAccessedDate is None
    w.value("app", version_id=w.vars["v2"])
    return w.b.list_secret_version_ids("app")


def _read_marks_access_check(w: World, r: Any) -> None:
    when = w.describe("app").LastAccessedDate
    assert when is not None and (when.hour, when.minute, when.second, when.microsecond) == (0, 0, 0, 0)
    accessed = {v.VersionId: v.LastAccessedDate for v in r.Versions}
    assert accessed[w.vars["v3"]] is None and accessed[w.vars["v2"]] == when


def _describe_with_value(w: World) -> Any:
    w.create("app", Description="d")
    w.describe("app")
    return w.describe("app").to_aws()


def _describe_with_value_check(w: World, out: dict[str, Any]) -> None:
    assert set(out) == {"ARN", "Name", "Description", "CreatedDate", "LastChangedDate", "VersionIdsToStages"}
    assert out["VersionIdsToStages"] == {w.vars["v1"]: [CURRENT]}


def _describe_empty(w: World) -> Any:
    w.create("app", None, Description="")
    return w.describe("app").to_aws()


def _describe_deleted(w: World) -> Any:
    _scheduled(w)
    return w.describe("app").to_aws()


def _describe_deleted_check(w: World, out: dict[str, Any]) -> None:
    assert "DeletedDate" in out and out["VersionIdsToStages"] == {w.vars["v1"]: [CURRENT]}


def _get_shape(w: World) -> Any:
    w.create("app")
    w.put("app", b"\x00\x01\x02\xff")
    return w.b.get_secret_value("app", version_stage=PREVIOUS), w.b.get_secret_value("app")


def _get_shape_check(w: World, r: Any) -> None:
    old, new = r
    assert set(old.to_aws()) == {"ARN", "Name", "VersionId", "SecretString", "VersionStages", "CreatedDate"}
    assert set(new.to_aws()) == {"ARN", "Name", "VersionId", "SecretBinary", "VersionStages", "CreatedDate"}
    assert new.SecretBinary.get_secret_value() == b"\x00\x01\x02\xff"
    assert old.CreatedDate is not None and new.CreatedDate is not None and old.CreatedDate <= new.CreatedDate


def _changed_at(w: World) -> datetime:
    when = w.describe("app").LastChangedDate
    assert when is not None
    return when


def _changes_bump(w: World) -> Any:
    """Every mutation of the version operations moves LastChangedDate forward; reads do not."""
    w.create("app")
    seen = [_changed_at(w)]
    steps: list[Callable[[], object]] = [
        lambda: w.put("app", V2),
        lambda: w.b.update_secret(UpdateSecretRequest(SecretId="app", Description="d")),
        lambda: w.b.update_secret_version_stage("app", "one", move_to_version_id=w.vars["v1"]),
        lambda: w.b.delete_secret("app", recovery_window_in_days=7),
        lambda: w.b.restore_secret("app"),
    ]
    for step in steps:
        step()
        seen.append(_changed_at(w))
    w.value("app")
    w.b.list_secret_version_ids("app")
    seen.append(_changed_at(w))
    return seen


def _changes_bump_check(_w: World, seen: list[datetime]) -> None:
    assert all(a < b for a, b in itertools.pairwise(seen[:-1])), seen
    assert seen[-1] == seen[-2]  # reads change nothing
    assert all(d.tzinfo is not None and d.microsecond % 1000 == 0 for d in seen)


def _first_put_on_empty(w: World) -> Any:
    w.create("app", None)
    return w.put("app", V2, stages=[PENDING])


NOT_FOUND = Err("ResourceNotFoundException", msg.NOT_FOUND)
SCHEDULED = Err("InvalidRequestException", msg.ALREADY_SCHEDULED)
MOTO_DELETED = (
    "moto: InvalidRequestException `You tried to perform the operation on a secret that's currently marked deleted.`"
)

CASES: list[Case] = [
    # --- §7.1 naming a secret ---------------------------------------------------------------------------------
    Case("get-by-full-arn", lambda w: (w.create("app/db"), w.value(w.vars["arn"]))[1], check=_ok_value(V1)),
    Case("get-by-partial-arn", lambda w: w.value(_partial_arn(w)), check=_ok_value(V1)),
    Case(
        "partial-arn-of-a-name-that-looks-suffixed",
        lambda w: (w.create("app-a1b2c3"), w.describe(w.vars["arn"][:-7]))[1],
        error=NOT_FOUND,
        moto="moto: finds the secret (it reads the ARN as partial)",
    ),
    Case(
        "partial-arn-ending-in-four-chars",
        lambda w: (w.create("app-a1b2"), w.describe(w.vars["arn"][:-7]).Name)[1],
        check=_that(lambda w, r: r == "app-a1b2"),
    ),
    Case(
        "name-with-a-suffix-is-no-name",
        lambda w: (w.create("app"), w.describe(w.vars["arn"].split(":")[-1]))[1],
        error=NOT_FOUND,
    ),
    Case("put-no-such-secret", lambda w: w.put("nope"), error=NOT_FOUND),
    Case(
        "update-no-such-secret",
        lambda w: w.b.update_secret(UpdateSecretRequest(SecretId="nope", Description="d")),
        error=NOT_FOUND,
    ),
    Case("stage-no-such-secret", _stage("nope", "one", move=str(uuid.uuid4())), error=NOT_FOUND),
    Case(
        "list-versions-no-such-secret",
        lambda w: w.b.list_secret_version_ids("nope"),
        error=NOT_FOUND,
        moto="moto: HTTP 500 (an unhandled KeyError)",
    ),
    # --- §9 GetSecretValue and versions -------------------------------------------------------------------------
    Case(
        "get-no-value",
        lambda w: (w.create("app", None), w.value("app"))[1],
        error=Err("ResourceNotFoundException", msg.NO_CURRENT_VALUE),
    ),
    Case(
        "get-stage-not-attached",
        lambda w: (w.create("app"), w.value("app", version_stage=PREVIOUS))[1],
        error=Err("ResourceNotFoundException", msg.NO_VALUE_FOR_STAGE.format(stage=PREVIOUS)),
        moto="moto: `Secrets Manager can't find the specified secret.` (no staging label named)",
    ),
    Case(
        "get-unknown-version-id",
        lambda w: (w.create("app"), w.value("app", version_id=_unknown(w)))[1],
        error=Err(
            "ResourceNotFoundException",
            "Secrets Manager can't find the specified secret value for VersionId: {unknown}",
        ),
    ),
    Case(
        "get-version-and-stage-that-do-not-match",
        _with_three(lambda w: w.value("app", version_id=w.vars["v2"], version_stage=CURRENT)),
        error=Err("InvalidRequestException", msg.STAGE_NOT_ON_VERSION),
    ),
    Case(
        "get-version-and-stage-that-match",
        _with_three(lambda w: w.value("app", version_id=w.vars["v2"], version_stage=PREVIOUS)),
        check=_ok_value(V2),
    ),
    Case("get-shape-and-binary", _get_shape, check=_get_shape_check),
    Case("get-scheduled-for-deletion", _then(_scheduled, lambda w: w.value("app")), error=SCHEDULED, moto=MOTO_DELETED),
    Case(
        "get-marks-the-day-on-secret-and-version",
        _read_marks_access,
        check=_read_marks_access_check,
        moto="moto: every version listed with LastAccessedDate = now, to the second",
    ),
    # --- §15.1 the version model, §15.2 PutSecretValue -----------------------------------------------------------
    Case("put-shape-current-previous", lambda w: (w.create("app"), w.put("app", V2))[1], check=_put_shape),
    Case(
        "put-twice-deprecates-the-oldest",
        _with_three(lambda w: None),
        check=_deprecated_kept,
        moto="moto: DescribeSecret shows deprecated versions (with []); ListSecretVersionIds lists them without "
        "IncludeDeprecated",
    ),
    Case(
        "put-pending-leaves-current",
        lambda w: (w.create("app"), w.vars.update(v2=w.put("app", V2, stages=[PENDING]).VersionId), w.value("app"))[2],
        check=_all(_ok_value(V1), _is({"v1": [CURRENT], "v2": [PENDING]})),
    ),
    Case(
        "put-current-and-custom",
        lambda w: (w.create("app"), w.vars.update(v2=w.put("app", V2, stages=[CURRENT, "PUT0"]).VersionId))[1],
        check=_is({"v1": [PREVIOUS], "v2": [CURRENT, "PUT0"]}),
    ),
    Case(
        "implicit-put-drops-pending-of-the-outgoing-current",
        lambda w: (
            w.create("app"),
            w.b.update_secret_version_stage("app", PENDING, move_to_version_id=w.vars["v1"]),
            w.vars.update(v2=w.put("app", V2).VersionId),
        )[2],
        check=_is({"v1": [PREVIOUS], "v2": [CURRENT]}),
    ),
    Case(
        "implicit-put-keeps-custom-labels",
        _with_custom(lambda w: w.vars.update(v4=w.put("app", "Zq9-four").VersionId)),
        check=_is({"v1": ["one"], "v3": [PREVIOUS], "v4": [CURRENT]}),
    ),
    Case("first-put-on-an-empty-secret", _first_put_on_empty, check=_that(lambda w, r: CURRENT in r.VersionStages)),
    Case("put-same-token-same-value", _idempotent, check=_same_answer),
    Case(
        "put-same-token-other-value",
        lambda w: (w.create("app"), w.put("app", V1, token=w.vars["v1"]), w.put("app", V2, token=w.vars["v1"]))[2],
        error=Err("ResourceExistsException", msg.TOKEN_IN_USE.replace("{token}", "{v1}")),
    ),
    Case(
        "put-scheduled-for-deletion",
        _then(_scheduled, lambda w: w.put("app")),
        error=SCHEDULED,
        moto="moto: accepts the new version",
    ),
    Case(
        "put-without-token-before-lookup",
        lambda w: w.b.put_secret_value(_put("nope", V2, None, "")),
        error=Err("InvalidRequestException", msg.MISSING_TOKEN),
        model=True,
    ),
    Case(
        "put-both-values",
        lambda w: w.b.put_secret_value(
            PutSecretValueRequest(
                SecretId="app",
                ClientRequestToken=w.token(),
                SecretString=SecretStr("a"),
                SecretBinary=SecretBytes(b"b"),
            )
        ),
        error=Err("InvalidParameterException", msg.BOTH_VALUES, exact=False),
        model=True,
    ),
    Case(
        "put-no-value",
        lambda w: w.b.put_secret_value(PutSecretValueRequest(SecretId="app", ClientRequestToken=w.token())),
        error=Err("InvalidRequestException", msg.NO_VALUE_GIVEN, exact=False),
        model=True,
    ),
    Case(
        "put-value-too-long",
        lambda w: w.put("app", "x" * 65537),
        error=Err(
            "ValidationException",
            "1 validation error detected: Value at 'secretString' failed to satisfy constraint: Member must have "
            "length less than or equal to 65536",
        ),
        model=True,
    ),
    Case(
        "put-21-labels",
        lambda w: w.put("app", V2, stages=[f"L{i}" for i in range(21)]),
        error=Err(
            "ValidationException",
            "1 validation error detected: Value at 'versionStages' failed to satisfy constraint: Member must have "
            "length less than or equal to 20",
        ),
        model=True,
    ),
    Case(
        "put-label-too-long",
        lambda w: w.put("app", V2, stages=["L" * 257]),
        error=Err(
            "ValidationException",
            "1 validation error detected: Value '" + "L" * 257 + "' at 'versionStages.1.member' failed to satisfy "
            "constraint: Member must have length less than or equal to 256",
        ),
        model=True,
    ),
    # --- §15.3 UpdateSecret ---------------------------------------------------------------------------------------
    Case("update-description-only", _update_desc_only, check=_update_desc_check),
    Case("update-nothing", _update_nothing, check=_that(lambda w, r: set(r.to_aws()) == {"ARN", "Name"})),
    Case("update-value-and-description", _update_value, check=_update_value_check),
    Case(
        "update-empty-description-removes-it",
        _update_empty_description,
        check=_that(lambda w, _r: w.describe("app").Description is None),
        moto="moto: keeps the old description",
    ),
    Case(
        "update-value-without-token",
        lambda w: w.b.update_secret(UpdateSecretRequest(SecretId="nope", SecretString=SecretStr(V2))),
        error=Err("InvalidRequestException", msg.MISSING_TOKEN),
        model=True,
    ),
    Case(
        "update-token-of-an-existing-version",
        lambda w: (
            w.create("app"),
            w.b.update_secret(
                UpdateSecretRequest(SecretId="app", ClientRequestToken=w.vars["v1"], SecretString=SecretStr(V1))
            ),
        )[1],
        error=Err("ResourceExistsException", msg.TOKEN_IN_USE.replace("{token}", "{v1}"), exact=False),
        moto="moto: answers as a successful retry",
    ),
    Case(
        "update-scheduled-for-deletion",
        _then(_scheduled, lambda w: w.b.update_secret(UpdateSecretRequest(SecretId="app", Description="d"))),
        error=SCHEDULED,
        moto="moto: updates the description of a secret marked for deletion",
    ),
    # --- §15.4 UpdateSecretVersionStage ---------------------------------------------------------------------------
    Case(
        "stage-attach-a-new-label",
        _with_three(_stage("app", "one", move="v2")),
        check=_all(
            _that(lambda w, r: r.to_aws() == {"ARN": w.vars["arn"], "Name": "app"}),
            _is({"v2": [PREVIOUS, "one"], "v3": [CURRENT]}),
        ),
    ),
    Case(
        "stage-detach-a-custom-label",
        _with_custom(_stage("app", "one", remove="v1")),
        check=_is({"v2": [PREVIOUS], "v3": [CURRENT]}),
    ),
    Case(
        "stage-move-current-back",
        _with_custom(
            lambda w: (
                w.b.update_secret_version_stage("app", PENDING, move_to_version_id=w.vars["v3"]),
                _stage("app", CURRENT, remove="v3", move="v1")(w),
            )
        ),
        check=_is({"v1": [CURRENT, "one"], "v3": [PREVIOUS, PENDING]}),
    ),
    Case(
        "stage-move-current-to-previous",
        _with_three(_stage("app", CURRENT, remove="v3", move="v2")),
        check=_is({"v2": [CURRENT], "v3": [PREVIOUS]}),
    ),
    Case(
        "stage-move-current-without-remove-from",
        _with_three(_stage("app", CURRENT, move="v1")),
        error=Err("InvalidParameterException", msg.REMOVE_FROM_EMPTY.format(stage=CURRENT, version="{v3}")),
    ),
    Case(
        "stage-move-custom-without-remove-from",
        _with_custom(_stage("app", "one", move="v2")),
        error=Err("InvalidParameterException", msg.REMOVE_FROM_EMPTY.format(stage="one", version="{v1}"), exact=False),
        moto="moto: attaches the label to a second version",
    ),
    Case(
        "stage-remove-from-the-wrong-version",
        _with_custom(_stage("app", "one", remove="v2", move="v3")),
        error=Err("InvalidParameterException", msg.REMOVE_FROM_WRONG.format(stage="one"), exact=False),
    ),
    Case(
        "stage-remove-current-without-target",
        _with_three(_stage("app", CURRENT, remove="v3")),
        error=Err("InvalidParameterException", msg.CURRENT_NEEDS_TARGET, exact=False),
        moto="moto: removes AWSCURRENT, leaving the secret without a current version",
    ),
    Case(
        "stage-move-to-unknown-version",
        _with_three(lambda w: (_unknown(w), _stage("app", "one", move="unknown")(w))[1]),
        error=Err(
            "InvalidParameterException",
            msg.NO_SUCH_VERSION.format(member="MoveToVersionId", version="{unknown}"),
            exact=False,
        ),
    ),
    Case(
        "stage-last-label-removed-deprecates",
        _with_three(_stage("app", PREVIOUS, remove="v2")),
        check=_is({"v3": [CURRENT]}),
    ),
    Case(
        "stage-scheduled-for-deletion",
        _then(_scheduled, _stage("app", "one", move="v1")),
        error=SCHEDULED,
        moto="moto: moves labels on a secret marked for deletion",
    ),
    # --- §15.5 ListSecretVersionIds --------------------------------------------------------------------------------
    Case(
        "list-versions-shape",
        _list_shape,
        check=_list_shape_check,
        moto="moto: no KmsKeyIds; LastAccessedDate on every version",
    ),
    Case(
        "list-versions-pages",
        _list_pages,
        check=_list_pages_check,
        moto='moto: ignores MaxResults (one page, NextToken "", ARN = the SecretId given)',
    ),
    Case(
        "list-versions-bad-next-token",
        lambda w: (w.create("app"), w.b.list_secret_version_ids("app", next_token="not-a-token"))[1],
        error=Err("InvalidNextTokenException", "The NextToken value is invalid.", exact=False),
        moto="moto: ignores NextToken",
    ),
    Case(
        "list-versions-max-results-101",
        lambda w: w.b.list_secret_version_ids("app", max_results=101),
        error=Err(
            "ValidationException",
            "1 validation error detected: Value '101' at 'maxResults' failed to satisfy constraint: Member must have "
            "value less than or equal to 100",
        ),
        model=True,
    ),
    Case(
        "list-versions-scheduled-for-deletion-answers",
        _then(_scheduled, lambda w: w.b.list_secret_version_ids("app")),
        check=_that(lambda w, r: [v.VersionId for v in r.Versions] == [w.vars["v1"]]),
    ),
    # --- §8 DescribeSecret, state by state; §16 timestamps ---------------------------------------------------------
    Case("describe-with-value", _describe_with_value, check=_describe_with_value_check),
    Case(
        "describe-empty-secret-four-members",
        _describe_empty,
        check=_that(lambda w, out: set(out) == {"ARN", "Name", "CreatedDate", "LastChangedDate"}),
    ),
    Case("describe-scheduled-keeps-versions", _describe_deleted, check=_describe_deleted_check),
    Case(
        "last-changed-moves-on-every-change-only",
        _changes_bump,
        check=_changes_bump_check,
        moto="moto: LastChangedDate to the second, not moved by every change",
    ),
]


def by_id() -> dict[str, Case]:
    return {c.id: c for c in CASES}


def expect(case: Case, w: World, *, server: bool) -> None:
    """Run one case and check it. `server`: the aws backend (model refusals are ParameterError there)."""
    from smtui.errors import ParameterError

    if case.error is None:
        result = case.run(w)
        if case.check is not None:
            case.check(w, result)
        return
    if server and case.model:
        try:
            case.run(w)
        except ParameterError as exc:
            assert exc.exit_code == 252
            return
        raise AssertionError("the model let the request through")
    try:
        case.run(w)
    except ServiceError as exc:
        assert exc.code == case.error.code, (exc.code, exc.message)
        if case.error.exact or not server:
            assert exc.message == case.error.message.format(**w.vars), exc.message
        return
    raise AssertionError(f"no error; expected {case.error.code}")
