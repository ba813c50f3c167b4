"""smtui's own aws backend against `smtui serve`: the command line and the wizard, end to end over the wire, and
the promise of `smtui serve`: a boto3 program, given only the environment of `eval "$(smtui serve --print-env)"`,
reads a secret the wizard created on the local store (docs/aws-behaviour.md §22).

The wizard is driven through Textual's Pilot in this process (the aws backend's boto3 clients sign with the
server's credentials, set in this process's environment); the command line runs as a real `smtui` process.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import DataTable

import smtui.screens.result
from smtui.app import SmtuiApp
from smtui.screens.result import SubmitScreen
from smtui.settings import TargetSettings
from tests.conftest import REPO
from tests.serve.conftest import ENDPOINT_VARS, Served, after_print_env, boto3_client, logged, signed_env
from tests.ui.wizard_driver import (
    MARKER,
    next_step,
    settle,
    shown_text,
    step,
    type_into,
    wait_for_name_check,
    wait_for_replicas_settled,
    walk_to_review,
)

SIZE = (80, 24)
CLI_MARKER = "Zq9-serve-smtui-aws-marker-2Pe"
STDIN_MARKER = "Zq9-serve-smtui-stdin-marker-6Hn"
SMTUI = REPO / ".venv" / "bin" / "smtui"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A server whose replicas settle in 0.2 s (1.5 s in real use), so the wizard's Result screen sees them settle."""
    tmp = tmp_path_factory.mktemp("served-smtui-aws")
    server = Served(tmp / "store.db", tmp / "keys", tmp / "serve.log")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SMTUI_LOCAL_REPLICA_DELAY", "0.2")
        server.start()
    yield server
    server.stop()


@pytest.fixture
def signed(served: Served, monkeypatch: pytest.MonkeyPatch) -> Served:
    """This process signs with the server's credentials and region (the endpoint comes from --endpoint-url)."""
    for name, value in served.env.items():
        if name not in ENDPOINT_VARS:
            monkeypatch.setenv(name, value)
    monkeypatch.setattr(smtui.screens.result, "POLL_SECONDS", 0.05)
    return served


