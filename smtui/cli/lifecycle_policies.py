"""`smtui get-resource-policy`, `put-resource-policy`, `delete-resource-policy` and `validate-resource-policy`,
as the AWS CLI has them. `--resource-policy` takes the policy as JSON text or `file://PATH` (read as the AWS CLI
reads a `file://` parameter: the file's text, at most smtui's document limit); `--block-public-policy` /
`--no-block-public-policy` (default: not blocked, as the service's default). Whether the text is a policy
document is the service's (or the local store's) to judge: it answers MalformedPolicyDocumentException."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from smtui.cli.command import Command, Context, Options, option
from smtui.cli.companions import SecretIdOptions, secret_id_option
from smtui.cli.lifecycle_common import change, refuse, show

POLICY_HELP = "The policy document: JSON text, or file://PATH (the file's text)."


def policy_text(raw: str) -> str:
    """--resource-policy as given, or the text of its `file://` file (a missing file is a 252 naming it)."""
    if raw.startswith("file://"):
        from smtui.cli.shorthand import read_text_file

        return read_text_file(raw[len("file://") :], "--resource-policy")
    return raw


def check_policy(policy: str) -> None:
    from smtui.model.limits import RESOURCE_POLICY_MAX, RESOURCE_POLICY_MIN
    from smtui.model.rules import length_issues

    refuse(
        length_issues("ResourcePolicy", len(policy), RESOURCE_POLICY_MIN, RESOURCE_POLICY_MAX, "characters", value=None)
    )


def get_resource_policy(options: SecretIdOptions, context: Context) -> int:
    return show(context, lambda backend: backend.get_resource_policy(options.secret_id))


def delete_resource_policy(options: SecretIdOptions, context: Context) -> int:
    return change(context, lambda backend: backend.delete_resource_policy(options.secret_id))


@dataclass(frozen=True, kw_only=True)
class PutPolicyOptions(Options):
    secret_id: str = secret_id_option()
    resource_policy: str = option(
        "--resource-policy", member="ResourcePolicy", required=True, metavar="JSON|file://PATH", help=POLICY_HELP
    )
    block_public_policy: bool = option(
        "--block-public-policy",
        member="BlockPublicPolicy",
        kind=bool,
        default=False,
        help="Refuse a policy that gives broad access to the secret (PublicPolicyException).",
    )

    def check(self, context: Context) -> None:
        check_policy(policy_text(self.resource_policy))


def put_resource_policy(options: PutPolicyOptions, context: Context) -> int:
    policy, block = policy_text(options.resource_policy), options.block_public_policy
    return change(
        context, lambda backend: backend.put_resource_policy(options.secret_id, policy, block_public_policy=block)
    )


@dataclass(frozen=True, kw_only=True)
class ValidatePolicyOptions(Options):
    secret_id: str | None = option(
        "--secret-id", member="SecretId", help="The secret the policy is for (optional: enables more checks)."
    )
    resource_policy: str = option(
        "--resource-policy", member="ResourcePolicy", required=True, metavar="JSON|file://PATH", help=POLICY_HELP
    )

    def check(self, context: Context) -> None:
        check_policy(policy_text(self.resource_policy))


def validate_resource_policy(options: ValidatePolicyOptions, context: Context) -> int:
    policy = policy_text(options.resource_policy)
    return show(context, lambda backend: backend.validate_resource_policy(policy, secret_id=options.secret_id))


COMMANDS: tuple[Command[Any], ...] = (
    Command(
        "get-resource-policy",
        "GetResourcePolicy",
        "Print a secret's resource policy.",
        SecretIdOptions,
        get_resource_policy,
    ),
    Command(
        "put-resource-policy",
        "PutResourcePolicy",
        "Attach a resource policy to a secret (replacing one).",
        PutPolicyOptions,
        put_resource_policy,
    ),
    Command(
        "delete-resource-policy",
        "DeleteResourcePolicy",
        "Remove a secret's resource policy.",
        SecretIdOptions,
        delete_resource_policy,
    ),
    Command(
        "validate-resource-policy",
        "ValidateResourcePolicy",
        "Check a resource policy before attaching it.",
        ValidatePolicyOptions,
        validate_resource_policy,
    ),
)
