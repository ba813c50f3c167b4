"""Plain mode's words, without a terminal: the replica announcements, the region answer, a name in use."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from smtui.model import CreateSecretResult, NameStatus, ReplicationStatusEntry
from smtui.plain.console import Console
from smtui.plain.flow import name_problem, pick_issues
from smtui.plain.result import follow_replicas


class Said:
    """A console whose lines are read back: its output is a pipe."""

    def __init__(self) -> None:
        self.read_end, write_end = os.pipe()
        self.console = Console(-1, write_end)

    def lines(self) -> list[str]:
        os.close(self.console.fd_out)
        with os.fdopen(self.read_end, encoding="utf-8") as pipe:
            return pipe.read().splitlines()


@pytest.fixture
def said() -> Iterator[Said]:
    yield Said()


def _entry(region: str, status: str, message: str | None = None) -> ReplicationStatusEntry:
    return ReplicationStatusEntry(Region=region, Status=status, StatusMessage=message)


class Polled:
    """describe_secret answering one replication status after another."""

    def __init__(self, *answers: list[ReplicationStatusEntry]) -> None:
        self.answers = list(answers)

    def describe_secret(self, _arn: str) -> Any:
        return type("Described", (), {"ReplicationStatus": self.answers.pop(0)})()


def test_a_replica_status_is_said_only_when_it_changes(said: Said) -> None:
    result = CreateSecretResult(ARN="arn:x", Name="n", ReplicationStatus=[_entry("eu-west-1", "InProgress")])
    backend = Polled(
        [_entry("eu-west-1", "InProgress")],
        [_entry("eu-west-1", "InProgress")],
        [_entry("eu-west-1", "Failed", "Replication failed: a secret with this name exists there")],
    )
    latest = follow_replicas(said.console, backend, result, sleep=lambda _s: None)  # type: ignore[arg-type]
    assert said.lines() == [
        "Replica eu-west-1: InProgress",
        "Replica eu-west-1: Failed (Replication failed: a secret with this name exists there)",
        "Every replica has settled.",
    ]
    assert latest.ReplicationStatus is not None and latest.ReplicationStatus[0].Status == "Failed"


def test_text_from_the_target_cannot_drive_the_terminal(said: Said) -> None:
    said.console.say("description \x1b[2J\x1b]52;c;AAAA\x07 end")
    assert said.lines() == ["description \\x1b[2J\\x1b]52;c;AAAA\\x07 end"]


def test_regions_are_picked_by_number_or_name() -> None:
    regions = ["eu-west-1", "us-west-2"]
    assert pick_issues("2, eu-west-1 2", regions) == (["us-west-2", "eu-west-1"], [])
    picked, issues = pick_issues("3 mars", regions)
    assert picked == [] and [i.message.split(" ")[0] for i in issues] == ["3", "mars"]


def test_a_name_in_use_says_what_to_do() -> None:
    assert name_problem("a", NameStatus(State="free")) is None
    assert "smtui put-secret-value" in (name_problem("a", NameStatus(State="taken")) or "")
    when = datetime(2030, 1, 2, 3, 4, tzinfo=UTC)
    scheduled = name_problem("a", NameStatus(State="scheduled-for-deletion", DeletedDate=when)) or ""
    assert "scheduled for deletion on 2030-01-02 03:04 UTC" in scheduled and "restore-secret" in scheduled
