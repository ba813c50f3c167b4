"""Tags, replication after create, GetRandomPassword, BatchGetSecretValue and resource policies on the local
store: every case of the shared table (tests/local/after_create_cases.py; docs/aws-behaviour.md §17-§21)."""

from __future__ import annotations

from typing import Literal

import pytest

from smtui.backends.base import Backend
from tests.local.after_create_cases import CASES, US, Case, run_case
from tests.local.conftest import Clock, MakeBackend


class LocalWorld:
    kind: Literal["local", "moto"] = "local"

    def __init__(self, make_backend: MakeBackend, clock: Clock) -> None:
        self._make = make_backend
        self._clock = clock
        self._opened: dict[str, Backend] = {}

    def backend(self, region: str = US) -> Backend:
        if region not in self._opened:
            self._opened[region] = self._make(region)
        return self._opened[region]

    def settle(self) -> None:
        self._clock.advance(2.0)  # past SMTUI_LOCAL_REPLICA_DELAY (1.5 s in these tests)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_after_create_case(case: Case, make_backend: MakeBackend, clock: Clock) -> None:
    run_case(LocalWorld(make_backend, clock), case)
