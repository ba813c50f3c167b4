"""put-secret-value, update-secret, update-secret-version-stage, list-secret-version-ids and get-secret-value's
--version-id/--version-stage, as real `smtui` processes on the local store (docs/cli.md, docs/aws-behaviour.md)."""

from __future__ import annotations

import json
import os
import signal
import termios
from pathlib import Path

import pytest

from tests.cli.conftest import LITERAL, MARKER, Result, run, seed
from tests.cli.test_cli_prompt import PtyProcess

T1, T2, T3, T4 = ("1" * 32, "2" * 32, "3" * 32, "4" * 32)
NEWLINE_NOTE = "smtui: removed one trailing newline from standard input"


def _value(r: Result, local: list[str], *extra: str) -> str:
    got = run(["get-secret-value", *local, "--secret-id", "v/one", *extra])
    assert got.code == 0, got.err
    value = got.json()["SecretString"]
    assert isinstance(value, str)
    return value


def test_put_secret_value_moves_the_stages_as_the_service(local: list[str], tmp_path: Path) -> None:
    seed(local, ["v/one"], value="first")
    src = tmp_path / "v2"
    src.write_text(MARKER)
    put = ["put-secret-value", *local, "--secret-id", "v/one"]
    made = run([*put, "--secret-string", f"file://{src}", "--client-request-token", T1])
    assert made.code == 0, made.err
    out = made.json()
    assert out["VersionId"] == T1 and out["VersionStages"] == ["AWSCURRENT"] and out["Name"] == "v/one"
    assert set(out) == {"ARN", "Name", "VersionId", "VersionStages"}
    assert MARKER not in made.both
    assert _value(made, local) == MARKER
    assert _value(made, local, "--version-stage", "AWSPREVIOUS") == "first"

    piped = run([*put, "--secret-string", "-", "--client-request-token", T2], stdin=b"third\n")
    assert piped.code == 0, piped.err
    assert piped.err.count(NEWLINE_NOTE) == 1
    assert _value(piped, local) == "third"
    assert _value(piped, local, "--version-stage", "AWSPREVIOUS") == MARKER

    raw = tmp_path / "raw.bin"
    raw.write_bytes(b"\x00\xffpending")
    pending = run(
        [*put, "--secret-binary", f"fileb://{raw}", "--version-stages", "AWSPENDING", "--client-request-token", T3]
    )
    assert pending.code == 0, pending.err
    assert pending.json()["VersionStages"] == ["AWSPENDING"]
    assert _value(pending, local) == "third"  # AWSCURRENT did not move
    binary = run(["get-secret-value", *local, "--secret-id", "v/one", "--version-id", T3, "--query", "SecretBinary"])
    assert binary.code == 0 and binary.json() == "AP9wZW5kaW5n"

    # idempotency by token: the same value is the same answer, another value the service's refusal
    again = run([*put, "--secret-string", "-", "--client-request-token", T2], stdin=b"third\n")
    assert again.code == 0 and again.json()["VersionId"] == T2, again.err
    other = run([*put, "--secret-string", "-", "--client-request-token", T2], stdin=b"other")
    assert other.code == 254 and "ResourceExistsException" in other.err
    assert "when calling the PutSecretValue operation" in other.err

    # a token made by smtui (uuid4, as the AWS CLI fills it) when none is given
    auto = run([*put, "--secret-string", f"file://{src}"])
    assert auto.code == 0, auto.err
    assert len(auto.json()["VersionId"]) == 36 and auto.json()["VersionId"].count("-") == 4


def test_put_secret_value_refuses_bad_input(local: list[str], tmp_path: Path) -> None:
    seed(local, ["v/bad"])
    put = ["put-secret-value", *local, "--secret-id", "v/bad"]
    literal = run([*put, "--secret-string", LITERAL])
    assert literal.code == 252 and "does not take the secret value itself" in literal.err
    assert LITERAL not in literal.both
    literal_eq = run([*put, f"--secret-binary={LITERAL}"])
    assert literal_eq.code == 252 and LITERAL not in literal_eq.both

    short = run([*put, "--secret-string", "-", "--client-request-token", "short"], stdin=MARKER.encode())
    assert short.code == 252 and "ClientRequestToken" in short.err and "32" in short.err, short.err
    assert MARKER not in short.both

    none = run(put)  # no value, standard input not a terminal: nothing to put
    assert none.code == 252 and "SecretString" in none.err, none.err

    src = tmp_path / "v"
    src.write_text(MARKER)
    both = run([*put, "--secret-string", f"file://{src}", "--secret-binary", f"fileb://{src}"])
    assert both.code == 252 and "both given" in both.err and MARKER not in both.both

    empty_stage = run([*put, "--secret-string", f"file://{src}", "--version-stages", ""])
    assert empty_stage.code == 252 and "VersionStages" in empty_stage.err, empty_stage.err

    missing = run(["put-secret-value", *local, "--secret-string", f"file://{src}"])
    assert missing.code == 252 and "--secret-id" in missing.err

    unknown = run(["put-secret-value", *local, "--secret-id", "v/nope", "--secret-string", f"file://{src}"])
    assert unknown.code == 254 and "ResourceNotFoundException" in unknown.err, unknown.err
    assert MARKER not in unknown.both

    inline = run([*put, "--cli-input-json", '{"SecretString": "x"}'])
    assert inline.code == 252 and "inline" in inline.err


