"""The minimal IAM policy: each choice adds exactly its statement; never a value."""

from __future__ import annotations

import json

from smtui.model.iam_policy import PolicyChoices, minimal_policy, policy_actions

ACCOUNT, REGION = "123456789012", "us-east-1"
ARN = f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:app/db-??????"


def _sids(choices: PolicyChoices) -> list[str]:
    return [s["Sid"] for s in minimal_policy(choices, ACCOUNT, REGION)["Statement"]]


def test_the_minimal_create_is_one_statement_on_the_arn_pattern() -> None:
    policy = minimal_policy(PolicyChoices(name="app/db"), ACCOUNT, REGION)
    assert policy["Statement"] == [
        {"Sid": "CreateSecret", "Effect": "Allow", "Action": ["secretsmanager:CreateSecret"], "Resource": [ARN]}
    ]


def test_each_choice_adds_exactly_its_statement() -> None:
    assert _sids(PolicyChoices(name="app/db", has_tags=True)) == ["CreateSecret", "TagResource"]
    assert _sids(PolicyChoices(name="app/db", has_resource_policy=True)) == ["CreateSecret", "PutResourcePolicy"]
    assert _sids(PolicyChoices(name="app/db", replicas=[("eu-west-1", "")])) == [
        "CreateSecret",
        "ReplicateSecretToRegions",
        "CreateReplicas",
    ]
    assert _sids(PolicyChoices(name="app/db", kms_key_id="alias/app")) == ["CreateSecret", "CustomerKeys"]
    assert _sids(PolicyChoices(name="app/db", kms_key_id="alias/aws/secretsmanager")) == ["CreateSecret"]


def test_put_mode_asks_put_secret_value_on_the_existing_secret() -> None:
    existing = f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:app/db-AbCdEf"
    policy = minimal_policy(PolicyChoices(name="", mode="put", secret_id=existing, has_tags=True), ACCOUNT, REGION)
    assert policy_actions(policy) == [("secretsmanager:PutSecretValue", [existing])]


def test_customer_keys_per_region_by_arn() -> None:
    choices = PolicyChoices(
        name="app/db",
        kms_key_id="1234abcd-12ab-34cd-56ef-1234567890ab",
        replicas=[("eu-west-1", "alias/eu"), ("ap-south-1", "")],
    )
    policy = minimal_policy(choices, ACCOUNT, REGION)
    keys = dict(policy_actions(policy))["kms:GenerateDataKey"]
    assert keys == [
        f"arn:aws:kms:eu-west-1:{ACCOUNT}:alias/eu",
        f"arn:aws:kms:{REGION}:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    ]
    creates = [r for a, r in policy_actions(policy) if a == "secretsmanager:CreateSecret"]
    assert creates == [
        [ARN],
        [
            f"arn:aws:secretsmanager:eu-west-1:{ACCOUNT}:secret:app/db-??????",
            f"arn:aws:secretsmanager:ap-south-1:{ACCOUNT}:secret:app/db-??????",
        ],
    ]


def test_the_policy_is_json_and_holds_no_value() -> None:
    marker = "CANARY-VALUE-0xFEED"
    text = json.dumps(minimal_policy(PolicyChoices(name="app/db", has_tags=True), ACCOUNT, REGION))
    assert marker not in text and "SecretString" not in text
