"""How an option of a command is declared: `option(...)`, a dataclass field that says how the option appears on
the command line (`--secret-id`) and in a request document (`SecretId`); and the options every command that
takes a request document shares (--cli-input-json/--cli-input-yaml, --generate-cli-skeleton).

The lowest module of the command seam: smtui.cli.documents and smtui.cli.command read these specs, the parser
adds them; it imports nothing of smtui.cli but the shorthand parser, when a value is parsed.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

SkeletonKind = Literal["input", "yaml-input", "output"]
SKELETON_KINDS: tuple[str, ...] = get_args(SkeletonKind)
SPEC = "smtui.cli.option"  # the dataclass field metadata key


@dataclass(frozen=True)
class OptionSpec:
    """How one field of an options class appears on the command line and in a request document."""

    flags: tuple[str, ...]
    member: str | None  # the request member in --cli-input-json (None: a command-line option only)
    kind: type  # what a document's member must be: str, int, bool or list
    required: bool  # from the command line or the document; checked after both are read
    shorthand: tuple[str, ...]  # a list-of-structures option (Key=k,Value=v ...): the structure's members
    list_members: tuple[str, ...]  # of those, the ones that are lists (Values=a,b)
    arguments: Mapping[str, Any]  # the rest of argparse's add_argument keywords (help, metavar, choices...)

    @property
    def option(self) -> str:
        return self.flags[0]


def option(
    *flags: str,
    member: str | None = None,
    kind: type = str,
    required: bool = False,
    shorthand: tuple[str, ...] = (),
    list_members: tuple[str, ...] = (),
    default: Any = None,
    **arguments: Any,
) -> Any:
    """A field of an options class: `secret_id: str = option("--secret-id", member="SecretId", required=True)`.

    kind=bool gives `--x/--no-x` (argparse.BooleanOptionalAction), kind=int `type=int`, shorthand=(...) a
    list of structures (`nargs="+"`, parsed by smtui.cli.shorthand). `default` is the value when neither the
    command line nor the document gives one. Other keywords go to argparse (help, metavar, choices, type).
    """
    spec = OptionSpec(tuple(flags), member, list if shorthand else kind, required, shorthand, list_members, arguments)
    return field(default=default, metadata={SPEC: spec})


def from_flag(value: Any, spec: OptionSpec) -> Any:
    if spec.shorthand:
        from smtui.cli.shorthand import parse_structs

        return parse_structs(value, spec.option, spec.shorthand, list_members=spec.list_members)
    return value


DOCUMENT_OPTIONS = (("cli_input_json", "--cli-input-json"), ("cli_input_yaml", "--cli-input-yaml"))


def given_document(given: Mapping[str, Any]) -> tuple[str, str] | None:
    """(option, its argument) of the --cli-input-json/--cli-input-yaml given (argparse allows one), or None."""
    for dest, option_name in DOCUMENT_OPTIONS:
        raw = given.get(dest)
        if raw is not None:
            return option_name, str(raw)
    return None


def document_options(group: Any) -> None:
    """--cli-input-json / --cli-input-yaml, one or the other, on every command that takes a request document."""
    doc = group.add_mutually_exclusive_group()
    doc.add_argument(
        "--cli-input-json",
        default=argparse.SUPPRESS,
        metavar="JSON|file://PATH",
        help="The request as JSON (as --generate-cli-skeleton prints); options on the command line win.",
    )
    doc.add_argument(
        "--cli-input-yaml",
        default=argparse.SUPPRESS,
        metavar="YAML|file://PATH",
        help="The request as YAML; options on the command line win.",
    )


def skeleton_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--generate-cli-skeleton",
        nargs="?",
        const="input",
        default=argparse.SUPPRESS,
        choices=SKELETON_KINDS,
        help="Print a request skeleton (input, yaml-input), or check the options and print a sample response (output).",
    )
