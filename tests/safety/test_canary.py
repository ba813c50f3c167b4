"""The leak canary: for every way a value enters smtui, a unique marker value must appear ZERO times in every
place it could leak (its raw, JSON-escaped, hex and base64 forms, and its random core alone).

Entry paths x sinks; each test fills one row and records it (`canary-row`), and the safety conftest prints the
matrix at the end of the run. Sinks that do not apply to a path are left out of its row ('-' in the table).
Command-line paths run the real `smtui` process (with --debug, the most talkative mode); wizard paths run the
real app under Textual's pilot (see test_canary_wizard.py).
"""

from __future__ import annotations

import json
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
from tests.safety.conftest import smtui_env

# A failure forced deep inside the create, while the plaintext is in flight (an argument of the function that
# raises): the person sees smtui's report of an unexpected error, with --debug its full traceback.
FORCE_FAILURE = r"""
import sys
def boom(*args, **kwargs):
    raise RuntimeError("forced failure for the leak canary")
if sys.argv[1] == "local":
    import smtui.backends.local.crypto as crypto
    crypto.encrypt = boom
    for mod in list(sys.modules.values()):
        if getattr(mod, "encrypt", None) is not None and getattr(mod, "__name__", "").startswith("smtui."):
            if mod.__name__ != "smtui.backends.local.crypto":
                mod.encrypt = boom
else:
    import botocore.endpoint
    botocore.endpoint.Endpoint._send = boom
from smtui.__main__ import main
sys.argv = ["smtui", *sys.argv[2:]]
sys.exit(main())
"""


def record(record_property: Any, path: str, hits: dict[str, int]) -> None:
    record_property("canary-row", json.dumps({"path": path, "hits": hits}))


def assert_zero(path: str, hits: dict[str, int], detail: dict[str, Any]) -> None:
    leaked = {k: v for k, v in hits.items() if v}
    assert not leaked, f"{path}: the marker leaked into {leaked}: {detail}"


