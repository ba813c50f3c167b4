"""CreateSecret, DescribeSecret, GetSecretValue on the local store (not moto).

Checked against docs/aws-behaviour.md §2-§4, §8 and §9.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import SecretBytes, SecretStr

from smtui.backends.local import LocalBackend
from smtui.errors import EXIT_OTHER, EXIT_SERVICE, ServiceError, SmtuiError
from smtui.model import CreateSecretRequest
from smtui.model import messages as msg
from tests.local.conftest import MARKER, MARKER_BYTES, Clock, MakeBackend, request, token

ARN_RE = re.compile(r"^arn:aws:secretsmanager:us-east-1:[0-9]{12}:secret:app/db-[A-Za-z0-9]{6}$")


def _error(exc: pytest.ExceptionInfo[ServiceError], code: str) -> ServiceError:
    err = exc.value
    assert err.code == code, err
    assert err.exit_code == EXIT_SERVICE
    assert MARKER not in str(err) and MARKER not in (err.hint or "")
    return err


def test_string_round_trip(backend: LocalBackend) -> None:
    req = request("app/db", SecretString=MARKER, Description="db", Tags=[{"Key": "env", "Value": "dev"}])
    res = backend.create_secret(req)
    assert ARN_RE.match(res.ARN) and res.Name == "app/db" and res.VersionId == req.ClientRequestToken
    assert res.ReplicationStatus is None
    got = backend.get_secret_value("app/db")
    assert got.SecretString is not None and got.SecretString.get_secret_value() == MARKER
    assert got.SecretBinary is None and got.VersionStages == ["AWSCURRENT"] and got.ARN == res.ARN
    assert MARKER not in repr(got) and MARKER not in str(got.to_aws())


def test_binary_round_trip(backend: LocalBackend) -> None:
    res = backend.create_secret(request("bin", SecretBinary=MARKER_BYTES))
    got = backend.get_secret_value(res.ARN)
    assert got.SecretBinary is not None and got.SecretBinary.get_secret_value() == MARKER_BYTES
    assert got.SecretString is None


def test_describe_right_after_create(backend: LocalBackend) -> None:
    req = request("app/db", SecretString=MARKER, Tags=[{"Key": "env", "Value": "dev"}])
    res = backend.create_secret(req)
    d = backend.describe_secret("app/db").to_aws()
    assert d["ARN"] == res.ARN and d["VersionIdsToStages"] == {req.ClientRequestToken: ["AWSCURRENT"]}
    assert d["Tags"] == [{"Key": "env", "Value": "dev"}]
    assert {"CreatedDate", "LastChangedDate"} <= d.keys()
    for absent in (
        "KmsKeyId",
        "Description",
        "LastAccessedDate",
        "DeletedDate",
        "ReplicationStatus",
        "PrimaryRegion",
    ):
        assert absent not in d, absent


def test_last_accessed_is_set_by_get_and_truncated_to_the_day(backend: LocalBackend, clock: Clock) -> None:
    backend.create_secret(request("app/db", SecretString=MARKER))
    clock.now = datetime(2027, 3, 4, 15, 16, 17, tzinfo=UTC).timestamp()
    backend.get_secret_value("app/db")
    assert backend.describe_secret("app/db").LastAccessedDate == datetime(2027, 3, 4, tzinfo=UTC)


def test_secret_without_value(backend: LocalBackend) -> None:
    res = backend.create_secret(request("novalue"))
    assert res.VersionId is None and set(res.to_aws()) == {"ARN", "Name"}
    assert backend.describe_secret("novalue").VersionIdsToStages is None
    with pytest.raises(ServiceError) as exc:
        backend.get_secret_value("novalue")
    assert _error(exc, "ResourceNotFoundException").message == msg.NO_CURRENT_VALUE
    assert "has no value" in (exc.value.hint or "")  # not "nothing with that name exists": it does


def test_lookup_by_arn_partial_arn_and_errors(backend: LocalBackend) -> None:
    res = backend.create_secret(request("app/db", SecretString=MARKER))
    assert backend.describe_secret(res.ARN).Name == "app/db"
    assert backend.describe_secret(res.ARN[:-7]).ARN == res.ARN  # partial ARN: no -XXXXXX
    for missing in (
        "nope",
        res.ARN[:-1] + ("x" if res.ARN[-1] != "x" else "y"),
        res.ARN.replace("us-east-1", "eu-west-1"),
    ):
        with pytest.raises(ServiceError) as exc:
            backend.describe_secret(missing)
        assert _error(exc, "ResourceNotFoundException").message == msg.NOT_FOUND


def test_version_selection(backend: LocalBackend) -> None:
    req = request("app/db", SecretString=MARKER)
    backend.create_secret(req)
    vid = req.ClientRequestToken
    assert backend.get_secret_value("app/db", version_id=vid).VersionId == vid
    assert backend.get_secret_value("app/db", version_stage="AWSCURRENT").VersionId == req.ClientRequestToken
    with pytest.raises(ServiceError) as exc:
        backend.get_secret_value("app/db", version_id="0" * 32)
    _error(exc, "ResourceNotFoundException")
    with pytest.raises(ServiceError) as exc:
        backend.get_secret_value("app/db", version_stage="AWSPREVIOUS")
    _error(exc, "ResourceNotFoundException")
    assert "--version-stage" in (exc.value.hint or "")


# --- an existing name (docs/aws-behaviour.md §3.1, §3.2, §4.1) --------------------------------------------------
def test_idempotent_retry_changes_nothing(backend: LocalBackend) -> None:
    req = request("app/db", SecretString=MARKER)
    first = backend.create_secret(req)
    before = backend.describe_secret("app/db")
    again = backend.create_secret(req)
    assert again.to_aws() == first.to_aws()
    assert backend.describe_secret("app/db") == before
    # the retry's description / tags are ignored (docs/aws-behaviour.md §4.1)
    retry = req.model_copy(update={"Description": "other"})
    assert backend.create_secret(retry).ARN == first.ARN
    assert backend.describe_secret("app/db").Description is None


def test_idempotent_retry_of_binary(backend: LocalBackend) -> None:
    req = request("bin", SecretBinary=MARKER_BYTES)
    assert backend.create_secret(req) == backend.create_secret(req)


def test_token_reused_with_another_value(backend: LocalBackend) -> None:
    req = request("app/db", SecretString=MARKER)
    res = backend.create_secret(req)
    for other in (
        req.model_copy(update={"SecretString": SecretStr(MARKER + "x")}),
        req.model_copy(update={"SecretString": None, "SecretBinary": SecretBytes(MARKER.encode())}),
        req.model_copy(update={"SecretString": None}),
    ):
        with pytest.raises(ServiceError) as exc:
            backend.create_secret(other)
        err = _error(exc, "ResourceExistsException")
        assert err.message == msg.TOKEN_IN_USE.format(token=req.ClientRequestToken, arn=res.ARN)
        assert "ClientRequestToken" in (err.hint or "")  # the token is the problem, not the name


def test_other_token_name_exists(backend: LocalBackend) -> None:
    backend.create_secret(request("app/db", SecretString=MARKER))
    with pytest.raises(ServiceError) as exc:
        backend.create_secret(request("app/db", SecretString=MARKER))
    assert _error(exc, "ResourceExistsException").message == msg.NAME_EXISTS.format(name="app/db")


def test_scheduled_for_deletion_is_checked_first(backend: LocalBackend) -> None:
    req = request("app/db", SecretString=MARKER)
    backend.create_secret(req)
    backend.delete_secret("app/db")
    for again in (req, request("app/db", SecretString=MARKER)):  # even the same token and value
        with pytest.raises(ServiceError) as exc:
            backend.create_secret(again)
        assert _error(exc, "InvalidRequestException").message == msg.SCHEDULED_FOR_DELETION


def test_missing_token_is_the_service_rule(backend: LocalBackend) -> None:
    req = CreateSecretRequest.model_validate({"Name": "app/db", "SecretString": MARKER})
    assert req.ClientRequestToken is None
    with pytest.raises(ServiceError) as exc:
        backend.create_secret(req)
    assert _error(exc, "InvalidRequestException").message == msg.MISSING_TOKEN


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"Name": "bad name#"}, "ValidationException"),
        ({"Name": "x" * 513}, "ValidationException"),
        ({"Name": "ok", "Description": "d" * 2049}, "ValidationException"),
        ({"Name": "ok", "SecretString": MARKER, "SecretBinary": MARKER_BYTES}, "InvalidParameterException"),
        ({"Name": "ok", "KmsKeyId": "mykey"}, None),
    ],
)
def test_malformed_requests_are_refused_like_the_service(
    backend: LocalBackend, fields: dict[str, object], code: str | None
) -> None:
    """A raw request that bypassed the client's checks: the store re-validates through the model."""
    data: dict[str, Any] = {"ClientRequestToken": token(), **fields}  # raw: whatever a hand-made call sends
    for k in ("SecretString",):
        if k in data:
            data[k] = SecretStr(str(data[k]))
    if "SecretBinary" in data:
        data["SecretBinary"] = SecretBytes(bytes(data["SecretBinary"]))
    raw = CreateSecretRequest.model_construct(**data)  # skips validation, as a hand-made HTTP call would
    with pytest.raises(ServiceError) as exc:
        backend.create_secret(raw)
    err = exc.value
    assert err.code in ((code,) if code else ("InvalidParameterException", "ValidationException")), err
    assert MARKER not in str(err)
    assert backend.list_secrets().SecretList == []


