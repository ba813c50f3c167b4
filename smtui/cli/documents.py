"""Request documents on the command line: `--cli-input-json` / `--cli-input-yaml` for every command, and the
`--generate-cli-skeleton` skeletons, generated from botocore's service model (smtui.cli.service_model).

A document's members fill only the options not given on the command line (flags win, as in the AWS CLI). JSON
`null` and the skeleton's empty-string placeholders mean "not given" (except a required member, whose "" is
passed on for the service to judge). Errors name the option and the member, never the document's text (it
may hold a secret value). The value-free CreateSecret document (keys, value wrapping, `to_cli_input`) is the
model's (smtui.model.cli_input): the wizard's review and the aws backend use it too; this module reads and
prints documents for the command line only. The safe YAML loader is smtui.cli.yaml_doc.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

from smtui.cli.bounded import document_too_large
from smtui.cli.spec import given_document as given_document  # read by the families that split a document
from smtui.errors import ParameterError
from smtui.model.limits import DOCUMENT_MAX

if TYPE_CHECKING:
    from smtui.cli.context import Context
    from smtui.cli.spec import OptionSpec
    from smtui.model.limits import BinaryFormat


def read_document(raw: str, option: str) -> Any:
    """A --cli-input-json/--cli-input-yaml argument (inline, or `file://PATH`) parsed; errors name the option
    and the kind of mistake, never the text (a document may hold a secret value)."""
    from smtui.cli.shorthand import load_json, read_text_file

    if raw.startswith("file://"):
        text = read_text_file(raw[len("file://") :], option)
    elif len(raw) > DOCUMENT_MAX // 4 and len(raw.encode("utf-8", "surrogatepass")) > DOCUMENT_MAX:
        raise document_too_large(option, "the document")
    else:
        text = raw
    if option != "--cli-input-yaml":
        return load_json(text, option)
    from smtui.cli.yaml_doc import load_yaml

    return load_yaml(text, option)


def document_members(
    given: Mapping[str, Any], specs: Sequence[tuple[str, OptionSpec]], context: Context
) -> dict[str, Any]:
    """The options (by field name) a document gives and the command line does not: checked for their kind."""
    found = given_document(given)
    if found is None:
        return {}
    option, raw = found
    return members_of(read_document(raw, option), option, given, specs, context)


def members_of(
    doc: Any, option: str, given: Mapping[str, Any], specs: Sequence[tuple[str, OptionSpec]], context: Context
) -> dict[str, Any]:
    """`document_members` for a document already read (a command that takes its value members out first)."""
    members = {spec.member: (dest, spec) for dest, spec in specs if spec.member is not None}
    names = ", ".join(members)
    if not isinstance(doc, dict):
        raise ParameterError(
            f"The {option} document must be an object whose keys are {context.operation} parameters: {names}.",
            field=option,
        )
    unknown = [str(k)[:60] for k in doc if k not in members]
    if unknown:
        raise ParameterError(
            f"{', '.join(map(repr, unknown[:5]))} in the {option} document: not "
            f"{context.operation} parameters; they are {names}.",
            field=unknown[0],
        )
    values: dict[str, Any] = {}
    for member, (dest, spec) in members.items():
        value = doc.get(member)
        if value is None or (value == "" and not spec.required) or dest in given:
            continue  # not given in the document, or the command line's option wins
        if not isinstance(value, spec.kind) or (spec.kind is int and isinstance(value, bool)):
            kind = "a list" if spec.kind is list else getattr(spec.kind, "__name__", "valid")
            raise ParameterError(f"{member} in the {option} document must be {kind}.", field=member)
        if spec.shorthand:
            _check_structures(member, cast(list[Any], value), spec, option)
        values[dest] = value
    return values


def _check_structures(member: str, items: list[Any], spec: OptionSpec, option: str) -> None:
    """A list of structures whose members are text (or lists of text). A YAML date (2024-01-01), number or
    `!!binary` is not text: say so (quoting it makes it text), instead of failing later on a type JSON cannot
    carry."""
    shape = ", ".join(f"{m}: [text, ...]" if m in spec.list_members else f"{m}: text" for m in spec.shorthand)
    for n, item in enumerate(items):
        ok = isinstance(item, dict) and all(isinstance(k, str) for k in item)
        unknown = sorted(set(item) - set(spec.shorthand)) if ok else []
        if unknown:
            raise ParameterError(
                f"{spec.option}: unknown member {unknown[0][:40]!r}; expected {', '.join(spec.shorthand)}",
                field=spec.option,
            )
        for name in spec.shorthand if ok else ():
            value = item.get(name, [] if name in spec.list_members else "")
            texts = value if name in spec.list_members and isinstance(value, list) else [value]
            ok = ok and (name not in spec.list_members or isinstance(value, list))
            ok = ok and all(isinstance(v, str) for v in texts)
        if not ok:
            raise ParameterError(
                f"{member}[{n}] in the {option} document must be {{{shape}}}; a date, "
                "a number, true/false or !!binary is not text (put it in quotes to make it text)",
                field=f"{member}[{n}]",
            )


def create_document(given: Mapping[str, Any], binary_format: BinaryFormat) -> Mapping[str, Any]:
    """create-secret's (and the wizard's) document as the model reads it (smtui.model.cli_input), or {}.

    A value is never taken from an *inline* document (that would put it in argv, like a literal
    --secret-string); from a `file://` document it is accepted, as a file is, with a note on stderr. Without
    a document nothing is imported (the wizard's start-up does not load pydantic for it).
    """
    found = given_document(given)
    if found is None:
        return {}
    from smtui.model.cli_input import from_cli_input

    option, raw = found
    data = from_cli_input(read_document(raw, option), binary_format=binary_format, option=option)
    value_source_rules(option, raw, data.value_members)
    return data


def value_source_rules(option: str, raw: str, value_members: Sequence[str]) -> None:
    """A document that carries the value: refused inline (it would be in argv), noted on stderr from a file."""
    if value_members and not raw.startswith("file://"):
        member = value_members[0]
        raise ParameterError(
            f"{member}: an inline {option} document may not carry the secret value: it would be "
            "saved in your shell history and visible in the process list. Put the document in a file "
            f"({option} file://PATH), or leave the value out and use --secret-string file://PATH or -.",
            field=member,
        )
    if value_members:
        print(
            f"smtui: note: the secret value was read from the {option} file; keep that file private or delete it",
            file=sys.stderr,
        )


# --- --generate-cli-skeleton -------------------------------------------------------------------------------


def input_skeleton(operation: str, members: Sequence[str]) -> dict[str, Any]:
    """botocore's input skeleton of the operation, limited to the members the command takes (a newer
    botocore's members smtui does not offer are left out, as the AWS CLI's own model does not have them)."""
    from smtui.cli.service_model import skeleton

    return {k: v for k, v in skeleton(operation, "input").items() if k in members}


def input_skeleton_text(operation: str, members: Sequence[str], kind: str) -> str:
    """What `--generate-cli-skeleton input|yaml-input` prints: JSON as the AWS CLI prints it, or YAML with
    each member's first documented sentence as a comment ([REQUIRED] for a required member)."""
    data = input_skeleton(operation, members)
    if kind != "yaml-input":
        import json  # here, not at the top: the wizard's start-up reads its options through this module

        return json.dumps(data, indent=4) + "\n"
    import yaml

    comments = _member_comments(operation)
    lines: list[str] = []
    for key, value in data.items():
        comment = f"  # {comments[key]}" if comments.get(key) else ""
        if isinstance(value, list | dict):
            lines.append(f"{key}:{comment}")
            lines.append(yaml.safe_dump(value, default_flow_style=False, sort_keys=False).rstrip("\n"))
        else:
            scalar = yaml.safe_dump(value, default_flow_style=True).splitlines()[0]
            lines.append(f"{key}: {scalar}{comment}")
    return "\n".join(lines) + "\n"


def _member_comments(operation: str) -> dict[str, str]:
    import html

    from smtui.cli.service_model import operation_shape, service_model

    shape = service_model()["shapes"][operation_shape(operation, "input") or ""]
    required = set(shape.get("required", ()))
    comments = {}
    for member, ref in shape.get("members", {}).items():
        text = html.unescape(re.sub(r"<[^>]+>", "", ref.get("documentation", "")))
        first = re.split(r"(?<=\.)\s", " ".join(text.split()), maxsplit=1)[0]
        comments[member] = ("[REQUIRED] " if member in required else "") + first
    return comments


def output_skeleton_text(operation: str) -> str:
    """What `--generate-cli-skeleton output` prints: botocore's response stub (member names as values)."""
    from smtui.cli.service_model import skeleton
    from smtui.output import OutputOptions, render

    return render(skeleton(operation, "output"), OutputOptions(format="json"))
