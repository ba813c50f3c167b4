"""Fixtures of the safety suite: the fault proxy and helpers to run `smtui` for real.

The long fault runs (at least 50 kill -9, 4 x 250 load) are marked `slow`: skipped unless `--run-slow` (the
root conftest), so the default safety suite stays under a minute on two cores.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.conftest import smtui_env as smtui_env  # re-exported: the safety tests import it from here
from tests.safety.fault_proxy import FaultProxy

if TYPE_CHECKING:
    from tests.conftest import MotoServer


@pytest.fixture
def fault_proxy(moto_env: MotoServer) -> Iterator[FaultProxy]:
    """A fault proxy in front of a freshly reset moto server; starts in pass-through mode."""
    with FaultProxy(moto_env.url) as proxy:
        yield proxy


def run_smtui(
    args: list[str], *, input: bytes | None = None, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[bytes]:
    """Run `python -m smtui ARGS` as a real process (no terminal: stdin is a pipe or /dev/null)."""
    return subprocess.run(
        [sys.executable, "-m", "smtui", *args],
        input=input,
        stdin=None if input is not None else subprocess.DEVNULL,
        capture_output=True,
        env=env or smtui_env(),
        timeout=timeout,
        check=False,
    )


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    """Print the safety figures and the leak-canary matrix the tests recorded (`record_property`).

    Recorded properties travel with the test reports, so this works under pytest-xdist too."""
    figures: list[str] = []
    rows: list[dict[str, Any]] = []
    for reports in terminalreporter.stats.values():
        for report in reports:
            if getattr(report, "when", None) != "call":
                continue
            for key, value in getattr(report, "user_properties", []):
                if key == "safety-figure":
                    figures.append(str(value))
                elif key == "canary-row":
                    rows.append(json.loads(value))
    if figures:
        terminalreporter.section("safety figures")
        for line in sorted(figures):
            terminalreporter.write_line(line)
    if rows:
        terminalreporter.section("leak canary matrix (hits of the marker, its base64, hex and JSON forms)")
        for line in canary_table(rows):
            terminalreporter.write_line(line)


def canary_table(rows: list[dict[str, Any]]) -> list[str]:
    """Entry paths as rows, sinks as columns; '-' where a sink does not apply to that path."""
    sinks: list[str] = []
    for row in rows:
        for sink in row["hits"]:
            if sink not in sinks:
                sinks.append(sink)
    width = max(len(r["path"]) for r in rows)
    head = "| " + "entry path".ljust(width) + " | " + " | ".join(sinks) + " |"
    lines = [head, "|" + "-" * (width + 2) + "|" + "|".join("-" * (len(s) + 2) for s in sinks) + "|"]
    for row in sorted(rows, key=lambda r: r["path"]):
        cells = [str(row["hits"].get(s, "-")).center(len(s)) for s in sinks]
        lines.append("| " + row["path"].ljust(width) + " | " + " | ".join(cells) + " |")
    return lines


AS_NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


@pytest.fixture
def other_user_dir(tmp_path: Path) -> Iterator[tuple[Path, list[str], int]]:
    """(folder, command prefix, uid) for a process that file modes apply to.

    Root ignores file modes, so as root the process runs as `nobody` (setpriv) in a folder outside pytest's
    0700 base folder (which nobody could not even traverse); otherwise it runs as the current user."""
    if os.geteuid() != 0:
        yield tmp_path, [], os.geteuid()
        return
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="smtui-safety-"))
    folder.chmod(0o755)
    try:
        yield folder, AS_NOBODY, 65534
    finally:
        shutil.rmtree(folder, ignore_errors=True)
