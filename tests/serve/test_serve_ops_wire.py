"""What a boto3 client sees of `smtui serve`'s Secrets Manager frame (docs/aws-behaviour.md §22.1, §22.2): the
reply bytes as they came off the wire (botocore's `after-call` hook hands them over), the headers, and how
many requests an error costs, counted in the server's own request log.
"""

from __future__ import annotations

import base64
import functools
import json
import uuid
from decimal import Decimal
from typing import Any

import pytest
from botocore import xform_name
from botocore.config import Config
from botocore.exceptions import ClientError
from botocore.handlers import generate_idempotent_uuid

from smtui.model import messages as msg
from smtui.serve import secretsmanager
from smtui.serve.wire import lower_camel
from tests.serve.conftest import Served, boto3_client
from tests.waiting import wait_for

MARKER_BYTES = b"\x00\xffZq9-wire-binary\x10\x80"


def _client(served: Served, config: Config) -> Any:
    """A boto3 client of the served store with `config` (retries, validation) instead of boto3_client's."""
    import boto3

    session = boto3.session.Session(
        aws_access_key_id=served.env["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=served.env["AWS_SECRET_ACCESS_KEY"],
        region_name="us-east-1",
    )
    return session.client("secretsmanager", endpoint_url=served.url, config=config)


class Wire:
    """A boto3 client of the served store that keeps the last reply as it came off the wire."""

    def __init__(self, served: Served, config: Config | None = None) -> None:
        self.client = boto3_client(served) if config is None else _client(served, config)
        self.status = 0
        self.headers: dict[str, str] = {}
        self.body = b""
        self.client.meta.events.register("after-call.secrets-manager", self._keep)

    def _keep(self, http_response: Any, **_: Any) -> None:
        self.status = http_response.status_code
        self.headers = {k.lower(): v for k, v in http_response.headers.items()}
        self.body = http_response.content

    def document(self) -> Any:
        return json.loads(self.body, parse_float=Decimal)

    def error(self, call: str, **params: Any) -> dict[str, Any]:
        with pytest.raises(ClientError) as caught:
            getattr(self.client, call)(**params)
        response: dict[str, Any] = caught.value.response
        return response


UNCHECKED = Config(parameter_validation=False, retries={"max_attempts": 1, "mode": "standard"})


@pytest.fixture(scope="module")
def wire(served: Served) -> Wire:
    """One client for the module (a boto3 client costs 0.1-0.2 s to make)."""
    return Wire(served)


@pytest.fixture(scope="module")
def unchecked(served: Served) -> Wire:
    """A client that sends what it is given: botocore's validation off, no idempotency token filled in."""
    made = Wire(served, UNCHECKED)
    made.client.meta.events.unregister("before-parameter-build", generate_idempotent_uuid)
    return made


def _name() -> str:
    return f"wire/{uuid.uuid4().hex[:12]}"


def _nulls(document: Any) -> list[str]:
    """The paths of every JSON null in `document` (the service omits an absent member instead)."""
    if isinstance(document, dict):
        return [p for k, v in document.items() for p in ([k] if v is None else [f"{k}.{q}" for q in _nulls(v)])]
    if isinstance(document, list):
        return [p for i, v in enumerate(document) for p in ([str(i)] if v is None else _nulls(v))]
    return []


def test_timestamps_are_epoch_seconds_with_milliseconds(wire: Wire) -> None:
    name = _name()
    wire.client.create_secret(Name=name, SecretString="Zq9-wire", ClientRequestToken=str(uuid.uuid4()))
    described = wire.client.describe_secret(SecretId=name)
    document = wire.document()
    for member in ("CreatedDate", "LastChangedDate"):
        number = document[member]
        assert isinstance(number, (int, Decimal)) and not isinstance(number, bool), number
        assert Decimal(number) == round(Decimal(number), 3), number  # to the millisecond, no finer
        assert described[member].timestamp() == pytest.approx(float(number), abs=1e-6)
    wire.client.get_secret_value(SecretId=name)
    assert isinstance(wire.document()["CreatedDate"], (int, Decimal))
    listed = wire.client.list_secret_version_ids(SecretId=name)
    (version,) = wire.document()["Versions"]
    assert isinstance(version["CreatedDate"], (int, Decimal)) and listed["Versions"][0]["CreatedDate"].tzinfo


def test_secret_binary_round_trips_bytes_as_base64(wire: Wire) -> None:
    name = _name()
    wire.client.create_secret(Name=name, SecretBinary=MARKER_BYTES, ClientRequestToken=str(uuid.uuid4()))
    got = wire.client.get_secret_value(SecretId=name)
    assert got["SecretBinary"] == MARKER_BYTES and "SecretString" not in got
    assert wire.document()["SecretBinary"] == base64.b64encode(MARKER_BYTES).decode("ascii")
    batch = wire.client.batch_get_secret_value(SecretIdList=[name])
    assert batch["SecretValues"][0]["SecretBinary"] == MARKER_BYTES
    assert wire.document()["Errors"] == []  # the one empty list the service sends (docs/aws-behaviour.md §22.1)


def test_absent_members_are_omitted_never_null(wire: Wire) -> None:
    name = _name()
    wire.client.create_secret(Name=name, ClientRequestToken=str(uuid.uuid4()))  # no value, no description
    assert set(wire.document()) == {"ARN", "Name"}
    wire.client.describe_secret(SecretId=name)
    document = wire.document()
    assert set(document) == {"ARN", "Name", "CreatedDate", "LastChangedDate"}, document
    for call, params in (
        ("list_secrets", {"Filters": [{"Key": "name", "Values": [name]}]}),
        ("get_resource_policy", {"SecretId": name}),
        ("list_secret_version_ids", {"SecretId": name}),
        ("get_random_password", {}),
    ):
        getattr(wire.client, call)(**params)
        assert _nulls(wire.document()) == [], call
    assert set(wire.document()) == {"RandomPassword"}


def test_tag_and_untag_answer_an_empty_body(wire: Wire) -> None:
    name = _name()
    wire.client.create_secret(Name=name, ClientRequestToken=str(uuid.uuid4()))
    for call, params in (
        ("tag_resource", {"Tags": [{"Key": "k", "Value": "v"}]}),
        ("untag_resource", {"TagKeys": ["k"]}),
    ):
        answer = getattr(wire.client, call)(SecretId=name, **params)
        assert (wire.status, wire.body) == (200, b""), call
        assert set(answer) == {"ResponseMetadata"}


def test_request_id_on_success_and_on_error(wire: Wire) -> None:
    ids = []
    wire.client.list_secrets(MaxResults=1)
    ids.append(wire.headers["x-amzn-requestid"])
    error = wire.error("describe_secret", SecretId=_name())
    ids.append(wire.headers["x-amzn-requestid"])
    assert error["ResponseMetadata"]["RequestId"] == ids[1]
    assert all(str(uuid.UUID(i)) == i for i in ids) and ids[0] != ids[1]


@pytest.mark.parametrize(
    ("call", "params", "code"),
    [
        ("describe_secret", {"SecretId": "wire/nope"}, "ResourceNotFoundException"),
        ("list_secrets", {"MaxResults": 101}, "ValidationException"),
        ("delete_secret", {"SecretId": "wire/nope", "RecoveryWindowInDays": 3}, "InvalidParameterException"),
        ("rotate_secret", {"SecretId": "wire/nope"}, "UnknownOperationException"),
    ],
)
def test_error_body_is_type_and_message_only(unchecked: Wire, call: str, params: dict[str, Any], code: str) -> None:
    error = unchecked.error(call, **params)
    wire = unchecked
    assert (wire.status, error["Error"]["Code"], wire.headers["x-amzn-errortype"]) == (400, code, code)
    document = json.loads(wire.body)
    expected = {"__type"} if code == "UnknownOperationException" else {"__type", "Message"}
    assert set(document) == expected and document["__type"] == code
    assert wire.headers["content-type"] == "application/x-amz-json-1.1"


@pytest.mark.parametrize("operation", ["rotate_secret", "cancel_rotate_secret"])
def test_rotation_is_an_unknown_operation(wire: Wire, operation: str) -> None:
    """The local store runs no rotation Lambda: RotateSecret and CancelRotateSecret are not served, and get the
    service's answer to an operation it does not have (400, never a 500)."""
    error = wire.error(operation, SecretId="wire/any")
    assert (error["Error"]["Code"], error["ResponseMetadata"]["HTTPStatusCode"]) == ("UnknownOperationException", 400)


def _log_lines(served: Served) -> list[str]:
    return served.log_path.read_text().splitlines()


def _after_marker(served: Served, start: int) -> list[str]:
    """The log's lines from `start` once the last is the marker request's ([] until then)."""
    lines = _log_lines(served)[start:]
    return lines if lines and " GetRandomPassword 200 " in lines[-1] else []


@pytest.mark.parametrize("mode", ["legacy", "standard"])
def test_a_deterministic_error_costs_one_request(served: Served, mode: str) -> None:
    """botocore retries what may pass next time (5xx, throttling); the served store's refusals are 400s with
    codes no retry mode retries, so each costs exactly one request, counted in the server's own log (a
    request's line is written as it ends: the next request's line marks that nothing more came)."""
    client = _client(served, Config(retries={"mode": mode}, parameter_validation=False))
    assert client.meta.config.retries["mode"] == mode
    calls: list[tuple[str, dict[str, Any], str, str]] = [
        ("describe_secret", {"SecretId": _name()}, "DescribeSecret", "ResourceNotFoundException"),
        ("list_secrets", {"MaxResults": 101}, "ListSecrets", "ValidationException"),
        ("get_secret_value", {"SecretId": ""}, "GetSecretValue", "ValidationException"),
        ("rotate_secret", {"SecretId": _name()}, "RotateSecret", "UnknownOperationException"),
        (
            "put_secret_value",
            {"SecretId": _name(), "ClientRequestToken": str(uuid.uuid4()), "SecretString": "x"},
            "PutSecretValue",
            "ResourceNotFoundException",
        ),
    ]
    for call, params, operation, code in calls:
        before = len(_log_lines(served))
        with pytest.raises(ClientError) as caught:
            getattr(client, call)(**params)
        assert caught.value.response["ResponseMetadata"]["RetryAttempts"] == 0
        client.get_random_password(PasswordLength=8)  # the marker request
        new = wait_for(functools.partial(_after_marker, served, before), f"the log lines after {operation}")
        assert [line.split()[1:3] + line.split()[5:] for line in new[:-1]] == [[operation, "400", code]], new


def _null(*members: str) -> str:
    return msg.validation_errors(
        [f"Value null at '{lower_camel(m)}' failed to satisfy constraint: Member must not be null" for m in members]
    )


@pytest.mark.parametrize("operation", sorted(secretsmanager.OPERATIONS))
def test_an_empty_request_names_every_missing_member(unchecked: Wire, operation: str) -> None:
    """Each served operation with an empty body: the service's validation layer reports every required member
    (botocore's model says which) as null in one ValidationException; CreateSecret and PutSecretValue meet the
    token rule first (docs/aws-behaviour.md §22.2); an operation without required members answers."""
    client = unchecked.client
    model = client.meta.service_model.operation_model(operation)
    required = list(model.input_shape.required_members)
    assert required == list(secretsmanager.required_of(operation))
    call = getattr(client, xform_name(operation))
    if operation in ("CreateSecret", "PutSecretValue"):
        expected: tuple[str, str] | None = ("InvalidRequestException", msg.MISSING_TOKEN)
    elif operation == "BatchGetSecretValue":
        expected = ("InvalidParameterException", msg.BATCH_NEITHER)
    else:
        expected = ("ValidationException", _null(*required)) if required else None
    if expected is None:
        call()
        return
    with pytest.raises(ClientError) as caught:
        call()
    error = caught.value.response["Error"]
    assert (error["Code"], error["Message"]) == expected


def test_a_wrong_json_type_comes_before_a_missing_member(unchecked: Wire) -> None:
    """The body's JSON types are read before the members are validated (docs/aws-behaviour.md §22.1)."""
    client = unchecked.client
    for call, params in (("tag_resource", {"SecretId": 5}), ("untag_resource", {"TagKeys": [5]})):
        with pytest.raises(ClientError) as caught:
            getattr(client, call)(**params)
        assert caught.value.response["Error"]["Code"] == "SerializationException", call


WRONG = {"string": (5, "a JSON string"), "integer": ("5", "a JSON integer"), "boolean": ("yes", "a JSON boolean")}


def _scalar_members(operation: str) -> list[tuple[str, str]]:
    shape = boto3_client_model().operation_model(operation).input_shape
    return [(name, member.type_name) for name, member in shape.members.items() if member.type_name in WRONG]


def boto3_client_model() -> Any:
    import botocore.session

    return botocore.session.get_session().get_service_model("secretsmanager")


@pytest.mark.parametrize(
    ("operation", "member", "kind"),
    [(op, m, k) for op in sorted(secretsmanager.OPERATIONS) for m, k in _scalar_members(op)],
)
def test_a_scalar_member_of_the_wrong_json_type(unchecked: Wire, operation: str, member: str, kind: str) -> None:
    """Every scalar member of every served operation (botocore's model lists them) is read by its JSON type
    before anything else: a string sent as 5, an integer as "5", a boolean as "yes" is a SerializationException
    naming the member (docs/aws-behaviour.md §22.1)."""
    client = unchecked.client
    value, words = WRONG[kind]
    params: dict[str, Any] = (
        {"ClientRequestToken": str(uuid.uuid4())} if operation in ("CreateSecret", "PutSecretValue") else {}
    )
    params[member] = value
    with pytest.raises(ClientError) as caught:
        getattr(client, xform_name(operation))(**params)
    error = caught.value.response["Error"]
    assert (error["Code"], error["Message"]) == ("SerializationException", f"{member} must be {words}.")
