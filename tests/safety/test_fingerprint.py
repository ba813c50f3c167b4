"""Fingerprints reveal nothing offline: keyed per process, so a screenshot's digits cannot be brute-forced.

Before: `sha256:` + the first 8 hex digits of SHA-256(value); every 6-digit PIN was recovered from a
screenshot in 0.7 s by hashing the million candidates.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys

from smtui.model.value import describe_value, fingerprint

PIN = "482915"
_PRINT = "from smtui.model.value import fingerprint; import sys; sys.stdout.write(fingerprint(sys.stdin.read()))"


def _fingerprint_in_a_new_run(value: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", _PRINT], input=value.encode(), capture_output=True, check=True, timeout=60
    )
    return done.stdout.decode()


def test_fingerprint_differs_between_runs_and_is_stable_within_one() -> None:
    first, second = _fingerprint_in_a_new_run(PIN), _fingerprint_in_a_new_run(PIN)
    assert re.fullmatch(r"session fingerprint [0-9a-f]{8}", first)
    assert first != second  # 2**-32 chance of a false failure
    assert fingerprint(PIN) == fingerprint(PIN) == describe_value(PIN).fingerprint  # sameness within a run


def test_a_pin_cannot_be_recovered_from_its_fingerprint_offline() -> None:
    """The attack of the review: hash every 6-digit candidate and compare with the digits on screen."""
    shown = fingerprint(PIN).rsplit(" ", 1)[1]
    hits = [
        pin for pin in (f"{n:06d}" for n in range(1_000_000)) if hashlib.sha256(pin.encode()).hexdigest()[:8] == shown
    ]
    assert PIN not in hits
    assert "sha256" not in fingerprint(PIN)
