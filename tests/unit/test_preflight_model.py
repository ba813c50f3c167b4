"""The preflight's answers as data: lines, problems, IAM decisions, "could not check" never a problem."""

from __future__ import annotations

from smtui.model.preflight import Finding, PreflightReport, SimulatedAction, could_not_check


def test_could_not_check_is_an_answer_not_a_problem() -> None:
    finding = could_not_check("key", "alias/app", "AccessDeniedException")
    assert finding.status == "unknown"
    assert finding.line() == "? alias/app: could not check (AccessDeniedException)"
    assert PreflightReport(findings=(finding,)).problems == ()


def test_a_problem_keeps_its_step() -> None:
    taken = Finding("name", "app/db", "problem", "already exists", step="name")
    report = PreflightReport(findings=(taken, Finding("caller", "caller", "ok", "arn:aws:iam::1:user/a")))
    assert report.problems == (taken,)
    assert report.lines()[0] == "✗ app/db: already exists"


def test_eval_decisions() -> None:
    assert SimulatedAction.from_eval("a", "allowed").decision == "allowed"
    assert SimulatedAction.from_eval("a", "explicitDeny").decision == "denied"
    assert SimulatedAction.from_eval("a", "implicitDeny").decision == "denied"
    assert SimulatedAction.from_eval("a", "other").decision == "unknown"


def test_lines_show_the_simulation_or_its_note() -> None:
    sims = (SimulatedAction("secretsmanager:CreateSecret", "allowed"), SimulatedAction("kms:Decrypt", "denied"))
    assert PreflightReport(simulated=sims).lines() == [
        "✓ secretsmanager:CreateSecret: allowed",
        "✗ kms:Decrypt: denied",
    ]
    note = PreflightReport(simulation_note="could not check: the local store has no IAM")
    assert note.lines() == ["? IAM simulation: could not check: the local store has no IAM"]
