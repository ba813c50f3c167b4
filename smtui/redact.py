"""Keeping secret values out of logs, including botocore's own debug logs.

Used by the CLI's --debug and by the wizard:
- `configure_debug_logging(stream)` turns on DEBUG logging for smtui and botocore with a filter that redacts
  SecretString / SecretBinary members structurally, every registered secret (raw, JSON-escaped, base64), and
  every SHA-256 digest (botocore's SigV4 payload hash would give a low-entropy value back).
- `secret_scope(value)` is a context manager that registers a value while a request is in flight.

Why two layers: botocore logs the request params and the raw request and response bodies (`Making request ...
with params: {... 'body': b'{"SecretString": ...}'}`, `Response body: b'{...}'`), so the filter first rewrites
the log record's arguments structurally — every `SecretString`/`SecretBinary` member of any dict, and of any
JSON document held in a str/bytes argument, becomes `***REDACTED***` — before the message is formatted. That
covers values the process never knew beforehand (a GetSecretValue response). Then every value registered by
`secret_scope` is replaced in the formatted text in each form it can take there (raw, JSON-escaped,
Python-repr-escaped, base64), which covers shapes the structural pass does not know. A regex pass over the
text is the last, best-effort net for records whose message was formatted before it reached us.

The filter sits on the handler and rewrites the record in place, so handlers further up (the root logger's)
only ever see the redacted text.
"""

from __future__ import annotations

import base64
import json
import logging
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

REDACTED = "***REDACTED***"
MIN_FORM = 4  # shortest spelling of a value replaced in free text (see _forms)
SECRET_MEMBERS = frozenset({"SecretString", "SecretBinary"})
DEBUG_LOGGERS = ("smtui", "botocore", "boto3", "urllib3", "s3transfer")
LOG_FORMAT = "%(asctime)s - %(threadName)s - %(name)s - %(levelname)s - %(message)s"

_lock = threading.Lock()
_registered: dict[str | bytes, int] = {}  # value -> how many scopes hold it (they nest, and run in threads)
_generation = 0
_pattern_cache: tuple[int, re.Pattern[str] | None] = (-1, None)

# Best effort on formatted text: a secret member's quoted value, up to the quote that closes the member.
_MEMBER_IN_TEXT = re.compile(
    r"""(?P<key>\\{0,2}["']SecretString\\{0,2}["']|\\{0,2}["']SecretBinary\\{0,2}["'])\s*:\s*"""
    r"""(?P<value>b?(?P<q>\\{0,2}["']).*?(?P=q)(?=\s*[,}\])]|\s*$))""",
    re.DOTALL,
)


@contextmanager
def secret_scope(value: str | bytes | None) -> Iterator[None]:
    """Register `value` for redaction while the block runs (a request carrying it is in flight).

    Registration is O(1); the redaction forms are computed only when a record is actually logged, so the cost
    without --debug is nil.
    """
    if not value:
        yield
        return
    _change(value, +1)
    try:
        yield
    finally:
        _change(value, -1)


def _change(value: str | bytes, delta: int) -> None:
    global _generation
    with _lock:
        count = _registered.get(value, 0) + delta
        if count > 0:
            _registered[value] = count
        else:
            _registered.pop(value, None)
        _generation += 1


def _forms(value: str | bytes) -> set[str]:
    """Every spelling of `value` that can appear in a formatted log line."""
    raw = value if isinstance(value, bytes) else value.encode("utf-8")
    forms = {repr(raw)[2:-1]}
    for encoded in (base64.b64encode(raw), base64.urlsafe_b64encode(raw)):
        text = encoded.decode("ascii")
        forms.update({text, text.rstrip("=")})
    try:
        as_text = value if isinstance(value, str) else raw.decode("utf-8")
    except UnicodeDecodeError:
        as_text = None
    if as_text is not None:
        json_forms = {json.dumps(as_text)[1:-1], json.dumps(as_text, ensure_ascii=False)[1:-1]}
        forms.update({as_text, repr(as_text)[1:-1]}, json_forms)
        for form in json_forms:  # a JSON body logged as the repr of str or bytes
            forms.update({repr(form)[1:-1], repr(form.encode("utf-8"))[2:-1]})
    # Forms shorter than MIN_FORM are not searched in free text: replacing every "v" of a message for the
    # value "v" would mangle it AND reveal the value by where the gaps fall. Such values are still removed
    # structurally (the SecretString/SecretBinary members), which is where a value can actually be.
    return {f for f in forms if len(f) >= MIN_FORM}


