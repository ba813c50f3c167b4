"""What commands share once their options are read: opening the target, writing to stdout, the result of a
change that could not be printed, backend results as AWS-shaped dicts, and --debug logging.

Nothing here reads the command line: `smtui.cli.command.Context` holds the parsed global options.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from smtui import redact

if TYPE_CHECKING:
    from smtui.backends.base import Backend
    from smtui.settings import TargetSettings

log = logging.getLogger("smtui.cli")


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
        redact.configure_debug_logging(sys.stderr)
