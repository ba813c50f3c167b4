"""ListSecrets SortBy in the local store: each key ascending and descending, ties broken by ARN, pages that
concatenate to the whole order, and the service's ValidationException for a value outside the enum."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

import pytest

from smtui.backends.local import LocalBackend
from smtui.errors import ServiceError
from smtui.model import SecretListEntry
from tests.local.conftest import Clock, request

DAY = 86400.0
KEYS = ("created-date", "last-accessed-date", "last-changed-date", "name")
NEVER = datetime.min.replace(tzinfo=UTC)


def _seed(backend: LocalBackend, clock: Clock) -> None:
    """c and a share a creation time (a tie for the date keys), d and b a later one; d is read on a later
    day than a, c and b never (no LastAccessedDate)."""
    for name in ("c", "a"):
        backend.create_secret(request(name, SecretString="v"))
    clock.advance(5)
    for name in ("d", "b"):
        backend.create_secret(request(name, SecretString="v"))
    clock.advance(DAY)
    backend.get_secret_value("a")
    clock.advance(DAY)
    backend.get_secret_value("d")


def _key(entry: SecretListEntry, sort_by: str) -> tuple[object, str]:
    value: object = {
        "created-date": entry.CreatedDate,
        "last-accessed-date": entry.LastAccessedDate or NEVER,
        "last-changed-date": entry.LastChangedDate,
        "name": entry.Name,
    }[sort_by]
    return value, entry.ARN


def _pages(backend: LocalBackend, size: int, **kwargs: object) -> list[SecretListEntry]:
    entries: list[SecretListEntry] = []
    token: str | None = None
    while True:
        page = backend.list_secrets(max_results=size, next_token=token, **kwargs)  # type: ignore[arg-type]
        entries += page.SecretList
        token = page.NextToken
        if token is None:
            return entries


@pytest.mark.parametrize("order", ["asc", "desc"])
def test_sort_by_each_key_with_pages(backend: LocalBackend, clock: Clock, order: Literal["asc", "desc"]) -> None:
    _seed(backend, clock)
    everything = backend.list_secrets().SecretList
    for sort_by in KEYS:
        expected = sorted(everything, key=lambda e: _key(e, sort_by), reverse=order == "desc")
        whole = backend.list_secrets(sort_by=sort_by, sort_order=order).SecretList
        assert [e.ARN for e in whole] == [e.ARN for e in expected], (sort_by, order)
        for size in (1, 3):
            paged = _pages(backend, size, sort_by=sort_by, sort_order=order)
            assert [e.ARN for e in paged] == [e.ARN for e in whole], (sort_by, order, size)
    names = [e.Name for e in backend.list_secrets(sort_by="name", sort_order=order).SecretList]
    assert names == (["a", "b", "c", "d"] if order == "asc" else ["d", "c", "b", "a"])
    accessed = [e.Name for e in backend.list_secrets(sort_by="last-accessed-date", sort_order=order).SecretList]
    read = accessed[2:] if order == "asc" else accessed[:2][::-1]
    assert read == ["a", "d"]  # never-read secrets first when ascending


def test_sort_order_alone_and_default_keep_creation_order(backend: LocalBackend, clock: Clock) -> None:
    _seed(backend, clock)
    default = [e.Name for e in backend.list_secrets().SecretList]
    assert default == ["c", "a", "d", "b"]
    assert [e.Name for e in backend.list_secrets(sort_order="desc").SecretList] == default[::-1]
    assert [e.Name for e in backend.list_secrets(sort_by="name").SecretList] == ["a", "b", "c", "d"]  # asc


def test_invalid_sort_by_is_a_validation_error(backend: LocalBackend) -> None:
    with pytest.raises(ServiceError) as exc:
        backend.list_secrets(sort_by="size")
    assert exc.value.code == "ValidationException"
    assert str(exc.value.message) == (
        "1 validation error detected: Value 'size' at 'sortBy' failed to satisfy constraint: Member must "
        "satisfy enum value set: [created-date, last-accessed-date, last-changed-date, name]"
    )
