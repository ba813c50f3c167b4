"""Real separate processes: two racing for one name (exactly one wins), and the refusal without a keyring.

The no-keyring case runs with no D-Bus session (DBUS_SESSION_BUS_ADDRESS unset), as on a headless server, and
expects a ConfigurationError (exit 253) that explains how to get a keyring or opt in to a key file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from smtui.backends.local.material import _refusal
from tests.conftest import real_keyring_expected

REPO = Path(__file__).resolve().parents[2]
WORKER = Path(__file__).with_name("race_worker.py")


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("SMTUI_LOCAL_REPLICA_DELAY", None)
    env.update(extra)
    return env


def _start(store: Path, key_file: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WORKER), str(store), key_file],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
        cwd=REPO,
    )


def _line(p: subprocess.Popen[str]) -> str:
    assert p.stdout is not None
    line = p.stdout.readline()
    if not line:
        raise AssertionError(p.stderr.read() if p.stderr else "worker died")
    return line.strip()


def test_two_processes_racing_for_one_name(tmp_path: Path, provider: str) -> None:
    store = tmp_path / "race" / "store.db"  # a fresh store: schema and default key are raced for too
    key_file = str(tmp_path / "keys.json") if provider == "keyfile" else ""
    procs = [_start(store, key_file) for _ in range(2)]
    try:
        assert [_line(p) for p in procs] == ["ready", "ready"]
        for round_ in range(5):
            for p in procs:  # released together
                assert p.stdin is not None
                p.stdin.write(f"race/{round_}\n")
                p.stdin.flush()
            results = [json.loads(_line(p)) for p in procs]
            winners = [r for r in results if "ok" in r]
            losers = [r for r in results if "ok" not in r]
            assert len(winners) == 1, results
            assert [(r["code"], r["exit"]) for r in losers] == [("ResourceExistsException", 254)], results
    finally:
        for p in procs:
            if p.stdin:
                p.stdin.close()
            try:
                p.wait(timeout=30)
            finally:
                if p.poll() is None:
                    p.kill()


def _no_bus_env(tmp_path: Path) -> dict[str, str]:
    env = _env(XDG_DATA_HOME=str(tmp_path / "xdg"))
    for var in ("DBUS_SESSION_BUS_ADDRESS", "SMTUI_KEY_FILE", "PYTHON_KEYRING_BACKEND"):
        env.pop(var, None)
    return env


SCRIPT = """
import json, sys, uuid
from pathlib import Path
import keyring, keyring.core
from smtui.backends.local import LocalBackend
from smtui.errors import ConfigurationError
from smtui.model import CreateSecretRequest
from smtui.settings import TargetSettings
for i, name in enumerate(sys.argv[2:]):
    if name != "default":
        keyring.set_keyring(keyring.core.load_keyring(name))
    b = LocalBackend(TargetSettings(backend="local", store=Path(sys.argv[1])))
    try:
        b.create_secret(CreateSecretRequest.model_validate(
            {"Name": f"x{i}", "SecretString": "Zq9-nokeyring-marker", "ClientRequestToken": str(uuid.uuid4())}))
    except ConfigurationError as exc:
        print(json.dumps([name, exc.exit_code, exc.message]))
    else:
        print(json.dumps([name, 0, "created without a keyring"]))
"""


def test_no_usable_keyring_is_refused(tmp_path: Path) -> None:
    """No D-Bus session (the default `fail` backend), and the null and fail backends named explicitly."""
    env = _no_bus_env(tmp_path)
    store = tmp_path / "store.db"
    names = ["default", "keyring.backends.null.Keyring", "keyring.backends.fail.Keyring"]
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(store), *names],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    results = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r[0] for r in results] == names
    for _name, code, message in results:
        assert code == 253, message
        for words in ("keyring", "gnome-keyring", "--key-file", "SMTUI_KEY_FILE"):
            assert words in message
    assert "Zq9-nokeyring-marker" not in proc.stdout + proc.stderr
    raw = b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())
    assert b"Zq9-nokeyring-marker" not in raw


def test_no_keyring_through_the_cli(tmp_path: Path) -> None:
    """The real command: exit 253 and the explanation on stderr; the key file then works."""
    env = _no_bus_env(tmp_path)
    store = str(tmp_path / "store.db")
    args = [
        sys.executable,
        "-m",
        "smtui",
        "create-secret",
        "--backend",
        "local",
        "--store",
        store,
        "--name",
        "app/db",
        "--secret-string",
        "-",
    ]
    proc = subprocess.run(args, input="Zq9-cli-marker", capture_output=True, text=True, env=env, cwd=REPO, timeout=60)
    assert proc.returncode == 253, proc.stderr
    assert "--key-file" in proc.stderr and "Zq9-cli-marker" not in proc.stdout + proc.stderr
    proc = subprocess.run(
        [*args, "--key-file", str(tmp_path / "k" / "keys.json")],
        input="Zq9-cli-marker",
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["Name"] == "app/db"


class _Fake:
    def __init__(self, module: str, backends: list[object] | None = None) -> None:
        self.cls = type("Keyring", (), {"__module__": module})
        self.inst = self.cls()
        if backends is not None:
            self.inst.backends = backends


def test_plaintext_and_empty_keyrings_are_refused() -> None:
    """keyrings.alt is not installed here, so its class is imitated by module name (what `_refusal` checks)."""
    assert _refusal(_Fake("keyrings.alt.file").inst)
    assert _refusal(_Fake("keyring.backends.null").inst)
    assert _refusal(_Fake("keyring.backends.chainer", []).inst)
    assert _refusal(_Fake("keyring.backends.chainer", [_Fake("keyrings.alt.file").inst]).inst)
    assert _refusal(_Fake("keyring.backends.SecretService").inst) is None
    assert _refusal(_Fake("keyring.backends.chainer", [_Fake("keyring.backends.SecretService").inst]).inst) is None


def test_the_local_backend_imports_neither_textual_nor_boto3() -> None:
    code = (
        "import sys, smtui.backends.local, smtui.regions; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'boto3', 'botocore')))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


PROBE = """
from smtui.backends.local.material import KeyringProvider
from smtui.errors import ConfigurationError
try:
    KeyringProvider().check()
except ConfigurationError as exc:
    print(exc.code, exc.exit_code)
else:
    print("usable")
"""


def test_keyring_probe(tmp_path: Path) -> None:
    """`KeyringProvider.check()` (the wizard's probe): refused with no D-Bus; usable under the real keyring."""
    proc = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=REPO, timeout=60, env=_no_bus_env(tmp_path)
    )
    assert proc.stdout.strip() == "NoKeyring 253", proc.stderr
    if real_keyring_expected():
        proc = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=REPO, timeout=60)
        assert proc.stdout.strip() == "usable", proc.stderr
