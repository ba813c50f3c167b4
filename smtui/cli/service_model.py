"""botocore's Secrets Manager service model, read as data: the operations' input and output shapes, and the
skeletons `--generate-cli-skeleton` prints for them.

Why not `botocore.session`: importing botocore and building its model costs ~0.2 s, and the local store's
commands never import botocore (tests/cli/test_cli_units.py); the model is a JSON file inside the botocore
package, found without importing it. The skeletons follow `botocore.utils.ArgumentGenerator` step by step (the
AWS CLI's `--generate-cli-skeleton` calls it), except that an enum string is its first member where the
generator picks one at random: the output is deterministic. tests/cli/test_cli_skeletons.py compares both for
every command.
"""

from __future__ import annotations

import functools
import gzip
import importlib.util
import json
from datetime import datetime
from pathlib import Path
from typing import Any

SERVICE = "secretsmanager"


@functools.cache
def service_model() -> dict[str, Any]:
    """The newest API version of the service model in the installed botocore (plain JSON)."""
    spec = importlib.util.find_spec("botocore")  # a top-level package: found, not imported
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("botocore is not installed (smtui depends on it)")
    service_dir = Path(next(iter(spec.submodule_search_locations))) / "data" / SERVICE
    newest = max(p for p in service_dir.iterdir() if p.is_dir())
    plain, packed = newest / "service-2.json", newest / "service-2.json.gz"
    raw = plain.read_bytes() if plain.exists() else gzip.decompress(packed.read_bytes())
    model: dict[str, Any] = json.loads(raw)
    return model


def operation_shape(operation: str, direction: str) -> str | None:
    """The shape name of an operation's `input` or `output` (None: the operation has none)."""
    ref = service_model()["operations"][operation].get(direction)
    return None if ref is None else str(ref["shape"])


def input_members(operation: str) -> tuple[str, ...]:
    """The operation's request members, in the model's order."""
    shape = operation_shape(operation, "input")
    return () if shape is None else tuple(service_model()["shapes"][shape].get("members", {}))


def skeleton(operation: str, direction: str = "input") -> dict[str, Any]:
    """ArgumentGenerator's skeleton of the input (placeholders) or the output (member names as values)."""
    shape = operation_shape(operation, direction)
    if shape is None:
        return {}
    generated: dict[str, Any] = _generate(shape, [], "", direction == "output")
    return generated


def _generate(shape_name: str, stack: list[str], name: str, member_names: bool) -> Any:
    shape = service_model()["shapes"][shape_name]
    kind = shape["type"]
    stack.append(shape_name)
    try:
        if kind == "structure":
            if stack.count(shape_name) > 1:
                return {}
            return {
                member: _generate(ref["shape"], stack, member, member_names)
                for member, ref in shape.get("members", {}).items()
            }
        if kind == "list":
            element = shape["member"]["shape"]
            return [_generate(element, stack, element if member_names else "", member_names)]
        if kind == "map":
            return {"KeyName": _generate(shape["value"]["shape"], stack, "", member_names)}
        if kind == "string":
            if member_names:
                return name
            enum = shape.get("enum")
            return enum[0] if enum else ""
        if kind in ("integer", "long"):
            return 0
        if kind in ("float", "double"):
            return 0.0
        if kind == "boolean":
            return True
        if kind == "timestamp":
            return datetime(1970, 1, 1, 0, 0, 0)
        return None  # blob: ArgumentGenerator gives nothing
    finally:
        stack.pop()
