"""Where the KMS-like keys' material lives: the OS keyring, or a key file the person opted in to.

Why so strict: the material is what makes the store's ciphertexts safe. The OS keyring (Secret Service, macOS
Keychain, Windows Credential Locker) keeps it out of the store's folder. When there is no usable keyring,
smtui refuses (exit 253) and says how to get one or how to opt in to a key file; it never falls back to a
plaintext keyring (keyrings.alt) or the null/fail backends on its own. The key file must be 0600 and owned by
the person, or it is refused.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from smtui.backends.local.store import make_private_dir
from smtui.errors import ConfigurationError

KEYRING_SERVICE = "smtui"
_KEY_FILE_FORMAT = "smtui-key-file"

NO_KEYRING = (
    "No usable OS keyring for the local store's keys ({why}). smtui keeps key material only in a real "
    "keyring: "
    "on Linux a Secret Service such as gnome-keyring (apt-get install gnome-keyring, in a desktop session or "
    "`dbus-run-session` with the daemon unlocked), the macOS Keychain, or the Windows Credential Locker. "
    "Or opt in to a key file you protect yourself: --key-file PATH or SMTUI_KEY_FILE=PATH (created 0600)."
)


KEYRING_LOCKED = (
    "The OS keyring is locked, so the local store cannot reach its keys ({why}). Unlock it — log in to your "
    "desktop session, or unlock the Secret Service (e.g. `gnome-keyring-daemon --unlock`) — and try again. "
    "Or opt in to a key file you protect yourself: --key-file PATH or SMTUI_KEY_FILE=PATH (created 0600)."
)


def _keyring_failure(exc: Exception) -> ConfigurationError:
    """A keyring error in plain words: a locked keyring is told apart from a missing one (different fixes)."""
    from keyring.errors import InitError, KeyringLocked

    why = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, KeyringLocked) or (isinstance(exc, InitError) and "dismissed" in str(exc).lower()):
        return ConfigurationError(KEYRING_LOCKED.format(why=why), code="NoKeyring")
    return ConfigurationError(NO_KEYRING.format(why=why), code="NoKeyring")


class MaterialProvider(Protocol):
    name: str

    def put(self, store_id: str, key_id: str, material: bytes) -> None: ...

    def get(self, store_id: str, key_id: str) -> bytes | None: ...


def _encode(material: bytes) -> str:
    return base64.b64encode(material).decode("ascii")


def _decode(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _refusal(kr: Any) -> str | None:
    """Why a keyring backend is not acceptable, or None when it is."""
    module = type(kr).__module__
    if module.startswith("keyrings.alt"):
        return f"{module}.{type(kr).__name__} keeps keys in a file smtui will not rely on"
    if module in ("keyring.backends.fail", "keyring.backends.null"):
        return "no keyring backend is available"
    if module == "keyring.backends.chainer":
        inner = list(getattr(kr, "backends", []))
        if not inner:
            return "no keyring backend is available"
        reasons = [r for r in map(_refusal, inner) if r]
        return reasons[0] if reasons else None
    return None


class KeyringProvider:
    """Key material in the OS keyring through `keyring`: service "smtui", user "STORE_ID/KEY_ID"."""

    name = "keyring"

    def _keyring(self) -> Any:
        import keyring

        kr = keyring.get_keyring()
        why = _refusal(kr)
        if why:
            raise ConfigurationError(NO_KEYRING.format(why=why), code="NoKeyring")
        return kr

    def check(self) -> None:
        """Raise the NoKeyring ConfigurationError unless the keyring is usable now (a real, unlocked backend).

        For callers that want to know before they ask for a value (the wizard's target step): it reads one
        entry, which is what a locked or unreachable Secret Service fails on.
        """
        self.get("probe", "probe")

    def put(self, store_id: str, key_id: str, material: bytes) -> None:
        from keyring.errors import KeyringError

        try:
            self._keyring().set_password(KEYRING_SERVICE, f"{store_id}/{key_id}", _encode(material))
        except KeyringError as exc:
            raise _keyring_failure(exc) from None

    def get(self, store_id: str, key_id: str) -> bytes | None:
        from keyring.errors import KeyringError

        try:
            text = self._keyring().get_password(KEYRING_SERVICE, f"{store_id}/{key_id}")
        except KeyringError as exc:
            raise _keyring_failure(exc) from None
        return None if text is None else _decode(text)


class KeyFileProvider:
    """Key material in a JSON file the person chose (--key-file / SMTUI_KEY_FILE), 0600 in a 0700 folder."""

    name = "keyfile"

    def __init__(self, path: Path) -> None:
        self.path = path.expanduser()

    def _check_modes(self, path: Path) -> None:
        st = path.stat()
        if os.name != "posix":  # Windows has no mode bits: the file's ACL (the user's profile) protects it
            return
        if hasattr(os, "getuid") and st.st_uid != os.getuid():
            raise ConfigurationError(
                f"The key file {path} belongs to another user (uid {st.st_uid}); smtui refuses to use it. "
                f"Use a key file of your own.",
                code="KeyFilePermissions",
            )
        if stat.S_IMODE(st.st_mode) & 0o077:
            raise ConfigurationError(
                f"The key file {path} is readable or writable by other users (mode "
                f"{stat.S_IMODE(st.st_mode):04o}); smtui refuses to use it. "
                f"Run `chmod 600 {path}` if it is yours.",
                code="KeyFilePermissions",
            )

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        make_private_dir(self.path.parent)
        lock_fd = os.open(f"{self.path}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            try:
                import fcntl

                fcntl.flock(lock_fd, fcntl.LOCK_EX)
            except ImportError:  # Windows: one writer at a time is the person's business
                pass
            yield
        finally:
            os.close(lock_fd)

    def _read(self) -> dict[str, str]:
        try:
            self._check_modes(self.path)
            data = json.loads(self.path.read_text(encoding="utf-8") or "{}")
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise ConfigurationError(
                f"The key file {self.path} cannot be read: {type(exc).__name__}.", code="KeyFileUnreadable"
            ) from None
        keys = data.get("keys", {}) if isinstance(data, dict) else None
        if not isinstance(keys, dict):
            raise ConfigurationError(f"The key file {self.path} is not an smtui key file.", code="KeyFileUnreadable")
        return {str(k): str(v) for k, v in keys.items()}

    def put(self, store_id: str, key_id: str, material: bytes) -> None:
        with self._locked():
            keys = self._read()
            keys[f"{store_id}/{key_id}"] = _encode(material)
            body = json.dumps({"format": _KEY_FILE_FORMAT, "version": 1, "keys": keys}, indent=1)
            tmp = Path(f"{self.path}.tmp")
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()  # a leftover could have looser modes; O_CREAT's mode applies only to a new file
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(body)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)

    def get(self, store_id: str, key_id: str) -> bytes | None:
        text = self._read().get(f"{store_id}/{key_id}")
        return None if text is None else _decode(text)


def provider_for(key_file: Path | None) -> MaterialProvider:
    return KeyFileProvider(key_file) if key_file is not None else KeyringProvider()
