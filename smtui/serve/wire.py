"""The JSON 1.1 protocol's framing for `smtui serve`: errors, replies, members and values as the service sends them.

Why one module: every served operation (Secrets Manager's, KMS's) answers in the same frame, so the rules of
the frame live once (docs/aws-behaviour.md §22, "The wire"):
- a reply is JSON with only the members that have a value (absent members are omitted, never `null`),
  timestamps as epoch seconds with a millisecond fraction, blobs as standard base64;
- an error is `{"__type": CODE, "Message": TEXT}` (`message` for the front door's and KMS's errors), the same
  code in the `X-Amzn-ErrorType` header, HTTP 400 for every deterministic refusal (an SDK retries a 5xx, which
  would repeat a mutating call) and 500 only for a fault of the server;
- a member of the wrong JSON type is the service's SerializationException, a missing required member its
  ValidationException in Coral's words.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic import SecretBytes, SecretStr

from smtui.model import messages as msg
from smtui.model.rules import aws_member, printable

JSON_CONTENT_TYPE = "application/x-amz-json-1.1"
INTERNAL = "InternalServiceError"
INTERNAL_MESSAGE = "An internal error occurred in the local store; the request may be retried."


class WireError(Exception):
    """A refusal as it goes on the wire: code, message (None sends none), HTTP status, the message's key."""

    def __init__(self, code: str, message: str | None, status: int = 400, message_key: str = "Message") -> None:
        super().__init__(code)
        self.code = code
        self.message = message
        self.status = status
        self.message_key = message_key


@dataclass(frozen=True)
class Reply:
    """One HTTP answer; `code` is the error code of an error reply (for the request log), "" on success."""

    status: int
    body: bytes
    content_type: str = JSON_CONTENT_TYPE
    code: str = ""
    headers: tuple[tuple[str, str], ...] = field(default=())


def error_reply(err: WireError) -> Reply:
    """The service's error frame: `__type` and the message in the body, the code in X-Amzn-ErrorType."""
    document: dict[str, str] = {"__type": err.code}
    if err.message is not None:
        document[err.message_key] = err.message
    body = json.dumps(document).encode("utf-8")
    return Reply(err.status, body, JSON_CONTENT_TYPE, err.code, (("x-amzn-errortype", err.code),))


def internal_error() -> Reply:
    """A fault of the server itself: the only 500, with words that hold nothing of the request."""
    return error_reply(WireError(INTERNAL, INTERNAL_MESSAGE, 500))


def _encode(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [_encode(v) for v in value]
    if isinstance(value, datetime):
        return round(value.timestamp(), 3)
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, (SecretStr, SecretBytes)):
        raise TypeError("a secret value reaches the wire only through an explicit reveal()")
    return value


def ok_reply(document: dict[str, Any] | None) -> Reply:
    """A success: the document's members that have a value, or an empty body for an operation without output."""
    if document is None:
        return Reply(200, b"")
    return Reply(200, json.dumps(_encode(document), separators=(",", ":")).encode("utf-8"))


def parse_body(body: bytes | bytearray) -> dict[str, Any]:
    """The request's JSON object; an empty body is `{}` (the protocol allows it); anything else is refused."""
    if not body.strip():
        return {}
    try:
        document = json.loads(body)
    except (ValueError, RecursionError):
        raise WireError("SerializationException", None) from None
    if not isinstance(document, dict):
        raise WireError("SerializationException", "The request body must be a JSON object.")
    return document


def lower_camel(member: str) -> str:
    """Coral names members in lowerCamelCase in its messages (SecretId → secretId)."""
    return member[:1].lower() + member[1:]


def _wrong_type(member: str, kind: str) -> WireError:
    return WireError("SerializationException", f"{member} must be {kind}.")


def required(paths: list[str]) -> WireError:
    """Required members missing, at botocore's member paths (AddReplicaRegions[0].Region), in Coral's words, all
    of them in one ValidationException as the service's validation layer reports them."""
    return WireError(
        "ValidationException",
        msg.validation_errors(
            [f"Value null at '{aws_member(p)}' failed to satisfy constraint: Member must not be null" for p in paths]
        ),
    )


def _required(path: str) -> WireError:
    return required([path])


# botocore's report of a minimum broken before sending (one line per member), as the local store words it for the
# command line (exit 252): "Invalid length for parameter SecretIdList[0], valid min length: 1".
_BOTOCORE_MINIMUM = re.compile(
    r"^Invalid (?:length|value) for parameter (?P<path>[A-Za-z0-9_.\[\]]+),(?: value: [^,]*,)? "
    r"valid min (?P<kind>length|value): (?P<min>[0-9]+)$"
)
_PATH_PART = re.compile(r"([A-Za-z0-9_]+)((?:\[[0-9]+\])*)")
SENSITIVE_MEMBERS = frozenset({"SecretString", "SecretBinary"})  # their values never appear in a message


def _at(body: Any, path: str) -> Any:
    """The body's value at botocore's member path (None when it is not there)."""
    value = body
    for name, indexes in _PATH_PART.findall(path):
        value = value.get(name) if isinstance(value, dict) else None
        for i in re.findall(r"[0-9]+", indexes):
            value = value[int(i)] if isinstance(value, list) and int(i) < len(value) else None
    return value


