"""`--generate-cli-skeleton` for every registered command, generated from botocore's service model, against
the AWS CLI (`aws secretsmanager CMD --generate-cli-skeleton`, an independent client) and botocore's own
ArgumentGenerator; and the parser built from the registry (one table, every command once)."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from smtui.cli.registry import commands
from tests.cli.conftest import Result, aws

Inproc = Callable[..., Result]

SECRETS_MANAGER = sorted(name for name, c in commands().items() if c.options.documents)


def _shape(data: Any) -> Any:
    """The keys and nesting of a skeleton; the AWS CLI picks an enum member at random, so strings are equal."""
    if isinstance(data, dict):
        return {k: _shape(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_shape(v) for v in data]
    return "" if isinstance(data, str) else data


def _key_order(data: Any) -> Any:
    if isinstance(data, dict):
        return [(k, _key_order(v)) for k, v in data.items()]
    if isinstance(data, list):
        return [_key_order(v) for v in data]
    return None


@pytest.mark.parametrize("name", SECRETS_MANAGER)
def test_input_skeleton_is_the_aws_clis(inproc: Inproc, name: str) -> None:
    ours = inproc([name, "--generate-cli-skeleton"])
    theirs = aws(["secretsmanager", name, "--generate-cli-skeleton"])
    assert ours.code == 0 and theirs.code == 0, (ours.err, theirs.err)
    assert _shape(ours.json()) == _shape(theirs.json())
    assert _key_order(ours.json()) == _key_order(theirs.json())  # same keys in the same order
    assert set(ours.json()) <= set(commands()[name].options.members())  # what the command takes
    as_yaml = inproc([name, "--generate-cli-skeleton", "yaml-input"])
    import yaml

    assert as_yaml.code == 0 and _key_order(yaml.safe_load(as_yaml.out)) == _key_order(ours.json())


def test_create_secret_skeleton_is_byte_for_byte_the_aws_clis(inproc: Inproc) -> None:
    ours = inproc(["create-secret", "--generate-cli-skeleton"])
    theirs = aws(["secretsmanager", "create-secret", "--generate-cli-skeleton"])
    assert ours.out == theirs.out


def test_generated_skeletons_are_botocores() -> None:
    """smtui.cli.service_model reads botocore's JSON without importing botocore: it must give what botocore's
    ArgumentGenerator gives for every operation of that same model (input with enums made equal; output
    exactly). The model is built from the file smtui reads, not from a session: a session follows
    AWS_DATA_PATH, which the AWS CLI run in this process may have pointed at its own older copy."""
    from botocore.model import ServiceModel
    from botocore.utils import ArgumentGenerator

    from smtui.cli.service_model import service_model, skeleton

    model = ServiceModel(copy.deepcopy(service_model()), "secretsmanager")
    for operation in model.operation_names:
        op = model.operation_model(operation)
        if op.input_shape is not None:
            theirs = ArgumentGenerator().generate_skeleton(op.input_shape)
            assert _shape(skeleton(operation, "input")) == _shape(theirs), operation
            assert _key_order(skeleton(operation, "input")) == _key_order(theirs), operation
        if op.output_shape is not None:
            stub = ArgumentGenerator(use_member_names=True).generate_skeleton(op.output_shape)
            assert skeleton(operation, "output") == stub, operation


def test_output_skeleton_checks_the_options_first(inproc: Inproc) -> None:
    """`output` builds the options (required members, document) before the stub; nothing is sent."""
    missing = inproc(["describe-secret", "--generate-cli-skeleton", "output"])
    assert missing.code == 252 and "the following arguments are required: --secret-id" in missing.err
    stub = inproc(["describe-secret", "--generate-cli-skeleton", "output", "--cli-input-json", '{"SecretId": "x"}'])
    assert stub.code == 0 and stub.json()["ARN"] == "ARN", stub.err


def test_every_command_is_in_the_parser_once() -> None:
    from smtui.cli.parser import build_parser

    parser: Any = build_parser()
    assert set(commands()) <= set(parser.commands)
    assert len(set(commands())) == len(commands())


def test_boolean_pairs_are_boolean_optional_actions(inproc: Inproc, local: list[str]) -> None:
    """--x/--no-x with the AWS CLI's names; the last one given wins, as argparse's BooleanOptionalAction does."""
    from smtui.cli.parser import build_parser

    parser: Any = build_parser()
    for path, flag in (
        ("create-secret", "--force-overwrite-replica-secret"),
        ("list-secrets", "--include-planned-deletion"),
        ("delete-secret", "--force-delete-without-recovery"),
    ):
        options = {o for a in parser.commands[path]._actions for o in a.option_strings}
        assert {flag, "--no-" + flag[2:]} <= options, path
    doc = json.dumps({"SecretId": "gone", "ForceDeleteWithoutRecovery": True})
    r = inproc(["delete-secret", *local, "--cli-input-json", doc, "--no-force-delete-without-recovery"])
    assert r.code == 254 and "ResourceNotFoundException" in r.err, r.err  # the flag won; the secret is not there


_KINDS = {"string": str, "blob": str, "integer": int, "long": int, "boolean": bool, "list": list}


@pytest.mark.parametrize("name", SECRETS_MANAGER)
def test_options_are_the_service_models_members(name: str) -> None:
    """Every option's member is a member of the operation's input in botocore's model, of the kind the model
    gives, and an option with choices offers exactly the model's enum (one source: smtui.model.limits)."""
    from smtui.cli.service_model import operation_shape, service_model

    command = commands()[name]
    shapes = service_model()["shapes"]
    members = shapes[operation_shape(command.operation, "input") or ""]["members"]
    for _dest, spec in command.options.specs():
        if spec.member is None:
            continue
        assert spec.member in members, (name, spec.member)
        shape = shapes[members[spec.member]["shape"]]
        assert _KINDS[shape["type"]] is spec.kind, (name, spec.member, shape["type"])
        if "choices" in spec.arguments:
            assert sorted(spec.arguments["choices"]) == sorted(shape["enum"]), (name, spec.member)
