"""The access key `smtui serve` accepts: made on the store's first serve, kept with the store's key material.

Why with the key material: the secret access key guards every value in the store over the wire, so it deserves
the same home as the keys that encrypt them: the OS keyring, or the key file the person opted in to (the
backend's `MaterialProvider`), never the store's database or a file of its own. The store id scopes it, so two
stores have two keys. The access key id is 20 characters like AWS's, `AKSM` ("access key, Secrets Manager
local") and 16 of AWS's base32 alphabet, so tools that expect AWS's shape take it and a person can tell it is not
an AWS key. The secret access key is 40 characters from `secrets`, held only in a SecretStr and never logged.
"""

from __future__ import annotations

import json
import secrets
import string
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import SecretStr

from smtui.errors import ConfigurationError

if TYPE_CHECKING:
    from smtui.backends.local import LocalBackend

ACCESS_KEY_PREFIX = "AKSM"
ACCESS_KEY_LENGTH = 20
SECRET_KEY_LENGTH = 40
MATERIAL_ID = "serve-credentials"  # the provider's entry beside the KMS keys' ("STORE_ID/serve-credentials")
_AKID_ALPHABET = string.ascii_uppercase + "234567"
_SECRET_ALPHABET = string.ascii_letters + string.digits + "+/"


@dataclass(frozen=True)
class Credentials:
    access_key_id: str
    secret_access_key: SecretStr


def new_credentials() -> Credentials:
    """A fresh access key pair drawn from `secrets`."""
    rest = ACCESS_KEY_LENGTH - len(ACCESS_KEY_PREFIX)
    akid = ACCESS_KEY_PREFIX + "".join(secrets.choice(_AKID_ALPHABET) for _ in range(rest))
    secret = "".join(secrets.choice(_SECRET_ALPHABET) for _ in range(SECRET_KEY_LENGTH))
    return Credentials(akid, SecretStr(secret))


def _decode(raw: bytes, where: str) -> Credentials:
    try:
        data = json.loads(raw.decode("utf-8"))
        akid, secret = data["access_key_id"], data["secret_access_key"]
        if not (isinstance(akid, str) and isinstance(secret, str) and akid and secret):
            raise TypeError("not two strings")
    except (ValueError, TypeError, KeyError) as exc:
        raise ConfigurationError(
            f"The credentials of smtui serve kept in {where} cannot be read ({type(exc).__name__}); they are not "
            "what smtui wrote. Restore them from a backup.",
            code="ServeCredentialsDamaged",
        ) from None
    return Credentials(akid, SecretStr(secret))


def load_or_create(backend: LocalBackend) -> Credentials:
    """The store's serve credentials, created and kept on the first call.

    Why inside the store's write transaction: two `smtui serve` started at the same moment on a new store would
    otherwise each put a pair of their own (the provider's put replaces), and the loser would refuse every request
    signed with what `--print-env` prints. The store's write lock serialises them across processes, whatever the
    provider (keyring or key file): the second finds the first's pair and keeps it.
    """
    provider = backend.keys.provider
    store_id = backend.store.store_id
    where = "the OS keyring" if provider.name == "keyring" else "the key file"
    raw = provider.get(store_id, MATERIAL_ID)
    if raw is not None:
        return _decode(raw, where)
    with backend.store.write():
        raw = provider.get(store_id, MATERIAL_ID)
        if raw is not None:
            return _decode(raw, where)
        created = new_credentials()
        document = {
            "access_key_id": created.access_key_id,
            "secret_access_key": created.secret_access_key.get_secret_value(),
        }
        provider.put(store_id, MATERIAL_ID, json.dumps(document).encode("utf-8"))
    return created
