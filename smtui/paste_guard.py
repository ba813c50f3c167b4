"""Does a paste look like a secret value? Facts about pasted text for the misplaced-paste guard.

Why: the Name field is focused just before the Value step, so a person who pastes a password "into the next
field" puts it in Name, where it would be shown in clear, sent as a DescribeSecret (which CloudTrail
records) and put in the ARN. The wizard therefore holds every paste into a field that is not a value field
until the person confirms it (smtui.widgets.guarded_input); this module only decides how strongly to warn.

Pure Python, no Textual. Like smtui.model.value, every function returns facts *about* the text (a reason, a
length), never the text or any part of it.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter

LONG_PASTE = 40  # characters: longer than most names people type, shorter than most keys and tokens
ENTROPY_MIN_LENGTH = 16  # below this, character entropy says nothing useful
ENTROPY_BITS_PER_CHAR = 3.5  # random base64/hex/password text is above this; words and paths are below
_SECRET_KEYS = re.compile(r"pass(word|wd)?|secret|token|api[-_]?key|private|credential", re.IGNORECASE)


def shannon_bits_per_char(text: str) -> float:
    """The text's character entropy (bits per character), as a rough measure of randomness."""
    if not text:
        return 0.0
    counts = Counter(text)
    total = len(text)
    return -sum(n / total * math.log2(n / total) for n in counts.values())


def _classes(text: str) -> int:
    return sum(
        (
            any(c.islower() for c in text),
            any(c.isupper() for c in text),
            any(c.isdigit() for c in text),
            any(not c.isalnum() for c in text),
        )
    )


def secret_reason(text: str) -> str | None:
    """Why `text` looks like a secret value (plain words), or None when it looks like an ordinary name.

    The reasons name a shape, never content: a PEM block, a JSON document with a password-like key, a long
    paste, random-looking text.
    """
    stripped = text.strip()
    if "-----BEGIN" in stripped:
        return "it contains a PEM block (-----BEGIN …), which is how keys and certificates are written"
    if stripped[:1] in ("{", "["):
        try:
            document = json.loads(stripped)
        except ValueError:
            document = None
        if isinstance(document, dict) and any(_SECRET_KEYS.search(str(k)) for k in document):
            return "it is a JSON document with a password, secret or token member"
        if document is not None:
            return "it is a JSON document, not a name"
    if "\n" in stripped or "\r" in stripped:
        return "it has several lines"
    if (
        len(stripped) >= ENTROPY_MIN_LENGTH
        and _classes(stripped) >= 3
        and (shannon_bits_per_char(stripped) >= ENTROPY_BITS_PER_CHAR)
    ):
        return "it looks random, as generated passwords and keys do"
    if len(stripped) >= LONG_PASTE:
        return f"it is long ({len(text)} characters)"
    return None
