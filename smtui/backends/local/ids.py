"""Identifiers the local store hands out, shaped exactly like the service's (docs/aws-behaviour.md §3.3, §5.6).

Why `secrets` everywhere: the ARN suffix exists so that a name re-created after a forced delete gets an ARN
that the old secret's readers cannot guess; a predictable generator would defeat that.
"""

from __future__ import annotations

import re
import secrets
import string
import uuid
from dataclasses import dataclass

from smtui.regions import partition_of

_SUFFIX_ALPHABET = string.ascii_letters + string.digits
SUFFIX_LENGTH = 6
DEFAULT_KEY_ALIAS = "alias/aws/secretsmanager"

_SECRET_ARN = re.compile(
    r"^arn:(?P<partition>aws[a-z-]*):secretsmanager:(?P<region>[a-z0-9-]+):(?P<account>\d{12}):secret:(?P<rest>.+)$"
)
_KMS_ARN = re.compile(
    r"^arn:(?P<partition>aws[a-z-]*):kms:(?P<region>[a-z0-9-]+):(?P<account>\d{12}):(?P<kind>key|alias)/(?P<rest>.+)$"
)


def new_account_id() -> str:
    """A random 12-digit account id (no leading zero, as real ones print)."""
    return str(10**11 + secrets.randbelow(9 * 10**11))


def new_suffix() -> str:
    """Six random characters of [A-Za-z0-9], drawn anew on every create."""
    return "".join(secrets.choice(_SUFFIX_ALPHABET) for _ in range(SUFFIX_LENGTH))


def new_key_id() -> str:
    """A KMS-style key id (a UUID)."""
    return str(uuid.uuid4())


def secret_arn(region: str, account: str, name: str, suffix: str) -> str:
    return f"arn:{partition_of(region)}:secretsmanager:{region}:{account}:secret:{name}-{suffix}"


def key_arn(region: str, account: str, key_id: str) -> str:
    return f"arn:{partition_of(region)}:kms:{region}:{account}:key/{key_id}"


def alias_arn(region: str, account: str, alias_name: str) -> str:
    return f"arn:{partition_of(region)}:kms:{region}:{account}:{alias_name}"


def user_arn(account: str, region: str) -> str:
    return f"arn:{partition_of(region)}:iam::{account}:user/smtui-local"


@dataclass(frozen=True)
class ParsedArn:
    region: str
    account: str
    kind: str  # "secret", "key" or "alias"
    rest: str  # secret NAME-SUFFIX (or partial NAME), key id, or alias name without "alias/"


def parse_secret_arn(value: str) -> ParsedArn | None:
    m = _SECRET_ARN.match(value)
    if not m:
        return None
    return ParsedArn(m["region"], m["account"], "secret", m["rest"])


def parse_kms_arn(value: str) -> ParsedArn | None:
    m = _KMS_ARN.match(value)
    if not m:
        return None
    return ParsedArn(m["region"], m["account"], m["kind"], m["rest"])


def swap_region(arn: str, old: str, new: str) -> str:
    """The replica ARN: the primary's ARN with the region swapped, same suffix (docs/aws-behaviour.md §6.4)."""
    head, sep, tail = arn.partition(f":{old}:")
    return f"{head}:{new}:{tail}" if sep else arn
