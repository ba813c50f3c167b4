"""The preflight on the aws backend: Secrets Manager/STS/KMS on moto, IAM on the loopback stand-in (one action allowed,
one denied), AccessDenied from the stand-in, and moto alone (no SimulatePrincipalPolicy): "could not check"."""

from __future__ import annotations

import pytest

from smtui.backends import open_backend
from smtui.backends.preflight import run_preflight
from smtui.model.iam_policy import PolicyChoices
from smtui.settings import TargetSettings
from tests.tools.iam_standin import IamStandIn

CHOICES = PolicyChoices(name="app/db", has_tags=True)


@pytest.mark.usefixtures("moto_env")
def test_one_allowed_one_denied(monkeypatch: pytest.MonkeyPatch) -> None:
    with IamStandIn({"secretsmanager:CreateSecret": "allowed", "secretsmanager:TagResource": "explicitDeny"}) as iam:
        monkeypatch.setenv("AWS_ENDPOINT_URL_IAM", iam.url)
        backend = open_backend(TargetSettings(backend="aws"))
        report, _ = run_preflight(backend, CHOICES)
    assert [(s.action, s.decision) for s in report.simulated] == [
        ("secretsmanager:CreateSecret", "allowed"),
        ("secretsmanager:TagResource", "denied"),
    ]
    assert iam.requests[0]["PolicySourceArn"][0].startswith("arn:aws:")


@pytest.mark.usefixtures("moto_env")
def test_a_denied_simulation_is_could_not_check(monkeypatch: pytest.MonkeyPatch) -> None:
    with IamStandIn(access_denied=True) as iam:
        monkeypatch.setenv("AWS_ENDPOINT_URL_IAM", iam.url)
        report, _ = run_preflight(open_backend(TargetSettings(backend="aws")), CHOICES)
    assert report.simulated == ()
    assert report.simulation_note == "could not check (AccessDenied)"


@pytest.mark.usefixtures("moto_env")
def test_moto_alone_could_not_check() -> None:
    report, _ = run_preflight(open_backend(TargetSettings(backend="aws")), CHOICES)
    assert report.simulated == ()
    assert report.simulation_note.startswith("could not check")
    assert [f.status for f in report.findings if f.check in ("caller", "name")] == ["ok", "ok"]
