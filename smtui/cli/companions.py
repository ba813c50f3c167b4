"""The companion commands, with the AWS CLI's names, options and output shapes, on either backend:
describe-secret, get-secret-value, list-secrets (auto-paginated like the AWS CLI), delete-secret,
restore-secret. Each is an options class, a run function and one line of `COMMANDS` (smtui.cli.command)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from smtui.cli.command import Command, Context, Options, option
from smtui.cli.context import as_dict, write_out
from smtui.cli.paginate import NEXT_MEMBER, Paging, merged, paginate
from smtui.model.limits import (
    FILTER_KEYS,
    MAX_RESULTS_MAX,
    RECOVERY_WINDOW_DEFAULT,
    RECOVERY_WINDOW_MAX,
    RECOVERY_WINDOW_MIN,
    SORT_BY,
    SORT_ORDER,
    SortBy,
    SortOrder,
)

ID_HELP = "The secret's name or ARN (required, here or as SecretId in --cli-input-json)."


def secret_id_option() -> Any:
    """--secret-id / SecretId, required from the command line or the document (so argparse cannot check it)."""
    return option("--secret-id", member="SecretId", required=True, help=ID_HELP)


def filters_option(help_text: str = f"Key: {', '.join(FILTER_KEYS)}.") -> Any:
    """--filters / Filters, ListSecrets' filters: shorthand Key=k,Values=v1,v2 ..., a JSON list, or file://PATH."""
    return option(
        "--filters",
        member="Filters",
        shorthand=("Key", "Values"),
        list_members=("Values",),
        metavar="Key=k,Values=v1,v2",
        help=help_text,
    )


@dataclass(frozen=True, kw_only=True)
class SecretIdOptions(Options):
    """A command whose one option is the secret: describe-secret, restore-secret."""

    secret_id: str = secret_id_option()


def describe_secret(options: SecretIdOptions, context: Context) -> int:
    backend = context.open_backend()
    try:
        context.emit(as_dict(backend.describe_secret(options.secret_id)))
    finally:
        backend.close()
    return 0


@dataclass(frozen=True, kw_only=True)
class GetSecretValueOptions(Options):
    secret_id: str = secret_id_option()
    version_id: str | None = option("--version-id", member="VersionId")
    version_stage: str | None = option("--version-stage", member="VersionStage")


def get_secret_value(options: GetSecretValueOptions, context: Context) -> int:
    backend = context.open_backend()
    try:
        result = backend.get_secret_value(
            options.secret_id, version_id=options.version_id, version_stage=options.version_stage
        )
        context.emit(result.reveal())
    finally:
        backend.close()
    return 0


@dataclass(frozen=True, kw_only=True)
class ListSecretsOptions(Options):
    include_planned_deletion: bool = option(
        "--include-planned-deletion", member="IncludePlannedDeletion", kind=bool, default=False
    )
    max_results: int | None = option(
        "--max-results",
        member="MaxResults",
        kind=int,
        help=f"One call of at most this many (1-{MAX_RESULTS_MAX}); no pagination.",
    )
    next_token: str | None = option(
        "--next-token", member="NextToken", help="The service's NextToken; one call, no pagination."
    )
    filters: list[dict[str, Any]] | None = filters_option()
    sort_order: SortOrder | None = option("--sort-order", member="SortOrder", choices=SORT_ORDER)
    sort_by: SortBy | None = option("--sort-by", member="SortBy", choices=SORT_BY)
    max_items: int | None = option(
        "--max-items",
        kind=int,
        help="The total number of items to print; when there are more, a NextToken for --starting-token.",
    )
    starting_token: str | None = option(
        "--starting-token",
        help="Where to start: the NextToken of an earlier --max-items output (smtui's or the AWS CLI's).",
    )
    page_size: int | None = option("--page-size", kind=int, help="Items per service call (does not change the output).")

    def paging(self, context: Context) -> Paging:
        return Paging(
            max_results=self.max_results,
            next_token=self.next_token,
            max_items=self.max_items,
            starting_token=self.starting_token,
            page_size=self.page_size,
            no_paginate=context.no_paginate,
        )

    def check(self, context: Context) -> None:
        self.paging(context).check()  # bad paging options before connecting


