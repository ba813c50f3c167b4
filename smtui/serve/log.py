"""The request log of `smtui serve`: one line per request, holding nothing a client sent but the operation's name.

Why so little: a log is a file people keep, paste into issues and ship to collectors; a body, a header, a value
or a signature in it would be a leak. Each line is `<UTC time, ms> <operation> <status> <ms>ms <request id>`,
plus the error code of an error reply, plus `INSECURE` under `--insecure-any-credentials` (the warning on every
line, so no one mistakes such a server for a guarded one). The operation is cut to the service's names
(letters only, at most 64), so a crafted X-Amz-Target cannot write into the log.
"""

from __future__ import annotations

import re
import sys
import threading
import time
from typing import TextIO

from smtui.serve.wire import Reply

_NAME = re.compile(r"[^A-Za-z0-9]")
INSECURE_WARNING = (
    "smtui serve: WARNING --insecure-any-credentials: any access key and any signature are accepted; "
    "every local program can read and change this store's secrets"
)


def _stamp(now: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(now)) + f".{int(now % 1 * 1000):03d}Z"


class RequestLog:
    """Writes the request lines to a stream (stderr by default), one whole line at a time."""

    def __init__(self, stream: TextIO | None = None, *, insecure: bool = False) -> None:
        self.stream = stream
        self.insecure = insecure
        self._lock = threading.Lock()

    def _write(self, line: str) -> None:
        stream = self.stream or sys.stderr
        with self._lock:
            try:
                stream.write(line + "\n")
                stream.flush()
            except (OSError, ValueError):
                pass  # a closed or broken log must not fail the request it records

    def line(self, text: str) -> None:
        self._write(text)

    def request(self, operation: str, reply: Reply, ms: float, request_id: str) -> None:
        name = _NAME.sub("", operation)[:64] or "-"
        parts = [_stamp(time.time()), name, str(reply.status), f"{ms:.1f}ms", request_id]
        if reply.code:
            parts.append(_NAME.sub("", reply.code)[:64])
        if self.insecure:
            parts.append("INSECURE")
        self._write(" ".join(parts))

    def fault(self, kind: str, code: str | None) -> None:
        """A fault of the server: the exception's type and code only (its words may quote the request)."""
        kind, code = _NAME.sub("", kind)[:64], _NAME.sub("", code or "")[:64]
        self._write(f"{_stamp(time.time())} smtui serve: internal fault {kind} {code}".rstrip())
