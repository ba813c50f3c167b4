"""The preflight's checks against the real local store: caller, name taken, a typed alias that does not exist, a
disabled key, the primary as a replica region, and the simulation's "could not check" (the store has no IAM)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import SecretStr

from smtui.backends import open_backend
from smtui.backends.preflight import run_preflight
from smtui.model.iam_policy import PolicyChoices
from smtui.model.request import CreateSecretRequest
from smtui.settings import TargetSettings


@pytest.fixture
def store(tmp_path: Any) -> Iterator[Any]:
    backend = open_backend(TargetSettings(backend="local", store=tmp_path / "s.db", key_file=tmp_path / "k"))
    yield backend
    backend.close()


def _by(report: Any, check: str) -> list[Any]:
    return [f for f in report.findings if f.check == check]


def test_a_free_name_and_the_default_key(store: Any) -> None:
    report, policy = run_preflight(store, PolicyChoices(name="app/free"))
    assert _by(report, "caller")[0].status == "ok"
    assert _by(report, "name")[0].status == "ok"
    assert report.problems == ()
    assert policy is not None and policy["Statement"][0]["Action"] == ["secretsmanager:CreateSecret"]
    assert report.simulation_note == "could not check: this target has no IAM"


def test_name_taken_typed_alias_missing_disabled_key_and_primary_replica(store: Any) -> None:
    store.create_secret(
        CreateSecretRequest(Name="app/db", ClientRequestToken=str(uuid.uuid4()), SecretString=SecretStr("x" * 8))
    )
    disabled = store.create_key(alias="alias/off")
    store.disable_key(disabled.KeyId)
    report, _ = run_preflight(
        store,
        PolicyChoices(name="app/db", kms_key_id="alias/nope", replicas=[(store.region, "alias/off")]),
    )
    problems = {(f.check, f.step) for f in report.problems}
    assert ("name", "name") in problems
    assert ("key", "encryption") in problems
    assert ("key", "replicas") in problems
    assert ("region", "replicas") in problems
    assert "x" * 8 not in "\n".join(report.lines())


def test_an_existing_key_is_ok(store: Any) -> None:
    store.create_key(alias="alias/app")
    report, _ = run_preflight(store, PolicyChoices(name="app/new", kms_key_id="alias/app"))
    assert _by(report, "key")[0].status == "ok"
