"""The companion commands on both backends, and the AWS CLI as an independent client of what smtui creates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import MARKER, aws, run, seed, smtui_env
from tests.conftest import MotoServer


def test_companions_on_the_local_store(local: list[str]) -> None:
    seed(local, ["c/one", "c/two", "c/three"])
    listed = run(["list-secrets", *local, "--page-size", "1", "--query", "SecretList[].Name"])
    assert listed.code == 0 and sorted(listed.json()) == ["c/one", "c/three", "c/two"]  # all pages, 1 a call
    one_page = run(["list-secrets", *local, "--max-results", "1"]).json()  # turns pagination off, as in aws
    assert len(one_page["SecretList"]) == 1 and one_page["NextToken"]
    filtered = run(["list-secrets", *local, "--filters", "Key=name,Values=c/t", "--query", "SecretList[].Name"])
    assert sorted(filtered.json()) == ["c/three", "c/two"]

    deleted = run(["delete-secret", *local, "--secret-id", "c/one", "--recovery-window-in-days", "7"]).json()
    assert deleted["Name"] == "c/one" and deleted["DeletionDate"]
    hidden = run(["list-secrets", *local, "--query", "SecretList[].Name"]).json()
    assert "c/one" not in hidden
    shown = run(["list-secrets", *local, "--include-planned-deletion", "--query", "SecretList[].Name"]).json()
    assert "c/one" in shown
    taken = run(["create-secret", *local, "--name", "c/one"])
    assert taken.code == 254 and "scheduled for deletion" in taken.err and "restore-secret" in taken.err
    restored = run(["restore-secret", *local, "--secret-id", "c/one"])
    assert restored.code == 0 and restored.json()["Name"] == "c/one"
    assert "DeletedDate" not in run(["describe-secret", *local, "--secret-id", "c/one"]).json()
    both = run(
        [
            "delete-secret",
            *local,
            "--secret-id",
            "c/two",
            "--recovery-window-in-days",
            "7",
            "--force-delete-without-recovery",
        ]
    )
    assert both.code in (252, 254)
    assert run(["delete-secret", *local, "--secret-id", "c/two", "--force-delete-without-recovery"]).code == 0
    gone = run(["get-secret-value", *local, "--secret-id", "c/two"])
    assert gone.code == 254 and "ResourceNotFoundException" in gone.err


@pytest.mark.slow  # a sibling in the fast suite covers the same path
def test_aws_backend_and_the_aws_cli_as_independent_client(moto_env: MotoServer, tmp_path: Path) -> None:
    """smtui creates on the moto server; `aws secretsmanager get-secret-value` reads it back. The request
    document (smtui's skeleton keys, filled in) is accepted by `aws ... --cli-input-json file://`."""
    endpoint = ["--backend", "aws", "--endpoint-url", moto_env.url]
    made = run(
        [
            "create-secret",
            *endpoint,
            "--name",
            "aws/one",
            "--secret-string",
            "-",
            "--tags",
            "Key=env,Value=dev",
            "--client-request-token",
            "a" * 32,
        ],
        stdin=MARKER.encode(),
    )
    assert made.code == 0, made.err
    assert made.json()["VersionId"] == "a" * 32
    again = run(
        [
            "create-secret",
            *endpoint,
            "--name",
            "aws/one",
            "--secret-string",
            "-",
            "--client-request-token",
            "a" * 32,
        ],
        stdin=MARKER.encode(),
    )
    assert again.code == 0 and again.json()["ARN"] == made.json()["ARN"]  # idempotent retry, same token
    read = aws(["secretsmanager", "get-secret-value", "--endpoint-url", moto_env.url, "--secret-id", "aws/one"])
    assert read.code == 0 and json.loads(read.out)["SecretString"] == MARKER

    assert (
        run(
            [
                "describe-secret",
                *endpoint,
                "--secret-id",
                "aws/one",
                "--query",
                "Tags[0].Value",
                "--output",
                "text",
            ]
        ).out
        == "dev\n"
    )
    assert run(["get-secret-value", *endpoint, "--secret-id", "aws/one", "--query", "SecretString"]).json() == MARKER
    assert "aws/one" in run(["list-secrets", *endpoint, "--query", "SecretList[].Name"]).json()
    assert run(["delete-secret", *endpoint, "--secret-id", "aws/one", "--recovery-window-in-days", "7"]).code == 0
    assert run(["restore-secret", *endpoint, "--secret-id", "aws/one"]).code == 0

    skeleton = json.loads(run(["create-secret", "--generate-cli-skeleton"]).out)
    doc = {k: skeleton[k] for k in ("Name", "Description", "Tags")}
    doc.update(Name="aws/from-doc", Description="via aws cli", Tags=[{"Key": "k", "Value": "v"}])
    path = tmp_path / "req.json"
    path.write_text(json.dumps(doc))
    value = tmp_path / "value.txt"
    value.write_text(MARKER)
    theirs = aws(
        [
            "secretsmanager",
            "create-secret",
            "--endpoint-url",
            moto_env.url,
            "--cli-input-json",
            f"file://{path}",
            "--secret-string",
            f"file://{value}",
        ]
    )
    assert theirs.code == 0, theirs.err
    ours = run(
        [
            "create-secret",
            *endpoint,
            "--cli-input-json",
            f"file://{path}",
            "--name",
            "aws/from-doc-2",
            "--secret-string",
            f"file://{value}",
        ]
    )
    assert ours.code == 0, ours.err
    assert (
        run(["get-secret-value", *endpoint, "--secret-id", "aws/from-doc", "--query", "SecretString"]).json() == MARKER
    )


def test_debug_logs_never_the_value(moto_env: MotoServer) -> None:
    made = run(
        [
            "create-secret",
            "--backend",
            "aws",
            "--endpoint-url",
            moto_env.url,
            "--debug",
            "--name",
            "dbg/one",
            "--secret-string",
            "-",
        ],
        stdin=MARKER.encode(),
    )
    assert made.code == 0, made.err
    assert "DEBUG" in made.err and "botocore" in made.err and "CreateSecret" in made.err
    assert MARKER not in made.err and MARKER not in made.out
    unreachable = run(
        [
            "describe-secret",
            "--backend",
            "aws",
            "--endpoint-url",
            "http://127.0.0.1:9",
            "--secret-id",
            "x",
            "--cli-connect-timeout",
            "1",
        ]
    )
    assert unreachable.code == 255 and "Traceback" not in unreachable.err
    # printed as AWS CLI v2's general handler prints it: no service answered, so no "An error occurred (...)"
    assert unreachable.err.startswith('\nCould not connect to the endpoint URL: "http://127.0.0.1:9/"\n')
    assert "An error occurred" not in unreachable.err and "\nHint: " in unreachable.err


def test_region_and_profile_are_honoured(moto_env: MotoServer, isolated_aws_env: Path) -> None:
    """--region wins over the environment; --profile brings its region and keys from the config files."""
    endpoint = ["--backend", "aws", "--endpoint-url", moto_env.url]
    by_flag = run(["create-secret", *endpoint, "--region", "eu-west-1", "--name", "r/flag"])
    assert by_flag.code == 0 and ":eu-west-1:" in by_flag.json()["ARN"], by_flag.err
    (isolated_aws_env / "aws-config").write_text("[profile dev]\nregion = eu-central-1\n")
    (isolated_aws_env / "aws-credentials").write_text("[dev]\naws_access_key_id = dev\naws_secret_access_key = x\n")
    env = smtui_env()
    for var in ("AWS_DEFAULT_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        env.pop(var, None)
    by_profile = run(["create-secret", *endpoint, "--profile", "dev", "--name", "r/profile"], env=env)
    assert by_profile.code == 0 and ":eu-central-1:" in by_profile.json()["ARN"], by_profile.err
    missing = run(["create-secret", *endpoint, "--profile", "nope", "--name", "r/none"], env=env)
    assert missing.code == 253, missing.err
