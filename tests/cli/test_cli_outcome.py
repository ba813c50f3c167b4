"""The right outcome, reported whatever the streams are: a create that succeeded says so (and names the ARN)
even when standard output is closed or full; a closed standard input does not stop a command that reads its
value from a file; settings smtui cannot use (an ASCII-only output encoding, a port out of range, a negative
timeout, YAML dates or binary in Filters) are 252 with plain words, never 255.

Real processes with real redirections (`sh -c 'exec "$@" >&-'`, /dev/full), on a private local store.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import REPO, Result, run, smtui_env

SMTUI = [sys.executable, "-m", "smtui"]


def redirected(
    redirection: str, args: list[str], *, stdout: int | None = subprocess.PIPE, env: dict[str, str] | None = None
) -> Result:
    """`smtui ARGS REDIRECTION` through sh, so the descriptor is really closed (or full) as a shell does it."""
    proc = subprocess.run(
        ["sh", "-c", f'exec "$@" {redirection}', "sh", *SMTUI, *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=env or smtui_env(),
        cwd=REPO,
        timeout=60,
        check=False,
    )
    out = proc.stdout.decode() if proc.stdout is not None else ""
    return Result(proc.returncode, out, proc.stderr.decode())


@pytest.fixture
def value(tmp_path: Path) -> str:
    path = tmp_path / "value.txt"
    path.write_text("Out7-outcome-marker-Vw")
    return f"file://{path}"


def described(local: list[str], name: str) -> dict[str, str]:
    result = run(["describe-secret", *local, "--secret-id", name])
    assert result.code == 0, result.err
    data: dict[str, str] = result.json()
    return data


@pytest.mark.parametrize("redirection", [">&-", ">/dev/full"])
def test_a_create_that_succeeded_names_its_arn_when_stdout_is_closed_or_full(
    redirection: str, local: list[str], value: str
) -> None:
    """Was: exit 255, "unexpected error", and nothing said of the secret created."""
    result = redirected(
        redirection, ["create-secret", *local, "--name", "app/out", "--secret-string", value], stdout=None
    )
    assert result.code == 0, result.err
    arn = described(local, "app/out")["ARN"]
    assert f"ARN: {arn}" in result.err
    assert "CreateSecret succeeded" in result.err and "unexpected" not in result.err
    assert "Out7-outcome-marker-Vw" not in result.err


def test_a_delete_that_succeeded_says_so_when_stdout_is_full(local: list[str], value: str) -> None:
    assert run(["create-secret", *local, "--name", "app/del", "--secret-string", value]).code == 0
    result = redirected(">/dev/full", ["delete-secret", *local, "--secret-id", "app/del"], stdout=None)
    assert result.code == 0, result.err
    assert "DeleteSecret succeeded" in result.err and "DeletionDate" in result.err


@pytest.mark.parametrize("redirection", [">&-", ">/dev/full"])
def test_a_read_whose_output_is_lost_fails_in_plain_words(redirection: str, local: list[str], value: str) -> None:
    """Nothing changed, so the missing output is an error a script must see (255), said in plain words."""
    assert run(["create-secret", *local, "--name", "app/read", "--secret-string", value]).code == 0
    result = redirected(redirection, ["get-secret-value", *local, "--secret-id", "app/read"], stdout=None)
    assert result.code == 255, result.err
    assert "could not be written to standard output" in result.err
    assert "unexpected" not in result.err and "Out7-outcome-marker-Vw" not in result.err


def test_stdin_closed_with_a_file_value_works(local: list[str], value: str) -> None:
    """Was: 255 (AttributeError) although the value came from a file."""
    result = redirected("<&-", ["create-secret", *local, "--name", "app/nostdin", "--secret-string", value])
    assert result.code == 0, result.err
    assert result.json()["Name"] == "app/nostdin"


def test_stdin_closed_when_the_value_was_to_come_from_it(local: list[str]) -> None:
    result = redirected("<&-", ["create-secret", *local, "--name", "app/nostdin2", "--secret-string", "-"])
    assert result.code == 252, result.err
    assert "standard input is closed" in result.err


def test_an_ascii_output_encoding_is_a_parameter_error(local: list[str], value: str) -> None:
    """Was: 255 (UnicodeEncodeError) printing a description with an accent."""
    env = smtui_env(PYTHONIOENCODING="ascii")
    created = run(
        ["create-secret", *local, "--name", "app/acc", "--description", "café", "--secret-string", value], env=env
    )
    assert created.code == 0, created.err  # the create's output is ASCII
    result = run(["describe-secret", *local, "--secret-id", "app/acc"], env=env)
    assert result.code == 252, result.err
    assert "encoding (ascii)" in result.err and "PYTHONIOENCODING=utf-8" in result.err


@pytest.mark.parametrize(
    "option",
    [
        ["--endpoint-url", "http://127.0.0.1:99999"],
        ["--endpoint-url", "ftp://127.0.0.1:4566"],
        ["--cli-read-timeout", "-1"],
        ["--cli-connect-timeout", "-5"],
    ],
    ids=["port-out-of-range", "not-http", "negative-read-timeout", "negative-connect-timeout"],
)
def test_unusable_connection_settings_are_parameter_errors(option: list[str]) -> None:
    """Was: 255 (ValueError in the HTTP library) for the port, 253 for a negative timeout."""
    env = smtui_env(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing")
    result = run(["list-secrets", "--backend", "aws", "--region", "us-east-1", *option], env=env)
    assert result.code == 252, result.err
    assert f"argument {option[0]}:" in result.err
    assert "unexpected" not in result.err


@pytest.mark.parametrize("values", ["[2024-01-01]", "[!!binary aGk=]", "[12]", "2024-01-01"])
def test_yaml_dates_and_binary_in_filters_are_parameter_errors(values: str, local: list[str], tmp_path: Path) -> None:
    """Was: 255 (TypeError: a datetime or bytes cannot be JSON)."""
    doc = tmp_path / "filters.yaml"
    doc.write_text(f"Filters:\n- Key: name\n  Values: {values}\n")
    result = run(["list-secrets", *local, "--cli-input-yaml", f"file://{doc}"])
    assert result.code == 252, result.err
    assert "Filters[0]" in result.err and "not text" in result.err


def test_the_wizard_with_stdin_closed_refuses_in_plain_words() -> None:
    """Was: a traceback (AttributeError: sys.stdin is None) and exit 1."""
    result = redirected("<&-", [])
    assert result.code == 252, result.err
    assert "Traceback" not in result.err and "terminal" in result.err
