"""Pilot tests of the Resource permissions step on real targets: the local store (key file) and a moto server.

Each policy is chosen with the keys a person presses (the template list, the principal field, the editor), applied
by the one submit, and read back with GetResourcePolicy from the target itself. moto does not implement
ValidateResourcePolicy (it answers 500): the step says the target could not check and goes on with smtui's own
checks. The failed apply after a created secret is a real AccessDeniedException from the fault proxy in front of
moto, for PutResourcePolicy only.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from textual.widgets import Button, Checkbox, Input, RadioButton, TextArea

from smtui import routing
from smtui.app import SmtuiApp
from smtui.backends import open_backend
from smtui.errors import ServiceError
from smtui.model import policy_templates
from smtui.screens.result import SubmitScreen
from smtui.settings import TargetSettings
from tests.conftest import MotoServer
from tests.safety.fault_proxy import FaultProxy
from tests.ui.wizard_driver import Wizard, next_step, settle, shown_text, step, type_into, walk_to_review

SIZE = (80, 24)
ROLE = "arn:aws:iam::111122223333:role/app-reader"
ORDER = [t.id for t in policy_templates.TEMPLATES]


def boto_client(moto: MotoServer) -> Any:
    import boto3

    return boto3.client("secretsmanager", region_name="us-east-1", endpoint_url=moto.url)


async def to_permissions(pilot: Wizard, name: str) -> None:
    """The whole walk to Review, then the Review's number key back to this step (Next returns to Review)."""
    await walk_to_review(pilot, name=name)
    await pilot.press(str(routing.position("permissions")))
    await settle(pilot)
    assert step(pilot) == "permissions"


async def choose(pilot: Wizard, template: policy_templates.TemplateId) -> None:
    """Arrow keys through the template list from the chosen one, then Enter, as a person picks."""
    pilot.app.screen.query_one("#policy-template").focus()
    chosen = next(i for i, t in enumerate(ORDER) if pilot.app.screen.query_one(f"#template-{t}", RadioButton).value)
    await pilot.press(*(["down"] * ((ORDER.index(template) - chosen) % len(ORDER))), "enter")
    await settle(pilot)


async def write(pilot: Wizard, text: str) -> None:
    """Replace the editor's text as one edit (a paste): the step sees it as typed."""
    area = pilot.app.screen.query_one("#policy-text", TextArea)
    area.focus()
    area.select_all()
    area.replace(text, area.selection.start, area.selection.end)
    await settle(pilot)


def public_policy() -> str:
    return policy_templates.render("role", ROLE).replace(json.dumps(ROLE), '"*"')


async def submit(pilot: Wizard) -> SubmitScreen:
    """From this step or from Review: Next to Review when not on it, then Create."""
    if step(pilot) != "review":
        await next_step(pilot, "review")
    await next_step(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SubmitScreen) and screen.result is not None, "the secret must be created"
    return screen


