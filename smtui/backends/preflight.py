"""The Review preflight's checks against the target (run in a thread worker; issue 11 item 3).

Why here: these calls block (DescribeSecret, the KMS listing, STS, IAM), so the screen starts them in a worker and
draws the smtui.model.preflight answers. Every refusal is an answer: a ServiceError becomes "could not check (CODE)",
never an exception out of the run, so Create is never blocked by a person's missing IAM permission.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from smtui.backends.base import Backend
from smtui.errors import ServiceError, SmtuiError
from smtui.model.iam_policy import PolicyChoices, is_customer_key, minimal_policy, policy_actions
from smtui.model.preflight import Finding, PreflightReport, SimulatedAction, could_not_check, key_answer


def run_preflight(backend: Backend, choices: PolicyChoices) -> tuple[PreflightReport, dict[str, Any] | None]:
    """Every check, point by point, and the minimal policy (None when the caller's account is unknown)."""
    findings: list[Finding] = []
    account = ""
    caller_arn = ""
    try:
        who = backend.whoami()
        account, caller_arn = who.Account, who.Arn
        findings.append(Finding("caller", "caller", "ok", who.Arn))
    except ServiceError as exc:
        findings.append(could_not_check("caller", "caller", exc.code or "error"))
    findings.append(_check_name(backend, choices))
    findings.extend(_check_keys(backend, choices))
    findings.extend(_check_regions(backend, choices))
    policy = minimal_policy(choices, account, backend.region) if account else None
    simulated, note = _simulate(backend, caller_arn, policy)
    return PreflightReport(tuple(findings), simulated, note), policy


def _guard(check: str, subject: str, body: Callable[[], Finding]) -> Finding:
    try:
        return body()
    except ServiceError as exc:
        return could_not_check(check, subject, exc.code or "error")


def _check_name(backend: Backend, choices: PolicyChoices) -> Finding:
    if choices.mode == "put":
        target = choices.secret_id

        def existing() -> Finding:
            try:
                found = backend.describe_secret(target)
            except ServiceError as exc:
                if exc.code == "ResourceNotFoundException":
                    return Finding("name", target, "problem", "does not exist", step="name")
                raise
            if found.DeletedDate is not None:
                return Finding("name", target, "problem", "is scheduled for deletion", step="name")
            return Finding("name", target, "ok", "exists")

        return _guard("name", target, existing)

    def free() -> Finding:
        state = backend.check_name(choices.name).State
        if state == "free":
            return Finding("name", choices.name, "ok", "is free")
        return Finding("name", choices.name, "problem", state.replace("-", " "), step="name")

    return _guard("name", choices.name, free)


def _key_finding(backend: Backend, region: str, key_id: str, step: str) -> Finding:
    subject = f"{key_id} ({region})"

    def check() -> Finding:
        keys = backend.list_kms_keys_in(region)
        for key in keys:
            if key_id in (key.KeyId, key.Arn, *key.AliasNames) or any(
                key_id.endswith(":" + alias) for alias in key.AliasNames
            ):
                return Finding("key", subject, "ok", "exists, enabled, symmetric")
        return _described(backend, region, key_id, subject, step)

    return _guard("key", subject, check)


def _described(backend: Backend, region: str, key_id: str, subject: str, step: str) -> Finding:
    """A key the listing did not offer: DescribeKey in its own region tells not found, disabled and not symmetric
    apart — on AWS and on the local store alike, for the primary and for every replica region (a target that
    cannot describe keys gets the one combined answer)."""
    try:
        key = backend.describe_key_in(region, key_id)
    except ServiceError as exc:
        if exc.code == "NotFoundException":
            return Finding("key", subject, "problem", "not found", step=step)
        if exc.code == "UnsupportedOperation":
            return Finding("key", subject, "problem", "not found, disabled or not symmetric", step=step)
        raise
    status, detail = key_answer(key.KeyState, key.KeySpec, key.KeyUsage)
    return Finding("key", subject, status, detail, step=step if status == "problem" else None)


def _check_keys(backend: Backend, choices: PolicyChoices) -> list[Finding]:
    out: list[Finding] = []
    if is_customer_key(choices.kms_key_id):
        out.append(_key_finding(backend, backend.region, choices.kms_key_id, "encryption"))
    out.extend(_key_finding(backend, r, k, "replicas") for r, k in choices.replicas if is_customer_key(k))
    return out


def _check_regions(backend: Backend, choices: PolicyChoices) -> list[Finding]:
    if not choices.replicas:
        return []
    try:
        known: Sequence[str] | None = backend.regions()
    except ServiceError:
        known = None
    out = []
    for region, _ in choices.replicas:
        if region == backend.region:
            out.append(Finding("region", region, "problem", "is the primary region", step="replicas"))
        elif known is not None and region not in known:
            out.append(Finding("region", region, "problem", "not a region of this target", step="replicas"))
        else:
            out.append(Finding("region", region, "ok", "valid"))
    return out


def _simulate(
    backend: Backend, caller_arn: str, policy: dict[str, Any] | None
) -> tuple[tuple[SimulatedAction, ...], str]:
    simulate = getattr(backend, "simulate_principal_policy", None)
    if simulate is None:
        return (), "could not check: this target has no IAM"
    if policy is None or not caller_arn:
        return (), "could not check (no caller)"
    try:
        answers: list[tuple[str, str]] = simulate(_principal(caller_arn), policy_actions(policy))
    except SmtuiError as exc:  # any refusal or transport failure: an answer, never a blocker
        return (), f"could not check ({exc.code or type(exc).__name__})"
    return tuple(SimulatedAction.from_eval(a, d) for a, d in answers), ""


def _principal(caller_arn: str) -> str:
    """An assumed-role session's ARN as the role's ARN (what SimulatePrincipalPolicy accepts)."""
    if ":assumed-role/" in caller_arn:
        head, _, rest = caller_arn.partition(":assumed-role/")
        return head.replace(":sts:", ":iam:") + ":role/" + rest.split("/")[0]
    return caller_arn
