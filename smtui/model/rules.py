"""Every client-side CreateSecret rule (docs/aws-behaviour.md §2, §5.1, §6.1; the § numbers below are its
sections), each written once as a small function.

Why a separate module: the pydantic validators of `CreateSecretRequest` and the wizard's one-field checks
(`validate_field`) must agree exactly, so both call these functions instead of holding rules of their own.

Each function takes plain values (str, sequences of pairs, a byte count) and the AWS member path of what it
checks, and returns a list of `RuleIssue`: an `Issue` that also carries the error the service itself would
return, so the local store can answer like AWS. Messages name the path and the rule in plain words. They may
quote a name, a tag or a key id (none of them secret) but never a secret value: the value rules get only
a length.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from smtui.errors import Issue, Severity
from smtui.model import messages as m
from smtui.model.limits import (
    ALIAS_NAME_MAX,
    DESCRIPTION_MAX,
    KMS_KEY_ID_MAX,
    NAME_MAX,
    REGION_MAX,
    REGION_PATTERN,
    TAG_KEY_MAX,
    TAG_VALUE_MAX,
    TOKEN_MAX,
    TOKEN_MIN,
    TYPE_MAX,
)
from smtui.model.limits import TAGS_MAX as TAGS_MAX  # re-exported: screens and widgets import it from here
from smtui.model.limits import VALUE_MAX as VALUE_MAX
from smtui.regions import PARTITION_REGIONS, partition_of

NAME_PUNCTUATION = "/_+=.@-"
TAG_PUNCTUATION = "+-=._:/@"
_REGION_RE = re.compile(REGION_PATTERN.removeprefix("^").removesuffix("$"))
_NAME_CHAR_RE = re.compile(r"[A-Za-z0-9/_+=.@-]")
_SUFFIX_RE = re.compile(r"-[A-Za-z0-9]{6}\Z")
_HEX = "[0-9a-fA-F]"
_KEY_ID = rf"(?:{_HEX}{{8}}-{_HEX}{{4}}-{_HEX}{{4}}-{_HEX}{{4}}-{_HEX}{{12}}|mrk-{_HEX}{{32}})"
_ALIAS = r"alias/[A-Za-z0-9/_-]+"
_ARN_PREFIX = r"arn:aws(?:-cn|-us-gov)?:kms:(?:[a-z]+-)+\d+:\d{12}:"
_KEY_ID_RE = re.compile(_KEY_ID)
_KEY_ARN_RE = re.compile(_ARN_PREFIX + "key/" + _KEY_ID)
_ALIAS_RE = re.compile(_ALIAS)
_ALIAS_ARN_RE = re.compile(_ARN_PREFIX + "(" + _ALIAS + ")")
_ALIAS_CHARS_RE = re.compile(r"[A-Za-z0-9/_-]+")
_ARN_REGION_RE = re.compile(r"arn:aws(?:-cn|-us-gov)?:kms:((?:[a-z]+-)+\d+):")
_QUOTE_MAX = 60  # longer quoted inputs are cut, so one message stays one line


@dataclass(frozen=True)
class RuleIssue(Issue):
    """An Issue plus what the service would answer for it (the local store reads it via `aws_error_for`).

    `rule` is a stable id (e.g. "Name.length.max") for tests and for the wizard to tell rules apart.
    """

    rule: str = ""
    aws_code: str = "ValidationException"
    aws_message: str = ""


def _issue(
    path: str,
    message: str,
    rule: str,
    *,
    aws_code: str = "ValidationException",
    aws_message: str = "",
    severity: Severity = "error",
) -> RuleIssue:
    return RuleIssue(
        field=path, message=message, severity=severity, rule=rule, aws_code=aws_code, aws_message=aws_message
    )


def aws_member(path: str) -> str:
    """`Tags[3].Key` → `tags.4.member.key`, `Filters[0].Values[1]` → `filters.1.member.values.2.member`: the
    member path as the service's constraint messages spell it."""
    out: list[str] = []
    for part in path.split("."):
        name, _, indexes = part.partition("[")
        out.append(name[:1].lower() + name[1:])
        out += [f"{int(i) + 1}.member" for i in re.findall(r"[0-9]+", indexes)]
    return ".".join(out)


