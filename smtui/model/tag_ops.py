"""The rules of TagResource and UntagResource (docs/aws-behaviour.md §17), on top of create's tag rules.

Why a module of its own: a TagResource request obeys the tag rules of CreateSecret (`rules.tags_issues`: lengths,
characters, the reserved `aws:` prefix, unique keys), plus two of its own: the list must not be empty, and the
secret must still hold at most 50 tags once the new ones are merged into the ones it has. The merge itself (a
key already there takes the new value and keeps its place, a new key goes last) is written here once, so the
local store and any client-side preview agree.
"""

from __future__ import annotations

from collections.abc import Sequence

from smtui.model import messages as m
from smtui.model.limits import TAG_KEY_MAX
from smtui.model.rules import RuleIssue, tag_count_issues, tag_text_issues, tags_issues

Pair = tuple[str, str]


def tag_resource_issues(tags: Sequence[Pair]) -> list[RuleIssue]:
    """A TagResource request's Tags: at least one tag, each valid, keys unique within the request."""
    if not tags:
        return [
            RuleIssue(
                field="Tags",
                message="Tags must list at least one tag (to remove tags, use untag-resource).",
                rule="Tags.length.min",
                aws_message=m.validation_errors([m.EMPTY_TAG_LIST]),
            )
        ]
    return tags_issues(list(tags))


def untag_resource_issues(keys: Sequence[str]) -> list[RuleIssue]:
    """An UntagResource request's TagKeys: each key 1-128 characters of the tag alphabet. An empty list is a
    no-op, as the service treats it."""
    issues: list[RuleIssue] = []
    for i, key in enumerate(keys):
        issues += tag_text_issues(key, f"TagKeys[{i}]", 1, TAG_KEY_MAX)
    return issues


def merged(existing: Sequence[Pair], new: Sequence[Pair]) -> list[Pair]:
    """The secret's tags after TagResource: an existing key takes the new value in its place; new keys follow."""
    values = dict(existing)
    order = [k for k, _ in existing]
    for key, value in new:
        if key not in values:
            order.append(key)
        values[key] = value
    return [(k, values[k]) for k in order]


def removed(existing: Sequence[Pair], keys: Sequence[str]) -> list[Pair]:
    """The secret's tags after UntagResource: keys not present are ignored."""
    gone = set(keys)
    return [(k, v) for k, v in existing if k not in gone]


def merged_count_issues(existing: Sequence[Pair], new: Sequence[Pair]) -> list[RuleIssue]:
    """At most 50 tags on the secret once the request is applied (the quota counts the result, not the request)."""
    return tag_count_issues(len(merged(existing, new)))
