"""The seam between argparse and the commands: the command line is read here once, into typed objects.

A command is a `Command` (name, operation, help, options class, run function) listed in its family module's
`COMMANDS`; `smtui.cli.registry` names the family modules. Its options are a frozen, keyword-only dataclass
subclassing `Options`, whose fields say, through `option(...)`, how each appears on the command line
(`--secret-id`) and in a request document (`SecretId`). From that one declaration come the parser's arguments
(`Options.add_arguments`), the values merged from flags and `--cli-input-json/yaml` (`Options.from_namespace`,
flags win), the "required" check, and the members the `--generate-cli-skeleton` skeleton shows. `execute`
runs one command: it builds the `Context` (global options: target, output, binary format) and the options
once, right after argparse, and no argparse Namespace goes further (docs/cli.md, "How a command is built").
"""

from __future__ import annotations

import argparse
import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar, cast

from smtui.cli.context import Context
from smtui.cli.spec import SPEC, OptionSpec, document_options, from_flag, option
from smtui.errors import ParameterError

if TYPE_CHECKING:
    from typing import Self

__all__ = ["Command", "Context", "OptionSpec", "Options", "execute", "missing_option", "option"]


class Options:
    """Base of every command's options: a frozen, keyword-only dataclass whose fields are `option(...)`s.

    `add_arguments` and `from_namespace` are derived from the fields; a command whose request is not a plain
    set of members (create-secret: the value and the model's document rules) overrides `from_namespace`.
    `check` runs after the options are built, before `--generate-cli-skeleton output` or `run`.
    """

    documents: ClassVar[bool] = True  # offers --cli-input-json/--cli-input-yaml/--generate-cli-skeleton

    @classmethod
    def specs(cls) -> list[tuple[str, OptionSpec]]:
        """(field name, spec) for every field declared with `option(...)`, in declaration order."""
        return [(f.name, f.metadata[SPEC]) for f in dataclasses.fields(cast(Any, cls)) if SPEC in f.metadata]

    @classmethod
    def members(cls) -> tuple[str, ...]:
        """The request members a document may carry (and the input skeleton shows)."""
        return tuple(spec.member for _, spec in cls.specs() if spec.member is not None)

    @classmethod
    def add_arguments(cls, parser: argparse.ArgumentParser) -> None:
        """Add this command's options to its parser (SUPPRESS defaults: a missing option is not in the
        Namespace, so `from_namespace` can tell "not given" from a value)."""
        for dest, spec in cls.specs():
            kwargs = dict(spec.arguments)
            if spec.kind is bool:
                kwargs.setdefault("action", argparse.BooleanOptionalAction)
            elif spec.kind is int:
                kwargs.setdefault("type", int)
            if spec.shorthand:
                kwargs.setdefault("nargs", "+")
            parser.add_argument(*spec.flags, dest=dest, default=argparse.SUPPRESS, **kwargs)
        if cls.documents:
            document_options(parser)

    @classmethod
    def from_namespace(cls, ns: argparse.Namespace, context: Context) -> Self:
        """The options: each from the command line, else from the --cli-input-json/yaml document, else its
        default; a required one missing from both is the AWS CLI's "arguments are required" error (252)."""
        from smtui.cli.documents import document_members

        given = vars(ns)
        specs = cls.specs()
        document = document_members(given, specs, context) if cls.documents else {}
        values: dict[str, Any] = {}
        for dest, spec in specs:
            if dest in given:
                values[dest] = from_flag(given[dest], spec)
            elif dest in document:
                values[dest] = document[dest]
            elif spec.required:
                raise missing_option(context.command, spec)
        return cls(**values)

    def check(self, context: Context) -> None:
        """Checks across options, before anything is read or sent (default: none)."""


def missing_option(command: str, spec: OptionSpec) -> ParameterError:
    return ParameterError(
        f"smtui {command}: the following arguments are required: {spec.option}\n"
        f"See 'smtui {command} help' or 'smtui {command} -h'.",
        field=spec.member or spec.option,
    )


OptionsT = TypeVar("OptionsT", bound=Options)


@dataclass(frozen=True)
class Command(Generic[OptionsT]):
    """One command: `Command("describe-secret", "DescribeSecret", "Show ...", DescribeOptions, describe)`."""

    name: str  # as typed: "describe-secret"; a space nests it under a group ("kms create-key")
    operation: str  # the service operation (botocore's name): skeletons, error lines, table titles
    help: str
    options: type[OptionsT]
    run: Callable[[OptionsT, Context], int]
    holds_value: bool = False  # prints or reads a secret value: the process is hardened before anything is read
    skeleton_output_runs: bool = False  # run() prints `--generate-cli-skeleton output` itself, after its checks


def execute(command: Command[Any], ns: argparse.Namespace) -> int:
    """Run one command from its parsed Namespace: the one place a Namespace turns into typed objects."""
    context = Context.from_namespace(ns, command.name, command.operation)
    if command.holds_value:
        from smtui import hardening

        hardening.harden_process()  # before a document or a value file is read
    if context.skeleton in ("input", "yaml-input"):
        from smtui.cli.documents import input_skeleton_text

        context.write(input_skeleton_text(command.operation, command.options.members(), context.skeleton))
        return 0
    options = command.options.from_namespace(ns, context)
    options.check(context)
    if (
        context.skeleton == "output" and not command.skeleton_output_runs
    ):  # the options checked, a sample response (AWS CLI v2); nothing is sent
        from smtui.cli.documents import output_skeleton_text

        context.write(output_skeleton_text(command.operation))
        return 0
    return command.run(options, context)
