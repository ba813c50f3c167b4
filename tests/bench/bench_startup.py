"""Benchmark (d): time to the first frame of the `smtui` wizard versus a bare Textual app, in one run.

Run from the project root: `.venv/bin/python -m tests.bench.bench_startup [--runs N]`. Not collected by pytest.
The measure (docs/performance.md, (d); target ≤ 1.10): the first frame of
`smtui --backend local --store S --key-file K` in a pseudo-terminal of 80x24, against a bare Textual app with a
Label and a password Input, as the median of the pairwise ratios over N ≥ 15 interleaved runs. Plain `smtui` (as
a person types it, the same target from SMTUI_* variables: no command-line parser) is measured in the same
rounds and reported beside it.

Method: each program runs in a real pseudo-terminal (80x24), started from a fresh process; the clock runs from
just before the spawn until a text that only the first frame contains has been written to the terminal
("1/8 · Target" for smtui, the Label's text for the bare app). The process is then killed. One round runs each
program once, the order rotating from round to round, so drift in the machine's load hits all of them alike;
the ratio of a round is smtui's time over the bare app's in that round, and the figure is the median of the
rounds' ratios (quartiles and extremes printed as the spread). Two warm-up rounds fill the page cache and the .pyc
files first. smtui runs on a local store with a key file (no keyring, no network): boto3, keyring and SQLite are
opened after the first frame by design, so they do not count, and must not.

The smtui measured is the tree this file is in (PYTHONPATH), run by the `smtui` script next to the interpreter
running the benchmark. `--against DIR` adds, in the same rounds, this tree and another checkout (say
`git worktree add /tmp/old COMMIT`) both started as `python -m smtui` from a neutral folder, each with its own
PYTHONPATH: an A/B of two trees on the same machine at the same moment, the fairest comparison when the machine's
own speed drifts (docs/performance.md, (d)).
"""

from __future__ import annotations

import argparse
import fcntl
import os
import platform
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
BIN = Path(sys.executable).parent
TARGET = 1.10

BARE_APP = """
from textual.app import App
from textual.widgets import Input, Label


class Bare(App):
    def compose(self):
        yield Label("bare-textual-ready")
        yield Input(password=True)


Bare().run()
"""


def cpu_seconds(pid: int) -> float:
    """CPU time the process's threads have used so far: the scheduler's nanosecond count of each thread
    (/proc/PID/task/*/schedstat), else user + system clock ticks (10 ms steps); 0 off Linux."""
    try:
        return (
            sum(int((task / "schedstat").read_text().split()[0]) for task in Path(f"/proc/{pid}/task").iterdir()) / 1e9
        )
    except (OSError, ValueError, IndexError):
        pass
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
    if pid == 0:  # child, in a neutral folder: `python -m` puts the working folder first on sys.path
        os.chdir(env.get("HOME", "/"))
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


def spread(values: list[float]) -> str:
    """Median, quartiles and extremes of a list of ratios, as one line."""
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return f"median {median:.3f} (quartiles {q1:.3f} to {q3:.3f}, min {min(values):.3f}, max {max(values):.3f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="interleaved rounds (at least 15)")
    parser.add_argument("--against", type=Path, help="another smtui checkout to measure in the same rounds")
    args = parser.parse_args()
    if args.runs < 15:
        parser.error("--runs: the measure is the median over at least 15 rounds")
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "bare_app.py"
        bare.write_text(BARE_APP)
        env = {
            "PATH": f"{BIN}:/usr/bin:/bin",
            "HOME": tmp,
            "TERM": "xterm-256color",
            "COLORTERM": "truecolor",
            "LANG": "C.UTF-8",
            "PYTHONPATH": str(ROOT),  # both programs get it: the same sys.path length to search
            "AWS_CONFIG_FILE": f"{tmp}/none",
            "AWS_SHARED_CREDENTIALS_FILE": f"{tmp}/none",
        }
        smtui = str(BIN / "smtui")
        options_argv = [smtui, "--backend", "local", "--store", f"{tmp}/store.db", "--key-file", f"{tmp}/k"]
        plain_env = {**env, "SMTUI_BACKEND": "local", "SMTUI_STORE": f"{tmp}/store.db", "SMTUI_KEY_FILE": f"{tmp}/k"}
        ready = "1/8 · Target".encode()
        programs = {
            "bare": ([sys.executable, str(bare)], b"bare-textual-ready", env),
            "smtui+options": (options_argv, ready, env),
            "smtui (plain)": ([smtui], ready, plain_env),
        }
        if args.against is not None:  # both trees alike: `python -m smtui`, their own PYTHONPATH, any step count
            module_argv = [sys.executable, "-m", "smtui", *options_argv[1:]]
            programs["this tree -m"] = (module_argv, " · Target".encode(), env)
            programs["--against -m"] = (module_argv, " · Target".encode(), {**env, "PYTHONPATH": str(args.against)})
        names = list(programs)
        wall: dict[str, list[float]] = {name: [] for name in names}
        cpu: dict[str, list[float]] = {name: [] for name in names}
        for _ in range(2):  # warm-up
            for argv, text, run_env in programs.values():
                first_frame_seconds(argv, text, run_env)
        for run in range(args.runs):
            for name in names[run % len(names) :] + names[: run % len(names)]:  # rotate who goes first
                argv, text, run_env = programs[name]
                seconds, used = first_frame_seconds(argv, text, run_env)
                wall[name].append(seconds)
                cpu[name].append(used)
    print(
        f"{args.runs} interleaved rounds; {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}; load average at the end: {os.getloadavg()[0]:.2f}"
    )
    for name in names:
        print(
            f"{name:14} first frame: median {statistics.median(wall[name]) * 1000:.0f} ms "
            f"(min {min(wall[name]) * 1000:.0f}, max {max(wall[name]) * 1000:.0f}); "
            f"CPU median {statistics.median(cpu[name]) * 1000:.0f} ms"
        )
    for name in names[1:]:
        ratios = [s / b for s, b in zip(wall[name], wall["bare"], strict=True)]
        cpu_ratios = [s / b for s, b in zip(cpu[name], cpu["bare"], strict=True) if b > 0]
        ratio = statistics.median(ratios)
        print(f"{name} / bare, pairwise wall: {spread(ratios)}")
        if cpu_ratios:
            print(f"{name} / bare, pairwise CPU:  {spread(cpu_ratios)}")
        if name == "smtui+options":
            verdict = "OK" if ratio <= TARGET else "OVER"
            print(f"-> the measure (smtui+options): {ratio:.3f}, target ≤ {TARGET:.2f}: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
