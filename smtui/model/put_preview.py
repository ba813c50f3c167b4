"""What a PutSecretValue without VersionStages will do to a secret's labels, before it is sent.

Why a model function: the wizard's Review step (put mode) shows which version becomes AWSCURRENT and which
AWSPREVIOUS, and that must be what the service then does (docs/aws-behaviour.md §15.2): the new version takes
AWSCURRENT, the version that had it takes AWSPREVIOUS, the old AWSPREVIOUS holder loses that label, and AWSPENDING on
the outgoing current version goes with it. A token that already names a version is a retry of a request already
applied: nothing moves. Pure Python on DescribeSecret's VersionIdsToStages, so it is tested against the local
store's own label moves (tests/local/test_put_preview.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

__all__ = ["PutPreview", "preview_put"]

_CURRENT, _PREVIOUS, _PENDING = "AWSCURRENT", "AWSPREVIOUS", "AWSPENDING"


@dataclass(frozen=True, slots=True)
class PutPreview:
    """The transition: `new_version` becomes AWSCURRENT; `becomes_previous` (the outgoing current, None for a
    secret without a version) becomes AWSPREVIOUS; `loses_previous` is the version that had AWSPREVIOUS before;
    `drops_pending` is True when the outgoing current version loses AWSPENDING; `replay` is True when the token
    already names a version (a retry after a lost answer: the request changes nothing)."""

    new_version: str
    becomes_previous: str | None
    loses_previous: str | None
    drops_pending: bool
    replay: bool

    def lines(self) -> list[str]:
        """What the Review step says, one line each (version ids only: never a value)."""
        if self.replay:
            return [f"Version {self.new_version} already exists: this retry changes nothing."]
        out = [f"{_CURRENT}: the new version {self.new_version}"]
        if self.becomes_previous is None:
            out.append(f"{_PREVIOUS}: none (the secret has no current version)")
        else:
            out.append(f"{_PREVIOUS}: {self.becomes_previous} (the current version now)")
        if self.loses_previous is not None and self.loses_previous != self.becomes_previous:
            out.append(f"{self.loses_previous} loses {_PREVIOUS}")
        if self.drops_pending:
            out.append(f"{self.becomes_previous} loses {_PENDING}")
        return out


def _holder(stages: Mapping[str, Sequence[str]], label: str) -> str | None:
    return next((vid for vid, labels in stages.items() if label in labels), None)


def preview_put(version_ids_to_stages: Mapping[str, Sequence[str]] | None, token: str) -> PutPreview:
    """The transition a PutSecretValue with ClientRequestToken `token` and no VersionStages makes."""
    stages = dict(version_ids_to_stages or {})
    if token in stages:
        return PutPreview(token, None, None, drops_pending=False, replay=True)
    current = _holder(stages, _CURRENT)
    previous = _holder(stages, _PREVIOUS)
    pending = current is not None and _PENDING in stages[current]
    return PutPreview(token, current, previous, drops_pending=pending, replay=False)
