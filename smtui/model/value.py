"""What a secret value looks like, without ever showing it: size, fingerprint, shape and hygiene warnings.

Pure Python (no Textual), shared by the wizard's Value step and anything else that must describe a value.
Every function here returns facts *about* the value (byte counts, a short hash, a category) and never the
value itself or any slice of it, so its results may be shown on screen, logged, or put in a screenshot.

The size/emptiness rule lives in the model's request rules (`smtui.model.validate_field`); `value_issues` only
forwards to it, so the 65,536-byte limit is written once.

Hygiene findings (trailing newline, surrounding spaces, NUL, BOM, surrounding quotes) are advice: each carries
a `trim()` that returns the fixed value, and nothing here ever applies it on its own — the person decides.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, overload

from pydantic import SecretBytes, SecretStr

from smtui.errors import Issue, ParameterError
from smtui.model.rules import VALUE_MAX

MAX_VALUE_BYTES = VALUE_MAX  # the limit is written once, in the model's rules

ValueKind = Literal[
    "empty", "pem-private-key", "pem-certificate", "pem", "json-object", "json", "base64", "text", "binary"
]

KIND_LABELS: dict[ValueKind, str] = {
    "empty": "empty",
    "pem-private-key": "PEM private key",
    "pem-certificate": "PEM certificate",
    "pem": "PEM block",
    "json-object": "JSON object",
    "json": "JSON (not an object)",
    "base64": "base64 text",
    "text": "plain text",
    "binary": "binary data",
}

FINGERPRINT_HEX_CHARS = 8

_PEM_BEGIN = re.compile(r"-----BEGIN ([A-Z0-9 ]+)-----")
_BASE64 = re.compile(r"[A-Za-z0-9+/_-]+={0,2}")


@dataclass(frozen=True)
class ValueSummary:
    """Facts about a value that are safe to show: nothing here can reconstruct it."""

    size_bytes: int
    line_count: int
    fingerprint: str
    kind: ValueKind
    limit_bytes: int = MAX_VALUE_BYTES

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def over_limit(self) -> bool:
        return self.size_bytes > self.limit_bytes

    def size_text(self) -> str:
        """`1,234 / 65,536 bytes` — the line the Value step always shows."""
        return f"{self.size_bytes:,} / {self.limit_bytes:,} bytes"

    def one_line(self) -> str:
        """`3 lines · 1,234 / 65,536 bytes · PEM private key · session fingerprint 1a2b3c4d`."""
        lines = "1 line" if self.line_count == 1 else f"{self.line_count:,} lines"
        return f"{lines} · {self.size_text()} · {self.kind_label} · {self.fingerprint}"


def _as_bytes(value: str | bytes) -> bytes:
    return value.encode("utf-8") if isinstance(value, str) else value


FINGERPRINT_LABEL = "session fingerprint"
_FINGERPRINT_KEY = secrets.token_bytes(32)  # made when the process starts, never stored, never shown


def use_fingerprint_key(key: bytes) -> None:
    """TEST SEAM: fix the fingerprint key so snapshots and screenshots draw the same on every run.

    Why a function and not an environment variable: production never calls it, and code that can call it
    runs inside the process and could read the value itself — so it cannot weaken what the fingerprint
    protects (a value against someone who only sees the fingerprint). An environment variable could be set
    by whoever starts smtui, and would make every fingerprint a fast offline oracle again.
    """
    global _FINGERPRINT_KEY
    if len(key) < 16:
        raise ValueError("a fingerprint key has at least 16 bytes")
    _FINGERPRINT_KEY = bytes(key)


def fingerprint(value: str | bytes) -> str:
    """`session fingerprint 1a2b3c4d`: tells two values apart within this run, without revealing either.

    Why keyed (HMAC-SHA256 under a random key made at start, never stored): a plain SHA-256 prefix of a
    low-entropy value (a 6-digit PIN) is reversed by trying every candidate in under a second, from a
    screenshot or a shared screen. Under a key nobody outside this process knows, the 32 bits say only
    "same as / different from the other value shown in this session"; the next run shows other digits.
    """
    digest = hmac.new(_FINGERPRINT_KEY, _as_bytes(value), hashlib.sha256).hexdigest()
    return f"{FINGERPRINT_LABEL} {digest[:FINGERPRINT_HEX_CHARS]}"


def _as_text(value: str | bytes) -> str | None:
    """The value as text, or None when it is bytes that are not UTF-8 text (then it is binary)."""
    if isinstance(value, str):
        return value
    try:
        text = value.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if any(ord(c) < 32 and c not in "\t\r\n" for c in text.replace("\x00", "")) or text.count("\x00") > 1:
        return None
    return text


def _looks_like(text: str) -> ValueKind:
    stripped = text.strip().lstrip("\ufeff")
    if not stripped:
        return "text" if text else "empty"
    begin = _PEM_BEGIN.search(stripped)
    if begin and stripped.startswith("-----BEGIN") and "-----END" in stripped:
        label = begin.group(1)
        if "PRIVATE KEY" in label:
            return "pem-private-key"
        if "CERTIFICATE" in label:
            return "pem-certificate"
        return "pem"
    if stripped[0] in '{["':
        try:
            parsed = json.loads(stripped)
        except ValueError:
            parsed = _NOT_JSON
        if isinstance(parsed, dict):
            return "json-object"
        if parsed is not _NOT_JSON and stripped[0] in '["':
            return "json"
    compact = "".join(stripped.split())
    # Any long word fits the alphabet; call it base64 only with a sign of encoding (padding, + or /) or
    # when it is long and mixes cases and digits like random bytes do.
    encoded = (
        compact.endswith("=")
        or "+" in compact
        or "/" in compact
        or (
            len(compact) >= 32
            and any(c.isupper() for c in compact)
            and any(c.islower() for c in compact)
            and any(c.isdigit() for c in compact)
        )
    )
    if encoded and len(compact) >= 16 and len(compact) % 4 == 0 and _BASE64.fullmatch(compact):
        try:
            base64.b64decode(compact.replace("-", "+").replace("_", "/"), validate=True)
        except (binascii.Error, ValueError):
            return "text"
        return "base64"
    return "text"


_NOT_JSON = object()


def describe_value(value: str | bytes) -> ValueSummary:
    """Size in UTF-8 bytes, line count, fingerprint and shape of a value — never any of its text."""
    data = _as_bytes(value)
    text = _as_text(value)
    if text is None:
        return ValueSummary(size_bytes=len(data), line_count=0, fingerprint=fingerprint(data), kind="binary")
    kind: ValueKind = _looks_like(text) if data else "empty"
    return ValueSummary(
        size_bytes=len(data), line_count=len(text.splitlines()), fingerprint=fingerprint(data), kind=kind
    )


# -- hygiene ---------------------------------------------------------------------------------------------

FindingCode = Literal["trailing-newline", "surrounding-spaces", "nul", "bom", "quotes"]

# Bytes are checked through latin-1, which maps every byte to one character and back unchanged.
_BOM_TEXT = "\ufeff"
_BOM_LATIN1 = "\xef\xbb\xbf"
_SPACES = " \t"
_QUOTES = ('"', "'", "`")


@dataclass(frozen=True)
class Finding:
    """One hygiene warning about a value: what it is, why it matters, and how `trim` would change it."""

    code: FindingCode
    title: str
    explanation: str
    fix_label: str

    @overload
    def trim(self, value: str) -> str: ...
    @overload
    def trim(self, value: bytes) -> bytes: ...

    def trim(self, value: str | bytes) -> str | bytes:
        """The value with this one problem removed. Never called without the person's say-so."""
        if isinstance(value, bytes):
            return _trim_text(self.code, value.decode("latin-1"), _BOM_LATIN1).encode("latin-1")
        return _trim_text(self.code, value, _BOM_TEXT)


