"""Benchmark (a): time to the first frame of the `smtui` wizard versus a bare Textual app, in one run.

Run: `.venv/bin/python tests/bench/bench_startup.py [--runs N]`. Not collected by pytest. Measures plain `smtui`
(as a person types it; target from SMTUI_* variables) and `smtui` with options (full parser).
Prints medians and
their ratio; the target (docs/performance.md, (d)) is a ratio ≤ 1.2: the wizard's first screen is on the
terminal within 1.2x the time a bare Textual app takes to draw its first frame.

Method: each program runs in a real pseudo-terminal (80x24), started from a fresh process; the clock runs from
just before the spawn until a text that only the first frame contains has been written to the terminal
("1/7 · Target" for smtui, a fixed word for the bare app). The process is then killed. Runs are interleaved
pairwise with the order alternating, so drift in the machine's load hits both equally; two warm-up runs of each
fill the page cache and .pyc files first. smtui runs on a local store with a key file (no keyring, no network):
boto3, keyring and SQLite are opened after the first frame by design, so they do not count — and must not.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = ROOT / ".venv" / "bin" / "python"
SMTUI = ROOT / ".venv" / "bin" / "smtui"

BARE_APP = """
from textual.app import App
from textual.widgets import Footer, Static


class Bare(App):
    def compose(self):
        yield Static("bare-textual-ready")
        yield Footer()


Bare().run()
"""


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used so far (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def first_frame_seconds(
    argv: list[str], ready: bytes, env: dict[str, str], timeout: float = 30.0
) -> tuple[float, float]:
    """(wall seconds, CPU seconds) from spawn until `ready` appears on the pseudo-terminal. CPU time is steadier
    than wall time on a busy machine: other processes delay a run but do not add to its CPU time."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # child
        os.execve(argv[0], argv, env)  # noqa: S606 - a fixed program of this benchmark, no shell wanted
    try:
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        seen = b""
        while True:
            left = timeout - (time.perf_counter() - start)
            if left <= 0:
                raise TimeoutError(f"{argv[0]} drew no first frame in {timeout} s")
            readable, _, _ = select.select([fd], [], [], left)
            if not readable:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                raise RuntimeError(f"{argv[0]} exited before its first frame: {seen[-400:]!r}") from None
            seen += chunk
            if ready in seen:
                return time.perf_counter() - start, cpu_seconds(pid)
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "bare_app.py"
        bare.write_text(BARE_APP)
        env = {
            "PATH": f"{SMTUI.parent}:/usr/bin:/bin",
            "HOME": tmp,
            "TERM": "xterm-256color",
            "COLORTERM": "truecolor",
            "LANG": "C.UTF-8",
            "AWS_CONFIG_FILE": f"{tmp}/none",
            "AWS_SHARED_CREDENTIALS_FILE": f"{tmp}/none",
        }
        smtui_argv = [str(SMTUI), "--backend", "local", "--store", f"{tmp}/store.db", "--key-file", f"{tmp}/k"]
        # `smtui` exactly as a person types it (the same target from smtui's environment variables), and the same
        # with options, which goes through the full command-line parser first.
        plain_env = {**env, "SMTUI_BACKEND": "local", "SMTUI_STORE": f"{tmp}/store.db", "SMTUI_KEY_FILE": f"{tmp}/k"}
        ready = "1/7 · Target".encode()
        programs = {
            "bare": ([str(PYTHON), str(bare)], b"bare-textual-ready", env),
            "smtui": ([str(SMTUI)], ready, plain_env),
            "smtui+options": (smtui_argv, ready, env),
        }
        times: dict[str, list[float]] = {name: [] for name in programs}
        cpu: dict[str, list[float]] = {name: [] for name in programs}
        for _ in range(2):  # warm-up
            for argv, ready, run_env in programs.values():
                first_frame_seconds(argv, ready, run_env)
        names = list(programs)
        for run in range(args.runs):
            order = names[run % len(names) :] + names[: run % len(names)]  # rotate who goes first
            for name in order:
                argv, ready, run_env = programs[name]
                wall, used = first_frame_seconds(argv, ready, run_env)
                times[name].append(wall)
                cpu[name].append(used)
    print(f"runs: {args.runs} each, interleaved; load average at the end: {os.getloadavg()[0]:.2f}")
    bare_median, bare_cpu = statistics.median(times["bare"]), statistics.median(cpu["bare"])
    for name in names:
        median = statistics.median(times[name])
        print(
            f"{name:14} first frame: median {median * 1000:.0f} ms (min {min(times[name]) * 1000:.0f}, "
            f"max {max(times[name]) * 1000:.0f}); CPU {statistics.median(cpu[name]) * 1000:.0f} ms"
        )
    for name in names[1:]:
        ratio = statistics.median(times[name]) / bare_median
        cpu_ratio = statistics.median(cpu[name]) / bare_cpu
        print(
            f"ratio {name} / bare: {ratio:.2f} wall, {cpu_ratio:.2f} CPU (target ≤ 1.20) -> "
            f"{'OK' if ratio <= 1.2 else 'OVER'}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
