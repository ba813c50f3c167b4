"""Every CreateSecret rule of the model's table (tests/unit/test_model_rules.py CASES, docs/aws-behaviour.md §2,
§5.1, §6.1) as a raw boto3 request to `smtui serve` (botocore's validation off, as another SDK or a hand-made
call sends it): the served store must answer each row exactly as the local store answers the same request
in-process, a success where it succeeds, the same code and message where it refuses.

Where the wire itself decides first the row says so in WIRE: a member of the wrong JSON type is the service's
SerializationException before any rule runs (docs/aws-behaviour.md §22.1).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from pydantic import SecretBytes, SecretStr

from smtui.backends.local import LocalBackend
from smtui.errors import ParameterError, ServiceError
from smtui.model import CreateSecretRequest
from smtui.settings import TargetSettings
from tests.serve.conftest import Served
from tests.unit.test_model_rules import CASES

# rows the wire answers before the model sees the request (docs/aws-behaviour.md §22.1): a member of the wrong JSON
# type is the service's SerializationException; a member the operation does not know is ignored (None: the request
# succeeds). A missing required member is answered alike by both (the model's issue carries the service's words).
WIRE: dict[str, tuple[str, str | None] | None] = {
    "unknown-member": None,
    "tag-unknown-member": None,
    "name-not-text": ("SerializationException", None),
    "string-not-text": ("SerializationException", None),
    "tags-not-list": ("SerializationException", None),
    "force-not-bool": ("SerializationException", None),
}
# rows botocore cannot serialise even unvalidated (a member its model does not have, a list that is a string):
# sent as hand-made signed JSON
BY_HAND = {"tag-unknown-member", "tags-not-list", "unknown-member"}
pytestmark = pytest.mark.filterwarnings("ignore:Pydantic serializer warnings")  # the reference's raw rows


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalBackend]:
    """A local store in this process: what the served store must answer."""
    folder = tmp_path_factory.mktemp("reference")
    settings = TargetSettings(backend="local", store=folder / "store.db", key_file=folder / "keys.json")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("AWS_REGION", "us-east-1")
        backend = LocalBackend(TargetSettings(**{**settings.__dict__, "region": "us-east-1"}))
    yield backend
    backend.close()


@pytest.fixture(scope="module")
def raw(served: Served) -> Any:
    session = boto3.session.Session(
        aws_access_key_id=served.env["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=served.env["AWS_SECRET_ACCESS_KEY"],
        region_name="us-east-1",
    )
    config = Config(parameter_validation=False, retries={"max_attempts": 1, "mode": "standard"})
    return session.client("secretsmanager", endpoint_url=served.url, config=config)


def _request(row_id: str, data: dict[str, Any]) -> dict[str, Any]:
    """The row's request with its own name when the row is not about the name (rows share "app/db")."""
    data = dict(data)
    if data.get("Name") == "app/db":
        data["Name"] = f"rules/{row_id}"
    data.setdefault("ClientRequestToken", str(uuid.uuid4()))
    return data


def _plain(value: Any) -> Any:
    if isinstance(value, (SecretStr, SecretBytes)):
        return value.get_secret_value()
    return value


def _local_answer(reference: LocalBackend, data: dict[str, Any]) -> tuple[str, str] | None:
    fields = dict(data)
    for member, wrap in (("SecretString", SecretStr), ("SecretBinary", SecretBytes)):
        if isinstance(fields.get(member), (str, bytes)):
            fields[member] = wrap(fields[member])
    try:
        reference.create_secret(CreateSecretRequest.model_construct(**fields))
    except ServiceError as exc:
        return exc.code or "", exc.message
    except ParameterError as exc:
        return "ParameterError", exc.message
    return None


def _by_hand(served: Served, data: dict[str, Any]) -> tuple[str, str] | None:
    """CreateSecret as a hand-made signed JSON request; the error's (code, message), None for a success."""
    import http.client
    from urllib.parse import urlsplit

    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    body = json.dumps({k: _plain(v) for k, v in data.items()}).encode()
    url = urlsplit(served.url)
    headers = {
        "Host": url.netloc,
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": "secretsmanager.CreateSecret",
    }
    request = AWSRequest("POST", served.url + "/", data=body, headers=headers)
    credentials = Credentials(served.env["AWS_ACCESS_KEY_ID"], served.env["AWS_SECRET_ACCESS_KEY"])
    SigV4Auth(credentials, "secretsmanager", "us-east-1").add_auth(request)
    conn = http.client.HTTPConnection(url.hostname or "127.0.0.1", url.port, timeout=30)
    try:
        conn.request("POST", "/", body=body, headers=dict(request.headers.items()))
        response = conn.getresponse()
        answer = json.loads(response.read() or b"{}")
    finally:
        conn.close()
    if response.status == 200:
        return None
    assert response.status == 400, answer
    return answer["__type"], answer.get("Message", "")


def _served_answer(raw: Any, data: dict[str, Any]) -> tuple[str, str] | None:
    try:
        raw.create_secret(**{k: _plain(v) for k, v in data.items()})
    except ClientError as exc:
        error = exc.response["Error"]
        assert exc.response["ResponseMetadata"]["HTTPStatusCode"] == 400, exc.response
        return error["Code"], error.get("Message", "")
    return None


@pytest.mark.parametrize(("row_id", "data"), [(c[0], c[1]) for c in CASES], ids=[c[0] for c in CASES])
def test_create_rule_served_as_the_local_store_answers(
    row_id: str, data: dict[str, Any], raw: Any, served: Served, reference: LocalBackend
) -> None:
    request = _request(row_id, data)
    if row_id in BY_HAND:
        with pytest.raises((KeyError, AttributeError, TypeError)):  # botocore's serializer cannot write it
            _served_answer(raw, request)
        answer = _by_hand(served, request)
    else:
        answer = _served_answer(raw, request)
    if row_id in WIRE:
        expected = WIRE[row_id]
        if expected is None:
            assert answer is None
            return
        code, message = expected
        assert answer is not None and answer[0] == code, answer
        if message is not None:
            assert answer[1] == message
        return
    assert answer == _local_answer(reference, request)


@pytest.mark.parametrize("member", ["Type", "Description", "KmsKeyId", "ClientRequestToken", "Name"])
def test_a_text_member_of_another_json_type(raw: Any, member: str) -> None:
    """Every text member of CreateSecret is read as JSON text first: 5 is a SerializationException, never the
    model's words about text (docs/aws-behaviour.md §22.1)."""
    data = {"Name": f"rules/type-{member}", "ClientRequestToken": str(uuid.uuid4()), member: 5}
    answer = _served_answer(raw, data)
    assert answer == ("SerializationException", f"{member} must be a JSON string."), answer
