"""Every output format and --query, checked against the AWS CLI's own formatters (awscli, a test dependency),
plus the skeletons against `aws secretsmanager create-secret --generate-cli-skeleton`."""

from __future__ import annotations

import argparse
import copy
import io
import json
from typing import Any

import pytest
import yaml

from tests.cli.conftest import aws, run


def awscli_text(data: Any) -> str:
    from awscli import text

    out = io.StringIO()
    text.format_text(copy.deepcopy(data), out)
    return out.getvalue()


def awscli_table(data: Any, title: str, monkeypatch: pytest.MonkeyPatch) -> str:
    import awscli.table
    from awscli.formatter import TableFormatter

    monkeypatch.setattr(awscli.table, "determine_terminal_width", lambda default_width=80: 80)
    out = io.StringIO()
    TableFormatter(argparse.Namespace(color="off", query=None))(title, copy.deepcopy(data), out)
    return out.getvalue()


def test_every_format_matches_the_aws_cli(local: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    made = run(
        [
            "create-secret",
            *local,
            "--name",
            "fmt/one",
            "--description",
            "d",
            "--tags",
            "Key=env,Value=dev",
            "Key=team,Value=core",
        ]
    )
    assert made.code == 0, made.err
    base = ["describe-secret", *local, "--secret-id", "fmt/one"]
    data = run(base).json()
    assert data["Name"] == "fmt/one" and "T" in data["CreatedDate"] and data["CreatedDate"].endswith("+00:00")

    assert run([*base, "--output", "text"]).out == awscli_text(data)
    assert run([*base, "--output", "table", "--color", "off"]).out == awscli_table(data, "DescribeSecret", monkeypatch)
    assert "\x1b[" in run([*base, "--output", "table", "--color", "on"]).out
    assert yaml.safe_load(run([*base, "--output", "yaml"]).out) == data
    assert yaml.safe_load(run([*base, "--output", "yaml-stream"]).out) == [data]
    queried = run([*base, "--query", "Tags[?Key=='team'].Value | [0]", "--output", "text"])
    assert queried.out == "core\n"
    assert json.loads(run([*base, "--query", "{n: Name, t: length(Tags)}"]).out) == {"n": "fmt/one", "t": 2}
    # AWS_DEFAULT_OUTPUT is honoured, --output wins over it
    from tests.cli.conftest import smtui_env

    assert run(base, env=smtui_env(AWS_DEFAULT_OUTPUT="text")).out == awscli_text(data)


def test_skeletons_match_the_aws_cli() -> None:
    ours = run(["create-secret", "--generate-cli-skeleton"])
    theirs = aws(["secretsmanager", "create-secret", "--generate-cli-skeleton"])
    assert ours.code == 0 and theirs.code == 0, theirs.err
    assert json.loads(ours.out) == json.loads(theirs.out)
    assert list(json.loads(ours.out)) == list(json.loads(theirs.out))  # same keys, same order
    as_yaml = yaml.safe_load(run(["create-secret", "--generate-cli-skeleton", "yaml-input"]).out)
    assert list(as_yaml) == list(json.loads(theirs.out))
    output = json.loads(run(["create-secret", "--generate-cli-skeleton", "output", "--name", "n"]).out)
    assert set(output) == {"ARN", "Name", "VersionId", "ReplicationStatus"}
