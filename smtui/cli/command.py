"""The seam between argparse and the commands: the command line is read here once, into typed objects.

A command is a `Command` (name, operation, help, options class, run function) listed in its family module's
`COMMANDS`; `smtui.cli.registry` names the family modules. Its options are a frozen, keyword-only dataclass
subclassing `Options`, whose fields say, through `option(...)`, how each appears on the command line
(`--secret-id`) and in a request document (`SecretId`). From that one declaration come the parser's arguments
(`Options.add_arguments`), the values merged from flags and `--cli-input-json/yaml` (`Options.from_namespace`,
flags win), the "required" check, and the members the `--generate-cli-skeleton` skeleton shows. `execute`
runs one command: it builds the `Context` (global options: target, output, binary format) and the options
once, right after argparse, and no argparse Namespace goes further. docs: /work/team/cli-pattern.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Literal, TypeVar, cast, get_args

from smtui.errors import ParameterError
from smtui.model.limits import BINARY_FORMATS, BinaryFormat
from smtui.output import OUTPUT_FORMATS, OutputFormat, OutputOptions
from smtui.settings import TargetSettings

if TYPE_CHECKING:
    from typing import Self

    from smtui.backends.base import Backend

SkeletonKind = Literal["input", "yaml-input", "output"]
SKELETON_KINDS: tuple[str, ...] = get_args(SkeletonKind)
_SPEC = "smtui.cli.option"


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
    return field(default=default, metadata={_SPEC: spec})


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
        from smtui.cli.context import open_target

        return open_target(settings or self.target)

    def emit(self, data: Mapping[str, Any] | Sequence[Any]) -> None:
        """Print a response in the chosen format (--output, --query)."""
        from smtui.cli.context import write_out
        from smtui.output import render

        write_out(render(data, self.output, title=self.operation))

    def emit_change(self, data: Mapping[str, Any]) -> int:
        """Print the result of a command that changed something; when it cannot be printed, say on stderr what
        was done and exit 0 (smtui.cli.stdio). Returns the exit code."""
        from smtui.cli.context import done_but_unwritten
        from smtui.cli.stdio import OutputFailed

        try:
            self.emit(data)
        except OutputFailed as exc:
            return done_but_unwritten(self.operation, data, exc)
        return 0

    def write(self, text: str) -> None:
        """Write text to stdout as it is (a skeleton); a reader that went away is not an error."""
        from smtui.cli.context import write_out

        write_out(text)


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
        return [(f.name, f.metadata[_SPEC]) for f in dataclasses.fields(cast(Any, cls)) if _SPEC in f.metadata]

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
            from smtui.cli.parser import document_options

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
                values[dest] = _from_flag(given[dest], spec)
            elif dest in document:
                values[dest] = document[dest]
            elif spec.required:
                raise missing_option(context.command, spec)
        return cls(**values)

    def check(self, context: Context) -> None:
        """Checks across options, before anything is read or sent (default: none)."""


def _from_flag(value: Any, spec: OptionSpec) -> Any:
    if spec.shorthand:
        from smtui.cli.shorthand import parse_structs

        return parse_structs(value, spec.option, spec.shorthand, list_members=spec.list_members)
    return value


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
