"""A random sequence of create / tag / untag / delete / restore against the local store keeps its tag invariants
(docs/aws-behaviour.md §17): keys unique, the tags equal to a plain model of TagResource's merge and
UntagResource's removal, `Tags` absent until the first tag and `[]` once the last is removed, at most 50, a secret
scheduled for deletion refusing both without change, and LastChangedDate strictly increasing on every change."""

from __future__ import annotations

import shutil
import tempfile
import uuid
from datetime import datetime
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from smtui.backends.local import LocalBackend
from smtui.errors import ServiceError
from smtui.model import CreateSecretRequest, Tag
from smtui.model.limits import TAGS_MAX
from smtui.settings import TargetSettings
from tests.local.conftest import Clock

NAMES = ("app/a", "app/b")
KEYS = st.sampled_from(["env", "team", "Env", "cost:center", "x", "k1", "k2", "k3"])
VALUES = st.sampled_from(["", "dev", "prod", "ünï", "a b"])


class TagMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(tempfile.mkdtemp(prefix="smtui-tags-"))
        self.clock = Clock()
        settings_ = TargetSettings(backend="local", store=self.dir / "s.db", key_file=self.dir / "k.json")
        self.backend = LocalBackend(settings_, clock=self.clock)
        self.tags: dict[str, list[tuple[str, str]] | None] = {}  # name -> model tags (None: never tagged)
        self.deleted: set[str] = set()
        self.changed: dict[str, datetime] = {}

    def teardown(self) -> None:
        self.backend.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    def _tick(self) -> None:
        self.clock.advance(0.0004)  # several changes inside one millisecond: still strictly increasing

    @rule(name=st.sampled_from(NAMES))
    def create(self, name: str) -> None:
        if name in self.tags:
            return
        request = CreateSecretRequest.model_validate(
            {"Name": name, "SecretString": "v", "ClientRequestToken": str(uuid.uuid4())}
        )
        self.backend.create_secret(request)
        self.tags[name] = None

    @precondition(lambda self: bool(self.tags))
    @rule(data=st.data(), pairs=st.lists(st.tuples(KEYS, VALUES), min_size=1, max_size=4, unique_by=lambda p: p[0]))
    def tag(self, data: st.DataObject, pairs: list[tuple[str, str]]) -> None:
        name = data.draw(st.sampled_from(sorted(self.tags)))
        self._tick()
        try:
            self.backend.tag_resource(name, [Tag(Key=k, Value=v) for k, v in pairs])
        except ServiceError as exc:
            assert name in self.deleted and exc.code == "InvalidRequestException"
            return
        assert name not in self.deleted
        current = list(self.tags[name] or [])
        for key, value in pairs:
            found = [i for i, (k, _) in enumerate(current) if k == key]
            if found:
                current[found[0]] = (key, value)
            else:
                current.append((key, value))
        self.tags[name] = current
        self._changed(name)

    @precondition(lambda self: bool(self.tags))
    @rule(data=st.data(), keys=st.lists(KEYS, max_size=3))
    def untag(self, data: st.DataObject, keys: list[str]) -> None:
        name = data.draw(st.sampled_from(sorted(self.tags)))
        self._tick()
        try:
            self.backend.untag_resource(name, keys)
        except ServiceError as exc:
            assert name in self.deleted and exc.code == "InvalidRequestException"
            return
        assert name not in self.deleted
        left = [(k, v) for k, v in self.tags[name] or [] if k not in keys]
        if len(left) < len(self.tags[name] or []):  # an untag that removes nothing changes nothing
            self.tags[name] = left
            self._changed(name)
        elif name in self.changed:
            assert self.backend.describe_secret(name).LastChangedDate == self.changed[name]

    @precondition(lambda self: bool(set(self.tags) - self.deleted))
    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        name = data.draw(st.sampled_from(sorted(set(self.tags) - self.deleted)))
        self._tick()
        self.backend.delete_secret(name, recovery_window_in_days=7)
        self.deleted.add(name)
        self._changed(name)

    @precondition(lambda self: bool(self.deleted))
    @rule(data=st.data())
    def restore(self, data: st.DataObject) -> None:
        name = data.draw(st.sampled_from(sorted(self.deleted)))
        self._tick()
        self.backend.restore_secret(name)
        self.deleted.discard(name)
        self._changed(name)

    def _changed(self, name: str) -> None:
        now = self.backend.describe_secret(name).LastChangedDate
        assert now is not None
        if name in self.changed:
            assert now > self.changed[name]
        self.changed[name] = now

    @invariant()
    def tags_match_the_model(self) -> None:
        for name, expected in self.tags.items():
            found = self.backend.describe_secret(name).Tags
            pairs = None if found is None else [(t.Key, t.Value) for t in found]
            assert pairs == expected
            if pairs is not None:
                assert len({k for k, _ in pairs}) == len(pairs) <= TAGS_MAX


TagMachine.TestCase.settings = settings(max_examples=25, stateful_step_count=25, deadline=None)
test_tags_keep_their_invariants = TagMachine.TestCase
