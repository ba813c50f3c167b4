"""The tag and replica checks are linear in the list's length: a signed request to `smtui serve` of half a MiB
(10,000 tags) cost 6 s of CPU under the GIL when each element rebuilt the set of the keys before it, stalling
every other request. The budget below is a guard against a quadratic loop coming back (20,000 tags took about
80 s with it, and take about 0.15 s without), not a speed figure; the checks' answers are unchanged."""

from __future__ import annotations

import time
import uuid

import pytest
from pydantic import SecretStr

from smtui.backends.local.create import revalidate
from smtui.errors import ParameterError, ServiceError
from smtui.model.request import CreateSecretRequest, build_request
from smtui.model.rules import replicas_issues, tags_issues

GUARD_S = 10.0


def test_twenty_thousand_tags_are_checked_in_linear_time() -> None:
    tags = [(f"k{i}", "v") for i in range(20_000)]
    started = time.perf_counter()
    issues = tags_issues(tags)
    assert time.perf_counter() - started < GUARD_S
    assert [i.rule for i in issues] == ["Tags.count"]


def test_twenty_thousand_replicas_are_checked_in_linear_time() -> None:
    regions = [(f"eu-west-{i}", None) for i in range(20_000)]
    started = time.perf_counter()
    replicas_issues(regions, "us-east-1")
    assert time.perf_counter() - started < GUARD_S


def test_a_repeated_key_or_region_is_still_found_after_the_first() -> None:
    tags = [("a", "1"), ("b", "2"), ("a", "3")]
    assert [i.field for i in tags_issues(tags) if "Key" in i.field] == ["Tags[2].Key"]
    regions = [("eu-west-1", None), ("eu-west-2", None), ("eu-west-1", None)]
    assert [i.field for i in replicas_issues(regions, "us-east-1")] == ["AddReplicaRegions[2].Region"]


def test_a_missing_required_member_is_answered_in_the_services_words() -> None:
    """The local store (and so `smtui serve`) names a missing member as the service's validation layer does;
    the command line keeps its plain words."""
    unnamed = CreateSecretRequest.model_construct(ClientRequestToken=str(uuid.uuid4()), SecretString=SecretStr("x"))  # type: ignore[call-arg]  # a raw request without Name
    with pytest.raises(ServiceError) as info:
        revalidate(unnamed, "us-east-1")
    assert info.value.message == (
        "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null"
    )
    with pytest.raises(ParameterError) as plain:
        build_request({"SecretString": SecretStr("x")})
    assert str(plain.value) == "Name is required."
