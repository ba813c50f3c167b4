"""From parsed options to what every command needs: target settings, output options, a backend, printing."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from smtui.cli.parser import get
from smtui.output import OUTPUT_FORMATS, OutputFormat, OutputOptions, render
from smtui.settings import TargetSettings

if TYPE_CHECKING:
    from smtui.backends.base import Backend

log = logging.getLogger("smtui.cli")


def target_settings(ns: argparse.Namespace) -> TargetSettings:
    """The options that say where requests go, as TargetSettings (environment filled in by open_backend)."""
    store, key_file = get(ns, "store"), get(ns, "key_file")
    return TargetSettings(
        backend=get(ns, "backend"),
        store=Path(store).expanduser() if store else None,
        key_file=Path(key_file).expanduser() if key_file else None,
        profile=get(ns, "profile"),
        region=get(ns, "region"),
        endpoint_url=get(ns, "endpoint_url"),
        verify_ssl=not get(ns, "no_verify_ssl", False),
        ca_bundle=get(ns, "ca_bundle"),
        connect_timeout=get(ns, "cli_connect_timeout"),
        read_timeout=get(ns, "cli_read_timeout"),
        debug=bool(get(ns, "debug", False)),
    )


def output_options(ns: argparse.Namespace) -> OutputOptions:
    """--output (else AWS_DEFAULT_OUTPUT, else json), --query, --color (default auto)."""
    fmt = get(ns, "output") or os.environ.get("AWS_DEFAULT_OUTPUT") or "json"
    if fmt not in OUTPUT_FORMATS:
        fmt = "json"
    return OutputOptions(format=cast(OutputFormat, fmt), query=get(ns, "query"), color=get(ns, "color", "auto"))


def known_region(settings: TargetSettings) -> str | None:
    """The primary region as far as it is known without opening a backend (--region, then the environment)."""
    if settings.region:
        return settings.region
    if settings.backend == "local" or settings.with_env().backend == "local":
        return settings.local_region()
    return os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION")


def open_target(settings: TargetSettings) -> Backend:
    from smtui.backends import open_backend

    backend = open_backend(settings)
    log.debug("target: %s", backend.describe_target())
    return backend


def emit(data: Mapping[str, Any] | Sequence[Any], ns: argparse.Namespace, operation: str) -> None:
    """Print a response in the chosen format."""
    write_out(render(data, output_options(ns), title=operation))


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


def setup_debug(ns: argparse.Namespace) -> None:
    """--debug: DEBUG logs for smtui and botocore on stderr, through smtui.redact's filter (never a value)."""
    if not get(ns, "debug", False):
        return
    from smtui import redact

    configure = getattr(redact, "configure_debug_logging", None)
    if configure is not None:
        configure(sys.stderr)
    else:  # the redaction module is not there yet: log smtui's own lines only (they never carry the value)
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s - %(name)s - %(levelname)s - %(message)s"))
        logging.getLogger("smtui").addHandler(handler)
        logging.getLogger("smtui").setLevel(logging.DEBUG)