def _trim_text(code: FindingCode, text: str, bom: str) -> str:
    if code == "trailing-newline":
        return text.rstrip("\r\n")
    if code == "surrounding-spaces":
        return text.strip(_SPACES)
    if code == "nul":
        return text.replace("\x00", "")
    if code == "bom":
        return text[len(bom) :] if text.startswith(bom) else text
    if len(text) >= 2 and text[0] == text[-1] and text[0] in _QUOTES:
        return text[1:-1]
    return text


_FINDINGS: dict[FindingCode, Finding] = {
    "trailing-newline": Finding(
        "trailing-newline",
        "Ends with a line break",
        "The value ends with a newline, which is common after copying from a file or a terminal. Programs "
        "that read the secret will get the newline too, and a password with a newline will not match.",
        "Remove the final line break",
    ),
    "surrounding-spaces": Finding(
        "surrounding-spaces",
        "Spaces or tabs at the start or end",
        "Leading or trailing spaces are invisible and are kept as part of the secret; they are usually a copy mistake.",
        "Remove spaces and tabs at both ends",
    ),
    "nul": Finding(
        "nul",
        "Contains a NUL character",
        "A NUL (zero) character cuts the value short in many programs written in C and in most shells.",
        "Remove every NUL character",
    ),
    "bom": Finding(
        "bom",
        "Starts with a byte-order mark",
        "The value starts with an invisible BOM (EF BB BF), left by some Windows editors. Programs that "
        "read the secret will see three extra bytes at the start.",
        "Remove the byte-order mark",
    ),
    "quotes": Finding(
        "quotes",
        "Wrapped in quotes",
        "The whole value is enclosed in matching quotes. If they came from a shell command or a config "
        "file, they are not part of the secret and will make it not match.",
        "Remove the surrounding quotes",
    ),
}


