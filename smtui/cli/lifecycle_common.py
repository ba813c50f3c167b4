"""What the commands after create-secret share: refusing bad input before anything is sent, and one call to the
backend with the connection closed afterwards.

Why the checks run in the command line and not only in the backend: the AWS CLI's botocore refuses a malformed
request before sending it (exit 252, naming the member and the rule), whichever service is behind it; smtui does
the same with the model's rule functions (smtui.model.rules, version_rules, tag_ops), so the local store and the
aws backend get the same answer for the same mistake and nobody is asked for a value first.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from smtui.errors import Issue, ParameterError

if TYPE_CHECKING:
    from smtui.backends.base import Backend
    from smtui.cli.command import Context

T = TypeVar("T")


def refuse(issues: Sequence[Issue]) -> None:
    """Raise the model's issues as one parameter error (252), if any is an error; warnings do not block."""
    errors = [i for i in issues if i.severity == "error"]
    if errors:
        raise ParameterError.from_issues(errors)


def texts(values: Any, member: str) -> list[str]:
    """A list member whose entries must be text (a document can hold a number or a YAML date there)."""
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ParameterError(f"{member} must be a list of text values (quote a number or a date).", field=member)
    return list(values)


def at_least_one(values: Sequence[object], member: str, what: str) -> list[Issue]:
    """A list the service model gives a minimum of 1 (botocore refuses an empty one before sending)."""
    if values:
        return []
    return [Issue(member, f"{member} must list at least one {what} (minimum 1).")]


def structures(items: Sequence[Mapping[str, Any]], member: str, keys: tuple[str, ...]) -> list[tuple[Any, ...]]:
    """A list of structures (`--tags`, `--add-replica-regions`) as tuples of its members' values in `keys` order,
    each text or absent (None): a JSON list on the command line can hold a number where text belongs."""
    rows = []
    for n, item in enumerate(items):
        row = tuple(item.get(key) for key in keys)
        if not all(v is None or isinstance(v, str) for v in row):
            raise ParameterError(f"{member}[{n}]: {' and '.join(keys)} must be text.", field=f"{member}[{n}]")
        rows.append(row)
    return rows


def text_list_option(flag: str, member: str, metavar: str, help_text: str, *, required: bool = False) -> Any:
    """A list of text values (`--tag-keys k1 k2`, `--remove-replica-regions r1 r2`), one per argument."""
    from smtui.cli.spec import option

    return option(flag, member=member, kind=list, required=required, nargs="+", metavar=metavar, help=help_text)


def call(context: Context, operation: Callable[[Backend], T]) -> T:
    """One backend operation on the target the global options name; the backend is closed afterwards."""
    backend = context.open_backend()
    try:
        return operation(backend)
    finally:
        backend.close()


def change(context: Context, operation: Callable[[Backend], Any]) -> int:
    """A command that changes something: one call, its result printed (or, when it cannot be, said on stderr)."""
    from smtui.cli.context import as_dict

    return context.emit_change(as_dict(call(context, operation)))


def show(context: Context, operation: Callable[[Backend], Any]) -> int:
    """A command that reads: one call, its result printed."""
    from smtui.cli.context import as_dict

    context.emit(as_dict(call(context, operation)))
    return 0
