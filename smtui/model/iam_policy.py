"""The minimal IAM policy for exactly the choices of one draft (issue 11, Review's preflight).

Why a pure function: the Review screen shows it, the preflight simulates it for the caller and a file gets it, and all
three must agree. It takes only the request's pieces (never a value: a policy names actions and resources, nothing
the secret holds), so it is testable without Textual or boto3.

What each choice adds (docs/aws-behaviour.md; the Secrets Manager "Permissions reference" in the AWS docs):
- create: ``secretsmanager:CreateSecret``; put mode: ``secretsmanager:PutSecretValue`` instead;
- tags: ``secretsmanager:TagResource``; a resource policy: ``secretsmanager:PutResourcePolicy``;
- replicas: ``secretsmanager:ReplicateSecretToRegions`` on the primary, and ``CreateSecret`` on the secret's name
  in each replica region (the service creates the replica as the caller);
- a customer key (not the default ``aws/secretsmanager``): ``kms:GenerateDataKey`` and ``kms:Decrypt`` on it, per
  region, by key ARN (an alias or a bare id is turned into the ARN pattern of that region and account).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

DEFAULT_KEY_ALIASES = frozenset({"", "alias/aws/secretsmanager"})


@dataclass(frozen=True)
class PolicyChoices:
    """The draft's pieces the policy depends on (names, regions, key ids; never a value)."""

    name: str
    mode: str = "create"  # "create" or "put"
    secret_id: str = ""  # put mode: the existing secret's ARN (or name)
    kms_key_id: str = ""
    has_tags: bool = False
    has_resource_policy: bool = False
    replicas: Sequence[tuple[str, str]] = field(default_factory=tuple)  # (region, KmsKeyId or "")


def _partition(region: str) -> str:
    if region.startswith("cn-"):
        return "aws-cn"
    if region.startswith("us-gov-"):
        return "aws-us-gov"
    return "aws"


def secret_arn_pattern(name: str, region: str, account: str) -> str:
    """The ARN of a secret of that name in that region: the service appends a 6-character suffix."""
    return f"arn:{_partition(region)}:secretsmanager:{region}:{account}:secret:{name}-??????"


def key_arn(key_id: str, region: str, account: str) -> str:
    """A key's ARN from an id, an ARN or an alias (an alias ARN stays an alias ARN: IAM matches it as written)."""
    if key_id.startswith("arn:"):
        return key_id
    if key_id.startswith("alias/"):
        return f"arn:{_partition(region)}:kms:{region}:{account}:{key_id}"
    return f"arn:{_partition(region)}:kms:{region}:{account}:key/{key_id}"


def is_customer_key(key_id: str) -> bool:
    """False for the default key (no KMS permission is needed for the AWS managed key)."""
    return key_id not in DEFAULT_KEY_ALIASES and not key_id.endswith(":alias/aws/secretsmanager")


def _statement(sid: str, actions: list[str], resources: list[str]) -> dict[str, Any]:
    return {"Sid": sid, "Effect": "Allow", "Action": actions, "Resource": resources}


def minimal_policy(choices: PolicyChoices, account: str, region: str) -> dict[str, Any]:
    """The identity policy that allows exactly what submitting these choices calls."""
    put = choices.mode == "put"
    if put and choices.secret_id.startswith("arn:"):
        primary = choices.secret_id
    else:
        primary = secret_arn_pattern(choices.secret_id if put else choices.name, region, account)
    statements = [
        _statement(
            "PutSecretValue" if put else "CreateSecret",
            ["secretsmanager:PutSecretValue" if put else "secretsmanager:CreateSecret"],
            [primary],
        )
    ]
    if not put:
        if choices.has_tags:
            statements.append(_statement("TagResource", ["secretsmanager:TagResource"], [primary]))
        if choices.has_resource_policy:
            statements.append(_statement("PutResourcePolicy", ["secretsmanager:PutResourcePolicy"], [primary]))
        if choices.replicas:
            statements.append(
                _statement("ReplicateSecretToRegions", ["secretsmanager:ReplicateSecretToRegions"], [primary])
            )
            statements.append(
                _statement(
                    "CreateReplicas",
                    ["secretsmanager:CreateSecret"],
                    [secret_arn_pattern(choices.name, r, account) for r, _ in choices.replicas],
                )
            )
    keys: list[str] = []
    if is_customer_key(choices.kms_key_id):
        keys.append(key_arn(choices.kms_key_id, region, account))
    if not put:
        keys.extend(key_arn(k, r, account) for r, k in choices.replicas if is_customer_key(k))
    if keys:
        statements.append(_statement("CustomerKeys", ["kms:GenerateDataKey", "kms:Decrypt"], sorted(set(keys))))
    return {"Version": "2012-10-17", "Statement": statements}


def policy_actions(policy: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """Each (action, resources) pair of a policy, in order: what the preflight simulates for the caller."""
    pairs: list[tuple[str, list[str]]] = []
    for statement in policy["Statement"]:
        pairs.extend((action, list(statement["Resource"])) for action in statement["Action"])
    return pairs
