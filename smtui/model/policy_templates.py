"""The wizard's resource policy: templates that grant read access, and the checks a policy gets as it is typed.

Why here (pure, no Textual): the Resource permissions step, the Review row and plain mode read the same templates
and the same findings. The grammar and the public-access rule are `policy_rules`' (the local store's own checks),
never a second copy: this module adds only what a person typing needs on top of them, the line and column of a
JSON syntax error, a level for each finding, and what the target's ValidateResourcePolicy answered as findings.

The templates follow the examples of the AWS documentation for a policy attached to a secret
(<https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_resource-policies.html>,
<https://docs.aws.amazon.com/secretsmanager/latest/userguide/permissions_grant-limited-principal.html>): one
statement that allows `secretsmanager:GetSecretValue` to `{"AWS": <principal ARN>}` on `"Resource": "*"`, which in a
policy attached to a secret means that secret. An account is named by its root ARN (`arn:aws:iam::<id>:root`),
which lets the account's administrator delegate the permission to its users and roles.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Literal

from smtui.errors import Issue
from smtui.model import policy_rules
from smtui.model.lifecycle import ValidateResourcePolicyResult
from smtui.model.limits import POLICY_VERSION
from smtui.regions import partition_of

TemplateId = Literal["none", "role", "account", "custom"]
FIELD = "ResourcePolicy"
READ_ACTIONS = "secretsmanager:GetSecretValue"  # what the documentation's read examples allow

_ACCOUNT = re.compile(r"\d{12}")
# IAM's role ARN: a partition, the account, an optional path and a role name of [\w+=,.@-] (1-64)
_ROLE_ARN = re.compile(r"arn:aws(?:-[a-z]+)*:iam::\d{12}:role/(?:[\w+=,.@-]+/)*[\w+=,.@-]{1,64}")
_ROOT = re.compile(r"arn:aws(?:-[a-z]+)*:iam::(\d{12}):root")


@dataclass(frozen=True)
class PolicyTemplate:
    """One choice of the step: `principal_label` names what the person types (nothing for none/custom)."""

    id: TemplateId
    label: str
    principal_label: str = ""
    placeholder: str = ""


TEMPLATES: tuple[PolicyTemplate, ...] = (
    PolicyTemplate("none", "No resource policy (only IAM policies grant access)"),
    PolicyTemplate("role", "Grant a role read access", "Role ARN", "arn:aws:iam::111122223333:role/app-reader"),
    PolicyTemplate("account", "Grant an account read access", "Account id", "111122223333"),
    PolicyTemplate("custom", "Write my own policy (edit the JSON below)"),
)
_BY_ID = {t.id: t for t in TEMPLATES}


def template(template_id: TemplateId) -> PolicyTemplate:
    return _BY_ID[template_id]


def principal_issues(template_id: TemplateId, text: str) -> list[Issue]:
    """What is wrong with the role ARN or account id typed for a template (nothing for none and custom)."""
    text = text.strip()
    if template_id == "role" and not _ROLE_ARN.fullmatch(text):
        what = "Type the role's ARN" if not text else "This is not a role ARN"
        return [Issue(FIELD, f"{what}: arn:aws:iam::<12-digit account>:role/<name>.")]
    if template_id == "account" and not _ACCOUNT.fullmatch(text):
        what = "Type the account id" if not text else "An account id is 12 digits"
        return [Issue(FIELD, f"{what} (for example 111122223333).")]
    return []


def principal_arn(template_id: TemplateId, text: str, region: str | None) -> str:
    """The principal the template's statement names: the role ARN, or the account's root ARN in the target's
    partition (aws, aws-cn, aws-us-gov: a principal of another partition does not exist for the service)."""
    text = text.strip()
    if template_id == "account":
        return f"arn:{partition_of(region or 'us-east-1')}:iam::{text}:root"
    return text


def render(template_id: TemplateId, principal: str, region: str | None = None) -> str:
    """The policy text of a template ("" for none; custom has no text of its own)."""
    if template_id in ("none", "custom"):
        return ""
    statement = {
        "Effect": "Allow",
        "Principal": {"AWS": principal_arn(template_id, principal, region)},
        "Action": READ_ACTIONS,
        "Resource": "*",
    }
    return json.dumps({"Version": POLICY_VERSION, "Statement": [statement]}, indent=2)


CUSTOM_SKELETON = json.dumps({"Version": POLICY_VERSION, "Statement": []}, indent=2)


def recognise(policy: str) -> tuple[TemplateId, str]:
    """Which template made `policy`, and the principal typed for it: a step shown again starts from the draft's
    text alone. Any other text is "custom"; an empty one is "none"."""
    if not policy.strip():
        return "none", ""
    try:
        doc = json.loads(policy)
    except ValueError:
        return "custom", ""
    principal = _single_principal(doc)
    if principal is not None:
        root = _ROOT.fullmatch(principal)
        if root and policy == render("account", root.group(1), _region_of(principal)):
            return "account", root.group(1)
        if policy == render("role", principal):
            return "role", principal
    return "custom", ""


def _single_principal(doc: Any) -> str | None:
    statements = doc.get("Statement") if isinstance(doc, dict) else None
    if not isinstance(statements, list) or len(statements) != 1 or not isinstance(statements[0], dict):
        return None
    principal = statements[0].get("Principal")
    found = principal.get("AWS") if isinstance(principal, dict) else None
    return found if isinstance(found, str) else None


def _region_of(arn: str) -> str:
    """A region of the ARN's partition (render takes a region to choose the partition)."""
    partition = arn.split(":")[1]
    return {"aws-cn": "cn-north-1", "aws-us-gov": "us-gov-west-1"}.get(partition, "us-east-1")


