"""tag-resource, untag-resource, the replication commands, get-random-password, batch-get-secret-value and the
resource-policy commands, as real `smtui` processes on the local store (docs/cli.md)."""

from __future__ import annotations

import json
import os
import stat
import string
from pathlib import Path

import pytest

from tests.cli.conftest import run, seed
from tests.local.after_create_cases import POLICY_ACCOUNT, POLICY_PUBLIC
from tests.waiting import wait_for

PUBLIC = json.loads(POLICY_PUBLIC)
PRIVATE = json.loads(POLICY_ACCOUNT)


def test_tag_and_untag_resource(local: list[str]) -> None:
    seed(local, ["t/one"])
    tag = ["tag-resource", *local, "--secret-id", "t/one"]
    short = run([*tag, "--tags", "Key=env,Value=dev", "Key=team,Value=core"])
    assert short.code == 0 and short.out == "", short.err  # an empty response prints nothing, as the AWS CLI
    as_json = run([*tag, "--tags", '[{"Key": "env", "Value": "prod"}, {"Key": "cost", "Value": ""}]'])
    assert as_json.code == 0, as_json.err
    tags = run(["describe-secret", *local, "--secret-id", "t/one", "--query", "Tags"]).json()
    assert {t["Key"]: t["Value"] for t in tags} == {"env": "prod", "team": "core", "cost": ""}

    untag = run(["untag-resource", *local, "--secret-id", "t/one", "--tag-keys", "env", "team", "cost"])
    assert untag.code == 0 and untag.out == "", untag.err
    assert run(["describe-secret", *local, "--secret-id", "t/one"]).json()["Tags"] == []

    reserved = run([*tag, "--tags", "Key=aws:x,Value=v"])
    assert reserved.code == 252 and "Tags[0].Key" in reserved.err, reserved.err
    no_tags = run(tag)
    assert no_tags.code == 252 and "--tags" in no_tags.err
    bad_shape = run([*tag, "--tags", "Key=a,Colour=b"])
    assert bad_shape.code == 252 and "Colour" in bad_shape.err
    no_keys = run(["untag-resource", *local, "--secret-id", "t/one"])
    assert no_keys.code == 252 and "--tag-keys" in no_keys.err
    missing = run(["tag-resource", *local, "--secret-id", "t/none", "--tags", "Key=a,Value=b"])
    assert missing.code == 254 and "ResourceNotFoundException" in missing.err
    assert "when calling the TagResource operation" in missing.err

    assert run(["delete-secret", *local, "--secret-id", "t/one", "--recovery-window-in-days", "7"]).code == 0
    scheduled = run([*tag, "--tags", "Key=a,Value=b"])
    assert scheduled.code == 254 and "marked for deletion" in scheduled.err


def _settled(local: list[str], name: str, region: str, budget: float = 30) -> dict[str, object]:
    """Wait (within a time budget) until the replica in `region` is no longer InProgress."""

    def settled() -> dict[str, object]:  # {} (false): still InProgress
        status = run(["describe-secret", *local, "--secret-id", name]).json().get("ReplicationStatus", [])
        entry = next((s for s in status if s["Region"] == region), None)
        assert entry is not None, status
        return dict(entry) if entry["Status"] != "InProgress" else {}

    return wait_for(settled, f"the replica in {region} to settle", budget=budget)


