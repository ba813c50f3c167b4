"""The version operations through the aws backend on a moto server over HTTP: the same table as the local store
(tests/local/version_cases.py). Where moto 5.2 answers otherwise than the service, the case says how and runs as a
strict expected failure here (docs/aws-behaviour.md §13): moto is not the judge of the service's semantics, but
the requests, the value's round trip and the answers' shapes travel through the real client and transport.
"""

from __future__ import annotations

import pytest

from smtui.backends.aws import AwsBackend
from tests.local.version_cases import CASES, Case, World, expect


def _param(case: Case) -> object:
    marks = [pytest.mark.xfail(reason=case.moto, strict=True)] if case.moto else []
    return pytest.param(case, id=case.id, marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in CASES if c.local_only is None])
def test_version_case_on_moto(backend: AwsBackend, case: Case) -> None:
    expect(case, World(backend), server=True)
