"""Property: on every entry path, the bytes the real local store gives back are the bytes the person meant.

What "meant" is, per path (docs/security.md, "The value's way in"):
- typed (wizard, single line): the characters typed, as UTF-8.
- pasted, single line: the paste, with the paste rule applied (CR LF and a lone CR become LF).
- pasted, multi-line: the text with LF line breaks, whether the terminal sent LF, CR or CR LF.
- key/value: the JSON object `{key: value}` of the pairs (compact separators), each value as pasted (rule applied).
- generated: the password the generator made (the form's value, never shown).
- binary file: the file's bytes, every one.
- command line `file://` (SecretString): the file's bytes, decoded as UTF-8, a BOM and a final newline kept.
- command line `fileb://` (SecretBinary): the file's bytes.
- command line `--secret-string -` (stdin, not a terminal): the bytes less ONE trailing "\n" or "\r\n".
- the masked prompt, one bracketed paste then Enter: the paste with the paste rule applied. A terminal can
  not deliver ESC (starts an escape sequence) or Ctrl+C (interrupts) inside a paste, so those two are not drawn.
Values include Unicode, control characters, a BOM, and 65,536 bytes (the limit). Few examples per path in the
default run (each wizard example starts an app); HYPOTHESIS_PROFILE=long runs more.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import subprocess
import uuid
from itertools import count
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from pydantic import SecretBytes, SecretStr
from textual import events
from textual.keys import _character_to_key

from smtui.backends import open_backend
from smtui.cli.masked import read_entry
from smtui.model import CreateSecretRequest
from smtui.settings import TargetSettings
from smtui.widgets.keyvalue import KeyValueForm
from smtui.widgets.password_gen import PasswordGeneratorForm
from smtui.widgets.paste_rule import paste_line_breaks
from tests.cli.conftest import run
from tests.ui.test_value_screen import Host, paste, pick, press_next, start

LIMIT = 65_536
EXAMPLES = int(os.environ.get("SMTUI_VALUE_EXAMPLES", "3"))
FEW = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)

BOM = "\ufeff"
ANY_CHAR = st.characters(exclude_categories=["Cs"])  # every code point UTF-8 can hold
TEXT = st.text(
    st.one_of(ANY_CHAR, st.sampled_from([BOM, "\t", "\x00", "\x07", "\x7f", "é", "😀", "\u200b"])),
    min_size=1,
    max_size=200,
)
BIG_TEXT = ("é" * (LIMIT // 2 - 1)) + "xy"  # 65,536 bytes of UTF-8 exactly
assert len(BIG_TEXT.encode()) == LIMIT
_names = count()


def utf8_fits(text: str) -> bool:
    return 0 < len(text.encode("utf-8")) <= LIMIT


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The real local store (SQLite, a key file): every stored value is read back from it."""
    base = tmp_path_factory.mktemp("exact")
    backend = open_backend(TargetSettings(backend="local", store=base / "s.db", key_file=base / "k"))
    yield backend
    backend.close()


def stored(backend: Any, value: str | bytes) -> bytes:
    """Create a secret holding `value` in the store, read it back, and return its bytes."""
    name, token = f"exact/{next(_names)}", str(uuid.uuid4())
    if isinstance(value, bytes):
        request = CreateSecretRequest(Name=name, ClientRequestToken=token, SecretBinary=SecretBytes(value))
    else:
        request = CreateSecretRequest(Name=name, ClientRequestToken=token, SecretString=SecretStr(value))
    backend.create_secret(request)
    got = backend.get_secret_value(name)
    if got.SecretBinary is not None:
        return bytes(got.SecretBinary.get_secret_value())
    return str(got.SecretString.get_secret_value()).encode("utf-8")


def wizard(steps: Any) -> str | bytes | None:
    """Run the Value step under Pilot, do `steps(pilot)`, and return what Next put in the draft."""

    async def go() -> str | bytes | None:
        app = Host()
        async with app.run_test(size=(100, 30)) as pilot:
            await start(pilot)
            await steps(pilot)
            return await press_next(pilot)

    return asyncio.run(go())