def test_replication_after_create(local: list[str]) -> None:
    seed(local, ["r/one"])
    us = [*local, "--region", "us-east-1"]
    added = run(
        [
            "replicate-secret-to-regions",
            *us,
            "--secret-id",
            "r/one",
            "--add-replica-regions",
            "Region=eu-west-1",
            "--no-force-overwrite-replica-secret",
        ]
    )
    assert added.code == 0, added.err
    assert added.json()["ReplicationStatus"][0]["Region"] == "eu-west-1"
    assert added.json()["ARN"].split(":")[3] == "us-east-1"
    assert _settled(us, "r/one", "eu-west-1")["Status"] == "InSync"
    json_form = run(
        [
            "replicate-secret-to-regions",
            *us,
            "--secret-id",
            "r/one",
            "--add-replica-regions",
            '[{"Region": "eu-central-1"}]',
            "--force-overwrite-replica-secret",
        ]
    )
    assert json_form.code == 0, json_form.err
    _settled(us, "r/one", "eu-central-1")

    removed = run(
        ["remove-regions-from-replication", *us, "--secret-id", "r/one", "--remove-replica-regions", "eu-central-1"]
    )
    assert removed.code == 0, removed.err
    assert [s["Region"] for s in removed.json()["ReplicationStatus"]] == ["eu-west-1"]

    replica_arn = added.json()["ARN"].replace(":us-east-1:", ":eu-west-1:")
    stopped = run(["stop-replication-to-replica", *local, "--region", "eu-west-1", "--secret-id", replica_arn])
    assert stopped.code == 0, stopped.err
    assert stopped.json() == {"ARN": replica_arn}
    assert "ReplicationStatus" not in run(["describe-secret", *us, "--secret-id", "r/one"]).json() or not run(
        ["describe-secret", *us, "--secret-id", "r/one"]
    ).json().get("ReplicationStatus")

    bad = run(["replicate-secret-to-regions", *us, "--secret-id", "r/one", "--add-replica-regions", "Region=Mars"])
    assert bad.code == 252 and "AddReplicaRegions[0].Region" in bad.err, bad.err
    empty = run(["replicate-secret-to-regions", *us, "--secret-id", "r/one", "--add-replica-regions", "[]"])
    assert empty.code == 252 and "AddReplicaRegions" in empty.err
    none = run(["remove-regions-from-replication", *us, "--secret-id", "r/one"])
    assert none.code == 252 and "--remove-replica-regions" in none.err
    missing = run(["stop-replication-to-replica", *us, "--secret-id", "r/none"])
    assert missing.code == 254, missing.err


@pytest.mark.slow  # a sibling in the fast suite covers the same path
def test_get_random_password(local: list[str], tmp_path: Path) -> None:
    plain = run(["get-random-password", *local])
    assert plain.code == 0, plain.err
    password = plain.json()["RandomPassword"]
    assert len(password) == 32
    assert "terminal" not in plain.err  # stdout is a pipe here: no warning
    shaped = run(
        [
            "get-random-password",
            *local,
            "--password-length",
            "12",
            "--exclude-punctuation",
            "--exclude-characters",
            "abc",
            "--output",
            "text",
        ]
    )
    assert shaped.code == 0, shaped.err
    text = shaped.out.rstrip("\n")
    assert len(text) == 12 and set(text) <= set(string.ascii_letters + string.digits) - set("abc")
    spaced = run(["get-random-password", *local, "--include-space", "--no-require-each-included-type"])
    assert spaced.code == 0, spaced.err

    target = tmp_path / "pw"
    to_file = run(["get-random-password", *local, "--output-file", str(target)])
    assert to_file.code == 0, to_file.err
    written = target.read_text()
    assert len(written) == 32 and written not in to_file.both
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert str(target) in to_file.err
    again = run(["get-random-password", *local, "--output-file", str(target)])
    assert again.code == 252 and "exists" in again.err and target.read_text() == written
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "elsewhere")
    through = run(["get-random-password", *local, "--output-file", str(link)])
    assert through.code == 252 and "symbolic link" in through.err
    assert not (tmp_path / "elsewhere").exists()
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o777)  # noqa: S103 - the folder others can write, which smtui must refuse
    open_folder = run(["get-random-password", *local, "--output-file", str(shared / "pw")])
    assert open_folder.code == 252 and "every user" in open_folder.err
    assert not (shared / "pw").exists()

    for argv, field in (
        (["--password-length", "0"], "PasswordLength"),
        (["--password-length", "5000"], "PasswordLength"),
        (["--exclude-characters", "x" * 4097], "ExcludeCharacters"),
        (
            ["--exclude-numbers", "--exclude-punctuation", "--exclude-uppercase", "--exclude-lowercase"],
            "ExcludeCharacters",
        ),
        (["--password-length", "2"], "PasswordLength"),
    ):
        r = run(["get-random-password", *local, *argv])
        assert r.code == 252 and field in r.err, (argv, r.err)


