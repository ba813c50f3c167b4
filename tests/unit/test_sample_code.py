"""smtui.model.sample_code: each snippet has the exact ARN, quoted for its language, and never a value."""

from __future__ import annotations

import json
import re

import pytest

from smtui.model import sample_code

ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/db-AbCdEf"
ODD_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:it's\"odd-AbCdEf"  # quotes: escaped everywhere
MARKER = "Zq9-sample-code-marker"


@pytest.mark.parametrize("local", [False, True])
def test_every_snippet_names_the_arn_and_only_the_arn(local: bool) -> None:
    shown = sample_code.snippets(ARN, "eu-west-1", local=local)
    assert [s.key for s in shown] == ["cli", "boto3", "js", "go", "ecs", "lambda", "k8s"]
    for snippet in shown:
        assert ARN in snippet.code, snippet.key
        assert MARKER not in snippet.code
        assert 'SecretString"]' in snippet.code or snippet.key not in ("boto3", "lambda")


def test_local_snippets_name_the_serve_endpoint() -> None:
    local = {s.key: s.code for s in sample_code.snippets(ARN, "us-east-1", local=True)}
    assert f"--endpoint-url '{sample_code.SERVE_ENDPOINT}'" in local["cli"]
    assert sample_code.SERVE_ENDPOINT in local["boto3"] and sample_code.SERVE_ENDPOINT in local["js"]
    remote = {s.key: s.code for s in sample_code.snippets(ARN, "us-east-1")}
    assert all(sample_code.SERVE_ENDPOINT not in code for code in remote.values())


def test_python_snippets_compile_and_hold_the_arn_as_one_literal() -> None:
    for arn in (ARN, ODD_ARN):
        codes = {s.key: s.code for s in sample_code.snippets(arn, "eu-west-1", local=True)}
        for key in ("boto3", "lambda"):
            compile(codes[key], f"<{key}>", "exec")
        assert repr(arn) in codes["boto3"]


def test_ecs_snippet_is_json_with_value_from() -> None:
    for arn in (ARN, ODD_ARN):
        document = json.loads(sample_code.ecs_task_definition(arn, "eu-west-1"))
        assert document["containerDefinitions"][0]["secrets"][0]["valueFrom"] == arn


def test_external_secret_manifest_shape() -> None:
    for arn in (ARN, ODD_ARN):
        text = sample_code.external_secret(arn, "eu-west-1")
        assert text.startswith("apiVersion: external-secrets.io/")
        assert "kind: ExternalSecret\n" in text
        found = re.search(r"^        key: (.+)$", text, re.MULTILINE)
        assert found is not None
        assert json.loads(found.group(1)) == arn  # a double-quoted YAML scalar is a JSON string


def test_js_and_go_literals_decode_to_the_arn() -> None:
    for arn in (ARN, ODD_ARN):
        js = sample_code.javascript_v3(arn, "eu-west-1")
        go = sample_code.go_v2(arn, "eu-west-1")
        assert f"SecretId: {json.dumps(arn)}" in js
        assert f"aws.String({json.dumps(arn)})" in go


def test_cli_quotes_for_the_shell() -> None:
    import shlex

    code = sample_code.aws_cli(ODD_ARN, "eu-west-1")
    words = shlex.split(code.replace("\\\n", " "))
    assert words[words.index("--secret-id") + 1] == ODD_ARN


def test_lambda_extension_calls_localhost_2773_with_the_token() -> None:
    code = sample_code.lambda_extension(ARN, "eu-west-1")
    assert "http://localhost:2773/secretsmanager/get?secretId=" in code
    assert "X-Aws-Parameters-Secrets-Token" in code