def quote(text: str) -> str:
    """Quote a non-secret input for a message, cut when long.

    Characters that are not printable (control codes, terminal escapes, lone surrogates) are shown as `\\uXXXX`,
    so a crafted input cannot drive the terminal that prints the message.
    """
    return "'" + printable(text if len(text) <= _QUOTE_MAX else text[:_QUOTE_MAX] + "…") + "'"


def printable(text: str) -> str:
    """`text` with every non-printable character written as `\\uXXXX` (no terminal escapes in messages)."""
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)


def describe_char(ch: str) -> str:
    """A character as a person can recognise it: `' ' (space)`, `'é' (U+00E9)`, `U+0007`."""
    special = {
        " ": "' ' (space)",
        "\t": "a tab (U+0009)",
        "\n": "a line break (U+000A)",
        "\r": "a carriage return (U+000D)",
    }
    if ch in special:
        return special[ch]
    if not ch.isprintable():
        return f"U+{ord(ch):04X}"
    return f"'{ch}'" if ch.isascii() else f"'{ch}' (U+{ord(ch):04X})"


def _found(bad: Sequence[str]) -> str:
    distinct = list(dict.fromkeys(bad))
    shown = ", ".join(describe_char(c) for c in distinct[:5])
    more = f" and {len(distinct) - 5} more" if len(distinct) > 5 else ""
    return f"found {shown}{more}"


def char_kind(ch: str) -> str:
    """The class of a character, never the character: a space, a control character, a non-ASCII character…"""
    if ch == " ":
        return "a space"
    if ch == "\t":
        return "a tab"
    if ch in "\r\n":
        return "a line break"
    if not ch.isprintable():
        return "a control character"
    if not ch.isascii():
        return "a non-ASCII character"
    return "a symbol"


def _counted(text: str, bad: Sequence[str]) -> str:
    """How many characters break the rule, of which kinds, and where the first is — never which ones.

    Why not quote them (as `_found` does): a field that is not a value field may still hold a value pasted
    there by mistake, and its error message is drawn on screen and in screenshots (docs/security.md,
    "Misplaced pastes").
    """
    bad_set = set(bad)
    first = next(i for i, c in enumerate(text, start=1) if c in bad_set)
    kinds = " or ".join(dict.fromkeys(char_kind(c) for c in bad))
    count = "1 character that is" if len(bad) == 1 else f"{len(bad)} characters that are"
    return f"found {count} not allowed ({kinds}), the first at position {first}"


def _constraint(path: str, rule: str, value: str | None) -> str:
    """The service's constraint text; `value` None marks a sensitive member, whose value is never echoed."""
    member = aws_member(path)
    if value is None:
        return m.validation_errors([m.CONSTRAINT_SENSITIVE.format(member=member, rule=rule)])
    return m.validation_errors([m.CONSTRAINT.format(value=printable(value), member=member, rule=rule)])


def _length(path: str, n: int, lo: int, hi: int, unit: str, *, value: str | None) -> list[RuleIssue]:
    """A min/max length rule; `value` None marks a sensitive member."""
    if n < lo:
        what = "must not be empty" if lo == 1 else f"must be at least {lo} {unit} long; it is {n}"
        return [
            _issue(
                path,
                f"{path} {what} ({lo} to {hi} {unit}).",
                f"{path}.length.min",
                aws_message=_constraint(path, f"have length greater than or equal to {lo}", value),
            )
        ]
    if n > hi:
        return [
            _issue(
                path,
                f"{path} is {n} {unit} long; at most {hi} are allowed.",
                f"{path}.length.max",
                aws_message=_constraint(path, f"have length less than or equal to {hi}", value),
            )
        ]
    return []


def _text(path: str, text: str, hi: int, lo: int = 0) -> list[RuleIssue]:
    return _length(path, len(text), lo, hi, "characters", value=text)


