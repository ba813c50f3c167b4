"""Envelope encryption of secret values, as Secrets Manager does it with KMS.

Each version gets a fresh 256-bit data key. The value is sealed with AES-256-GCM under the data key; the data
key is sealed with AES-256-GCM under the KMS key's material. Both seals carry the same associated data: the
encryption context {"SecretARN", "SecretVersionId"} (docs/aws-behaviour.md §5.4) plus the value's kind and the key id.
So a ciphertext or a wrapped key copied into another row, a flipped byte, or the wrong key all fail the GCM
tag check and surface as DecryptionFailure, never as garbage plaintext.
"""

from __future__ import annotations

import json
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from smtui.errors import ServiceError

NONCE_BYTES = 12
KEY_BYTES = 32
_FORMAT = b"\x01"


def new_material() -> bytes:
    """Fresh 256-bit key material for a KMS-like key."""
    return os.urandom(KEY_BYTES)


def associated_data(arn: str, version_id: str, key_id: str, is_binary: bool) -> bytes:
    """The canonical bytes both seals are bound to."""
    context = {
        "SecretARN": arn,
        "SecretVersionId": version_id,
        "KeyId": key_id,
        "Kind": "binary" if is_binary else "string",
    }
    return json.dumps(context, sort_keys=True, separators=(",", ":")).encode()


def _seal(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return _FORMAT + nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def _open(key: bytes, sealed: bytes, aad: bytes) -> bytes:
    if len(sealed) < 1 + NONCE_BYTES + 16 or sealed[:1] != _FORMAT:
        raise InvalidTag
    return AESGCM(key).decrypt(sealed[1 : 1 + NONCE_BYTES], sealed[1 + NONCE_BYTES :], aad)


def encrypt(material: bytes, plaintext: bytes, aad: bytes) -> tuple[bytes, bytes]:
    """(wrapped data key, ciphertext) for one version."""
    data_key = AESGCM.generate_key(bit_length=256)
    return _seal(material, data_key, aad), _seal(data_key, plaintext, aad)


DECRYPTION_FAILED = (
    "Secrets Manager can't decrypt the protected secret text using the provided KMS key: the "
    "stored data does not match this secret version (it was altered or moved)."
)


def decrypt(material: bytes, wrapped_key: bytes, ciphertext: bytes, aad: bytes) -> bytes:
    """The plaintext, or ServiceError DecryptionFailure when anything does not match."""
    try:
        data_key = _open(material, wrapped_key, aad)
        return _open(data_key, ciphertext, aad)
    except (InvalidTag, ValueError):
        raise ServiceError("DecryptionFailure", DECRYPTION_FAILED) from None
