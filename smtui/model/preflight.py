"""The Review step's preflight as data: each check's answer, shown point by point (issue 11 item 3).

Why its own model: the checks run against the target in a worker (smtui.backends.preflight) and the panel only draws
what comes back, so the answers are plain values a test can build. "Could not check" is an answer, not an error: it
never blocks Create — only the person decides, after reading the findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Status = Literal["ok", "problem", "unknown"]
Decision = Literal["allowed", "denied", "unknown"]

MARKS: dict[Status, str] = {"ok": "✓", "problem": "✗", "unknown": "?"}


@dataclass(frozen=True)
class Finding:
    """One point of the preflight: what was checked, the answer, and the step that changes it (routing.py's ids)."""

    check: str  # "caller", "name", "key", "region", "simulation"
    subject: str  # what it is about: the name, a key id, a region
    status: Status
    detail: str
    step: str | None = None  # the wizard step a problem routes to ("name", "encryption", "replicas")

    def line(self) -> str:
        return f"{MARKS[self.status]} {self.subject}: {self.detail}"


def could_not_check(check: str, subject: str, code: str) -> Finding:
    """A denied or failed check, shown as an answer: 'could not check (AccessDeniedException)'."""
    return Finding(check, subject, "unknown", f"could not check ({code})")


def key_answer(state: str, spec: str, usage: str) -> tuple[Status, str]:
    """DescribeKey's answer for a key the wizard may not use, in the person's words: disabled (or pending
    deletion...), or not a symmetric encryption key (Secrets Manager needs SYMMETRIC_DEFAULT, ENCRYPT_DECRYPT)."""
    if spec != "SYMMETRIC_DEFAULT" or usage != "ENCRYPT_DECRYPT":
        return "problem", f"not symmetric ({spec}, {usage})"
    if state != "Enabled":
        return "problem", "disabled" if state == "Disabled" else f"not usable ({state})"
    return "ok", "exists, enabled, symmetric"


@dataclass(frozen=True)
class SimulatedAction:
    """One action of the minimal policy as iam:SimulatePrincipalPolicy decided it for the caller."""

    action: str
    decision: Decision

    @staticmethod
    def from_eval(action: str, eval_decision: str) -> SimulatedAction:
        """IAM's EvalDecision (allowed, explicitDeny, implicitDeny) as allowed / denied."""
        if eval_decision == "allowed":
            return SimulatedAction(action, "allowed")
        if eval_decision in ("explicitDeny", "implicitDeny"):
            return SimulatedAction(action, "denied")
        return SimulatedAction(action, "unknown")


@dataclass(frozen=True)
class PreflightReport:
    """Every finding of one run, and the simulation's answer per action (empty when it could not run)."""

    findings: tuple[Finding, ...] = ()
    simulated: tuple[SimulatedAction, ...] = ()
    simulation_note: str = ""  # e.g. "could not check (AccessDenied)" or "the local store has no IAM"

    @property
    def problems(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.status == "problem")

    def lines(self) -> list[str]:
        """What the panel shows, one point a line; never a value (no check reads one)."""
        out = [f.line() for f in self.findings]
        if self.simulated:
            out.extend(f"{MARKS[_status(s.decision)]} {s.action}: {s.decision}" for s in self.simulated)
        elif self.simulation_note:
            out.append(f"? IAM simulation: {self.simulation_note}")
        return out


def _status(decision: Decision) -> Status:
    statuses: dict[Decision, Status] = {"allowed": "ok", "denied": "problem", "unknown": "unknown"}
    return statuses[decision]
