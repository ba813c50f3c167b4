"""`smtui` with no command: open the wizard, prefilled with create-secret's options (all but the value's).

Textual is imported only when the wizard really starts (smtui.startup.wizard.start_wizard). The prefill is the
AWS-shaped request document without a value ({"Name": ..., "Tags": [...], ...}): the --cli-input-json/
--cli-input-yaml document with the flags merged over it, exactly as create-secret builds it
(smtui.cli.create.CreateSecretOptions; without a document nothing of pydantic or the model is loaded).
"""

from __future__ import annotations

import sys

from smtui.cli.command import Context
from smtui.cli.create import CreateSecretOptions
from smtui.errors import ParameterError


def open_wizard(options: CreateSecretOptions, context: Context) -> int:
    for option, given in (("--secret-string", options.secret_string), ("--secret-binary", options.secret_binary)):
        if given is not None:
            raise ParameterError(
                f"{option}: the wizard asks for the value itself, masked. To give it from a file or standard "
                f"input, use: smtui create-secret ... {option} file://PATH (or -)",
                field=option,
            )
    if options.document_value:
        raise ParameterError(
            "the wizard takes the value only in its own masked field; remove SecretString/"
            "SecretBinary from the document, or use smtui create-secret",
            field="SecretString",
        )
    prefill = dict(options.data)
    if not _stdin_is_terminal():
        raise ParameterError(
            "the wizard needs a terminal, and standard input is not one. In scripts use "
            "smtui create-secret ... (see smtui help create-secret)."
        )
    from smtui.startup.wizard import start_wizard  # Textual loads only there

    return start_wizard(context.target, prefill, context.output)


def _stdin_is_terminal() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False
