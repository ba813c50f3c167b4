"""The real AWS CLI (awscli from the test dependencies, its own process) as the independent client of `smtui serve`:
Secrets Manager's lifecycle, an error's exit code and line, STS and KMS (docs/aws-behaviour.md §22.1-§22.3).

The AWS CLI is pointed at the server twice over, as people do: by `--endpoint-url` with only credentials and a
region in the environment, and by the environment a shell gets from `eval "$(smtui serve --print-env)"`. Each AWS
CLI process costs about a third of a second, so each test batches several calls.
"""

from __future__ import annotations

import json
import re
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import awscli
import pytest
from botocore.exceptions import ClientError

from tests.conftest import REPO
from tests.serve.conftest import Served, after_print_env, boto3_client, logged, signed_env

AWS = REPO / ".venv" / "bin" / "aws"
MARKER = "Zq9-serve-awscli-marker-4Rt"
MARKER_PUT = "Zq9-serve-awscli-put-marker-8Wy"
ARN = re.compile(r"^arn:aws:secretsmanager:us-east-1:(\d{12}):secret:(.+)-[A-Za-z0-9]{6}$")
# The AWS CLI v1 (the one installed) ends with 255 on a service error, v2 with 254 (its documented return codes).
SERVICE_ERROR_EXIT = 255 if awscli.__version__.startswith("1.") else 254
ERROR_LINE = re.compile(r"^An error occurred \((\w+)\) when calling the (\w+) operation: (.+)$")


@dataclass
class Cli:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        assert self.code == 0, self.err
        return json.loads(self.out)


@pytest.fixture
def aws(served: Served) -> Iterator[Any]:
    """`aws ARGS --endpoint-url URL`, with the server's credentials and region and no endpoint in the environment."""
    env = signed_env(served)

    def run(*args: str) -> Cli:
        done = subprocess.run(
            [str(AWS), *args, "--endpoint-url", served.url],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            stdin=subprocess.DEVNULL,
        )
        return Cli(done.returncode, done.stdout, done.stderr)

    yield run


def value_file(tmp_path: Path, name: str, value: str) -> str:
    path = tmp_path / name
    path.write_text(value)
    return f"file://{path}"


