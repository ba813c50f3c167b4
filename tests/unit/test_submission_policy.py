"""smtui.submission with a resource policy, on the real local store: create, then PutResourcePolicy, one submit.

A refused policy (PublicPolicyException) after a created secret is the follow-up failure: the secret exists, the
outcome carries the service's error, and applying the policy again (after the person's change) attaches it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from smtui.backends import open_backend
from smtui.backends.base import Backend
from smtui.draft import Draft
from smtui.errors import ServiceError
from smtui.model import policy_templates
from smtui.settings import TargetSettings
from smtui.submission import apply_policy, submit_draft

VALUE = "Zq9-submission-policy-marker"
ROLE = "arn:aws:iam::111122223333:role/app-reader"


@pytest.fixture
def backend(tmp_path: Path) -> Iterator[Backend]:
    local = open_backend(TargetSettings(backend="local", store=tmp_path / "store.db", key_file=tmp_path / "store.key"))
    yield local
    local.close()


def draft(name: str, policy: str = "", *, block_public_policy: bool = True) -> Draft:
    made = Draft(name=name, resource_policy=policy, block_public_policy=block_public_policy)
    made.set_string_value(VALUE, "typed")
    return made


def test_no_policy_creates_only(backend: Backend) -> None:
    outcome = submit_draft(backend, draft("plain/none"))
    assert outcome.followup_error is None
    assert backend.get_resource_policy(outcome.result.ARN).ResourcePolicy is None


def test_the_policy_is_applied_right_after_create(backend: Backend) -> None:
    policy = policy_templates.render("role", ROLE)
    outcome = submit_draft(backend, draft("app/db", policy))
    assert outcome.followup_error is None
    assert backend.get_resource_policy("app/db").ResourcePolicy == policy  # the exact text that was put


def test_a_refused_policy_leaves_the_secret_created_and_applying_again_works(backend: Backend) -> None:
    public = policy_templates.render("role", ROLE).replace(json.dumps(ROLE), '"*"')
    failing = draft("app/public", public)
    outcome = submit_draft(backend, failing)
    error = outcome.followup_error
    assert isinstance(error, ServiceError) and error.code == "PublicPolicyException"
    assert backend.describe_secret(outcome.result.ARN).Name == "app/public"  # the secret exists
    assert backend.get_resource_policy(outcome.result.ARN).ResourcePolicy is None
    failing.block_public_policy = False  # the person's decision: this secret may be public
    assert apply_policy(backend, outcome.result.ARN, failing) is None
    assert backend.get_resource_policy(outcome.result.ARN).ResourcePolicy == public


def test_a_failed_create_puts_no_policy(backend: Backend) -> None:
    submit_draft(backend, draft("app/taken"))
    with pytest.raises(ServiceError) as failed:
        submit_draft(backend, draft("app/taken", policy_templates.render("role", ROLE)))
    assert failed.value.code == "ResourceExistsException"
    assert backend.get_resource_policy("app/taken").ResourcePolicy is None
