"""Leak-canary helpers: a unique marker per entry path, its encoded forms, and the sinks it must never reach.

A marker is searched for in every form a leak would take: the raw UTF-8 bytes, the JSON-escaped form (what a
JSON log or response would hold), hex, and base64 at all three byte alignments (a marker inside a longer value
is base64-encoded starting at any offset modulo 3, so the stable middle of each alignment is searched).
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


def new_marker(label: str) -> str:
    """A marker no file on this machine holds by chance; includes a quote and a backslash so the JSON-escaped
    form differs from the raw one, and a non-ASCII letter so UTF-8 and escapes are exercised."""
    return f'SMTUI-CANARY-{label}-{secrets.token_hex(8)}-q"b\\é'


def simple_marker(label: str) -> str:
    """A marker of shell- and terminal-safe characters, for entry paths that type it (pty, pilot)."""
    return f"SMTUI-CANARY-{label}-{secrets.token_hex(8)}"


def encoded_forms(marker: str | bytes) -> dict[str, bytes]:
    """Every byte string whose presence in a sink counts as a leak."""
    raw = marker if isinstance(marker, bytes) else marker.encode()
    forms: dict[str, bytes] = {"raw": raw, "hex": raw.hex().encode()}
    if isinstance(marker, str):
        forms["json"] = json.dumps(marker, ensure_ascii=False)[1:-1].encode()
        forms["json-ascii"] = json.dumps(marker)[1:-1].encode()
        core = marker.split("-")[3] if marker.startswith("SMTUI-CANARY-") else ""
        if len(core) == 16:  # the random part alone catches a truncated or partly masked leak
            forms["core"] = core.encode()
    for offset in range(3):
        enc = base64.b64encode(b"\0" * offset + raw)
        # drop the characters that mix the prefix bytes in, and the last 4 that depend on padding/what follows
        start = (offset * 8 + 5) // 6 + (1 if offset else 0)
        forms[f"base64+{offset}"] = enc[start:-4]
    return forms


def count_hits(data: bytes, forms: dict[str, bytes]) -> int:
    return sum(data.count(f) for f in forms.values() if f)


def scan_files(paths: Iterable[Path], forms: dict[str, bytes]) -> dict[str, int]:
    """Hits per file (only files with hits are listed)."""
    hits: dict[str, int] = {}
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        n = count_hits(data, forms)
        if n:
            hits[str(path)] = n
    return hits


def store_files(folder: Path) -> list[Path]:
    """The local store's files: the database and its -wal / -shm (whatever exists), key file excluded."""
    return [p for p in folder.rglob("*") if p.is_file() and not p.name.endswith(".key")]


@dataclass
class ProcScanner:
    """Scans every process's /proc/PID/cmdline and /proc/PID/environ in a background thread while smtui runs.

    The test runner itself never holds a marker in its argv or environment, so any hit is a leak.
    """

    forms: dict[str, bytes]
    interval: float = 0.01
    hits: dict[str, int] = field(default_factory=dict)
    scans: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def __enter__(self) -> ProcScanner:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        self.scan_once()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.scan_once()
            self._stop.wait(self.interval)

    def scan_once(self) -> None:
        for pid in os.listdir("/proc"):
            if not pid.isdigit():
                continue
            for name in ("cmdline", "environ"):
                try:
                    with open(f"/proc/{pid}/{name}", "rb") as fh:
                        data = fh.read()
                except OSError:
                    continue
                n = count_hits(data, self.forms)
                if n:
                    key = f"/proc/{pid}/{name}"
                    self.hits[key] = max(self.hits.get(key, 0), n)
        self.scans += 1

    @property
    def total(self) -> int:
        return sum(self.hits.values())
