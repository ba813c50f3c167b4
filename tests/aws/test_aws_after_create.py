"""The table of tests/local/after_create_cases.py against the aws backend on a moto server over HTTP
(docs/aws-behaviour.md §17-§21). Requests of a wrong shape are refused before sending (ParameterError); the rest
reach moto, and where moto answers otherwise than the service the table says so (docs/aws-behaviour.md §13)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

import pytest

from smtui.backends.aws import AwsBackend
from smtui.backends.base import Backend
from smtui.settings import TargetSettings
from tests.conftest import MotoServer
from tests.local.after_create_cases import CASES, US, Case, run_case


class MotoWorld:
    kind: Literal["local", "moto"] = "moto"

    def __init__(self) -> None:
        self._opened: dict[str, AwsBackend] = {}

    def backend(self, region: str = US) -> Backend:
        if region not in self._opened:
            self._opened[region] = AwsBackend(TargetSettings(backend="aws", region=region))
        return self._opened[region]

    def settle(self) -> None:
        """moto settles replicas at once: nothing to wait for."""

    def close(self) -> None:
        for b in self._opened.values():
            b.close()


@pytest.fixture
def world(moto_env: MotoServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[MotoWorld]:
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")  # moto's HTTP 500 for operations it lacks: no retries
    w = MotoWorld()
    yield w
    w.close()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_after_create_case_on_moto(case: Case, world: MotoWorld) -> None:
    run_case(world, case)
