"""The lifecycle commands against a moto server over HTTP (the aws backend), with the AWS CLI as the independent
client: what `smtui put-secret-value`, `smtui tag-resource` and `smtui replicate-secret-to-regions` write, `aws
secretsmanager ...` reads back, and the other way round."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import MARKER, aws, run
from tests.conftest import MotoServer
from tests.local.after_create_cases import POLICY_ACCOUNT


def test_what_smtui_writes_the_aws_cli_reads(moto_env: MotoServer, tmp_path: Path) -> None:
    endpoint = ["--endpoint-url", moto_env.url]
    ours = ["--backend", "aws", *endpoint]
    made = aws(["secretsmanager", "create-secret", *endpoint, "--name", "life/one"])
    assert made.code == 0, made.err

    # put-secret-value: the value from standard input, a token of our own
    put = run(
        [
            "put-secret-value",
            *ours,
            "--secret-id",
            "life/one",
            "--secret-string",
            "-",
            "--client-request-token",
            "a" * 32,
        ],
        stdin=MARKER.encode() + b"\n",
    )
    assert put.code == 0, put.err
    assert put.json()["VersionId"] == "a" * 32 and put.json()["VersionStages"] == ["AWSCURRENT"]
    assert MARKER not in put.both
    read = aws(["secretsmanager", "get-secret-value", *endpoint, "--secret-id", "life/one"])
    assert read.code == 0 and json.loads(read.out)["SecretString"] == MARKER, read.err
    assert json.loads(read.out)["VersionId"] == "a" * 32
    # a binary value from a file, as a pending version: the AWS CLI sees the same bytes under that label
    raw = tmp_path / "raw.bin"
    raw.write_bytes(b"\x00\x01\xff")
    pending = run(
        [
            "put-secret-value",
            *ours,
            "--secret-id",
            "life/one",
            "--secret-binary",
            f"fileb://{raw}",
            "--version-stages",
            "AWSPENDING",
        ]
    )
    assert pending.code == 0, pending.err
    theirs = aws(
        ["secretsmanager", "get-secret-value", *endpoint, "--secret-id", "life/one", "--version-stage", "AWSPENDING"]
    )
    assert theirs.code == 0 and json.loads(theirs.out)["SecretBinary"] == "AAH/", theirs.err
    versions = aws(["secretsmanager", "list-secret-version-ids", *endpoint, "--secret-id", "life/one"])
    assert {v["VersionId"] for v in json.loads(versions.out)["Versions"]} >= {"a" * 32, pending.json()["VersionId"]}

    # tag-resource / untag-resource
    tagged = run(["tag-resource", *ours, "--secret-id", "life/one", "--tags", "Key=env,Value=dev", "Key=team,Value=x"])
    assert tagged.code == 0 and tagged.out == "", tagged.err
    described = json.loads(aws(["secretsmanager", "describe-secret", *endpoint, "--secret-id", "life/one"]).out)
    assert {t["Key"]: t["Value"] for t in described["Tags"]} == {"env": "dev", "team": "x"}
    assert run(["untag-resource", *ours, "--secret-id", "life/one", "--tag-keys", "team"]).code == 0
    described = json.loads(aws(["secretsmanager", "describe-secret", *endpoint, "--secret-id", "life/one"]).out)
    assert [t["Key"] for t in described["Tags"]] == ["env"]

    # replicate-secret-to-regions
    replicated = run(
        ["replicate-secret-to-regions", *ours, "--secret-id", "life/one", "--add-replica-regions", "Region=eu-west-1"]
    )
    assert replicated.code == 0, replicated.err
    assert [s["Region"] for s in replicated.json()["ReplicationStatus"]] == ["eu-west-1"]
    described = json.loads(aws(["secretsmanager", "describe-secret", *endpoint, "--secret-id", "life/one"]).out)
    assert [s["Region"] for s in described["ReplicationStatus"]] == ["eu-west-1"]

    # and the other way round: a value the AWS CLI put is what smtui reads, by stage
    value = tmp_path / "v"
    value.write_text("from-aws")
    assert (
        aws(
            [
                "secretsmanager",
                "put-secret-value",
                *endpoint,
                "--secret-id",
                "life/one",
                "--secret-string",
                f"file://{value}",
            ]
        ).code
        == 0
    )
    previous = run(["get-secret-value", *ours, "--secret-id", "life/one", "--version-stage", "AWSPREVIOUS"])
    assert previous.code == 0 and previous.json()["SecretString"] == MARKER, previous.err
    listed = run(["list-secret-version-ids", *ours, "--secret-id", "life/one"])
    assert listed.code == 0 and len(listed.json()["Versions"]) >= 2, listed.err


def test_bad_input_is_refused_before_sending_on_the_aws_backend(moto_env: MotoServer) -> None:
    ours = ["--backend", "aws", "--endpoint-url", moto_env.url]
    short = run(
        ["put-secret-value", *ours, "--secret-id", "x", "--secret-string", "-", "--client-request-token", "short"],
        stdin=MARKER.encode(),
    )
    assert short.code == 252 and "ClientRequestToken" in short.err and MARKER not in short.both
    missing = run(["put-secret-value", *ours, "--secret-id", "life/none", "--secret-string", "-"], stdin=b"v")
    assert missing.code == 254 and "ResourceNotFoundException" in missing.err
    assert "when calling the PutSecretValue operation" in missing.err


@pytest.mark.slow  # a sibling in the fast suite covers the same path
def test_the_other_commands_on_the_aws_backend(moto_env: MotoServer, tmp_path: Path) -> None:
    """get-random-password, batch-get-secret-value, the policies, version stages and the replication commands
    go through boto3 to the server; the AWS CLI sees their effect."""
    endpoint = ["--endpoint-url", moto_env.url]
    ours = ["--backend", "aws", *endpoint]
    value = tmp_path / "v"
    value.write_text(MARKER)
    for name in ("aws2/a", "aws2/b"):
        assert (
            aws(
                ["secretsmanager", "create-secret", *endpoint, "--name", name, "--secret-string", f"file://{value}"]
            ).code
            == 0
        )

    password = run(["get-random-password", *ours, "--password-length", "20", "--exclude-punctuation"])
    assert password.code == 0 and len(password.json()["RandomPassword"]) == 20, password.err
    to_file = tmp_path / "pw"
    assert run(["get-random-password", *ours, "--output-file", str(to_file)]).code == 0
    assert len(to_file.read_text()) == 32

    batch = run(["batch-get-secret-value", *ours, "--secret-id-list", "aws2/a", "aws2/b"])
    assert batch.code == 0, batch.err
    assert sorted(v["Name"] for v in batch.json()["SecretValues"]) == ["aws2/a", "aws2/b"]

    policy = POLICY_ACCOUNT
    assert run(["put-resource-policy", *ours, "--secret-id", "aws2/a", "--resource-policy", policy]).code == 0
    theirs = aws(["secretsmanager", "get-resource-policy", *endpoint, "--secret-id", "aws2/a"])
    assert theirs.code == 0 and json.loads(json.loads(theirs.out)["ResourcePolicy"]) == json.loads(policy)
    assert run(["delete-resource-policy", *ours, "--secret-id", "aws2/a"]).code == 0

    versions = run(["list-secret-version-ids", *ours, "--secret-id", "aws2/a"]).json()["Versions"]
    first = versions[0]["VersionId"]
    assert run(["put-secret-value", *ours, "--secret-id", "aws2/a", "--secret-string", f"file://{value}"]).code == 0
    moved = run(
        [
            "update-secret-version-stage",
            *ours,
            "--secret-id",
            "aws2/a",
            "--version-stage",
            "mine",
            "--move-to-version-id",
            first,
        ]
    )
    assert moved.code == 0, moved.err
    theirs = aws(["secretsmanager", "list-secret-version-ids", *endpoint, "--secret-id", "aws2/a"])
    stages = {v["VersionId"]: v.get("VersionStages", []) for v in json.loads(theirs.out)["Versions"]}
    assert "mine" in stages[first]
    updated = run(["update-secret", *ours, "--secret-id", "aws2/a", "--description", "via smtui"])
    assert updated.code == 0, updated.err
    described = json.loads(aws(["secretsmanager", "describe-secret", *endpoint, "--secret-id", "aws2/a"]).out)
    assert described["Description"] == "via smtui"
