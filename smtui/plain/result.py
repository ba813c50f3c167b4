"""Plain mode's Submit and result: the CreateSecret call, the outcome in words, the replicas until they settle.

The request is the draft's (`Draft.to_request`), with the draft's one ClientRequestToken, so a retry after a
failure can never create a second version. A failure names the step that must change (`smtui.routing`), as
the wizard's result screen does. Replica status is read again from DescribeSecret about once a second, and a
line is said only when a replica's status changes (never a redraw), until every replica is InSync or Failed.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from smtui import routing
from smtui.backends.base import Backend
from smtui.errors import SmtuiError
from smtui.model import CreateSecretRequest, CreateSecretResult, ReplicationStatusEntry
from smtui.plain.console import Console

POLL_SECONDS = 1.0
POLL_LIMIT_SECONDS = 600.0
SETTLED = ("InSync", "Failed")


def create(backend: Backend, request: CreateSecretRequest) -> CreateSecretResult | SmtuiError:
    """CreateSecret; any failure as an SmtuiError (an unexpected one by its type only: its text could quote a value)."""
    try:
        return backend.create_secret(request)
    except SmtuiError as exc:
        return exc
    except Exception as exc:
        return SmtuiError(f"Unexpected failure: {type(exc).__name__}")


def say_failure(console: Console, error: SmtuiError) -> str:
    """The failure in words; returns the id of the step that must change."""
    step = routing.step_for_error(error)
    console.say(f"The secret was not created. {error.code or type(error).__name__}: {error.message}")
    if error.hint:
        console.say(error.hint)
    console.say(
        f"Everything you entered is kept. The step to change is {routing.step(step).title}. A retry reuses the "
        "same request token, so it never creates a second version."
    )
    return step


def say_success(console: Console, result: CreateSecretResult) -> None:
    console.say("The secret was created.", f"ARN: {result.ARN}", f"Name: {result.Name}")
    console.say(f"Version id: {result.VersionId}" if result.VersionId else "No version: the secret has no value.")


def _status_words(entry: ReplicationStatusEntry) -> str:
    message = f" ({entry.StatusMessage})" if entry.StatusMessage else ""
    return f"Replica {entry.Region}: {entry.Status}{message}"


def follow_replicas(
    console: Console,
    backend: Backend,
    result: CreateSecretResult,
    *,
    sleep: Callable[[float], None] = time.sleep,
    poll: float = POLL_SECONDS,
) -> CreateSecretResult:
    """Say each replica's status, then each change, until all settle (or the time limit); the latest result."""
    entries = result.ReplicationStatus or []
    said = {e.Region: (e.Status, e.StatusMessage) for e in entries}
    for entry in entries:
        console.say(_status_words(entry))
    deadline = time.monotonic() + POLL_LIMIT_SECONDS
    while entries and not all(e.Status in SETTLED for e in entries):
        if time.monotonic() > deadline:
            console.say("The replicas have not settled yet; smtui describe-secret shows their status later.")
            break
        sleep(poll)
        try:
            entries = backend.describe_secret(result.ARN).ReplicationStatus or []
        except SmtuiError:
            continue
        for entry in entries:
            if said.get(entry.Region) != (entry.Status, entry.StatusMessage):
                said[entry.Region] = (entry.Status, entry.StatusMessage)
                console.say(_status_words(entry))
        result = result.model_copy(update={"ReplicationStatus": entries})
    if entries and all(e.Status in SETTLED for e in entries):
        console.say("Every replica has settled.")
    return result
