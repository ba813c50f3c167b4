"""What the wizard's Submit does with the draft: one function the result screen's worker calls.

Why a module of its own (state layer, no Textual): a submit is more than one call. In create mode it is
CreateSecret, then (when the draft has one) PutResourcePolicy on the new secret, as one submit the person
started once; in put mode it is PutSecretValue into the secret the person picked. The steps run here, in order,
testable without a screen; the result screen only shows the `Outcome`. Every request carries the draft's one
ClientRequestToken, so a retry after a lost answer never makes a second version.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from smtui.backends.base import Backend
    from smtui.draft import Draft
    from smtui.errors import SmtuiError
    from smtui.model import CreateSecretResult
    from smtui.model.lifecycle import PutSecretValueResult


@dataclass(frozen=True)
class Outcome:
    """`result` is what the service answered to the submit's main call (CreateSecret).

    `followup_error` is a later step's failure (the resource policy) after the main call succeeded: the secret
    exists, so the result screen shows it as created and says what is still to do.
    """

    result: CreateSecretResult
    followup_error: SmtuiError | None = None


def submit_draft(backend: Backend, draft: Draft) -> Outcome:
    """Run the draft's submit on `backend` (CreateSecret, or PutSecretValue in put mode); raises SmtuiError when
    the main call fails (nothing was made)."""
    if draft.mode == "put":
        from smtui.model import CreateSecretResult

        # Shown as a create is: the ARN, Name and new VersionId, with no replicas and no policy to follow.
        put = put_draft(backend, draft)
        return Outcome(CreateSecretResult(ARN=put.ARN, Name=put.Name, VersionId=put.VersionId))
    request = draft.to_request(backend.region)
    result = backend.create_secret(request)
    return Outcome(result, apply_policy(backend, result.ARN, draft))


def put_draft(backend: Backend, draft: Draft) -> PutSecretValueResult:
    """Put mode's submit: PutSecretValue of the draft's value into `draft.secret_id`, with the draft's one token.

    The token is never renewed here, so a retry after a failure or a lost answer is the same request and the
    service (or the local store) makes one version at most; raises SmtuiError when the call fails.
    """
    return backend.put_secret_value(draft.to_put_request())


def apply_policy(backend: Backend, arn: str, draft: Draft) -> SmtuiError | None:
    """PutResourcePolicy of the draft's policy on the secret just created (nothing when the draft has none).

    Returns the failure instead of raising it: the secret exists whatever happens here, so the caller shows it
    as created, with the policy still to apply (the result screen's "Apply policy again" calls this again).
    """
    if not draft.resource_policy:
        return None
    from smtui.errors import SmtuiError

    try:
        backend.put_resource_policy(arn, draft.resource_policy, block_public_policy=draft.block_public_policy)
    except SmtuiError as exc:
        return exc
    return None
