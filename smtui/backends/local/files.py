"""Filesystem operations on the local store's files and the key file, safe against other users of the machine.

Why this module exists: another local user who can plant a symbolic link, or write the folder a store or key file
lives in, must not be able to make smtui change, create or reveal anything. The rules (docs/security.md, "Local
users on a shared machine: symlinks, races and shared folders"):

- Never create, chmod, read or truncate through a symbolic link: files are opened with `O_NOFOLLOW`, checked with
  `lstat`/`fstat`, and modes are changed with `fchmod` on that descriptor, never by path. A store or key file that
  is itself a symlink is refused (the message names the real path to pass instead).
- Only regular files, owned by the person, with one name (no hard link elsewhere) are used; an existing non-empty
  store must start with SQLite's header, so smtui never takes over a file it did not create.
- Every folder on the way (each ancestor, each symlink's target followed by hand) must belong to the person or
  root and be writable by no one else, or carry the sticky bit (like /tmp), where others cannot rename or delete
  the person's entries. The key file's own folder must be writable by the person only: no sticky exception.
- A file is rewritten through a temp file with a random name created `O_EXCL|O_NOFOLLOW` 0600 in the file's own
  folder, fsynced, renamed over the file, and the folder fsynced; a failed write removes its temp file.

POSIX only (dir_fd, O_NOFOLLOW); on Windows the profile folder's ACL protects these files and plain calls are used.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from smtui.errors import ConfigurationError

SQLITE_MAGIC = b"SQLite format 3\x00"
_MAX_SYMLINKS = 40
_POSIX = os.name == "posix"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # a FIFO planted under the name must not hang the open
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
DISK_FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG)


class UnsafeFile(ConfigurationError):
    """A file or folder smtui refuses to use because another user could change it, or it is not smtui's (253)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="UnsafePath")


def _me() -> int:
    return os.geteuid() if hasattr(os, "geteuid") else 0


def _trusted(uid: int) -> bool:
    """The person, or root (who can change anything anyway)."""
    return uid in (_me(), 0)


def _folder_problem(path: str, st: os.stat_result, *, sticky_ok: bool) -> str | None:
    """Why another user could replace what is in this folder, or None when no one else can."""
    if not stat.S_ISDIR(st.st_mode):
        return f"{path} is not a folder"
    if not _trusted(st.st_uid):
        return f"the folder {path} belongs to another user (uid {st.st_uid}), who can delete or replace anything in it"
    mode = stat.S_IMODE(st.st_mode)
    if mode & 0o022 and not (sticky_ok and mode & stat.S_ISVTX):
        who = "every user" if mode & 0o002 else "its group"
        return (
            f"the folder {path} can be written by {who} (mode {mode:04o}), so they can delete or replace "
            f"the files in it"
        )
    return None


def _refuse_folder(problem: str, what: str) -> UnsafeFile:
    return UnsafeFile(
        f"smtui refuses to keep {what} there: {problem}. Choose a folder only you can write, for example one "
        f"inside your home folder created with `mkdir -m 700`, or remove the others' write access "
        f"(`chmod go-w FOLDER`)."
    )


def check_folders(folder: Path, *, what: str, sticky_ok_last: bool) -> tuple[Path, list[str]]:
    """Check every folder from / down to `folder`, following symlinks by hand so each link's own folder is
    checked too. Returns the real path of the deepest existing folder and the names still missing below it.

    Ancestors may be sticky (like /tmp); the last folder only when `sticky_ok_last`. `what` names the file for
    the message ("the local store", "the key file").
    """
    pending = [p for p in os.path.abspath(folder).split(os.sep) if p]
    current = os.sep
    problem = _folder_problem(current, os.lstat(current), sticky_ok=True) if _POSIX else None
    if problem:
        raise _refuse_folder(problem, what)
    hops = 0
    while pending:
        name = pending.pop(0)
        if name == ".":
            continue
        if name == "..":
            current = os.path.dirname(current)  # the real parent: already checked on the way down
            continue
        candidate = os.path.join(current, name)
        try:
            st = os.lstat(candidate)
        except FileNotFoundError:
            return Path(current), [name, *pending]
        except NotADirectoryError:
            raise _refuse_folder(f"{current} is not a folder", what) from None
        if stat.S_ISLNK(st.st_mode):
            hops += 1
            if hops > _MAX_SYMLINKS:
                raise _refuse_folder(f"{candidate} is a loop of symbolic links", what)
            target = os.readlink(candidate)  # the link lives in `current`, which no one else can write
            if os.path.isabs(target):
                current = os.sep
            pending = [p for p in target.split(os.sep) if p] + pending
            continue
        last = not any(p not in (".", "") for p in pending)
        problem = (
            _folder_problem(candidate, st, sticky_ok=True if not last else sticky_ok_last)
            if _POSIX
            else (None if stat.S_ISDIR(st.st_mode) else f"{candidate} is not a folder")
        )
        if problem:
            raise _refuse_folder(problem, what)
        current = candidate
    return Path(current), []


