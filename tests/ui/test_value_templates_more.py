"""Pilot flows of the Value step's "Secret type" form for the templates test_value_templates.py does not drive:
Redshift, DocumentDB, Other database, OAuth client, API key and TLS. Each is picked, filled through the real
widgets (masked SecretInputs, PasteBoxes for PEM), created on the local store, and its SecretString read back
and compared with the JSON the model defines (`secret_templates.render`: fixed members first, a port as a
number, `ssl` as a boolean, an empty optional member left out)."""

from __future__ import annotations

import pytest
from textual import events

from smtui.app import SmtuiApp
from smtui.settings import TargetSettings
from tests.ui.test_value_templates import PASSWORD, SIZE, create, read_back, to_template
from tests.ui.wizard_driver import Wizard, settle, type_into
from tests.unit.test_secret_templates import _pair as pem_pair

# template id -> (fields typed into #tpl-<name>, the JSON read back)
CASES: dict[str, tuple[dict[str, str], dict[str, object]]] = {
    "redshift": (
        {"host": "cluster.abc.eu-west-1.redshift.amazonaws.com", "username": "awsuser", "password": PASSWORD,
         "dbname": "dev", "dbClusterIdentifier": "cluster"},
        {"engine": "redshift", "host": "cluster.abc.eu-west-1.redshift.amazonaws.com", "username": "awsuser",
         "password": PASSWORD, "dbname": "dev", "port": 5439, "dbClusterIdentifier": "cluster"},
    ),
    "documentdb": (
        {"host": "docdb.cluster.example.com", "username": "root", "password": PASSWORD, "ssl": "true"},
        {"engine": "mongo", "host": "docdb.cluster.example.com", "username": "root", "password": PASSWORD,
         "port": 27017, "ssl": True},
    ),
    "other-db": (
        {"engine": "cockroachdb", "host": "10.0.0.7", "username": "app", "password": PASSWORD, "dbname": "main",
         "port": "26257"},
        {"engine": "cockroachdb", "host": "10.0.0.7", "username": "app", "password": PASSWORD, "dbname": "main",
         "port": 26257},
    ),
    "oauth-client": (
        {"client_id": "client-123", "client_secret": PASSWORD},
        {"client_id": "client-123", "client_secret": PASSWORD},
    ),
    "api-key": ({"api_key": PASSWORD}, {"api_key": PASSWORD}),
}  # fmt: skip


async def fill(pilot: Wizard, fields: dict[str, str]) -> None:
    for name, text in fields.items():
        await type_into(pilot, f"#tpl-{name}", text)


async def paste_into(pilot: Wizard, selector: str, text: str) -> None:
    """A PEM block arrives by paste (the PasteBox's only way in); the box holds it, masked."""
    pilot.app.screen.query_one(selector).focus()
    await pilot.pause()
    pilot.app.post_message(events.Paste(text))
    await settle(pilot)


#: Each flow is ~8 s; two run in the CI suite (a field shape each: engine typed, a single secret field), the rest
#: under `slow` (tests/safety/test_canary_templates.py creates every shape in the fast suite and reads it back).
FAST = {"other-db", "api-key"}


@pytest.mark.parametrize("template", [t if t in FAST else pytest.param(t, marks=pytest.mark.slow) for t in CASES])
async def test_template_on_the_local_store(local_settings: TargetSettings, template: str) -> None:
    fields, expected = CASES[template]
    app = SmtuiApp(local_settings, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await to_template(pilot, f"tpl/{template}", template)
        await fill(pilot, fields)
        arn = await create(pilot)
    assert read_back(local_settings, arn) == expected


async def test_tls_on_the_local_store(local_settings: TargetSettings) -> None:
    key_pem, cert_pem, _other = pem_pair()  # a fresh EC key and its self-signed certificate
    app = SmtuiApp(local_settings, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await to_template(pilot, "tpl/tls", "tls")
        await paste_into(pilot, "#tpl-private_key", key_pem)
        await paste_into(pilot, "#tpl-certificate", cert_pem)
        assert "PRIVATE KEY" not in app.export_screenshot()
        arn = await create(pilot)
    assert read_back(local_settings, arn) == {"private_key": key_pem, "certificate": cert_pem}
