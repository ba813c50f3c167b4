"""Plain mode on the aws backend, against the moto server: the same questions, the calls made through boto3
(the identity, the name check, the key list, CreateSecret), the value only in the service."""

from __future__ import annotations

from pathlib import Path

from smtui.backends import open_backend
from smtui.settings import TargetSettings
from tests.conftest import MotoServer
from tests.plain.session import Session, drawing_found

MARKER = "Zq9-plain-aws-marker-4Tm"


def test_a_pasted_value_created_in_aws(tmp_path: Path, moto_env: MotoServer) -> None:
    with Session(tmp_path, backend="aws") as s:
        s.answer("Target", "")  # AWS is the default: the credentials resolve
        s.expect("Account 123456789012")  # STS, through the same call as the wizard's target step
        s.answer("Region", "")
        s.answer("Name", "plain/aws")
        s.expect("plain/aws is free in this target.")
        s.answer("Description", "")
        s.answer("Value form", "")
        s.paste("Value, hidden", MARKER)
        s.expect(f"Received {len(MARKER)} bytes")
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
        value = backend.get_secret_value("plain/aws").SecretString
    finally:
        backend.close()
    assert value is not None and value.get_secret_value() == MARKER