def _coral_value(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_coral_value(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return printable(str(value))


def minimums_as_service(report: str, body: dict[str, Any]) -> str | None:
    """botocore's report of minimums broken (its first line optional), as the service words the same refusal:
    a ValidationException, "1 validation error detected: Value '' at 'secretId' failed to satisfy constraint:
    Member must have length greater than or equal to 1". None when `report` is not botocore's. On the wire no
    client checked the minimums: the service's own constraints (the same minimums) answer."""
    lines = report.splitlines()
    if lines[:1] == ["Parameter validation failed:"]:
        lines = lines[1:]
    found = [_BOTOCORE_MINIMUM.match(line) for line in lines]
    if not found or not all(found):
        return None
    violations = []
    for match in found:
        assert match is not None
        path, member = match["path"], aws_member(match["path"])
        rule = f"have {match['kind']} greater than or equal to {match['min']}"
        if path.split("[")[0].split(".")[0] in SENSITIVE_MEMBERS:
            violations.append(msg.CONSTRAINT_SENSITIVE.format(member=member, rule=rule))
        else:
            violations.append(msg.CONSTRAINT.format(value=_coral_value(_at(body, path)), member=member, rule=rule))
    return msg.validation_errors(violations)


_SCALARS: dict[str, tuple[tuple[type, ...], str]] = {
    "string": ((str,), "a JSON string"),
    "integer": ((int,), "a JSON integer"),
    "long": ((int,), "a JSON integer"),
    "boolean": ((bool,), "a JSON boolean"),
    "timestamp": ((int, float), "a JSON number"),
}


def json_types(shape: Any, body: dict[str, Any]) -> None:
    """Every member of `body` that `shape` (botocore's model of a structure: the operation's input) names, by its
    JSON type, nested members too; the first of the wrong type is the service's SerializationException, before
    any member is validated (docs/aws-behaviour.md §22.1). Members the model does not name are ignored."""
    for name, member in shape.members.items():
        value = body.get(name)
        if value is not None:
            _json_type(name, member, value)


def _json_type(name: str, shape: Any, value: Any) -> None:
    kind = shape.type_name
    if kind in _SCALARS:
        types, words = _SCALARS[kind]
        if isinstance(value, bool) != (kind == "boolean") or not isinstance(value, types):
            raise _wrong_type(name, words)
    elif kind == "blob":
        if not isinstance(value, str):
            raise WireError("SerializationException", f"{name} must be base64 text.")
    elif kind == "list":
        item = shape.member
        words = {"string": "a JSON list of strings", "structure": "a JSON list of objects"}.get(
            item.type_name, "a JSON list"
        )
        if not isinstance(value, list):
            raise _wrong_type(name, words)
        for element in value:
            if element is None or (
                item.type_name in ("string", "structure")
                and not isinstance(element, (str if item.type_name == "string" else dict))
            ):
                raise _wrong_type(name, words)
            _json_type(name, item, element)
    elif kind in ("structure", "map"):
        if not isinstance(value, dict):
            raise _wrong_type(name, "a JSON object")
        if kind == "structure":
            json_types(shape, value)


def text(body: dict[str, Any], member: str, *, required: bool = False, path: str | None = None) -> str | None:
    """A text member; `path` names it inside the request when `body` is a nested object (Tags[0])."""
    value = body.get(member)
    if value is None:
        if required:
            raise _required(f"{path}.{member}" if path else member)
        return None
    if not isinstance(value, str):
        raise _wrong_type(member, "a JSON string")
    return value


def required_text(body: dict[str, Any], member: str, *, path: str | None = None) -> str:
    value = text(body, member, required=True, path=path)
    assert value is not None
    return value


def integer(body: dict[str, Any], member: str) -> int | None:
    value = body.get(member)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise _wrong_type(member, "a JSON integer")
    return value


def boolean(body: dict[str, Any], member: str) -> bool | None:
    value = body.get(member)
    if value is None:
        return None
    if not isinstance(value, bool):
        raise _wrong_type(member, "a JSON boolean")
    return value


def text_list(body: dict[str, Any], member: str, *, required: bool = False) -> list[str] | None:
    value = body.get(member)
    if value is None:
        if required:
            raise _required(member)
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _wrong_type(member, "a JSON list of strings")
    return value


def objects(body: dict[str, Any], member: str, *, required: bool = False) -> list[dict[str, Any]] | None:
    value = body.get(member)
    if value is None:
        if required:
            raise _required(member)
        return None
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise _wrong_type(member, "a JSON list of objects")
    return value


def secret_string(body: dict[str, Any]) -> SecretStr | None:
    """SecretString, wrapped at once (the body's own copy is dropped by the caller)."""
    value = body.get("SecretString")
    if value is None:
        return None
    if not isinstance(value, str):
        raise _wrong_type("SecretString", "a JSON string")
    return SecretStr(value)


def secret_binary(body: dict[str, Any]) -> SecretBytes | None:
    """SecretBinary: standard base64 on the wire, wrapped at once."""
    value = body.get("SecretBinary")
    if value is None:
        return None
    if not isinstance(value, str):
        raise _wrong_type("SecretBinary", "base64 text")
    try:
        return SecretBytes(base64.b64decode(value, validate=True))
    except (binascii.Error, ValueError):
        raise WireError("SerializationException", "SecretBinary must be base64 text.") from None
