"""`smtui put-secret-value`, `update-secret`, `update-secret-version-stage` and `list-secret-version-ids`, as the
AWS CLI has them.

A new value comes exactly as for create-secret, through the same code: `--secret-string file://PATH`,
`--secret-binary fileb://PATH`, `-` (standard input; one trailing newline removed and said), the masked prompt
on a terminal, or a `file://` request document; a literal value is refused before argparse sees it
(smtui.cli.main), the same hygiene warnings are printed, the process is hardened and the value is registered with
the debug-log redactor while it is sent. Everything but the value is checked first (smtui.model.version_rules),
so nobody types a secret into a request that cannot be sent. The ClientRequestToken is a uuid4 made once here
when none is given, as the AWS CLI fills it, so botocore's retries are idempotent.

list-secret-version-ids: botocore has no paginator for ListSecretVersionIds, so, as the AWS CLI does, one call
is made and its response printed as it is (`NextToken` included, to pass to `--next-token`).
"""

from __future__ import annotations

import argparse
import dataclasses
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from smtui.cli.command import Command, Context, Options, option
from smtui.cli.companions import secret_id_option
from smtui.cli.create import secret_binary_option, secret_string_option
from smtui.cli.lifecycle_common import change, refuse, show, text_list_option, texts
from smtui.errors import ParameterError

if TYPE_CHECKING:
    from typing import Self

    from smtui.cli.value_source import SecretValue

IDEMPOTENCY_HELP = "Idempotency token, 32-64 characters; it becomes the new version's VersionId (default: a new UUID)."
_NO_VALUE_RULE = "SecretString.required"


@dataclass(frozen=True, kw_only=True)
class ValueOptions(Options):
    """The value options and the secret, shared by put-secret-value and update-secret."""

    secret_id: str = secret_id_option()
    client_request_token: str | None = option(
        "--client-request-token", member="ClientRequestToken", metavar="TOKEN", help=IDEMPOTENCY_HELP
    )
    secret_string: str | None = secret_string_option()
    secret_binary: str | None = secret_binary_option()
    document_value: Mapping[str, Any] = field(default_factory=dict)  # SecretString/SecretBinary of a file document

    @classmethod
    def from_namespace(cls, ns: argparse.Namespace, context: Context) -> Self:
        from smtui.cli.lifecycle_values import split_document

        filled, value = split_document(vars(ns), cls.specs(), context)
        options = super().from_namespace(argparse.Namespace(**filled), context)
        return dataclasses.replace(options, document_value=value)

    def token(self) -> str:
        return self.client_request_token or str(uuid.uuid4())

    def read_value(self, context: Context) -> SecretValue | None:
        """The value, read by create-secret's reader (flags over the document; the prompt on a terminal),
        with create's hygiene warnings. Never both values: refused before anything is read."""
        from pydantic import SecretStr

        from smtui.cli.create import advise, one_value, request_value

        one_value(self)
        value = request_value(self, context)
        if value is not None and isinstance(value.string, SecretStr):
            advise(value.string.get_secret_value())
        return value


def _send(value: SecretValue | None, send: Callable[[], int]) -> int:
    """Send while the value is registered with the debug-log redactor (smtui.redact)."""
    from smtui import redact

    with redact.secret_scope(value.plaintext() if value is not None else None):
        return send()


@dataclass(frozen=True, kw_only=True)
class PutSecretValueOptions(ValueOptions):
    version_stages: list[str] | None = text_list_option(
        "--version-stages",
        "VersionStages",
        "STAGE",
        "Staging labels for the new version (default AWSCURRENT; a list without AWSCURRENT leaves it).",
    )
    rotation_token: str | None = option("--rotation-token", member="RotationToken", help=argparse.SUPPRESS)

    def request(self, token: str, value: SecretValue | None) -> Any:
        from smtui.model.lifecycle import PutSecretValueRequest

        stages = None if self.version_stages is None else texts(self.version_stages, "VersionStages")
        return PutSecretValueRequest(
            SecretId=self.secret_id,
            ClientRequestToken=token,
            VersionStages=stages,
            **(value.request_fields() if value is not None else {}),
        )

    def check(self, context: Context) -> None:
        from smtui.model.version_rules import put_secret_value_issues

        if self.rotation_token:
            raise ParameterError(
                "RotationToken: smtui does not send a rotation token (it belongs to a rotation function's "
                "cross-account call, and it is a secret that must not be on a command line or in a document).",
                field="RotationToken",
            )
        issues = put_secret_value_issues(self.request(self.token(), None))
        refuse([i for i in issues if getattr(i, "rule", "") != _NO_VALUE_RULE])


def put_secret_value(options: PutSecretValueOptions, context: Context) -> int:
    from smtui.model.version_rules import put_secret_value_issues

    token = options.token()
    value = options.read_value(context)
    request = options.request(token, value)
    refuse(put_secret_value_issues(request))  # the value's rules (and "a value is needed") now
    return _send(value, lambda: change(context, lambda backend: backend.put_secret_value(request)))


