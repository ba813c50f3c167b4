"""Telling a value *source* from a literal value, and the refusal of a literal — light enough to run first.

Kept apart from value_source (which needs pydantic) so that `refuse_literal_values` runs before anything
heavy is imported, on every command line.
"""

from __future__ import annotations

from smtui.errors import ParameterError


def is_value_reference(arg: str) -> bool:
    """Is this a value *source* (allowed) rather than a literal value (refused)?"""
    return arg == "-" or arg.startswith(("file://", "fileb://"))


def literal_refusal(option: str) -> ParameterError:
    """The refusal of a value typed on the command line. Never contains the value."""
    field = "SecretString" if option == "--secret-string" else "SecretBinary"
    kind = "fileb://PATH" if field == "SecretBinary" else "file://PATH"
    return ParameterError(
        f"{option} does not take the secret value itself: a value on the command line is saved in your "
        "shell history and visible to other users in the process list (ps). "
        f"Give {option} {kind} (a file), or {option} - (standard input, e.g. from a password manager), "
        f"or leave {option} out on a terminal to be asked for the value with a masked prompt. "
        "If the value was a real secret, consider it exposed and rotate it.",
        field=field,
    )
