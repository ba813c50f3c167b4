"""The wizard's plain parts without a terminal: error routing, prefill, printing the result, Ctrl+C."""

from __future__ import annotations

import json

import pytest

from smtui import routing
from smtui.app import SmtuiApp, apply_prefill, make_step, render_results
from smtui.backends.aws_errors import from_client_error
from smtui.draft import Draft
from smtui.errors import EXIT_INTERRUPTED, ConfigurationError, ParameterError, ServiceError, SmtuiError
from smtui.model import CreateSecretResult
from smtui.output import OutputOptions
from smtui.routing import step_for_error
from smtui.screens.base import StepScreen
from smtui.settings import TargetSettings
from tests.ui.wizard_driver import MARKER, settle


def aws(code: str, message: str, operation: str = "CreateSecret") -> ServiceError:
    """An error as the aws backend makes it from the service's answer (the member read from its words)."""
    return from_client_error({"Error": {"Code": code, "Message": message}}, operation=operation)


@pytest.mark.parametrize(
    ("error", "step"),
    [
        (aws("ResourceExistsException", "The operation failed because the secret x already exists."), "name"),
        (
            aws(
                "InvalidRequestException",
                "You can't create this secret because a secret with this name is already scheduled for deletion.",
            ),
            "name",
        ),
        (ServiceError("EncryptionFailure", "key disabled"), "encryption"),
        (
            aws("InvalidParameterException", "The operation failed because of an invalid KMS key: Invalid keyId"),
            "encryption",
        ),
        (ParameterError("bad", field="Tags[3].Key"), "tags"),
        (ParameterError("bad", field="AddReplicaRegions[0].Region"), "replicas"),
        (ParameterError("bad", field="SecretString"), "value"),
        (ServiceError("AccessDeniedException", "denied"), "target"),
        (ConfigurationError("no region"), "review"),
    ],
)
def test_errors_go_back_to_the_step_that_must_change(error: SmtuiError, step: str) -> None:
    assert step_for_error(error) == step


@pytest.mark.parametrize(
    ("error", "step"),
    [
        # the local store's errors carry their member: any words route the same
        (ServiceError("InvalidRequestException", "The name is being deleted (reworded).", field="Name"), "name"),
        (ServiceError("InvalidParameterException", "That key will not do.", field="KmsKeyId"), "encryption"),
        (ServiceError("ValidationException", "Too long.", field="Description"), "name"),
        (ServiceError("InvalidParameterException", "No.", field="AddReplicaRegions[1].KmsKeyId"), "replicas"),
        (ServiceError("ValidationException", "No.", field="ForceOverwriteReplicaSecret"), "replicas"),
        (ServiceError("ValidationException", "No.", field="SecretBinary"), "value"),
        # no member a step owns: the code decides (a reused token is the Name step's, as a taken name)
        (ServiceError("ResourceExistsException", "Token reused.", field="ClientRequestToken"), "name"),
        (ServiceError("DecryptionFailure", "Cannot decrypt."), "encryption"),
        (ConfigurationError("Damaged.", code="KeyMaterialDamaged"), "encryption"),
        (ServiceError("ExpiredTokenException", "Expired."), "target"),
        # the words alone never route: without the member the code's generic answer stands
        (
            ServiceError(
                "InvalidRequestException",
                "You can't create this secret because a secret with this name is already scheduled for deletion.",
            ),
            "review",
        ),
        (ServiceError("InvalidParameterException", "The KMS key is wrong."), "review"),
    ],
)
def test_routing_goes_by_member_then_code_never_by_words(error: SmtuiError, step: str) -> None:
    assert step_for_error(error) == step


