"""The preflight panel's lines are plain text: a name or key id that looks like markup is shown as typed."""

from __future__ import annotations

from smtui.model.preflight import Finding, PreflightReport, SimulatedAction
from smtui.widgets.preflight_panel import finding_line, report_lines


def test_markup_looking_text_is_shown_as_typed() -> None:
    line = finding_line(Finding("name", "app/[b]x[/]\\", "problem", "taken", step="name"))
    assert line.plain == "✗ Name: app/[b]x[/]\\ — taken  → step 2 Name & description"


def test_the_caller_line_and_the_simulation() -> None:
    report = PreflightReport(
        (Finding("caller", "caller", "ok", "arn:aws:iam::1:user/u"),),
        (SimulatedAction("secretsmanager:CreateSecret", "allowed"), SimulatedAction("kms:Decrypt", "denied")),
    )
    assert [c.plain for c in report_lines(report)] == [
        "✓ Caller: arn:aws:iam::1:user/u",
        "✓ IAM: secretsmanager:CreateSecret — allowed",
        "✗ IAM: kms:Decrypt — denied",
    ]
