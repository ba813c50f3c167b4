"""Every client-side CreateSecret rule of docs/aws-behaviour.md §2, §5.1 and §6.1, table-driven, at its
boundaries. The § numbers below are sections of docs/aws-behaviour.md.

Each row is one request (a small change to a valid base request) and what the model must say about it:
nothing, or an error naming the AWS member path and the rule. The same rows run through `validate_field`,
which must agree with `build_request` because both call the one rule function (smtui/model/rules.py).
"""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import SecretBytes, SecretStr

from smtui.errors import ParameterError
from smtui.model import (
    ReplicaRegion,
    Tag,
    ValidationContext,
    build_request,
    request_warnings,
    validate_field,
)
from smtui.model import messages as m

KEY_UUID = "1234abcd-12ab-34cd-56ef-1234567890ab"
KEY_MRK = "mrk-1234abcd12ab34cd56ef1234567890ab"
TOKEN = "0123456789abcdef0123456789abcdef"  # 32 characters
REGION = "us-east-1"


def req(**members: Any) -> dict[str, Any]:
    return {"Name": "app/db", **members}


def errors_of(data: dict[str, Any], region: str | None = REGION) -> list[tuple[str, str]]:
    try:
        build_request(data, region=region)
    except ParameterError as exc:
        return [(i.field, i.message) for i in exc.issues]
    return []


def tags(*pairs: tuple[str, str]) -> list[dict[str, str]]:
    return [{"Key": k, "Value": v} for k, v in pairs]