def hygiene_findings(value: str | bytes) -> list[Finding]:
    """The warnings that apply to a value, in a fixed order. Binary data that is not text gets none."""
    if isinstance(value, bytes):
        if _as_text(value) is None:
            return []
        text, bom = value.decode("latin-1"), _BOM_LATIN1
    else:
        text, bom = value, _BOM_TEXT
    codes: list[FindingCode] = []
    if text.endswith(("\n", "\r")):
        codes.append("trailing-newline")
    if text and (text[0] in _SPACES or text[-1] in _SPACES):
        codes.append("surrounding-spaces")
    if "\x00" in text:
        codes.append("nul")
    if text.startswith(bom):
        codes.append("bom")
    if len(text) >= 2 and text[0] == text[-1] and text[0] in _QUOTES:
        codes.append("quotes")
    return [_FINDINGS[c] for c in codes]


# -- key/value pairs -------------------------------------------------------------------------------------


def keyvalue_to_json(pairs: Iterable[tuple[str, str | SecretStr]]) -> str:
    """The JSON object most consumers of a secret expect (`{"username":"…","password":"…"}`).

    Keys are kept exactly as typed (case-sensitive); an empty key or a key used twice is an error naming the
    row, never the value. Compact separators, like the AWS console, so no byte is wasted.
    """
    issues: list[Issue] = []
    seen: dict[str, int] = {}
    obj: dict[str, str] = {}
    for row, (key, raw) in enumerate(pairs, start=1):
        field = f"SecretString.pair[{row}]"
        if not key.strip():
            issues.append(Issue(field, f"Row {row} has no key. Every value needs a key name."))
            continue
        if key in seen:
            issues.append(
                Issue(
                    field, f"Row {row} uses the key {key!r} again (first used in row {seen[key]}). Keys must be unique."
                )
            )
            continue
        seen[key] = row
        obj[key] = raw.get_secret_value() if isinstance(raw, SecretStr) else raw
    if not obj and not issues:
        issues.append(Issue("SecretString", "Add at least one key and value."))
    if issues:
        raise ParameterError.from_issues(issues)
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


# -- the model's rule ------------------------------------------------------------------------------------


def value_issues(value: str | bytes) -> list[Issue]:
    """The request rules for this value (size, emptiness), as the model checks them: none is repeated here."""
    from smtui.model import validate_field

    if isinstance(value, bytes):
        return validate_field("SecretBinary", SecretBytes(value))
    return validate_field("SecretString", SecretStr(value))