def smtui_cli(served: Served, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """`smtui --backend aws --endpoint-url URL ARGS` as its own process."""
    command = [str(SMTUI)] if SMTUI.exists() else [sys.executable, "-m", "smtui"]
    return subprocess.run(
        [*command, "--backend", "aws", "--endpoint-url", served.url, *args],
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        env=signed_env(served),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.slow  # a sibling in the fast suite covers the same path
def test_smtui_command_line_on_the_aws_backend(served: Served, tmp_path: Path) -> None:
    """create-secret (value from a file, and from standard input), get-secret-value and describe-secret through
    smtui's aws backend; a service error is exit 254 with the server's code; the server's log never holds a value."""
    source = tmp_path / "value.txt"
    source.write_text(CLI_MARKER)
    created = smtui_cli(served, "create-secret", "--name", "smtui-aws/file", "--secret-string", f"file://{source}")
    assert created.returncode == 0, created.stderr
    made = json.loads(created.stdout)
    assert set(made) >= {"ARN", "Name", "VersionId"} and made["Name"] == "smtui-aws/file"
    piped = smtui_cli(
        served, "create-secret", "--name", "smtui-aws/stdin", "--secret-string", "-", stdin=STDIN_MARKER + "\n"
    )
    assert piped.returncode == 0, piped.stderr

    got = smtui_cli(served, "get-secret-value", "--secret-id", "smtui-aws/file")
    assert got.returncode == 0, got.stderr
    answer = json.loads(got.stdout)
    assert (answer["ARN"], answer["SecretString"], answer["VersionStages"]) == (made["ARN"], CLI_MARKER, ["AWSCURRENT"])
    described = smtui_cli(served, "describe-secret", "--secret-id", made["ARN"])
    assert described.returncode == 0, described.stderr
    details = json.loads(described.stdout)
    assert details["Name"] == "smtui-aws/file" and details["VersionIdsToStages"] == {made["VersionId"]: ["AWSCURRENT"]}
    assert CLI_MARKER not in described.stdout + described.stderr

    missing = smtui_cli(served, "describe-secret", "--secret-id", "smtui-aws/missing")
    assert missing.returncode == 254 and missing.stdout == ""
    assert "ResourceNotFoundException" in missing.stderr

    sm = boto3_client(served)  # an independent reader of what smtui wrote over the wire
    assert sm.get_secret_value(SecretId="smtui-aws/stdin")["SecretString"] == STDIN_MARKER  # one newline removed
    assert sm.get_secret_value(SecretId=made["ARN"])["SecretString"] == CLI_MARKER
    log = served.log_path.read_text()
    assert CLI_MARKER not in log and STDIN_MARKER not in log


@pytest.mark.slow  # a sibling in the fast suite covers the same path
async def test_wizard_creates_a_secret_through_the_served_endpoint(signed: Served) -> None:
    """The whole wizard on `--backend aws --endpoint-url`: the target line is the store's account (STS), the KMS
    keys and the create go to the server; the Result screen shows the ARN and the replica settling (DescribeSecret
    polls); the next secret's name check finds this one taken and another name free; boto3 reads the value back."""
    settings = TargetSettings(backend="aws", endpoint_url=signed.url)
    app = SmtuiApp(settings, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.identity is not None and re.fullmatch(r"\d{12}", app.identity.Account)
        target = shown_text(pilot, "#target-details")
        assert signed.url in target and app.identity.Account in target
        await walk_to_review(pilot, name="wizard/served", tags=(("team", "core"),), regions=("eu-west-1",))
        await next_step(pilot)
        assert isinstance(app.screen, SubmitScreen)
        result = app.results[0]
        await wait_for_replicas_settled(pilot)
        shown = shown_text(pilot, "#result-text")
        table = app.screen.query_one("#replication", DataTable)
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        await pilot.press("n")  # create another: the Name step's check now finds the secret on the server
        await settle(pilot)
        assert step(pilot) == "name"
        await type_into(pilot, "#name", "wizard/served")
        assert "already exists here" in await wait_for_name_check(pilot)
        await type_into(pilot, "#name", "wizard/unused")
        assert "wizard/unused is free" in await wait_for_name_check(pilot)
    assert result.ARN in shown and MARKER not in shown
    assert re.fullmatch(
        rf"arn:aws:secretsmanager:us-east-1:{app.identity.Account}:secret:wizard/served-\w{{6}}", result.ARN
    )
    assert rows and rows[0][0] == "eu-west-1" and "InSync" in rows[0][1]

    sm = boto3_client(signed)
    assert sm.get_secret_value(SecretId=result.ARN)["SecretString"] == MARKER
    described = sm.describe_secret(SecretId="wizard/served")
    assert described["Tags"] == [{"Key": "team", "Value": "core"}]
    assert [(r["Region"], r["Status"]) for r in described["ReplicationStatus"]] == [("eu-west-1", "InSync")]
    log = logged(
        signed,
        "GetCallerIdentity",
        "ListKeys",
        "CreateSecret",
        "DescribeSecret",
        "DescribeSecret 200",
        "DescribeSecret 400",
    )
    assert MARKER not in log


PROGRAM = """
import json
import boto3

client = boto3.client("secretsmanager")  # endpoint, credentials and region: only the environment
answer = client.get_secret_value(SecretId="app/database")
print(json.dumps({"ARN": answer["ARN"], "value": answer["SecretString"], "endpoint": client.meta.endpoint_url}))
"""


async def test_boto3_program_reads_what_the_wizard_created_on_the_local_store(tmp_path: Path) -> None:
    """A person creates a secret with the wizard on the local store, starts `smtui serve` on it, and a plain boto3
    program run after `eval "$(smtui serve --print-env)"` reads it: the same ARN the wizard showed, the value."""
    server = Served(tmp_path / "store.db", tmp_path / "store.key", tmp_path / "serve.log")
    app = SmtuiApp(TargetSettings(backend="local", store=server.store, key_file=server.key_file), cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await walk_to_review(pilot, name="app/database")
        await next_step(pilot)
        assert isinstance(app.screen, SubmitScreen)
        arn = app.results[0].ARN
        assert arn in shown_text(pilot, "#result-text")
        await pilot.press("q")
        await settle(pilot)

    program = tmp_path / "read_secret.py"
    program.write_text(PROGRAM)
    server.start()
    try:
        done = after_print_env(server, f"{sys.executable} {program}")
    finally:
        assert server.stop() == 130
    assert done.returncode == 0, done.stderr
    read = json.loads(done.stdout)
    assert read == {"ARN": arn, "value": MARKER, "endpoint": server.url}
    log = server.log_path.read_text()
    assert re.search(r" GetSecretValue 200 ", log) and MARKER not in log
