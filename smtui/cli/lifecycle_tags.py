"""`smtui tag-resource` and `smtui untag-resource`, as the AWS CLI has them: `--tags` in shorthand
(`Key=env,Value=dev Key=team,Value=core`), JSON or `file://`, `--tag-keys k1 k2`. Both answer with no members,
so they print nothing, as the AWS CLI does. The tag rules are create's (smtui.model.tag_ops)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from smtui.cli.command import Command, Context, Options, option
from smtui.cli.companions import secret_id_option
from smtui.cli.lifecycle_common import change, refuse, structures, text_list_option, texts


@dataclass(frozen=True, kw_only=True)
class TagResourceOptions(Options):
    secret_id: str = secret_id_option()
    tags: list[dict[str, Any]] = option(
        "--tags",
        member="Tags",
        required=True,
        shorthand=("Key", "Value"),
        metavar="Key=k,Value=v",
        help="Shorthand Key=k,Value=v ..., a JSON list, or file://PATH; a key the secret has takes the new value.",
    )

    def pairs(self) -> list[tuple[str, str]]:
        return [(key or "", value or "") for key, value in structures(self.tags, "Tags", ("Key", "Value"))]

    def check(self, context: Context) -> None:
        from smtui.model.tag_ops import tag_resource_issues

        refuse(tag_resource_issues(self.pairs()))


def tag_resource(options: TagResourceOptions, context: Context) -> int:
    from smtui.model import Tag

    tags = [Tag(Key=k, Value=v) for k, v in options.pairs()]
    return change(context, lambda backend: backend.tag_resource(options.secret_id, tags))


@dataclass(frozen=True, kw_only=True)
class UntagResourceOptions(Options):
    secret_id: str = secret_id_option()
    tag_keys: list[str] = text_list_option(
        "--tag-keys",
        "TagKeys",
        "KEY",
        "The keys of the tags to remove; keys the secret does not have are ignored.",
        required=True,
    )

    def check(self, context: Context) -> None:
        from smtui.model.tag_ops import untag_resource_issues

        refuse(untag_resource_issues(texts(self.tag_keys, "TagKeys")))


def untag_resource(options: UntagResourceOptions, context: Context) -> int:
    return change(context, lambda backend: backend.untag_resource(options.secret_id, list(options.tag_keys)))


COMMANDS: tuple[Command[Any], ...] = (
    Command(
        "tag-resource",
        "TagResource",
        "Add tags to a secret (or change their values).",
        TagResourceOptions,
        tag_resource,
    ),
    Command(
        "untag-resource", "UntagResource", "Remove tags from a secret by key.", UntagResourceOptions, untag_resource
    ),
)