def ensure_folder(folder: Path, *, what: str, sticky_ok_last: bool, tighten: bool = False) -> Path:
    """The real path of `folder` after `check_folders`, creating missing folders 0700 (their parent is safe, so
    no one else can put anything in the way). `tighten`: smtui's own data folder, owned by the person but left
    open to others, is made 0700 (through a descriptor) instead of refused."""
    if tighten and _POSIX:
        with contextlib.suppress(OSError):
            fd = os.open(folder, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC)
            try:
                st = os.fstat(fd)
                if st.st_uid == _me() and stat.S_IMODE(st.st_mode) & 0o077:
                    os.fchmod(fd, 0o700)
            finally:
                os.close(fd)
    real, missing = check_folders(folder, what=what, sticky_ok_last=sticky_ok_last)
    for name in missing:
        real = real / name
        with contextlib.suppress(FileExistsError):
            os.mkdir(real, 0o700)  # mkdir never follows a symlink at its last component
        st = os.lstat(real)
        problem = _folder_problem(str(real), st, sticky_ok=False) if _POSIX else None
        if problem:
            raise _refuse_folder(problem, what)
    return real


def make_private_dir(folder: Path) -> bool:
    """Create `folder` (and missing parents) 0700; False when it already existed. (Kept for callers that only
    need the folder; the checked way is `ensure_folder`.)"""
    if folder.exists():
        return False
    old = os.umask(0o077)  # parents too: mkdir's mode applies only to the last component
    try:
        folder.mkdir(parents=True, mode=0o700, exist_ok=True)
    finally:
        os.umask(old)
    return True


def file_problem(path: str, st: os.stat_result, *, single_link: bool = True) -> str | None:
    """Why an existing file may not be used: a symlink, not a regular file, another user's, several names."""
    if stat.S_ISLNK(st.st_mode):
        return (
            f"{path} is a symbolic link; smtui never follows one there (another user could point it at "
            f"any file). Pass the file itself: {os.path.realpath(path)}"
        )
    if not stat.S_ISREG(st.st_mode):
        return f"{path} is not a regular file (a device, a folder or a pipe)"
    if _POSIX and st.st_uid != _me():
        return f"{path} belongs to another user (uid {st.st_uid})"
    if _POSIX and single_link and st.st_nlink > 1:
        return f"{path} has other names (hard links), so smtui cannot know what else it would change"
    return None


def open_nofollow(path: str | Path, flags: int, mode: int = 0o600, *, dir_fd: int | None = None) -> int:
    """os.open with O_NOFOLLOW|O_CLOEXEC|O_NONBLOCK; a symlink in the way raises ELOOP as UnsafeFile's text."""
    try:
        return os.open(path, flags | _NOFOLLOW | _CLOEXEC | _NONBLOCK, mode, dir_fd=dir_fd)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise OSError(errno.ELOOP, "is a symbolic link") from None
        raise


def _tighten(fd: int) -> None:
    if _POSIX and stat.S_IMODE(os.fstat(fd).st_mode) & 0o077:
        os.fchmod(fd, 0o600)


