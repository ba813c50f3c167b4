"""`smtui create-secret`: the AWS CLI's create-secret; the value from a file, stdin or a masked prompt only.

Order matters for the person at the keyboard: everything but the value is validated first (through the model,
the one source of every rule), so a bad name is reported before anyone is asked to type a secret; then the
value is read; then the whole request is validated again and sent. The ClientRequestToken is made once here
(uuid4) and travels inside the request, so botocore's retries and a re-run with the same token are idempotent.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
import time
import uuid
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from pydantic import SecretStr

from smtui.cli.context import (
    as_dict,
    done_but_unwritten,
    emit,
    known_region,
    open_target,
    target_settings,
    write_out,
)
from smtui.cli.parser import get
from smtui.cli.request_doc import load_document, merge_flags, skeleton
from smtui.cli.value_source import BinaryFormat, SecretValue, read_value
from smtui.errors import Issue, ParameterError

if TYPE_CHECKING:
    from smtui.model import CreateSecretRequest

log = logging.getLogger("smtui.cli")


def run(ns: argparse.Namespace) -> int:
    kind = get(ns, "generate_cli_skeleton")
    if kind is not None and kind != "output":
        write_out(skeleton(kind))
        return 0
    binary_format: BinaryFormat = get(ns, "cli_binary_format", "base64")
    _harden()  # before the document is read: a document file may carry the value
    doc, _ = load_document(ns, binary_format)
    data = merge_flags(doc, ns)
    data.setdefault("ClientRequestToken", str(uuid.uuid4()))
    settings = target_settings(ns)
    region = known_region(settings)
    said = warn(validate(data, region), region)  # everything but the value, before asking for it
    _one_value(ns, doc)
    if kind == "output":  # "validates the command inputs and returns a sample output"; no value is read
        write_out(skeleton(kind))
        return 0

    value = _value(ns, doc, binary_format)
    if value is not None and isinstance(value.string, SecretStr):  # a document's non-string is the model's to name
        advise(value.string.get_secret_value())
    full = {**data, **(value.request_fields() if value else {})}
    request = validate(full, region)
    log.debug("create-secret: members %s", sorted(request.model_dump(exclude_none=True)))

    backend = open_target(settings)
    try:
        if request.AddReplicaRegions and backend.region != region:
            request = validate(full, backend.region)  # replica ≠ primary needs the real primary region
            warn(request, backend.region, said)  # and so does the replica-partition warning
        started = time.perf_counter()
        with _secret_scope(value):
            result = backend.create_secret(request)
        log.debug("create-secret: done in %.0f ms", (time.perf_counter() - started) * 1000)
    finally:
        backend.close()
    from smtui.cli.stdio import OutputFailed

    data = as_dict(result)
    try:
        emit(data, ns, "CreateSecret")
    except OutputFailed as exc:  # the secret exists: the person must learn its ARN (smtui.cli.stdio)
        return done_but_unwritten("CreateSecret", data, exc)
    return 0


def validate(data: dict[str, Any], region: str | None) -> CreateSecretRequest:
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


def _value(ns: argparse.Namespace, doc: dict[str, Any], binary_format: BinaryFormat) -> SecretValue | None:
    """A flag wins over the document's member of the SAME name; the prompt only when neither gives a value.

    The two members are merged, not chosen between: a document's SecretBinary with a --secret-string flag (or
    a document carrying both) meets the model's rule, which refuses both values (docs/aws-behaviour.md §2.4), as the
    service would; dropping one silently would store something other than what was asked. `_one_value` runs
    that rule before anything is read, so nobody types a secret into a request that cannot be sent.
    """
    string, binary = get(ns, "secret_string"), get(ns, "secret_binary")
    doc_string, doc_binary = doc.get("SecretString"), doc.get("SecretBinary")
    if string is None and binary is None and (doc_string is not None or doc_binary is not None):
        return SecretValue(string=doc_string, binary=doc_binary)
    return read_value(string, binary, binary_format=binary_format)


def _one_value(ns: argparse.Namespace, doc: dict[str, Any]) -> None:
    """The model's "never both values" rule over flags and document together, before any value is read."""
    has_string = get(ns, "secret_string") is not None or doc.get("SecretString") is not None
    has_binary = get(ns, "secret_binary") is not None or doc.get("SecretBinary") is not None
    if has_string and has_binary:
        from smtui.model.rules import both_values_issues

        raise ParameterError.from_issues(both_values_issues(True, True))


def _harden() -> None:
    from smtui import hardening

    harden = getattr(hardening, "harden_process", None)
    if harden is not None:
        harden()


@contextlib.contextmanager
def _secret_scope(value: SecretValue | None) -> Iterator[None]:
    """Register the value with the debug-log redactor while the request is in flight."""
    from smtui import redact

    scope = getattr(redact, "secret_scope", None)
    if value is None or scope is None:
        yield
        return
    with scope(value.plaintext()):
        yield
