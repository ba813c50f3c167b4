"""`smtui serve` is hardened as every command that reads or prints a value: it holds plaintext values in the
bodies of PutSecretValue and GetSecretValue, so it writes no core file and is not dumpable (another process of
the same user cannot ptrace it or read its memory through /proc). Found from outside: the serve command was not
marked as holding values, so its process stayed dumpable with the core limit it inherited."""

from __future__ import annotations

from pathlib import Path

from tests.serve.conftest import Served


def test_the_server_process_writes_no_core_file_and_is_not_dumpable(served: Served) -> None:
    assert served.process is not None
    pid = served.process.pid
    limits = Path(f"/proc/{pid}/limits").read_text()
    core = next(line for line in limits.splitlines() if line.startswith("Max core file size"))
    assert core.split()[4:6] == ["0", "0"], core
    # A process that is not dumpable has /proc/PID/mem and /proc/PID/environ owned by root.
    assert Path(f"/proc/{pid}/mem").stat().st_uid == 0