def test_secret_lifecycle_through_the_aws_cli(served: Served, aws: Any, tmp_path: Path) -> None:
    """create, get, put, describe, list, tag, replicate, delete, restore: exit 0 and the service's output shapes;
    boto3 then reads what the AWS CLI left, and the server's log holds every call but never the value."""
    name = "awscli/lifecycle"
    created = aws(
        "secretsmanager",
        "create-secret",
        "--name",
        name,
        "--description",
        "made by the AWS CLI",
        "--secret-string",
        value_file(tmp_path, "v1.txt", MARKER),
        "--tags",
        "Key=team,Value=core",
    ).json()
    assert set(created) == {"ARN", "Name", "VersionId"}
    found = ARN.match(created["ARN"])
    assert found is not None and found.group(2) == name and created["Name"] == name
    first = created["VersionId"]

    got = aws("secretsmanager", "get-secret-value", "--secret-id", name).json()
    assert set(got) == {"ARN", "Name", "VersionId", "SecretString", "VersionStages", "CreatedDate"}
    assert (got["ARN"], got["VersionId"], got["SecretString"]) == (created["ARN"], first, MARKER)
    assert got["VersionStages"] == ["AWSCURRENT"]
    assert isinstance(got["CreatedDate"], float) and abs(got["CreatedDate"] - time.time()) < 600

    put = aws(
        "secretsmanager",
        "put-secret-value",
        "--secret-id",
        name,
        "--secret-string",
        value_file(tmp_path, "v2.txt", MARKER_PUT),
    ).json()
    assert set(put) == {"ARN", "Name", "VersionId", "VersionStages"}
    assert put["VersionStages"] == ["AWSCURRENT"] and put["VersionId"] != first
    second = put["VersionId"]

    described = aws("secretsmanager", "describe-secret", "--secret-id", created["ARN"]).json()
    assert described["Name"] == name and described["Description"] == "made by the AWS CLI"
    assert described["Tags"] == [{"Key": "team", "Value": "core"}]
    assert described["VersionIdsToStages"] == {first: ["AWSPREVIOUS"], second: ["AWSCURRENT"]}
    assert "SecretString" not in described and "DeletedDate" not in described

    listed = aws("secretsmanager", "list-secrets", "--filters", f"Key=name,Values={name}").json()
    assert [entry["Name"] for entry in listed["SecretList"]] == [name]
    assert listed["SecretList"][0]["SecretVersionsToStages"] == described["VersionIdsToStages"]

    tagged = aws("secretsmanager", "tag-resource", "--secret-id", name, "--tags", "Key=env,Value=dev")
    assert (tagged.code, tagged.out) == (0, ""), tagged.err  # TagResource answers nothing

    replicated = aws(
        "secretsmanager",
        "replicate-secret-to-regions",
        "--secret-id",
        name,
        "--add-replica-regions",
        "Region=eu-west-1",
    ).json()
    assert replicated["ARN"] == created["ARN"]
    assert [(r["Region"], r["Status"]) for r in replicated["ReplicationStatus"]] == [("eu-west-1", "InProgress")]

    deleted = aws("secretsmanager", "delete-secret", "--secret-id", name, "--recovery-window-in-days", "7").json()
    assert set(deleted) == {"ARN", "Name", "DeletionDate"} and deleted["ARN"] == created["ARN"]
    assert abs(deleted["DeletionDate"] - (time.time() + 7 * 86400)) < 600

    restored = aws("secretsmanager", "restore-secret", "--secret-id", name).json()
    assert restored == {"ARN": created["ARN"], "Name": name}

    sm = boto3_client(served)
    assert sm.get_secret_value(SecretId=name)["SecretString"] == MARKER_PUT
    assert sm.get_secret_value(SecretId=name, VersionStage="AWSPREVIOUS")["SecretString"] == MARKER
    after = sm.describe_secret(SecretId=name)
    assert sorted((t["Key"], t["Value"]) for t in after["Tags"]) == [("env", "dev"), ("team", "core")]
    assert "DeletedDate" not in after and [r["Region"] for r in after["ReplicationStatus"]] == ["eu-west-1"]

    operations = ("CreateSecret", "GetSecretValue", "PutSecretValue", "DescribeSecret", "ListSecrets", "TagResource")
    log = logged(served, *operations, "ReplicateSecretToRegions", "DeleteSecret", "RestoreSecret")
    assert MARKER not in log and MARKER_PUT not in log
    assert served.env["AWS_SECRET_ACCESS_KEY"] not in log


def test_service_errors_end_the_aws_cli_with_the_error_line(served: Served, aws: Any, tmp_path: Path) -> None:
    """A service error: the AWS CLI's exit code for it and its one line naming the code, the operation and the
    server's message (the same code and message boto3 gets for the same request)."""
    sm = boto3_client(served)
    sm.create_secret(Name="awscli/taken", SecretString=MARKER)
    cases: list[tuple[tuple[str, ...], str, Callable[[], object]]] = [
        (
            ("get-secret-value", "--secret-id", "awscli/missing"),
            "GetSecretValue",
            lambda: sm.get_secret_value(SecretId="awscli/missing"),
        ),
        (
            ("create-secret", "--name", "awscli/taken", "--secret-string", value_file(tmp_path, "v.txt", MARKER)),
            "CreateSecret",
            lambda: sm.create_secret(Name="awscli/taken", SecretString=MARKER_PUT),
        ),
    ]
    codes = []
    for args, operation, same_through_boto3 in cases:
        done = aws("secretsmanager", *args)
        with pytest.raises(ClientError) as info:
            same_through_boto3()
        error = info.value.response["Error"]
        assert done.code == SERVICE_ERROR_EXIT and done.out == "", done
        assert done.err.strip().splitlines() == [
            f"An error occurred ({error['Code']}) when calling the {operation} operation: {error['Message']}"
        ]
        found = ERROR_LINE.match(done.err.strip())
        assert found is not None
        codes.append(found.group(1))
    assert codes == ["ResourceNotFoundException", "ResourceExistsException"]
    log = logged(served, "GetSecretValue 400", "CreateSecret 400")
    assert re.search(r" GetSecretValue 400 \S+ \S+ ResourceNotFoundException$", log, re.MULTILINE)
    assert MARKER not in log and MARKER_PUT not in log