# the wizard's paths ---------------------------------------------------------------------------------------------

TYPABLE = st.text(st.characters(categories=("L", "N", "P", "S")), min_size=1, max_size=40)


@FEW
@given(text=TYPABLE)
def test_typed(store: Any, text: str) -> None:
    async def steps(pilot: Any) -> None:
        for char in [*text, "enter", *text]:  # the value, Enter, the confirmation, in one burst
            key = char if char == "enter" else _character_to_key(char)
            pilot.app.post_message(events.Key(key, None if char == "enter" else char))
        await pilot.pause()

    assert stored(store, wizard(steps) or "") == text.encode()


SINGLE_LINE = TEXT.map(lambda t: t.replace("\r", "").replace("\n", "")).filter(bool)


@FEW
@given(text=SINGLE_LINE, end=st.sampled_from(["", "\n", "\r", "\r\n"]))
@example(text=BIG_TEXT, end="")
def test_pasted_single_line(store: Any, text: str, end: str) -> None:
    meant = paste_line_breaks(text + end)[0]

    async def steps(pilot: Any) -> None:
        await paste(pilot, text + end)

    if utf8_fits(meant):
        assert stored(store, wizard(steps) or "") == meant.encode()


MULTI = st.lists(SINGLE_LINE, min_size=2, max_size=6)


@FEW
@given(lines=MULTI, sep=st.sampled_from(["\n", "\r", "\r\n"]), final=st.booleans())
@example(lines=[BIG_TEXT[:16383], BIG_TEXT[:16383] + "xy"], sep="\r\n", final=True)  # 65,536 bytes meant
def test_pasted_multiline(store: Any, lines: list[str], sep: str, final: bool) -> None:
    meant = "\n".join(lines) + ("\n" if final else "")
    sent = sep.join(lines) + (sep if final else "")

    async def steps(pilot: Any) -> None:
        await pick(pilot, "multiline")
        await paste(pilot, sent)

    if utf8_fits(meant):
        assert stored(store, wizard(steps) or "") == meant.encode()


@FEW
@given(
    key=st.text(st.characters(categories=("L", "N")), min_size=1, max_size=12),
    value=SINGLE_LINE,
    end=st.sampled_from(["", "\r"]),
)
def test_key_value(store: Any, key: str, value: str, end: str) -> None:
    meant = json.dumps({key: value + ("\n" if end else "")}, separators=(",", ":"), ensure_ascii=False)

    async def steps(pilot: Any) -> None:
        await pick(pilot, "keyvalue")
        row = pilot.app.screen.query_one(KeyValueForm).rows()[0]
        row.key_input.value = key
        row.value_input.focus()
        await pilot.pause()
        await paste(pilot, value + end)

    got = wizard(steps)
    if utf8_fits(meant):
        assert json.loads(stored(store, got or "")) == json.loads(meant)


@FEW
@given(length=st.integers(min_value=8, max_value=4096))  # 4+ for one of each included type
def test_generated(store: Any, length: int) -> None:
    made: list[str] = []

    async def steps(pilot: Any) -> None:
        await pick(pilot, "generated")
        pilot.app.screen.query_one("#pw-length").value = str(length)
        await pilot.click("#pw-generate")
        await pilot.pause()
        made.append(pilot.app.screen.query_one(PasswordGeneratorForm).current_value() or "")

    got = wizard(steps)
    assert len(made[0]) == length and stored(store, got or "") == made[0].encode()


