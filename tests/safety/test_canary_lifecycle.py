"""The leak canary for the commands after create: put-secret-value's and update-secret's value entry paths
(file://, fileb://, standard input, the masked prompt), and get-random-password's output.

As in test_canary.py: a unique marker per path, searched for in every encoded form, must appear ZERO times in every
process's argv and environment while smtui runs, in stdout, in stderr with --debug, in the traceback of a failure
forced while the value is in flight, and in the store's files. get-random-password's password is made inside the
process, so no scanner can know it beforehand: it is searched for afterwards in everything the process left
(stderr with --debug, the store's files, stdout when it went to a file) — it must be only where it was sent.
"""

from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest

from tests.safety.canary import (
    ProcScanner,
    count_hits,
    encoded_forms,
    new_marker,
    scan_files,
    simple_marker,
    store_files,
)
from tests.safety.test_canary import FORCE_FAILURE, _target, assert_zero, check_cli_entry, record

PATHS = [
    ("put-secret-value", "file", "local"),
    ("put-secret-value", "fileb", "local"),
    ("put-secret-value", "stdin", "local"),
    ("put-secret-value", "stdin", "aws"),
    ("update-secret", "file", "local"),
    ("update-secret", "fileb", "local"),
    ("update-secret", "stdin", "local"),
    ("update-secret", "fileb", "aws"),
]


def _existing(target: list[str], env: dict[str, str], name: str) -> None:
    """The secret the new value goes to, made by a plain create (no marker involved)."""
    made = subprocess.run(
        [sys.executable, "-m", "smtui", "create-secret", *target, "--name", name],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr.decode(errors="replace")


@pytest.mark.parametrize(("command", "entry", "kind"), PATHS, ids=[f"{c}-{e}-{k}" for c, e, k in PATHS])
def test_new_value_entry_paths(
    command: str, entry: str, kind: str, tmp_path: Path, request: pytest.FixtureRequest, record_property: Any
) -> None:
    moto_url = request.getfixturevalue("moto_env").url if kind == "aws" else None
    marker = new_marker(f"{command}-{entry}")
    value = marker.encode() if entry != "fileb" else b"\x00\xff" + marker.encode() + b"\x01\n"
    forms = encoded_forms(marker)
    target, env = _target(kind, tmp_path, moto_url)
    name = f"canary/{command}-{uuid.uuid4().hex[:8]}"
    _existing(target, env, name)
    src = tmp_path / "value.bin"
    src.write_bytes(value)
    option = {
        "file": ["--secret-string", f"file://{src}"],
        "fileb": ["--secret-binary", f"fileb://{src}"],
        "stdin": ["--secret-string", "-"],
    }[entry]
    args = [command, *target, "--secret-id", name, *option, "--debug"]
    stdin = value if entry == "stdin" else b""
    forced = [sys.executable, "-c", FORCE_FAILURE, kind, *args]
    label = f"cli {command} {entry} -> {kind}"
    check_cli_entry(args, forced, env, stdin, forms, kind, tmp_path, label, record_property)


@pytest.mark.parametrize("command", ["put-secret-value", "update-secret"])
def test_masked_prompt(command: str, tmp_path: Path, record_property: Any) -> None:
    from tests.safety.ptyrun import PtyProcess

    marker = simple_marker("prompt")
    forms = encoded_forms(marker)
    target, env = _target("local", tmp_path, None)
    _existing(target, env, "canary/prompt")
    value = [] if command == "put-secret-value" else ["--secret-string", "-"]  # update-secret asks only when told
    args = [command, *target, "--secret-id", "canary/prompt", *value, "--debug"]
    with ProcScanner(forms) as scanner, PtyProcess(args, env) as term:
        term.wait_for(b"input hidden")
        term.type(marker.encode() + b"\r")
        term.wait_for(b"again")
        term.type(marker.encode() + b"\r")
        code = term.wait()
    assert code == 0, bytes(term.output)[-2000:]
    assert b"VersionId" in term.output
    hits = {
        "argv/environ": scanner.total,
        "terminal": count_hits(bytes(term.output), forms),
        "store files": sum(scan_files(store_files(tmp_path / "store"), forms).values()),
    }
    record(record_property, f"cli {command} masked prompt -> local", hits)
    assert_zero(f"cli {command} masked prompt", hits, {"proc": scanner.hits})


@pytest.mark.parametrize("sink", ["stdout", "output-file"])
def test_random_password_goes_only_where_sent(sink: str, tmp_path: Path, record_property: Any) -> None:
    target, env = _target("local", tmp_path, None)
    _existing(target, env, "canary/store-exists")  # a store with files to search
    password_file = tmp_path / "out" / "pw"
    password_file.parent.mkdir(mode=0o700)
    args = ["get-random-password", *target, "--password-length", "40", "--output", "text", "--debug"]
    if sink == "output-file":
        args += ["--output-file", str(password_file)]
    done = subprocess.run(
        [sys.executable, "-m", "smtui", *args], env=env, stdin=subprocess.DEVNULL, capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert b"DEBUG" in done.stderr
    if sink == "stdout":
        password = done.stdout.decode().removesuffix("\n")  # --output text: the bare password
        where = done.stdout
    else:
        password = password_file.read_text()
        where = password_file.read_bytes()
        assert done.stdout == b""
    assert len(password) == 40 and where.count(password.encode()) == 1  # once, where it was sent
    forms = encoded_forms(password)
    hits = {
        "stderr/--debug log": count_hits(done.stderr, forms),
        "store files": sum(scan_files(store_files(tmp_path / "store"), forms).values()),
        "other files": sum(
            scan_files([p for p in tmp_path.rglob("*") if p.is_file() and p != password_file], forms).values()
        ),
    }
    if sink == "output-file":
        hits["stdout"] = count_hits(done.stdout, forms)
    record(record_property, f"cli get-random-password -> {sink}", hits)
    assert_zero(f"get-random-password -> {sink}", hits, {})
