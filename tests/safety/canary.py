"""Leak-canary helpers: a unique marker per entry path, its encoded forms, and the sinks it must never reach.

A marker is searched for in every form a leak would take: the raw UTF-8 bytes, the JSON-escaped form (what a
JSON log or response would hold), hex, and base64 at all three byte alignments (a marker inside a longer value
is base64-encoded starting at any offset modulo 3, so the stable middle of each alignment is searched).
"""

from __future__ import annotations

import base64
import json
import secrets
import subprocess
import sys
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


def short_marker() -> str:
    """A short marker (18 characters) for paths that type it key by key."""
    return f"Zq{secrets.token_hex(8)}"


def encoded_forms(marker: str | bytes) -> dict[str, bytes]:
    """Every byte string whose presence in a sink counts as a leak."""
    raw = marker if isinstance(marker, bytes) else marker.encode()
    forms: dict[str, bytes] = {"raw": raw, "hex": raw.hex().encode()}
    if isinstance(marker, str):
        forms["json"] = json.dumps(marker, ensure_ascii=False)[1:-1].encode()
        forms["json-ascii"] = json.dumps(marker)[1:-1].encode()
        core = marker.split("-")[3] if marker.startswith("SMTUI-CANARY-") else marker[2:]
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


_SCANNER = r"""
import json, os, select, sys
forms = [bytes.fromhex(h) for h in json.loads(sys.stdin.readline())]
interval = float(sys.argv[1])
hits, scans = {}, 0
def scan():
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        for name in ("cmdline", "environ"):
            try:
                with open(f"/proc/{pid}/{name}", "rb") as fh:
                    data = fh.read()
            except OSError:
                continue
            n = sum(data.count(f) for f in forms)
            if n:
                key = f"/proc/{pid}/{name}"
                hits[key] = max(hits.get(key, 0), n)
print("ready", flush=True)
while True:
    scan()
    scans += 1
    if select.select([sys.stdin], [], [], interval)[0]:
        sys.stdin.readline()
        scan()
        scans += 1
        break
print(json.dumps({"hits": hits, "scans": scans}), flush=True)
"""


@dataclass
class ProcScanner:
    """Scans every process's /proc/PID/cmdline and /proc/PID/environ while smtui runs.

    The scan runs in its own process (a thread would compete for the GIL with the moto server that runs
    inside the test process). The forms reach it through a pipe, never its argv or environment, and the test
    runner never holds a marker in its own argv or environment, so any hit is a leak.
    """

    forms: dict[str, bytes]
    interval: float = 0.005
    hits: dict[str, int] = field(default_factory=dict)
    scans: int = 0
    _proc: subprocess.Popen[str] | None = None

    def __enter__(self) -> ProcScanner:
        self._proc = subprocess.Popen(
            [sys.executable, "-c", _SCANNER, str(self.interval)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._proc.stdin is not None and self._proc.stdout is not None
        self._proc.stdin.write(json.dumps([f.hex() for f in self.forms.values() if f]) + "\n")
        self._proc.stdin.flush()
        assert self._proc.stdout.readline().strip() == "ready"
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._proc is not None
        out, _ = self._proc.communicate("stop\n", timeout=30)
        got = json.loads(out)
        self.hits, self.scans = got["hits"], got["scans"]

    @property
    def total(self) -> int:
        return sum(self.hits.values())
