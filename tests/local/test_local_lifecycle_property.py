"""Property test of the local store's secret lifecycle: random sequences of create / put-secret-value /
update-secret (with a value) / update-secret-version-stage / tag-resource / untag-resource / delete / restore keep
the invariants of docs/aws-behaviour.md §15.1 and §17:

- a secret with versions has exactly one AWSCURRENT; a label sits on at most one version;
- every version the store still has decrypts to exactly the value that was put under its VersionId;
- a step the service refuses changes nothing (the labels are as before);
- tag keys are unique and the tags are what was put (merged in place, absent until tagged, `[]` once the last is
  removed), whatever version steps run between.

The CI run is short (a few dozen sequences, well under 15 s); `-m slow` runs many more.
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from pydantic import SecretBytes, SecretStr

from smtui.backends.local import LocalBackend
from smtui.errors import ServiceError
from smtui.model import CreateSecretRequest, Tag
from smtui.model.lifecycle import PutSecretValueRequest, UpdateSecretRequest
from smtui.settings import TargetSettings
from tests.local.conftest import Clock

NAMES = ("app/a", "app/b")
LABELS = ("AWSCURRENT", "AWSPREVIOUS", "AWSPENDING", "L1", "L2")
VALUES = st.one_of(st.text(min_size=1, max_size=16), st.binary(min_size=1, max_size=16))
TAG_KEYS = st.sampled_from(["env", "Env", "team", "k1"])
TAG_PAIRS = st.lists(
    st.tuples(TAG_KEYS, st.sampled_from(["", "dev", "prod"])), min_size=1, max_size=3, unique_by=lambda p: p[0]
)
STAGE_LISTS = st.one_of(
    st.none(),
    st.lists(st.sampled_from(LABELS), min_size=1, max_size=3),
)


def _value_members(value: str | bytes) -> dict[str, SecretStr | SecretBytes]:
    return {"SecretString": SecretStr(value)} if isinstance(value, str) else {"SecretBinary": SecretBytes(value)}


class Lifecycle(RuleBasedStateMachine):
    """The model: for each live secret, the value put under each VersionId (the store's labels are checked
    structurally, and against the few rules a step states outright)."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="smtui-prop-"))
        self.clock = Clock()
        settings_ = TargetSettings(
            backend="local", store=self.folder / "store.db", key_file=self.folder / "keys.json", region="us-east-1"
        )
        self.backend = LocalBackend(settings_, clock=self.clock)
        self.values: dict[str, dict[str, str | bytes]] = {}  # live secrets: VersionId -> value
        self.scheduled: set[str] = set()
        self.tags: dict[str, list[tuple[str, str]] | None] = {}  # live secrets: their tags (None: never tagged)

    def teardown(self) -> None:
        self.backend.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # --- helpers ---------------------------------------------------------------------------------------------
    def _labels(self, name: str) -> dict[str, list[str]]:
        return self.backend.describe_secret(name).VersionIdsToStages or {}

    def _refused(self, name: str, exc: ServiceError, allowed: set[str], before: dict[str, list[str]] | None) -> None:
        assert exc.code in allowed, (exc.code, exc.message)
        if before is not None:
            assert self._labels(name) == before

    # --- steps -----------------------------------------------------------------------------------------------
    @rule(name=st.sampled_from(NAMES), value=st.one_of(st.none(), VALUES), token=st.uuids())
    def create(self, name: str, value: str | bytes | None, token: uuid.UUID) -> None:
        data: dict[str, object] = {"Name": name, "ClientRequestToken": str(token)}
        if value is not None:
            data.update(_value_members(value))
        try:
            self.backend.create_secret(CreateSecretRequest.model_validate(data))
        except ServiceError as exc:
            assert name in self.values, (exc.code, exc.message)
            expected = "InvalidRequestException" if name in self.scheduled else "ResourceExistsException"
            assert exc.code == expected
            return
        assert name not in self.values
        self.values[name] = {} if value is None else {str(token): value}
        self.tags[name] = None

    @rule(name=st.sampled_from(NAMES), value=VALUES, stages=STAGE_LISTS, token=st.uuids())
    def put(self, name: str, value: str | bytes, stages: list[str] | None, token: uuid.UUID) -> None:
        request = PutSecretValueRequest(
            SecretId=name, ClientRequestToken=str(token), VersionStages=stages, **_value_members(value)
        )
        before = self._labels(name) if name in self.values else None
        try:
            result = self.backend.put_secret_value(request)
        except ServiceError as exc:
            allowed = {"InvalidRequestException"} if name in self.scheduled else {"ResourceNotFoundException"}
            assert name not in self.values or name in self.scheduled
            self._refused(name, exc, allowed, before)
            return
        assert name in self.values and name not in self.scheduled
        self.values[name][str(token)] = value
        if stages is None or "AWSCURRENT" in stages or before == {}:
            assert "AWSCURRENT" in result.VersionStages
        if stages is None and before:
            old = next(v for v, s in before.items() if "AWSCURRENT" in s)
            assert "AWSPREVIOUS" in self._labels(name)[old]

    @rule(name=st.sampled_from(NAMES), value=VALUES, token=st.uuids())
    def update_value(self, name: str, value: str | bytes, token: uuid.UUID) -> None:
        request = UpdateSecretRequest(SecretId=name, ClientRequestToken=str(token), **_value_members(value))
        before = self._labels(name) if name in self.values else None
        try:
            self.backend.update_secret(request)
        except ServiceError as exc:
            allowed = {"InvalidRequestException"} if name in self.scheduled else {"ResourceNotFoundException"}
            self._refused(name, exc, allowed, before)
            return
        self.values[name][str(token)] = value
        assert "AWSCURRENT" in self._labels(name)[str(token)]

    @rule(
        name=st.sampled_from(NAMES),
        label=st.sampled_from(LABELS),
        remove=st.one_of(st.none(), st.integers(0, 20)),
        move=st.one_of(st.none(), st.integers(0, 20)),
    )
    def update_stage(self, name: str, label: str, remove: int | None, move: int | None) -> None:
        versions = sorted(self.values.get(name, {}))

        def pick(i: int | None) -> str | None:
            return versions[i % len(versions)] if versions and i is not None else None

        before = self._labels(name) if name in self.values else None
        try:
            self.backend.update_secret_version_stage(
                name, label, remove_from_version_id=pick(remove), move_to_version_id=pick(move)
            )
        except ServiceError as exc:
            self._refused(
                name, exc, {"InvalidParameterException", "InvalidRequestException", "ResourceNotFoundException"}, before
            )
            return
        target = pick(move)
        if target is not None:
            assert label in self._labels(name).get(target, []), "the label is on MoveToVersionId"

    @rule(name=st.sampled_from(NAMES), force=st.booleans())
    def delete(self, name: str, force: bool) -> None:
        try:
            if force:
                self.backend.delete_secret(name, force_delete_without_recovery=True)
            else:
                self.backend.delete_secret(name, recovery_window_in_days=7)
        except ServiceError as exc:
            assert exc.code in {"ResourceNotFoundException", "InvalidRequestException"}, exc.code
            assert name not in self.values or (name in self.scheduled and not force)
            return
        if force:
            self.values.pop(name, None)
            self.tags.pop(name, None)
            self.scheduled.discard(name)
        else:
            self.scheduled.add(name)

    @rule(name=st.sampled_from(NAMES))
    def restore(self, name: str) -> None:
        try:
            self.backend.restore_secret(name)
        except ServiceError as exc:
            assert exc.code == "ResourceNotFoundException" and name not in self.values
            return
        self.scheduled.discard(name)

    @rule(name=st.sampled_from(NAMES), pairs=TAG_PAIRS)
    def tag(self, name: str, pairs: list[tuple[str, str]]) -> None:
        try:
            self.backend.tag_resource(name, [Tag(Key=k, Value=v) for k, v in pairs])
        except ServiceError as exc:
            expected = "InvalidRequestException" if name in self.scheduled else "ResourceNotFoundException"
            assert (name not in self.values or name in self.scheduled) and exc.code == expected
            return
        merged = dict(self.tags[name] or [])  # a dict keeps a replaced key in its place
        merged.update(pairs)
        self.tags[name] = list(merged.items())

    @rule(name=st.sampled_from(NAMES), keys=st.lists(TAG_KEYS, max_size=2))
    def untag(self, name: str, keys: list[str]) -> None:
        try:
            self.backend.untag_resource(name, keys)
        except ServiceError as exc:
            expected = "InvalidRequestException" if name in self.scheduled else "ResourceNotFoundException"
            assert (name not in self.values or name in self.scheduled) and exc.code == expected
            return
        current = self.tags[name]
        if keys and current is not None:
            self.tags[name] = [(k, v) for k, v in current if k not in keys]

    # --- invariants ------------------------------------------------------------------------------------------
    @invariant()
    def tags_are_unique_and_as_put(self) -> None:
        for name, expected in self.tags.items():
            found = self.backend.describe_secret(name).Tags
            pairs = None if found is None else [(t.Key, t.Value) for t in found]
            assert pairs == expected  # absent until tagged, [] once the last is removed
            assert pairs is None or len({k for k, _ in pairs}) == len(pairs)

    @invariant()
    def labels_are_consistent(self) -> None:
        for name, values in self.values.items():
            labels = self._labels(name)
            attached = [label for stages in labels.values() for label in stages]
            assert len(attached) == len(set(attached)), labels  # a label on one version at most
            if values:
                assert attached.count("AWSCURRENT") == 1, labels
            assert set(labels) <= set(values), (labels, values)  # no version the model does not know

    @invariant()
    def every_version_decrypts_to_its_value(self) -> None:
        for name, values in self.values.items():
            if name in self.scheduled:
                continue  # GetSecretValue refuses a secret scheduled for deletion
            for vid, value in values.items():
                got = self.backend.get_secret_value(name, version_id=vid)
                if isinstance(value, bytes):
                    assert got.SecretBinary is not None and got.SecretBinary.get_secret_value() == value
                else:
                    assert got.SecretString is not None and got.SecretString.get_secret_value() == value


_QUICK = settings(
    max_examples=40,
    stateful_step_count=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def test_lifecycle_keeps_its_invariants() -> None:
    run_state_machine_as_test(Lifecycle, settings=_QUICK)


@pytest.mark.slow
def test_lifecycle_keeps_its_invariants_long(request: pytest.FixtureRequest) -> None:
    if not request.config.getoption("--run-slow", default=False):
        pytest.skip("slow: run with --run-slow (make test-slow)")
    run_state_machine_as_test(
        Lifecycle,
        settings=settings(
            max_examples=400, stateful_step_count=40, deadline=None, suppress_health_check=list(HealthCheck)
        ),
    )
