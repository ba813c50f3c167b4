"""Bad input on the command line: whatever a person (or a script) passes, smtui answers with exit 0 or 252 and,
for 252, a message that names the field and the rule — never a traceback, never "unexpected error" (255).

Hypothesis drives every parser in-process through `smtui.cli.main` (fast: no interpreter start per example)
on a real local store with a key file; a few file cases run as real processes. Valid examples really create
secrets, each under a fresh name.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.safety.conftest import run_smtui

SETTINGS = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
MEMBERS = (
    "Name",
    "ClientRequestToken",
    "Description",
    "KmsKeyId",
    "SecretString",
    "SecretBinary",
    "Tags",
    "AddReplicaRegions",
    "ForceOverwriteReplicaSecret",
    "Type",
)


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Any:
    """Run `smtui create-secret` in-process on a private store; returns (exit code, stdout, stderr).

    harden_process() is skipped in-process: it would make the test worker itself non-dumpable with a core
    limit of 0 that every later subprocess inherits (it is tested on real processes in test_hardening.py)."""
    from smtui import hardening
    from smtui.cli import main

    monkeypatch.setattr(hardening, "harden_process", lambda: None)

    value = tmp_path / "value.txt"
    value.write_text("bad-input-value")
    target = ["--backend", "local", "--store", str(tmp_path / "s.db"), "--key-file", str(tmp_path / "s.key")]

    def run(*args: str, name: str | None = None, with_value: bool = True) -> tuple[int, str, str]:
        argv = ["create-secret", *target]
        if name is not None or not {"--name", "--cli-input-json", "--cli-input-yaml"} & set(args):
            argv += ["--name", name or f"bad/{uuid.uuid4().hex[:12]}"]
        if with_value:
            argv += ["--secret-string", f"file://{value}"]
        capsys.readouterr()
        code = main([*argv, *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def check(result: tuple[int, str, str], *fields: str, allowed: tuple[int, ...] = (0, 252)) -> None:
    code, _out, err = result
    assert "Traceback" not in err, err
    assert code in allowed, (code, err)
    if code == 252:
        # argparse (as in the AWS CLI) reads an argument that starts with '-' as an option; it then says
        # which option lacks its argument, or that there are unrecognised arguments (not shown: one could be
        # a secret typed in the wrong place)
        named = any(f in err for f in fields) or "argument" in err
        assert named, f"the message must name one of {fields}: {err!r}"
        assert "bad-input-value" not in err


shorthand_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60)
struct_text = st.lists(
    st.sampled_from(
        ["Key", "Value", "Region", "KmsKeyId", "=", ",", "[", "]", "'", '"', "\\", " ", "aws:", "x", "é", "{", "}", ":"]
    ),
    max_size=20,
).map("".join)


@SETTINGS
@given(args=st.lists(st.one_of(shorthand_text, struct_text), min_size=1, max_size=3))
def test_tags_shorthand_and_json(cli: Any, args: list[str]) -> None:
    check(cli("--tags", *args), "Tags", "--tags")


@SETTINGS
@given(
    tags=st.lists(st.fixed_dictionaries({"Key": st.text(max_size=140), "Value": st.text(max_size=270)}), max_size=55)
)
def test_unicode_tags_as_json(cli: Any, tags: list[dict[str, str]]) -> None:
    check(cli("--tags", json.dumps(tags)), "Tags", "--tags")


@SETTINGS
@given(
    args=st.lists(
        st.one_of(shorthand_text, struct_text, st.from_regex(r"Region=[a-z]{2}-[a-z]{2,8}-[0-9]", fullmatch=True)),
        min_size=1,
        max_size=3,
    )
)
def test_replica_shorthand(cli: Any, args: list[str]) -> None:
    check(cli("--add-replica-regions", *args), "AddReplicaRegions", "--add-replica-regions")


@SETTINGS
@given(name=st.text(max_size=600))
def test_unicode_names(cli: Any, name: str) -> None:
    # argparse (like the AWS CLI's) reads a value that starts with '-' as an option: it names --name then
    check(cli(name=name or "x"), "Name", "--name")


@SETTINGS
@given(description=st.text(max_size=2100), token=st.text(max_size=70), kms=st.text(max_size=40))
def test_description_token_and_key(cli: Any, description: str, token: str, kms: str) -> None:
    args = ["--description", description]
    if token:
        args += ["--client-request-token", token]
    if kms:
        args += ["--kms-key-id", kms]
    # an unknown KMS key is the store's answer (254 NotFoundException), as AWS gives it
    check(cli(*args), "Description", "ClientRequestToken", "KmsKeyId", "--", allowed=(0, 252, 254))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)
documents = st.dictionaries(st.sampled_from([*MEMBERS, "Bogus", "name"]), json_values, max_size=6)


@SETTINGS
@given(doc=st.one_of(documents, json_values))
def test_cli_input_json(cli: Any, doc: Any) -> None:
    check(
        cli("--cli-input-json", json.dumps(doc), with_value=False),
        *MEMBERS,
        "--cli-input-json",
        "--name",
        "--secret",
        allowed=(0, 252, 254),
    )


@SETTINGS
@given(text=st.text(max_size=200))
def test_cli_input_yaml(cli: Any, text: str) -> None:
    # a YAML document that is not a mapping is reported as "the --cli-input-json document" (model wording)
    check(
        cli("--cli-input-yaml", text, with_value=False),
        *MEMBERS,
        "--cli-input-yaml",
        "--cli-input-json",
        "--name",
        allowed=(0, 252, 254),
    )


def test_secret_string_in_cli_input_is_never_echoed(cli: Any) -> None:
    code, out, err = cli(
        "--cli-input-json", json.dumps({"Name": "bad/doc", "SecretString": "Zq9-doc-literal"}), with_value=False
    )
    assert "Zq9-doc-literal" not in out + err
    check((code, out, err), "SecretString", "--cli-input-json")


# ---- file:// paths --------------------------------------------------------------------------------------------


def _files(tmp_path: Path) -> dict[str, tuple[str, int]]:
    """file:// cases: (path, expected exit code for --secret-string)."""
    d = tmp_path / "files"
    d.mkdir()
    (d / "empty").write_bytes(b"")
    (d / "binary").write_bytes(bytes(range(256)))
    (d / "latin1").write_bytes("café".encode("latin-1"))
    (d / "max").write_bytes(b"a" * 65536)
    (d / "over").write_bytes(b"a" * 65537)
    (d / "max-utf8").write_bytes("é".encode() * 32768)
    (d / "over-utf8").write_bytes("é".encode() * 32768 + b"a")
    (d / "folder").mkdir()
    return {
        "missing": (str(d / "nope"), 252),
        "directory": (str(d / "folder"), 252),
        "empty": (str(d / "empty"), 252),
        "binary": (str(d / "binary"), 252),
        "invalid-utf8": (str(d / "latin1"), 252),
        "65536 bytes": (str(d / "max"), 0),
        "65537 bytes": (str(d / "over"), 252),
        "65536 bytes UTF-8": (str(d / "max-utf8"), 0),
        "65537 bytes UTF-8": (str(d / "over-utf8"), 252),
    }