def _target(kind: str, tmp_path: Path, moto_url: str | None) -> tuple[list[str], dict[str, str]]:
    if kind == "local":
        return (
            ["--backend", "local", "--store", str(tmp_path / "store" / "s.db"), "--key-file", str(tmp_path / "s.key")],
            smtui_env(),
        )
    assert moto_url is not None
    return (
        ["--backend", "aws", "--endpoint-url", moto_url, "--region", "us-east-1"],
        smtui_env(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing"),
    )


def _run(
    cmds: list[list[str]], env: dict[str, str], stdin: bytes, forms: dict[str, bytes]
) -> tuple[list[tuple[int, bytes, bytes]], ProcScanner]:
    """Run the commands side by side while scanning every process's argv and environment."""
    with ProcScanner(forms) as scanner:
        procs = [
            subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
            for cmd in cmds
        ]
        results = []
        for proc in procs:
            out, err = proc.communicate(stdin, timeout=60)
            results.append((proc.returncode, out, err))
    return results, scanner


# file:// and stdin are the same string on the wire, so the aws rows cover stdin (string) and fileb (binary,
# base64 in the request body); every entry path runs against the local store.
CLI_PATHS = [("file", "local"), ("fileb", "local"), ("stdin", "local"), ("stdin", "aws"), ("fileb", "aws")]


def check_cli_entry(
    args: list[str],
    forced: list[str],
    env: dict[str, str],
    stdin: bytes,
    forms: dict[str, bytes],
    kind: str,
    tmp_path: Path,
    label: str,
    record_property: Any,
) -> None:
    """Run `smtui ARGS` and, side by side, the same entry path with a failure forced while the plaintext is in
    flight; count the marker in argv/environ, stdout, the --debug log, the traceback and the store's files."""
    ((code, out, err), (fcode, fout, ferr)), scanner = _run(
        [[sys.executable, "-m", "smtui", *args], forced], env, stdin, forms
    )
    assert code == 0, err.decode(errors="replace")[-3000:]
    assert b"DEBUG" in err, "--debug must have logged"
    assert fcode == 255, ferr.decode(errors="replace")[-3000:]
    assert b"Traceback" in ferr and b"forced failure" in ferr
    hits = {
        "argv/environ": scanner.total,
        "stdout": count_hits(out, forms),
        "stderr/--debug log": count_hits(err, forms),
        "traceback": count_hits(fout + ferr, forms),
    }
    if kind == "local":
        hits["store files"] = sum(scan_files(store_files(tmp_path / "store"), forms).values())
    record(record_property, label, hits)
    assert_zero(label, hits, {"proc": scanner.hits})
    assert scanner.scans > 0


@pytest.mark.parametrize(("entry", "kind"), CLI_PATHS, ids=[f"{e}-{k}" for e, k in CLI_PATHS])
def test_cli_entry_paths(
    entry: str, kind: str, tmp_path: Path, request: pytest.FixtureRequest, record_property: Any
) -> None:
    moto_url = request.getfixturevalue("moto_env").url if kind == "aws" else None
    marker = new_marker(entry)
    value = marker.encode() if entry != "fileb" else b"\x00\xff" + marker.encode() + b"\x01\n"
    forms = encoded_forms(marker)
    target, env = _target(kind, tmp_path, moto_url)
    src = tmp_path / "value.bin"
    src.write_bytes(value)
    option = {
        "file": ["--secret-string", f"file://{src}"],
        "fileb": ["--secret-binary", f"fileb://{src}"],
        "stdin": ["--secret-string", "-"],
    }[entry]
    name = f"canary/{entry}-{uuid.uuid4().hex[:8]}"
    args = ["create-secret", *target, "--name", name, *option, "--debug"]
    stdin = value if entry == "stdin" else b""
    # the plain run, and side by side the forced failure (same entry path, same value)
    forced = [sys.executable, "-c", FORCE_FAILURE, kind, *args[:-1], "--name", name + "-f", "--debug"]
    check_cli_entry(args, forced, env, stdin, forms, kind, tmp_path, f"cli {entry} -> {kind}", record_property)


def test_cli_masked_prompt(tmp_path: Path, record_property: Any) -> None:
    from tests.safety.ptyrun import PtyProcess

    marker = simple_marker("prompt")
    forms = encoded_forms(marker)
    target, env = _target("local", tmp_path, None)
    args = ["create-secret", *target, "--name", "canary/prompt", "--debug"]
    with ProcScanner(forms) as scanner, PtyProcess(args, env) as term:
        term.wait_for(b"input hidden")
        term.type(marker.encode() + b"\r")
        term.wait_for(b"again")
        term.type(marker.encode() + b"\r")
        code = term.wait()
    assert code == 0, bytes(term.output)[-2000:]
    assert b"arn:aws:secretsmanager" in term.output
    hits = {
        "argv/environ": scanner.total,
        "terminal": count_hits(bytes(term.output), forms),
        "store files": sum(scan_files(store_files(tmp_path / "store"), forms).values()),
    }
    record(record_property, "cli masked prompt -> local", hits)
    assert_zero("cli masked prompt", hits, {"proc": scanner.hits})


def test_committed_pictures_and_docs(record_property: Any) -> None:
    """Every committed screenshot, snapshot and doc, against every fixed test secret of the UI tests (in all
    encoded forms) and the canary prefix: a snapshot taken with a value unmasked would be caught here."""
    from tests.ui.wizard_driver import ALL_MARKERS

    repo = Path(__file__).resolve().parents[2]
    files = [
        *repo.glob("screenshots/**/*"),
        *repo.glob("tests/**/__snapshots__/**/*"),
        *repo.glob("docs/**/*"),
        repo / "README.md",
    ]
    files = [f for f in files if f.is_file()]
    total = 0
    for marker in ALL_MARKERS:
        total += sum(scan_files(files, encoded_forms(marker)).values())
    total += sum(scan_files(files, {"canary": b"SMTUI-CANARY-"}).values())
    hits = {"committed screenshots/snapshots/docs": total}
    record(record_property, f"all fixed test secrets ({len(files)} committed files)", hits)
    assert_zero("committed files", hits, {})


@pytest.mark.parametrize("debug", [pytest.param(False, marks=pytest.mark.slow), True], ids=["plain", "debug"])
def test_wizard_in_a_real_terminal(tmp_path: Path, record_property: Any, debug: bool) -> None:
    """The installed entry point on a real pty, keyboard only: every byte the terminal ever received (every
    frame of the alternate screen, the result printed after exit) and every process's argv and environment
    while it runs, against a typed marker."""
    import re
    import time

    from tests.safety.ptyrun import PtyProcess
    from tests.waiting import wait_for

    marker = simple_marker("pty")
    forms = encoded_forms(marker)
    target, env = _target("local", tmp_path, None)
    target += ["--debug"] if debug else []
    env["TERM"] = "xterm-256color"
    strip = re.compile(rb"\x1b\[[0-9;?<>=$]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]")

    def wait_text(term: PtyProcess, text: str) -> None:
        def drawn() -> bool:
            return text.encode() in strip.sub(b"", bytes(term.output)).replace(b"\xc2\xa0", b" ")

        wait_for(drawn, f"{text!r} drawn", budget=30, interval=0.05, process=term.proc)

    with ProcScanner(forms) as scanner, PtyProcess(target, env) as term:
        wait_text(term, "local store at")
        term.type(b"\x0e")  # ctrl+n
        wait_text(term, "2/8")
        term.type(b"canary/pty")
        wait_text(term, "is free")
        term.type(b"\x0e")
        wait_text(term, "No value yet")
        time.sleep(1.0)  # the value field takes the focus after the first frame
        term.type(marker.encode())
        wait_text(term, f"{len(marker)} / 65,536 bytes")
        term.type(b"\r")
        time.sleep(0.5)
        term.type(marker.encode())
        time.sleep(0.5)
        for step in ("4/8", "5/8", "6/8", "7/8", "8/8"):
            term.type(b"\x0e")
            wait_text(term, step)
        term.type(b"\x0e")
        wait_text(term, "Secret created")
        term.type(b"q")
        assert term.wait(timeout=30) == 0
    assert b'"ARN"' in term.output
    if debug:
        assert b"DEBUG" in term.output, "the --debug log goes to the terminal (stderr) and is checked there"
    from smtui.backends import open_backend
    from smtui.settings import TargetSettings

    backend = open_backend(
        TargetSettings(backend="local", store=tmp_path / "store" / "s.db", key_file=tmp_path / "s.key")
    )
    try:
        stored = backend.get_secret_value("canary/pty").SecretString
        assert stored is not None and stored.get_secret_value() == marker, "the marker is what was stored"
    finally:
        backend.close()
    hits = {
        "argv/environ": scanner.total,
        "terminal": count_hits(bytes(term.output), forms),
        "store files": sum(scan_files(store_files(tmp_path / "store"), forms).values()),
    }
    record(record_property, f"wizard typed, real terminal{' --debug' if debug else ''} -> local", hits)
    assert_zero("wizard in a real terminal", hits, {"proc": scanner.hits})
