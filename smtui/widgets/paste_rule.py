"""The one rule for a pasted value, shared by every paste path (wizard and command line): its line breaks, and
its size.

Line breaks: terminals (xterm, GNOME Terminal, iTerm2, tmux) send the line breaks of a bracketed paste as CR,
whatever the copied text held: stored as they arrive, a pasted PEM key has bare CRs and `openssl` refuses it.
So in a paste CR LF and a lone CR each become one LF; LF stays LF. Nothing else in a paste is changed (tabs, a
BOM, control characters and a final line break are kept, for the hygiene warnings to point out). Pure Python,
no Textual: the command line's masked prompt uses the same rule.

Size: a paste larger than a secret value's maximum (VALUE_MAX bytes in UTF-8, once its line breaks are LF) is
refused whole, before anything is copied from it: nothing is kept, the field stays as it was, and the person is
told which field and which limit (`too_large_message`). A paste a thousand times too large (64 MiB) used to
freeze the single-line field for many minutes (Textual's Input lays the whole masked line out on every change)
and left a copy the step would refuse anyway; now it is refused within milliseconds. The command line's
masked prompt keeps at most the same limit (`smtui.cli.masked`). What the widgets cannot bound: Textual's
driver assembles the whole paste text before the `Paste` event exists (its parser, in the driver's input
thread, reads the bracketed paste a character at a time into a list). That copy is Textual's and transient,
freed once the event has been handled, but not cheap: for 64 MiB about 43 s and 1.2 GB at its peak (Textual
8.2), during which keys typed after the paste wait behind it. Bounding that needs a driver of our own.
"""

from __future__ import annotations

from smtui.model.limits import VALUE_MAX

RULE_TEXT = "Pasted line breaks are stored as LF: a CR or CR LF from the terminal becomes one LF."


def paste_line_breaks(text: str) -> tuple[str, int]:
    """`text` with CR LF and lone CR turned into LF, and how many line breaks were changed."""
    changed = text.count("\r")
    if not changed:
        return text, 0
    return text.replace("\r\n", "\n").replace("\r", "\n"), changed


def pasted_value(text: str, limit: int = VALUE_MAX) -> tuple[str, int] | None:
    """A paste as it is stored (`paste_line_breaks`), or None when it holds more than `limit` UTF-8 bytes.

    Cheap on a huge paste: every character is at least one byte and the line-break rule removes only the LF of
    each CR LF, so more than `limit` characters besides those LFs is too large without copying anything; only
    a paste that passes that check (at most twice `limit` characters) is rewritten and encoded to be measured."""
    if len(text) - text.count("\r\n") > limit:
        return None
    stored, changed = paste_line_breaks(text)
    if len(stored) * 4 > limit and len(stored.encode("utf-8", "surrogatepass")) > limit:
        return None
    return stored, changed


def too_large_message(field: str = "SecretString", limit: int = VALUE_MAX) -> str:
    """What the person is told when a paste is refused for its size (it names the field and the limit)."""
    return f"{field}: the paste holds more than {limit} bytes, the most a secret value may have; nothing was kept"