def test_put_secret_value_takes_a_request_document(local: list[str], tmp_path: Path) -> None:
    seed(local, ["v/doc"])
    value = tmp_path / "v"
    value.write_text(MARKER)
    doc = tmp_path / "put.json"
    doc.write_text(json.dumps({"SecretId": "v/doc", "ClientRequestToken": T1, "VersionStages": ["AWSCURRENT", "mine"]}))
    made = run(["put-secret-value", *local, "--cli-input-json", f"file://{doc}", "--secret-string", f"file://{value}"])
    assert made.code == 0, made.err
    assert made.json()["VersionId"] == T1 and sorted(made.json()["VersionStages"]) == ["AWSCURRENT", "mine"]
    with_value = tmp_path / "with-value.json"
    with_value.write_text('{"SecretId": "v/doc", "SecretString": "from-the-document"}')
    from_doc = run(["put-secret-value", *local, "--cli-input-yaml", f"file://{with_value}"])
    assert from_doc.code == 0, from_doc.err
    assert "keep that file private" in from_doc.err
    rotation = tmp_path / "rot.json"
    rotation.write_text('{"SecretId": "v/doc", "RotationToken": "abc-123-abc-123-abc-123-abc-123-abc-1"}')
    refused = run(["put-secret-value", *local, "--cli-input-json", f"file://{rotation}"])
    assert refused.code == 252 and "RotationToken" in refused.err


@pytest.mark.parametrize("command", [["put-secret-value"], ["update-secret", "--secret-string", "-"]])
def test_ctrl_c_at_the_prompt_exits_130(local: list[str], command: list[str]) -> None:
    seed(local, ["v/pty"])
    p = PtyProcess([*command, *local, "--secret-id", "v/pty"])
    p.wait_for(b"input hidden")
    p.type(MARKER[:5])
    os.killpg(p.proc.pid, signal.SIGINT)
    assert p.finish() == 130
    assert p.lflags_after & termios.ECHO
    assert MARKER[:5].encode() not in p.seen


def test_update_secret(local: list[str], tmp_path: Path) -> None:
    seed(local, ["v/upd"], value="first")
    upd = ["update-secret", *local, "--secret-id", "v/upd"]
    described = run([*upd, "--description", "the new words"])
    assert described.code == 0, described.err
    assert set(described.json()) == {"ARN", "Name"}
    shown = run(["describe-secret", *local, "--secret-id", "v/upd", "--query", "Description", "--output", "text"])
    assert shown.out == "the new words\n"

    src = tmp_path / "v"
    src.write_text(MARKER + "\n")
    valued = run([*upd, "--secret-string", f"file://{src}", "--client-request-token", T4])
    assert valued.code == 0, valued.err
    assert valued.json()["VersionId"] == T4 and MARKER not in valued.both
    assert "ends with a line break" in valued.err  # the hygiene notes of create
    got = run(["get-secret-value", *local, "--secret-id", "v/upd", "--query", "SecretString"])
    assert got.json() == MARKER + "\n"
    previous = run(["get-secret-value", *local, "--secret-id", "v/upd", "--version-stage", "AWSPREVIOUS"])
    assert previous.json()["SecretString"] == "first"

    piped = run([*upd, "--secret-string", "-"], stdin=b"piped\n")
    assert piped.code == 0 and NEWLINE_NOTE in piped.err

    bad_key = run([*upd, "--kms-key-id", "mykey"])
    assert bad_key.code == 252 and "KmsKeyId" in bad_key.err
    long = run([*upd, "--description", "d" * 2049])
    assert long.code == 252 and "Description" in long.err
    literal = run([*upd, "--secret-string", LITERAL])
    assert literal.code == 252 and LITERAL not in literal.both
    missing = run(["update-secret", *local, "--secret-id", "v/none", "--description", "x"])
    assert missing.code == 254 and "ResourceNotFoundException" in missing.err
    assert "when calling the UpdateSecret operation" in missing.err