# --- Name (§2.1, §2.3) -------------------------------------------------------------------------------------


def name_issues(name: str, path: str = "Name") -> list[RuleIssue]:
    """Length 1 to 512; ASCII letters, digits and `/_+=.@-` only (not `!`, not `café`, not spaces)."""
    issues = _text(path, name, NAME_MAX, lo=1)
    bad = [c for c in name if not _NAME_CHAR_RE.fullmatch(c)]
    if bad:
        allowed = " ".join(NAME_PUNCTUATION)
        text = f"{path} may contain only ASCII letters, digits and {allowed} ; {_counted(name, bad)}."
        issues.append(_issue(path, text, f"{path}.characters", aws_message=m.INVALID_NAME))
    return issues


def name_warnings(name: str, path: str = "Name") -> list[RuleIssue]:
    """The `-XXXXXX` ending AWS accepts but advises against (§2.3): a warning, never an error."""
    match = _SUFFIX_RE.search(name)
    if not match:
        return []
    text = (
        f"{path} ends with a hyphen and six letters or digits, like the suffix AWS "
        "adds to every secret ARN; lookups by partial ARN may then find the wrong secret. Allowed, but "
        "consider another ending."
    )
    return [_issue(path, text, f"{path}.suffix", severity="warning")]


# --- Simple text members -----------------------------------------------------------------------------------


def unicode_issues(text: str, path: str) -> list[RuleIssue]:
    """Text must be valid Unicode: a lone surrogate (from a JSON "\\ud800" escape) can be neither sent nor stored."""
    bad = [c for c in text if "\ud800" <= c <= "\udfff"]
    if not bad:
        return []
    return [_issue(path, f"{path} is not valid Unicode text (a lone surrogate); {_found(bad)}.", f"{path}.encoding")]


def description_issues(text: str | None, path: str = "Description") -> list[RuleIssue]:
    return [] if text is None else _text(path, text, DESCRIPTION_MAX) + unicode_issues(text, path)


def token_issues(token: str | None, path: str = "ClientRequestToken") -> list[RuleIssue]:
    """32 to 64 characters when given; when absent `build_request` fills a fresh UUID."""
    return [] if token is None else _text(path, token, TOKEN_MAX, lo=TOKEN_MIN) + unicode_issues(token, path)


def type_issues(text: str | None, path: str = "Type") -> list[RuleIssue]:
    return [] if text is None else _text(path, text, TYPE_MAX) + unicode_issues(text, path)


# --- The value (§2.1, §2.4) --------------------------------------------------------------------------------


def secret_string_issues(byte_length: int | None, path: str = "SecretString") -> list[RuleIssue]:
    """1 to 65536 UTF-8 bytes. Gets only the length (None: not UTF-8 encodable), never the value."""
    if byte_length is None:
        return [
            _issue(
                path, f"{path} is not valid Unicode text (it contains a lone surrogate code point).", f"{path}.encoding"
            )
        ]
    found = _length(path, byte_length, 1, VALUE_MAX, "bytes", value=None)
    if not found:
        return []
    if byte_length == 0:
        text = (
            f"{path} must not be empty (1 to {VALUE_MAX} bytes). To create a secret with no value, "
            "leave out both SecretString and SecretBinary."
        )
    else:
        text = f"{path} is {byte_length} bytes long in UTF-8; at most {VALUE_MAX} bytes are allowed."
    return [_issue(path, text, found[0].rule, aws_message=found[0].aws_message)]


def secret_binary_issues(byte_length: int, path: str = "SecretBinary") -> list[RuleIssue]:
    """1 to 65536 bytes. Gets only the length."""
    return _length(path, byte_length, 1, VALUE_MAX, "bytes", value=None)


def both_values_issues(has_string: bool, has_binary: bool) -> list[RuleIssue]:
    """Never both values; neither is allowed (a secret with no version, §3.4)."""
    if has_string and has_binary:
        return [
            _issue(
                "SecretString",
                "SecretString and SecretBinary were both given; a secret holds one or the other. Keep one of them.",
                "SecretString.both",
                aws_code="InvalidParameterException",
                aws_message=m.BOTH_VALUES,
            )
        ]
    return []


