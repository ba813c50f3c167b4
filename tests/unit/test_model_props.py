"""Property tests of the model: no input crashes it, every rejection names a field, the value never shows.

Hypothesis throws arbitrary JSON-like requests (and arbitrary values for each single field) at `build_request`
and `validate_field`: the only failure allowed is ParameterError, each of its issues names a field that exists
(an AWS member path, or the unknown key the input itself used), and a marker secret value placed in
SecretString/SecretBinary appears in no message, repr, dump or traceback. Oracles written independently of the
rules module check the name, tag and value-size rules on random text. No mocks: pure model code.
"""

from __future__ import annotations

import random
import re
import traceback
import unicodedata
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import SecretStr, ValidationError

from smtui.errors import Issue, ParameterError
from smtui.model import (
    CreateSecretRequest,
    Tag,
    ValidationContext,
    aws_error_for,
    build_request,
    request_warnings,
    to_cli_input,
    validate_field,
)

MARKER = "Zq9-marker-XX"
PROPS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

MEMBERS = [
    "Name",
    "ClientRequestToken",
    "Description",
    "KmsKeyId",
    "SecretString",
    "SecretBinary",
    "Tags",
    "AddReplicaRegions",
    "ForceOverwriteReplicaSecret",
    "Type",
]
FIELDS = [*MEMBERS, "Tag", "ReplicaRegion"]
KNOWN_PATH = re.compile(
    r"(CreateSecretRequest|Name|ClientRequestToken|Description|KmsKeyId|SecretString|SecretBinary|Type"
    r"|ForceOverwriteReplicaSecret|Tags(\[\d+\](\.\w+)?)?|AddReplicaRegions(\[\d+\](\.\w+)?)?)"
    r"(\[('.*'|\".*\")\])?"
)  # an odd key the input itself used is shown quoted: Tags[0]['a b']

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=40), st.binary(max_size=20)
)
json_like = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=12,
)
tag_dicts = st.dictionaries(
    st.sampled_from(["Key", "Value", "Other"]), st.one_of(st.text(max_size=20), scalars), max_size=3
)
replica_dicts = st.dictionaries(
    st.sampled_from(["Region", "KmsKeyId", "Other"]),
    st.one_of(st.sampled_from(["eu-west-1", "us-east-1", "US_EAST", "", "alias/k", "mykey"]), scalars),
    max_size=3,
)
member_values: dict[str, st.SearchStrategy[Any]] = {
    "Name": st.one_of(st.text(max_size=30), st.from_regex(r"[A-Za-z0-9/_+=.@-]{1,40}", fullmatch=True), scalars),
    "ClientRequestToken": st.one_of(st.text(min_size=28, max_size=70), scalars),
    "Description": st.one_of(st.text(max_size=50), scalars),
    "KmsKeyId": st.one_of(
        st.sampled_from(
            ["", "alias/aws/secretsmanager", "alias/", "mykey", "arn:aws:kms:x", "1234abcd-12ab-34cd-56ef-1234567890ab"]
        ),
        st.text(max_size=20),
        scalars,
    ),
    "SecretString": st.one_of(st.text(max_size=30).map(lambda t: MARKER + t), st.just(""), scalars),
    "SecretBinary": st.one_of(st.binary(max_size=30).map(lambda b: MARKER.encode() + b), st.just(b""), scalars),
    "Tags": st.one_of(st.lists(tag_dicts, max_size=4), json_like),
    "AddReplicaRegions": st.one_of(st.lists(replica_dicts, max_size=4), json_like),
    "ForceOverwriteReplicaSecret": st.one_of(st.booleans(), scalars),
    "Type": st.one_of(st.text(max_size=20), scalars),
}
requests = st.fixed_dictionaries({}, optional={**member_values, "Bogus": json_like, "name": st.text(max_size=5)})


def _unknown_keys(data: dict[str, Any]) -> set[str]:
    return {k for k in data if k not in MEMBERS} | {f"[{k!r}]" for k in data if k not in MEMBERS}


def _assert_field_known(issue: Issue, data: dict[str, Any]) -> None:
    assert KNOWN_PATH.fullmatch(issue.field) or issue.field in _unknown_keys(data), issue
    assert issue.message.startswith(issue.field) or issue.field == "CreateSecretRequest", issue


def _texts(exc: BaseException) -> str:
    return "".join(traceback.format_exception(exc)) + repr(exc) + str(exc)


@PROPS
@given(requests, st.sampled_from([None, "us-east-1", "eu-west-1"]))
def test_build_request_never_crashes_and_names_fields(data: dict[str, Any], region: str | None) -> None:
    try:
        request = build_request(data, region=region)
    except ParameterError as exc:
        assert exc.issues, "a rejection lists at least one issue"
        for issue in exc.issues:
            assert issue.severity == "error"
            _assert_field_known(issue, data)
            assert MARKER not in issue.message
            assert MARKER not in aws_error_for(issue)[1]
        assert MARKER not in _texts(exc)
        assert exc.__context__ is None
        return
    assert isinstance(request, CreateSecretRequest)
    for text in (
        repr(request),
        str(request),
        request.model_dump_json(),
        str(request.model_dump()),
        str(to_cli_input(request)),
        str(request_warnings(request)),
    ):
        assert MARKER not in text


