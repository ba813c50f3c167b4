"""How a secret's staging labels move: one set of rules for the local store and for the wizard's preview.

Why in the model: the local store applies these moves when it writes a version, and the wizard's Review step
(put mode) shows the person, before they submit, what the same moves will do (smtui.model.put_preview). Both read
the rules from here, so the preview cannot drift from what the store does (docs/aws-behaviour.md §15.2).
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["CURRENT", "PENDING", "PREVIOUS", "Labels", "attach", "copy_labels", "holder_of", "label_new_version"]

CURRENT, PREVIOUS, PENDING = "AWSCURRENT", "AWSPREVIOUS", "AWSPENDING"
Labels = dict[str, list[str]]  # VersionId -> labels, in attach order


def holder_of(labels: Labels, label: str) -> str | None:
    """The version that carries `label` (a label sits on one version at most), None when none does."""
    return next((vid for vid, stages in labels.items() if label in stages), None)


def copy_labels(labels: Labels) -> Labels:
    """A copy whose label lists can change without touching the original's."""
    return {vid: list(stages) for vid, stages in labels.items()}


def attach(labels: Labels, label: str, target: str) -> None:
    """Put `label` on `target`, taking it from the version that had it (a label sits on one version at most).
    Moving AWSCURRENT moves AWSPREVIOUS to the version AWSCURRENT left; the old AWSPREVIOUS holder loses it."""
    holder = holder_of(labels, label)
    if holder == target:
        return
    if holder is not None:
        labels[holder].remove(label)
    labels[target].append(label)
    if label == CURRENT and holder is not None:
        for stages in labels.values():
            if PREVIOUS in stages:
                stages.remove(PREVIOUS)
        labels[holder].append(PREVIOUS)


def label_new_version(labels: Labels, token: str, stages: Sequence[str] | None) -> None:
    """Add the new version `token` to `labels` with the labels it gets.

    `stages` None is the implicit move (PutSecretValue without VersionStages, UpdateSecret with a value): the
    version becomes AWSCURRENT, and AWSPENDING on the outgoing current version goes with it. A secret's first
    version is AWSCURRENT whatever the labels asked for.
    """
    outgoing = holder_of(labels, CURRENT)
    labels[token] = []
    for label in dict.fromkeys([CURRENT] if stages is None else stages):
        attach(labels, label, token)
    if outgoing is None and CURRENT not in labels[token]:  # no AWSCURRENT: the secret has no version yet
        attach(labels, CURRENT, token)
    if stages is None and outgoing is not None and PENDING in labels[outgoing]:
        labels[outgoing].remove(PENDING)
