"""Resource policies: is a text a policy document, and does it grant public access (docs/aws-behaviour.md §21)?

Why here: the local store answers PutResourcePolicy and ValidateResourcePolicy as the service does, and the
command line can check a policy file before sending it; both ask this module. It is a structural check of the
IAM policy grammar (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html>), not
IAM's full validator: it does not know which actions, condition keys or principals exist, and does not check
that a policy would lock its caller out. docs/aws-behaviour.md §21.3 lists what it does not do.

"Public", as the service (and S3) define it: a statement that allows, with `Principal` `"*"` (or `{"AWS": "*"}`)
or with `NotPrincipal`, and that no Condition pins to a fixed account, organization, ARN, VPC or narrow IP range.
"""

from __future__ import annotations

import ipaddress
import json
from dataclasses import dataclass
from typing import Any

from smtui.model import messages as m
from smtui.model.limits import POLICY_VERSION, RESOURCE_POLICY_MAX, RESOURCE_POLICY_MIN
from smtui.model.rules import RuleIssue

VERSIONS = (POLICY_VERSION, "2008-10-17")  # IAM's two policy language versions
_TOP_KEYS = {"Version", "Id", "Statement"}
_STATEMENT_KEYS = {
    "Sid",
    "Effect",
    "Principal",
    "NotPrincipal",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
}
_PRINCIPAL_KINDS = {"AWS", "Service", "Federated", "CanonicalUser"}
# Condition keys that pin a statement to known callers, when compared to fixed values
_PINNING_KEYS = {
    "aws:sourceaccount",
    "aws:sourcearn",
    "aws:sourceowner",
    "aws:principalaccount",
    "aws:principalarn",
    "aws:principalorgid",
    "aws:sourcevpc",
    "aws:sourcevpce",
}
_FIXED_OPERATORS = {"stringequals", "stringequalsignorecase", "arnequals", "equals"}
_IP_OPERATORS = {"ipaddress"}
_IPV4_NARROW = 8  # at least a /8 (IPv4) or a /32 (IPv6) counts as a narrow range, as S3 counts it
_IPV6_NARROW = 32


@dataclass(frozen=True)
class PolicyProblem:
    """One finding: `check` names the kind (the CheckName ValidateResourcePolicy returns), `message` says it."""

    check: str
    message: str


CHECK_SYNTAX = "SyntaxCheck"  # UNCONFIRMED names: the service's CheckName values are not documented
CHECK_PUBLIC = "PublicAccessCheck"


def length_issues(policy: str, path: str = "ResourcePolicy") -> list[RuleIssue]:
    """1 to 20480 characters (botocore checks the minimum before sending, the service the maximum)."""
    n = len(policy)
    if RESOURCE_POLICY_MIN <= n <= RESOURCE_POLICY_MAX:
        return []
    if n < RESOURCE_POLICY_MIN:
        return [
            RuleIssue(
                field=path,
                message=f"{path} must not be empty.",
                rule=f"{path}.length.min",
                aws_code="ParamValidation",
                aws_message=f"Invalid length for parameter {path}, valid min length: {RESOURCE_POLICY_MIN}",
            )
        ]
    member = path[:1].lower() + path[1:]
    return [
        RuleIssue(
            field=path,
            message=f"{path} is {n} characters long; at most {RESOURCE_POLICY_MAX} are allowed.",
            rule=f"{path}.length.max",
            aws_message=m.validation_errors(
                [
                    m.CONSTRAINT_SENSITIVE.format(
                        member=member, rule=f"have length less than or equal to {RESOURCE_POLICY_MAX}"
                    )
                ]
            ),
        )
    ]


