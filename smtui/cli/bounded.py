"""Reading a value or a document with a limit: never more than the limit (plus one byte) is held in memory.

Why: a plain `read()` of standard input or of `file:///dev/zero` grows until the process runs out of memory
(200 MB on standard input once reached 443 MB before the value was refused; `/dev/zero` ended in MemoryError).
Every source smtui reads for the person — the value (`file://`, `fileb://`, `-`) and every document or list
file (`--cli-input-json`, `--cli-input-yaml`, `--tags`, `--add-replica-regions`, `--filters`) — is read in
chunks and reading stops one byte past the limit, which is then refused (exit 252) in plain words. The limits
are the service's value limit (65,536 bytes) and smtui's document limit (`smtui.model.limits.DOCUMENT_MAX`,
1 MiB); both are in docs/cli.md.

The buffer that held a value is overwritten before it is dropped (best effort: the bytes returned are a copy
Python may keep, but no second, larger buffer of it is left behind).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

from smtui.errors import ParameterError
from smtui.model.limits import DOCUMENT_MAX, VALUE_MAX

CHUNK = 64 * 1024
PATH_SHOWN = 200  # a path in a message is cut here: messages stay short


class TooLarge(Exception):
    """The source holds more than the limit; only limit + 1 bytes were read."""


def read_at_most(stream: BinaryIO, limit: int) -> bytes:
    """Read `stream` to its end, or raise TooLarge as soon as more than `limit` bytes arrived."""
    buffer = bytearray()
    try:
        while len(buffer) <= limit:
            chunk = stream.read(min(CHUNK, limit + 1 - len(buffer)))
            if not chunk:
                return bytes(buffer)
            buffer += chunk
        raise TooLarge
    finally:
        buffer[:] = bytes(len(buffer))  # overwrite what was read (it may be the value) before it is freed


def read_file_at_most(path: str, limit: int) -> bytes:
    """A file's bytes, at most `limit` (TooLarge beyond); OSError as the system reports it."""
    fd = os.open(Path(path).expanduser(), os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb", buffering=0) as stream:
        return read_at_most(stream, limit)


def shown_path(path: str) -> str:
    """A path for a message: quoted, and cut when long."""
    return repr(path if len(path) <= PATH_SHOWN else path[:PATH_SHOWN] + "...")


def value_too_large(field: str, where: str) -> ParameterError:
    return ParameterError(
        f"{field}: {where} holds more than {VALUE_MAX} bytes, the most a secret value may have; smtui "
        "stopped reading just past that and sent nothing",
        field=field,
    )


def document_too_large(option: str, where: str = "the file") -> ParameterError:
    return ParameterError(
        f"{option}: {where} holds more than {DOCUMENT_MAX} bytes (1 MiB), the most smtui reads for a "
        "document or a list; smtui stopped reading there and sent nothing",
        field=option,
    )


def read_document_file(path: str, option: str) -> bytes:
    """A document or list file (`file://PATH` of --cli-input-json/yaml, --tags, ...), at most DOCUMENT_MAX."""
    try:
        return read_file_at_most(path, DOCUMENT_MAX)
    except TooLarge:
        raise document_too_large(option) from None
    except OSError as exc:
        raise ParameterError(
            f"{option}: cannot read file {shown_path(path)}: {exc.strerror or type(exc).__name__}", field=option
        ) from None