# --- KMS key (§5.1) ----------------------------------------------------------------------------------------

KMS_FORMS = (
    "a key ID (1234abcd-12ab-34cd-56ef-1234567890ab or mrk-…), a key ARN "
    "(arn:aws:kms:REGION:ACCOUNT:key/ID), alias/NAME, or an alias ARN "
    "(arn:aws:kms:REGION:ACCOUNT:alias/NAME)"
)


def _kms(path: str, message: str, rule: str) -> RuleIssue:
    return _issue(path, message, f"{path}.{rule}", aws_code="InvalidParameterException", aws_message=m.INVALID_KMS_KEY)


def kms_key_id_issues(key: str | None, path: str = "KmsKeyId", *, region: str | None = None) -> list[RuleIssue]:
    """Empty or absent means the default key; otherwise one of four forms. A bare `mykey` is not an alias.

    `region` is where the key is used (the secret's region, or the replica's): a key named by ARN must be there.
    """
    if not key:
        return []
    return _kms_form_issues(key, path) or kms_region_issues(key, region, path)


def kms_region_issues(key: str, region: str | None, path: str) -> list[RuleIssue]:
    """A key is resolved in the region that uses it (§5.1, §6.4): an ARN naming another region cannot work."""
    match = _ARN_REGION_RE.match(key)
    if region is None or match is None or match.group(1) == region:
        return []
    text = (
        f"{path} is a key in {match.group(1)}, but it would encrypt a secret in {region}; a KMS key must be "
        f"in the same region as the secret it encrypts. Choose a key or alias of {region}."
    )
    return [_kms(path, text, "region")]


def _kms_form_issues(key: str, path: str) -> list[RuleIssue]:
    if len(key) > KMS_KEY_ID_MAX:
        return _text(path, key, KMS_KEY_ID_MAX)
    if _KEY_ID_RE.fullmatch(key) or _KEY_ARN_RE.fullmatch(key):
        return []
    alias_arn = _ALIAS_ARN_RE.fullmatch(key)
    alias = alias_arn.group(1) if alias_arn else key if _ALIAS_RE.fullmatch(key) else None
    if alias is not None:
        if len(alias) > ALIAS_NAME_MAX:
            text = (
                f"{path} has an alias of {len(alias)} characters; at most {ALIAS_NAME_MAX} are allowed "
                "(alias/ included)."
            )
            return [_kms(path, text, "alias.length")]
        return []
    if key.startswith("alias/"):
        rest = key[len("alias/") :]
        if not rest:
            return [_kms(path, f"{path} 'alias/' has no alias name; write alias/NAME.", "alias.empty")]
        bad = [c for c in rest if not _ALIAS_CHARS_RE.fullmatch(c)]
        return [
            _kms(
                path,
                f"{path} alias names may contain only letters, digits and / _ - ; {_found(bad)}.",
                "alias.characters",
            )
        ]
    if key.startswith("arn:"):
        text = (
            f"{path} {quote(key)} is not a KMS key or alias ARN; it must look like "
            "arn:aws:kms:REGION:ACCOUNT:key/ID or arn:aws:kms:REGION:ACCOUNT:alias/NAME."
        )
        return [_kms(path, text, "arn")]
    if _ALIAS_CHARS_RE.fullmatch(key):
        text = (
            f"{path} {quote(key)} is not a key ID, and a bare name is not an alias: to use the alias, "
            f"write alias/{key}."
        )
        return [_kms(path, text, "bare-name")]
    return [_kms(path, f"{path} {quote(key)} is not {KMS_FORMS}.", "form")]