def policy_issues(policy: str, *, block_public_policy: bool) -> list[Issue]:
    """smtui's own checks of a policy as it is typed ("" = no policy: nothing to check).

    In order: the length, JSON syntax (with the line and column of the first error), the grammar
    (`policy_rules.parse`), then public access: an error when BlockPublicPolicy is on (the service refuses the
    policy with PublicPolicyException), a warning otherwise (the service accepts it, and the secret is public)."""
    if not policy.strip():
        return []
    issues: list[Issue] = list(policy_rules.length_issues(policy, FIELD))
    if issues:
        return issues
    try:
        json.loads(policy)
    except json.JSONDecodeError as exc:
        return [Issue(FIELD, f"Not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}.")]
    except (ValueError, RecursionError):
        return [Issue(FIELD, "Not valid JSON.")]
    return [
        Issue(
            FIELD,
            problem.message + _public_consequence(problem.check, block_public_policy),
            finding_level(problem.check, block_public_policy=block_public_policy),
        )
        for problem in policy_rules.problems(policy)
    ]


def _public_consequence(check: str, block_public_policy: bool) -> str:
    if check != policy_rules.CHECK_PUBLIC:
        return ""
    if block_public_policy:
        return " Block public policy is on: the service refuses it (PublicPolicyException)."
    return " Block public policy is off: the service attaches it, and the secret is public."


def finding_level(check: str, *, block_public_policy: bool) -> Literal["error", "warning"]:
    """A public-access finding stops the submit only when BlockPublicPolicy would make the service refuse it."""
    if check == policy_rules.CHECK_PUBLIC and not block_public_policy:
        return "warning"
    return "error"


def target_issues(result: ValidateResourcePolicyResult, *, block_public_policy: bool, target: str) -> list[Issue]:
    """ValidateResourcePolicy's answer as findings that say who found them and at which level."""
    findings = [(e.CheckName, e.ErrorMessage) for e in result.ValidationErrors]
    if result.PolicyValidationPassed and not findings:
        return []
    return [
        Issue(
            FIELD,
            f"{target} ({check or 'check'}): {message}",
            finding_level(check, block_public_policy=block_public_policy),
        )
        for check, message in findings or [("", "the policy did not pass validation.")]
    ]


def summary(policy: str, *, block_public_policy: bool) -> str:
    """The Review row: none, or whom the policy grants what, and the BlockPublicPolicy setting."""
    if not policy.strip():
        return "none"
    kind, principal = recognise(policy)
    block = "block public policy " + ("on" if block_public_policy else "OFF")
    if kind == "role":
        return f"read access for role {principal} · {block}"
    if kind == "account":
        return f"read access for account {principal} · {block}"
    return f"own policy, {len(policy)} characters · {block}"
