"""List-of-structure options as the AWS CLI takes them: shorthand, JSON, or `file://`.

`--tags Key=env,Value=dev Key=team,Value=core`, `--tags '[{"Key":"env","Value":"dev"}]'`, `--tags
file://tags.json`; the same for `--add-replica-regions Region=eu-west-1,KmsKeyId=alias/k` and `--filters
Key=name,Values=app,db`. Shorthand follows the AWS CLI: one structure per argument, `Key=value` pairs split on
commas, values may be quoted ('...' or "...") or escaped with a backslash, a list member is `Values=a,b` or
`Values=[a,b]`. Only the shape is checked here; the rules of each member (length, characters, `aws:`) live in
`smtui.model`.
"""

from __future__ import annotations

import json
from typing import Any

from smtui.cli.bounded import read_document_file, shown_path
from smtui.errors import ParameterError

ShorthandValue = str | list[str]


def parse_structs(
    args: list[str], option: str, members: tuple[str, ...], list_members: tuple[str, ...] = ()
) -> list[dict[str, Any]]:
    """Parse the arguments of one list-of-structures option into AWS-shaped dicts."""
    if len(args) == 1 and args[0].startswith("file://"):
        text = read_text_file(args[0][len("file://") :], option).strip()
        args = [text] if text[:1] in "[{" else text.split()
    if args and args[0].lstrip()[:1] in "[{":
        items = _json(" ".join(args), option)
    else:
        items = [_struct(arg, option, list_members) for arg in args]
    for item in items:
        unknown = sorted(set(item) - set(members))
        if unknown:
            raise ParameterError(
                f"{option}: unknown member {unknown[0][:40]!r}; expected {', '.join(members)}", field=option
            )
    return items


def read_text_file(path: str, option: str) -> str:
    """A `file://` argument's contents (UTF-8, at most DOCUMENT_MAX bytes); a missing, unreadable or too
    large file is a parameter error."""
    data = read_document_file(path, option)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ParameterError(f"{option}: cannot read file {shown_path(path)}: {_why(exc)}", field=option) from None


def _why(exc: Exception) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return "not valid UTF-8 text"
    return exc.strerror or type(exc).__name__ if isinstance(exc, OSError) else type(exc).__name__


def load_json(text: str, option: str) -> Any:
    """JSON text of an option; a syntax error names the option and the place, never the text."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParameterError(
            f"{option}: invalid JSON: {exc.msg} (line {exc.lineno} column {exc.colno})", field=option
        ) from None


def _json(text: str, option: str) -> list[dict[str, Any]]:
    data = load_json(text, option)
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list) or not all(isinstance(x, dict) for x in data):
        raise ParameterError(f"{option}: expected a JSON list of objects", field=option)
    return data


def _struct(text: str, option: str, list_members: tuple[str, ...]) -> dict[str, Any]:
    """One shorthand structure: `Key=a,Value=b`, `Key=a,Values=x,y`, `Key=a,Values=[x,y]`."""
    parser = _Scanner(text, option)
    out: dict[str, Any] = {}
    while not parser.done():
        key = parser.key()
        if key in out:
            raise ParameterError(f"{option}: member {key[:40]!r} given twice in one structure", field=option)
        if parser.peek() == "[":
            out[key] = parser.bracket_list()
        else:
            values = [parser.value()]
            while parser.peek() == "," and not parser.next_is_key():
                parser.advance()
                values.append(parser.value())
            out[key] = values if key in list_members else _single(values, key, option)
        if not parser.done():
            parser.expect(",")
    return out


def _single(values: list[str], key: str, option: str) -> str:
    if len(values) > 1:
        raise ParameterError(f"{option}: {key} takes one value; quote it if it contains a comma", field=option)
    return values[0]


class _Scanner:
    def __init__(self, text: str, option: str) -> None:
        self.text, self.pos, self.option = text, 0, option

    def done(self) -> bool:
        return self.pos >= len(self.text)

    def peek(self) -> str:
        return self.text[self.pos] if not self.done() else ""

    def advance(self) -> None:
        self.pos += 1

    def expect(self, char: str) -> None:
        if self.peek() != char:
            raise self._error(f"expected {char!r}")
        self.advance()

    def _error(self, what: str) -> ParameterError:
        return ParameterError(
            f"{self.option}: shorthand syntax error at character {self.pos + 1}: {what} (expected Key=value,Key=value)",
            field=self.option,
        )

    def key(self) -> str:
        end = self.text.find("=", self.pos)
        if end <= self.pos:
            raise self._error("expected a member name followed by '='")
        key = self.text[self.pos : end].strip()
        if not key.replace("_", "").isalnum():
            raise self._error(f"invalid member name {key[:40]!r}")
        self.pos = end + 1
        return key

    def next_is_key(self) -> bool:
        """After a comma: does `Name=` follow (a new member) rather than another list value?"""
        rest = self.text[self.pos + 1 :]
        head = rest.split(",", 1)[0]
        name = head.split("=", 1)[0]
        return "=" in head and name.replace("_", "").isalnum() and name[:1] not in "'\""

    def value(self, stops: str = ",") -> str:
        char = self.peek()
        if char in ("'", '"'):
            end = self.text.find(char, self.pos + 1)
            if end < 0:
                raise self._error("unterminated quote")
            value = self.text[self.pos + 1 : end]
            self.pos = end + 1
            return value
        chars: list[str] = []
        while not self.done() and self.peek() not in stops:
            if self.peek() == "\\" and self.pos + 1 < len(self.text):
                self.advance()
            chars.append(self.peek())
            self.advance()
        return "".join(chars)

    def bracket_list(self) -> list[str]:
        self.expect("[")
        values: list[str] = []
        while self.peek() != "]":
            if self.done():
                raise self._error("unterminated '['")
            values.append(self.value(",]"))
            if self.peek() == ",":
                self.advance()
        self.advance()
        return values