async def test_role_template_on_the_local_store_is_checked_applied_and_read_back(
    local_settings: TargetSettings,
) -> None:
    app = SmtuiApp(local_settings, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await to_permissions(pilot, "perm/role")
        assert app.screen.query_one("#block-public", Checkbox).value is True  # on by default
        await choose(pilot, "role")
        await type_into(pilot, "#principal", ROLE, keys=True)
        await settle(pilot)
        assert "Checked by the local store: no findings" in shown_text(pilot, "#policy-target")
        assert app.screen.query_one("#policy-text", TextArea).text == policy_templates.render("role", ROLE)
        await next_step(pilot, "review")
        assert f"read access for role {ROLE} · block public policy on" in shown_text(pilot, "#review-summary")
        await pilot.press(str(routing.position("permissions")))  # shown again: the template and ARN come back
        await settle(pilot)
        assert app.screen.query_one("#template-role", RadioButton).value is True
        assert app.screen.query_one("#principal", Input).value == ROLE
        screen = await submit(pilot)
        assert not screen.query_one("#policy-status").display  # nothing to report: the policy is on
        arn = screen.result.ARN if screen.result else ""
    backend = open_backend(local_settings)
    try:
        assert backend.get_resource_policy(arn).ResourcePolicy == policy_templates.render("role", ROLE)
    finally:
        backend.close()


@pytest.mark.slow  # a sibling in the fast suite covers the same path
async def test_account_template_on_moto_is_applied_although_moto_cannot_validate(
    moto_env: MotoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")  # moto's 500 for ValidateResourcePolicy: no retries to wait for
    app = SmtuiApp(TargetSettings(backend="aws"), cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await to_permissions(pilot, "perm/account")
        await choose(pilot, "account")
        await type_into(pilot, "#principal", "44445555", keys=True)
        assert "12 digits" in shown_text(pilot, "#policy-issues")
        await next_step(pilot, "permissions")  # refused: not an account id yet
        await type_into(pilot, "#principal", "444455556666", keys=True)
        await settle(pilot)
        assert "could not check the policy" in shown_text(pilot, "#policy-target")
        screen = await submit(pilot)
        arn = screen.result.ARN if screen.result else ""
    policy = json.loads(boto_client(moto_env).get_resource_policy(SecretId=arn)["ResourcePolicy"])
    assert policy["Statement"][0]["Principal"] == {"AWS": "arn:aws:iam::444455556666:root"}
    assert policy["Statement"][0]["Action"] == "secretsmanager:GetSecretValue"


async def test_json_typed_wrong_shows_line_and_column_and_keeps_the_person_here(
    local_settings: TargetSettings,
) -> None:
    app = SmtuiApp(local_settings, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await to_permissions(pilot, "perm/custom")
        await choose(pilot, "custom")
        assert app.screen.query_one("#policy-text", TextArea).text == policy_templates.CUSTOM_SKELETON
        assert "must have a Statement" in shown_text(pilot, "#policy-issues")  # policy_rules' grammar
        await write(pilot, '{\n  "Version": "2012-10-17"\n  "Statement": []\n}')
        assert "line 3, column 3" in shown_text(pilot, "#policy-issues")
        await next_step(pilot, "permissions")  # not left with a broken policy
        await write(pilot, policy_templates.render("role", ROLE).replace("GetSecretValue", "DescribeSecret"))
        assert not app.screen.query_one("#policy-issues").display
        await choose(pilot, "none")  # and back to no policy at all
        await next_step(pilot, "review")
        assert "Resource policy none" in shown_text(pilot, "#review-summary")
        assert app.draft.resource_policy == ""


@pytest.mark.slow  # a sibling in the fast suite covers the same path
async def test_editing_a_template_makes_it_my_own_policy(local_settings: TargetSettings) -> None:
    app = SmtuiApp(local_settings, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await to_permissions(pilot, "perm/edited")
        await choose(pilot, "role")
        await type_into(pilot, "#principal", ROLE)
        area = app.screen.query_one("#policy-text", TextArea)
        area.focus()
        area.move_cursor((0, 1))
        await pilot.press("space")  # one key in the editor
        await settle(pilot)
        assert app.screen.query_one("#template-custom", RadioButton).value is True
        assert not app.screen.query_one("#principal-row").display
        await next_step(pilot, "review")
        assert "own policy" in shown_text(pilot, "#review-summary")


async def test_a_public_policy_is_refused_while_block_public_policy_is_on(local_settings: TargetSettings) -> None:
    app = SmtuiApp(local_settings, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await to_permissions(pilot, "perm/public")
        await choose(pilot, "custom")
        await write(pilot, public_policy())
        shown = shown_text(pilot, "#policy-issues")
        assert "public access" in shown and "PublicPolicyException" in shown and shown.startswith("✗")
        await next_step(pilot, "permissions")  # the service would refuse it: not left
        app.screen.query_one("#block-public", Checkbox).focus()
        await pilot.press("space")  # the person turns Block public policy off, deliberately
        await settle(pilot)
        assert shown_text(pilot, "#policy-issues").startswith("!")  # now a warning
        await next_step(pilot, "review")
        assert "block public policy OFF" in shown_text(pilot, "#review-summary")
        screen = await submit(pilot)
        arn = screen.result.ARN if screen.result else ""
    backend = open_backend(local_settings)
    try:
        assert backend.get_resource_policy(arn).ResourcePolicy == public_policy()
    finally:
        backend.close()


@pytest.mark.slow  # a sibling in the fast suite covers the same path
async def test_a_failed_apply_after_create_shows_the_secret_and_apply_again_works(
    moto_env: MotoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
    with FaultProxy(moto_env.url) as proxy:
        app = SmtuiApp(TargetSettings(backend="aws", endpoint_url=proxy.url), cursor_blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await to_permissions(pilot, "perm/denied")
            await choose(pilot, "role")
            await type_into(pilot, "#principal", ROLE)
            await settle(pilot)
            proxy.set_mode("denied", only="PutResourcePolicy", first=1)
            screen = await submit(pilot)
            assert "Secret created" in str(screen.query_one("#step-header").render())
            status = shown_text(pilot, "#policy-status")
            assert "The resource policy was not applied" in status and "AccessDeniedException" in status
            again = screen.query_one("#apply-policy", Button)
            assert again.display
            arn = screen.result.ARN if screen.result else ""
            assert "ResourcePolicy" not in boto_client(moto_env).get_resource_policy(SecretId=arn)
            again.focus()
            await pilot.press("enter")
            await settle(pilot)
            assert not screen.query_one("#policy-status").display and not again.display
        assert proxy.operations().count("PutResourcePolicy") == 2
    stored = boto_client(moto_env).get_resource_policy(SecretId=arn)["ResourcePolicy"]
    assert json.loads(stored)["Statement"][0]["Principal"] == {"AWS": ROLE}


@pytest.mark.parametrize("code", ["MalformedPolicyDocumentException", "PublicPolicyException"])
def test_policy_errors_route_back_to_the_permissions_step(code: str) -> None:
    assert routing.step_for_error(ServiceError(code, "This policy has invalid syntax.")) == "permissions"
    assert routing.step_for_error(ServiceError("ValidationException", "x", field="ResourcePolicy")) == "permissions"
