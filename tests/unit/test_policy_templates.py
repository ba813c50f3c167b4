"""The Resource permissions step's model: the templates, what is checked as a policy is typed, the Review row."""

from __future__ import annotations

import json

import pytest

from smtui.model import policy_rules
from smtui.model import policy_templates as t
from smtui.model.lifecycle import PolicyValidationError, ValidateResourcePolicyResult

ROLE = "arn:aws:iam::111122223333:role/app-reader"


def statement(policy: str) -> dict[str, object]:
    doc = json.loads(policy)
    assert doc["Version"] == "2012-10-17" and len(doc["Statement"]) == 1
    return dict(doc["Statement"][0])


def test_role_template_grants_get_secret_value_to_the_role_on_this_secret() -> None:
    policy = t.render("role", ROLE)
    assert statement(policy) == {
        "Effect": "Allow",
        "Principal": {"AWS": ROLE},
        "Action": "secretsmanager:GetSecretValue",
        "Resource": "*",  # in a policy attached to a secret: that secret
    }
    assert policy_rules.problems(policy) == []  # the local store's grammar accepts it, not public


@pytest.mark.parametrize(
    ("region", "principal"),
    [
        ("us-east-1", "arn:aws:iam::444455556666:root"),
        ("cn-north-1", "arn:aws-cn:iam::444455556666:root"),
        ("us-gov-west-1", "arn:aws-us-gov:iam::444455556666:root"),
    ],
)
def test_account_template_names_the_account_root_in_the_target_partition(region: str, principal: str) -> None:
    policy = t.render("account", " 444455556666 ", region)
    assert statement(policy)["Principal"] == {"AWS": principal}
    assert t.recognise(policy) == ("account", "444455556666")


def test_none_and_custom_have_no_text_of_their_own() -> None:
    assert t.render("none", ROLE) == "" and t.render("custom", ROLE) == ""
    assert t.recognise("") == ("none", "") and t.recognise("  \n") == ("none", "")


def test_recognise_gives_back_the_template_and_principal_or_custom() -> None:
    assert t.recognise(t.render("role", ROLE)) == ("role", ROLE)
    edited = t.render("role", ROLE).replace("GetSecretValue", "DescribeSecret")
    assert t.recognise(edited) == ("custom", "")
    assert t.recognise("{not json") == ("custom", "")


@pytest.mark.parametrize(
    ("template", "text", "words"),
    [
        ("role", "", "Type the role's ARN"),
        ("role", "arn:aws:iam::111122223333:user/mary", "not a role ARN"),
        ("role", "arn:aws:iam::1111:role/app", "not a role ARN"),
        ("account", "", "Type the account id"),
        ("account", "12345", "12 digits"),
        ("account", "1111-2222-3333", "12 digits"),
    ],
)
def test_principal_issues_say_what_to_type(template: t.TemplateId, text: str, words: str) -> None:
    (issue,) = t.principal_issues(template, text)
    assert words in issue.message and issue.severity == "error" and issue.field == "ResourcePolicy"


@pytest.mark.parametrize(
    ("template", "text"),
    [
        ("role", ROLE),
        ("role", "arn:aws:iam::111122223333:role/service-role/path/app+x=y,z.w@v-1"),
        ("account", "111122223333"),
        ("none", ""),
        ("custom", ""),
    ],
)
def test_good_principals_have_no_issue(template: t.TemplateId, text: str) -> None:
    assert t.principal_issues(template, text) == []


def test_a_json_syntax_error_gives_line_and_column() -> None:
    (issue,) = t.policy_issues('{\n  "Version": "2012-10-17",\n  "Statement": [,]\n}', block_public_policy=True)
    assert issue.severity == "error"
    assert "line 3, column 17" in issue.message and "Not valid JSON" in issue.message


def test_the_grammar_is_policy_rules_own() -> None:
    (issue,) = t.policy_issues(t.CUSTOM_SKELETON, block_public_policy=True)
    assert issue.message in policy_rules.parse(t.CUSTOM_SKELETON)[1]


def test_no_policy_has_nothing_to_check() -> None:
    assert t.policy_issues("", block_public_policy=True) == []
    assert t.policy_issues("  ", block_public_policy=False) == []


def test_a_public_principal_is_an_error_with_block_public_policy_and_a_warning_without() -> None:
    public = t.render("role", ROLE).replace(json.dumps(ROLE), '"*"')
    (blocked,) = t.policy_issues(public, block_public_policy=True)
    assert blocked.severity == "error" and "PublicPolicyException" in blocked.message
    (allowed,) = t.policy_issues(public, block_public_policy=False)
    assert allowed.severity == "warning" and "public" in allowed.message


def test_a_pinned_public_principal_is_not_public() -> None:
    doc = json.loads(t.render("role", ROLE))
    doc["Statement"][0]["Principal"] = "*"
    doc["Statement"][0]["Condition"] = {"StringEquals": {"aws:PrincipalAccount": "111122223333"}}
    assert t.policy_issues(json.dumps(doc), block_public_policy=True) == []


def test_an_oversized_policy_is_refused_by_length_first() -> None:
    (issue,) = t.policy_issues("x" * 20481, block_public_policy=True)
    assert "20480" in issue.message


def test_target_findings_keep_their_level_and_say_who_found_them() -> None:
    answer = ValidateResourcePolicyResult(
        PolicyValidationPassed=False,
        ValidationErrors=[
            PolicyValidationError(CheckName=policy_rules.CHECK_PUBLIC, ErrorMessage="grants public access"),
            PolicyValidationError(CheckName="LockOutCheck", ErrorMessage="would lock you out"),
        ],
    )
    public, lockout = t.target_issues(answer, block_public_policy=False, target="AWS")
    assert (public.severity, lockout.severity) == ("warning", "error")
    assert public.message == f"AWS ({policy_rules.CHECK_PUBLIC}): grants public access"
    (failed,) = t.target_issues(
        ValidateResourcePolicyResult(PolicyValidationPassed=False), block_public_policy=True, target="AWS"
    )
    assert failed.severity == "error"
    assert (
        t.target_issues(ValidateResourcePolicyResult(PolicyValidationPassed=True), block_public_policy=True, target="x")
        == []
    )


def test_summary_for_the_review_row() -> None:
    assert t.summary("", block_public_policy=True) == "none"
    assert t.summary(t.render("role", ROLE), block_public_policy=True) == (
        f"read access for role {ROLE} · block public policy on"
    )
    account = t.summary(t.render("account", "444455556666"), block_public_policy=False)
    assert account == "read access for account 444455556666 · block public policy OFF"
    assert t.summary(t.CUSTOM_SKELETON, block_public_policy=True).startswith("own policy, ")
