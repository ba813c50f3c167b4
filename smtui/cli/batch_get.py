"""`smtui batch-get-secret-value`: the values of several secrets in one call, as the AWS CLI has it.

`--secret-id-list ID ...` (1 to 20) or `--filters Key=name,Values=app/` (ListSecrets' filters), not both;
`--max-results` (1 to 20) only with `--filters`. botocore has no paginator for BatchGetSecretValue, so, as the AWS
CLI does, one call is made and its response printed as it is: the `NextToken` goes back in with `--next-token`.
A secret that cannot be read is an entry of `Errors`, not a failure of the command (exit 0). The values are
printed, so the process is hardened first, as for get-secret-value.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from smtui.cli.command import Command, Context, Options, option
from smtui.cli.companions import filters_option
from smtui.cli.lifecycle_common import call, refuse, text_list_option, texts
from smtui.errors import Issue
from smtui.model.limits import FILTER_KEYS


@dataclass(frozen=True, kw_only=True)
class BatchGetOptions(Options):
    secret_id_list: list[str] | None = text_list_option(
        "--secret-id-list",
        "SecretIdList",
        "SECRET_ID",
        "Names or ARNs of the secrets to read (1 to 20); or use --filters.",
    )
    filters: list[dict[str, Any]] | None = filters_option(
        f"Which secrets, as list-secrets' --filters (Key: {', '.join(FILTER_KEYS)})."
    )
    max_results: int | None = option(
        "--max-results", member="MaxResults", kind=int, help="Secrets per call (1 to 20); only with --filters."
    )
    next_token: str | None = option("--next-token", member="NextToken", help="The NextToken of the previous call.")

    def check(self, context: Context) -> None:
        from smtui.model.limits import (
            BATCH_FILTERS_MAX,
            BATCH_MAX_RESULTS_MAX,
            BATCH_SECRET_IDS_MAX,
            BATCH_SECRET_IDS_MIN,
            FILTER_KEYS,
        )
        from smtui.model.rules import length_issues
        from smtui.model.version_rules import max_results_issues

        issues: list[Issue] = []
        if (self.secret_id_list is None) == (self.filters is None):
            issues.append(Issue("SecretIdList", "Give either SecretIdList (--secret-id-list) or Filters (--filters)."))
        if self.secret_id_list is not None:
            ids = texts(self.secret_id_list, "SecretIdList")
            issues += length_issues(
                "SecretIdList", len(ids), BATCH_SECRET_IDS_MIN, BATCH_SECRET_IDS_MAX, "secret IDs", value=None
            )
            if self.max_results is not None:
                issues.append(Issue("MaxResults", "MaxResults can be given only with Filters, not SecretIdList."))
        for n, item in enumerate(self.filters or []):
            if item.get("Key") not in FILTER_KEYS:
                issues.append(Issue(f"Filters[{n}].Key", f"Filters[{n}].Key must be one of {', '.join(FILTER_KEYS)}."))
        if self.filters is not None and len(self.filters) > BATCH_FILTERS_MAX:
            issues.append(Issue("Filters", f"Filters may hold at most {BATCH_FILTERS_MAX} filters."))
        issues += max_results_issues(self.max_results, hi=BATCH_MAX_RESULTS_MAX)
        refuse(issues)


def batch_get_secret_value(options: BatchGetOptions, context: Context) -> int:
    from smtui.backends.base import ListFilter

    filters = None
    if options.filters is not None:
        filters = [
            ListFilter(Key=str(f.get("Key", "")), Values=tuple(texts(f.get("Values", []), "Filters.Values")))
            for f in options.filters
        ]
    result = call(
        context,
        lambda backend: backend.batch_get_secret_value(
            secret_ids=list(options.secret_id_list) if options.secret_id_list is not None else None,
            filters=filters,
            max_results=options.max_results,
            next_token=options.next_token,
        ),
    )
    context.emit(result.reveal())
    return 0


COMMANDS: tuple[Command[Any], ...] = (
    Command(
        "batch-get-secret-value",
        "BatchGetSecretValue",
        "Print the values of several secrets (by --secret-id-list or --filters); one call, as the AWS CLI.",
        BatchGetOptions,
        batch_get_secret_value,
        holds_value=True,
    ),
)
