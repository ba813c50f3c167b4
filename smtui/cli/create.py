"""`smtui create-secret`: the AWS CLI's create-secret; the value from a file, stdin or a masked prompt only.

Order matters for the person at the keyboard: everything but the value is validated first, once, through the
model (the one source of every rule), so a bad name is reported before anyone is asked to type a secret;
then the value is read and checked by the model's value rule alone, and the request is sent. The
ClientRequestToken is made once here (uuid4) and travels inside the request, so botocore's retries and a
re-run with the same token are idempotent.

Module-level imports stay light: the parser imports this module on every run (the wizard's start-up too).
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from smtui.cli.command import Command, Context, Options, option
from smtui.cli.context import as_dict
from smtui.cli.spec import from_flag, given_document
from smtui.errors import Issue, ParameterError
from smtui.model.limits import TOKEN_MAX, TOKEN_MIN

if TYPE_CHECKING:
    from typing import Self

    from smtui.cli.value_source import SecretValue
    from smtui.model import CreateSecretRequest

log = logging.getLogger("smtui.cli")

VALUE_HELP = (
    "Where the value comes from: file://PATH (UTF-8 text, kept exactly), fileb://PATH (bytes), "
    "or - (standard input; for --secret-string exactly one trailing newline is removed, and smtui "
    "says so on stderr; --secret-binary - keeps every byte). With no value option on a terminal, "
    "smtui asks for a --secret-string value with a masked prompt (nothing echoed; a typed value is "
    "asked twice, a pasted one once, line breaks kept). "
    "A literal value is refused: it would land in shell history and the process list."
)
BINARY_HELP = "Binary value: fileb://PATH (bytes), file://PATH (per --cli-binary-format), or -."


def secret_string_option() -> Any:
    """--secret-string / SecretString: where the value comes from (file://, fileb://, -), never a value."""
    return option("--secret-string", member="SecretString", metavar="file://PATH|fileb://PATH|-", help=VALUE_HELP)


def secret_binary_option() -> Any:
    """--secret-binary / SecretBinary: where the bytes come from (fileb://, file://, -), never a value."""
    return option("--secret-binary", member="SecretBinary", metavar="fileb://PATH|file://PATH|-", help=BINARY_HELP)


PLACEHOLDERS = ("ClientRequestToken", "Description", "KmsKeyId", "Type")  # a skeleton's "" means "not given"
VALUE_MEMBERS = ("SecretString", "SecretBinary")


class ValueOptions(Protocol):
    """What the value path needs of a command's options (create-secret, put-secret-value, update-secret):
    where the value comes from on the command line, and a file document's value members."""

    @property
    def secret_string(self) -> str | None: ...
    @property
    def secret_binary(self) -> str | None: ...
    @property
    def document_value(self) -> Mapping[str, Any]: ...


@dataclass(frozen=True, kw_only=True)
class CreateSecretOptions(Options):
    """create-secret's options; the wizard (no command) takes the same ones and refuses the value's.

    The value options hold where the value comes from (file://, fileb://, -), never a value. Built by
    `from_namespace` with the document merged in (`data`, value-free) and the document's value, if any.
    """

    name: str | None = option("--name", member="Name", help="The secret's name: ASCII letters, digits and /_+=.@-")
    client_request_token: str | None = option(
        "--client-request-token",
        member="ClientRequestToken",
        metavar="TOKEN",
        help=f"Idempotency token, {TOKEN_MIN}-{TOKEN_MAX} characters (default: a new UUID, reused on retries).",
    )
    description: str | None = option("--description", member="Description")
    kms_key_id: str | None = option(
        "--kms-key-id",
        member="KmsKeyId",
        metavar="KEY",
        help="Key id, key ARN, alias/NAME or alias ARN (default: alias/aws/secretsmanager).",
    )
    secret_string: str | None = secret_string_option()
    secret_binary: str | None = secret_binary_option()
    tags: list[dict[str, Any]] | None = option(
        "--tags",
        member="Tags",
        shorthand=("Key", "Value"),
        metavar="Key=k,Value=v",
        help="Shorthand Key=k,Value=v ..., a JSON list, or file://PATH.",
    )
    add_replica_regions: list[dict[str, Any]] | None = option(
        "--add-replica-regions",
        member="AddReplicaRegions",
        shorthand=("Region", "KmsKeyId"),
        metavar="Region=r,KmsKeyId=k",
        help="Shorthand Region=r[,KmsKeyId=k] ..., a JSON list, or file://PATH.",
    )
    force_overwrite_replica_secret: bool | None = option(
        "--force-overwrite-replica-secret", member="ForceOverwriteReplicaSecret", kind=bool
    )
    type: str | None = option("--type", member="Type", help=argparse.SUPPRESS)
    # built from the above and the document
    data: Mapping[str, Any] = field(default_factory=dict)  # the request without its value: document, then flags
    document_value: Mapping[str, Any] = field(default_factory=dict)  # SecretString/SecretBinary of a file document

    @classmethod
    def add_arguments(cls, parser: Any) -> None:
        super().add_arguments(parser.add_argument_group("create-secret options"))

    @classmethod
    def from_namespace(cls, ns: argparse.Namespace, context: Context) -> Self:
        """The flags, and the request data: the document, then every flag given over it (no value)."""
        given = vars(ns)
        doc: Mapping[str, Any] = {}
        if given_document(given) is not None:  # the wizard's start-up reads no documents module without one
            from smtui.cli.documents import create_document

            doc = create_document(given, context.binary_format)
        flags = {dest: from_flag(given[dest], spec) for dest, spec in cls.specs() if dest in given}
        data = {k: v for k, v in doc.items() if k not in VALUE_MEMBERS}
        for dest, spec in cls.specs():
            if dest in flags and spec.member not in VALUE_MEMBERS:
                data[str(spec.member)] = flags[dest]
        for key in PLACEHOLDERS:
            if data.get(key) == "":
                data.pop(key)
        return cls(**flags, data=data, document_value={k: doc[k] for k in VALUE_MEMBERS if k in doc})


class Prepared:
    """The request checked once, without its value, and the warnings already printed. (A plain class: this
    module is imported on the wizard's start-up path, where each dataclass costs its code generation.)"""

    __slots__ = ("region", "request", "said")

    def __init__(self, request: CreateSecretRequest, region: str | None, said: frozenset[str]) -> None:
        self.request, self.region, self.said = request, region, said


def prepare(options: CreateSecretOptions, context: Context) -> Prepared:
    """Validate everything but the value (once) and say the warnings, before any value is read."""
    import uuid

    data = dict(options.data)
    data.setdefault("ClientRequestToken", str(uuid.uuid4()))
    region = context.known_region()
    request = validate(data, region)
    said = warn(request, region)
    one_value(options)
    return Prepared(request, region, said)


def create_secret(options: CreateSecretOptions, context: Context) -> int:
    from pydantic import SecretStr

    from smtui import redact

    prepared = prepare(options, context)
    if context.skeleton == "output":  # "validates the command inputs and returns a sample output"; no value read
        from smtui.cli.documents import output_skeleton_text

        context.write(output_skeleton_text(context.operation))
        return 0
    value = request_value(options, context)
    if value is not None and isinstance(value.string, SecretStr):  # a document's non-string is the model's to name
        advise(value.string.get_secret_value())
    request = with_value(prepared.request, value)
    log.debug("create-secret: members %s", sorted(request.model_dump(exclude_none=True)))

    backend = context.open_backend()
    try:
        if request.AddReplicaRegions and backend.region != prepared.region:
            check_region(request, backend.region)  # replica ≠ primary needs the real primary region
            warn(request, backend.region, prepared.said)  # and so does the replica-partition warning
        started = time.perf_counter()
        with redact.secret_scope(value.plaintext() if value is not None else None):
            result = backend.create_secret(request)
        log.debug("create-secret: done in %.0f ms", (time.perf_counter() - started) * 1000)
    finally:
        backend.close()
    return context.emit_change(as_dict(result))  # the secret exists: the person must learn its ARN


def validate(data: Mapping[str, Any], region: str | None) -> CreateSecretRequest:
    """The model's rules, plus the one only a command line can break: an AddReplicaRegions list given empty
    (the model reads [] as "no replicas"; the AWS CLI refuses it, minimum 1)."""
    from smtui.model import build_request
    from smtui.model.rules import replica_list_issues

    given = data.get("AddReplicaRegions")
    issues: list[Issue] = list(replica_list_issues(len(given))) if isinstance(given, list) else []
    request = None
    try:
        request = build_request(data, region=region)
    except ParameterError as exc:
        issues += exc.issues
    if request is None or issues:
        raise ParameterError.from_issues(issues)  # outside `except`: no context chained to the model's error
    return request


def with_value(request: CreateSecretRequest, value: SecretValue | None) -> CreateSecretRequest:
    """The checked request with its value, checked by the model's value rule (the rest is checked already)."""
    if value is None:
        return request
    from smtui.model.request import validate_field

    fields = value.request_fields()
    issues = [
        issue
        for member, wrapped in fields.items()
        for issue in validate_field(member, wrapped)
        if issue.severity == "error"
    ]
    if issues:
        raise ParameterError.from_issues(issues)
    return request.model_copy(update=fields)


def check_region(request: CreateSecretRequest, region: str | None) -> None:
    """The region-dependent rules (KmsKeyId, AddReplicaRegions) again, for the backend's real region."""
    from smtui.model.request import ValidationContext, validate_field

    context = ValidationContext(region=region)
    issues = [
        issue
        for member, value in (
            ("KmsKeyId", request.KmsKeyId),
            ("AddReplicaRegions", [r.model_dump(exclude_none=True) for r in request.AddReplicaRegions]),
        )
        for issue in validate_field(member, value, context=context)
        if issue.severity == "error"
    ]
    if issues:
        raise ParameterError.from_issues(issues)


def warn(request: CreateSecretRequest, region: str | None, already: frozenset[str] = frozenset()) -> frozenset[str]:
    """Print the model's warnings (the `-XXXXXX` name suffix, a replica in another partition than `region`,
    the secret's own) on stderr, except those `already` printed; they never block. Returns what was said."""
    from smtui.model.request import request_warnings

    said = set(already)
    for issue in request_warnings(request, region=region):
        line = f"smtui: warning: {issue}"
        if line not in said:
            print(line, file=sys.stderr)
            said.add(line)
    return frozenset(said)


def advise(text: str) -> None:
    """Hygiene warnings about a string value (trailing newline, spaces, NUL, BOM, quotes) on stderr. The value
    is stored as given: a command line cannot ask "trim?", and silently changing a secret is worse."""
    from smtui.model.value import hygiene_findings

    for finding in hygiene_findings(text):
        print(
            f"smtui: warning: SecretString: {finding.title.lower()}; stored as given. {finding.explanation}",
            file=sys.stderr,
        )


def request_value(options: ValueOptions, context: Context) -> SecretValue | None:
    """A flag wins over the document's member of the SAME name; the prompt only when neither gives a value.

    The two members are merged, not chosen between: a document's SecretBinary with a --secret-string flag (or
    a document carrying both) meets the model's rule, which refuses both values (docs/aws-behaviour.md §2.4), as
    the service would; dropping one silently would store something other than what was asked. `one_value`
    runs that rule before anything is read, so nobody types a secret into a request that cannot be sent.
    """
    from smtui.cli.value_source import SecretValue, read_value

    string, binary = options.secret_string, options.secret_binary
    doc_string, doc_binary = options.document_value.get("SecretString"), options.document_value.get("SecretBinary")
    if string is None and binary is None and (doc_string is not None or doc_binary is not None):
        return SecretValue(string=doc_string, binary=doc_binary)
    return read_value(string, binary, binary_format=context.binary_format)


def one_value(options: ValueOptions) -> None:
    """The model's "never both values" rule over flags and document together, before any value is read."""
    has_string = options.secret_string is not None or options.document_value.get("SecretString") is not None
    has_binary = options.secret_binary is not None or options.document_value.get("SecretBinary") is not None
    if has_string and has_binary:
        from smtui.model.rules import both_values_issues

        raise ParameterError.from_issues(both_values_issues(True, True))


COMMANDS: tuple[Command[Any], ...] = (
    Command(
        "create-secret",
        "CreateSecret",
        "Create a secret (the value from a file, standard input or a masked prompt).",
        CreateSecretOptions,
        create_secret,
        holds_value=True,
        skeleton_output_runs=True,
    ),
)