def _strings(value: Any) -> list[str] | None:
    """A string or a non-empty list of strings, as a list; None when it is neither."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return list(value)
    return None


def _principal_ok(value: Any) -> bool:
    if value == "*":
        return True
    if not isinstance(value, dict) or not value:
        return False
    return all(k in _PRINCIPAL_KINDS and _strings(v) is not None for k, v in value.items())


def _condition_ok(value: Any) -> bool:
    if not isinstance(value, dict):
        return False
    for block in value.values():
        if not isinstance(block, dict) or not block:
            return False
        for v in block.values():
            listed = v if isinstance(v, list) else [v]
            if not listed or not all(isinstance(x, (str, bool, int, float)) for x in listed):
                return False
    return True


def _statement_problems(stmt: Any, where: str) -> list[str]:
    if not isinstance(stmt, dict):
        return [f"{where} is not a JSON object."]
    found: list[str] = []
    unknown = sorted(set(stmt) - _STATEMENT_KEYS)
    if unknown:
        found.append(f"{where} has an element IAM does not know: {', '.join(unknown)}.")
    if stmt.get("Effect") not in ("Allow", "Deny"):
        found.append(f'{where}.Effect must be "Allow" or "Deny".')
    if ("Action" in stmt) == ("NotAction" in stmt):
        found.append(f"{where} must have exactly one of Action and NotAction.")
    elif _strings(stmt.get("Action", stmt.get("NotAction"))) is None:
        found.append(f"{where}.Action must be a string or a list of strings.")
    if ("Principal" in stmt) == ("NotPrincipal" in stmt):
        found.append(f"{where} must have exactly one of Principal and NotPrincipal (a resource policy names who).")
    elif not _principal_ok(stmt.get("Principal", stmt.get("NotPrincipal"))):
        found.append(f'{where}.Principal must be "*" or an object of AWS, Service, Federated or CanonicalUser.')
    for key in ("Resource", "NotResource"):
        if key in stmt and _strings(stmt[key]) is None:
            found.append(f"{where}.{key} must be a string or a list of strings.")
    if "Resource" in stmt and "NotResource" in stmt:
        found.append(f"{where} must not have both Resource and NotResource.")
    if "Sid" in stmt and not isinstance(stmt["Sid"], str):
        found.append(f"{where}.Sid must be a string.")
    if "Condition" in stmt and not _condition_ok(stmt["Condition"]):
        found.append(f"{where}.Condition must map operators to objects of condition keys and values.")
    return found


def parse(policy: str) -> tuple[dict[str, Any] | None, list[str]]:
    """The policy document and the syntax problems found in it (empty when it is a valid document)."""
    try:
        doc = json.loads(policy)
    except (ValueError, RecursionError):
        return None, ["The policy is not valid JSON."]
    if not isinstance(doc, dict):
        return None, ["The policy must be a JSON object."]
    found: list[str] = []
    unknown = sorted(set(doc) - _TOP_KEYS)
    if unknown:
        found.append(f"The policy has a top-level element IAM does not know: {', '.join(unknown)}.")
    if doc.get("Version") not in VERSIONS:
        found.append(f'The policy\'s Version must be "{POLICY_VERSION}".')
    if "Id" in doc and not isinstance(doc["Id"], str):
        found.append("The policy's Id must be a string.")
    statements = doc.get("Statement")
    if isinstance(statements, dict):
        statements = [statements]
    if not isinstance(statements, list) or not statements:
        found.append("The policy must have a Statement: an object or a non-empty list of objects.")
        return doc, found
    for i, stmt in enumerate(statements):
        found += _statement_problems(stmt, f"Statement[{i}]")
    return doc, found


def _everyone(stmt: dict[str, Any]) -> bool:
    if "NotPrincipal" in stmt:
        return True
    principal = stmt.get("Principal")
    if principal == "*":
        return True
    return isinstance(principal, dict) and "*" in (_strings(principal.get("AWS")) or [])


def _fixed(values: Any) -> bool:
    listed = _strings(values) if not isinstance(values, (bool, int, float)) else [str(values)]
    return bool(listed) and all("*" not in v and "?" not in v for v in listed or [])


def _narrow_ip(values: Any) -> bool:
    listed = _strings(values) or []
    try:
        nets = [ipaddress.ip_network(v, strict=False) for v in listed]
    except ValueError:
        return False
    return bool(nets) and all(n.prefixlen >= (_IPV4_NARROW if n.version == 4 else _IPV6_NARROW) for n in nets)


def _pinned(stmt: dict[str, Any]) -> bool:
    condition = stmt.get("Condition")
    if not isinstance(condition, dict):
        return False
    for operator, block in condition.items():
        op = str(operator).lower().removeprefix("forallvalues:").removeprefix("foranyvalue:")
        if not isinstance(block, dict):
            continue
        for key, values in block.items():
            k = str(key).lower()
            if op in _FIXED_OPERATORS and k in _PINNING_KEYS and _fixed(values):
                return True
            if op in _IP_OPERATORS and k == "aws:sourceip" and _narrow_ip(values):
                return True
    return False


def public_statements(doc: dict[str, Any]) -> list[int]:
    """The indexes of the statements that make the policy public (allow everyone, not pinned)."""
    statements = doc.get("Statement")
    listed = [statements] if isinstance(statements, dict) else statements if isinstance(statements, list) else []
    return [
        i
        for i, s in enumerate(listed)
        if isinstance(s, dict) and s.get("Effect") == "Allow" and _everyone(s) and not _pinned(s)
    ]


def problems(policy: str) -> list[PolicyProblem]:
    """Every finding of ValidateResourcePolicy's checks smtui performs: syntax first, then public access."""
    doc, syntax = parse(policy)
    found = [PolicyProblem(CHECK_SYNTAX, text) for text in syntax]
    if doc is not None and not syntax:
        found += [
            PolicyProblem(
                CHECK_PUBLIC,
                f"Statement[{i}] allows any principal and no condition limits it to an account, an organization, "
                "an ARN, a VPC or a narrow IP range: the policy grants public access.",
            )
            for i in public_statements(doc)
        ]
    return found


def put_error(policy: str, *, block_public_policy: bool) -> tuple[str, str] | None:
    """The (code, message) PutResourcePolicy answers for this policy, or None when it is accepted."""
    findings = problems(policy)
    if any(p.check == CHECK_SYNTAX for p in findings):
        return "MalformedPolicyDocumentException", m.POLICY_SYNTAX
    if block_public_policy and findings:
        return "PublicPolicyException", m.PUBLIC_POLICY
    return None
