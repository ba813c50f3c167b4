"""Faults of the local store: no keyring, a locked keyring, a read-only folder, a busy database, kill -9 and
signals in the middle of a create. Every case runs the real `smtui` process; afterwards the store must be
intact (PRAGMA integrity_check) and every create either wholly there and readable, or absent.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import pytest

from tests.safety.conftest import run_smtui, smtui_env
from tests.waiting import wait_for

LOCKED = "database is locked"


def _local(store: Path, key_file: Path | None) -> list[str]:
    args = ["--backend", "local", "--store", str(store)]
    return [*args, "--key-file", str(key_file)] if key_file else args


def _create_args(store: Path, key_file: Path | None, name: str, *extra: str) -> list[str]:
    return ["create-secret", *_local(store, key_file), "--name", name, "--secret-string", "-", *extra]


def _no_keyring_env() -> dict[str, str]:
    env = smtui_env()
    for var in ("DBUS_SESSION_BUS_ADDRESS", "SMTUI_KEY_FILE", "PYTHON_KEYRING_BACKEND"):
        env.pop(var, None)
    return env


def _plain(stderr: bytes, *forbidden: str) -> str:
    text = stderr.decode(errors="replace")
    assert "Traceback" not in text, text
    for word in (LOCKED, *forbidden):
        assert word not in text, text
    return text


def _reader(store: Path, key_file: Path) -> Any:
    from smtui.backends import open_backend
    from smtui.settings import TargetSettings

    return open_backend(TargetSettings(backend="local", store=store, key_file=key_file))


def _integrity_ok(store: Path) -> None:
    with sqlite3.connect(store) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _whole_or_absent(store: Path, key_file: Path, expected: dict[str, str]) -> tuple[int, int]:
    """Every name: absent (ResourceNotFoundException), or described AND readable with exactly its value."""
    from smtui.errors import ServiceError

    present = absent = 0
    backend = _reader(store, key_file)
    try:
        for name, value in expected.items():
            try:
                backend.describe_secret(name)
            except ServiceError as exc:
                assert exc.code == "ResourceNotFoundException", exc
                absent += 1
                continue
            got = backend.get_secret_value(name)
            assert got.SecretString is not None and got.SecretString.get_secret_value() == value, name
            present += 1
    finally:
        backend.close()
    return present, absent


# ---- keyring ----


def test_no_keyring_is_a_configuration_error_with_the_key_file_advice(tmp_path: Path) -> None:
    """No D-Bus session at all (a server, a container): exit 253 and the opt-in key file explained."""
    out = run_smtui(_create_args(tmp_path / "s.db", None, "kr/absent"), input=b"v", env=_no_keyring_env())
    assert out.returncode == 253, out.stderr
    text = _plain(out.stderr)
    assert "--key-file" in text and "keyring" in text.lower(), text


LOCK = """
import keyring, secretstorage
keyring.set_password("smtui-safety", "probe", "x")
collection = secretstorage.get_default_collection(secretstorage.dbus_init())
collection.lock()
assert collection.is_locked()
"""


@pytest.mark.keyring
@pytest.mark.parametrize("state", ["never-unlocked", "locked-after-use"])
def test_locked_keyring_is_a_configuration_error(tmp_path: Path, state: str) -> None:
    """A real Secret Service in a private D-Bus session (gnome-keyring), either started without being
    unlocked (a headless machine cannot show the unlock prompt) or unlocked, used, then locked again: smtui
    must stop with 253 and the key-file advice, not hang waiting for a prompt."""
    if not (_which("dbus-run-session") and _which("gnome-keyring-daemon")):
        pytest.fail("dbus-run-session and gnome-keyring-daemon are needed (make deb)")
    run = tmp_path / "run"
    run.mkdir(mode=0o700)
    env = _no_keyring_env()
    env.update(XDG_RUNTIME_DIR=str(run), XDG_DATA_HOME=str(tmp_path / "data"))
    if state == "never-unlocked":
        script = 'gnome-keyring-daemon --start --components=secrets >/dev/null 2>&1; exec "$@"'
    else:
        script = (
            'eval "$(printf pw | gnome-keyring-daemon --unlock --components=secrets)"; '
            'export GNOME_KEYRING_CONTROL; "$0" -c "$LOCK" || exit 99; exec "$@"'
        )
        env["LOCK"] = LOCK
    cmd = [
        "dbus-run-session",
        "--",
        "bash",
        "-c",
        script,
        sys.executable,
        sys.executable,
        "-m",
        "smtui",
        *_create_args(tmp_path / "s.db", None, "kr/locked"),
    ]
    out = subprocess.run(cmd, input=b"v", capture_output=True, env=env, timeout=60, check=False)
    assert out.returncode == 253, out.stderr
    text = _plain(out.stderr)
    assert "--key-file" in text, text
    assert ("Locked" in text) == (state == "locked-after-use"), text
    if state == "locked-after-use":  # a locked keyring is told apart from a missing one: the fix differs
        assert "is locked" in text and "Unlock it" in text, text


def _which(name: str) -> bool:
    from shutil import which

    return which(name) is not None


# ---- the store's folder and file ----


@pytest.mark.parametrize("existing", [True, False], ids=["existing-store", "new-store"])
def test_read_only_store_folder(other_user_dir: tuple[Path, list[str], int], existing: bool) -> None:
    base, prefix, uid = other_user_dir
    folder = base / "ro"
    folder.mkdir()
    store, key_file = folder / "store.db", base / "store.key"
    if existing:
        out = run_smtui(_create_args(store, key_file, "ro/first"), input=b"v")
        assert out.returncode == 0, out.stderr
    for path in [folder, key_file, *folder.iterdir()]:
        if path.exists():
            os.chown(path, uid, uid)
    os.chmod(folder, 0o500)
    for path in folder.iterdir():
        path.chmod(0o400)
    try:
        cmd = [*prefix, sys.executable, "-m", "smtui", *_create_args(store, key_file, "ro/second")]
        out = subprocess.run(cmd, input=b"v", capture_output=True, env=smtui_env(), timeout=60, check=False)
    finally:
        os.chmod(folder, 0o700)
    assert out.returncode == 253, out.stderr
    text = _plain(out.stderr)
    assert str(store) in text and "write" in text, text
    if existing:  # the first secret is still there and readable (by its owner)
        for path in [folder, key_file, *folder.iterdir()]:
            os.chown(path, os.geteuid(), os.getegid())
        assert _whole_or_absent(store, key_file, {"ro/first": "v"}) == (1, 0)


# ---- a database held by another process ----

HOLDER = """
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
db.execute("UPDATE meta SET value = value WHERE key = 'store_id'")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
db.execute("COMMIT")
"""


def _hold(store: Path, seconds: float) -> subprocess.Popen[str]:
    """Another process holding the store's write lock for `seconds`."""
    return subprocess.Popen([sys.executable, "-c", HOLDER, str(store), str(seconds)], stdout=subprocess.PIPE, text=True)