# (id, request, expected field path or None for "valid", a phrase the message must contain)
CASES: list[tuple[str, dict[str, Any], str | None, str]] = [
    # --- Name: length 1-512, ASCII letters, digits and /_+=.@- (§2.1, §2.3)
    ("name-1", req(Name="a"), None, ""),
    ("name-512", req(Name="a" * 512), None, ""),
    ("name-513", req(Name="a" * 513), "Name", "512"),
    ("name-empty", req(Name=""), "Name", "empty"),
    ("name-punctuation", req(Name="a/b_c+d=e.f@g-h"), None, ""),
    ("name-digits-upper", req(Name="Prod/DB01"), None, ""),
    ("name-space", req(Name="bad name"), "Name", "(a space), the first at position 4"),
    ("name-bang", req(Name="bad!"), "Name", "(a symbol)"),
    ("name-hash", req(Name="a#b"), "Name", "position 2"),
    ("name-cafe", req(Name="café"), "Name", "non-ASCII"),
    ("name-tab", req(Name="a\tb"), "Name", "tab"),
    ("name-nul", req(Name="a\x00b"), "Name", "control character"),
    ("name-fullwidth-digit", req(Name="a\uff11"), "Name", "non-ASCII"),
    ("name-missing", {"SecretString": "x"}, "Name", "required"),
    ("name-not-text", req(Name=5), "Name", "text"),
    # the -XXXXXX suffix is a warning only (§2.3)
    ("name-suffix-ok", req(Name="app-abc123"), None, ""),
    # --- Description 0-2048
    ("description-empty", req(Description=""), None, ""),
    ("description-2048", req(Description="d" * 2048), None, ""),
    ("description-2049", req(Description="d" * 2049), "Description", "2048"),
    ("description-multibyte-2048", req(Description="é" * 2048), None, ""),
    # --- SecretString 1-65536 UTF-8 bytes
    ("string-1", req(SecretString="x"), None, ""),
    ("string-empty", req(SecretString=""), "SecretString", "empty"),
    ("string-65536", req(SecretString="x" * 65536), None, ""),
    ("string-65537", req(SecretString="x" * 65537), "SecretString", "65536"),
    ("string-2byte-65536", req(SecretString="é" * 32768), None, ""),
    ("string-2byte-65538", req(SecretString="é" * 32769), "SecretString", "65538"),
    ("string-3byte-65535+1", req(SecretString="€" * 21845 + "x"), None, ""),
    ("string-3byte-65538", req(SecretString="€" * 21846), "SecretString", "65538"),
    ("string-4byte-65536", req(SecretString="😀" * 16384), None, ""),
    ("string-4byte-65540", req(SecretString="😀" * 16385), "SecretString", "65540"),
    ("string-lone-surrogate", req(SecretString="a\ud800b"), "SecretString", "Unicode"),
    ("string-wrapped", req(SecretString=SecretStr("x")), None, ""),
    ("string-not-text", req(SecretString=5), "SecretString", "text"),
    # --- SecretBinary 1-65536 bytes
    ("binary-1", req(SecretBinary=b"\x00"), None, ""),
    ("binary-empty", req(SecretBinary=b""), "SecretBinary", "empty"),
    ("binary-65536", req(SecretBinary=b"\xff" * 65536), None, ""),
    ("binary-65537", req(SecretBinary=b"\xff" * 65537), "SecretBinary", "65536"),
    ("binary-wrapped", req(SecretBinary=SecretBytes(b"\x01")), None, ""),
    # --- one value at most; none is allowed (a secret with no version, §2.4)
    ("no-value", req(), None, ""),
    ("both-values", req(SecretString="x", SecretBinary=b"x"), "SecretString", "SecretBinary"),
    # --- ClientRequestToken 32-64 (optional: build_request fills a UUID)
    ("token-32", req(ClientRequestToken=TOKEN), None, ""),
    ("token-64", req(ClientRequestToken=TOKEN * 2), None, ""),
    ("token-31", req(ClientRequestToken=TOKEN[:31]), "ClientRequestToken", "32"),
    ("token-65", req(ClientRequestToken=TOKEN * 2 + "x"), "ClientRequestToken", "64"),
    # text members must be valid Unicode: a JSON "\ud800" escape must not reach the service or the store
    ("description-lone-surrogate", req(Description="a\ud800"), "Description", "U+D800"),
    ("token-lone-surrogate", req(ClientRequestToken=TOKEN + "\udc00"), "ClientRequestToken", "U+DC00"),
    ("type-lone-surrogate", req(Type="\ud800"), "Type", "Unicode"),
    # --- Type 0-256
    ("type-256", req(Type="t" * 256), None, ""),
    ("type-257", req(Type="t" * 257), "Type", "256"),
    # --- KmsKeyId 0-2048 and its four forms (§5.1)
    ("kms-empty-default", req(KmsKeyId=""), None, ""),
    ("kms-uuid", req(KmsKeyId=KEY_UUID), None, ""),
    ("kms-mrk", req(KmsKeyId=KEY_MRK), None, ""),
    ("kms-key-arn", req(KmsKeyId=f"arn:aws:kms:us-east-1:123456789012:key/{KEY_UUID}"), None, ""),
    # (other partitions' ARNs: test_kms_arn_in_other_partitions)
    ("kms-key-arn-mrk", req(KmsKeyId=f"arn:aws:kms:us-east-1:123456789012:key/{KEY_MRK}"), None, ""),
    ("kms-alias", req(KmsKeyId="alias/my-key_1/x"), None, ""),
    ("kms-alias-default", req(KmsKeyId="alias/aws/secretsmanager"), None, ""),
    ("kms-alias-arn", req(KmsKeyId="arn:aws:kms:us-east-1:123456789012:alias/my-key"), None, ""),
    # a key is resolved in the secret's region (§5.1): an ARN of another region cannot work
    (
        "kms-arn-other-region",
        req(KmsKeyId=f"arn:aws:kms:eu-west-1:123456789012:key/{KEY_UUID}"),
        "KmsKeyId",
        "eu-west-1",
    ),
    (
        "kms-alias-arn-other-region",
        req(KmsKeyId="arn:aws:kms:us-west-2:123456789012:alias/k"),
        "KmsKeyId",
        "same region",
    ),
    ("kms-bare-name", req(KmsKeyId="mykey"), "KmsKeyId", "alias/mykey"),
    ("kms-alias-alone", req(KmsKeyId="alias/"), "KmsKeyId", "alias"),
    ("kms-alias-bad-char", req(KmsKeyId="alias/my key"), "KmsKeyId", "' ' (space)"),
    ("kms-alias-257", req(KmsKeyId="alias/" + "a" * 251), "KmsKeyId", "256"),
    ("kms-alias-256", req(KmsKeyId="alias/" + "a" * 250), None, ""),
    ("kms-short-uuid", req(KmsKeyId=KEY_UUID[:-1]), "KmsKeyId", ""),
    ("kms-short-mrk", req(KmsKeyId="mrk-123"), "KmsKeyId", ""),
    ("kms-arn-bad-account", req(KmsKeyId=f"arn:aws:kms:us-east-1:1234:key/{KEY_UUID}"), "KmsKeyId", "ARN"),
    ("kms-arn-other-service", req(KmsKeyId="arn:aws:s3:::bucket"), "KmsKeyId", "ARN"),
    (
        "kms-arn-bad-partition",
        req(KmsKeyId=f"arn:aws-xx:kms:us-east-1:123456789012:key/{KEY_UUID}"),
        "KmsKeyId",
        "ARN",
    ),
    ("kms-2049", req(KmsKeyId="alias/" + "a" * 2043), "KmsKeyId", "2048"),
    # --- Tags (§2.5)
    ("tags-none", req(Tags=[]), None, ""),
    ("tags-50", req(Tags=tags(*[(f"k{i}", "v") for i in range(50)])), None, ""),
    ("tags-51", req(Tags=tags(*[(f"k{i}", "v") for i in range(51)])), "Tags", "50"),
    ("tag-key-1", req(Tags=tags(("k", ""))), None, ""),
    ("tag-key-empty", req(Tags=tags(("", "v"))), "Tags[0].Key", "empty"),
    ("tag-key-128", req(Tags=tags(("k" * 128, "v"))), None, ""),
    ("tag-key-129", req(Tags=tags(("k" * 129, "v"))), "Tags[0].Key", "128"),
    ("tag-key-128-multibyte", req(Tags=tags(("é" * 128, "v"))), None, ""),
    ("tag-value-256", req(Tags=tags(("k", "v" * 256))), None, ""),
    ("tag-value-257", req(Tags=tags(("k", "v" * 257))), "Tags[0].Value", "256"),
    ("tag-value-missing", req(Tags=[{"Key": "k"}]), None, ""),
    ("tag-allowed-chars", req(Tags=tags(("a b+-=._:/@", "Ünïcödé 日本 ٣ x+-=._:/@"))), None, ""),
    ("tag-key-hash", req(Tags=tags(("a#", "v"))), "Tags[0].Key", "(a symbol)"),
    ("tag-value-star", req(Tags=tags(("k", "a*"))), "Tags[0].Value", "position 2"),
    ("tag-value-newline", req(Tags=tags(("k", "a\nb"))), "Tags[0].Value", "line break"),
    ("tag-key-comma", req(Tags=tags(("a,b", "v"))), "Tags[0].Key", "1 character that is not allowed"),
    ("tag-key-aws", req(Tags=tags(("aws:x", "v"))), "Tags[0].Key", "aws:"),
    ("tag-key-AWS", req(Tags=tags(("AWS:x", "v"))), "Tags[0].Key", "aws:"),
    ("tag-key-Aws", req(Tags=tags(("Aws:x", "v"))), "Tags[0].Key", "aws:"),
    ("tag-value-aws", req(Tags=tags(("k", "aws:x"))), "Tags[0].Value", "aws:"),
    ("tag-key-awsish-ok", req(Tags=tags(("awsx", "aws"), ("my:aws:x", "v"))), None, ""),
    ("tag-duplicate", req(Tags=tags(("env", "a"), ("x", "b"), ("env", "c"))), "Tags[2].Key", "unique"),
    ("tag-case-differs-ok", req(Tags=tags(("ABC", "a"), ("abc", "b"))), None, ""),
    ("tag-index-path", req(Tags=tags(("a", ""), ("b", ""), ("c", ""), ("", ""))), "Tags[3].Key", "empty"),
    ("tag-unknown-member", req(Tags=[{"Key": "k", "key": "v"}]), "Tags[0].key", "Key, Value"),
    ("tags-not-list", req(Tags="env=dev"), "Tags", "list"),
    # --- AddReplicaRegions (§6.1)
    ("replica-ok", req(AddReplicaRegions=[{"Region": "eu-west-1"}]), None, ""),
    (
        "replica-key-own-region",
        req(AddReplicaRegions=[{"Region": "eu-west-1", "KmsKeyId": "arn:aws:kms:eu-west-1:123456789012:alias/k"}]),
        None,
        "",
    ),
    (
        "replica-key-primary-region",
        req(AddReplicaRegions=[{"Region": "eu-west-1", "KmsKeyId": "arn:aws:kms:us-east-1:123456789012:alias/k"}]),
        "AddReplicaRegions[0].KmsKeyId",
        "eu-west-1",
    ),
    ("replica-with-key", req(AddReplicaRegions=[{"Region": "eu-west-1", "KmsKeyId": "alias/k"}]), None, ""),
    ("replica-empty-key-default", req(AddReplicaRegions=[{"Region": "eu-west-1", "KmsKeyId": ""}]), None, ""),
    (
        "replica-upper",
        req(AddReplicaRegions=[{"Region": "US_EAST"}]),
        "AddReplicaRegions[0].Region",
        "eu-west-1",
    ),
    ("replica-no-number", req(AddReplicaRegions=[{"Region": "eu-west"}]), "AddReplicaRegions[0].Region", ""),
    ("replica-empty-region", req(AddReplicaRegions=[{"Region": ""}]), "AddReplicaRegions[0].Region", "empty"),
    (
        "replica-129",
        req(AddReplicaRegions=[{"Region": "a-" * 63 + "123"}]),
        "AddReplicaRegions[0].Region",
        "128",
    ),
    ("replica-128", req(AddReplicaRegions=[{"Region": "a-" * 63 + "12"}]), None, ""),
    (
        "replica-primary",
        req(AddReplicaRegions=[{"Region": REGION}]),
        "AddReplicaRegions[0].Region",
        "primary",
    ),
    (
        "replica-duplicate",
        req(AddReplicaRegions=[{"Region": "eu-west-1"}, {"Region": "eu-west-2"}, {"Region": "eu-west-1"}]),
        "AddReplicaRegions[2].Region",
        "twice",
    ),
    (
        "replica-bare-key",
        req(AddReplicaRegions=[{"Region": "eu-west-1", "KmsKeyId": "mykey"}]),
        "AddReplicaRegions[0].KmsKeyId",
        "alias/mykey",
    ),
    (
        "replica-missing-region",
        req(AddReplicaRegions=[{"KmsKeyId": "alias/k"}]),
        "AddReplicaRegions[0].Region",
        "required",
    ),
    (
        "force-true",
        req(AddReplicaRegions=[{"Region": "eu-west-1"}], ForceOverwriteReplicaSecret=True),
        None,
        "",
    ),
    (
        "force-not-bool",
        req(ForceOverwriteReplicaSecret="maybe"),
        "ForceOverwriteReplicaSecret",
        "true or false",
    ),
    # --- the request as a whole
    ("unknown-member", req(SecretId="x"), "SecretId", "not a member"),
]


