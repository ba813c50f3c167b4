"""Plain mode, whole runs on a real pseudo-terminal and the local store, one per value form.

Every run checks the same three things besides its own: nothing but text and line breaks reached the terminal
(no CSI cursor movement, erase, alternate screen or colour; no box drawing; bracketed paste on and off only),
the marker value appears neither in the transcript nor in the store's files in clear, and the exit code. Each
refused answer is followed by the rule and the very same question (`Session.refused`).
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from smtui.backends import open_backend
from smtui.backends.base import Backend
from smtui.backends.local import LocalBackend
from smtui.model import build_request
from smtui.settings import TargetSettings
from tests.conftest import smtui_env
from tests.plain.session import ENTRY, Session, drawing_found

MARKER = "Zq9-plain-marker-7Hk"


def store(session: Session) -> Backend:
    return open_backend(TargetSettings(backend="local", store=session.store, key_file=session.key_file))


def stored_value(session: Session, name: str) -> str | bytes:
    backend = store(session)
    try:
        got = backend.get_secret_value(name)
    finally:
        backend.close()
    value = got.SecretString or got.SecretBinary
    assert value is not None
    return value.get_secret_value()


def check_clean(session: Session, *markers: str) -> None:
    transcript = session.transcript
    assert drawing_found(transcript) == [], transcript
    assert transcript.count(b"\x1b[?2004h") == transcript.count(b"\x1b[?2004l")  # bracketed paste never left on
    folder = session.store.parent
    files = [p.read_bytes() for p in folder.iterdir() if p.is_file()] if folder.exists() else []
    for marker in (MARKER, *markers):
        assert marker.encode() not in transcript, f"{marker} on the terminal"
        assert all(marker.encode() not in data for data in files), f"{marker} in the store in clear"


def start(session: Session, name: str) -> None:
    """Target (the local store, the default) and its region, the name, no description, up to the value form."""
    session.answer("Target", "")
    session.answer("Region", "")
    session.answer("Name", name)
    session.answer("Description", "")


def pasted_to_review(session: Session, name: str) -> None:
    """Up to Review: `name`, the marker pasted as a single line, the default key, no tags, no replicas."""
    start(session, name)
    session.answer("Value form", "")
    session.paste("Value, hidden", MARKER)
    session.answer("Key", "")
    session.answer("Tag 1 key", "")
    session.answer("Replica regions", "")


def finish_after_value(session: Session) -> None:
    """Default key, no tags, no replicas, create, no other secret."""
    session.answer("Key", "")
    session.answer("Tag 1 key", "")
    session.answer("Replica regions", "")
    session.answer("Next", "1")
    session.expect("The secret was created.")
    session.answer("Answer", "")


def test_single_line_typed_every_error_asks_again(tmp_path: Path) -> None:
    with Session(tmp_path) as s:
        seeded = store(s)
        seeded.create_secret(build_request({"Name": "plain/taken", "SecretString": "v"}))
        seeded.close()
        s.answer("Target", "7")
        s.refused("Target")  # a number outside the list: the range is said, the question asked again
        s.again("2")
        s.answer("Region", "mars-1")
        s.refused("Region")
        s.again("")
        s.answer("Name", "Xk9#mP2$vL8@qR4!")  # a password, at the wrong question: held before the name check
        s.expect("Note: this answer looks like a secret value: it looks random")
        s.answer("Answer", "")  # No, ask again
        s.answer("Name", "a b")
        s.refused("Name", "not allowed (a space)")  # the rule, in the model's words
        s.again("plain/taken")
        s.refused("Name", "already exists here")  # the backend's name check
        s.again("plain/one")
        s.expect("plain/one is free in this target.")
        s.answer("Description", "the first")
        s.answer("Value form", "")
        s.answer("Value, hidden", MARKER)
        s.answer("Type it again to confirm, hidden", "something else")
        s.refused("Value, hidden", "the two entries differ")  # the same question again
        assert not s.process.echo_on()  # silent while a value is asked
        assert s.process.proc is not None  # hardened before any value exists: no core file can hold it
        limits = Path(f"/proc/{s.process.proc.pid}/limits").read_text(encoding="utf-8")
        assert re.search(r"Max core file size\s+0\s+0\s", limits), limits
        s.again(MARKER)
        s.answer("Type it again to confirm, hidden", MARKER)
        s.expect(f"Received {len(MARKER)} bytes of at most 65,536, 1 line, plain text, session fingerprint ")
        s.answer("Key", "")
        s.answer("Tag 1 key", "aws:team")
        s.answer("Value of tag aws:team", "x")
        s.refused("Tag 1 key", "reserved")
        s.again("team")
        s.answer("Value of tag team", "payments")
        s.answer("Tag 2 key", "")
        s.answer("Replica regions", "")
        s.expect("  Value: single line, ")
        s.answer("Next", "3")  # change Name & description, then back to Review
        s.answer("Name (Enter alone: plain/one)", "plain/two")
        s.answer("Description (Enter alone: keep the first)", "")
        s.expect("Step 8 of 8: Review.")
        s.expect("  Name: plain/two")
        s.expect("  Tags: 1 tag: team = payments")
        s.answer("Next", "")
        s.expect("The secret was created.")
        s.expect("ARN: arn:aws:secretsmanager:us-east-1:")
        s.answer("Answer", "")
        assert s.finish() == 0
        assert s.terminal_restored()
        check_clean(s)
    assert stored_value(s, "plain/two") == MARKER
    assert b'"Name": "plain/two"' in s.transcript  # the result printed on exit, as create-secret prints it


def test_multiline_paste_is_announced_and_trimmed_on_request(tmp_path: Path) -> None:
    block = f"-----BEGIN PRIVATE KEY-----\r{MARKER}\r{MARKER[::-1]}\r-----END PRIVATE KEY-----\r"
    with Session(tmp_path) as s:
        start(s, "plain/pem")
        s.answer("Value form", "2")
        s.expect("End with a line holding only END")
        s.paste("Value, hidden", block)  # the terminal sends pasted line breaks as CR
        s.answer("Next line, hidden", "END")
        s.expect("lines, PEM private key, session fingerprint ")
        s.expect("Ends with a line break")
        s.answer("Keep or trim", "2")
        s.expect("Trimmed. Now ")
        finish_after_value(s)
        assert s.finish() == 0
        check_clean(s, MARKER[::-1])
    assert stored_value(s, "plain/pem") == block.replace("\r", "\n").rstrip("\n")  # asked once: pasted


def test_multiline_typed_ends_with_ctrl_d_and_is_confirmed(tmp_path: Path) -> None:
    with Session(tmp_path) as s:
        start(s, "plain/typed")
        s.answer("Value form", "2")
        s.answer("Value, hidden", f"{MARKER}-1")
        s.answer("Next line, hidden", f"{MARKER}-2")
        s.prompt("Next line, hidden")
        s.process.type(b"\x04")  # Ctrl+D at the start of a line ends the block
        s.expect("Type the whole value again to confirm")
        s.answer("Again, hidden", f"{MARKER}-1")
        s.answer("Next line, hidden", f"{MARKER}-2")
        s.answer("Next line, hidden", "END")
        s.expect("45 bytes of at most 65,536, 2 lines, ")
        finish_after_value(s)
        assert s.finish() == 0
        check_clean(s)
    assert stored_value(s, "plain/typed") == f"{MARKER}-1\n{MARKER}-2"


def test_key_value_pairs_with_a_replica_announced_until_it_settles(tmp_path: Path) -> None:
    with Session(tmp_path, SMTUI_LOCAL_REPLICA_DELAY="0.5") as s:
        start(s, "plain/pairs")
        s.answer("Value form", "3")
        s.answer("Key 1", "username")
        s.paste("Value for username, hidden", "app")
        s.expect("Received the value for username: 3 bytes")
        s.answer("Key 2", "username")
        s.refused("Key 2", "again")  # the duplicate key, in the model's words
        s.again("password")
        s.paste("Value for password, hidden", f"{MARKER}\r{MARKER}")
        s.refused("Value for password, hidden", "that paste has 2 lines")
        s.paste(None, MARKER)
        s.expect("Received the value for password")
        s.answer("Key 3", "")
        s.expect("Received 2 pairs: ")
        s.answer("Key", "")
        s.answer("Tag 1 key", "")
        s.answer("Replica regions", "eu-west-1 nowhere")
        s.refused("Replica regions")
        s.again("eu-west-1")
        s.answer("KMS key for eu-west-1", "")
        s.answer("Answer", "")
        s.expect("  Replicas: eu-west-1. Overwrite a same-name secret there: no")
        s.answer("Next", "")
        s.expect("Replica eu-west-1: InProgress")
        s.expect("Replica eu-west-1: InSync")  # said once it changed, not redrawn
        s.expect("Every replica has settled.")
        s.answer("Answer", "")
        assert s.finish() == 0
        check_clean(s)
    assert json.loads(stored_value(s, "plain/pairs")) == {"username": "app", "password": MARKER}
    assert s.text().count("Replica eu-west-1: InProgress") == 1


def test_generated_password_with_a_listed_key_and_a_failure_sent_back_to_its_step(tmp_path: Path) -> None:
    with Session(tmp_path) as s:
        keys = store(s)
        assert isinstance(keys, LocalBackend)
        keys.create_key(description="for plain mode", alias="alias/plain")
        keys.close()
        start(s, "plain/generated")
        s.answer("Value form", "4")
        s.answer("Choice", "2")
        s.answer("Length in characters", "0")
        s.refused("Length in characters", "between 1 and 4096")
        s.again("20")
        for _ in range(4):
            s.answer("Answer", "")
        s.answer("Characters to leave out", "")
        s.expect("A password of 20 characters was generated")
        s.answer("Key", "3")  # type one: a key that does not exist
        s.answer("Key id, key ARN, alias/NAME or alias ARN", "alias/missing")
        s.answer("Tag 1 key", "")
        s.answer("Replica regions", "")
        s.answer("Next", "")
        s.expect("The secret was not created.")
        s.expect("The step to change is Encryption.")
        s.answer("Choice", "")  # back to Encryption
        s.expect("alias/plain, key ")  # the listed key, from the backend
        s.answer("Key", "2")
        s.expect("  Encryption: alias/plain")
        s.answer("Next", "")
        s.expect("The secret was created.")
        s.answer("Answer", "")
        assert s.finish() == 0
        check_clean(s)
    password = stored_value(s, "plain/generated")
    assert isinstance(password, str) and len(password) == 20
    assert password.encode() not in s.transcript


def test_binary_file(tmp_path: Path) -> None:
    secret = b"\x00\xff\x10" + MARKER.encode() + b"\x80"
    path = tmp_path / "secret.bin"
    path.write_bytes(secret)
    with Session(tmp_path) as s:
        start(s, "plain/binary")
        s.answer("Value form", "5")
        s.answer("Path of the file", str(tmp_path / "missing.bin"))
        s.refused("Path of the file")
        s.again(str(path))
        s.expect(f"Received {len(secret)} bytes of at most 65,536, binary data, session fingerprint ")
        finish_after_value(s)
        assert s.finish() == 0
        check_clean(s)
    assert stored_value(s, "plain/binary") == secret


def test_quit_at_review_creates_nothing(tmp_path: Path) -> None:
    with Session(tmp_path) as s:
        pasted_to_review(s, "plain/quit")
        s.answer("Next", "8")
        assert s.finish() == 0
        check_clean(s)
        backend = store(s)
        assert backend.check_name("plain/quit").State == "free"
        backend.close()
    assert b'"ARN"' not in s.transcript


_START = [("Target", ""), ("Region", ""), ("Name", "plain/c"), ("Description", "")]
_TYPED = [("Value form", ""), ("Value, hidden", MARKER), ("Type it again to confirm, hidden", MARKER)]

#: The answers up to the prompt at which Ctrl+C is typed (the last one, not answered).
PROMPTS = {
    "target choice": [("Target", "")],
    "name, typed and echoed": [*_START[:2], ("Name", "")],
    "value, hidden": [*_START, ("Value form", ""), ("Value, hidden", "")],
    "multi-line value, hidden": [*_START, ("Value form", "2"), ("Value, hidden", MARKER), ("Next line, hidden", "")],
    "keep or trim": [
        *_START,
        ("Value form", ""),
        ("Value, hidden", f" {MARKER}"),
        ("Type it again to confirm, hidden", f" {MARKER}"),
        ("Keep or trim", ""),
    ],
    "review": [*_START, *_TYPED, ("Key", ""), ("Tag 1 key", ""), ("Replica regions", ""), ("Next", "")],
    "region": [("Target", ""), ("Region", "")],
    "description": [*_START[:3], ("Description", "")],
    "value form": [*_START, ("Value form", "")],
    "confirmation, hidden": [*_START, ("Value form", ""), ("Value, hidden", MARKER), ("Type it again", "")],
    "key choice": [*_START, *_TYPED, ("Key", "")],
    "tag key": [*_START, *_TYPED, ("Key", ""), ("Tag 1 key", "")],
    "tag value": [*_START, *_TYPED, ("Key", ""), ("Tag 1 key", "team"), ("Value of tag team", "")],
    "replica regions": [*_START, *_TYPED, ("Key", ""), ("Tag 1 key", ""), ("Replica regions", "")],
}


@pytest.mark.parametrize("where", list(PROMPTS))
def test_ctrl_c_at_a_prompt_exits_130_with_the_terminal_restored(tmp_path: Path, where: str) -> None:
    with Session(tmp_path) as s:
        for label, text in PROMPTS[where][:-1]:
            s.answer(label, text)
        s.prompt(PROMPTS[where][-1][0])
        if "hidden" in where:
            s.process.type(MARKER[:6].encode())  # half a value typed: it must go nowhere
        s.process.type(b"\x03")  # the terminal turns it into SIGINT for smtui's process group
        assert s.finish() == 130
        assert s.terminal_restored()
        s.expect("Stopped. Nothing was created.")
        check_clean(s)
    assert MARKER[:6].encode() not in s.transcript


def test_plain_mode_needs_a_terminal(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", ENTRY, "--backend", "local"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        env=smtui_env(),
        timeout=30,
        check=False,
    )
    assert proc.returncode == 252
    assert b"plain mode asks its questions on a terminal" in proc.stderr


def test_an_oversized_paste_is_refused_whole_and_the_question_asked_again(tmp_path: Path) -> None:
    with Session(tmp_path) as s:
        start(s, "plain/big")
        s.answer("Value form", "")
        s.paste("Value, hidden", MARKER * (70_000 // len(MARKER)))
        s.refused("Value, hidden", "the paste holds more than 65536 bytes")
        s.paste(None, MARKER)
        s.expect(f"Received {len(MARKER)} bytes")  # the next entry is whole: nothing of the big one is left
        s.prompt("Key")
        s.process.type(b"\x03")
        assert s.finish() == 130
        assert s.terminal_restored()
        check_clean(s)


def test_without_a_keyring_a_key_file_is_offered_and_used(tmp_path: Path) -> None:
    """The local store refuses to keep its key anywhere but a real keyring; the way out is said and offered."""
    with Session(tmp_path, key_file=False, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring") as s:
        s.answer("Target", "")
        s.expect("The target cannot be used: No usable OS keyring")
        s.expect("anyone who can read it, or a backup of it, can decrypt the store")
        s.answer("Choice", "")  # 1, use a key file
        s.answer(f"Key file path (Enter alone: {s.store.with_suffix('.key')})", "")
        s.expect("Opened: local store at ")
        s.answer("Region", "")
        s.answer("Name", "plain/keyfile")
        s.answer("Description", "")
        s.answer("Value form", "")
        s.paste("Value, hidden", MARKER)
        finish_after_value(s)
        assert s.finish() == 0
        check_clean(s)
    s.key_file = s.store.with_suffix(".key")
    assert stored_value(s, "plain/keyfile") == MARKER


def test_ctrl_c_after_a_secret_was_created_keeps_it_and_prints_the_result(tmp_path: Path) -> None:
    """As in the wizard: once a secret exists, stopping is not a failure (exit 0, the result on exit)."""
    with Session(tmp_path) as s:
        pasted_to_review(s, "plain/kept")
        s.answer("Next", "")
        s.expect("The secret was created.")
        s.prompt("Answer")
        s.process.type(b"\x03")
        assert s.finish() == 0
        assert s.terminal_restored()
        s.expect("Stopped. The secret created is kept.")
        s.expect('"Name": "plain/kept"')
        check_clean(s)


def test_sigterm_at_a_hidden_prompt_exits_143_with_the_terminal_restored(tmp_path: Path) -> None:
    with Session(tmp_path) as s:
        start(s, "plain/term")
        s.answer("Value form", "")
        s.prompt("Value, hidden")
        s.process.type(MARKER[:6].encode())
        assert s.process.proc is not None
        os.killpg(s.process.proc.pid, signal.SIGTERM)
        assert s.finish() == 143
        assert s.terminal_restored()
        check_clean(s)
    assert MARKER[:6].encode() not in s.transcript
