"""A second OS user racing smtui: another local user must be able to take nothing.

Why a real user: file modes, sticky bits, symlink rules and ownership checks are enforced by the kernel only
between different uids; a test that plays both parts as one user proves nothing about them. As root, the session
creates (once, idempotently, under a file lock because pytest-xdist workers start together) the system user
`smtui-adv` with useradd, and runs its commands with setpriv (real and effective uid/gid of smtui-adv, no
supplementary groups, a minimal environment). The user is left in place afterwards: another worker may still be
using it, and it has no home, no password and no login shell. Not root: every adversary test is skipped, with
that reason.

The adversary's commands are POSIX shell one-liners (ln, rm, mv, mkdir): /bin/sh is reachable by any user, the
project's virtual environment may not be.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ADVERSARY = "smtui-adv"
_LOCK = Path(tempfile.gettempdir()) / "smtui-adv-useradd.lock"
_ENV = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL": "C", "HOME": "/nonexistent"}


@dataclass(frozen=True)
class Adversary:
    """The second OS user: run shell commands as them, once or as a background loop."""

    name: str
    uid: int
    gid: int

    def _argv(self, script: str) -> list[str]:
        return [
            "setpriv",
            f"--reuid={self.uid}",
            f"--regid={self.gid}",
            "--clear-groups",
            "--",
            "/bin/sh",
            "-c",
            script,
        ]

    def run(self, script: str, *, timeout: float = 30) -> subprocess.CompletedProcess[str]:
        """Run `script` as the adversary and wait; the caller looks at returncode (a refusal is data)."""
        return subprocess.run(
            self._argv(script), capture_output=True, text=True, env=_ENV, timeout=timeout, check=False, cwd="/"
        )

    @contextlib.contextmanager
    def loop(self, script: str) -> Iterator[subprocess.Popen[str]]:
        """`script` run again and again as the adversary while the body runs (a race), then stopped and reaped.
        Tests never wait on the loop's timing: they assert what must hold however the race went."""
        proc = subprocess.Popen(
            self._argv(f"while :; do {script}; done"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=_ENV,
            cwd="/",
            text=True,
        )
        try:
            yield proc
        finally:
            proc.kill()
            proc.wait(timeout=30)


def _ensure_user() -> pwd.struct_passwd:
    with open(_LOCK, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            return pwd.getpwnam(ADVERSARY)
        except KeyError:
            pass
        done = subprocess.run(
            [
                "useradd",
                "--system",
                "--user-group",
                "--no-create-home",
                "--home-dir",
                "/nonexistent",
                "--shell",
                "/usr/sbin/nologin",
                ADVERSARY,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        try:
            return pwd.getpwnam(ADVERSARY)
        except KeyError:
            pytest.skip(f"useradd {ADVERSARY} failed: {done.stderr.strip()}")


@pytest.fixture(scope="session")
def adversary() -> Adversary:
    if os.geteuid() != 0:
        pytest.skip(
            "adversary tests create a second OS user (smtui-adv) with useradd and run as it with "
            "setpriv: they need root (make test as root, as in CI)"
        )
    for tool in ("useradd", "setpriv"):
        if shutil.which(tool) is None:
            pytest.skip(f"adversary tests need {tool} (Debian: passwd, util-linux)")
    entry = _ensure_user()
    return Adversary(ADVERSARY, entry.pw_uid, entry.pw_gid)


@pytest.fixture
def arena(adversary: Adversary) -> Iterator[Path]:
    """A folder both users can reach (outside pytest's 0700 base folder), root's and 0755; removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="smtui-adv-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def loot(arena: Path, adversary: Adversary) -> Path:
    """A folder of the adversary's where their symlinks point: whatever lands here, they can read."""
    folder = arena / "loot"
    folder.mkdir()
    os.chown(folder, adversary.uid, adversary.gid)
    folder.chmod(0o777)
    return folder
