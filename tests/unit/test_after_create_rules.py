"""The model's rules for the operations after create (docs/aws-behaviour.md §17-§21): what makes a policy public or
malformed, how tags merge, and the batch request's order of refusals."""

from __future__ import annotations

import json
from typing import Any

import pytest

from smtui.model import messages as m
from smtui.model import policy_rules, tag_ops
from smtui.model.lifecycle_rules import batch_refusal, remove_refusal, replicate_refusal
from smtui.model.request import ReplicaRegion


def _policy(**statement: Any) -> str:
    base = {"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "*"}
    return json.dumps({"Version": "2012-10-17", "Statement": [{**base, **statement}]})


@pytest.mark.parametrize(
    ("statement", "public"),
    [
        ({"Principal": "*"}, True),
        ({"Principal": {"AWS": "*"}}, True),
        ({"Principal": {"AWS": ["arn:aws:iam::123456789012:root", "*"]}}, True),
        ({"NotPrincipal": {"AWS": "arn:aws:iam::123456789012:root"}}, True),
        ({"Principal": {"AWS": "arn:aws:iam::123456789012:root"}}, False),
        ({"Principal": {"Service": "lambda.amazonaws.com"}}, False),
        ({"Principal": "*", "Effect": "Deny"}, False),
        ({"Principal": "*", "Condition": {"StringEquals": {"aws:PrincipalAccount": "123456789012"}}}, False),
        ({"Principal": "*", "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}}, False),
        ({"Principal": "*", "Condition": {"StringLike": {"aws:PrincipalAccount": "1234*"}}}, True),
        ({"Principal": "*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-*"}}}, True),
        ({"Principal": "*", "Condition": {"StringEquals": {"aws:username": "alice"}}}, True),
        ({"Principal": "*", "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}, False),
        ({"Principal": "*", "Condition": {"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}}}, True),
        ({"Principal": "*", "Condition": {"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "0.0.0.0/1"]}}}, True),
    ],
)
def test_what_is_public(statement: dict[str, Any], public: bool) -> None:
    policy = _policy(**statement)
    assert policy_rules.parse(policy)[1] == []
    assert bool(policy_rules.public_statements(json.loads(policy))) is public
    expected = ("PublicPolicyException", m.PUBLIC_POLICY) if public else None
    assert policy_rules.put_error(policy, block_public_policy=True) == expected
    assert policy_rules.put_error(policy, block_public_policy=False) is None


@pytest.mark.parametrize(
    "policy",
    [
        "",
        "[]",
        "{not json",
        json.dumps({"Version": "2012-10-17"}),
        json.dumps({"Version": "2012-10-17", "Statement": []}),
        json.dumps({"Version": "2019-10-19", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "x"}}),
        _policy(Principal="*", Effect="allow"),
        _policy(Principal="*", Extra=1),
        _policy(),  # a resource policy must name a principal
        _policy(Principal="*", NotAction="x"),  # both Action and NotAction
        _policy(Principal={"Users": "x"}),
        _policy(Principal="*", Condition={"StringEquals": "x"}),
        json.dumps({"Version": "2012-10-17", "Statement": [{}], "Policy": 1}),
    ],
)
def test_malformed(policy: str) -> None:
    assert policy_rules.put_error(policy, block_public_policy=False) == (
        "MalformedPolicyDocumentException",
        m.POLICY_SYNTAX,
    )
    assert {p.check for p in policy_rules.problems(policy)} == {policy_rules.CHECK_SYNTAX}


def test_conditions_may_hold_numbers_and_booleans() -> None:
    condition = {"NumericLessThan": {"aws:MultiFactorAuthAge": [3600]}, "Bool": {"aws:SecureTransport": True}}
    assert policy_rules.problems(_policy(Principal={"AWS": "x"}, Condition=condition)) == []


def test_statement_may_be_one_object_and_version_2008() -> None:
    doc = {"Version": "2008-10-17", "Statement": {"Effect": "Allow", "Principal": {"AWS": "x"}, "Action": "y"}}
    assert policy_rules.problems(json.dumps(doc)) == []


def test_policy_length() -> None:
    assert policy_rules.length_issues("x" * 20480) == []
    (issue,) = policy_rules.length_issues("x" * 20481)
    assert issue.aws_code == "ValidationException" and "xxx" not in issue.aws_message


def test_tags_merge_in_place_and_append() -> None:
    existing = [("a", "1"), ("b", "2")]
    assert tag_ops.merged(existing, [("b", "3"), ("c", "4")]) == [("a", "1"), ("b", "3"), ("c", "4")]
    assert tag_ops.removed(existing, ["a", "zz"]) == [("b", "2")]
    assert tag_ops.merged_count_issues([(f"k{i}", "") for i in range(50)], [("k0", "new")]) == []
    assert tag_ops.merged_count_issues([(f"k{i}", "") for i in range(50)], [("k50", "")])
    assert tag_ops.untag_resource_issues([]) == []
    assert tag_ops.untag_resource_issues(["k" * 129])[0].field == "TagKeys[0]"


def test_batch_refusals_in_the_clis_order() -> None:
    too_many = [f"s{i}" for i in range(21)]
    assert batch_refusal([], None, None, None).kind == "client"  # type: ignore[union-attr]
    assert batch_refusal(too_many, [("name", ["a"])], None, None).code == "ValidationException"  # type: ignore[union-attr]
    assert batch_refusal(["a"], [("name", ["a"])], None, None).message == m.BATCH_IDS_AND_FILTERS  # type: ignore[union-attr]
    assert batch_refusal(None, [("name", ["a"])], 20, None) is None
    assert batch_refusal(["a"], None, None, None) is None


def test_replica_region_refusals() -> None:
    assert replicate_refusal([], "us-east-1").kind == "client"  # type: ignore[union-attr]
    own = replicate_refusal([ReplicaRegion(Region="us-east-1")], "us-east-1")
    assert own is not None and (own.code, own.message) == ("InvalidParameterException", m.INVALID_REPLICA_REGION)
    assert remove_refusal([]).kind == "client"  # type: ignore[union-attr]
    bad = remove_refusal(["EU"])
    assert bad is not None and bad.code == "ValidationException" and bad.field == "RemoveReplicaRegions"