def _registered_pattern() -> re.Pattern[str] | None:
    global _pattern_cache
    with _lock:
        generation, values = _generation, list(_registered)
    cached_generation, pattern = _pattern_cache
    if cached_generation == generation:
        return pattern
    forms = set().union(*(_forms(v) for v in values)) if values else set()
    pattern = re.compile("|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))) if forms else None
    _pattern_cache = (generation, pattern)
    return pattern


HASH_REDACTED = "***HASH-REDACTED***"
# A SHA-256 digest as botocore's SigV4 signer logs it: hex (the canonical request's payload hash, the
# x-amz-content-sha256 header, the StringToSign's hash of the canonical request, the signature) or base64
# (x-amz-checksum-sha256). Every one is a function of the request body, so for a body that holds a
# low-entropy value (a 4-digit PIN) an offline search over the candidates finds the value from the hash
# alone: the payload hash directly, the StringToSign hash through the rest of the canonical request, which
# is logged too. No hash is worth that in a debug log, so every one is removed, value in flight or not.
_DIGESTS = re.compile(r"(?<![0-9A-Za-z])(?:[0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)(?![0-9A-Za-z])")


def redact_text(text: str) -> str:
    """Redact secret members, every SHA-256 digest and every registered value from already formatted text."""
    text = _MEMBER_IN_TEXT.sub(lambda m: f"{m.group('key')}: {m.group('q')}{REDACTED}{m.group('q')}", text)
    text = _DIGESTS.sub(HASH_REDACTED, text)
    pattern = _registered_pattern()
    return pattern.sub(REDACTED, text) if pattern is not None else text


def scrub(obj: Any) -> Any:
    """A copy of `obj`, every SecretString/SecretBinary member replaced, looking inside JSON str/bytes too.

    Never mutates `obj`: botocore logs the very dict it is about to send.
    """
    if isinstance(obj, dict):
        return {k: (REDACTED if k in SECRET_MEMBERS else scrub(v)) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return type(obj)(scrub(v) for v in obj)
    if isinstance(obj, bytes | bytearray):
        document = _json_document(bytes(obj))
        return obj if document is None else json.dumps(scrub(document)).encode("utf-8")
    if isinstance(obj, str):
        document = _json_document(obj)
        return obj if document is None else json.dumps(scrub(document))
    return obj


def _json_document(data: str | bytes) -> Any:
    stripped = data.lstrip()
    if stripped[:1] not in ("{", b"{", "[", b"["):
        return None
    try:
        return json.loads(data)
    except ValueError:
        return None


class RedactingFilter(logging.Filter):
    """Rewrites each record so no secret value survives formatting, whatever handler formats it later."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            if record.args:
                record.args = scrub(record.args)
            message = record.getMessage()
        except Exception:  # a broken record must not leak its raw args through logging's own error path
            message = "[log record could not be formatted; redacted]"
        record.msg, record.args = redact_text(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact_text(record.exc_text)
        if record.stack_info:
            record.stack_info = redact_text(record.stack_info)
        return True


_saved_state: dict[str, tuple[int, bool]] = {}  # each logger's level and propagate before the first handler
_handlers: list[logging.Handler] = []


def configure_debug_logging(stream: IO[str] | None = None) -> logging.Handler:
    """DEBUG for smtui, botocore, boto3, urllib3 to `stream` (default stderr), redacted; returns the handler.

    The loggers stop propagating so no handler installed elsewhere sees their records; `stop_debug_logging`
    undoes all of it (tests, or a wizard that turns --debug off).
    """
    handler = logging.StreamHandler(stream if stream is not None else sys.stderr)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(RedactingFilter())
    handler.setLevel(logging.DEBUG)
    _handlers.append(handler)
    for name in DEBUG_LOGGERS:
        logger = logging.getLogger(name)
        _saved_state.setdefault(name, (logger.level, logger.propagate))
        logger.setLevel(logging.DEBUG)
        logger.propagate = False
        logger.addHandler(handler)
    return handler


def stop_debug_logging(handler: logging.Handler) -> None:
    """Remove a handler made by `configure_debug_logging` and restore the loggers' levels."""
    if handler in _handlers:
        _handlers.remove(handler)
    for name in DEBUG_LOGGERS:
        logger = logging.getLogger(name)
        logger.removeHandler(handler)
        if not _handlers and name in _saved_state:
            logger.level, logger.propagate = _saved_state.pop(name)
    handler.close()
