"""The companion commands, with the AWS CLI's names, options and output shapes, on either backend:
describe-secret, get-secret-value, list-secrets (auto-paginated like the AWS CLI), delete-secret,
restore-secret."""

from __future__ import annotations

import argparse
import json
from typing import Any

from smtui.cli.context import (
    as_dict,
    done_but_unwritten,
    emit,
    open_target,
    output_options,
    target_settings,
    write_out,
)
from smtui.cli.paginate import NEXT_MEMBER, Paging, merged, paginate
from smtui.cli.parser import get
from smtui.cli.shorthand import parse_structs
from smtui.errors import ParameterError
from smtui.output import OutputOptions, render

# the companions that print or hold a secret value: hardened before anything is read (smtui.hardening)
VALUE_COMMANDS = frozenset({"get-secret-value"})


def run(command: str, ns: argparse.Namespace) -> int:
    if command in VALUE_COMMANDS:
        from smtui import hardening

        hardening.harden_process()
    kind = get(ns, "generate_cli_skeleton")
    if kind is not None or get(ns, "cli_input_json") is not None or get(ns, "cli_input_yaml") is not None:
        from smtui.cli import companion_doc

        if kind in ("input", "yaml-input"):
            write_out(_skeleton_text(companion_doc.input_skeleton(command), kind))
            return 0
        companion_doc.apply_document(command, ns)
    _require_secret_id(command, ns)
    paging = _paging(ns) if command == "list-secrets" else Paging()  # bad paging options before connecting
    if kind == "output":  # the options checked, a sample response (AWS CLI v2); nothing is sent
        from smtui.cli.companion_doc import output_skeleton

        write_out(render(output_skeleton(command), OutputOptions(format="json")))
        return 0
    backend = open_target(target_settings(ns))
    try:
        if command == "describe-secret":
            emit(as_dict(backend.describe_secret(ns.secret_id)), ns, "DescribeSecret")
        elif command == "get-secret-value":
            result = backend.get_secret_value(
                ns.secret_id, version_id=get(ns, "version_id"), version_stage=get(ns, "version_stage")
            )
            emit(result.reveal(), ns, "GetSecretValue")
        elif command == "list-secrets":
            _list(backend, ns, paging)
        elif command == "delete-secret":
            deleted = as_dict(
                backend.delete_secret(
                    ns.secret_id,
                    recovery_window_in_days=get(ns, "recovery_window_in_days"),
                    force_delete_without_recovery=bool(get(ns, "force_delete", False)),
                )
            )
            return _emit_change(deleted, ns, "DeleteSecret")
        elif command == "restore-secret":
            return _emit_change(as_dict(backend.restore_secret(ns.secret_id)), ns, "RestoreSecret")
        else:  # pragma: no cover - the parser only routes known commands here
            raise ParameterError(f"unknown command {command}")
    finally:
        backend.close()
    return 0


def _emit_change(data: dict[str, Any], ns: argparse.Namespace, operation: str) -> int:
    """Print a change's result; when it cannot be printed, say on stderr what was done (smtui.cli.stdio)."""
    from smtui.cli.stdio import OutputFailed

    try:
        emit(data, ns, operation)
    except OutputFailed as exc:
        return done_but_unwritten(operation, data, exc)
    return 0


def _skeleton_text(skeleton: dict[str, Any], kind: str) -> str:
    if kind == "yaml-input":
        return render(skeleton, OutputOptions(format="yaml"))
    return json.dumps(skeleton, indent=4) + "\n"


def _require_secret_id(command: str, ns: argparse.Namespace) -> None:
    """--secret-id is required, from the command line or a document (so argparse cannot check it)."""
    if command != "list-secrets" and get(ns, "secret_id") is None:
        raise ParameterError(
            f"smtui {command}: the following arguments are required: --secret-id\n"
            f"See 'smtui {command} help' or 'smtui {command} -h'.",
            field="SecretId",
        )


def _paging(ns: argparse.Namespace) -> Paging:
    paging = Paging(
        max_results=get(ns, "max_results"),
        next_token=get(ns, "next_token"),
        max_items=get(ns, "max_items"),
        starting_token=get(ns, "starting_token"),
        page_size=get(ns, "page_size"),
        no_paginate=bool(get(ns, "no_paginate", False)),
    )
    paging.check()
    return paging


def _list(backend: Any, ns: argparse.Namespace, paging: Paging) -> None:
    from smtui.backends.base import ListFilter
    from smtui.output import render_pages

    filters = None
    raw = get(ns, "filters")
    if raw is not None:
        items = parse_structs(raw, "--filters", ("Key", "Values"), list_members=("Values",))
        filters = [ListFilter(Key=str(i.get("Key", "")), Values=tuple(_strings(i.get("Values", [])))) for i in items]

    def call(token: str | None, max_results: int | None) -> dict[str, Any]:
        return as_dict(
            backend.list_secrets(
                max_results=max_results,
                next_token=token,
                filters=filters,
                include_planned_deletion=bool(get(ns, "include_planned_deletion", False)),
                sort_order=get(ns, "sort_order"),
                sort_by=get(ns, "sort_by"),
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
    write_out(render_pages(pages, output_options(ns), merged=result, title="ListSecrets"))


def _strings(values: Any) -> list[str]:
    return [str(v) for v in values] if isinstance(values, list) else [str(values)]
