"""The preflight's key check tells apart a key that is not found, disabled or not symmetric (a DescribeKey per key
the listing did not offer), on the real local store and on moto."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from smtui.backends import open_backend
from smtui.backends.preflight import run_preflight
from smtui.model.iam_policy import PolicyChoices
from smtui.model.preflight import key_answer
from smtui.settings import TargetSettings


def _key_details(backend: Any, key_id: str) -> list[tuple[str, str | None]]:
    report, _ = run_preflight(backend, PolicyChoices(name="app/k", kms_key_id=key_id))
    return [(f.detail, f.step) for f in report.findings if f.check == "key"]


@pytest.fixture
def store(tmp_path: Any) -> Iterator[Any]:
    backend = open_backend(TargetSettings(backend="local", store=tmp_path / "s.db", key_file=tmp_path / "k"))
    yield backend
    backend.close()


def test_key_answer_words() -> None:
    assert key_answer("Enabled", "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT")[0] == "ok"
    assert key_answer("Disabled", "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT") == ("problem", "disabled")
    assert key_answer("PendingDeletion", "SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT")[1] == "not usable (PendingDeletion)"
    assert key_answer("Enabled", "RSA_2048", "SIGN_VERIFY")[1] == "not symmetric (RSA_2048, SIGN_VERIFY)"


def test_local_not_found_and_disabled(store: Any) -> None:
    assert _key_details(store, "alias/nope") == [("not found", "encryption")]
    off = store.create_key(alias="alias/off")
    store.disable_key(off.KeyId)
    assert _key_details(store, "alias/off") == [("disabled", "encryption")]
    assert _key_details(store, off.KeyId) == [("disabled", "encryption")]


def test_local_replica_regions_keys_are_told_apart(tmp_path: Any) -> None:
    """Each replica region's key is described in its own region of the store: disabled and not found are named
    per region (not one combined answer), and the primary's key is ok."""

    def region_view(region: str) -> Any:
        settings = TargetSettings(backend="local", store=tmp_path / "s.db", key_file=tmp_path / "k", region=region)
        return open_backend(settings)

    primary, west, south = region_view("us-east-1"), region_view("eu-west-1"), region_view("ap-south-1")
    try:
        mine = primary.create_key(alias="alias/mine")
        west.create_key(alias="alias/off")
        west.disable_key("alias/off")
        south.create_key(alias="alias/elsewhere")  # a key of another region, not the one asked for
        choices = PolicyChoices(
            name="app/k",
            kms_key_id=mine.KeyId,
            replicas=(("eu-west-1", "alias/off"), ("ap-south-1", "alias/nope"), ("eu-central-1", mine.KeyId)),
        )
        report, _ = run_preflight(primary, choices)
    finally:
        for view in (primary, west, south):
            view.close()
    found = {f.subject: (f.status, f.detail, f.step) for f in report.findings if f.check == "key"}
    assert found == {
        f"{mine.KeyId} (us-east-1)": ("ok", "exists, enabled, symmetric", None),
        "alias/off (eu-west-1)": ("problem", "disabled", "replicas"),
        "alias/nope (ap-south-1)": ("problem", "not found", "replicas"),
        f"{mine.KeyId} (eu-central-1)": ("problem", "not found", "replicas"),  # the primary's key is not there
    }


@pytest.mark.usefixtures("moto_env")
def test_moto_not_found_disabled_and_not_symmetric() -> None:
    import boto3

    kms = boto3.client("kms", region_name="us-east-1")
    off = kms.create_key()["KeyMetadata"]["KeyId"]
    kms.disable_key(KeyId=off)
    rsa = kms.create_key(KeySpec="RSA_2048", KeyUsage="SIGN_VERIFY")["KeyMetadata"]["KeyId"]
    backend = open_backend(TargetSettings(backend="aws"))
    assert _key_details(backend, "alias/nope") == [("not found", "encryption")]
    assert _key_details(backend, off) == [("disabled", "encryption")]
    assert _key_details(backend, rsa) == [("not symmetric (RSA_2048, SIGN_VERIFY)", "encryption")]
