"""The AWS CLI's `text` output format, rewritten from awscli's text.py (Apache-2.0).

Why rewritten rather than imported: awscli is a test dependency only, and smtui's output must match byte for
byte what `aws ... --output text` prints, so scripts written for the AWS CLI keep working. The rules: scalars
of a dict in one tab-separated line (keys sorted); nested lists of dicts get their key, upper-cased, as the
first column; a list of dicts uses the union of their scalar keys as columns.
"""

from __future__ import annotations

import io
from typing import Any


def format_text(data: Any) -> str:
    out = io.StringIO()
    _text(data, out)
    return out.getvalue()


def _text(item: Any, out: io.StringIO, identifier: str | None = None, scalar_keys: list[str] | None = None) -> None:
    if isinstance(item, dict):
        _text_dict(item, out, identifier, scalar_keys)
    elif isinstance(item, list):
        _text_list(item, out, identifier)
    else:
        out.write(f"{scalar_text(item)}\n")


def _text_list(items: list[Any], out: io.StringIO, identifier: str | None) -> None:
    if not items:
        return
    if any(isinstance(el, dict) for el in items):
        keys = sorted(
            {k for el in items if isinstance(el, dict) for k, v in el.items() if not isinstance(v, dict | list)}
        )
        for el in items:
            _text(el, out, identifier, keys)
    elif any(isinstance(el, list) for el in items):
        scalars = [el for el in items if not isinstance(el, dict | list)]
        if scalars:
            _text_scalars(scalars, out, identifier)
        for el in items:
            if isinstance(el, dict | list):
                _text(el, out, identifier)
    else:
        _text_scalars(items, out, identifier)


def _text_scalars(items: list[Any], out: io.StringIO, identifier: str | None) -> None:
    if identifier is not None:
        for el in items:
            out.write(f"{identifier.upper()}\t{scalar_text(el)}\n")
    else:
        out.write("\t".join(scalar_text(el) for el in items) + "\n")


def _text_dict(item: dict[str, Any], out: io.StringIO, identifier: str | None, scalar_keys: list[str] | None) -> None:
    if scalar_keys is None:
        scalars = [scalar_text(v) for k, v in sorted(item.items()) if not isinstance(v, dict | list)]
        nested = [(k, v) for k, v in sorted(item.items()) if isinstance(v, dict | list)]
    else:
        scalars = [scalar_text(item.get(k, "")) for k in scalar_keys]
        nested = [(k, item[k]) for k in sorted(set(item) - set(scalar_keys))]
    if scalars:
        if identifier is not None:
            scalars.insert(0, identifier.upper())
        out.write("\t".join(scalars) + "\n")
    for key, value in nested:
        _text(value, out, key)


def scalar_text(value: Any) -> str:
    """str() as Python 2-era awscli prints it: True/False/None kept as Python spells them."""
    return str(value)
