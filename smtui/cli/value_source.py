"""Where the secret value comes from on the command line — and where it may never come from.

Allowed: `file://PATH` (text, UTF-8, kept exactly), `fileb://PATH` (bytes, kept exactly), `-` (standard
input), or, when no value option is given and standard input is a terminal, a masked prompt. A literal value
after `--secret-string`/`--secret-binary` is refused (exit 252): it would already be in the shell history and
visible to every user in the process list, so the message explains that and what to do instead, and never
repeats the value.

Decisions (documented in the help text too):
- `--secret-string -`: exactly ONE trailing "\n" (or "\r\n") is removed, because `echo`, here-strings and most
  editors add one that nobody meant to store; smtui says so on stderr when it happens. Anything else is kept.
- `--secret-binary -` and `fileb://` keep every byte.
- `--secret-string -` when standard input is a terminal uses the masked prompt: reading the terminal as a file
  would echo every key typed.
- `--secret-binary file://PATH` follows --cli-binary-format: `base64` (default) means the file holds base64
  text; `raw-in-base64-out` means the file's bytes are the value.
- The masked prompt echoes nothing (not even '*'), reads in non-canonical mode so long pastes are not cut at
  the terminal's 4 KiB line limit, and asks twice for a typed value (a mistyped secret is worse than typing it
  again; up to three tries) but once for a pasted one (bracketed paste, which also keeps a pasted block's
  line breaks). It stores a string value.
"""

from __future__ import annotations

import base64
import binascii
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

from pydantic import SecretBytes, SecretStr

from smtui.cli.bounded import (
    TooLarge,
    read_at_most,
    read_file_at_most,
    shown_path,
    value_too_large,
)
from smtui.cli.literal import literal_refusal
from smtui.errors import ParameterError
from smtui.model.limits import DOCUMENT_MAX, VALUE_MAX, BinaryFormat

if TYPE_CHECKING:
    from smtui.cli.masked import Entry

STDIN_NEWLINE_NOTE = "smtui: removed one trailing newline from standard input"
PROMPT_TRIES = 3
STDIN = "-"
STDIN_SLACK = 2  # `--secret-string -` may end in one "\r\n" that is removed: read that much more


@dataclass(frozen=True)
class SecretValue:
    """The value read, wrapped; one of the two is set (both only when a request gave both, for the model
    to refuse)."""

    string: SecretStr | None = None
    binary: SecretBytes | None = None

    def request_fields(self) -> dict[str, SecretStr | SecretBytes]:
        """Every member that is set, so the model sees both when both were given (and refuses them)."""
        fields: dict[str, SecretStr | SecretBytes] = {}
        if self.string is not None:
            fields["SecretString"] = self.string
        if self.binary is not None:
            fields["SecretBinary"] = self.binary
        return fields

    def plaintext(self) -> str | bytes:
        """For registering with the debug-log redactor only."""
        if self.string is not None:
            return self.string.get_secret_value()
        return self.binary.get_secret_value() if self.binary is not None else b""


def read_value(
    secret_string: str | None,
    secret_binary: str | None,
    *,
    binary_format: BinaryFormat = "base64",
    stdin: BinaryIO | None = None,
    notify: Callable[[str], None] | None = None,
    prompt_allowed: bool = True,
) -> SecretValue | None:
    """Read the value as the options say; None when there is none (a secret without a value is allowed)."""
    say = notify or _stderr
    if secret_string is not None and secret_binary is not None:
        # the model's rule, before anything is read (both could not come from one standard input anyway)
        from smtui.model.rules import both_values_issues

        raise ParameterError.from_issues(both_values_issues(True, True))
    src = stdin if stdin is not None else _standard_input()
    if secret_string == STDIN and _is_tty(src) and prompt_allowed:
        # reading a terminal "file" would echo every key typed: ask with the masked prompt instead
        return SecretValue(string=SecretStr(prompt_masked()))
    if secret_string is not None:
        return SecretValue(string=SecretStr(_string_from(secret_string, src, say)))
    if secret_binary is not None:
        return SecretValue(binary=SecretBytes(_binary_from(secret_binary, src, binary_format)))
    if prompt_allowed and _is_tty(src):
        return SecretValue(string=SecretStr(prompt_masked()))
    return None


def _string_from(arg: str, stdin: BinaryIO | None, say: Callable[[str], None]) -> str:
    if arg == "-":
        raw = _read_stdin(stdin, VALUE_MAX + STDIN_SLACK, "SecretString")
        text = _decode(raw, "standard input")
        if text.endswith("\r\n"):
            text = text[:-2]
            say(STDIN_NEWLINE_NOTE)
        elif text.endswith("\n"):
            text = text[:-1]
            say(STDIN_NEWLINE_NOTE)
        return text
    if arg.startswith("file://"):
        return _decode(_read_file(arg[len("file://") :], "--secret-string", VALUE_MAX), "the file")
    if arg.startswith("fileb://"):
        return _decode(_read_file(arg[len("fileb://") :], "--secret-string", VALUE_MAX), "the file")
    raise literal_refusal("--secret-string")