def test_file_paths_for_the_value(cli: Any, tmp_path: Path, record_property: Any) -> None:
    seen = []
    for label, (path, expected) in _files(tmp_path).items():
        code, out, err = cli("--secret-string", f"file://{path}", with_value=False)
        assert code == expected, (label, code, err)
        check((code, out, err), "SecretString", "--secret-string")
        if code == 252 and label.startswith("6553"):
            assert "65536" in err, err
        seen.append(f"{label}={code}")
    # fileb:// keeps bytes: binary and invalid UTF-8 are fine there, the limits are the same
    (tmp_path / "b").mkdir()
    for label, (path, _expected) in _files(tmp_path / "b").items():
        code, out, err = cli("--secret-binary", f"fileb://{path}", with_value=False)
        want = {"missing": 252, "directory": 252, "empty": 252, "65537 bytes": 252, "65537 bytes UTF-8": 252}
        assert code == want.get(label, 0), (label, code, err)
        check((code, out, err), "SecretBinary", "--secret-binary")
        seen.append(f"fileb {label}={code}")
    record_property("safety-figure", "bad input file:// cases: " + ", ".join(seen))


@pytest.mark.parametrize("option", ["--tags", "--add-replica-regions", "--cli-input-json", "--cli-input-yaml"])
def test_file_paths_for_documents(cli: Any, tmp_path: Path, option: str) -> None:
    field = {"--tags": "Tags", "--add-replica-regions": "AddReplicaRegions"}.get(option, option)
    for label, (path, _expected) in _files(tmp_path).items():
        if label.startswith("6553"):
            continue
        code, out, err = cli(option, f"file://{path}", with_value=option.startswith("--cli") is False)
        assert code == 252, (option, label, code, err)
        check((code, out, err), field, option, "--cli-input-json", *MEMBERS)


def test_unreadable_file_as_a_real_process(other_user_dir: tuple[Path, list[str], int]) -> None:
    """Permission denied needs a user that file modes apply to (`nobody` when the suite runs as root)."""
    from tests.safety.conftest import smtui_env

    base, prefix, uid = other_user_dir
    secret = base / "secret.txt"
    secret.write_text("Zq9-unreadable")
    secret.chmod(0o000)
    store = base / "store"
    store.mkdir()
    os.chown(store, uid, uid)
    args = [
        "create-secret",
        "--backend",
        "local",
        "--store",
        str(store / "s.db"),
        "--key-file",
        str(store / "k"),
        "--name",
        "bad/unreadable",
        "--secret-string",
        f"file://{secret}",
    ]
    out = subprocess.run(
        [*prefix, sys.executable, "-m", "smtui", *args], capture_output=True, env=smtui_env(), timeout=60, check=False
    )
    err = out.stderr.decode()
    assert out.returncode == 252, err
    assert "--secret-string" in err and "Traceback" not in err and "Zq9-unreadable" not in err
    assert "ermission" in err, err


def test_literal_values_are_refused_as_real_processes() -> None:
    for option in ("--secret-string", "--secret-binary"):
        out = run_smtui(["create-secret", "--name", "x", option, "Zq9-literal"])
        err = out.stderr.decode()
        assert out.returncode == 252, err
        assert "Zq9-literal" not in err + out.stdout.decode()
        assert "history" in err and "Traceback" not in err
