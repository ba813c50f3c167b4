"""Where the KMS-like keys' material lives: the OS keyring, or a key file the person opted in to.

Why so strict: the material is what makes the store's ciphertexts safe. The OS keyring (Secret Service, macOS
Keychain, Windows Credential Locker) keeps it out of the store's folder. When there is no usable keyring,
smtui refuses (exit 253) and says how to get one or how to opt in to a key file; it never falls back to a
plaintext keyring (keyrings.alt) or the null/fail backends on its own. The key file must be 0600, owned by
the person, not a symlink, in a folder only the person can write, or it is refused; the store remembers the key
file it was opened with (`provider_for`). docs/security.md, "Local users on a shared machine".
"""

from __future__ import annotations

import base64
import contextlib
import errno
import json
import os
import sqlite3
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from smtui.backends.local.files import (
    DISK_FULL,
    atomic_write,
    check_folders,
    ensure_folder,
    folder_fd,
    lock_file,
    read_private,
)
from smtui.errors import ConfigurationError

if TYPE_CHECKING:
    from smtui.backends.local.store import Store

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
    """Key material in a JSON file the person chose (--key-file / SMTUI_KEY_FILE), 0600 in a folder only they
    can write (see files.py: no symlinks, no shared folders, writes through a unique temp file)."""

    name = "keyfile"

    def __init__(self, path: Path, *, remembered: bool = False) -> None:
        self.path = Path(os.path.abspath(path.expanduser()))
        self.remembered = remembered  # found in the store's meta table, not given this time

    def _what(self) -> str:
        return "the key file" + (" this store remembers" if self.remembered else "")

    def _folder(self, *, create: bool) -> Path | None:
        """The key file's real folder, checked (and created 0700 when `create`); None when it does not exist."""
        if os.name != "posix":  # the safe writes need dir_fd and O_NOFOLLOW (files.py)
            raise ConfigurationError(
                "The key file needs Linux or macOS; on this system use the OS keyring.", code="KeyFileUnsupported"
            )
        if create:
            return ensure_folder(self.path.parent, what=self._what(), sticky_ok_last=False)
        real, missing = check_folders(self.path.parent, what=self._what(), sticky_ok_last=False)
        return None if missing else real

    def check(self) -> None:
        """Refuse now (253) a key file in a folder others can write, or one that is a symlink or not the
        person's, so that opening the store says so before any value is asked for."""
        folder = self._folder(create=False)
        if folder is None:
            return
        with contextlib.suppress(FileNotFoundError):
            st = os.lstat(folder / self.path.name)
            if stat.S_ISLNK(st.st_mode):  # modes and owner are checked on each read, on the opened file
                raise self._refuse(self._symlink_words())

    def _symlink_words(self) -> str:
        return (
            "it is a symbolic link, and smtui never follows one there (another user could point it at a file "
            f"of theirs). Pass the file itself: --key-file {os.path.realpath(self.path)}"
        )

    def _refuse(self, problem: str) -> ConfigurationError:
        return ConfigurationError(
            f"smtui refuses to use {self._what()} {self.path}: {problem}.", code="KeyFilePermissions"
        )

    def _check_modes(self, st: os.stat_result) -> None:
        if os.name != "posix":  # Windows has no mode bits: the file's ACL (the user's profile) protects it
            return
        if not stat.S_ISREG(st.st_mode):
            raise self._refuse("it is not a regular file")
        if hasattr(os, "getuid") and st.st_uid != os.geteuid():
            raise ConfigurationError(
                f"The key file {self.path} belongs to another user (uid {st.st_uid}); smtui refuses to use it. "
                f"Use a key file of your own.",
                code="KeyFilePermissions",
            )
        if stat.S_IMODE(st.st_mode) & 0o077:
            raise ConfigurationError(
                f"The key file {self.path} is readable or writable by other users (mode "
                f"{stat.S_IMODE(st.st_mode):04o}); smtui refuses to use it. "
                f"Run `chmod 600 {self.path}` if it is yours.",
                code="KeyFilePermissions",
            )

    def _read_in(self, dir_fd: int) -> dict[str, str]:
        try:
            raw = read_private(dir_fd, self.path.name, self._check_modes)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise self._refuse(self._symlink_words()) from None
            raise ConfigurationError(
                f"The key file {self.path} cannot be read: {exc.strerror or type(exc).__name__}.",
                code="KeyFileUnreadable",
            ) from None
        if raw is None:
            return {}
        try:
            data = json.loads(raw.decode("utf-8") or "{}")
        except ValueError as exc:
            raise ConfigurationError(
                f"The key file {self.path} cannot be read: {type(exc).__name__}.", code="KeyFileUnreadable"
            ) from None
        keys = data.get("keys", {}) if isinstance(data, dict) else None
        if not isinstance(keys, dict):
            raise ConfigurationError(f"The key file {self.path} is not an smtui key file.", code="KeyFileUnreadable")
        return {str(k): str(v) for k, v in keys.items()}

    def _read(self) -> dict[str, str]:
        folder = self._folder(create=False)
        if folder is None:
            return {}
        with folder_fd(folder) as dir_fd:
            return self._read_in(dir_fd)

    def put(self, store_id: str, key_id: str, material: bytes) -> None:
        folder = self._folder(create=True)
        assert folder is not None
        try:
            with folder_fd(folder) as dir_fd, lock_file(dir_fd, f"{self.path.name}.lock"):
                keys = self._read_in(dir_fd)
                keys[f"{store_id}/{key_id}"] = _encode(material)
                body = json.dumps({"format": _KEY_FILE_FORMAT, "version": 1, "keys": keys}, indent=1)
                atomic_write(dir_fd, self.path.name, body.encode("utf-8"))
        except OSError as exc:
            raise self._write_failure(exc) from None

    def _write_failure(self, exc: OSError) -> ConfigurationError:
        """A failed key write in plain words (the temp file is already gone; the key file is unchanged)."""
        if exc.errno in DISK_FULL:
            why = (
                "the disk (or your quota) there is full. Nothing was created and the key file is "
                "unchanged; free some space there, or choose a key file on another disk, and try again"
            )
        else:
            why = (
                f"{exc.strerror or type(exc).__name__}. Nothing was created and the key file is unchanged; "
                "check the file and its folder and try again"
            )
        return ConfigurationError(
            f"smtui could not save a new key in the key file {self.path}: {why}.", code="KeyFileWriteFailed"
        )

    def get(self, store_id: str, key_id: str) -> bytes | None:
        text = self._read().get(f"{store_id}/{key_id}")
        return None if text is None else _decode(text)


