"""`smtui get-secret-value` is hardened while it holds the value: no core file, and another process of the same
user cannot read its memory or its environment.

Was: get-secret-value was dumpable with an unlimited core limit; another process of the same user read four
plaintext copies of the value from /proc/PID/mem.

How it is held still, deterministically: its standard output is a pipe shrunk to one page (F_SETPIPE_SZ)
that the test does not read, and the value is larger than a page, so the process blocks writing its output
with the value in memory; the test waits until the pipe is full (FIONREAD), which is that state. As root,
smtui and the reader both run as `nobody` (root itself may read any process); otherwise as the current user.
"""

from __future__ import annotations

import fcntl
import json
import os
import struct
import subprocess
import sys
import termios
from collections.abc import Callable
from pathlib import Path

from tests.safety.conftest import smtui_env
from tests.waiting import wait_for

MARKER = "Hrd5-held-value-marker-Wp"
F_SETPIPE_SZ = 1031
PAGE = 4096

# Run as the same user as smtui: what can it read of that process?
READER = r"""
import json, re, sys
pid, marker = sys.argv[1], sys.argv[2].encode()
seen = {}
try:
    with open(f"/proc/{pid}/environ", "rb") as f:
        f.read()
    seen["environ"] = "read"
except OSError as exc:
    seen["environ"] = type(exc).__name__
try:
    hits = 0
    with open(f"/proc/{pid}/maps") as maps, open(f"/proc/{pid}/mem", "rb", buffering=0) as mem:
        for line in maps:
            start, end, perms = *(int(x, 16) for x in line.split()[0].split("-")), line.split()[1]
            if perms[0] != "r" or end - start > 1 << 28:
                continue
            try:
                mem.seek(start)
                hits += mem.read(end - start).count(marker)
            except OSError:
                pass
    seen["mem"] = f"{hits} copies"
except OSError as exc:
    seen["mem"] = type(exc).__name__
print(json.dumps(seen))
"""


def _bytes_waiting(fd: int) -> int:
    return int(struct.unpack("i", fcntl.ioctl(fd, termios.FIONREAD, b"\0\0\0\0"))[0])


def test_get_secret_value_cannot_be_read_while_it_holds_the_value(
    other_user_dir: tuple[Path, list[str], int], record_property: Callable[[str, object], None]
) -> None:
    base, prefix, uid = other_user_dir
    store = base / "store"
    store.mkdir(mode=0o700)
    os.chown(store, uid, uid)
    value = store / "value.txt"
    value.write_text(MARKER + "x" * (2 * PAGE))
    os.chown(value, uid, uid)
    target = ["--backend", "local", "--store", str(store / "s.db"), "--key-file", str(store / "k")]
    smtui = [*prefix, sys.executable, "-m", "smtui"]
    created = subprocess.run(
        [*smtui, "create-secret", *target, "--name", "held", "--secret-string", f"file://{value}"],
        capture_output=True,
        env=smtui_env(),
        timeout=60,
        check=False,
    )
    assert created.returncode == 0, created.stderr
    value.unlink()

    read_end, write_end = os.pipe()
    fcntl.fcntl(write_end, F_SETPIPE_SZ, PAGE)
    proc = subprocess.Popen(
        [*smtui, "get-secret-value", *target, "--secret-id", "held"],
        stdout=write_end,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=smtui_env(),
    )
    os.close(write_end)
    try:
        # full: smtui holds the value and waits to write the rest
        wait_for(lambda: _bytes_waiting(read_end) >= PAGE, "smtui to block on its output", process=proc)
        limits = Path(f"/proc/{proc.pid}/limits").read_text()
        core = next(line for line in limits.splitlines() if line.startswith("Max core file size"))
        reader = subprocess.run(
            [*prefix, sys.executable, "-c", READER, str(proc.pid), MARKER],
            capture_output=True,
            text=True,
            env=smtui_env(),
            timeout=60,
            check=True,
        )
        seen = json.loads(reader.stdout)
    finally:
        with os.fdopen(read_end, "rb") as out:
            output = out.read()
        _out, err = proc.communicate(timeout=60)
    record_property("safety-figure", f"get-secret-value holding the value, seen by the same user: {seen}; {core}")
    assert proc.returncode == 0, err
    assert json.loads(output)["SecretString"].startswith(MARKER)  # it really held the value
    assert seen == {"environ": "PermissionError", "mem": "PermissionError"}, seen
    assert core.split()[4:6] == ["0", "0"], core
