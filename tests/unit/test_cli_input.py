"""smtui.model.cli_input: the `--cli-input-json` document, the skeletons, and the boto3 parameters.

The skeleton is checked against the real AWS CLI (awscli in the venv, run as a subprocess) and against
botocore's own ArgumentGenerator; the API parameters against botocore's parameter validator for CreateSecret.
"""

from __future__ import annotations

import base64
import json
import subprocess
import sys
import traceback
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretBytes, SecretStr

from smtui.errors import ParameterError
from smtui.model import (
    CREATE_SECRET_INPUT_SKELETON,
    CREATE_SECRET_OUTPUT_SKELETON,
    build_request,
    from_cli_input,
    skeleton,
    to_api_params,
    to_cli_input,
)
from smtui.model.cli_input import UNSUPPORTED_KEYS

MARKER = "Zq9-cli-input-MARKER-7f3"
REGION = "us-east-1"
KEY = "1234abcd-12ab-34cd-56ef-1234567890ab"


def _service_model() -> Any:
    import botocore.session

    return botocore.session.get_session().get_service_model("secretsmanager").operation_model("CreateSecret")


def test_input_skeleton_is_what_the_aws_cli_prints() -> None:
    aws = Path(sys.executable).with_name("aws")
    out = subprocess.run(
        [str(aws), "secretsmanager", "create-secret", "--generate-cli-skeleton"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        env={"PATH": "/usr/bin:/bin", "AWS_DEFAULT_REGION": REGION, "HOME": "/nonexistent"},
    )
    printed = json.loads(out.stdout)
    assert printed == CREATE_SECRET_INPUT_SKELETON
    assert list(printed) == list(CREATE_SECRET_INPUT_SKELETON)  # same order, too
    assert json.dumps(CREATE_SECRET_INPUT_SKELETON, indent=4) + "\n" == out.stdout


def test_skeletons_match_botocore_argument_generator() -> None:
    from botocore.utils import ArgumentGenerator

    op = _service_model()
    generated = ArgumentGenerator().generate_skeleton(op.input_shape)
    # the venv's botocore may be newer than the AWS CLI's vendored one: its extra members come after ours
    assert list(generated)[: len(CREATE_SECRET_INPUT_SKELETON)] == list(CREATE_SECRET_INPUT_SKELETON)
    assert {k: generated[k] for k in CREATE_SECRET_INPUT_SKELETON} == CREATE_SECRET_INPUT_SKELETON
    assert set(generated) - set(CREATE_SECRET_INPUT_SKELETON) <= set(UNSUPPORTED_KEYS)
    assert ArgumentGenerator(use_member_names=True).generate_skeleton(op.output_shape) == CREATE_SECRET_OUTPUT_SKELETON


def test_every_input_member_is_a_request_field() -> None:
    from smtui.model import CreateSecretRequest

    assert set(CREATE_SECRET_INPUT_SKELETON) == set(CreateSecretRequest.model_fields)


def test_skeleton_hands_out_copies() -> None:
    copy = skeleton("input")
    copy["Tags"][0]["Key"] = "changed"
    assert CREATE_SECRET_INPUT_SKELETON["Tags"][0]["Key"] == ""
    assert skeleton("yaml-input") == CREATE_SECRET_INPUT_SKELETON
    assert skeleton("output") == CREATE_SECRET_OUTPUT_SKELETON


# --- to_cli_input -> JSON -> from_cli_input -> build_request

REQUESTS: list[dict[str, Any]] = [
    {"Name": "app/db"},
    {"Name": "app/db", "SecretString": MARKER},
    {"Name": "bin", "SecretBinary": MARKER.encode() + b"\x00\xff"},
    {
        "Name": "full",
        "Description": "the db",
        "KmsKeyId": f"arn:aws:kms:us-east-1:123456789012:key/{KEY}",
        "SecretString": MARKER,
        "Tags": [{"Key": "env", "Value": "dev"}, {"Key": "team", "Value": ""}],
        "AddReplicaRegions": [{"Region": "eu-west-1"}, {"Region": "eu-west-2", "KmsKeyId": "alias/k"}],
        "ForceOverwriteReplicaSecret": True,
        "Type": "partner",
        "ClientRequestToken": "t" * 40,
    },
    {"Name": "replicas-no-force", "AddReplicaRegions": [{"Region": "ap-south-1"}]},
]


def _without_value(dump: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in dump.items() if k not in ("SecretString", "SecretBinary")}


@pytest.mark.parametrize("data", REQUESTS, ids=[d["Name"] for d in REQUESTS])
def test_round_trip(data: dict[str, Any]) -> None:
    original = build_request(data, region=REGION)
    doc = to_cli_input(original)
    text = json.dumps(doc)
    assert MARKER not in text
    assert "SecretString" not in doc and "SecretBinary" not in doc
    assert list(doc) == [k for k in CREATE_SECRET_INPUT_SKELETON if k in doc]  # the AWS CLI's key order
    loaded = from_cli_input(json.loads(text))
    assert loaded.value_members == ()
    again = build_request(loaded, region=REGION)
    assert _without_value(again.model_dump()) == _without_value(original.model_dump())
    assert again.ClientRequestToken == original.ClientRequestToken  # replaying the document is a retry


def test_token_left_out_on_request() -> None:
    original = build_request({"Name": "x"})
    doc = to_cli_input(original, include_token=False)
    assert "ClientRequestToken" not in doc
    assert build_request(from_cli_input(doc)).ClientRequestToken != original.ClientRequestToken


def test_absent_members_are_left_out() -> None:
    doc = to_cli_input(build_request({"Name": "x"}, fill_token=False))
    assert doc == {"Name": "x"}


def test_value_in_document_is_accepted_wrapped_and_flagged() -> None:
    loaded = from_cli_input({"Name": "x", "SecretString": MARKER})
    assert loaded.value_members == ("SecretString",)
    assert isinstance(loaded["SecretString"], SecretStr)
    assert MARKER not in repr(loaded) and MARKER not in str(loaded)
    built = build_request(loaded)
    assert built.SecretString is not None and built.SecretString.get_secret_value() == MARKER


def test_binary_in_document_is_base64_by_default() -> None:
    raw = MARKER.encode() + b"\x00\xff"
    loaded = from_cli_input({"Name": "x", "SecretBinary": base64.b64encode(raw).decode()})
    assert loaded.value_members == ("SecretBinary",)
    assert isinstance(loaded["SecretBinary"], SecretBytes)
    assert loaded["SecretBinary"].get_secret_value() == raw
    as_raw = from_cli_input({"Name": "x", "SecretBinary": MARKER}, binary_format="raw-in-base64-out")
    assert as_raw["SecretBinary"].get_secret_value() == MARKER.encode()
    yaml_bytes = from_cli_input({"Name": "x", "SecretBinary": raw})  # YAML !!binary
    assert yaml_bytes["SecretBinary"].get_secret_value() == raw


@pytest.mark.parametrize(
    ("value", "binary_format"),
    [
        (MARKER + "!!not base64", "base64"),
        (MARKER + "\ud800", "raw-in-base64-out"),
    ],
)
def test_bad_binary_in_document_never_echoes_it(value: str, binary_format: Any) -> None:
    with pytest.raises(ParameterError) as caught:
        from_cli_input({"Name": "x", "SecretBinary": value}, binary_format=binary_format)
    exc = caught.value
    assert exc.field == "SecretBinary" and exc.exit_code == 252
    assert exc.__context__ is None and exc.__cause__ is None
    assert MARKER not in "".join(traceback.format_exception(exc))


def test_the_skeleton_itself_loads_and_names_what_to_fill_in() -> None:
    loaded = from_cli_input(skeleton())
    assert loaded.value_members == ()
    assert not {"SecretString", "SecretBinary", "ClientRequestToken"} & set(loaded)
    with pytest.raises(ParameterError) as caught:
        build_request(loaded, region=REGION)
    fields = {i.field for i in caught.value.issues}
    assert fields == {"Name", "Tags[0].Key", "AddReplicaRegions[0].Region"}


def test_a_filled_in_skeleton_builds() -> None:
    doc = skeleton()
    doc.update(
        Name="app/db",
        Description="",
        KmsKeyId="",
        Type="",
        Tags=[{"Key": "env", "Value": "dev"}],
        AddReplicaRegions=[{"Region": "eu-west-1", "KmsKeyId": ""}],
    )
    built = build_request(from_cli_input(doc), region=REGION)
    params = to_api_params(built)
    assert "KmsKeyId" not in params and params["AddReplicaRegions"] == [{"Region": "eu-west-1"}]
    assert "SecretString" not in params


@pytest.mark.parametrize("doc", [{"Name": "x", "SecretId": "y"}, {"Name": "x", "name": "y"}])
def test_unknown_key_is_named(doc: dict[str, Any]) -> None:
    unknown = next(k for k in doc if k != "Name")
    with pytest.raises(ParameterError) as caught:
        from_cli_input(doc)
    assert caught.value.field == unknown
    assert unknown in str(caught.value)


def test_several_unknown_keys_are_all_named() -> None:
    with pytest.raises(ParameterError) as caught:
        from_cli_input({"Name": "x", "Foo": 1, "Bar": 2})
    assert [i.field for i in caught.value.issues] == ["Foo", "Bar"]


@pytest.mark.parametrize("doc", [[], "Name", 5, None])
def test_document_must_be_an_object(doc: object) -> None:
    with pytest.raises(ParameterError):
        from_cli_input(doc)


def test_newer_cli_skeleton_members() -> None:
    newer = {**skeleton(), "Name": "x", "Tags": [], "AddReplicaRegions": [], "CrossAccountPrimaryARN": ""}
    assert "CrossAccountPrimaryARN" not in from_cli_input(newer)
    newer["CrossAccountPrimaryARN"] = "arn:aws:secretsmanager:us-east-1:123456789012:secret:x-abcdef"
    with pytest.raises(ParameterError) as caught:
        from_cli_input(newer)
    assert caught.value.field == "CrossAccountPrimaryARN" and "not supported" in str(caught.value)


def test_nulls_are_not_given() -> None:
    assert dict(from_cli_input({"Name": "x", "Description": None, "SecretBinary": None})) == {"Name": "x"}


# --- to_api_params: the one place the plaintext leaves its wrapper


@pytest.mark.parametrize("data", REQUESTS, ids=[d["Name"] for d in REQUESTS])
def test_api_params_are_valid_for_botocore(data: dict[str, Any]) -> None:
    from botocore.validate import ParamValidator

    params = to_api_params(build_request(data, region=REGION))
    report = ParamValidator().validate(params, _service_model().input_shape)
    assert not report.has_errors(), report.generate_report()
    assert 32 <= len(params["ClientRequestToken"]) <= 64


def test_api_params_reveal_the_value() -> None:
    string = to_api_params(build_request({"Name": "x", "SecretString": MARKER}))
    assert string["SecretString"] == MARKER and "SecretBinary" not in string
    binary = to_api_params(build_request({"Name": "x", "SecretBinary": b"\x00" + MARKER.encode()}))
    assert binary["SecretBinary"] == b"\x00" + MARKER.encode()
    assert "SecretString" not in to_api_params(build_request({"Name": "x"}))


def test_api_params_do_not_share_state_with_the_request() -> None:
    built = build_request(
        {
            "Name": "x",
            "Tags": [{"Key": "k", "Value": "v"}],
            "AddReplicaRegions": [{"Region": "eu-west-1", "KmsKeyId": ""}],
        }
    )
    params = to_api_params(built)
    params["Tags"][0]["Key"] = "changed"
    params["AddReplicaRegions"].clear()
    assert built.Tags[0].Key == "k" and len(built.AddReplicaRegions) == 1
