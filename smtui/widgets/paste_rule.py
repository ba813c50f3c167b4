"""The one rule for a pasted value's line breaks, shared by every paste path (wizard and command line).

Terminals (xterm, GNOME Terminal, iTerm2, tmux) send the line breaks of a bracketed paste as CR, whatever the
copied text held: stored as they arrive, a pasted PEM key has bare CRs and `openssl` refuses it. So in a paste
CR LF and a lone CR each become one LF; LF stays LF. Nothing else in a paste is changed (tabs, a BOM, control
characters and a final line break are kept, for the hygiene warnings to point out). Pure Python, no Textual:
the command line's masked prompt uses the same rule.
"""

from __future__ import annotations

RULE_TEXT = "Pasted line breaks are stored as LF: a CR or CR LF from the terminal becomes one LF."


def paste_line_breaks(text: str) -> tuple[str, int]:
    """`text` with CR LF and lone CR turned into LF, and how many line breaks were changed."""
    changed = text.count("\r")
    if not changed:
        return text, 0
    return text.replace("\r\n", "\n").replace("\r", "\n"), changed