def test_database_locked_by_another_process_waits_then_succeeds(tmp_path: Path) -> None:
    store, key_file = tmp_path / "s.db", tmp_path / "s.key"
    assert run_smtui(_create_args(store, key_file, "busy/first"), input=b"v").returncode == 0
    holder = _hold(store, 2.0)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        start = time.monotonic()
        out = run_smtui(_create_args(store, key_file, "busy/second"), input=b"busy-value")
        waited = time.monotonic() - start
    finally:
        holder.wait(timeout=30)
    assert out.returncode == 0, out.stderr
    _plain(out.stderr)
    assert waited > 1.0, "the create should have waited for the other writer"
    assert _whole_or_absent(store, key_file, {"busy/second": "busy-value"}) == (1, 0)
    _integrity_ok(store)


def test_database_busy_past_the_timeout_is_a_plain_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When the other writer never lets go, the person gets plain words, not SQLite's "database is locked"."""
    from smtui.backends.local import store as store_mod
    from smtui.errors import SmtuiError
    from smtui.model import build_request

    store, key_file = tmp_path / "s.db", tmp_path / "s.key"
    _reader(store, key_file).close()
    monkeypatch.setattr(store_mod, "BUSY_TIMEOUT_S", 0.3)
    backend = _reader(store, key_file)
    holder = _hold(store, 3.0)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(SmtuiError) as err:
            backend.create_secret(
                build_request({"Name": "busy/never", "SecretString": "v", "ClientRequestToken": str(uuid.uuid4())})
            )
    finally:
        holder.kill()
        holder.wait()
        backend.close()
    text = f"{err.value} {err.value.hint or ''}"
    assert LOCKED not in text, text
    assert "another" in text.lower() or "busy" in text.lower(), text


# ---- kill -9 and signals in the middle of a create ----


def _waits_for_its_value(pid: int) -> bool:
    """Is smtui blocked reading its value from the stdin pipe? (It hardens itself right before.)"""
    with contextlib.suppress(OSError):
        if "pipe_read" in Path(f"/proc/{pid}/wchan").read_text():
            return True
    import resource

    if resource.getrlimit(resource.RLIMIT_CORE)[0] == 0:
        return False  # inherited 0 already (an in-process smtui ran here): the limit tells nothing
    limits = Path(f"/proc/{pid}/limits").read_text()
    return any(
        line.startswith("Max core file size") and line.split()[4:6] == ["0", "0"] for line in limits.splitlines()
    )