def _binary_from(arg: str, stdin: BinaryIO | None, binary_format: BinaryFormat) -> bytes:
    if arg == "-":
        return _read_stdin(stdin, VALUE_MAX, "SecretBinary")
    if arg.startswith("fileb://"):
        return _read_file(arg[len("fileb://") :], "--secret-binary", VALUE_MAX)
    if arg.startswith("file://"):
        if binary_format == "raw-in-base64-out":
            return _read_file(arg[len("file://") :], "--secret-binary", VALUE_MAX)
        # base64 text of a 64 KiB value is ~87 KiB (more with line breaks): read it as a document, and let the
        # model refuse a decoded value over the limit
        data = _read_file(arg[len("file://") :], "--secret-binary", DOCUMENT_MAX)
        try:
            return base64.b64decode(b"".join(data.split()), validate=True)
        except (binascii.Error, ValueError):
            raise ParameterError(
                "SecretBinary: with --cli-binary-format base64 (the default) a file:// file must hold "
                "base64 text; use fileb://PATH for the raw bytes, or --cli-binary-format raw-in-base64-out",
                field="SecretBinary",
            ) from None
    raise literal_refusal("--secret-binary")


def _decode(raw: bytes, where: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ParameterError(
            f"SecretString: {where} is not valid UTF-8 text; store it with --secret-binary (fileb://PATH or -) instead",
            field="SecretString",
        ) from None


def _read_file(path: str, option: str, limit: int) -> bytes:
    field = "SecretBinary" if option == "--secret-binary" else "SecretString"
    try:
        return read_file_at_most(path, limit)
    except TooLarge:
        if limit == VALUE_MAX:
            raise value_too_large(field, "the file") from None
        raise ParameterError(
            f"{field}: the file holds more than {limit} bytes, far more than the base64 text of a "
            f"{VALUE_MAX}-byte value; smtui stopped reading there and sent nothing",
            field=field,
        ) from None
    except OSError as exc:
        raise ParameterError(
            f"{option}: cannot read file {shown_path(path)}: {exc.strerror or type(exc).__name__}",
            field=field,
        ) from None


def _read_stdin(stdin: BinaryIO | None, limit: int, field: str) -> bytes:
    """Standard input, at most `limit` bytes; a closed standard input is a parameter error."""
    if stdin is None:
        raise ParameterError(
            f"{field}: the value was to come from standard input (-), but standard input is closed; "
            "give the value with file://PATH, or run the command with a standard input",
            field=field,
        )
    try:
        return read_at_most(stdin, limit)
    except TooLarge:
        raise value_too_large(field, "standard input") from None


def _standard_input() -> BinaryIO | None:
    """The process's standard input as bytes; None when it was closed at start (`<&-`)."""
    stream = sys.stdin
    buffer = getattr(stream, "buffer", None) if stream is not None else None
    return buffer if buffer is not None else None


def _is_tty(stream: BinaryIO | None) -> bool:
    if stream is None:
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _write_stderr(text: str) -> None:
    sys.stderr.write(text)
    sys.stderr.flush()


def prompt_masked(fd: int | None = None, out: Callable[[str], None] | None = None) -> str:
    """Ask for the value on the terminal, echoing nothing; a typed value is asked twice, a pasted one once."""
    from smtui.cli.masked import silent_terminal

    tty_fd = sys.stdin.fileno() if fd is None else fd
    write = out or _write_stderr
    with silent_terminal(tty_fd, write if _stderr_is_terminal() or out else None):
        for attempt in range(1, PROMPT_TRIES + 1):
            write("Secret value (input hidden; paste or type, then Enter): ")
            first = _bounded_entry(tty_fd)
            write("\n")
            if not first.text:
                write("smtui: the value is empty; type it again, or press Ctrl+C to stop\n")
                continue
            if first.pasted:
                write(
                    f"smtui: pasted value received ({len(first.text.encode())} bytes, "
                    f"{first.text.count(chr(10)) + 1} line(s))\n"
                )
                return first.text
            write("Type it again to confirm: ")
            second = _bounded_entry(tty_fd)
            write("\n")
            if first.text == second.text:
                return first.text
            if attempt < PROMPT_TRIES:
                write("smtui: the two entries differ; try again\n")
    raise ParameterError(
        f"SecretString: the value was not confirmed (the entries differed or were empty {PROMPT_TRIES} times)",
        field="SecretString",
    )


def _bounded_entry(fd: int) -> Entry:
    """One entry of at most a value's maximum; more is refused (the prompt kept none of it)."""
    from smtui.cli.masked import read_entry

    entry = read_entry(fd, VALUE_MAX)
    if entry.too_long:
        raise ParameterError(
            f"SecretString: the entry holds more than {VALUE_MAX} bytes, the most a secret value may have; "
            "smtui kept none of it and sent nothing",
            field="SecretString",
        )
    return entry


def _stderr_is_terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def stdin_is_terminal() -> bool:
    try:
        return os.isatty(sys.stdin.fileno())
    except (OSError, ValueError, AttributeError):  # AttributeError: standard input closed (sys.stdin None)
        return False