def test_new_arn_suffix_after_forced_delete(backend: LocalBackend) -> None:
    seen = set()
    for _ in range(3):
        res = backend.create_secret(request("app/db", SecretString=MARKER))
        seen.add(res.ARN)
        backend.delete_secret("app/db", force_delete_without_recovery=True)
    assert len(seen) == 3


def test_identity_and_regions(backend: LocalBackend, make_backend: MakeBackend) -> None:
    who = backend.whoami()
    assert re.fullmatch(r"[1-9][0-9]{11}", who.Account)
    assert who.Arn == f"arn:aws:iam::{who.Account}:user/smtui-local"
    assert make_backend().whoami().Account == who.Account  # kept in the store
    regions = backend.regions()
    assert "us-east-1" in regions and "eu-west-1" in regions and "cn-north-1" not in regions
    assert backend.kind == "local" and backend.region == "us-east-1"
    assert "local store at" in backend.describe_target()
    assert backend.check_name("app/db").State == "free"
    backend.create_secret(request("app/db"))
    assert backend.check_name("app/db").State == "taken"
    backend.delete_secret("app/db")
    assert backend.check_name("app/db").State == "scheduled-for-deletion"


@pytest.mark.parametrize(
    ("region", "words"),
    [
        ("US_EAST", "Provided region_name 'US_EAST' doesn't match a supported format."),
        ("us-east-1; x", "doesn't match a supported format"),
        ("xx-nowhere-9", "The local store has no region xx-nowhere-9"),
    ],
)
def test_a_region_aws_does_not_have_is_refused(make_backend: MakeBackend, region: str, words: str) -> None:
    """The store must not make ARNs in a region that cannot exist (the aws backend fails the same way: 255)."""
    with pytest.raises(SmtuiError) as caught:
        make_backend(region)
    assert words in caught.value.message and caught.value.exit_code == EXIT_OTHER
    assert caught.value.hint and "region" in caught.value.hint
    assert make_backend("cn-north-1").region == "cn-north-1"  # another partition's region is a real one


# --- properties --------------------------------------------------------------------------------------------
_counter = iter(range(10**9))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.one_of(st.text(min_size=1, max_size=300), st.binary(min_size=1, max_size=300)))
def test_any_value_round_trips_byte_for_byte(backend: LocalBackend, value: str | bytes) -> None:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates: the model refuses them before the store
            return
    name = f"prop/{next(_counter)}"
    field = "SecretString" if isinstance(value, str) else "SecretBinary"
    backend.create_secret(request(name, **{field: value}))
    got = backend.get_secret_value(name)
    secret = got.SecretString if isinstance(value, str) else got.SecretBinary
    assert secret is not None and secret.get_secret_value() == value


def test_lone_surrogates_in_ids_are_a_validation_error(backend: LocalBackend) -> None:
    for op in (
        lambda: backend.describe_secret("a\udcff"),
        lambda: backend.get_secret_value("a\udcff"),
        lambda: backend.delete_secret("a\udcff"),
        lambda: backend.describe_key("alias/\udcff"),
    ):
        with pytest.raises(ServiceError) as exc:
            op()
        assert exc.value.code in ("ValidationException", "NotFoundException")
