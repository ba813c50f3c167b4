"""Password generation with GetRandomPassword's options, made locally with `secrets` (docs/aws-behaviour.md §12.1).

Pure Python (no Textual). Generating locally means the value never crosses the network before it is stored,
and works on the local store too. The options model uses the AWS member names so the same dict could be
sent to GetRandomPassword. Impossible option sets (every class excluded, every character excluded, a length
too short to hold one of each required class) are `ParameterError`s in plain words, never a crash or a loop.

RequireEachIncludedType, as AWS documents it, covers the four classes (lowercase, uppercase, digits,
punctuation); a space, when included, is allowed but not required. A class whose every character is listed in
ExcludeCharacters counts as excluded.
"""

from __future__ import annotations

import secrets
import string
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from smtui.errors import Issue, ParameterError
from smtui.model import messages as m
from smtui.model.limits import (
    EXCLUDE_CHARACTERS_MAX,
    PASSWORD_LENGTH_DEFAULT,
    PASSWORD_LENGTH_MAX,
    PASSWORD_LENGTH_MIN,
)
from smtui.model.rules import printable

PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
MIN_LENGTH = PASSWORD_LENGTH_MIN
MAX_LENGTH = PASSWORD_LENGTH_MAX
MAX_EXCLUDE_CHARACTERS = EXCLUDE_CHARACTERS_MAX
DEFAULT_LENGTH = PASSWORD_LENGTH_DEFAULT

CLASS_NAMES = {
    "lowercase": "lowercase letters",
    "uppercase": "uppercase letters",
    "digits": "numbers",
    "punctuation": "punctuation",
}


class PasswordOptions(BaseModel):
    """GetRandomPassword's request members, with its defaults and limits."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    PasswordLength: int = Field(DEFAULT_LENGTH, ge=MIN_LENGTH, le=MAX_LENGTH)
    ExcludeCharacters: str = Field("", max_length=MAX_EXCLUDE_CHARACTERS)
    ExcludeNumbers: bool = False
    ExcludePunctuation: bool = False
    ExcludeUppercase: bool = False
    ExcludeLowercase: bool = False
    IncludeSpace: bool = False
    RequireEachIncludedType: bool = True

    @classmethod
    def parse(cls, data: Mapping[str, Any]) -> PasswordOptions:
        """Validate options from a form or a file; a bad option is a ParameterError in plain words."""
        try:
            return cls.model_validate(dict(data))
        except ValidationError as exc:
            issues = [Issue(".".join(str(p) for p in err["loc"]) or "options", _plain(err)) for err in exc.errors()]
            raise ParameterError.from_issues(issues) from None

    def classes(self) -> dict[str, str]:
        """The character classes in use, each minus the excluded characters; empty classes are left out."""
        wanted = {
            "lowercase": "" if self.ExcludeLowercase else string.ascii_lowercase,
            "uppercase": "" if self.ExcludeUppercase else string.ascii_uppercase,
            "digits": "" if self.ExcludeNumbers else string.digits,
            "punctuation": "" if self.ExcludePunctuation else PUNCTUATION,
        }
        excluded = set(self.ExcludeCharacters)
        out = {name: "".join(c for c in chars if c not in excluded) for name, chars in wanted.items()}
        return {name: chars for name, chars in out.items() if chars}

    def alphabet(self) -> str:
        extra = " " if self.IncludeSpace and " " not in self.ExcludeCharacters else ""
        return "".join(self.classes().values()) + extra


def _plain(err: Any) -> str:
    field = err["loc"][-1] if err["loc"] else "options"
    kind = err["type"]
    if field == "PasswordLength" and kind in ("greater_than_equal", "less_than_equal"):
        return f"The length must be between {MIN_LENGTH} and {MAX_LENGTH} characters."
    if field == "PasswordLength":
        return "The length must be a whole number."
    if field == "ExcludeCharacters" and kind == "string_too_long":
        return f"At most {MAX_EXCLUDE_CHARACTERS} characters can be excluded."
    if kind == "extra_forbidden":
        return "This is not an option of GetRandomPassword."
    return f"{field} is not valid: {err['msg']}."


def check_options(options: PasswordOptions) -> list[Issue]:
    """Why these options cannot produce a password (empty when they can)."""
    classes = options.classes()
    if not options.alphabet():
        return [
            Issue(
                "ExcludeCharacters",
                "Every character is excluded, so no password can be made. Include "
                "at least one class of characters or exclude fewer characters.",
            )
        ]
    if options.RequireEachIncludedType and options.PasswordLength < len(classes):
        names = ", ".join(CLASS_NAMES[c] for c in classes)
        n = options.PasswordLength
        return [
            Issue(
                "PasswordLength",
                f"A password of {n} characters cannot hold one of "
                f"each required type ({names}). Make it at least {len(classes)} "
                "characters long or stop requiring each type.",
            )
        ]
    return []


def generate_password(options: PasswordOptions | None = None) -> SecretStr:
    """A random password satisfying `options`, drawn with `secrets` only, wrapped at once in SecretStr."""
    options = options or PasswordOptions()
    issues = check_options(options)
    if issues:
        raise ParameterError.from_issues(issues)
    alphabet = options.alphabet()
    chars = [secrets.choice(c) for c in options.classes().values()] if options.RequireEachIncludedType else []
    chars += [secrets.choice(alphabet) for _ in range(options.PasswordLength - len(chars))]
    # Fisher-Yates with `secrets` so the required characters are not always at the front.
    for i in range(len(chars) - 1, 0, -1):
        j = secrets.randbelow(i + 1)
        chars[i], chars[j] = chars[j], chars[i]
    return SecretStr("".join(chars))


def request_params(options: PasswordOptions) -> dict[str, Any]:
    """The GetRandomPassword parameters for these options: every member, as the service names them."""
    return options.model_dump()


def service_refusal(options: PasswordOptions) -> tuple[str, str, str] | None:
    """What the service answers for options it refuses (docs/aws-behaviour.md §19), as (code, message, field).

    Options made by `PasswordOptions.parse` are always in range; this also covers options built without
    validation (`model_construct`), as a request from another client could be. A length below 1 is botocore's
    client-side refusal, code "ParamValidation" (the caller makes it a ParameterError, exit 252).
    """
    if options.PasswordLength < MIN_LENGTH:
        text = f"Invalid value for parameter PasswordLength, valid min value: {MIN_LENGTH}"
        return "ParamValidation", text, "PasswordLength"
    high: list[tuple[str, str]] = []
    if options.PasswordLength > MAX_LENGTH:
        rule = f"have value less than or equal to {MAX_LENGTH}"
        text = m.CONSTRAINT.format(value=options.PasswordLength, member="passwordLength", rule=rule)
        high.append(("PasswordLength", text))
    if len(options.ExcludeCharacters) > MAX_EXCLUDE_CHARACTERS:
        rule = f"have length less than or equal to {MAX_EXCLUDE_CHARACTERS}"
        value = printable(options.ExcludeCharacters)
        high.append(("ExcludeCharacters", m.CONSTRAINT.format(value=value, member="excludeCharacters", rule=rule)))
    if high:
        return "ValidationException", m.validation_errors([t for _, t in high]), high[0][0]
    issues = check_options(options)
    if not issues:
        return None
    if issues[0].field == "PasswordLength":
        return "InvalidParameterException", m.PASSWORD_TOO_SHORT, "PasswordLength"
    return "InvalidParameterException", m.PASSWORD_NOTHING_LEFT, "ExcludeCharacters"