def test_get_random_password_warns_on_a_terminal(local: list[str]) -> None:
    from tests.cli.test_cli_prompt import PtyProcess

    p = PtyProcess(["get-random-password", *local, "--output", "text"])
    assert p.finish() == 0, p.seen
    assert b"warning" in p.seen and b"terminal" in p.seen


@pytest.mark.slow  # a sibling in the fast suite covers the same path
def test_batch_get_secret_value(local: list[str]) -> None:
    seed(local, ["b/one", "b/two", "c/three"], value="v")
    listed = run(["batch-get-secret-value", *local, "--secret-id-list", "b/one", "b/two", "b/none"])
    assert listed.code == 0, listed.err
    out = listed.json()
    assert sorted(v["Name"] for v in out["SecretValues"]) == ["b/one", "b/two"]
    assert all(v["SecretString"] == "v" for v in out["SecretValues"])
    assert [(e["SecretId"], e["ErrorCode"]) for e in out["Errors"]] == [("b/none", "ResourceNotFoundException")]

    filtered = run(["batch-get-secret-value", *local, "--filters", "Key=name,Values=b/"])
    assert filtered.code == 0, filtered.err
    assert sorted(v["Name"] for v in filtered.json()["SecretValues"]) == ["b/one", "b/two"]
    assert filtered.json()["Errors"] == []
    page = run(["batch-get-secret-value", *local, "--filters", "Key=name,Values=b/", "--max-results", "1"])
    assert page.code == 0 and len(page.json()["SecretValues"]) == 1 and page.json()["NextToken"], page.err
    rest = run(
        [
            "batch-get-secret-value",
            *local,
            "--filters",
            "Key=name,Values=b/",
            "--max-results",
            "1",
            "--next-token",
            page.json()["NextToken"],
        ]
    )
    names = {v["Name"] for v in page.json()["SecretValues"] + rest.json()["SecretValues"]}
    assert names == {"b/one", "b/two"}

    for argv, field in (
        (["--secret-id-list", "b/one", "--filters", "Key=name,Values=b"], "SecretIdList"),
        ([], "SecretIdList"),
        (["--secret-id-list", "b/one", "--max-results", "1"], "MaxResults"),
        (["--secret-id-list", *[f"x{i}" for i in range(21)]], "SecretIdList"),
        (["--filters", "Key=colour,Values=b"], "Filters"),
    ):
        r = run(["batch-get-secret-value", *local, *argv])
        assert r.code == 252 and field in r.err, (argv, r.err)


def test_resource_policies(local: list[str], tmp_path: Path) -> None:
    seed(local, ["p/one"])
    policy = tmp_path / "policy.json"
    policy.write_text(json.dumps(PRIVATE))
    put = run(["put-resource-policy", *local, "--secret-id", "p/one", "--resource-policy", f"file://{policy}"])
    assert put.code == 0, put.err
    assert set(put.json()) == {"ARN", "Name"}
    got = run(["get-resource-policy", *local, "--secret-id", "p/one"])
    assert got.code == 0 and json.loads(got.json()["ResourcePolicy"]) == PRIVATE

    public = json.dumps(PUBLIC)
    blocked = run(
        ["put-resource-policy", *local, "--secret-id", "p/one", "--resource-policy", public, "--block-public-policy"]
    )
    assert blocked.code == 254 and "PublicPolicyException" in blocked.err, blocked.err
    allowed = run(
        ["put-resource-policy", *local, "--secret-id", "p/one", "--resource-policy", public, "--no-block-public-policy"]
    )
    assert allowed.code == 0, allowed.err

    valid = run(["validate-resource-policy", *local, "--resource-policy", f"file://{policy}"])
    assert valid.code == 0 and valid.json()["PolicyValidationPassed"] is True, valid.err
    assert valid.json()["ValidationErrors"] == []
    with_id = run(["validate-resource-policy", *local, "--secret-id", "p/one", "--resource-policy", public])
    assert with_id.code == 0, with_id.err
    malformed = run(
        ["put-resource-policy", *local, "--secret-id", "p/one", "--resource-policy", '{"Version": "2019-10-19"}']
    )
    assert malformed.code == 254 and "MalformedPolicyDocumentException" in malformed.err

    deleted = run(["delete-resource-policy", *local, "--secret-id", "p/one"])
    assert deleted.code == 0 and set(deleted.json()) == {"ARN", "Name"}, deleted.err
    assert "ResourcePolicy" not in run(["get-resource-policy", *local, "--secret-id", "p/one"]).json()

    no_policy = run(["put-resource-policy", *local, "--secret-id", "p/one"])
    assert no_policy.code == 252 and "--resource-policy" in no_policy.err
    too_long = run(["put-resource-policy", *local, "--secret-id", "p/one", "--resource-policy", "x" * 20481])
    assert too_long.code == 252 and "ResourcePolicy" in too_long.err
    missing_file = run(["validate-resource-policy", *local, "--resource-policy", f"file://{tmp_path / 'none'}"])
    assert missing_file.code == 252 and "--resource-policy" in missing_file.err
    not_found = run(["get-resource-policy", *local, "--secret-id", "p/none"])
    assert not_found.code == 254 and "ResourceNotFoundException" in not_found.err


