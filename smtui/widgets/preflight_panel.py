"""The Review step's preflight, point by point: the caller, the name, each key, the replica regions, and the IAM
simulation of the minimal policy per action (issue 11 item 3).

Why a panel that only draws: the checks run in a worker (smtui.backends.preflight) and come back as a
smtui.model.preflight.PreflightReport. "Could not check (CODE)" is an answer drawn like any other, never an error,
and a failing point never blocks Create: the service decides. Names, key ids and regions are the person's text, so
every line is built as plain Content (smtui.widgets.styled_text), never as markup.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Collapsible, Static

from smtui import routing
from smtui.model.preflight import MARKS, Finding, PreflightReport, Status
from smtui.widgets.styled_text import assemble, lines, plain

STYLES: dict[Status, str] = {"ok": "$text-success", "problem": "bold $text-error", "unknown": "$text-warning"}
DECISION_STATUS: dict[str, Status] = {"allowed": "ok", "denied": "problem", "unknown": "unknown"}
CHECK_LABELS = {"caller": "Caller", "name": "Name", "key": "Key", "region": "Replica region"}


def _step_hint(finding: Finding, mode: str) -> str:
    if finding.step is None:
        return ""
    steps = routing.steps_for("put" if mode == "put" else "create")
    for number, step in enumerate(steps, start=1):
        if step.id == finding.step:
            return f"  → step {number} {step.title}"
    return f"  → {routing.step(finding.step).title}" if finding.step in {s.id for s in routing.STEPS} else ""


def finding_line(finding: Finding, mode: str = "create") -> Content:
    label = CHECK_LABELS.get(finding.check, finding.check.capitalize())
    return assemble(
        (f"{MARKS[finding.status]} ", STYLES[finding.status]),
        (f"{label}: ", "bold"),
        *(() if finding.subject == finding.check else (finding.subject, " — ")),
        (finding.detail, STYLES[finding.status] if finding.status != "ok" else ""),
        (_step_hint(finding, mode), "bold"),
    )


def report_lines(report: PreflightReport, mode: str = "create") -> list[Content]:
    out = [finding_line(f, mode) for f in report.findings]
    if report.simulated:
        for action in report.simulated:
            status = DECISION_STATUS[action.decision]
            out.append(
                assemble(
                    (f"{MARKS[status]} ", STYLES[status]),
                    ("IAM: ", "bold"),
                    action.action,
                    " — ",
                    (action.decision, STYLES[status] if status != "ok" else ""),
                )
            )
    elif report.simulation_note:
        out.append(
            assemble((f"{MARKS['unknown']} ", STYLES["unknown"]), ("IAM simulation: ", "bold"), report.simulation_note)
        )
    return out


class PreflightPanel(Vertical):
    """Checking… until `show_report`; then the findings, a one-line verdict and the minimal policy."""

    def compose(self) -> ComposeResult:
        yield Static(plain("Checking the target…", "italic"), id="preflight-results")
        with Collapsible(title="Minimal IAM policy for these choices (p saves it)", id="preflight-policy-box"):
            yield Static(plain("(known once the caller's account is known)"), id="preflight-policy", classes="code")

    def show_checking(self) -> None:
        self.query_one("#preflight-results", Static).update(plain("Checking the target…", "italic"))

    def show_report(self, report: PreflightReport, policy_text: str | None, mode: str = "create") -> None:
        problems = len(report.problems)
        denied = sum(1 for s in report.simulated if s.decision == "denied")
        if problems or denied:
            verdict = assemble(
                (f"{problems + denied} point(s) may fail. ", "bold $text-error"),
                "You may still submit: the service decides.",
            )
        else:
            verdict = plain("No problem found.", "bold $text-success")
        body = [assemble(("Preflight: ", "bold"), verdict), *report_lines(report, mode)]
        self.query_one("#preflight-results", Static).update(lines(body))
        text = policy_text if policy_text is not None else "(unknown: the caller's account could not be read)"
        self.query_one("#preflight-policy", Static).update(plain(text.rstrip("\n")))

    def show_failure(self, message: str) -> None:
        self.query_one("#preflight-results", Static).update(
            assemble((f"{MARKS['unknown']} ", STYLES["unknown"]), ("Preflight: ", "bold"), message)
        )