@pytest.mark.slow  # a sibling in the fast suite covers the same path
def test_update_secret_version_stage_and_list_secret_version_ids(local: list[str], tmp_path: Path) -> None:
    seed(local, ["v/stage"], value="first")
    src = tmp_path / "v"
    src.write_text("second")
    first_id = run(["list-secret-version-ids", *local, "--secret-id", "v/stage"]).json()["Versions"][0]["VersionId"]
    made = run(["put-secret-value", *local, "--secret-id", "v/stage", "--secret-string", f"file://{src}"])
    second_id = made.json()["VersionId"]

    moved = run(
        [
            "update-secret-version-stage",
            *local,
            "--secret-id",
            "v/stage",
            "--version-stage",
            "AWSCURRENT",
            "--move-to-version-id",
            first_id,
            "--remove-from-version-id",
            second_id,
        ]
    )
    assert moved.code == 0, moved.err
    assert set(moved.json()) == {"ARN", "Name"}
    current = run(["get-secret-value", *local, "--secret-id", "v/stage", "--query", "SecretString"])
    assert current.json() == "first"

    label = ["update-secret-version-stage", *local, "--secret-id", "v/stage", "--version-stage", "mine"]
    assert run([*label, "--move-to-version-id", second_id]).code == 0
    assert run([*label, "--remove-from-version-id", second_id]).code == 0
    no_stage = run(["update-secret-version-stage", *local, "--secret-id", "v/stage"])
    assert no_stage.code == 252 and "--version-stage" in no_stage.err

    listed = run(["list-secret-version-ids", *local, "--secret-id", "v/stage"])
    assert listed.code == 0, listed.err
    stages = {v["VersionId"]: v.get("VersionStages") for v in listed.json()["Versions"]}
    assert stages == {first_id: ["AWSCURRENT"], second_id: ["AWSPREVIOUS"]}
    assert set(listed.json()) >= {"ARN", "Name", "Versions"}

    # one page plus NextToken (botocore has no paginator for this operation)
    page = run(["list-secret-version-ids", *local, "--secret-id", "v/stage", "--max-results", "1"])
    assert page.code == 0 and len(page.json()["Versions"]) == 1 and page.json()["NextToken"], page.err
    rest = run(
        [
            "list-secret-version-ids",
            *local,
            "--secret-id",
            "v/stage",
            "--max-results",
            "1",
            "--next-token",
            page.json()["NextToken"],
        ]
    )
    assert rest.code == 0, rest.err
    seen = {v["VersionId"] for v in page.json()["Versions"] + rest.json()["Versions"]}
    assert seen == {first_id, second_id}
    zero = run(["list-secret-version-ids", *local, "--secret-id", "v/stage", "--max-results", "0"])
    assert zero.code == 252 and "MaxResults" in zero.err, zero.err
    assert run(["list-secret-version-ids", *local, "--secret-id", "v/stage", "--max-items", "1"]).code == 252

    # a version without labels is listed only with --include-deprecated, and then without VersionStages
    third = tmp_path / "v3"
    third.write_text("third")
    for _ in range(2):
        assert (
            run(["put-secret-value", *local, "--secret-id", "v/stage", "--secret-string", f"file://{third}"]).code == 0
        )
    hidden = run(["list-secret-version-ids", *local, "--secret-id", "v/stage"]).json()["Versions"]
    assert second_id not in {v["VersionId"] for v in hidden}
    shown = run(["list-secret-version-ids", *local, "--secret-id", "v/stage", "--include-deprecated"]).json()
    deprecated = [v for v in shown["Versions"] if v["VersionId"] == second_id]
    assert len(deprecated) == 1 and "VersionStages" not in deprecated[0]
    not_found = run(["list-secret-version-ids", *local, "--secret-id", "v/none"])
    assert not_found.code == 254 and "ResourceNotFoundException" in not_found.err


def test_get_secret_value_by_version(local: list[str], tmp_path: Path) -> None:
    seed(local, ["v/get"], value="first")
    get = ["get-secret-value", *local, "--secret-id", "v/get"]
    current = run(get).json()
    by_id = run([*get, "--version-id", current["VersionId"]])
    assert by_id.code == 0 and by_id.json()["SecretString"] == "first"
    both = run([*get, "--version-id", current["VersionId"], "--version-stage", "AWSCURRENT"])
    assert both.code == 0, both.err
    unknown = run([*get, "--version-id", "9" * 32])
    assert unknown.code == 254
    assert f"can't find the specified secret value for VersionId: {'9' * 32}" in unknown.err
    stage = run([*get, "--version-stage", "AWSPENDING"])
    assert stage.code == 254 and "for staging label: AWSPENDING" in stage.err
    mismatch = run([*get, "--version-id", current["VersionId"], "--version-stage", "AWSPREVIOUS"])
    assert mismatch.code == 254 and "InvalidRequestException" in mismatch.err
