"""The wizard's plain parts without a terminal: error routing, prefill, printing the result, Ctrl+C."""

from __future__ import annotations

import json

import pytest

from smtui.app import SmtuiApp, apply_prefill, render_results, step_for_error
from smtui.draft import Draft
from smtui.errors import EXIT_INTERRUPTED, ConfigurationError, ParameterError, ServiceError
from smtui.model import CreateSecretResult
from smtui.output import OutputOptions
from smtui.settings import TargetSettings
from tests.ui.wizard_driver import MARKER, settle


@pytest.mark.parametrize(
    ("error", "step"),
    [
        (ServiceError("ResourceExistsException", "The operation failed because the secret x already exists."), "name"),
        (
            ServiceError(
                "InvalidRequestException",
                "You can't create this secret because a secret with this name is already scheduled for deletion.",
            ),
            "name",
        ),
        (ServiceError("EncryptionFailure", "key disabled"), "encryption"),
        (
            ServiceError(
                "InvalidParameterException", "The operation failed because of an invalid KMS key: Invalid keyId"
            ),
            "encryption",
        ),
        (ParameterError("bad", field="Tags[3].Key"), "tags"),
        (ParameterError("bad", field="AddReplicaRegions[0].Region"), "replicas"),
        (ParameterError("bad", field="SecretString"), "value"),
        (ServiceError("AccessDeniedException", "denied"), "target"),
        (ConfigurationError("no region"), "review"),
    ],
)
def test_errors_go_back_to_the_step_that_must_change(error: Exception, step: str) -> None:
    assert step_for_error(error) == step  # type: ignore[arg-type]


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

    assert describe_status("a", NameStatus(State="free")) == ("[green]✓[/] a is free in this target.", False)
    text, blocks = describe_status("a", NameStatus(State="taken", ARN="arn:x"))
    assert blocks and "already exists" in text
    text, blocks = describe_status(
        "a", NameStatus(State="scheduled-for-deletion", DeletedDate=datetime(2026, 12, 24, tzinfo=UTC))
    )
    assert blocks and "2026-12-24" in text and "restore-secret" in text