def _start_create(store: Path, key_file: Path, name: str, *extra: str) -> subprocess.Popen[bytes]:
    """Start a create and return once smtui is running and waits for its value on stdin."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "smtui", *_create_args(store, key_file, name, *extra)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=smtui_env(),
    )
    stderr = proc.stderr
    wait_for(
        lambda: _waits_for_its_value(proc.pid),
        "smtui to wait for its value",
        budget=30,
        interval=0.005,
        process=proc,
        detail=lambda: stderr.read() if stderr is not None and proc.poll() is not None else "",
    )
    return proc


def _submit(proc: subprocess.Popen[bytes], value: str) -> float:
    assert proc.stdin is not None
    proc.stdin.write(value.encode())
    proc.stdin.close()
    return time.monotonic()


def _finish(proc: subprocess.Popen[bytes]) -> bytes:
    proc.wait(timeout=60)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read()
    proc.stderr.close()
    return err


def _calibrate(store: Path, key_file: Path) -> float:
    """How long a create runs once it has its value (the window the signals aim at)."""
    proc = _start_create(store, key_file, "kill/calibrate")
    start = _submit(proc, "calibration")
    _finish(proc)
    assert proc.returncode == 0
    return time.monotonic() - start


def _interrupt_creates(tmp_path: Path, count: int, sig: int, seed: int) -> dict[str, Any]:
    """Run `count` creates one after another; send `sig` to each at a random moment after it got its value
    (reading it, validating, opening the store, encrypting, writing, committing, printing)."""
    store, key_file = tmp_path / "s.db", tmp_path / "s.key"
    window = _calibrate(store, key_file)
    rng = random.Random(seed)
    expected: dict[str, str] = {}
    codes: list[int] = []
    errors: list[str] = []  # stderr of each run, for a failure's message
    for i in range(count):
        name = f"kill/{i:03d}"
        value = f"value-{i}-{uuid.uuid4().hex}"
        expected[name] = value
        extra = ["--add-replica-regions", "Region=eu-west-1"] if i % 3 == 0 else []
        proc = _start_create(store, key_file, name, *extra)
        delay = rng.uniform(0, 1.2) * window
        sent = _submit(proc, value)
        time.sleep(max(0.0, sent + delay - time.monotonic()))
        proc.send_signal(sig)
        err = _finish(proc)
        codes.append(proc.returncode)
        errors.append(f"run {i} (signal {delay:.3f} s after the value, exit {proc.returncode}): {err.decode()!r}")
        if sig != signal.SIGKILL:
            _plain(err)
    _integrity_ok(store)
    present, absent = _whole_or_absent(store, key_file, expected)
    return {"codes": codes, "present": present, "absent": absent, "full": window, "errors": errors}


def _kill9(tmp_path: Path, count: int, record_property: Any, label: str) -> None:
    got = _interrupt_creates(tmp_path, count, signal.SIGKILL, seed=count)
    killed = sum(1 for c in got["codes"] if c == -signal.SIGKILL)
    assert set(got["codes"]) <= {0, -signal.SIGKILL}
    figure = (
        f"kill -9 {label}: {count} creates killed at random moments (a create runs "
        f"{got['full']:.2f} s once it has its value), "
        f"{killed} died, afterwards {got['present']} wholly present, {got['absent']} absent, "
        "0 partial, integrity ok"
    )
    record_property("safety-figure", figure)
    print(figure)


def test_kill9_during_create_fast_subset(tmp_path: Path, record_property: Any) -> None:
    _kill9(tmp_path, 10, record_property, "fast")


@pytest.mark.slow
def test_kill9_during_create_full(tmp_path: Path, record_property: Any) -> None:
    _kill9(tmp_path, 60, record_property, "full")


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["SIGINT", "SIGTERM"])
def test_signal_during_create(tmp_path: Path, sig: int, code: int, record_property: Any) -> None:
    """Sent once smtui runs and has its value: SIGTERM leaves through `finally` with 143, SIGINT with 130
    (or 0 when the create had already finished), and nothing is half-written."""
    got = _interrupt_creates(tmp_path, 4, sig, seed=sig)
    assert set(got["codes"]) <= {0, code}, "\n".join(got["errors"])
    record_property(
        "safety-figure",
        f"{signal.Signals(sig).name} during create: exit codes {got['codes']}, "
        f"{got['present']} present, {got['absent']} absent, 0 partial",
    )


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["SIGINT", "SIGTERM"])
def test_signal_at_the_masked_prompt_restores_the_terminal(tmp_path: Path, sig: int, code: int) -> None:
    """The masked prompt turns echo off; a signal while it waits must turn it back on (else the person's
    shell stays blind), exit 130/143, and leave nothing in the store."""
    from tests.safety.ptyrun import PtyProcess

    store, key_file = tmp_path / "s.db", tmp_path / "s.key"
    args = ["create-secret", *_local(store, key_file), "--name", "prompt/interrupted"]
    with PtyProcess(args, smtui_env()) as term:
        assert term.echo_on()
        term.wait_for(b"input hidden")
        assert not term.echo_on(), "the prompt must not echo"
        term.type(b"half-typed")
        assert term.proc is not None
        term.proc.send_signal(sig)
        assert term.wait() == code
        assert term.echo_on(), "the terminal must be restored"
        assert b"half-typed" not in term.output
        assert b"Traceback" not in term.output
    if store.exists():
        assert _whole_or_absent(store, key_file, {"prompt/interrupted": ""}) == (0, 1)