@PROPS
@given(
    st.sampled_from(FIELDS),
    st.one_of(*member_values.values(), tag_dicts, replica_dicts, json_like),
    st.sampled_from([None, "us-east-1"]),
)
def test_validate_field_never_raises_and_names_fields(field: str, value: Any, region: str | None) -> None:
    ctx = ValidationContext(region=region, tags=[Tag(Key="env")])
    for issue in validate_field(field, value, context=ctx):
        assert KNOWN_PATH.fullmatch(issue.field), issue
        assert issue.message.startswith(issue.field), issue
        if field in ("SecretString", "SecretBinary"):  # the marker is a secret only there
            assert MARKER not in str(issue) and MARKER not in repr(issue)


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.text(max_size=10), json_like, max_size=6))
def test_arbitrary_dicts_only_ever_raise_parameter_error(data: dict[str, Any]) -> None:
    try:
        build_request(data)
    except ParameterError as exc:
        for issue in exc.issues:
            _assert_field_known(issue, data)


# --- independent oracles ---------------------------------------------------------------------------------


def name_ok(name: str) -> bool:
    return 1 <= len(name) <= 512 and all(c.isascii() and (c.isalnum() or c in "/_+=.@-") for c in name)


def tag_text_ok(text: str, lo: int, hi: int) -> bool:
    chars = all(c in "+-=._:/@" or unicodedata.category(c)[0] in "LNZ" for c in text)
    return lo <= len(text) <= hi and chars and not text.lower().startswith("aws:")


@PROPS
@given(
    st.one_of(
        st.text(max_size=20),
        st.from_regex(r"[A-Za-z0-9/_+=.@!# -]{0,20}", fullmatch=True),
        st.text(alphabet="ab-", min_size=500, max_size=520),
    )
)
def test_name_rule_matches_an_independent_oracle(name: str) -> None:
    errors = [i for i in validate_field("Name", name) if i.severity == "error"]
    assert (not errors) is name_ok(name)
    try:
        build_request({"Name": name})
        assert name_ok(name)
    except ParameterError:
        assert not name_ok(name)


@PROPS
@given(st.text(max_size=140), st.text(max_size=260))
def test_tag_rules_match_an_independent_oracle(key: str, value: str) -> None:
    errors = validate_field("Tag", {"Key": key, "Value": value})
    assert (not errors) is (tag_text_ok(key, 1, 128) and tag_text_ok(value, 0, 256))


@st.composite
def near_the_limit(draw: st.DrawFn) -> str:
    """A text of about 65,536 UTF-8 bytes mixing 1-, 2-, 3- and 4-byte characters."""
    two, three, four = (draw(st.integers(0, 3000)) for _ in range(3))
    one = 65536 - 2 * two - 3 * three - 4 * four + draw(st.integers(-4, 4))
    parts = list("a" * one + "é" * two + "€" * three + "😀" * four)
    random.Random(draw(st.integers(0, 2**32))).shuffle(parts)
    return "".join(parts)


@settings(max_examples=25, deadline=None)
@given(near_the_limit())
def test_value_size_counts_utf8_bytes(text: str) -> None:
    size = len(text.encode("utf-8"))
    errors = validate_field("SecretString", text)
    assert (not errors) is (size <= 65536)
    for issue in errors:
        assert text[:20] not in issue.message


@PROPS
@given(st.text(min_size=1, max_size=60).map(lambda t: MARKER + t))
def test_marker_never_in_a_validation_error_raised_with_the_value(value: str) -> None:
    try:
        CreateSecretRequest(Name="bad name", SecretString=SecretStr(value), Tags=[Tag(Key="aws:x")])
    except ValidationError as exc:
        assert MARKER not in _texts(exc)
        assert MARKER not in str(exc.errors(include_input=False))
    else:
        raise AssertionError("the bad name must be rejected")


# --- the value never shows (fixed cases) -----------------------------------------------------------------


def test_value_hidden_in_repr_str_dump_and_json() -> None:
    for data in (
        {"Name": "n", "SecretString": MARKER, "Tags": [{"Key": "k"}]},
        {"Name": "n", "SecretBinary": MARKER.encode()},
    ):
        request = build_request(data)
        for text in (
            repr(request),
            str(request),
            str(request.model_dump()),
            request.model_dump_json(),
            str(request.model_dump(mode="json")),
            f"{request!r} {request!s}",
        ):
            assert MARKER not in text


def test_value_hidden_in_a_validation_error_while_the_request_holds_it() -> None:
    try:
        CreateSecretRequest(Name="bad name", SecretString=MARKER, Tags=[Tag(Key="aws:x")])
    except ValidationError as exc:
        text = _texts(exc)
        assert "Name may contain only" in text
        assert MARKER not in text
    else:
        raise AssertionError("must be rejected")


def test_value_hidden_when_the_value_itself_is_rejected() -> None:
    huge = MARKER * 6000  # 78,000 bytes
    try:
        build_request({"Name": "n", "SecretString": huge})
    except ParameterError as exc:
        text = _texts(exc)
        assert "SecretString is 78000 bytes long" in text
        assert MARKER not in text
        assert exc.__context__ is None and exc.__cause__ is None  # pydantic's error, holding the input, is gone
    else:
        raise AssertionError("must be rejected")


def test_lone_surrogate_value_is_rejected_without_echo() -> None:
    issues = validate_field("SecretString", MARKER + "\ud800")
    assert [i.field for i in issues] == ["SecretString"]
    assert MARKER not in issues[0].message
