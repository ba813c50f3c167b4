"""create-secret as a real process on the local store: value sources, the literal refusal, exit codes."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

from smtui.backends import open_backend
from smtui.settings import TargetSettings
from tests.cli.conftest import LITERAL, MARKER, run

ARN_RE = r"^arn:aws:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:app/db-[A-Za-z0-9]{6}$"


def test_done_when_local_round_trip(local: list[str], tmp_path: Path) -> None:
    """The issue's 'done when': stdin + tags → AWS-shaped ARN and VersionId; get-secret-value gives it back;
    exactly one trailing newline from stdin is removed, and smtui says so; the raw files never hold it."""
    made = run(
        ["create-secret", *local, "--name", "app/db", "--secret-string", "-", "--tags", "Key=env,Value=dev"],
        stdin=(MARKER + "\n").encode(),
    )
    assert made.code == 0, made.err
    body = made.json()
    assert re.match(ARN_RE, body["ARN"]) and body["Name"] == "app/db" and body["VersionId"]
    assert "removed one trailing newline from standard input" in made.err
    assert MARKER not in made.both

    got = run(["get-secret-value", *local, "--secret-id", "app/db"])
    assert got.code == 0, got.err
    assert got.json()["SecretString"] == MARKER and got.json()["VersionStages"] == ["AWSCURRENT"]
    described = run(["describe-secret", *local, "--secret-id", body["ARN"], "--query", "Tags"])
    assert described.json() == [{"Key": "env", "Value": "dev"}] and MARKER not in described.both
    for f in (tmp_path / "store").iterdir():
        assert MARKER.encode() not in f.read_bytes(), f


def test_value_sources(local: list[str], tmp_path: Path) -> None:
    """file:// keeps text exactly (newline included), fileb:// and `--secret-binary -` keep every byte,
    `--secret-binary file://` is base64 text by default and raw bytes with raw-in-base64-out."""
    blob = bytes(range(256)) + b"\n"
    text_file = tmp_path / "v.txt"
    text_file.write_text(MARKER + "\n", encoding="utf-8")
    bin_file = tmp_path / "v.bin"
    bin_file.write_bytes(blob)
    b64_file = tmp_path / "v.b64"
    b64_file.write_text(base64.b64encode(blob).decode() + "\n")
    raw_file = tmp_path / "raw.txt"
    raw_file.write_bytes(b"raw-" + MARKER.encode())
    cases = [
        ("s-file", ["--secret-string", f"file://{text_file}"], None, ("SecretString", MARKER + "\n")),
        ("b-fileb", ["--secret-binary", f"fileb://{bin_file}"], None, ("SecretBinary", blob)),
        ("b-stdin", ["--secret-binary", "-"], blob, ("SecretBinary", blob)),
        ("b-b64", ["--secret-binary", f"file://{b64_file}"], None, ("SecretBinary", blob)),
        (
            "b-raw",
            ["--secret-binary", f"file://{raw_file}", "--cli-binary-format", "raw-in-base64-out"],
            None,
            ("SecretBinary", b"raw-" + MARKER.encode()),
        ),
    ]
    for name, opts, stdin, _ in cases:
        made = run(["create-secret", *local, "--name", name, *opts], stdin=stdin)
        assert made.code == 0, (name, made.err)
        assert "removed one trailing newline" not in made.err
    got = run(["get-secret-value", *local, "--secret-id", "b-stdin"]).json()  # binary printed base64
    assert base64.b64decode(got["SecretBinary"]) == blob
    store = open_backend(TargetSettings(backend="local", store=Path(local[3]), key_file=Path(local[5])))
    try:  # read the rest back in-process (cheaper than a process each)
        for name, _, _, (member, expected) in cases:
            value = store.get_secret_value(name).reveal()[member]
            assert value == expected, name
    finally:
        store.close()


def test_literal_values_are_refused_and_never_printed(local: list[str]) -> None:
    """A value typed on the command line: exit 252, the reason and the way out, never the value itself."""
    attempts = [
        ["create-secret", "--name", "x", "--secret-string", LITERAL],
        ["create-secret", *local, "--name", "x", f"--secret-binary={LITERAL}"],
        ["create-secret", *local, "--cli-input-json", json.dumps({"Name": "x", "SecretString": LITERAL})],
        ["--name", "x", "--secret-string", LITERAL],  # the wizard takes no value either
        ["create-secret", *local, "--name", "x", "--secret-string", "-", LITERAL],  # a stray extra argument
    ]
    for argv in attempts:
        r = run(argv)
        assert r.code == 252, (argv, r.err)
        assert LITERAL not in r.both, argv
    first = run(attempts[0])
    assert "shell history" in first.err and "process list" in first.err and "file://" in first.err


def test_exit_codes(local: list[str], tmp_path: Path) -> None:
    """252 naming the rule, 254 with the AWS text and a hint, 253 for an unusable environment."""
    bad = run(["create-secret", *local, "--name", "bad name", "--secret-string", "-"], stdin=b"v")
    assert bad.code == 252 and "smtui: error: Name may contain only" in bad.err and "ASCII" in bad.err
    assert "Name: Name" not in bad.err  # the field is named once
    tags = run(
        [
            "create-secret",
            *local,
            "--name",
            "t",
            "--tags",
            "Key=aws:x,Value=1",
            "Key=k,Value=v",
            "Key=k,Value=w",
        ]
    )
    assert tags.code == 252 and "Tags[0].Key" in tags.err and "Tags[2].Key" in tags.err
    assert "Tags[0].Key: Tags[0].Key" not in tags.err

    assert run(["create-secret", *local, "--name", "dup"]).code == 0
    again = run(["create-secret", *local, "--name", "dup"])
    assert again.code == 254
    assert (
        "An error occurred (ResourceExistsException) when calling the CreateSecret operation: "
        "The operation failed because the secret dup already exists."
    ) in again.err
    assert "\nHint: " in again.err

    # aws with no credentials anywhere (the suite isolates config files): a configuration error
    nocreds = run(["create-secret", "--backend", "aws", "--region", "us-east-1", "--name", "x"])
    assert nocreds.code == 253, nocreds.err
    # a store path that cannot be a database (its parent is a file)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    broken = run(
        [
            "describe-secret",
            "--backend",
            "local",
            "--store",
            str(blocker / "s.db"),
            "--key-file",
            str(tmp_path / "k"),
            "--secret-id",
            "x",
        ]
    )
    assert broken.code == 253, broken.err
    unknown = run(["describe-secret", *local, "--secret-id", "nope"])
    assert unknown.code == 254 and "(ResourceNotFoundException) when calling the DescribeSecret" in unknown.err
    assert run(["create-secret", *local, "--name", "x", "--query", "[["]).code == 252


def test_cli_input_json_round_trip(local: list[str], tmp_path: Path) -> None:
    """A document from a file; flags on the command line win; a value in a *file* document is accepted."""
    doc = {
        "Name": "doc/secret",
        "Description": "from the document",
        "Tags": [{"Key": "team", "Value": "core"}],
        "SecretString": MARKER,
    }
    path = tmp_path / "req.json"
    path.write_text(json.dumps(doc))
    made = run(["create-secret", *local, "--cli-input-json", f"file://{path}", "--description", "from the flag"])
    assert made.code == 0, made.err
    shown = run(["describe-secret", *local, "--secret-id", "doc/secret"]).json()
    assert shown["Description"] == "from the flag" and shown["Tags"] == [{"Key": "team", "Value": "core"}]
    assert run(["get-secret-value", *local, "--secret-id", "doc/secret", "--query", "SecretString"]).json() == MARKER

    yaml_doc = tmp_path / "req.yaml"
    yaml_doc.write_text("Name: doc/yaml\nTags:\n- Key: a\n  Value: b\n")
    made = run(
        ["create-secret", *local, "--cli-input-yaml", f"file://{yaml_doc}", "--secret-string", "-"],
        stdin=MARKER.encode(),
    )
    assert made.code == 0 and made.json()["Name"] == "doc/yaml", made.err


def test_help_and_version() -> None:
    for argv in (
        ["help"],
        ["create-secret", "help"],
        ["kms", "create-key", "-h"],
        ["list-secrets", "--help"],
    ):
        r = run(argv)
        assert r.code == 0 and "usage: smtui" in r.out, argv
    assert "one trailing newline" in " ".join(run(["create-secret", "help"]).out.split())
    assert run(["--version"]).out.startswith("smtui/")