def list_secrets(options: ListSecretsOptions, context: Context) -> int:
    from smtui.backends.base import ListFilter
    from smtui.output import render_pages

    paging = options.paging(context)
    filters = None
    if options.filters is not None:
        filters = [
            ListFilter(Key=str(i.get("Key", "")), Values=tuple(_strings(i.get("Values", [])))) for i in options.filters
        ]
    backend = context.open_backend()
    try:

        def call(token: str | None, max_results: int | None) -> dict[str, Any]:
            return as_dict(
                backend.list_secrets(
                    max_results=max_results,
                    next_token=token,
                    filters=filters,
                    include_planned_deletion=options.include_planned_deletion,
                    sort_order=options.sort_order,
                    sort_by=options.sort_by,
                )
            )

        if paging.enabled:
            pages, resume = paginate(call, paging)
            result = merged(pages, resume)
            if resume is not None:  # yaml-stream prints pages: the resume token goes with the last one
                pages[-1][NEXT_MEMBER] = resume
        else:  # one call, the raw response (its NextToken is the service's), as the AWS CLI prints it
            result = call(paging.next_token, paging.max_results)
            pages = [result]
    finally:
        backend.close()
    write_out(render_pages(pages, context.output, merged=result, title=context.operation))
    return 0


def _strings(values: Any) -> list[str]:
    return [str(v) for v in values] if isinstance(values, list) else [str(values)]


@dataclass(frozen=True, kw_only=True)
class DeleteSecretOptions(Options):
    secret_id: str = secret_id_option()
    recovery_window_in_days: int | None = option(
        "--recovery-window-in-days", member="RecoveryWindowInDays", kind=int, metavar="DAYS"
    )
    force_delete_without_recovery: bool = option(
        "--force-delete-without-recovery", member="ForceDeleteWithoutRecovery", kind=bool, default=False
    )


def delete_secret(options: DeleteSecretOptions, context: Context) -> int:
    backend = context.open_backend()
    try:
        deleted = backend.delete_secret(
            options.secret_id,
            recovery_window_in_days=options.recovery_window_in_days,
            force_delete_without_recovery=options.force_delete_without_recovery,
        )
    finally:
        backend.close()
    return context.emit_change(as_dict(deleted))


def restore_secret(options: SecretIdOptions, context: Context) -> int:
    backend = context.open_backend()
    try:
        restored = backend.restore_secret(options.secret_id)
    finally:
        backend.close()
    return context.emit_change(as_dict(restored))


COMMANDS: tuple[Command[Any], ...] = (
    Command(
        "describe-secret",
        "DescribeSecret",
        "Show a secret's details (never its value).",
        SecretIdOptions,
        describe_secret,
    ),
    Command(
        "get-secret-value",
        "GetSecretValue",
        "Print a secret's value (AWSCURRENT unless a version is given).",
        GetSecretValueOptions,
        get_secret_value,
        holds_value=True,
    ),
    Command(
        "list-secrets",
        "ListSecrets",
        "List secrets. A paginated command, as in the AWS CLI: every page is fetched unless --no-paginate, "
        "--max-results or --next-token is given (then one call, the raw response).",
        ListSecretsOptions,
        list_secrets,
    ),
    Command(
        "delete-secret",
        "DeleteSecret",
        f"Schedule a secret's deletion ({RECOVERY_WINDOW_MIN}-{RECOVERY_WINDOW_MAX} days, default "
        f"{RECOVERY_WINDOW_DEFAULT}), or delete it at once.",
        DeleteSecretOptions,
        delete_secret,
    ),
    Command("restore-secret", "RestoreSecret", "Cancel a scheduled deletion.", SecretIdOptions, restore_secret),
)
