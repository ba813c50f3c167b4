"""routing.steps_for: put mode's steps (Target, Secret, Value, Review), create mode's unchanged."""

from __future__ import annotations

import pytest

from smtui import routing
from smtui.errors import SmtuiError


def test_create_steps_are_the_steps_table() -> None:
    assert routing.steps_for() is routing.STEPS
    assert routing.steps_for("create") is routing.STEPS
    assert routing.position("name") == 2
    assert routing.position("review", "create") == len(routing.STEPS)


def test_put_steps() -> None:
    ids = [s.id for s in routing.steps_for("put")]
    assert ids == ["target", "secret", "value", "review"]
    assert [routing.position(i, "put") for i in ids] == [1, 2, 3, 4]
    assert routing.step("secret").screen == "smtui.screens.pick_secret:PickSecretScreen"


def test_a_step_put_mode_lacks_has_no_position() -> None:
    with pytest.raises(KeyError):
        routing.position("tags", "put")
    with pytest.raises(KeyError):
        routing.position("secret", "create")


def test_an_error_about_the_secret_id_goes_to_the_secret_step() -> None:
    assert routing.step_for_field("SecretId") == "secret"
    assert (
        routing.step_for_error(SmtuiError("scheduled for deletion", code="InvalidRequestException", field="SecretId"))
        == "secret"
    )
