"""UpdateSecret's Type (botocore's model has it; docs/aws-behaviour.md §15.3): changed by the local store, served
over the wire and sent by `smtui update-secret --type`. Found from outside: smtui serve answered an UpdateSecret
with a Type 200 and changed nothing, because the model had no place for it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError

from tests.local.smtui_cli import smtui
from tests.serve.conftest import Served, boto3_client


@pytest.fixture(scope="module")
def client(served: Served) -> Any:
    return boto3_client(served)


def test_update_secret_sets_and_removes_the_type(client: Any) -> None:
    client.create_secret(Name="typed/one", SecretString="v")
    assert "Type" not in client.describe_secret(SecretId="typed/one")
    client.update_secret(SecretId="typed/one", Type="partner-x")
    assert client.describe_secret(SecretId="typed/one")["Type"] == "partner-x"
    client.update_secret(SecretId="typed/one", Type="")
    assert "Type" not in client.describe_secret(SecretId="typed/one")


def test_a_type_past_its_limit_is_the_services_validation_error(client: Any) -> None:
    client.create_secret(Name="typed/two", SecretString="v")
    with pytest.raises(ClientError) as info:
        client.update_secret(SecretId="typed/two", Type="t" * 257)
    error = info.value.response["Error"]
    assert error["Code"] == "ValidationException" and "'type'" in error["Message"]


def test_smtui_update_secret_type_on_the_local_store(tmp_path: Path) -> None:
    store, key_file = tmp_path / "s.db", tmp_path / "k"
    value = tmp_path / "value.txt"
    value.write_text("v")
    assert (
        smtui(store, key_file, "create-secret", "--name", "typed/cli", "--secret-string", f"file://{value}").returncode
        == 0
    )
    assert smtui(store, key_file, "update-secret", "--secret-id", "typed/cli", "--type", "partner-y").returncode == 0
    described = smtui(
        store, key_file, "describe-secret", "--secret-id", "typed/cli", "--query", "Type", "--output", "text"
    )
    assert described.stdout.strip() == "partner-y", described.stderr
