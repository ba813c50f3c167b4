"""What a PutSecretValue without VersionStages will do to a secret's labels, before it is sent.

Why a model function: the wizard's Review step (put mode) shows which version becomes AWSCURRENT and which
AWSPREVIOUS, and that must be what the service then does (docs/aws-behaviour.md §15.2): the new version takes
AWSCURRENT, the version that had it takes AWSPREVIOUS, the old AWSPREVIOUS holder loses that label, and AWSPENDING on
the outgoing current version goes with it. A token that already names a version is a retry of a request already
applied: nothing moves. The moves are not written again here: the preview applies `smtui.model.labels` (the rules
the local store applies when it writes) to DescribeSecret's VersionIdsToStages and reads off what changed; it is
tested against the local store's own label moves (tests/local/test_put_preview.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from smtui.model.labels import CURRENT, PENDING, PREVIOUS, Labels, copy_labels, holder_of, label_new_version

__all__ = ["PutPreview", "preview_put"]


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
        out = [f"{CURRENT}: the new version {self.new_version}"]
        if self.becomes_previous is None:
            out.append(f"{PREVIOUS}: none (the secret has no current version)")
        else:
            out.append(f"{PREVIOUS}: {self.becomes_previous} (the current version now)")
        if self.loses_previous is not None and self.loses_previous != self.becomes_previous:
            out.append(f"{self.loses_previous} loses {PREVIOUS}")
        if self.drops_pending:
            out.append(f"{self.becomes_previous} loses {PENDING}")
        return out


def preview_put(version_ids_to_stages: Mapping[str, Sequence[str]] | None, token: str) -> PutPreview:
    """The transition a PutSecretValue with ClientRequestToken `token` and no VersionStages makes."""
    before: Labels = {vid: list(stages) for vid, stages in (version_ids_to_stages or {}).items()}
    if token in before:
        return PutPreview(token, None, None, drops_pending=False, replay=True)
    after = copy_labels(before)
    label_new_version(after, token, None)
    outgoing = holder_of(before, CURRENT)
    previous = holder_of(before, PREVIOUS)
    loses = previous if previous is not None and PREVIOUS not in after[previous] else None
    pending = outgoing is not None and PENDING in before[outgoing] and PENDING not in after[outgoing]
    return PutPreview(token, outgoing, loses, drops_pending=pending, replay=False)