REMEMBERED_KEY_FILE = "key_file"  # the meta-table row that remembers a store's key file


def provider_for(key_file: Path | None, store: Store | None = None) -> MaterialProvider:
    """The provider for a store: the key file given (--key-file / SMTUI_KEY_FILE), else the key file this
    store remembers, else the OS keyring.

    Why the store remembers it (docs/security.md, "The remembered key file"): after the person opted in once,
    later launches and commands on the same store find the key file without asking again. The choice lives in
    the store's own meta table, which no one else can write (the store's file and folder rules), and a key file
    is checked (folder only the person can write, no symlink, 0600, theirs) before it is used or remembered.
    """
    if key_file is None:
        remembered = _remembered(store) if store is not None else None
        if remembered is None:
            return KeyringProvider()
        provider = KeyFileProvider(Path(remembered), remembered=True)
        provider.check()
        return provider
    provider = KeyFileProvider(key_file)
    provider.check()
    if store is not None and _remembered(store) != str(provider.path):
        _remember(store, provider.path)
    return provider


def _remembered(store: Store) -> str | None:
    try:
        with store.read() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (REMEMBERED_KEY_FILE,)).fetchone()
    except sqlite3.Error as exc:
        raise store.wrap_error(exc) from None
    return str(row[0]) if row is not None and row[0] else None


def _remember(store: Store, path: Path) -> None:
    """Best effort: a store that cannot be written now (a full disk) still works with the key file given."""
    with contextlib.suppress(sqlite3.Error), store.write() as conn:
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (REMEMBERED_KEY_FILE, str(path)))