@dataclass(frozen=True, kw_only=True)
class UpdateSecretOptions(ValueOptions):
    description: str | None = option("--description", member="Description")
    kms_key_id: str | None = option(
        "--kms-key-id",
        member="KmsKeyId",
        metavar="KEY",
        help='Key for new versions: key id, key ARN, alias/NAME or alias ARN ("" = alias/aws/secretsmanager).',
    )
    type: str | None = option("--type", member="Type", help='The secret\'s Type ("" removes it).')

    def request(self, token: str | None, value: SecretValue | None) -> Any:
        from smtui.model.lifecycle import UpdateSecretRequest

        return UpdateSecretRequest(
            SecretId=self.secret_id,
            ClientRequestToken=token,
            Description=self.description,
            KmsKeyId=self.kms_key_id,
            Type=self.type,
            **(value.request_fields() if value is not None else {}),
        )

    def check(self, context: Context) -> None:
        from smtui.model.version_rules import update_secret_issues

        refuse(update_secret_issues(self.request(self.client_request_token, None), context.known_region()))


def update_secret(options: UpdateSecretOptions, context: Context) -> int:
    from smtui.model.version_rules import update_secret_issues

    value = None
    if options.secret_string is not None or options.secret_binary is not None or options.document_value:
        value = options.read_value(context)  # update-secret never prompts: a new value is asked for explicitly
    request = options.request(options.token() if value is not None else options.client_request_token, value)
    refuse(update_secret_issues(request, context.known_region()))
    return _send(value, lambda: change(context, lambda backend: backend.update_secret(request)))


@dataclass(frozen=True, kw_only=True)
class UpdateStageOptions(Options):
    secret_id: str = secret_id_option()
    version_stage: str = option("--version-stage", member="VersionStage", required=True, metavar="STAGE")
    remove_from_version_id: str | None = option(
        "--remove-from-version-id",
        member="RemoveFromVersionId",
        metavar="VERSION_ID",
        help="The version that holds the label now (required when it is attached somewhere).",
    )
    move_to_version_id: str | None = option(
        "--move-to-version-id", member="MoveToVersionId", metavar="VERSION_ID", help="The version to attach it to."
    )

    def check(self, context: Context) -> None:
        from smtui.model.version_rules import update_stage_issues

        refuse(
            update_stage_issues(
                self.secret_id, self.version_stage, self.remove_from_version_id, self.move_to_version_id
            )
        )


def update_secret_version_stage(options: UpdateStageOptions, context: Context) -> int:
    return change(
        context,
        lambda backend: backend.update_secret_version_stage(
            options.secret_id,
            options.version_stage,
            remove_from_version_id=options.remove_from_version_id,
            move_to_version_id=options.move_to_version_id,
        ),
    )


@dataclass(frozen=True, kw_only=True)
class ListVersionIdsOptions(Options):
    secret_id: str = secret_id_option()
    max_results: int | None = option(
        "--max-results", member="MaxResults", kind=int, help="Versions in this call (1-100); see NextToken."
    )
    next_token: str | None = option("--next-token", member="NextToken", help="The NextToken of the previous call.")
    include_deprecated: bool = option(
        "--include-deprecated",
        member="IncludeDeprecated",
        kind=bool,
        default=False,
        help="Also list versions without a staging label (not yet removed).",
    )

    def check(self, context: Context) -> None:
        from smtui.model.version_rules import list_version_ids_issues

        refuse(list_version_ids_issues(self.secret_id, self.max_results, self.next_token))


def list_secret_version_ids(options: ListVersionIdsOptions, context: Context) -> int:
    return show(
        context,
        lambda backend: backend.list_secret_version_ids(
            options.secret_id,
            max_results=options.max_results,
            next_token=options.next_token,
            include_deprecated=options.include_deprecated,
        ),
    )


COMMANDS: tuple[Command[Any], ...] = (
    Command(
        "put-secret-value",
        "PutSecretValue",
        "Give a secret a new value (a new version; the value from a file, standard input or a masked prompt).",
        PutSecretValueOptions,
        put_secret_value,
        holds_value=True,
    ),
    Command(
        "update-secret",
        "UpdateSecret",
        "Change a secret's description or KMS key, and optionally give it a new value (as put-secret-value).",
        UpdateSecretOptions,
        update_secret,
        holds_value=True,
    ),
    Command(
        "update-secret-version-stage",
        "UpdateSecretVersionStage",
        "Attach, move or remove a staging label (AWSCURRENT moves AWSPREVIOUS with it).",
        UpdateStageOptions,
        update_secret_version_stage,
    ),
    Command(
        "list-secret-version-ids",
        "ListSecretVersionIds",
        "List a secret's versions and their labels (one call, as the AWS CLI: pass NextToken to --next-token).",
        ListVersionIdsOptions,
        list_secret_version_ids,
    ),
)
