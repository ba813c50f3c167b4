"""The Review preflight's non-UI pieces: the draft's policy choices, and saving the minimal IAM policy to a file.

Why not in the screen: core code must not import Textual, and a file write is a rule with tests of its own (an
existing file or a symlink is refused, never overwritten; the file is 0600 from its creation, so there is no moment
another user could read it). The policy names actions and resources only, never the secret's value.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from smtui.model.iam_policy import PolicyChoices


class _Replica(Protocol):
    @property
    def Region(self) -> str: ...
    @property
    def KmsKeyId(self) -> str | None: ...


class DraftChoices(Protocol):
    """What of smtui.draft.Draft the policy reads (a Protocol: the model layer never imports the draft)."""

    @property
    def name(self) -> str: ...
    @property
    def mode(self) -> str: ...
    @property
    def secret_id(self) -> str: ...
    @property
    def kms_key_id(self) -> str: ...
    @property
    def tags(self) -> Sequence[object]: ...
    @property
    def resource_policy(self) -> str: ...
    @property
    def replicas(self) -> Sequence[_Replica]: ...


def choices_for(draft: DraftChoices) -> PolicyChoices:
    """The pieces of a draft the preflight and the policy depend on (names, regions, key ids; never the value)."""
    return PolicyChoices(
        name=draft.name,
        mode=draft.mode,
        secret_id=draft.secret_id,
        kms_key_id=draft.kms_key_id,
        has_tags=bool(draft.tags),
        has_resource_policy=bool(draft.resource_policy.strip()),
        replicas=tuple((r.Region, r.KmsKeyId or "") for r in draft.replicas),
    )


def default_policy_path(name: str) -> str:
    """./smtui-policy-<name>.json, the name's path separators and odd characters made safe for a file name."""
    safe = re.sub(r"[^A-Za-z0-9._+=@-]+", "-", name).strip("-.") or "secret"
    return f"./smtui-policy-{safe}.json"


def policy_text(policy: dict[str, Any]) -> str:
    return json.dumps(policy, indent=2) + "\n"


def save_policy(path: str | os.PathLike[str], policy: dict[str, Any]) -> Path:
    """Write the policy to a new file, mode 0600. An existing file (or a symlink, even a dangling one) is refused:
    FileExistsError or OSError from os.open, never an overwrite."""
    target = Path(path).expanduser()
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(target, flags, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(policy_text(policy))
    return target