@pytest.mark.slow  # a sibling in the fast suite covers the same path
def test_help_lists_the_lifecycle_commands() -> None:
    from tests.cli.test_cli_lifecycle_skeletons import COMMANDS

    listed = run(["help"])
    assert listed.code == 0, listed.err
    for command in COMMANDS:
        assert command in listed.out, command
        one = run([command, "help"])
        assert one.code == 0 and "--" in one.out, (command, one.err)


def test_every_command_on_a_missing_secret_is_254(local: list[str], tmp_path: Path) -> None:
    """The service's ResourceNotFoundException, exit 254, named with the command's operation."""
    seed(local, ["n/exists"])  # a store that exists, without the secret asked for
    value = tmp_path / "v"
    value.write_text("v")
    missing = ["--secret-id", "n/missing"]
    for command, operation, extra in (
        ("put-secret-value", "PutSecretValue", ["--secret-string", f"file://{value}"]),
        ("update-secret", "UpdateSecret", ["--description", "d"]),
        ("update-secret-version-stage", "UpdateSecretVersionStage", ["--version-stage", "s"]),
        ("list-secret-version-ids", "ListSecretVersionIds", []),
        ("tag-resource", "TagResource", ["--tags", "Key=k,Value=v"]),
        ("untag-resource", "UntagResource", ["--tag-keys", "k"]),
        ("replicate-secret-to-regions", "ReplicateSecretToRegions", ["--add-replica-regions", "Region=eu-west-1"]),
        ("remove-regions-from-replication", "RemoveRegionsFromReplication", ["--remove-replica-regions", "eu-west-1"]),
        ("get-resource-policy", "GetResourcePolicy", []),
        ("put-resource-policy", "PutResourcePolicy", ["--resource-policy", POLICY_ACCOUNT]),
        ("delete-resource-policy", "DeleteResourcePolicy", []),
    ):
        r = run([command, *local, "--region", "us-east-1", *missing, *extra])
        assert r.code == 254, (command, r.err)
        assert f"An error occurred (ResourceNotFoundException) when calling the {operation} operation" in r.err, r.err


def test_bad_version_ids_and_stages_are_refused_before_sending(local: list[str]) -> None:
    stage = ["update-secret-version-stage", *local, "--secret-id", "x", "--version-stage"]
    for argv, field in (
        ([*stage, "AWSCURRENT", "--move-to-version-id", "short"], "MoveToVersionId"),
        ([*stage, "AWSCURRENT", "--remove-from-version-id", "r" * 65], "RemoveFromVersionId"),
        ([*stage, "s" * 257], "VersionStage"),
        (["get-secret-value", *local, "--secret-id", "x", "--version-id", "short"], "VersionId"),
        (["list-secret-version-ids", *local, "--secret-id", "x", "--max-results", "101"], "MaxResults"),
    ):
        r = run(argv)
        assert r.code == 252 and field in r.err, (argv, r.err)
