"""AWS-CLI parity details, run in-process (`smtui.cli.main`) where the behaviour does not need a process."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.cli.conftest import MARKER, Result, aws
from tests.conftest import MotoServer

Inproc = Callable[..., Result]


def test_both_values_are_refused_whatever_their_source(inproc: Inproc, local: list[str], tmp_path: Path) -> None:
    """docs/aws-behaviour.md §2.4: never both values. A document with both, or a document's value plus the other
    member's flag, reaches the model's rule (exit 252) instead of one being silently dropped."""
    both = tmp_path / "both.json"
    both.write_text(f'{{"Name": "b", "SecretString": "{MARKER}", "SecretBinary": "AAAA"}}')
    binary_doc = tmp_path / "bin.json"
    binary_doc.write_text('{"Name": "b", "SecretBinary": "AAAA"}')
    string_doc = tmp_path / "str.json"
    string_doc.write_text(f'{{"Name": "b", "SecretString": "{MARKER}"}}')
    value = tmp_path / "v"
    value.write_text(MARKER)
    for argv in (
        ["--cli-input-json", f"file://{both}"],
        ["--cli-input-json", f"file://{binary_doc}", "--secret-string", f"file://{value}"],
        ["--cli-input-json", f"file://{binary_doc}", "--secret-string", "-"],
        ["--cli-input-json", f"file://{string_doc}", "--secret-binary", f"fileb://{value}"],
    ):
        r = inproc(["create-secret", *local, *argv], stdin=MARKER.encode())
        assert r.code == 252, (argv, r.err)
        assert "SecretString and SecretBinary were both given" in r.err, argv
        assert MARKER not in r.both
    assert inproc(["describe-secret", *local, "--secret-id", "b"]).code == 254  # nothing was created
    # a flag still replaces the document's member of the same name
    ok = inproc(
        ["create-secret", *local, "--cli-input-json", f"file://{string_doc}", "--secret-string", "-"], stdin=b"other"
    )
    assert ok.code == 0, ok.err
    got = inproc(["get-secret-value", *local, "--secret-id", "b", "--query", "SecretString", "--output", "text"])
    assert got.out == "other\n"
    # a document's SecretString that is not text is the model's to name (it was an AttributeError, exit 255)
    number = tmp_path / "n.json"
    number.write_text('{"Name": "n", "SecretString": 5}')
    r = inproc(["create-secret", *local, "--cli-input-json", f"file://{number}"])
    assert r.code == 252 and "SecretString must be text" in r.err, r.err


def test_an_empty_replica_list_is_refused(inproc: Inproc, local: list[str], tmp_path: Path) -> None:
    """As the AWS CLI (AddReplicaRegions: minimum 1): an empty list given is an error, not "no replicas"."""
    doc = tmp_path / "d.json"
    doc.write_text('{"Name": "r", "AddReplicaRegions": []}')
    for argv in (["--name", "r", "--add-replica-regions", "[]"], ["--cli-input-json", f"file://{doc}"]):
        r = inproc(["create-secret", *local, *argv])
        assert r.code == 252, r.err
        assert r.err.startswith("smtui: error: AddReplicaRegions must list at least one region"), r.err
    # reported with the request's other problems, each once
    r = inproc(["create-secret", *local, "--name", "bad name", "--add-replica-regions", "[]"])
    assert r.code == 252 and "AddReplicaRegions must" in r.err and "Name may contain only" in r.err, r.err
    assert inproc(["describe-secret", *local, "--secret-id", "r"]).code == 254  # nothing was created
    assert inproc(["create-secret", *local, "--name", "t", "--tags", "[]"]).code == 0  # Tags has no minimum


def test_a_replica_in_another_partition_is_warned_about(inproc: Inproc, local: list[str], tmp_path: Path) -> None:
    """The model's partition warning needs the secret's region: said once, before anything is sent."""
    value = tmp_path / "v"
    value.write_text("v")
    r = inproc(
        [
            "create-secret",
            *local,
            "--region",
            "us-east-1",
            "--name",
            "w",
            "--secret-string",
            f"file://{value}",
            "--add-replica-regions",
            "Region=cn-north-1",
            "Region=eu-west-1",
        ]
    )
    assert r.code == 0, r.err
    warning = (
        "smtui: warning: AddReplicaRegions[0].Region cn-north-1 is in the aws-cn partition, but the secret "
        "is in us-east-1 (aws)"
    )
    assert r.err.count(warning) == 1, r.err
    assert "AddReplicaRegions[1]" not in r.err


def _names(r: Result) -> list[str]:
    assert r.code == 0, r.err
    return [s["Name"] for s in r.json()["SecretList"]]


def test_list_secrets_paginates_as_the_aws_cli(inproc: Inproc, local: list[str]) -> None:
    """--max-items/--starting-token/--page-size as botocore's paginator; --max-results/--next-token turn
    pagination off (one call, the service's NextToken), as awscli's check_should_enable_pagination does."""
    import base64
    import json

    from tests.cli.conftest import seed

    seed(local, [f"p/{i}" for i in range(5)])
    ls = ["list-secrets", *local, "--sort-order", "asc"]
    every = _names(inproc(ls))
    assert sorted(every) == [f"p/{i}" for i in range(5)]

    def token(r: Result) -> tuple[str, dict[str, object]]:
        text = r.json()["NextToken"]
        return text, json.loads(base64.b64decode(text))

    # cut mid-page (the store's default page holds all five): resume by skipping what was printed
    first = inproc([*ls, "--max-items", "2"])
    assert _names(first) == every[:2]
    t1, decoded = token(first)
    assert decoded == {"NextToken": None, "boto_truncate_amount": 2}
    second = inproc([*ls, "--max-items", "2", "--starting-token", t1])
    assert _names(second) == every[2:4]
    last = inproc([*ls, "--starting-token", token(second)[0]])
    assert _names(last) == every[4:] and "NextToken" not in last.json()
    # on a page boundary the token is the service's; cut inside a later page it carries both
    at_boundary = inproc([*ls, "--page-size", "2", "--max-items", "2"])
    assert _names(at_boundary) == every[:2] and set(token(at_boundary)[1]) == {"NextToken"}
    inside = inproc([*ls, "--page-size", "2", "--max-items", "3"])
    assert _names(inside) == every[:3] and token(inside)[1]["boto_truncate_amount"] == 1
    assert _names(inproc([*ls, "--page-size", "2", "--starting-token", token(inside)[0]])) == every[3:]

    # the service's own paging members: one call, its raw NextToken, no resume token
    one = inproc([*ls, "--max-results", "2"])
    assert _names(one) == every[:2] and one.json()["NextToken"]
    service_token = one.json()["NextToken"]
    assert _names(inproc([*ls, "--next-token", service_token, "--max-results", "2"])) == every[2:4]
    for argv in (
        ["--max-results", "1", "--max-items", "1"],
        ["--no-paginate", "--starting-token", t1],
        ["--next-token", service_token, "--page-size", "1"],
    ):
        r = inproc([*ls, *argv])
        assert r.code == 252 and "Cannot specify --no-paginate along with pagination arguments: --" in r.err, r.err
    bad = inproc([*ls, "--starting-token", "not-a-token"])
    assert bad.code == 252 and "--starting-token" in bad.err
    zero = inproc([*ls, "--max-items", "0"])
    assert zero.code == 0 and "Non-positive values for --max-items" in zero.err and zero.json()["SecretList"] == []


def test_pagination_tokens_work_across_smtui_and_the_aws_cli(inproc: Inproc, moto_env: MotoServer) -> None:
    """On one moto server: the AWS CLI resumes from smtui's --max-items NextToken and smtui from the AWS
    CLI's (the same botocore token encoding); --max-results alone gives one page and the service's token."""
    import boto3

    client = boto3.client("secretsmanager", endpoint_url=moto_env.url, region_name="us-east-1")
    names = {f"x/{i}" for i in range(3)}
    for name in sorted(names):
        client.create_secret(Name=name)
    endpoint = ["--endpoint-url", moto_env.url]
    ours = inproc(["list-secrets", "--backend", "aws", *endpoint, "--max-items", "1"])
    theirs = aws(
        [
            "secretsmanager",
            "list-secrets",
            *endpoint,
            "--starting-token",
            ours.json()["NextToken"],
            "--query",
            "SecretList[].Name",
        ]
    )
    assert theirs.code == 0, theirs.err
    assert {*_names(ours), *theirs.json()} == names and len(theirs.json()) == 2
    theirs = aws(["secretsmanager", "list-secrets", *endpoint, "--max-items", "2"])
    assert theirs.code == 0, theirs.err
    ours = inproc(["list-secrets", "--backend", "aws", *endpoint, "--starting-token", theirs.json()["NextToken"]])
    assert {*_names(ours), *(s["Name"] for s in theirs.json()["SecretList"])} == names and len(_names(ours)) == 1
    # the QA repro: --max-results turns auto-pagination off
    one = inproc(
        [
            "list-secrets",
            "--backend",
            "aws",
            *endpoint,
            "--max-results",
            "1",
            "--query",
            "{N:SecretList[].Name,T:NextToken}",
        ]
    ).json()
    assert len(one["N"]) == 1 and one["T"]


def test_skeleton_output_validates_the_inputs_first(inproc: Inproc) -> None:
    """create-secret.md: "If provided with the value output, it validates the command inputs and returns a
    sample output JSON". The value itself is not read."""
    skel = ["create-secret", "--generate-cli-skeleton", "output"]
    bad = inproc([*skel, "--name", "bad name"])
    assert bad.code == 252 and "Name may contain only" in bad.err and bad.out == ""
    missing = inproc(skel)
    assert missing.code == 252 and "Name is required" in missing.err and missing.out == ""
    good = inproc([*skel, "--name", "ok", "--secret-string", "-"], stdin=MARKER.encode() + b"\n")
    assert good.code == 0 and good.json()["ARN"] == "ARN", good.err
    assert "removed one trailing newline" not in good.err  # standard input was not read
    assert inproc([*skel, "--name", "ok", "--secret-string", "-", "--secret-binary", "-"]).code == 252
    assert inproc(["create-secret", "--generate-cli-skeleton", "--name", "bad name"]).code == 0  # input: as is


COMPANIONS = {
    "describe-secret": "DescribeSecret",
    "get-secret-value": "GetSecretValue",
    "list-secrets": "ListSecrets",
    "delete-secret": "DeleteSecret",
    "restore-secret": "RestoreSecret",
}


def test_companion_skeletons_have_the_aws_cli_keys(inproc: Inproc) -> None:
    """The keys, in order, of botocore's ArgumentGenerator (what `aws ... --generate-cli-skeleton` prints);
    `output` checks the options, then stubs a response."""
    import json

    import botocore.session
    from botocore.utils import ArgumentGenerator

    model = botocore.session.get_session().get_service_model("secretsmanager")
    for command, operation in COMPANIONS.items():
        theirs = ArgumentGenerator().generate_skeleton(model.operation_model(operation).input_shape)
        ours = inproc([command, "--generate-cli-skeleton"])
        assert ours.code == 0, ours.err
        assert list(ours.json()) == list(theirs), command
        as_yaml = inproc([command, "--generate-cli-skeleton", "yaml-input"])
        assert as_yaml.code == 0 and list(yaml_load(as_yaml.out)) == list(ours.json())
        ids = [] if command == "list-secrets" else ["--secret-id", "x"]
        stub = inproc([command, "--generate-cli-skeleton", "output", *ids])
        assert stub.code == 0 and list(stub.json()) == list(
            ArgumentGenerator(use_member_names=True).generate_skeleton(model.operation_model(operation).output_shape)
        ), command
    missing = inproc(["get-secret-value", "--generate-cli-skeleton", "output"])
    assert missing.code == 252 and "the following arguments are required: --secret-id" in missing.err
    assert json.loads(inproc(["describe-secret", "--generate-cli-skeleton"]).out) == {"SecretId": ""}


def yaml_load(text: str) -> Any:
    import yaml

    return yaml.safe_load(text)


def test_companions_take_a_request_document(inproc: Inproc, local: list[str], tmp_path: Path) -> None:
    """--cli-input-json/--cli-input-yaml (inline or file://) fill what the command line does not give."""
    from tests.cli.conftest import seed

    seed(local, ["d/one", "d/two"], value=MARKER)
    described = inproc(["describe-secret", *local, "--cli-input-json", '{"SecretId": "d/one"}'])
    assert described.code == 0 and described.json()["Name"] == "d/one", described.err
    got = inproc(["get-secret-value", *local, "--cli-input-yaml", "SecretId: d/one\nVersionStage: AWSCURRENT\n"])
    assert got.code == 0 and got.json()["SecretString"] == MARKER, got.err
    flag_wins = inproc(["describe-secret", *local, "--cli-input-json", '{"SecretId": "nope"}', "--secret-id", "d/two"])
    assert flag_wins.code == 0 and flag_wins.json()["Name"] == "d/two", flag_wins.err
    doc = tmp_path / "delete.json"
    doc.write_text('{"SecretId": "d/two", "RecoveryWindowInDays": 7}')
    deleted = inproc(["delete-secret", *local, "--cli-input-json", f"file://{doc}"])
    assert deleted.code == 0 and deleted.json()["Name"] == "d/two", deleted.err
    restored = inproc(["restore-secret", *local, "--cli-input-json", '{"SecretId": "d/two"}'])
    assert restored.code == 0, restored.err
    # paging members in a document turn pagination off, as in AWS CLI v2
    page = inproc(["list-secrets", *local, "--cli-input-json", '{"MaxResults": 1, "NextToken": ""}'])
    assert page.code == 0 and len(page.json()["SecretList"]) == 1 and page.json()["NextToken"], page.err
    for argv, says in (
        (["describe-secret", "--cli-input-json", '{"SecretId": "d/one", "Nope": 1}'], "'Nope'"),
        (["describe-secret", "--cli-input-json", "{}"], "required: --secret-id"),
        (
            ["delete-secret", "--cli-input-json", '{"SecretId": "d/one", "RecoveryWindowInDays": "7"}'],
            "RecoveryWindowInDays in the --cli-input-json document must be int",
        ),
        (["describe-secret", "--cli-input-json", "[1]"], "must be an object"),
    ):
        r = inproc([argv[0], *local, *argv[1:]])
        assert r.code == 252 and says in r.err, (argv, r.err)
    assert "d/one" in inproc(["list-secrets", *local, "--cli-input-json", '{"SortBy": ""}']).out  # a placeholder
    by_name = inproc(["list-secrets", *local, "--cli-input-json", '{"SortBy": "name", "SortOrder": "desc"}'])
    assert by_name.code == 0 and [e["Name"] for e in by_name.json()["SecretList"]] == ["d/two", "d/one"], by_name.err
    bad = inproc(["list-secrets", *local, "--cli-input-json", '{"SortBy": "size"}'])
    assert bad.code == 254 and "ValidationException" in bad.err and "'sortBy'" in bad.err, bad.err


def test_list_secrets_sort_by_on_the_local_store(inproc: Inproc, local: list[str]) -> None:
    """`--sort-by` (the AWS CLI's option) reaches the backend, with `--sort-order` and across pages; a value
    outside the service's enum is refused by the parser (252), as --sort-order's are."""
    from tests.cli.conftest import seed

    seed(local, ["s/b", "s/c", "s/a"])
    for order, expected in (("asc", ["s/a", "s/b", "s/c"]), ("desc", ["s/c", "s/b", "s/a"])):
        for paging in ([], ["--page-size", "1"], ["--max-items", "2"]):
            r = inproc(["list-secrets", *local, "--sort-by", "name", "--sort-order", order, *paging])
            assert r.code == 0, r.err
            want = expected[:2] if paging[:1] == ["--max-items"] else expected
            assert [e["Name"] for e in r.json()["SecretList"]] == want, (order, paging)
    for key in ("created-date", "last-accessed-date", "last-changed-date"):
        r = inproc(["list-secrets", *local, "--sort-by", key, "--query", "SecretList[].Name"])
        assert r.code == 0 and sorted(r.json()) == ["s/a", "s/b", "s/c"], (key, r.err)
    bad = inproc(["list-secrets", *local, "--sort-by", "size"])
    assert bad.code == 252 and "--sort-by" in bad.err and "last-accessed-date" in bad.err