def test_sts_and_kms_through_the_aws_cli(served: Served, aws: Any) -> None:
    """`aws sts get-caller-identity` is the store's account; `aws kms list-keys` lists the store's keys and
    `aws kms describe-key` describes one by id and by its ARN."""
    boto3_client(served).create_secret(Name="awscli/for-kms", SecretString=MARKER)  # the store's default key exists
    who = aws("sts", "get-caller-identity").json()
    assert set(who) == {"UserId", "Account", "Arn"}
    assert re.fullmatch(r"\d{12}", who["Account"]) and who["Arn"] == f"arn:aws:iam::{who['Account']}:user/smtui-local"

    keys = aws("kms", "list-keys").json()["Keys"]
    assert keys and all(set(key) == {"KeyId", "KeyArn"} for key in keys)
    key = keys[0]
    assert key["KeyArn"] == f"arn:aws:kms:us-east-1:{who['Account']}:key/{key['KeyId']}"
    for key_id in (key["KeyId"], key["KeyArn"]):
        meta = aws("kms", "describe-key", "--key-id", key_id).json()["KeyMetadata"]
        assert (meta["KeyId"], meta["Arn"], meta["AWSAccountId"]) == (key["KeyId"], key["KeyArn"], who["Account"])
        assert meta["KeyState"] == "Enabled" and isinstance(meta["CreationDate"], float)
    missing = aws("kms", "describe-key", "--key-id", "alias/awscli-no-such-alias")
    assert missing.code == SERVICE_ERROR_EXIT
    assert ERROR_LINE.match(missing.err.strip()) is not None and "(NotFoundException)" in missing.err
    logged(served, "GetCallerIdentity", "ListKeys", "DescribeKey", "DescribeKey", "DescribeKey 400")


def test_aws_cli_in_the_shell_that_evaluated_print_env(served: Served, tmp_path: Path) -> None:
    """The README's way: `eval "$(smtui serve --print-env)"` in a shell with no AWS settings, then plain `aws`
    commands (no --endpoint-url) reach the server for Secrets Manager, STS and KMS."""
    source = value_file(tmp_path, "value.txt", MARKER)
    script = f"""
test -n "$AWS_ENDPOINT_URL_SECRETS_MANAGER" && test -n "$AWS_SECRET_ACCESS_KEY"
{AWS} secretsmanager create-secret --name awscli/evaluated --secret-string {source} --query ARN --output text
{AWS} secretsmanager get-secret-value --secret-id awscli/evaluated --query SecretString --output text
{AWS} sts get-caller-identity --query Account --output text
{AWS} kms list-keys --query 'length(Keys)'
"""
    done = after_print_env(served, script)
    assert done.returncode == 0, done.stderr
    arn, value, account, key_count = done.stdout.splitlines()
    found = ARN.match(arn)
    assert found is not None and found.group(1) == account and found.group(2) == "awscli/evaluated"
    assert value == MARKER and int(key_count) >= 1
    assert boto3_client(served).describe_secret(SecretId="awscli/evaluated")["ARN"] == arn
    log = logged(served, "CreateSecret", "GetSecretValue", "GetCallerIdentity", "ListKeys")
    assert MARKER not in log