@FEW
@given(data=st.binary(min_size=1, max_size=2048))
@example(data=bytes(range(256)) * (LIMIT // 256))
def test_binary_file(store: Any, data: bytes, tmp_path_factory: pytest.TempPathFactory) -> None:
    path = tmp_path_factory.mktemp("bin") / "value.bin"
    path.write_bytes(data)
    path.chmod(0o600)

    async def steps(pilot: Any) -> None:
        await pick(pilot, "binary")
        form = pilot.app.screen.active_form
        form.load_path(path)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert stored(store, wizard(steps) or b"") == data


# the command line's paths ---------------------------------------------------------------------------------------


def cli_local(base: Path) -> list[str]:
    return ["--backend", "local", "--store", str(base / "s.db"), "--key-file", str(base / "k")]


def cli_roundtrip(base: Path, args: list[str], stdin: bytes | None = None) -> bytes:
    name = f"cli/{next(_names)}"
    made = run(["create-secret", *cli_local(base), "--name", name, *args], stdin=stdin)
    assert made.code == 0, made.err
    got = run(["get-secret-value", *cli_local(base), "--secret-id", name, "--output", "json"]).json()
    if "SecretBinary" in got:
        return base64.b64decode(got["SecretBinary"])
    return str(got["SecretString"]).encode("utf-8")


@FEW
@given(text=TEXT)
@example(text=BOM + "x\r\n")
@example(text=BIG_TEXT)
def test_cli_file_url(text: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    base = tmp_path_factory.mktemp("cli")
    value = base / "value.txt"
    value.write_bytes(text.encode())
    if utf8_fits(text):
        assert cli_roundtrip(base, ["--secret-string", f"file://{value}"]) == text.encode()


@FEW
@given(data=st.binary(min_size=1, max_size=4096))
@example(data=(b"\xef\xbb\xbf\r\n\x00\xff" * LIMIT)[:LIMIT])
def test_cli_fileb_url(data: bytes, tmp_path_factory: pytest.TempPathFactory) -> None:
    base = tmp_path_factory.mktemp("cli")
    value = base / "value.bin"
    value.write_bytes(data)
    assert cli_roundtrip(base, ["--secret-binary", f"fileb://{value}"]) == data


@FEW
@given(text=TEXT, end=st.sampled_from(["", "\n", "\r\n", "\n\n"]))
@example(text=BIG_TEXT, end="\n")
def test_cli_stdin(text: str, end: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    sent = text + end
    meant = sent[:-2] if sent.endswith("\r\n") else sent[:-1] if sent.endswith("\n") else sent
    base = tmp_path_factory.mktemp("cli")
    if utf8_fits(meant):
        assert cli_roundtrip(base, ["--secret-string", "-"], stdin=sent.encode()) == meant.encode()


PROMPT_TEXT = TEXT.map(lambda t: t.replace("\x1b", "").replace("\x03", "")).filter(bool)


@FEW
@given(
    lines=st.lists(
        PROMPT_TEXT.map(lambda t: t.replace("\r", "").replace("\n", "")).filter(bool), min_size=1, max_size=5
    ),
    sep=st.sampled_from(["\r", "\r\n", "\n"]),
)
@example(lines=[BIG_TEXT[:16383], BIG_TEXT[:16383] + "xyz"], sep="\r\n")  # 65,536 bytes meant
def test_masked_prompt_paste(store: Any, lines: list[str], sep: str) -> None:
    """The prompt's reader on a pipe, fed what a terminal sends for a bracketed paste and Enter."""
    meant = "\n".join(lines)
    data = b"\x1b[200~" + sep.join(lines).encode() + b"\x1b[201~\r"
    read_fd, write_fd = os.pipe()
    writer = subprocess.Popen(["cat"], stdin=subprocess.PIPE, stdout=write_fd)  # a pipe never blocks on size
    os.close(write_fd)
    assert writer.stdin is not None
    writer.stdin.write(data)
    writer.stdin.close()
    try:
        entry = read_entry(read_fd)
    finally:
        os.close(read_fd)
        writer.wait(timeout=30)
    assert entry.pasted
    if utf8_fits(meant):
        assert stored(store, entry.text) == meant.encode()
