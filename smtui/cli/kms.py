"""`smtui kms create-key | list-aliases | disable-key | enable-key`: the local store's KMS-like keys.

Only the local store has keys smtui manages; on AWS use `aws kms`. Outputs have the AWS CLI's shapes:
create-key prints {"KeyMetadata": {...}}, list-aliases {"Aliases": [...]}, disable-key and enable-key print
nothing.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import Any

from smtui.cli.context import as_dict, emit, open_target, target_settings
from smtui.cli.parser import get
from smtui.errors import ParameterError


def run(command: str | None, ns: argparse.Namespace) -> int:
    settings = target_settings(ns)
    if settings.backend == "aws":
        raise ParameterError(
            "smtui kms works on the local store only (--backend local); for AWS keys use aws kms",
            field="--backend",
        )
    backend: Any = open_target(replace(settings, backend="local"))
    try:
        if command == "create-key":
            result = backend.create_key(description=get(ns, "description"), alias=get(ns, "alias"))
            data = as_dict(result)
            emit(data if "KeyMetadata" in data else {"KeyMetadata": data}, ns, "CreateKey")
        elif command == "list-aliases":
            result = backend.list_aliases()
            data = {"Aliases": [as_dict(a) for a in result]} if isinstance(result, list) else as_dict(result)
            emit(data, ns, "ListAliases")
        elif command == "disable-key":
            backend.disable_key(ns.key_id)
        elif command == "enable-key":
            backend.enable_key(ns.key_id)
        else:
            raise ParameterError(
                "smtui kms: give a command: create-key, list-aliases, disable-key or enable-key"
            )
    finally:
        backend.close()
    return 0