@pytest.mark.parametrize(("data", "field", "phrase"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rule(data: dict[str, Any], field: str | None, phrase: str) -> None:
    found = errors_of(data)
    if field is None:
        assert found == []
        return
    assert field in [f for f, _ in found], found
    message = next(msg for f, msg in found if f == field)
    assert phrase in message
    assert field in message, "every message names its field"


def test_every_rule_violated_at_once_is_reported_at_once() -> None:
    found = errors_of(
        req(
            Name="bad name",
            Description="d" * 2049,
            KmsKeyId="mykey",
            Type="t" * 257,
            ClientRequestToken="short",
            Tags=tags(("aws:k", ""), ("k", "a*"), ("k", "")),
            AddReplicaRegions=[{"Region": REGION}, {"Region": "US_EAST"}],
        )
    )
    fields = {f for f, _ in found}
    assert fields >= {
        "Name",
        "Description",
        "KmsKeyId",
        "Type",
        "ClientRequestToken",
        "Tags[0].Key",
        "Tags[1].Value",
        "Tags[2].Key",
        "AddReplicaRegions[0].Region",
        "AddReplicaRegions[1].Region",
    }


def test_parameter_error_carries_the_issues_and_exit_code() -> None:
    with pytest.raises(ParameterError) as caught:
        build_request(req(Name="bad name"))
    exc = caught.value
    assert exc.exit_code == 252
    assert exc.field == "Name"
    assert (
        str(exc)
        == "Name: Name may contain only ASCII letters, digits and / _ + = . @ - ; found 1 character "
        "that is not allowed (a space), the first at position 4."
        or "; found 1 character that is not allowed (a space), the first at position 4" in str(exc)
    )
    assert exc.__cause__ is None and exc.__context__ is None  # no pydantic error (holding the input) attached


def test_primary_region_only_from_context() -> None:
    data = req(AddReplicaRegions=[{"Region": REGION}])
    assert errors_of(data, region=None) == []
    assert errors_of(data, region="eu-west-1") == []
    assert errors_of(data, region=REGION) != []


def test_token_is_filled_once_when_absent() -> None:
    built = build_request(req())
    assert built.ClientRequestToken is not None and 32 <= len(built.ClientRequestToken) <= 64
    assert build_request(req(), fill_token=False).ClientRequestToken is None
    assert build_request(req(ClientRequestToken=TOKEN)).ClientRequestToken == TOKEN
    assert build_request(req()).ClientRequestToken != built.ClientRequestToken


def test_request_is_aws_shaped() -> None:
    built = build_request(
        req(
            Description="d",
            Tags=tags(("env", "dev")),
            SecretString="s",
            AddReplicaRegions=[{"Region": "eu-west-1"}],
        ),
        region=REGION,
    )
    assert built.Tags == [Tag(Key="env", Value="dev")]
    assert built.AddReplicaRegions == [ReplicaRegion(Region="eu-west-1")]
    dumped = built.model_dump(exclude_none=True)
    assert dumped["Name"] == "app/db" and dumped["Description"] == "d"


# --- warnings: accepted, never blocking


@pytest.mark.parametrize(
    ("name", "warned"),
    [
        ("app-abc123", True),
        ("app-ABCDEF", True),
        ("-abc123", True),
        ("app-abc12", False),
        ("app-abc1234", False),
        ("app_abc123", False),
        ("app-abc12!", False),
    ],
)
def test_name_suffix_is_a_warning(name: str, warned: bool) -> None:
    issues = validate_field("Name", name)
    warnings = [i for i in issues if i.severity == "warning"]
    assert bool(warnings) == warned
    if warned:
        built = build_request(req(Name=name))  # never an error
        assert [w.field for w in request_warnings(built)] == ["Name"]
        assert "Name" in warnings[0].message


def test_valid_request_has_no_warnings() -> None:
    assert request_warnings(build_request(req(KmsKeyId="alias/aws/secretsmanager"))) == []


def test_other_aws_managed_key_is_a_warning() -> None:
    issues = validate_field("KmsKeyId", "alias/aws/s3")
    assert [i.severity for i in issues] == ["warning"]


# --- validate_field: the same rules, one field at a time

SCALAR_FIELDS = (
    "Name",
    "Description",
    "SecretString",
    "SecretBinary",
    "ClientRequestToken",
    "Type",
    "KmsKeyId",
)


@pytest.mark.parametrize(
    ("data", "field", "phrase"),
    [c[1:] for c in CASES if c[2] in SCALAR_FIELDS and c[0] != "both-values"],
    ids=[c[0] for c in CASES if c[2] in SCALAR_FIELDS and c[0] != "both-values"],
)
def test_validate_field_agrees_with_build_request(data: dict[str, Any], field: str, phrase: str) -> None:
    whole = [(f, msg) for f, msg in errors_of(data) if f == field]
    alone = [
        (i.field, i.message)
        for i in validate_field(field, data.get(field), context=ValidationContext(region=REGION))
        if i.severity == "error"
    ]
    assert alone == whole


@pytest.mark.parametrize(
    ("data", "field", "phrase"),
    [c[1:] for c in CASES if c[2] is None],
    ids=[c[0] for c in CASES if c[2] is None],
)
def test_validate_field_accepts_every_valid_member(data: dict[str, Any], field: None, phrase: str) -> None:
    ctx = ValidationContext(region=REGION)
    for member, value in data.items():
        assert [i for i in validate_field(member, value, context=ctx) if i.severity == "error"] == []


def test_validate_field_value_forms() -> None:
    assert validate_field("SecretString", SecretStr("x")) == []
    assert validate_field("SecretString", "x") == []
    assert validate_field("SecretBinary", SecretBytes(b"x")) == []
    assert validate_field("SecretBinary", b"x") == []
    assert validate_field("SecretString", None) == []  # no value is allowed
    assert [i.field for i in validate_field("Name", None)] == ["Name"]


def test_validate_field_tag_in_context() -> None:
    others = [Tag(Key="env", Value="dev"), Tag(Key="team", Value="x")]
    ctx = ValidationContext(tags=others)
    assert validate_field("Tag", {"Key": "ENV", "Value": "a"}, context=ctx) == []
    dup = validate_field("Tag", Tag(Key="env", Value="prod"), context=ctx)
    assert [i.field for i in dup] == ["Tags[2].Key"]
    assert "unique" in dup[0].message
    edited = validate_field("Tag", {"Key": "team", "Value": "a*"}, context=ValidationContext(tags=others[:1], index=1))
    assert [i.field for i in edited] == ["Tags[1].Value"]
    full = ValidationContext(tags=[Tag(Key=f"k{i}") for i in range(50)])
    assert [i.field for i in validate_field("Tag", {"Key": "new"}, context=full)] == ["Tags"]
    assert [i.field for i in validate_field("Tag", {"Key": "aws:x"})] == ["Tags[0].Key"]
    assert [i.field for i in validate_field("Tag", {"Value": "x"})] == ["Tags[0].Key"]


def test_validate_field_replica_in_context() -> None:
    ctx = ValidationContext(region=REGION, replicas=[ReplicaRegion(Region="eu-west-1")])
    assert validate_field("ReplicaRegion", {"Region": "eu-west-2"}, context=ctx) == []
    assert [i.field for i in validate_field("ReplicaRegion", {"Region": "eu-west-1"}, context=ctx)] == [
        "AddReplicaRegions[1].Region"
    ]
    assert [i.field for i in validate_field("ReplicaRegion", ReplicaRegion(Region=REGION), context=ctx)] == [
        "AddReplicaRegions[1].Region"
    ]
    bad_key = validate_field("ReplicaRegion", {"Region": "eu-west-2", "KmsKeyId": "k"}, context=ctx)
    assert [i.field for i in bad_key] == ["AddReplicaRegions[1].KmsKeyId"]


def test_validate_field_lists() -> None:
    assert [i.field for i in validate_field("Tags", tags(("a", ""), ("a", "")))] == ["Tags[1].Key"]
    assert [
        i.field
        for i in validate_field("AddReplicaRegions", [{"Region": REGION}], context=ValidationContext(region=REGION))
    ] == ["AddReplicaRegions[0].Region"]
    assert [i.field for i in validate_field("Tags", "nope")] == ["Tags"]


# --- the errors the service would return (for the local store)


def issues_of(data: dict[str, Any]) -> list[Any]:
    with pytest.raises(ParameterError) as caught:
        build_request(data, region=REGION)
    return list(caught.value.issues)


@pytest.mark.parametrize(
    ("data", "code", "message"),
    [
        (req(Name="bad name"), "ValidationException", m.INVALID_NAME),
        (
            req(Name="a" * 513),
            "ValidationException",
            "1 validation error detected: Value '"
            + "a" * 513
            + "' at 'name' failed to satisfy constraint: Member must have length less than or equal to 512",
        ),
        (
            req(SecretString="x" * 65537),
            "ValidationException",
            "1 validation error detected: Value at 'secretString' "
            "failed to satisfy constraint: Member must have length less than or equal to 65536",
        ),
        (
            req(SecretBinary=b""),
            "ValidationException",
            "1 validation error detected: Value at 'secretBinary' "
            "failed to satisfy constraint: Member must have length greater than or equal to 1",
        ),
        (req(SecretString="x", SecretBinary=b"x"), "InvalidParameterException", m.BOTH_VALUES),
        (req(KmsKeyId="mykey"), "InvalidParameterException", m.INVALID_KMS_KEY),
        (req(AddReplicaRegions=[{"Region": REGION}]), "InvalidParameterException", m.INVALID_REPLICA_REGION),
        (req(Tags=tags(("k" * 129, ""))), "ValidationException", "at 'tags.1.member.key' failed to satisfy"),
        (
            req(AddReplicaRegions=[{"Region": "x"}]),
            "ValidationException",
            "at 'addReplicaRegions.1.member.region' failed to satisfy constraint: Member must satisfy "
            "regular expression",
        ),
    ],
)
def test_aws_error_for(data: dict[str, Any], code: str, message: str) -> None:
    found = issues_of(data)
    got_code, got_message = m.aws_error_for(found[0])
    assert got_code == code
    assert message in got_message


def test_constraint_violations_are_reported_together() -> None:
    found = issues_of(req(Description="d" * 2049, Type="t" * 257, SecretString="x" * 65537))
    code, message = m.aws_error_for_issues(found)
    assert code == "ValidationException"
    assert message.startswith("3 validation errors detected: ")
    assert "x" * 100 not in message


@pytest.mark.parametrize(
    "data",
    [
        req(KmsKeyId="my\x1b[31mkey"),
        req(Name="\x1b]0;x\x07" + "a" * 520),
        req(Tags=tags(("k\x1b[2J", "v"))),
        req(AddReplicaRegions=[{"Region": "eu-west-1\x1b[1A"}]),
        req(**{"Bad\x1bKey": 1}),
    ],
    ids=["kms", "name", "tag", "region", "unknown-key"],
)
def test_no_terminal_escape_reaches_a_message(data: dict[str, Any]) -> None:
    issues = issues_of(data)
    texts = [i.message for i in issues] + [m.aws_error_for(i)[1] for i in issues] + [i.field for i in issues]
    assert issues and not any("\x1b" in t or "\x07" in t for t in texts), texts


@pytest.mark.parametrize(
    ("region", "key", "replica"),
    [
        ("cn-north-1", f"arn:aws-cn:kms:cn-north-1:123456789012:key/{KEY_UUID}", "cn-northwest-1"),
        ("us-gov-west-1", f"arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/{KEY_MRK}", "us-gov-east-1"),
    ],
)
def test_kms_arn_in_other_partitions(region: str, key: str, replica: str) -> None:
    assert errors_of(req(KmsKeyId=key, AddReplicaRegions=[{"Region": replica}]), region=region) == []
    assert errors_of(req(KmsKeyId=key), region=None) == []  # no region known: only the form is checked


@pytest.mark.parametrize(("region", "warned"), [("eu-west-1", False), ("eu-west-9", True), ("xx-nowhere-9", True)])
def test_unknown_replica_region_is_a_warning(region: str, warned: bool) -> None:
    built = build_request(req(AddReplicaRegions=[{"Region": region}]), region=REGION)
    assert [w.field for w in request_warnings(built)] == (["AddReplicaRegions[0].Region"] if warned else [])
    alone = validate_field("ReplicaRegion", {"Region": region}, context=ValidationContext(region=REGION))
    assert [i.severity for i in alone] == (["warning"] if warned else [])


@pytest.mark.parametrize("replica", ["us-gov-west-1", "cn-north-1"])
def test_replica_in_another_partition_is_a_warning(replica: str) -> None:
    built = build_request(req(AddReplicaRegions=[{"Region": replica}]), region=REGION)  # not an error
    warnings = request_warnings(built, region=REGION)
    assert [w.field for w in warnings] == ["AddReplicaRegions[0].Region"] and "partition" in warnings[0].message
    alone = validate_field("ReplicaRegion", {"Region": replica}, context=ValidationContext(region=REGION))
    assert [i.severity for i in alone] == ["warning"]


def test_the_model_imports_neither_textual_nor_boto3() -> None:
    import subprocess
    import sys

    code = (
        "import sys, smtui.model, smtui.model.cli_input; "
        "sys.exit(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'boto3', 'botocore'}) or 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0
