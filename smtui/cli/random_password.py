"""`smtui get-random-password`: GetRandomPassword with every option of the service, and where its answer may go.

The password is a secret the person is about to use, so it goes only where they send it: standard output (as the
AWS CLI prints it, `{"RandomPassword": "..."}`, or the bare password with `--output text` / `--query`), or
`--output-file PATH`, which receives the password alone (no newline, so `--secret-string file://PATH` stores
exactly it) in a NEW file created 0600 with O_EXCL|O_NOFOLLOW: smtui never writes through a symbolic link, never
replaces a file, and refuses a folder another user can write (the local store's own safe-file rules,
smtui.backends.local.files). When standard output is a terminal, a warning on stderr says the password is on the
screen (scrollback, screen sharing). Bad options are 252 before anything is asked (smtui.model.password).
"""

from __future__ import annotations

import errno
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from smtui.cli.command import Command, Context, Options, option
from smtui.cli.lifecycle_common import call
from smtui.errors import ParameterError

TERMINAL_WARNING = (
    "smtui: warning: the password is shown on this terminal (scrollback, screen sharing, recordings); "
    "use --output-file PATH or a pipe to keep it off the screen"
)

# option field -> GetRandomPassword member
_MEMBERS = {
    "password_length": "PasswordLength",
    "exclude_characters": "ExcludeCharacters",
    "exclude_numbers": "ExcludeNumbers",
    "exclude_punctuation": "ExcludePunctuation",
    "exclude_uppercase": "ExcludeUppercase",
    "exclude_lowercase": "ExcludeLowercase",
    "include_space": "IncludeSpace",
    "require_each_included_type": "RequireEachIncludedType",
}


def _flag(name: str, help_text: str) -> Any:
    return option(f"--{name}", member=_MEMBERS[name.replace("-", "_")], kind=bool, help=help_text)


@dataclass(frozen=True, kw_only=True)
class RandomPasswordOptions(Options):
    password_length: int | None = option(
        "--password-length", member="PasswordLength", kind=int, metavar="N", help="1 to 4096 characters (default 32)."
    )
    exclude_characters: str | None = option(
        "--exclude-characters", member="ExcludeCharacters", metavar="CHARS", help="Characters never used."
    )
    exclude_numbers: bool | None = _flag("exclude-numbers", "No digits.")
    exclude_punctuation: bool | None = _flag(
        "exclude-punctuation", "No punctuation (!\"#$%%&'()*+,-./:;<=>?@[\\]^_`{|}~)."
    )
    exclude_uppercase: bool | None = _flag("exclude-uppercase", "No uppercase letters.")
    exclude_lowercase: bool | None = _flag("exclude-lowercase", "No lowercase letters.")
    include_space: bool | None = _flag("include-space", "Allow the space character.")
    require_each_included_type: bool | None = _flag(
        "require-each-included-type", "At least one character of each class used (default: yes)."
    )
    output_file: str | None = option(
        "--output-file",
        metavar="PATH",
        help="Write the password alone to this NEW file (created 0600; never through a symlink, never over a file, "
        "not in a folder others can write) instead of standard output.",
    )

    def password_options(self) -> Any:
        from smtui.model.password import PasswordOptions, check_options

        given = {member: getattr(self, name) for name, member in _MEMBERS.items() if getattr(self, name) is not None}
        options = PasswordOptions.parse(given)
        issues = check_options(options)
        if issues:
            raise ParameterError.from_issues(issues)
        return options

    def check(self, context: Context) -> None:
        self.password_options()
        if self.output_file is not None:
            target(self.output_file)  # a refused place is said before anything is made


def target(path_text: str) -> Path:
    """The checked path of --output-file: its folder exists and only the person can write it; nothing there."""
    from smtui.backends.local.files import UnsafeFile, check_folders

    path = Path(path_text).expanduser()
    if not path.name or path.name in (".", ".."):
        raise ParameterError("--output-file must name a file, not a folder.", field="--output-file")
    try:
        folder, missing = check_folders(path.parent, what="the password file", sticky_ok_last=False)
    except UnsafeFile as exc:
        raise ParameterError(f"--output-file: {exc.message}", field="--output-file") from None
    if missing:
        raise ParameterError(
            f"--output-file: the folder {path.parent} does not exist; create it first (mkdir -m 700).",
            field="--output-file",
        )
    final = folder / path.name
    if final.is_symlink():
        raise ParameterError(
            f"--output-file: {final} is a symbolic link; smtui never writes through one (it could point anywhere).",
            field="--output-file",
        )
    if final.exists():
        raise ParameterError(
            f"--output-file: {final} already exists; smtui never replaces a file with a password. Remove it or "
            "name a new file.",
            field="--output-file",
        )
    return final


def write_private(path: Path, data: bytes) -> None:
    """Create `path` 0600 with O_EXCL|O_NOFOLLOW and write `data` to it, durably; a failed write removes it."""
    from smtui.backends.local.files import open_nofollow

    try:
        fd = open_nofollow(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        why = "already exists" if exc.errno == errno.EEXIST else (exc.strerror or type(exc).__name__)
        raise ParameterError(f"--output-file: cannot create {path}: {why}", field="--output-file") from None
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except OSError as exc:
        os.close(fd)
        path.unlink(missing_ok=True)
        raise ParameterError(
            f"--output-file: cannot write {path}: {exc.strerror or type(exc).__name__}", field="--output-file"
        ) from None
    os.close(fd)


def get_random_password(options: RandomPasswordOptions, context: Context) -> int:
    wanted = options.password_options()
    result = call(context, lambda backend: backend.get_random_password(wanted))
    if options.output_file is not None:
        path = target(options.output_file)
        password = bytearray(result.reveal().encode("utf-8"))
        try:
            write_private(path, bytes(password))
        finally:
            password[:] = bytes(len(password))
        print(f"smtui: the password ({len(password)} characters) was written to {path} (mode 0600)", file=sys.stderr)
        return 0
    if _stdout_is_terminal():
        print(TERMINAL_WARNING, file=sys.stderr)
    context.emit({"RandomPassword": result.reveal()})
    return 0


def _stdout_is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


COMMANDS: tuple[Command[Any], ...] = (
    Command(
        "get-random-password",
        "GetRandomPassword",
        "Make a random password (to standard output, or --output-file PATH created 0600).",
        RandomPasswordOptions,
        get_random_password,
        holds_value=True,
    ),
)
