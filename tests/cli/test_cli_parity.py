"""AWS-CLI parity details, run in-process (`smtui.cli.main`) where the behaviour does not need a process."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.cli.conftest import MARKER, Result

Inproc = Callable[..., Result]


def test_both_values_are_refused_whatever_their_source(inproc: Inproc, local: list[str], tmp_path: Path) -> None:
    """semantics.md §2.5: never both values. A document with both, or a document's value plus the other
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
    ok = inproc(["create-secret", *local, "--cli-input-json", f"file://{string_doc}", "--secret-string", "-"],
                stdin=b"other")
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
    r = inproc(["create-secret", *local, "--region", "us-east-1", "--name", "w", "--secret-string",
                f"file://{value}", "--add-replica-regions", "Region=cn-north-1", "Region=eu-west-1"])
    assert r.code == 0, r.err
    warning = ("smtui: warning: AddReplicaRegions[0].Region cn-north-1 is in the aws-cn partition, but the secret "
               "is in us-east-1 (aws)")
    assert r.err.count(warning) == 1, r.err
    assert "AddReplicaRegions[1]" not in r.err