def kms_key_id_warnings(key: str | None, path: str = "KmsKeyId") -> list[RuleIssue]:
    """An AWS managed alias other than aws/secretsmanager is well-formed but unusable here (§5.1)."""
    if not key:
        return []
    match = _ALIAS_ARN_RE.fullmatch(key)
    alias = match.group(1) if match else key
    if alias.startswith("alias/aws/") and alias != "alias/aws/secretsmanager":
        return [
            _issue(
                path,
                f"{path} {quote(key)} is the AWS managed key of another service; of the AWS "
                "managed keys Secrets Manager can use only alias/aws/secretsmanager.",
                f"{path}.managed",
                severity="warning",
            )
        ]
    return []


# --- Tags (§2.5) -------------------------------------------------------------------------------------------


def _tag_char_ok(ch: str) -> bool:
    return ch in TAG_PUNCTUATION or unicodedata.category(ch)[0] in "LNZ"


def tag_text_issues(text: str, path: str, lo: int, hi: int) -> list[RuleIssue]:
    """One tag key or value: length, allowed characters, and the reserved `aws:` prefix (any case)."""
    issues = _text(path, text, hi, lo=lo)
    bad = [c for c in text if not _tag_char_ok(c)]
    if bad:
        allowed = " ".join(TAG_PUNCTUATION)
        pattern = f"satisfy regular expression pattern: {m.TAG_PATTERN}"
        issues.append(
            _issue(
                path,
                f"{path} may contain only letters, digits, spaces and {allowed} ; {_counted(text, bad)}.",
                f"{path}.characters",
                aws_message=_constraint(path, pattern, text),
            )
        )
    if text[:4].lower() == "aws:":
        issues.append(
            _issue(
                path,
                f"{path} must not start with {quote(text[:4])}: the aws: prefix, in any case, is reserved for AWS.",
                f"{path}.reserved",
                aws_code="InvalidParameterException",
                aws_message=m.RESERVED_TAG,
            )
        )
    return issues


def tag_issues(key: str, value: str, index: int, other_keys: Collection[str]) -> list[RuleIssue]:
    """One tag at `Tags[index]`; `other_keys` are the request's other keys (duplicates are case-sensitive)."""
    base = f"Tags[{index}]"
    issues = tag_text_issues(key, f"{base}.Key", 1, TAG_KEY_MAX)
    issues += tag_text_issues(value, f"{base}.Value", 0, TAG_VALUE_MAX)
    if key in other_keys:
        text = f"{base}.Key {quote(key)} is used by another tag; tag keys must be unique (case-sensitive)."
        issues.append(
            _issue(
                f"{base}.Key",
                text,
                "Tags.Key.duplicate",
                aws_code="InvalidParameterException",
                aws_message=m.DUPLICATE_TAG,
            )
        )
    return issues


def tag_count_issues(count: int) -> list[RuleIssue]:
    if count > TAGS_MAX:
        return [
            _issue(
                "Tags",
                f"Tags has {count} tags; at most {TAGS_MAX} are allowed per secret.",
                "Tags.count",
                aws_code="InvalidParameterException",
                aws_message=m.TOO_MANY_TAGS,
            )
        ]
    return []


def tags_issues(tags: Sequence[tuple[str, str]]) -> list[RuleIssue]:
    """The whole tag list: count, then every tag against the keys before it."""
    issues = tag_count_issues(len(tags))
    seen: set[str] = set()  # the keys before tag i, grown as the loop goes: linear in a list of any length
    for i, (key, value) in enumerate(tags):
        issues += tag_issues(key, value, i, seen)
        seen.add(key)
    return issues


# --- Replicas (§6.1) ---------------------------------------------------------------------------------------


def region_issues(region: str, path: str) -> list[RuleIssue]:
    """A region code: 1 to 128 characters matching `^([a-z]+-)+\\d+$`, like `eu-west-1`."""
    issues = _text(path, region, REGION_MAX, lo=1)
    if region and not _REGION_RE.fullmatch(region):
        pattern = f"satisfy regular expression pattern: {REGION_PATTERN}"
        text = (
            f"{path} {quote(region)} is not a region code; it must look like eu-west-1 (lowercase words "
            "joined by hyphens, then a number)."
        )
        issues.append(_issue(path, text, f"{path}.pattern", aws_message=_constraint(path, pattern, region)))
    return issues


