"""The request document of a command that takes a new value (put-secret-value, update-secret).

Their documents are not CreateSecret documents, so the value members are taken out here, wrapped at once in
SecretStr/SecretBytes by the model's own wrapping (smtui.model.cli_input), and the rest goes through the generic
member rules (smtui.cli.documents): an inline document may not carry the value, a file document may (with a note),
exactly as for create-secret. The value options themselves are read by create-secret's reader (smtui.cli.create).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from smtui.cli.create import VALUE_MEMBERS

if TYPE_CHECKING:
    from smtui.cli.command import Context, OptionSpec


def split_document(
    parsed: Mapping[str, Any], specs: Sequence[tuple[str, OptionSpec]], context: Context
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The parsed options (argparse's, as a mapping: the Namespace itself stays at the seam) with the document's
    members filled in where no flag was given (the document options removed), and the document's value members,
    wrapped."""
    from smtui.cli.documents import given_document, members_of, read_document, value_source_rules
    from smtui.model.cli_input import _wrap_value

    given = dict(parsed)
    found = given_document(given)
    if found is None:
        return given, {}
    option, raw = found
    doc = read_document(raw, option)
    value: dict[str, Any] = {}
    if isinstance(doc, Mapping):
        doc = dict(doc)
        for key in VALUE_MEMBERS:
            member = doc.pop(key, None)
            if member is not None and member != "":
                value[key] = _wrap_value(key, member, context.binary_format)
    value_source_rules(option, raw, list(value))
    members = members_of(doc, option, given, [(d, s) for d, s in specs if s.member not in VALUE_MEMBERS], context)
    for dest in ("cli_input_json", "cli_input_yaml"):
        given.pop(dest, None)
    given.update(members)
    return given, value