def prepare_store_files(path: Path, is_default: bool) -> None:
    """Before SQLite opens the store: safe folders, a regular SQLite file of the person's (created 0600 when
    missing), and -wal/-shm/-journal files that are the person's too; loose modes tightened by descriptor.

    Called only while this process holds no connection to the file (store.py's registry): closing a descriptor
    drops the process's POSIX locks on that file.
    """
    what = "the local store"
    folder = ensure_folder(path.parent, what=what, sticky_ok_last=True, tighten=is_default)
    target = str(folder / path.name)

    def refuse(problem: str) -> UnsafeFile:
        return UnsafeFile(
            f"The local store at {path} cannot be used: {problem}. Choose another one with --store PATH or SMTUI_STORE."
        )

    with contextlib.suppress(FileNotFoundError):
        problem = file_problem(target, os.lstat(target))
        if problem:
            raise refuse(problem)
    try:
        fd = open_nofollow(target, os.O_RDWR | os.O_CREAT)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise refuse(file_problem(target, os.lstat(target)) or "it is a symbolic link") from None
        raise
    try:
        problem = file_problem(target, os.fstat(fd))
        if problem:
            raise refuse(problem)
        if os.fstat(fd).st_size and os.pread(fd, len(SQLITE_MAGIC), 0) != SQLITE_MAGIC:
            raise refuse(
                "it is not an SQLite store (its first bytes are not SQLite's header), so smtui did not "
                "create it and will not change it"
            )
        _tighten(fd)
    finally:
        os.close(fd)
    for suffix in ("-wal", "-shm", "-journal"):
        companion = target + suffix
        try:
            problem = file_problem(companion, os.lstat(companion))
        except FileNotFoundError:
            continue
        if problem:
            raise refuse(problem)
        try:
            fd = open_nofollow(companion, os.O_RDWR)
        except FileNotFoundError:
            continue
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise refuse(f"{companion} is a symbolic link") from None
            raise
        try:
            problem = file_problem(companion, os.fstat(fd))
            if problem:
                raise refuse(problem)
            _tighten(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def folder_fd(folder: Path) -> Iterator[int]:
    """A descriptor on a checked, real folder: every later step names files relative to it (no path re-walk)."""
    fd = os.open(folder, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC)
    try:
        yield fd
    finally:
        os.close(fd)


@contextlib.contextmanager
def lock_file(dir_fd: int, name: str) -> Iterator[None]:
    """An exclusive flock on `name` in the folder, created 0600 O_NOFOLLOW and checked to be the person's."""
    fd = open_nofollow(name, os.O_RDWR | os.O_CREAT, dir_fd=dir_fd)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_uid != _me():
            raise OSError(errno.EPERM, "the lock file is not a regular file of yours")
        try:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX)
        except ImportError:  # pragma: no cover - Windows
            pass
        yield
    finally:
        os.close(fd)


def atomic_write(dir_fd: int, name: str, data: bytes) -> None:
    """Replace `name` in the folder by `data`, all or nothing: a unique temp file (O_EXCL|O_NOFOLLOW, 0600),
    written and fsynced, renamed over `name`, then the folder fsynced. On any failure the temp file is removed
    and the error goes on (ENOSPC included); `name` keeps its old contents."""
    for _ in range(16):
        tmp = f".{name}.{secrets.token_hex(8)}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o600, dir_fd=dir_fd)
            break
        except FileExistsError:
            continue
    else:  # pragma: no cover - 16 collisions of 64 random bits
        raise OSError(errno.EEXIST, "no free temp file name")
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.rename(tmp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp, dir_fd=dir_fd)
        raise
    with contextlib.suppress(OSError):  # some file systems cannot fsync a folder; the rename is done
        os.fsync(dir_fd)


def read_private(dir_fd: int, name: str, check: Callable[[os.stat_result], None]) -> bytes | None:
    """The contents of `name` in the folder (None when missing), opened O_NOFOLLOW; `check` sees the fstat of
    the opened file before anything is read (and raises to refuse it). A symlink raises OSError(ELOOP)."""
    try:
        fd = open_nofollow(name, os.O_RDONLY, dir_fd=dir_fd)
    except FileNotFoundError:
        return None
    try:
        check(os.fstat(fd))
        chunks = []
        while True:
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)
