"""Plain mode on the aws backend, against the moto server: the same questions, the calls made through boto3
(the identity, the name check, the key list, CreateSecret), the value only in the service."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from smtui.backends import open_backend
from smtui.settings import TargetSettings
from tests.conftest import MotoServer
from tests.plain.session import Session, drawing_found

MARKER = "Zq9-plain-aws-marker-4Tm"


def _enter_value(s: Session, form: str, tmp_path: Path) -> None:
    """The value step for one value form, on the aws backend as on the local store (tests/plain/test_plain_run.py)."""
    s.answer("Value form", form)
    if form == "":  # single line, the default
        s.paste("Value, hidden", MARKER)
        s.expect(f"Received {len(MARKER)} bytes")
    elif form == "2":  # multi-line, pasted as terminals send it (CR between lines)
        s.paste("Value, hidden", f"{MARKER}\r{MARKER[::-1]}")
        s.answer("Next line, hidden", "END")
        s.expect("2 lines")
    elif form == "3":  # key/value pairs
        s.answer("Key 1", "username")
        s.paste("Value for username, hidden", "app")
        s.answer("Key 2", "password")
        s.paste("Value for password, hidden", MARKER)
        s.answer("Key 3", "")
        s.expect("Received 2 pairs: ")
    elif form == "4":  # generated
        s.answer("Choice", "")
        s.expect("was generated")
    else:  # a binary file
        path = tmp_path / "secret.bin"
        path.write_bytes(b"\x00\xff" + MARKER.encode())
        s.answer("Path of the file", str(path))
        s.expect("binary data")


def _expected(form: str) -> object:
    return {
        "": MARKER,
        "2": f"{MARKER}\n{MARKER[::-1]}",
        "3": {"username": "app", "password": MARKER},
        "4": None,
        "5": b"\x00\xff" + MARKER.encode(),
    }[form]


@pytest.mark.parametrize("form", ["", "2", "3", "4", "5"], ids=["single", "multi", "pairs", "generated", "binary"])
def test_each_value_form_created_in_aws(tmp_path: Path, moto_env: MotoServer, form: str) -> None:
    name = f"plain/aws/{form or '1'}"
    with Session(tmp_path, backend="aws") as s:
        s.answer("Target", "")  # AWS is the default: the credentials resolve
        s.expect("Account 123456789012")  # STS, through the same call as the wizard's target step
        s.answer("Region", "")
        s.answer("Name", name)
        s.expect(f"{name} is free in this target.")
        s.answer("Description", "")
        _enter_value(s, form, tmp_path)
        s.answer("Key", "")
        s.answer("Tag 1 key", "")
        s.answer("Replica regions", "")
        s.expect("  Target: AWS (default credentials), region us-east-1, endpoint http")
        s.answer("Next", "")
        s.expect("The secret was created.")
        s.answer("Answer", "")
        assert s.finish() == 0
        assert drawing_found(s.transcript) == []
        assert MARKER.encode() not in s.transcript
    backend = open_backend(TargetSettings(backend="aws", region="us-east-1", endpoint_url=moto_env.url))
    try:
        got = backend.get_secret_value(name)
    finally:
        backend.close()
    expected = _expected(form)
    if form == "5":
        assert got.SecretBinary is not None and got.SecretBinary.get_secret_value() == expected
        return
    assert got.SecretString is not None
    value = got.SecretString.get_secret_value()
    if form == "3":
        assert json.loads(value) == expected
    elif form == "4":
        assert len(value) == 32 and value.encode() not in s.transcript  # the service's default length
    else:
        assert value == expected
