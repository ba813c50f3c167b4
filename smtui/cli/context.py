"""What every command shares: `Context` (the global options, read once from the command line), opening the
target, writing to stdout, the result of a change that could not be printed, backend results as AWS-shaped
dicts, and --debug logging.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from smtui.cli.spec import SkeletonKind
from smtui.model.limits import BINARY_FORMATS, BinaryFormat
from smtui.output import OUTPUT_FORMATS, OutputFormat, OutputOptions
from smtui.settings import TargetSettings

if TYPE_CHECKING:
    from smtui.backends.base import Backend

log = logging.getLogger("smtui.cli")


@dataclass(frozen=True, kw_only=True)
class Context:
    """What every command gets besides its own options, read once from the global options."""

    command: str  # "describe-secret", "kms create-key"; "" for the wizard
    operation: str  # the service operation, for error lines ("when calling the X operation") and titles
    target: TargetSettings
    output: OutputOptions
    binary_format: BinaryFormat = "base64"
    no_paginate: bool = False
    debug: bool = False
    skeleton: SkeletonKind | None = None

    @classmethod
    def from_namespace(cls, ns: argparse.Namespace, command: str = "", operation: str = "CreateSecret") -> Context:
        given = vars(ns)
        store, key_file = given.get("store"), given.get("key_file")
        fmt = given.get("output") or os.environ.get("AWS_DEFAULT_OUTPUT") or "json"
        return cls(
            command=command,
            operation=operation,
            target=TargetSettings(
                backend=given.get("backend"),
                store=Path(store).expanduser() if store else None,
                key_file=Path(key_file).expanduser() if key_file else None,
                profile=given.get("profile"),
                region=given.get("region"),
                endpoint_url=given.get("endpoint_url"),
                verify_ssl=not given.get("no_verify_ssl", False),
                ca_bundle=given.get("ca_bundle"),
                connect_timeout=given.get("cli_connect_timeout"),
                read_timeout=given.get("cli_read_timeout"),
                debug=bool(given.get("debug", False)),
            ),
            output=OutputOptions(
                format=cast(OutputFormat, fmt if fmt in OUTPUT_FORMATS else "json"),
                query=given.get("query"),
                color=given.get("color", "auto"),
            ),
            binary_format=cast(BinaryFormat, given.get("cli_binary_format", BINARY_FORMATS[0])),
            no_paginate=bool(given.get("no_paginate", False)),
            debug=bool(given.get("debug", False)),
            skeleton=given.get("generate_cli_skeleton"),
        )

    def known_region(self) -> str | None:
        """The primary region as far as it is known without opening a backend (--region, then the environment)."""
        settings = self.target
        if settings.region:
            return settings.region
        if settings.backend == "local" or settings.with_env().backend == "local":
            return settings.local_region()
        return os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION")

    def open_backend(self, settings: TargetSettings | None = None) -> Backend:
        """The backend the target options name (close it when done: `try: ... finally: backend.close()`)."""
        return open_target(settings or self.target)

    def emit(self, data: Mapping[str, Any] | Sequence[Any]) -> None:
        """Print a response in the chosen format (--output, --query)."""
        from smtui.output import render

        write_out(render(data, self.output, title=self.operation))

    def emit_change(self, data: Mapping[str, Any]) -> int:
        """Print the result of a command that changed something; when it cannot be printed, say on stderr what
        was done and exit 0 (smtui.cli.stdio). Returns the exit code."""
        from smtui.cli.stdio import OutputFailed

        try:
            self.emit(data)
        except OutputFailed as exc:
            return done_but_unwritten(self.operation, data, exc)
        return 0

    def write(self, text: str) -> None:
        """Write text to stdout as it is (a skeleton); a reader that went away is not an error."""
        write_out(text)


def open_target(settings: TargetSettings) -> Backend:
    from smtui.backends import open_backend

    backend = open_backend(settings)
    log.debug("target: %s", backend.describe_target())
    return backend


def write_out(text: str) -> None:
    """Write to stdout; a reader that went away (`smtui ... | head -1`) is not an error, as in the AWS CLI.
    Any other failure raises smtui.cli.stdio.OutputFailed (closed, full, an encoding that cannot carry it)."""
    from smtui.cli.stdio import write_stdout

    write_stdout(text)


def done_but_unwritten(operation: str, data: Mapping[str, Any], failure: Exception) -> int:
    """A command that changed something could not print its result: say on stderr what it did, exit 0.

    Why 0: the change happened (re-running a create would fail with ResourceExistsException, and the AWS
    CLI, whose formatter ignores errors writing the output, exits 0 too); what the person must learn, the
    ARN, goes to stderr instead. See smtui.cli.stdio.
    """
    from smtui.cli.stdio import say

    reason = getattr(failure, "reason", type(failure).__name__)
    say(f"smtui: {operation} succeeded, but its result could not be written to standard output ({reason}).")
    for member in ("ARN", "Name", "VersionId", "DeletionDate", "KeyId", "Arn"):
        if member in data and data[member] is not None:
            say(f"smtui: {member}: {data[member]}")
    return 0


def as_dict(result: Any) -> dict[str, Any]:
    """A backend result (smtui result model, pydantic model or dict) as the AWS-shaped dict."""
    if result is None:
        return {}
    if hasattr(result, "to_aws"):
        return dict(result.to_aws())
    if hasattr(result, "model_dump"):
        return dict(result.model_dump(mode="python", exclude_none=True))
    return dict(result)


def setup_debug(debug: bool) -> None:
    """--debug: DEBUG logs for smtui and botocore on stderr, through smtui.redact's filter (never a value)."""
    if debug:
        from smtui import redact  # only with --debug: the wizard's start-up goes without it

        redact.configure_debug_logging(sys.stderr)
