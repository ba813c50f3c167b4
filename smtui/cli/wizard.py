"""`smtui` with no command: open the wizard, prefilled with create-secret's options (all but the value's).

Textual is imported only when the wizard really starts (smtui.startup.start_wizard). The prefill is the
AWS-shaped request document without a value ({"Name": ..., "Tags": [...], ...}): the --cli-input-json/
--cli-input-yaml document with the flags merged over it, exactly as create-secret would build it.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from smtui.cli.context import output_options, target_settings
from smtui.cli.parser import get
from smtui.errors import ParameterError

# create-secret's request options (parser.request_options, all SUPPRESS by default). Without any of them the
# prefill is empty, and request_doc, which imports pydantic and the model, is not loaded before the wizard's
# first frame (the start-up budget, docs/performance.md (d)).
_REQUEST_DESTS = (
    "name",
    "client_request_token",
    "description",
    "kms_key_id",
    "tags",
    "add_replica_regions",
    "force_overwrite_replica_secret",
    "type",
    "cli_input_json",
    "cli_input_yaml",
)


def open_wizard(parser: argparse.ArgumentParser, ns: argparse.Namespace) -> int:
    for option, attr in (("--secret-string", "secret_string"), ("--secret-binary", "secret_binary")):
        if get(ns, attr) is not None:
            raise ParameterError(
                f"{option}: the wizard asks for the value itself, masked. To give it from a file or standard "
                f"input, use: smtui create-secret ... {option} file://PATH (or -)",
                field=option,
            )
    prefill: dict[str, Any] = {}
    if any(dest in vars(ns) for dest in _REQUEST_DESTS):
        from smtui.cli.request_doc import VALUE_KEYS, load_document, merge_flags

        doc, _ = load_document(ns, get(ns, "cli_binary_format", "base64"))
        if any(k in doc for k in VALUE_KEYS):
            raise ParameterError(
                "the wizard takes the value only in its own masked field; remove SecretString/"
                "SecretBinary from the document, or use smtui create-secret",
                field="SecretString",
            )
        prefill = merge_flags(doc, ns)
    if not _stdin_is_terminal():
        raise ParameterError(
            "the wizard needs a terminal, and standard input is not one. In scripts use "
            "smtui create-secret ... (see smtui help create-secret)."
        )
    from smtui.startup import start_wizard  # Textual loads only there; the GC policy is smtui.startup's

    return start_wizard(target_settings(ns), prefill, output_options(ns))


def _stdin_is_terminal() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False
