"""The transcript in docs/accessibility.md is a real run: this test makes the same run and compares.

What changes from run to run (the session fingerprints, the account, the ARN's random suffix, the request token,
the store's folder) is replaced by fixed stand-ins on both sides; everything else must be the same, so the
documented prompts cannot drift from what plain mode asks. `UPDATE_PLAIN_TRANSCRIPT=1` writes the run into the
document instead (after a deliberate change of wording).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from tests.plain.session import Session, drawing_found

DOC = Path(__file__).resolve().parents[2] / "docs" / "accessibility.md"
START, END = "<!-- transcript: tests/plain/test_plain_transcript.py -->\n```text\n", "```\n"
_VARYING = (  # in this order; each stand-in is left as it is by every rule (the document is normalised too)
    (re.compile(r"\b[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}\b"), "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"),
    (re.compile(r"session fingerprint [0-9a-f]{8}"), "session fingerprint 0a1b2c3d"),
    (re.compile(r"\b\d{12}\b"), "123456789012"),
    (re.compile(r"(:secret:[\w/+=.@-]+)-[A-Za-z0-9]{6}\b"), r"\1-AbCdEf"),
)


def normalised(text: str, folder: Path) -> str:
    text = text.replace(str(folder), "~")
    for pattern, stand_in in _VARYING:
        text = pattern.sub(stand_in, text)
    return text


def documented_run(tmp_path: Path) -> str:
    """The documented run: a name refused and asked again, a typed value trimmed, a tag, Review, create."""
    with Session(tmp_path) as s:
        s.answer("Target", "")
        s.answer("Region", "")
        s.answer("Name", "prod/payments db")
        s.refused("Name", "not allowed (a space)")
        s.again("prod/payments/db-password")
        s.answer("Description", "Payments database password")
        s.answer("Value form", "")
        s.answer("Value, hidden", "correct-horse-battery ")
        s.answer("Type it again to confirm, hidden", "correct-horse-battery ")
        s.answer("Keep or trim", "2")
        s.answer("Key", "")
        s.answer("Tag 1 key", "team")
        s.answer("Value of tag team", "payments")
        s.answer("Tag 2 key", "")
        s.answer("Replica regions", "")
        s.answer("Next", "")
        s.expect("The secret was created.")
        s.answer("Answer", "")
        assert s.finish() == 0
        assert drawing_found(s.transcript) == []
        assert b"correct-horse" not in s.transcript
        text = s.transcript.replace(b"\r\n", b"\n").replace(b"\x1b[?2004h", b"").replace(b"\x1b[?2004l", b"")
    return normalised(text.decode("utf-8"), tmp_path)


def test_the_documented_transcript_is_what_plain_mode_says(tmp_path: Path) -> None:
    run = documented_run(tmp_path)
    doc = DOC.read_text(encoding="utf-8")
    head, found, rest = doc.partition(START)
    assert found, f"{DOC} has no transcript block"
    documented, _, tail = rest.partition(END)
    if os.environ.get("UPDATE_PLAIN_TRANSCRIPT") == "1":
        DOC.write_text(head + START + run + END + tail, encoding="utf-8")
        return
    assert normalised(documented, tmp_path) == run