def replica_issues(
    region: str, kms_key_id: str | None, index: int, primary: str | None, other_regions: Collection[str]
) -> list[RuleIssue]:
    """One replica at `AddReplicaRegions[index]`; `other_regions` are the request's other replica regions."""
    path = f"AddReplicaRegions[{index}].Region"
    issues = region_issues(region, path)
    if primary is not None and region == primary:
        issues.append(
            _issue(
                path,
                f"{path} is the primary region {primary}; a replica must be in another region.",
                "AddReplicaRegions.Region.primary",
                aws_code="InvalidParameterException",
                aws_message=m.INVALID_REPLICA_REGION,
            )
        )
    elif region in other_regions:
        issues.append(
            _issue(
                path,
                f"{path} {quote(region)} is listed twice; each replica region may appear once.",
                "AddReplicaRegions.Region.duplicate",
                aws_code="InvalidParameterException",
                aws_message=m.INVALID_REPLICA_REGION,
            )
        )
    key_path = f"AddReplicaRegions[{index}].KmsKeyId"
    return issues + kms_key_id_issues(kms_key_id, key_path, region=region if not issues else None)


def region_warnings(region: str, path: str, primary: str | None = None) -> list[RuleIssue]:
    """A well-formed replica region that will most likely fail (its replica becomes `Failed`, §6.1, §6.3): one of
    another partition than the secret's, or one smtui does not know (maybe new, maybe misspelt: `eu-west-9`).
    Warnings, not errors: the service decides, and the primary secret is created either way.
    """
    if not _REGION_RE.fullmatch(region):
        return []
    if primary is not None and partition_of(region) != partition_of(primary):
        return [
            _issue(
                path,
                f"{path} {region} is in the {partition_of(region)} partition, but the secret is in "
                f"{primary} ({partition_of(primary)}); a replica outside the secret's partition "
                "will fail.",
                f"{path}.partition",
                severity="warning",
            )
        ]
    if any(region in known for known in PARTITION_REGIONS.values()):
        return []
    return [
        _issue(
            path,
            f"{path} {region} is not a Secrets Manager region smtui knows; check the spelling "
            "(it may also be a region opened after this smtui was released).",
            f"{path}.unknown",
            severity="warning",
        )
    ]


def replica_list_issues(count: int) -> list[RuleIssue]:
    """An AddReplicaRegions list that was GIVEN must name at least one region (the service model's minimum of
    1, which the AWS CLI checks before sending). The request model reads an empty list as "no replicas" (its
    default, and the wizard's), so this rule is for a client that can tell "given empty" from "not given": the
    CLI, for `--add-replica-regions '[]'` or `"AddReplicaRegions": []` in a document. [added by the CLI owner]
    """
    if count < 1:
        return [
            _issue(
                "AddReplicaRegions",
                "AddReplicaRegions must list at least one region when it is given "
                "(minimum 1); leave the option out for a secret without replicas.",
                "AddReplicaRegions.length.min",
                aws_message="Invalid length for parameter AddReplicaRegions, value: 0, valid min length: 1",
            )
        ]
    return []


def replicas_issues(replicas: Sequence[tuple[str, str | None]], primary: str | None) -> list[RuleIssue]:
    """The whole replica list. Empty means "no replicas" (the member is then left out when sending)."""
    issues: list[RuleIssue] = []
    seen: set[str] = set()  # the regions before replica i, grown as the loop goes (linear, as tags_issues)
    for i, (region, key) in enumerate(replicas):
        issues += replica_issues(region, key, i, primary, seen)
        seen.add(region)
    return issues


# --- For the other request models (the lifecycle operations' rules in `version_rules`) ---------------------


def length_issues(path: str, n: int, lo: int, hi: int, unit: str, *, value: str | None) -> list[RuleIssue]:
    """A min/max length (or list size) rule; `value` None marks a sensitive member, whose value is never echoed."""
    return _length(path, n, lo, hi, unit, value=value)
