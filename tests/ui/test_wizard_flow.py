"""Pilot tests of the whole wizard on real targets: the local store (key file) and the aws backend on moto.

No mocks: the local store is the real SQLite + AES-GCM store; AWS is a moto server over HTTP on 127.0.0.1; the
transient failure is a real TCP reset from the safety suite's fault proxy after moto applied the request.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, RadioButton, Static

from smtui.app import SmtuiApp
from smtui.backends import open_backend
from smtui.errors import EXIT_OK
from smtui.screens.result import SubmitScreen
from smtui.settings import TargetSettings
from tests.conftest import MotoServer, real_keyring_expected
from tests.safety.fault_proxy import FaultProxy
from tests.ui.wizard_driver import (
    MARKER,
    MARKER_MULTILINE,
    next_step,
    settle,
    step,
    type_into,
    wait_for_name_check,
    walk_to_review,
)

SIZE = (80, 24)


def boto_client(moto: MotoServer) -> Any:
    import boto3

    return boto3.client("secretsmanager", region_name="us-east-1", endpoint_url=moto.url)


async def test_happy_path_aws_with_tags_and_two_replicas(moto_env: MotoServer) -> None:
    app = SmtuiApp(TargetSettings(backend="aws"), cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await walk_to_review(
            pilot,
            name="prod/app/db",
            tags=(("team", "payments"), ("env", "prod")),
            regions=("eu-west-1", "eu-central-1"),
            keys=True,
        )
        await next_step(pilot)
        assert isinstance(app.screen, SubmitScreen)
        result = app.results[0]
        assert result.Name == "prod/app/db"
        assert {r.Region for r in result.ReplicationStatus or []} == {"eu-west-1", "eu-central-1"}
        assert app.draft.secret_string is None  # dropped right after success
        assert result.ARN in str(app.screen.query_one("#result-text").render())
    client = boto_client(moto_env)
    assert client.get_secret_value(SecretId="prod/app/db")["SecretString"] == MARKER
    tags = {t["Key"]: t["Value"] for t in client.describe_secret(SecretId="prod/app/db")["Tags"]}
    assert tags == {"team": "payments", "env": "prod"}


async def test_happy_path_local_store_multiline_two_tags_one_replica(local_settings: TargetSettings) -> None:
    app = SmtuiApp(local_settings, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await walk_to_review(
            pilot,
            name="app/tls-key",
            value=MARKER_MULTILINE,
            tags=(("team", "core"), ("env", "dev")),
            regions=("eu-west-1",),
        )
        await next_step(pilot)
        assert isinstance(app.screen, SubmitScreen)
        await settle(pilot)  # the replication poll runs until every replica is InSync or Failed
        table = app.screen.query_one("#replication", DataTable)
        assert [str(c) for c in table.get_row_at(0)][:2] == ["eu-west-1", "InSync"]
    backend = open_backend(local_settings)
    try:
        value = backend.get_secret_value("app/tls-key").SecretString
        assert value is not None and value.get_secret_value() == MARKER_MULTILINE
        statuses = backend.describe_secret("app/tls-key").ReplicationStatus or []
        assert [s.Status for s in statuses] == ["InSync"]
    finally:
        backend.close()


async def test_taken_name_is_reported_on_the_name_step(local_settings: TargetSettings) -> None:
    backend = open_backend(local_settings)
    from smtui.model import build_request

    backend.create_secret(build_request({"Name": "taken", "SecretString": "x"}))
    backend.close()
    app = SmtuiApp(local_settings, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await next_step(pilot, "name")
        await type_into(pilot, "#name", "taken", keys=True)
        status = await wait_for_name_check(pilot)  # the debounced background check, however late it runs
        assert "already exists" in status
        await next_step(pilot, "name")  # a taken name does not go forward


@pytest.mark.slow  # a sibling in the fast suite covers the same path
async def test_name_taken_at_submit_goes_back_to_name_and_succeeds(moto_env: MotoServer) -> None:
    app = SmtuiApp(TargetSettings(backend="aws"), cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await walk_to_review(pilot, name="race/db")
        boto_client(moto_env).create_secret(Name="race/db", SecretString="someone else")  # taken meanwhile
        await next_step(pilot)
        assert isinstance(app.screen, SubmitScreen)
        assert app.screen.error is not None and app.screen.error.code == "ResourceExistsException"
        await pilot.press("escape")  # "Back to fix"
        await settle(pilot)
        assert step(pilot) == "name"
        assert "ResourceExistsException" in str(app.screen.query_one("#step-error").render())
        assert app.draft.secret_string is not None  # the value is kept, in memory only
        await type_into(pilot, "#name", "race/db2")
        for expected in ("value", "encryption", "tags", "replicas", "permissions", "review"):
            await next_step(pilot, expected)  # the value step shows the kept value; Next goes on
        await next_step(pilot)
        assert app.results and app.results[0].Name == "race/db2"
    assert boto_client(moto_env).get_secret_value(SecretId="race/db2")["SecretString"] == MARKER


async def test_lost_response_then_retry_leaves_one_version(
    moto_env: MotoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")  # botocore gives up at once, so the wizard's own retry is tested
    with FaultProxy(moto_env.url) as proxy:
        app = SmtuiApp(TargetSettings(backend="aws", endpoint_url=proxy.url), cursor_blink=False)
        async with app.run_test(size=SIZE) as pilot:
            await walk_to_review(pilot, name="flaky/db")
            proxy.set_mode("reset", only="CreateSecret")  # moto applies it, the answer is lost
            await next_step(pilot)
            screen = app.screen
            assert isinstance(screen, SubmitScreen) and screen.error is not None
            assert app.draft.secret_string is not None
            proxy.set_mode("pass")
            await pilot.press("r")
            await settle(pilot)
            assert screen.result is not None
        tokens = [s.token for s in proxy.requests if s.operation == "CreateSecret"]
        assert len(tokens) == 2 and tokens[0] == tokens[1]  # the same ClientRequestToken both times
    versions = boto_client(moto_env).list_secret_version_ids(SecretId="flaky/db")["Versions"]
    assert len(versions) == 1


async def test_kms_key_picked_from_the_list(moto_env: MotoServer) -> None:
    import boto3

    kms = boto3.client("kms", region_name="us-east-1", endpoint_url=moto_env.url)
    key_id = kms.create_key(Description="payments key")["KeyMetadata"]["KeyId"]
    kms.create_alias(AliasName="alias/payments", TargetKeyId=key_id)
    app = SmtuiApp(TargetSettings(backend="aws"), cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.goto("encryption")
        await settle(pilot)
        await type_into(pilot, "#key-filter", "payments")
        await pilot.press("enter")
        await pilot.pause()
        assert app.draft.kms_key_id == "alias/payments"
        await type_into(pilot, "#key-filter", "payments-missing")
        await type_into(pilot, "#key-filter", "wrong")  # a bare alias: the model says it needs alias/
        await pilot.press("enter")
        await pilot.pause()
        assert app.draft.kms_key_id == "wrong"


async def test_quit_asks_and_clears_the_value(local_settings: TargetSettings) -> None:
    app = SmtuiApp(local_settings, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.draft.set_string_value(MARKER, "typed")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmQuitScreen"
        await pilot.press("y")
        await pilot.pause()
    assert app.return_value == EXIT_OK  # a quit is a normal end; 130 is for Ctrl+C
    assert app.draft.secret_string is None


async def test_help_screen_opens_and_closes(local_settings: TargetSettings) -> None:
    app = SmtuiApp(local_settings, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert step(pilot) == "target"


@pytest.mark.usefixtures("no_keyring")
async def test_no_keyring_offers_a_key_file(tmp_path: Path) -> None:
    settings = TargetSettings(backend="local", store=tmp_path / "store.db")
    app = SmtuiApp(settings, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.backend is None and app.backend_error is not None
        assert app.screen.query_one("#key-file-box").display
        await type_into(pilot, "#key-file-path", str(tmp_path / "my.key"))
        await pilot.press("enter")
        await settle(pilot)
        assert app.backend is not None and app.draft.target.key_file == tmp_path / "my.key"


async def test_review_saves_the_document_without_the_value(local_settings: TargetSettings, tmp_path: Path) -> None:
    app = SmtuiApp(local_settings, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await walk_to_review(pilot, name="doc/test", tags=(("a", "b"),))
        target = tmp_path / "request.json"
        await type_into(pilot, "#save-path", str(target))
        await pilot.press("enter")
        await pilot.pause()
    text = target.read_text()
    assert '"Name": "doc/test"' in text and MARKER not in text
    assert target.stat().st_mode & 0o077 == 0


def test_switching_target_keeps_the_draft(local_settings: TargetSettings) -> None:
    app = SmtuiApp(replace(local_settings), prefill={"Name": "pre/filled", "Tags": [{"Key": "k", "Value": "v"}]})
    assert app.draft.name == "pre/filled" and app.draft.tags[0].Key == "k"


async def test_target_preselects_local_without_credentials_and_switches_to_aws(
    tmp_path: Path, moto_server: MotoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = TargetSettings(store=tmp_path / "store.db", key_file=tmp_path / "store.key")  # backend: not given
    app = SmtuiApp(settings, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.backend is not None and app.backend.kind == "local"  # no AWS credentials resolve
        assert app.screen.query_one("#kind-local", RadioButton).value
        monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
        monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
        monkeypatch.setenv("AWS_ENDPOINT_URL", moto_server.url)
        await pilot.click("#kind-aws")
        await settle(pilot)
        backend = app.backend  # the click replaced it: a fresh name, not the one narrowed to "local" above
        assert backend is not None and backend.kind == "aws"
        assert app.identity is not None and app.identity.Account == "123456789012"
        assert "123456789012" in str(app.screen.query_one("#target-details", Static).render())


async def test_typed_but_unconfirmed_key_and_tag_are_kept_on_next(local_settings: TargetSettings) -> None:
    app = SmtuiApp(local_settings, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.goto("encryption")
        await settle(pilot)
        await type_into(pilot, "#key-filter", "alias/typed-not-entered")
        await next_step(pilot, "tags")
        assert app.draft.kms_key_id == "alias/typed-not-entered"
        await type_into(pilot, "#tag-key", "aws:reserved")
        await next_step(pilot, "tags")  # refused, and said why
        assert "aws:" in str(app.screen.query_one("#tag-issues", Static).render())
        await type_into(pilot, "#tag-key", "owner")
        await type_into(pilot, "#tag-value", "me")
        await next_step(pilot, "replicas")
        assert [(t.Key, t.Value) for t in app.draft.tags] == [("owner", "me")]


@pytest.mark.keyring
async def test_local_store_with_the_real_keyring(tmp_path: Path) -> None:
    """Under tests/tools/with-keyring this must pass (a missing keyring fails it); elsewhere it is skipped."""
    if not real_keyring_expected():
        pytest.skip("the real Secret Service runs under tests/tools/with-keyring")
    settings = TargetSettings(backend="local", store=tmp_path / "store.db")  # no key file: the OS keyring
    app = SmtuiApp(settings, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.backend_error is None, app.backend_error
        assert not any(box.display for box in app.screen.query("#key-file-box"))  # mounted only when offered
        await walk_to_review(pilot, name="kr/wizard")
        await next_step(pilot)
        assert app.results and app.results[0].Name == "kr/wizard"


@pytest.mark.slow  # a sibling in the fast suite covers the same path
async def test_copy_arn_then_create_another(local_settings: TargetSettings) -> None:
    app = SmtuiApp(local_settings, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await walk_to_review(pilot, name="first/one", tags=(("team", "core"),))
        first_token = app.draft.client_request_token
        await next_step(pilot)
        arn = app.results[0].ARN
        await pilot.press("c")
        await pilot.pause()
        assert app.clipboard == arn  # the ARN, never the value
        await pilot.press("n")
        await settle(pilot)
        assert step(pilot) == "name"
        assert app.draft.name == "" and app.draft.secret_string is None
        assert app.draft.client_request_token != first_token and [t.Key for t in app.draft.tags] == ["team"]


@pytest.mark.slow  # a sibling in the fast suite covers the same path
async def test_saved_document_is_accepted_by_the_aws_cli(moto_env: MotoServer, tmp_path: Path) -> None:
    """The review's --cli-input-json document and command work with the real AWS CLI (awscli, not ours)."""
    import subprocess
    import sys

    app = SmtuiApp(TargetSettings(backend="aws"), cursor_blink=False)
    document = tmp_path / "create-secret.json"
    async with app.run_test(size=SIZE) as pilot:
        await walk_to_review(pilot, name="cli/doc", tags=(("team", "core"),), regions=("eu-west-1",))
        await type_into(pilot, "#save-path", str(document))
        await pilot.press("enter")
        await pilot.pause()
        command = str(app.screen.query_one("#review-command", Static).render())
    assert "--cli-input-json file://" in command and "--secret-string file://secret.txt" in command
    value_file = tmp_path / "secret.txt"
    value_file.write_text(MARKER)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "awscli",
            "secretsmanager",
            "create-secret",
            "--cli-input-json",
            f"file://{document}",
            "--secret-string",
            f"file://{value_file}",
            "--endpoint-url",
            moto_env.url,
            "--region",
            "us-east-1",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert boto_client(moto_env).get_secret_value(SecretId="cli/doc")["SecretString"] == MARKER
