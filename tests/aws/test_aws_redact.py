"""--debug logging never shows a secret: botocore's own DEBUG output of a real create + get against moto,
captured through `smtui.redact.configure_debug_logging`, holds no form of the value (raw, JSON-escaped,
base64)."""

from __future__ import annotations

import base64
import io
import json
import logging
from collections.abc import Iterator

import pytest

from smtui.backends.aws import AwsBackend
from smtui.redact import (
    REDACTED,
    RedactingFilter,
    configure_debug_logging,
    redact_text,
    scrub,
    secret_scope,
    stop_debug_logging,
)
from tests.aws.conftest import MARKER, request

BINARY = b"\x00\xffZq9-binary-marker\x10"


def forms(value: str | bytes) -> set[str]:
    """The spellings a leak could take in a log line."""
    raw = value.encode() if isinstance(value, str) else value
    found = {base64.b64encode(raw).decode(), repr(raw)[2:-1]}
    if isinstance(value, str):
        found |= {value, json.dumps(value)[1:-1], json.dumps(value, ensure_ascii=False)[1:-1]}
    return found


@pytest.fixture
def debug_log() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    handler = configure_debug_logging(stream)
    yield stream
    stop_debug_logging(handler)
    assert handler not in logging.getLogger("botocore").handlers
    assert logging.getLogger("botocore").propagate


def test_create_and_get_leave_no_trace_in_debug_logs(backend: AwsBackend, debug_log: io.StringIO) -> None:
    backend.create_secret(request("log/str"))
    backend.create_secret(request("log/bin", BINARY))
    got = backend.get_secret_value("log/str")
    assert got.SecretString is not None and got.SecretString.get_secret_value() == MARKER
    got_bin = backend.get_secret_value("log/bin")
    assert got_bin.SecretBinary is not None and got_bin.SecretBinary.get_secret_value() == BINARY
    text = debug_log.getvalue()
    # the log is really there, request and response bodies included
    for expected in ("CreateSecret", "GetSecretValue", "Response body", "log/str", "Making request"):
        assert expected in text, expected
    assert REDACTED in text
    for leak in forms(MARKER) | forms(BINARY) | {"Zq9-aws-marker", "Zq9-binary-marker"}:
        assert leak not in text, f"leaked form {leak!r}"


def test_structural_scrub_copies_and_looks_inside_json() -> None:
    params = {
        "body": json.dumps({"Name": "n", "SecretString": "v1"}).encode(),
        "SecretBinary": b"v2",
        "nested": [{"SecretString": "v3"}],
        "other": "keep",
    }
    out = scrub(params)
    assert params["SecretBinary"] == b"v2"  # the original (botocore's live request) is untouched
    assert json.loads(out["body"]) == {"Name": "n", "SecretString": REDACTED}
    assert out["SecretBinary"] == REDACTED and out["nested"] == [{"SecretString": REDACTED}]
    assert out["other"] == "keep"
    assert scrub(b"{not json") == b"{not json"


def test_registered_values_are_redacted_in_every_form_only_while_in_flight() -> None:
    value = 'p@ss"wörd\\Zq9'
    with secret_scope(value), secret_scope(value):
        for form in forms(value):
            assert redact_text(f"before {form} after") == f"before {REDACTED} after"
    with secret_scope(value):
        pass
    assert redact_text(value) == value  # released after the last scope


def test_formatted_text_with_a_secret_member_is_redacted() -> None:
    line = """sent {"Name": "x", "SecretString": "a\\"b, c", "Tags": []} and {'SecretBinary': b'zz'}"""
    out = redact_text(line)
    assert 'a\\"b' not in out and "zz" not in out and '"Tags": []' in out


def test_filter_redacts_the_record_for_every_later_handler() -> None:
    params = {"body": b'{"SecretString": "Zq9x"}'}
    record = logging.LogRecord(
        "botocore.endpoint", logging.DEBUG, __file__, 1, "Making request with params: %s", (params,), None
    )
    assert RedactingFilter().filter(record)
    assert "Zq9x" not in record.getMessage() and REDACTED in record.getMessage()


def test_exception_text_is_redacted() -> None:
    stream = io.StringIO()
    handler = configure_debug_logging(stream)
    try:
        with secret_scope("Zq9-in-traceback"):
            try:
                raise ValueError("boom Zq9-in-traceback")
            except ValueError:
                logging.getLogger("smtui.test").exception("failed")
    finally:
        stop_debug_logging(handler)
    assert "ValueError" in stream.getvalue() and "Zq9-in-traceback" not in stream.getvalue()
