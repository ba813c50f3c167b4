"""Sample code that reads one secret, by its ARN, in the languages and tools people paste into (no Textual).

Why a pure module: the result screen shows these snippets and copies them, and a test can check each one
(the exact ARN inside, quoted for its language, parseable where a parser is at hand) without an app. Each
snippet is a function of the ARN and the region only: it never sees, and so can never contain, the value.
For the local store the snippets add the endpoint that `smtui serve` listens on (README: "Use the local
store from your programs").
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

SERVE_ENDPOINT = "http://127.0.0.1:4566"  # smtui serve's default address (smtui serve --port changes it)
LAMBDA_EXTENSION_PORT = 2773  # the AWS Parameters and Secrets Lambda Extension's default port


@dataclass(frozen=True)
class Snippet:
    """One tab: its title, the code, and the language name (for syntax colouring where the view has it)."""

    key: str
    title: str
    language: str
    code: str


def _py(text: str) -> str:
    return repr(text)  # a Python string literal, whatever the text holds


def _json(text: str) -> str:
    return json.dumps(text)  # also a valid JavaScript and Go (interpreted) string literal for an ARN


def _sh(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def _yaml(text: str) -> str:
    return json.dumps(text)  # a JSON string is a YAML double-quoted scalar


def aws_cli(arn: str, region: str, endpoint: str | None = None) -> str:
    extra = f" \\\n    --endpoint-url {_sh(endpoint)}" if endpoint else ""
    return (
        f"aws secretsmanager get-secret-value \\\n    --secret-id {_sh(arn)} \\\n    --region {_sh(region)}{extra} \\\n"
        "    --query SecretString --output text\n"
    )


def boto3_code(arn: str, region: str, endpoint: str | None = None) -> str:
    extra = f", endpoint_url={_py(endpoint)}" if endpoint else ""
    return (
        "import boto3\n\n"
        f'client = boto3.client("secretsmanager", region_name={_py(region)}{extra})\n'
        f"response = client.get_secret_value(SecretId={_py(arn)})\n"
        'secret = response["SecretString"]  # SecretBinary for a binary secret\n'
    )


def javascript_v3(arn: str, region: str, endpoint: str | None = None) -> str:
    extra = f", endpoint: {_json(endpoint)}" if endpoint else ""
    return (
        'import { SecretsManagerClient, GetSecretValueCommand } from "@aws-sdk/client-secrets-manager";\n\n'
        f"const client = new SecretsManagerClient({{ region: {_json(region)}{extra} }});\n"
        f"const response = await client.send(new GetSecretValueCommand({{ SecretId: {_json(arn)} }}));\n"
        "const secret = response.SecretString;\n"
    )


def go_v2(arn: str, region: str, endpoint: str | None = None) -> str:
    options = (
        f"func(o *secretsmanager.Options) {{ o.BaseEndpoint = aws.String({_json(endpoint)}) }}" if endpoint else ""
    )
    client_args = f"cfg, {options}" if options else "cfg"
    return (
        "import (\n"
        '\t"context"\n\n'
        '\t"github.com/aws/aws-sdk-go-v2/aws"\n'
        '\t"github.com/aws/aws-sdk-go-v2/config"\n'
        '\t"github.com/aws/aws-sdk-go-v2/service/secretsmanager"\n'
        ")\n\n"
        "func readSecret(ctx context.Context) (string, error) {\n"
        f"\tcfg, err := config.LoadDefaultConfig(ctx, config.WithRegion({_json(region)}))\n"
        '\tif err != nil {\n\t\treturn "", err\n\t}\n'
        f"\tclient := secretsmanager.NewFromConfig({client_args})\n"
        "\tout, err := client.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{\n"
        f"\t\tSecretId: aws.String({_json(arn)}),\n"
        "\t})\n"
        '\tif err != nil {\n\t\treturn "", err\n\t}\n'
        "\treturn aws.ToString(out.SecretString), nil\n"
        "}\n"
    )


def ecs_task_definition(arn: str, region: str, endpoint: str | None = None) -> str:
    """The containerDefinitions part of a task definition; ECS injects the value as an environment variable."""
    del region, endpoint  # ECS reads from the service itself: the ARN says where
    document = {
        "containerDefinitions": [
            {"name": "app", "secrets": [{"name": "SECRET", "valueFrom": arn}]},
        ]
    }
    return json.dumps(document, indent=2) + "\n"


def lambda_extension(arn: str, region: str, endpoint: str | None = None) -> str:
    """Python in a Lambda function with the AWS Parameters and Secrets Lambda Extension layer."""
    del region, endpoint
    return (
        "import json\n"
        "import os\n"
        "import urllib.parse\n"
        "import urllib.request\n\n"
        f"SECRET_ID = {_py(arn)}\n\n\n"
        "def read_secret():\n"
        f'    url = "http://localhost:{LAMBDA_EXTENSION_PORT}/secretsmanager/get?secretId=" + '
        'urllib.parse.quote(SECRET_ID, safe="")\n'
        "    request = urllib.request.Request(\n"
        '        url, headers={"X-Aws-Parameters-Secrets-Token": os.environ["AWS_SESSION_TOKEN"]}\n'
        "    )\n"
        "    with urllib.request.urlopen(request) as response:\n"
        '        return json.load(response)["SecretString"]\n'
    )


def external_secret(arn: str, region: str, endpoint: str | None = None) -> str:
    """An External Secrets Operator manifest (a SecretStore named aws-secretsmanager is assumed)."""
    del endpoint
    return (
        "apiVersion: external-secrets.io/v1beta1\n"
        "kind: ExternalSecret\n"
        "metadata:\n"
        "  name: app-secret\n"
        "spec:\n"
        "  refreshInterval: 1h\n"
        "  secretStoreRef:\n"
        "    name: aws-secretsmanager  # a SecretStore with provider.aws.service SecretsManager, region "
        f"{region}\n"
        "    kind: SecretStore\n"
        "  target:\n"
        "    name: app-secret\n"
        "  data:\n"
        "    - secretKey: value\n"
        "      remoteRef:\n"
        f"        key: {_yaml(arn)}\n"
    )


Maker = Callable[[str, str, str | None], str]
SNIPPETS: tuple[tuple[str, str, str, Maker], ...] = (
    ("cli", "AWS CLI", "bash", aws_cli),
    ("boto3", "boto3", "python", boto3_code),
    ("js", "JavaScript v3", "javascript", javascript_v3),
    ("go", "Go v2", "go", go_v2),
    ("ecs", "ECS", "json", ecs_task_definition),
    ("lambda", "Lambda extension", "python", lambda_extension),
    ("k8s", "External Secrets", "yaml", external_secret),
)
LOCAL_NOTE = (
    f'The local store: run `smtui serve` (it listens on {SERVE_ENDPOINT}) and `eval "$(smtui serve --print-env)"` '
    "for its access key; ECS, Lambda and Kubernetes read from AWS, not from the local store."
)


def snippets(arn: str, region: str, *, local: bool = False) -> list[Snippet]:
    """Every snippet for this secret; `local` adds smtui serve's endpoint to the SDK and CLI ones."""
    endpoint = SERVE_ENDPOINT if local else None
    return [Snippet(key, title, language, make(arn, region, endpoint)) for key, title, language, make in SNIPPETS]
