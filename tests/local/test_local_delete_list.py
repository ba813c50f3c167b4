"""DeleteSecret (recovery window, forced), RestoreSecret and ListSecrets (docs/aws-behaviour.md §10, §11)."""

from __future__ import annotations

import pytest

from smtui.backends.base import ListFilter
from smtui.backends.local import LocalBackend
from smtui.errors import ParameterError, ServiceError
from smtui.model import messages as msg
from tests.local.conftest import MARKER, Clock, request

DAY = 86400.0


def _code(fn: object, *args: object, **kwargs: object) -> ServiceError:
    with pytest.raises(ServiceError) as exc:
        fn(*args, **kwargs)  # type: ignore[operator]
    return exc.value


def test_delete_with_default_window_then_restore(backend: LocalBackend, clock: Clock) -> None:
    res = backend.create_secret(request("app/db", SecretString=MARKER))
    deleted = backend.delete_secret("app/db")
    assert deleted.ARN == res.ARN and deleted.DeletionDate is not None
    described = backend.describe_secret("app/db")
    assert described.DeletedDate is not None
    assert described.DeletedDate == deleted.DeletionDate  # "the date the secret is scheduled for deletion"
    err = _code(backend.get_secret_value, "app/db")
    assert err.code == "InvalidRequestException"
    assert _code(backend.delete_secret, "app/db").code == "InvalidRequestException"  # already scheduled
    assert backend.restore_secret("app/db").ARN == res.ARN
    assert backend.describe_secret("app/db").DeletedDate is None
    assert backend.get_secret_value("app/db").SecretString is not None


@pytest.mark.parametrize("days", [7, 30])
def test_window_bounds_and_purge(backend: LocalBackend, clock: Clock, days: int) -> None:
    backend.create_secret(request("app/db", SecretString=MARKER))
    out = backend.delete_secret("app/db", recovery_window_in_days=days)
    assert out.DeletionDate is not None
    clock.advance(days * DAY - 1)
    assert backend.describe_secret("app/db").DeletedDate is not None
    clock.advance(2)  # the window has ended: the secret is gone and its name is free
    assert _code(backend.describe_secret, "app/db").code == "ResourceNotFoundException"
    assert backend.create_secret(request("app/db", SecretString=MARKER)).Name == "app/db"


@pytest.mark.parametrize("days", [0, 6, 31])
def test_window_out_of_range(backend: LocalBackend, days: int) -> None:
    backend.create_secret(request("app/db"))
    err = _code(backend.delete_secret, "app/db", recovery_window_in_days=days)
    assert err.code == "InvalidParameterException" and err.message == msg.RECOVERY_WINDOW_RANGE


def test_forced_delete_and_both_options(backend: LocalBackend) -> None:
    backend.create_secret(request("app/db", SecretString=MARKER))
    err = _code(backend.delete_secret, "app/db", recovery_window_in_days=7, force_delete_without_recovery=True)
    assert err.code == "InvalidParameterException" and err.message == msg.DELETE_BOTH_OPTIONS
    out = backend.delete_secret("app/db", force_delete_without_recovery=True)
    assert out.Name == "app/db"
    assert _code(backend.describe_secret, "app/db").code == "ResourceNotFoundException"
    assert _code(backend.restore_secret, "app/db").code == "ResourceNotFoundException"
    # a scheduled secret can still be forced away at once
    backend.create_secret(request("app/db"))
    backend.delete_secret("app/db")
    backend.delete_secret("app/db", force_delete_without_recovery=True)
    assert backend.list_secrets(include_planned_deletion=True).SecretList == []


