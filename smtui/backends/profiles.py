"""The profile names of the AWS shared config and credentials files, offered on the Target step's Profile field.

Why botocore reads them: the aws backend opens its session through botocore, so the names offered are exactly
the ones it accepts — ~/.aws/config and ~/.aws/credentials, or AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE,
`[profile NAME]` and `[default]` sections (not `[sso-session …]` or `[services …]`). Each file is read on its
own, so a malformed one costs its own profiles only, with a plain note, never an exception out of the step.
Only the names leave this module: the credentials file's values are parsed by botocore and dropped here.

Blocking file IO and a large import: call `read_profiles` from a thread worker, never on the first frame's path.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: How many names the Target step's note lists before "and N more" (the suggester knows them all).
SHOWN = 6


@dataclass(frozen=True)
class ProfileList:
    """The profiles found (config file first, in file order, no repeats) and why some could not be read."""

    names: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # one plain sentence per file that could not be read

    def hint(self) -> str:
        """The line under the Profile field: the names, or the notes; "" when there is nothing to say."""
        parts = list(self.notes)
        if self.names:
            shown = ", ".join(self.names[:SHOWN])
            more = f" and {len(self.names) - SHOWN} more" if len(self.names) > SHOWN else ""
            parts.insert(0, f"Profiles in your AWS config: {shown}{more} (type the start of one, → takes it).")
        return "\n".join(parts)


def _shown(path: str) -> str:
    home = str(Path.home())
    return "~" + path[len(home) :] if path.startswith(home + "/") else path


def read_profiles() -> ProfileList:
    """Every profile name the AWS config and credentials files define; a missing file has none."""
    from botocore import configloader
    from botocore.exceptions import BotoCoreError, ConfigNotFound
    from botocore.session import Session

    session = Session()  # only to resolve the two paths as botocore does (the environment, then ~/.aws)
    names: dict[str, None] = {}
    notes: list[str] = []
    for variable, kind in (("config_file", "config"), ("credentials_file", "credentials")):
        path = str(session.get_config_variable(variable))
        try:
            if kind == "config":
                found = list(configloader.load_config(path).get("profiles", {}))
            else:
                found = list(configloader.raw_config_parse(path))
        except ConfigNotFound:
            continue
        except (BotoCoreError, ValueError, OSError):  # not INI, not text, unreadable: named, never its content
            notes.append(
                f"The AWS {kind} file {_shown(path)} could not be read (not a valid config file), so its "
                "profiles are not offered; a profile name can still be typed."
            )
            continue
        names.update(dict.fromkeys(found))
    return ProfileList(tuple(names), tuple(notes))
