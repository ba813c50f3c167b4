"""`--cli-input-yaml` documents: YAML's safe subset, without anchors and aliases.

Why no aliases: an alias repeats a node where it is named, and nested aliases multiply ("billion laughs"):
a 276-byte document once made `list-secrets` use 2.4 GB of memory for 15 s and print a 226 MB error. A
request document has no use for them (the AWS CLI's skeleton has none), so the loader refuses the first
anchor (`&name`) or alias (`*name`) before anything is built; bounding the expansion instead would still let a
small document cost a large part of the limit. Errors name the line and column, never the text: a document
may hold the secret value. A document nested so deeply that the parser recurses too far is refused too.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.events import AliasEvent, NodeEvent
from yaml.nodes import Node

from smtui.errors import ParameterError


class _Refused(yaml.YAMLError):
    """An anchor or an alias: refused before anything is built."""

    def __init__(self, line: int, column: int) -> None:
        super().__init__("anchor or alias")
        self.line, self.column = line, column


class NoAliasSafeLoader(yaml.SafeLoader):
    """PyYAML's SafeLoader whose composer refuses anchors and aliases (the pure-Python loader: the C one's
    composer cannot be overridden)."""

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, AliasEvent) or (isinstance(event, NodeEvent) and event.anchor is not None):
            mark = event.start_mark
            raise _Refused(mark.line + 1 if mark else 0, mark.column + 1 if mark else 0)
        node: Node | None = super().compose_node(parent, index)
        return node


def load_yaml(text: str, option: str) -> Any:
    """Parse one YAML document; every error is a short ParameterError that never quotes the document."""
    loader: NoAliasSafeLoader | None = None
    try:
        loader = NoAliasSafeLoader(text)  # the reader checks the characters here already
        return loader.get_single_data()
    except _Refused as exc:
        raise ParameterError(
            f"{option}: YAML anchors and aliases (&name, *name) are not accepted (line {exc.line} column "
            f"{exc.column}): write each value out where it is used",
            field=option,
        ) from None
    except yaml.YAMLError as exc:  # its text can quote the document, so only its kind and place are shown
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1} column {mark.column + 1}" if mark is not None else ""
        raise ParameterError(f"{option}: invalid YAML ({type(exc).__name__}{where})", field=option) from None
    except RecursionError:
        raise ParameterError(f"{option}: the YAML document is nested too deeply", field=option) from None
    finally:
        if loader is not None:
            loader.dispose()
