"""Text from outside (a description, a tag, a value, a KMS key's description) must never drive a terminal.

A description holding ESC ] 52 ; c ; … sets the clipboard of whoever lists secrets; ESC [ 2 J clears their
screen; U+009B is the one-character CSI some terminals honour. The AWS CLI prints such text raw. smtui:
- command-line output on a terminal: every control character (Unicode category Cc: C0, DEL, C1) in the
  data is written as a visible escape — `\\x1b` in text and table output, `\\u001b` in JSON (still valid JSON
  for the same data); YAML already escapes them. Output that is not a terminal (a file, a pipe) keeps the
  exact bytes: scripts get what the service holds.
- the wizard: `smtui.widgets.control_filter.ControlCharFilter` drops control characters from every line
  Textual draws (Rich counts them as zero cells, so the layout does not move); Textual's own control
  sequences are separate segments and pass untouched.

Pure Python (no Textual, no Rich): the headless output path imports it.
"""

from __future__ import annotations

import re
from typing import Any

CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_BUT_NEWLINE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")  # json.dumps's own line breaks stay


def visible_escape(text: str) -> str:
    """`text` with every control character written as `\\xNN` (text and table output on a terminal)."""
    return CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def json_escape_controls(text: str) -> str:
    """JSON output with DEL and C1 written as `\\u00NN` too (json.dumps escapes only C0 with ensure_ascii off).

    Only ever applied to json.dumps output, where a raw control character can only be inside a string, so
    the document still parses to the same data.
    """
    return _CONTROL_BUT_NEWLINE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def escape_data(data: Any) -> Any:
    """A copy of JSON data with every string (keys too) passed through `visible_escape`."""
    if isinstance(data, dict):
        return {visible_escape(str(k)): escape_data(v) for k, v in data.items()}
    if isinstance(data, list):
        return [escape_data(v) for v in data]
    if isinstance(data, str):
        return visible_escape(data)
    return data
