"""smtui.model.value: summaries, hygiene findings and key/value JSON, without the value ever leaking out."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import SecretStr

from smtui.errors import ParameterError
from smtui.model.value import (
    MAX_VALUE_BYTES,
    describe_value,
    fingerprint,
    hygiene_findings,
    keyvalue_to_json,
)

MARKER = "Zq9-value-marker-XX"
PEM_KEY = "-----BEGIN PRIVATE KEY-----\nMIIBVQIBADANBgkqhkiG9w0BAQEFAASC\nAT8wggE7AgEAAkEA\n-----END PRIVATE KEY-----\n"
PEM_CERT = "-----BEGIN CERTIFICATE-----\nMIIBszCCAV2gAwIBAgIU\n-----END CERTIFICATE-----"


@pytest.mark.parametrize(
    ("value", "kind", "lines", "size"),
    [
        ("", "empty", 0, 0),
        (MARKER, "text", 1, len(MARKER)),
        ("héllo", "text", 1, 6),  # UTF-8 bytes, not characters
        ("a\nb\nc", "text", 3, 5),
        (PEM_KEY, "pem-private-key", 4, len(PEM_KEY)),
        (PEM_CERT, "pem-certificate", 3, len(PEM_CERT)),
        ("-----BEGIN PGP MESSAGE-----\nx\n-----END PGP MESSAGE-----", "pem", 3, 55),
        ('{"username":"u","password":"p"}', "json-object", 1, 31),
        ('["a", 1]', "json", 1, 8),
        ("{not json", "text", 1, 9),
        ("aGVsbG8gd29ybGQgaGVsbG8hIQ==", "base64", 1, 28),
        ("q83vEi5nNy1UHJwRk0aZbW9sYmFzZTY0ZGF0YWhlcmU", "text", 1, 43),  # not a multiple of 4
        ("q83vEi5nNy1UHJwRk0aZbW9sYmFzZTY0ZGF0YWhlcmUx", "base64", 1, 44),
        ("password1234abcd", "text", 1, 16),  # fits the alphabet, but nothing says "encoded"
        ("Zq9-ui-marker-XX", "text", 1, 16),
        ("password", "text", 1, 8),
        (b"\x00\x01\x02\xff", "binary", 0, 4),
        (b"plain bytes", "text", 1, 11),
    ],
)
def test_describe_value(value: str | bytes, kind: str, lines: int, size: int) -> None:
    s = describe_value(value)
    assert (s.kind, s.line_count, s.size_bytes) == (kind, lines, size)
    assert s.limit_bytes == MAX_VALUE_BYTES == 65_536
    assert s.fingerprint.startswith("session fingerprint ") and len(s.fingerprint) == len("session fingerprint ") + 8


def test_summary_never_contains_the_value() -> None:
    s = describe_value(MARKER)
    for text in (repr(s), str(s), s.one_line(), s.size_text(), s.kind_label):
        assert MARKER not in text
    assert s.one_line() == f"1 line · {len(MARKER)} / 65,536 bytes · plain text · {fingerprint(MARKER)}"


def test_over_limit_and_fingerprint_is_keyed_utf8() -> None:
    assert describe_value("x" * 65_537).over_limit
    assert not describe_value("x" * 65_536).over_limit
    assert fingerprint("abc") == fingerprint(b"abc") != "session fingerprint ba7816bf"  # not plain SHA-256


@pytest.mark.parametrize(
    ("value", "codes", "fixed"),
    [
        ("clean", [], {}),
        ("secret\n", ["trailing-newline"], {"trailing-newline": "secret"}),
        ("secret\r\n", ["trailing-newline"], {"trailing-newline": "secret"}),
        (" secret\t", ["surrounding-spaces"], {"surrounding-spaces": "secret"}),
        ("se\x00cret", ["nul"], {"nul": "secret"}),
        ("\ufeffsecret", ["bom"], {"bom": "secret"}),
        ('"secret"', ["quotes"], {"quotes": "secret"}),
        ("'secret'", ["quotes"], {"quotes": "secret"}),
        ("'", [], {}),
        ("\"secret'", [], {}),
        (
            " 'x'\n",
            ["trailing-newline", "surrounding-spaces"],
            {"trailing-newline": " 'x'", "surrounding-spaces": "'x'\n"},
        ),
        (b"\xef\xbb\xbfkey\n", ["trailing-newline", "bom"], {"trailing-newline": b"\xef\xbb\xbfkey", "bom": b"key\n"}),
        (b"\x00\x01\x02\xff\n", [], {}),  # binary data gets no text advice
    ],
)
def test_hygiene_findings(value: str | bytes, codes: list[str], fixed: dict[str, str | bytes]) -> None:
    findings = hygiene_findings(value)
    assert [f.code for f in findings] == codes
    for f in findings:
        assert f.title and f.explanation and f.fix_label
        if f.code in fixed:
            assert f.trim(value) == fixed[f.code]


def test_hygiene_is_advice_only() -> None:
    """Finding a problem never changes the value: only an explicit trim() does."""
    value = f" {MARKER}\n"
    findings = hygiene_findings(value)
    assert value == f" {MARKER}\n"
    assert all(MARKER not in f"{f} {f.explanation}" for f in findings)
    v = value
    for f in findings:
        v = f.trim(v)
    assert v == MARKER
    assert hygiene_findings(v) == []


def test_keyvalue_to_json() -> None:
    out = keyvalue_to_json([("username", "admin"), ("password", SecretStr(MARKER)), ("Username", "x")])
    assert json.loads(out) == {"username": "admin", "password": MARKER, "Username": "x"}
    assert out.startswith('{"username":"admin",')


@pytest.mark.parametrize(
    ("pairs", "words"),
    [
        ([("a", "1"), ("a", MARKER)], ["Row 2", "'a'", "row 1", "unique"]),
        ([("", MARKER)], ["Row 1", "no key"]),
        ([("  ", MARKER)], ["Row 1", "no key"]),
        ([], ["at least one"]),
    ],
)
def test_keyvalue_errors_in_plain_words(pairs: list[tuple[str, str]], words: list[str]) -> None:
    with pytest.raises(ParameterError) as info:
        keyvalue_to_json(pairs)
    text = str(info.value)
    for w in words:
        assert w in text
    assert MARKER not in text and MARKER not in repr(info.value.issues)


def test_value_and_password_models_import_no_textual() -> None:
    """The CLI's non-interactive paths use these modules: they must not pay for (or depend on) Textual."""
    import subprocess
    import sys

    code = (
        "import sys, smtui.model.value, smtui.model.password; "
        "sys.exit('textual' in sys.modules or 'boto3' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=200))
def test_nothing_shown_about_a_value_contains_it(tail: str) -> None:
    """Whatever the value, its summary and its warnings are safe to display ("Zq9" is in none of their words)."""
    for value in (f"Zq9{tail}", f"{tail}Zq9", f" 'Zq9{tail}'\n"):
        s = describe_value(value)
        shown = [repr(s), s.one_line()] + [f"{f!r} {f.explanation} {f.fix_label}" for f in hygiene_findings(value)]
        assert not any("Zq9" in text for text in shown)
        assert s.size_bytes == len(value.encode("utf-8"))
        for f in hygiene_findings(value):
            assert len(f.trim(value)) < len(value)  # a fix only ever removes characters
