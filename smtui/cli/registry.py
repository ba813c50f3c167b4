"""Every command smtui has, in the order `smtui -h` lists them: the family modules, each with its `COMMANDS`.

A new family joins with one line here; a new command joins its family's `COMMANDS` with one line
(smtui.cli.command; docs/cli.md, "How a command is built"). The modules are imported to build the parser, so
they keep their module-level imports light (the model, backends, botocore and pydantic load inside `run`).
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import Any

from smtui.cli.command import Command

FAMILIES: tuple[str, ...] = (
    "smtui.cli.create",
    "smtui.cli.companions",
    "smtui.cli.kms",
    "smtui.cli.lifecycle_versions",
    "smtui.cli.lifecycle_tags",
    "smtui.cli.lifecycle_replication",
    "smtui.cli.random_password",
    "smtui.cli.batch_get",
    "smtui.cli.lifecycle_policies",
    "smtui.cli.serve",
)


@cache
def commands() -> dict[str, Command[Any]]:
    """Command path ("describe-secret", "kms create-key") → Command, in the families' order."""
    table: dict[str, Command[Any]] = {}
    for family in FAMILIES:
        for command in importlib.import_module(family).COMMANDS:
            if command.name in table:
                raise RuntimeError(f"two commands named {command.name!r} ({family})")
            table[command.name] = command
    return table


# Command groups ("kms create-key"): the group's own help line.
GROUPS: dict[str, str] = {"kms": "The local store's KMS-like keys (local backend only)."}
