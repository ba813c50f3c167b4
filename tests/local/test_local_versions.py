"""The version operations on the local store: the whole table of tests/local/version_cases.py (every case, the
service's behaviour), and what only a store with a settable clock can show (pruning, LastChangedDate to the
millisecond, LastAccessedDate to the day), replicas, keys and old stores.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pydantic import SecretStr

from smtui.backends.local import LocalBackend
from smtui.errors import ParameterError, ServiceError
from smtui.model import messages as msg
from smtui.model.lifecycle import SecretVersionEntry, UpdateSecretRequest
from tests.local.conftest import MARKER, MARKER_BYTES, Clock, MakeBackend
from tests.local.version_cases import CASES, V1, V2, V3, Case, World, _put, expect


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_version_case(backend: LocalBackend, case: Case) -> None:
    expect(case, World(backend), server=False)


# --- what needs the store's clock or its files -------------------------------------------------------------------

DAY = 86400.0


def _world(backend: LocalBackend) -> World:
    return World(backend)


def _every_version(backend: LocalBackend, name: str) -> list[SecretVersionEntry]:
    """Every version, deprecated ones too, through all pages."""
    found: list[SecretVersionEntry] = []
    token: str | None = None
    while True:
        page = backend.list_secret_version_ids(name, include_deprecated=True, next_token=token)
        found += page.Versions
        if page.NextToken is None:
            return found
        token = page.NextToken


def test_pruning_keeps_young_versions_and_then_refuses(backend: LocalBackend, clock: Clock) -> None:
    """docs/aws-behaviour.md §15.1: more than 100 unlabelled versions, none 24 h old → LimitExceededException
    (and nothing changes); a day later the oldest go, one per new version, never a labelled one."""
    w = _world(backend)
    w.create("app")
    for i in range(101):  # 101 puts: the first version and 100 more lose their label
        w.put("app", f"v{i}")
    every = _every_version(backend, "app")
    assert len(every) == 102 and sum(1 for v in every if v.VersionStages is None) == 100
    before = w.labels("app")
    with pytest.raises(ServiceError) as caught:
        w.put("app", "one-too-many")
    assert caught.value.code == "LimitExceededException"
    assert w.labels("app") == before  # the refused put moved nothing
    assert len(_every_version(backend, "app")) == 102
    clock.advance(DAY)
    oldest = every[0].VersionId
    newest = w.put("app", "a-day-later").VersionId
    after = _every_version(backend, "app")
    assert len(after) == 102 and oldest not in {v.VersionId for v in after}
    assert w.value("app") == "a-day-later" and after[-1].VersionId == newest
    assert sum(1 for v in after if v.VersionStages is None) == 100


def test_last_changed_is_strictly_increasing_to_the_millisecond(backend: LocalBackend, clock: Clock) -> None:
    """docs/aws-behaviour.md §16: changes in the same millisecond (the clock stands still here) still move it."""
    clock.now = 1_800_000_000.1234
    w = _world(backend)
    w.create("app")
    first = _changed(backend)
    assert first.microsecond == 123_000
    w.put("app")
    w.put("app", V3)
    backend.update_secret(UpdateSecretRequest(SecretId="app", Description="d"))
    assert _changed(backend) - first == timedelta(milliseconds=3)
    clock.advance(5.0)
    backend.update_secret_version_stage("app", "one", move_to_version_id=w.vars["v1"])
    assert _changed(backend) - first == timedelta(seconds=5, milliseconds=0)


def _changed(backend: LocalBackend) -> datetime:
    when = backend.describe_secret("app").LastChangedDate
    assert when is not None
    return when


def test_last_accessed_is_the_day(backend: LocalBackend, clock: Clock) -> None:
    clock.now = 1_800_000_000.0 + 3 * 3600 + 17  # some time in a day
    w = _world(backend)
    v1 = w.create("app")
    w.value("app")
    day = datetime.fromtimestamp(clock.now, tz=UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    assert backend.describe_secret("app").LastAccessedDate == day
    assert backend.list_secret_version_ids("app").Versions[0].LastAccessedDate == day
    clock.advance(DAY)
    w.put("app")
    assert backend.describe_secret("app").LastAccessedDate == day  # a put is not a read
    w.value("app", version_id=v1)
    assert backend.describe_secret("app").LastAccessedDate == day + timedelta(days=1)


def test_replica_refuses_every_version_write(backend: LocalBackend, make_backend: MakeBackend, clock: Clock) -> None:
    w = _world(backend)
    w.create("app", AddReplicaRegions=[{"Region": "eu-west-1"}])
    clock.advance(2.0)
    eu = make_backend("eu-west-1")
    assert eu.describe_secret("app").PrimaryRegion == "us-east-1"
    calls: list[Callable[[], object]] = [
        lambda: eu.put_secret_value(_put("app", V2, None, World.token())),
        lambda: eu.update_secret(UpdateSecretRequest(SecretId="app", Description="d")),
        lambda: eu.update_secret(
            UpdateSecretRequest(SecretId="app", ClientRequestToken=World.token(), SecretString=SecretStr(V2))
        ),
        lambda: eu.update_secret_version_stage("app", "one", move_to_version_id=w.vars["v1"]),
    ]
    for call in calls:
        with pytest.raises(ServiceError) as caught:
            call()
        assert (caught.value.code, caught.value.message) == ("InvalidParameterException", msg.REPLICA_WRITE)
    assert eu.list_secret_version_ids("app").Versions[0].VersionId == w.vars["v1"]  # reads work


def test_update_kms_key_reencrypts_the_labelled_versions(backend: LocalBackend) -> None:
    """docs/aws-behaviour.md §15.3: the new key encrypts new versions, and AWSCURRENT/AWSPREVIOUS are encrypted
    anew under it; ListSecretVersionIds names the key; every version still reads."""
    w = _world(backend)
    v1, v2, v3 = w.three_versions("app")
    key = backend.create_key("for app")
    result = backend.update_secret(UpdateSecretRequest(SecretId="app", KmsKeyId=key.KeyId))
    assert result.to_aws() == {"ARN": w.vars["arn"], "Name": "app"}
    assert backend.describe_secret("app").KmsKeyId == key.KeyId
    kms = {v.VersionId: v.KmsKeyIds for v in backend.list_secret_version_ids("app", include_deprecated=True).Versions}
    assert kms == {v1: ["DefaultEncryptionKey"], v2: [key.KeyId], v3: [key.KeyId]}
    assert [w.value("app", version_id=v) for v in (v1, v2, v3)] == [V1, V2, V3]
    backend.disable_key(key.KeyId)
    with pytest.raises(ServiceError) as caught:
        w.put("app", "under a disabled key")
    assert caught.value.code == "EncryptionFailure"
    backend.enable_key(key.KeyId)
    backend.update_secret(UpdateSecretRequest(SecretId="app", KmsKeyId=""))  # back to the default key
    assert backend.describe_secret("app").KmsKeyId is None
    assert w.value("app") == V3


def test_update_unknown_kms_key_changes_nothing(backend: LocalBackend) -> None:
    w = _world(backend)
    w.create("app", Description="kept")
    before = backend.describe_secret("app").to_aws()
    with pytest.raises(ServiceError) as caught:
        backend.update_secret(
            UpdateSecretRequest(
                SecretId="app",
                KmsKeyId="alias/nope",
                Description="new",
                ClientRequestToken=World.token(),
                SecretString=SecretStr(V2),
            )
        )
    assert caught.value.code == "InvalidParameterException"
    assert backend.describe_secret("app").to_aws() == before


def test_partial_arn_of_another_region_or_account(backend: LocalBackend) -> None:
    w = _world(backend)
    w.create("app")
    partial = w.vars["arn"][:-7]
    for other in (
        partial.replace(":us-east-1:", ":eu-west-1:"),
        partial.replace(f":{backend.store.account_id}:", ":111111111111:"),
    ):
        with pytest.raises(ServiceError) as caught:
            w.put(other)
        assert caught.value.code == "ResourceNotFoundException"
    assert w.vars["arn"] == w.put(partial).ARN


def test_put_values_are_not_in_the_store_file(backend: LocalBackend) -> None:
    w = _world(backend)
    w.create("app")
    w.put("app", MARKER)
    w.put("app", MARKER_BYTES)
    backend.update_secret(
        UpdateSecretRequest(SecretId="app", ClientRequestToken=World.token(), SecretString=SecretStr(MARKER + "-u"))
    )
    raw = b"".join(p.read_bytes() for p in backend.store.path.parent.iterdir() if p.is_file())
    assert MARKER.encode() not in raw and MARKER_BYTES not in raw


def test_a_schema_1_store_is_migrated(make_backend: MakeBackend, store_dir: Path) -> None:
    """A store written before per-version LastAccessedDate (schema 1) opens, gains the column, keeps its data."""
    first = make_backend()
    w = _world(first)
    w.create("app")
    first.close()
    with sqlite3.connect(store_dir / "store.db") as db:
        db.execute("DROP INDEX versions_labelled")
        db.execute("DROP INDEX versions_deprecated")
        db.execute("ALTER TABLE versions DROP COLUMN last_accessed")
        db.execute("UPDATE schema_version SET version = 1")
    again = make_backend()
    assert World(again).value("app") == V1
    assert again.list_secret_version_ids("app").Versions[0].LastAccessedDate is not None
    with sqlite3.connect(store_dir / "store.db") as db:
        assert db.execute("SELECT version FROM schema_version").fetchone()[0] >= 2


def test_model_refusals_are_botocore_shaped_below_a_minimum(backend: LocalBackend) -> None:
    """What botocore refuses before sending (a minimum) is a 252 from the local store too (docs/aws-behaviour.md
    §7.2); a maximum is the service's ValidationException."""
    with pytest.raises(ParameterError) as caught:
        backend.put_secret_value(_put("app", V2, [""], "short-token"))
    assert caught.value.message == (
        "Parameter validation failed:\nInvalid length for parameter ClientRequestToken, valid min length: 32\n"
        "Invalid length for parameter VersionStages[0], valid min length: 1"
    )
    with pytest.raises(ParameterError):
        backend.update_secret_version_stage("app", "")
    with pytest.raises(ParameterError):
        backend.list_secret_version_ids("app", max_results=0)
