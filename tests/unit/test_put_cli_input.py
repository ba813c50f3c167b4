"""Put mode's request document (smtui.model.cli_input.to_put_cli_input): put-secret-value's keys in the AWS CLI's
order, the value left out exactly as the create document leaves it out, VersionStages only when named."""

from __future__ import annotations

import json

from pydantic import SecretBytes, SecretStr

from smtui.model.cli_input import PUT_SECRET_VALUE_INPUT_KEYS, to_put_cli_input
from smtui.model.lifecycle import PutSecretValueRequest

MARKER = "Zq9-put-doc-marker-77e1"
TOKEN = "0f3c9a52-9b4e-4f0a-8c61-2e5f9d0b4a17"


def test_keys_are_botocore_put_secret_value_members_in_order() -> None:
    import botocore.session

    model = botocore.session.get_session().get_service_model("secretsmanager").operation_model("PutSecretValue")
    members = [m for m in model.input_shape.members if m != "RotationToken"]
    assert list(PUT_SECRET_VALUE_INPUT_KEYS) == members[: len(PUT_SECRET_VALUE_INPUT_KEYS)]


def test_the_value_is_left_out_and_no_version_stages() -> None:
    for value in ({"SecretString": SecretStr(MARKER)}, {"SecretBinary": SecretBytes(MARKER.encode())}):
        request = PutSecretValueRequest(SecretId="app/db", ClientRequestToken=TOKEN, **value)
        doc = to_put_cli_input(request)
        assert doc == {"SecretId": "app/db", "ClientRequestToken": TOKEN}
        assert MARKER not in json.dumps(doc)


def test_named_version_stages_are_kept() -> None:
    request = PutSecretValueRequest(
        SecretId="app/db", ClientRequestToken=TOKEN, SecretString=SecretStr(MARKER), VersionStages=["AWSPENDING"]
    )
    assert to_put_cli_input(request)["VersionStages"] == ["AWSPENDING"]