def test_the_service_words_give_the_member_once_and_the_hint_follows_the_member() -> None:
    """The aws backend reads the scheduled-for-deletion words into the Name member; routing and hint follow it."""
    scheduled = aws(
        "InvalidRequestException",
        "You can't create this secret because a secret with this name is already scheduled for deletion.",
    )
    assert scheduled.field == "Name" and step_for_error(scheduled) == "name"
    reworded = ServiceError("InvalidRequestException", "A deletion is pending for that name.", field="Name")
    assert reworded.hint == scheduled.hint and reworded.hint and "restore-secret" in reworded.hint
    reused = aws("ResourceExistsException", "You can't use ClientRequestToken t ...", operation="PutSecretValue")
    assert reused.field == "ClientRequestToken" and reused.hint and "ClientRequestToken" in reused.hint


def test_every_step_names_its_screen_and_owns_distinct_members() -> None:
    """The one table: ids unique, each screen class found at its path with that STEP, no member owned twice."""
    ids = [s.id for s in routing.STEPS]
    members = [m for s in routing.STEPS for m in s.fields]
    assert len(set(ids)) == len(ids) and len(set(members)) == len(members)
    for number, entry in enumerate(routing.STEPS, start=1):
        screen = make_step(entry.id)
        assert isinstance(screen, StepScreen) and entry.id == screen.STEP
        assert routing.position(entry.id) == number and routing.step(entry.id) is entry
    assert set(routing.CODE_STEPS.values()) <= set(ids)
    with pytest.raises(KeyError):
        make_step("nowhere")


def test_prefill_from_the_command_line_never_carries_a_value() -> None:
    draft = Draft()
    apply_prefill(
        draft,
        {
            "Name": "a/b",
            "Description": "d",
            "KmsKeyId": "alias/k",
            "SecretString": MARKER,
            "Tags": [{"Key": "k", "Value": "v"}],
            "AddReplicaRegions": [{"Region": "eu-west-1"}],
            "ForceOverwriteReplicaSecret": True,
        },
    )
    assert (draft.name, draft.description, draft.kms_key_id) == ("a/b", "d", "alias/k")
    assert draft.tags[0].Key == "k" and draft.replicas[0].Region == "eu-west-1"
    assert draft.force_overwrite_replica_secret and draft.secret_string is None


def test_result_printed_on_exit_follows_output_and_query() -> None:
    results = [CreateSecretResult(ARN="arn:aws:secretsmanager:us-east-1:1:secret:a-AbCdEf", Name="a", VersionId="v")]
    printed = json.loads(render_results(results, OutputOptions()))
    assert printed == {"ARN": "arn:aws:secretsmanager:us-east-1:1:secret:a-AbCdEf", "Name": "a", "VersionId": "v"}
    assert render_results(results, OutputOptions(format="text", query="ARN")).strip() == results[0].ARN


async def test_ctrl_c_stops_at_once_and_drops_the_value(local_settings: TargetSettings) -> None:
    app = SmtuiApp(local_settings, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.draft.set_string_value(MARKER, "typed")
        await pilot.press("ctrl+c")
        await pilot.pause()
    assert app.return_value == EXIT_INTERRUPTED and app.draft.secret_string is None


def test_a_fresh_draft_keeps_one_token_until_renewed() -> None:
    draft = Draft(name="app/token")
    first = draft.client_request_token
    draft.set_string_value(MARKER, "typed")
    assert draft.to_request("us-east-1").ClientRequestToken == first == draft.to_request().ClientRequestToken
    draft.renew_token()
    assert draft.client_request_token != first
    draft.clear_value()
    assert draft.secret_string is None and draft.secret_binary is None


def test_name_status_in_plain_words() -> None:
    from datetime import UTC, datetime

    from smtui.model import NameStatus
    from smtui.screens.name import describe_status

    assert describe_status("a", NameStatus(State="free")) == ("✓ a is free in this target.", False)
    text, blocks = describe_status("a", NameStatus(State="taken", ARN="arn:x"))
    assert blocks and "already exists" in text
    text, blocks = describe_status(
        "a", NameStatus(State="scheduled-for-deletion", DeletedDate=datetime(2026, 12, 24, tzinfo=UTC))
    )
    assert blocks and "2026-12-24" in text and "restore-secret" in text