def test_list_pages_filters_and_planned_deletion(backend: LocalBackend, clock: Clock) -> None:
    for i in range(5):
        clock.advance(1)
        backend.create_secret(
            request(
                f"team/app{i}",
                Description=f"Service number {i}",
                Tags=[{"Key": "env", "Value": "prod" if i % 2 else "dev"}],
            )
        )
    backend.create_secret(request("other"))
    backend.delete_secret("team/app4")

    names = [e.Name for e in backend.list_secrets().SecretList]
    assert names == ["team/app0", "team/app1", "team/app2", "team/app3", "other"]
    assert "team/app4" in [e.Name for e in backend.list_secrets(include_planned_deletion=True).SecretList]
    assert next(e.Name for e in backend.list_secrets(sort_order="desc").SecretList) == "other"

    page1 = backend.list_secrets(max_results=2)
    assert len(page1.SecretList) == 2 and page1.NextToken
    page2 = backend.list_secrets(max_results=2, next_token=page1.NextToken)
    page3 = backend.list_secrets(max_results=2, next_token=page2.NextToken)
    assert page3.NextToken is None
    assert [e.Name for p in (page1, page2, page3) for e in p.SecretList] == names

    def names_for(*filters: ListFilter) -> list[str]:
        return [e.Name for e in backend.list_secrets(filters=list(filters)).SecretList]

    assert names_for(ListFilter("name", ("team/",))) == ["team/app0", "team/app1", "team/app2", "team/app3"]
    assert names_for(ListFilter("name", ("Team/",))) == []  # case-sensitive
    assert names_for(ListFilter("name", ("!team",))) == ["other"]
    assert names_for(ListFilter("description", ("service number 1",))) == ["team/app1"]  # not case-sensitive
    assert names_for(ListFilter("tag-value", ("prod",))) == ["team/app1", "team/app3"]
    assert names_for(ListFilter("tag-key", ("env",)), ListFilter("tag-value", ("dev",))) == [
        "team/app0",
        "team/app2",
    ]
    assert names_for(ListFilter("all", ("APP2",))) == ["team/app2"]
    entry = backend.list_secrets(filters=[ListFilter("name", ("team/app1",))]).SecretList[0].to_aws()
    assert "KmsKeyId" not in entry and "SecretVersionsToStages" not in entry and entry["Tags"]

    with pytest.raises(ParameterError) as below:  # botocore refuses before sending: 252, as on the aws backend
        backend.list_secrets(max_results=0)
    assert "MaxResults" in str(below.value) and below.value.exit_code == 252
    above = _code(backend.list_secrets, max_results=101)  # the service's own constraint check
    assert above.code == "ValidationException"
    assert above.message == (
        "1 validation error detected: Value '101' at 'maxResults' failed to satisfy constraint: "
        "Member must have value less than or equal to 100"
    )
    assert _code(backend.list_secrets, next_token="garbage!").code == "InvalidNextTokenException"
    assert _code(backend.list_secrets, filters=[ListFilter("colour", ("x",))]).code == "ValidationException"


def test_list_is_per_region(backend: LocalBackend, make_backend: object) -> None:
    backend.create_secret(request("app/db"))
    other = make_backend("eu-west-1")  # type: ignore[operator]
    assert other.list_secrets().SecretList == []
    assert other.create_secret(request("app/db")).ARN.startswith("arn:aws:secretsmanager:eu-west-1:")


def test_timestamps_carry_milliseconds_like_the_service(backend: LocalBackend, clock: Clock) -> None:
    """AWS returns epoch seconds with three decimals; the AWS CLI v2 prints them as .mmm000."""
    clock.now = 1_800_000_000.123456
    backend.create_secret(request("ms/a", SecretString=MARKER))
    shown = backend.describe_secret("ms/a").to_aws()
    assert shown["CreatedDate"].microsecond == 123000
    assert shown["LastChangedDate"] == shown["CreatedDate"]
    assert backend.get_secret_value("ms/a").CreatedDate.microsecond == 123000  # type: ignore[union-attr]
    assert backend.delete_secret("ms/a").DeletionDate.microsecond == 123000  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("call", "kwargs"),
    [
        ("describe_secret", {"secret_id": ""}),
        ("restore_secret", {"secret_id": ""}),
        ("delete_secret", {"secret_id": ""}),
        ("get_secret_value", {"secret_id": "x", "version_id": "short"}),
        ("get_secret_value", {"secret_id": "x", "version_stage": ""}),
        ("list_secrets", {"next_token": ""}),
        ("list_secrets", {"filters": [ListFilter("name", ())]}),
    ],
)
def test_botocore_minimums_are_parameter_errors(backend: LocalBackend, call: str, kwargs: dict[str, object]) -> None:
    """What botocore refuses before sending is a 252 on the local store too, not a 'not found' (254)."""
    with pytest.raises(ParameterError) as caught:
        getattr(backend, call)(**kwargs)
    assert caught.value.exit_code == 252
    assert caught.value.message.startswith("Parameter validation failed:\nInvalid ")


def test_service_maximums_and_patterns_are_validation_exceptions(backend: LocalBackend) -> None:
    err = _code(backend.describe_secret, "a" * 2049)
    assert (
        err.code == "ValidationException"
        and "at 'secretId' failed to satisfy constraint: Member must have length less than or equal to 2048"
        in err.message
    )
    assert _code(backend.get_secret_value, "x", version_id="v" * 65).code == "ValidationException"
    err = _code(backend.list_secrets, filters=[ListFilter("name", ("a#",))])
    assert (
        "at 'filters.1.member.values' failed to satisfy constraint: Member must satisfy regular expression"
        in err.message
    )
    too_many = [ListFilter("name", ("a",))] * 11
    assert _code(backend.list_secrets, filters=too_many).code == "ValidationException"
    assert _code(backend.list_secrets, filters=[ListFilter("name", tuple("abcdefghijk"))]).code == "ValidationException"
