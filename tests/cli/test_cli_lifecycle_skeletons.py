"""`smtui CMD --generate-cli-skeleton` of every lifecycle command has the keys (and the nesting) of `aws
secretsmanager CMD --generate-cli-skeleton`, and the yaml-input skeleton the same keys."""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml

from tests.cli.conftest import aws, run

COMMANDS = (
    "put-secret-value",
    "update-secret",
    "update-secret-version-stage",
    "list-secret-version-ids",
    "tag-resource",
    "untag-resource",
    "replicate-secret-to-regions",
    "remove-regions-from-replication",
    "stop-replication-to-replica",
    "get-random-password",
    "batch-get-secret-value",
    "get-resource-policy",
    "put-resource-policy",
    "delete-resource-policy",
    "validate-resource-policy",
)


def shape(data: Any) -> Any:
    """The keys and the nesting of a skeleton, its placeholders' types; not the values (the AWS CLI picks an
    enum member at random)."""
    if isinstance(data, dict):
        return {k: shape(v) for k, v in data.items()}
    if isinstance(data, list):
        return [shape(v) for v in data]
    return type(data).__name__


@pytest.mark.parametrize("command", COMMANDS)
def test_input_skeleton_matches_the_aws_cli(command: str) -> None:
    theirs = aws(["secretsmanager", command, "--generate-cli-skeleton"])
    assert theirs.code == 0, theirs.err
    ours = run([command, "--generate-cli-skeleton"])
    assert ours.code == 0, ours.err
    expected = json.loads(theirs.out)
    assert list(json.loads(ours.out)) == list(expected)  # the same keys in the same order
    assert shape(json.loads(ours.out)) == shape(expected)
    as_yaml = run([command, "--generate-cli-skeleton", "yaml-input"])
    assert as_yaml.code == 0 and list(yaml.safe_load(as_yaml.out)) == list(expected), as_yaml.err


def test_skeleton_output_checks_the_options_first() -> None:
    bad = run(["put-secret-value", "--generate-cli-skeleton", "output", "--secret-id", "x", "--version-stages", ""])
    assert bad.code == 252 and "VersionStages" in bad.err and bad.out == ""
    good = run(["tag-resource", "--generate-cli-skeleton", "output", "--secret-id", "x", "--tags", "Key=a,Value=b"])
    assert good.code == 0, good.err
    sample = run(["get-random-password", "--generate-cli-skeleton", "output"])
    assert sample.code == 0 and json.loads(sample.out) == {"RandomPassword": "RandomPassword"}
