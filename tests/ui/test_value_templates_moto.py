"""Pilot flows of the Value step's "Secret type" form on the aws backend, against the session's moto server: each
template is picked, filled through the real widgets (masked SecretInputs, PasteBoxes for PEM and `.env`), walked
through every step and created; the SecretString is then read back with boto3, straight from moto, and compared
(as parsed JSON) with what the model builds from the same fields (`secret_templates.render`, `dotenv_to_json`).

A database template's password is the one the form generated when it opened (never typed here): it must reach
the service whole, of the generator's length and without the characters RDS refuses. No secret entered or
generated is on the Value step's screen, on Review or on the result.

moto and the service: plain CreateSecret with a SecretString stores and returns the string unchanged in both;
no divergence was seen for any template (docs/aws-behaviour.md §13 lists where moto differs; no row
there concerns a SecretString's content).

Suite time: a flow is ~10 s, so only RDS PostgreSQL (the default template, a generated password, a default port,
an optional member left out) runs in the normal suite; the other templates run under `--run-slow`. The local
store flows (tests/ui/test_value_templates*.py) and the canary (tests/safety/test_canary_templates.py) cover
the form's shapes in the fast suite.
"""

from __future__ import annotations

import json

import pytest
from textual.widgets import Input

from smtui.app import SmtuiApp
from smtui.model import secret_templates as st
from smtui.model.password import PasswordOptions
from smtui.settings import TargetSettings
from tests.conftest import MotoServer
from tests.ui.test_put_mode import boto_client
from tests.ui.test_value_templates import PASSWORD, SIZE, create, to_template
from tests.ui.test_value_templates_more import CASES, fill, paste_into
from tests.ui.wizard_driver import Wizard, assert_not_on_screen
from tests.unit.test_secret_templates import _pair as pem_pair

# the ordinary fields of the Amazon RDS templates; the cluster id is left empty (an optional member left out)
RDS = {"host": "db.example.com", "username": "admin", "dbname": "app", "dbInstanceIdentifier": "db-1"}
ENV_TEXT = f"# app\nDB_USER=admin\nDB_PASS='{PASSWORD}'\n"
FAST = "rds-postgres"


def typed_fields(template_id: str) -> dict[str, str]:
    """What is typed into `#tpl-<name>`: never the database password (the generated one is kept)."""
    if template_id.startswith("rds-"):
        return dict(RDS)
    fields = dict(CASES[template_id][0])
    fields.pop("password", None)
    return fields


def generated_field(template_id: str) -> str | None:
    return next((f.name for f in st.get(template_id).fields if f.generated), None)


def read_back(moto: MotoServer, arn: str) -> dict[str, object]:
    """The SecretString as moto stores it, parsed: a JSON object."""
    parsed = json.loads(boto_client(moto).get_secret_value(SecretId=arn)["SecretString"])
    assert isinstance(parsed, dict)
    return parsed


async def fill_form(pilot: Wizard, template_id: str) -> tuple[dict[str, str], tuple[str, ...]]:
    """Fill the picked template's form; return every value the form now holds (by field name, `env` for the
    `.env` text) and the markers that must not be drawn: each secret entered or generated."""
    screen = pilot.app.screen
    if template_id == "dotenv":
        await paste_into(pilot, "#tpl-env", ENV_TEXT)
        return {"env": ENV_TEXT}, (PASSWORD,)
    if template_id == "tls":
        key_pem, cert_pem, _other = pem_pair()  # a fresh EC key and its self-signed certificate
        await paste_into(pilot, "#tpl-private_key", key_pem)
        await paste_into(pilot, "#tpl-certificate", cert_pem)
        body = tuple(line for line in key_pem.splitlines() if not line.startswith("-----"))
        return {"private_key": key_pem, "certificate": cert_pem}, body
    fields = typed_fields(template_id)
    await fill(pilot, fields)
    values = {f.name: f.default for f in st.get(template_id).fields} | fields
    generated = generated_field(template_id)
    if generated is not None:
        values[generated] = screen.query_one(f"#tpl-{generated}", Input).value
        return values, (values[generated],)
    return values, tuple(values[f.name] for f in st.get(template_id).fields if f.secret)


def model_json(template_id: str, values: dict[str, str]) -> dict[str, object]:
    """The JSON the model builds from the same values (the form's own source of truth)."""
    if template_id == "dotenv":
        pairs, issues = st.parse_dotenv(values["env"])
        assert not issues
        parsed = json.loads(st.dotenv_to_json(pairs))
    else:
        parsed = json.loads(st.render(template_id, values))
    assert isinstance(parsed, dict)
    return parsed


@pytest.mark.parametrize(
    "template", [t if t == FAST else pytest.param(t, marks=pytest.mark.slow) for t in st.TEMPLATE_IDS]
)
async def test_template_created_on_moto(moto_env: MotoServer, template: str) -> None:
    app = SmtuiApp(TargetSettings(backend="aws"), cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await to_template(pilot, f"moto/tpl/{template}", template)
        values, markers = await fill_form(pilot, template)
        assert markers and all(markers)
        for marker in markers:
            assert_not_on_screen(pilot, marker)
        arn = await create(pilot, markers)
    stored = read_back(moto_env, arn)
    assert stored == model_json(template, values)
    generated = generated_field(template)
    if generated is not None:
        password = stored[generated]
        assert isinstance(password, str) and password == values[generated]
        assert len(password) == PasswordOptions().PasswordLength
        assert not set(password) & set(st.DB_PASSWORD_EXCLUDE)


def test_every_template_is_driven() -> None:
    """A template added to the model needs its fields here (an RDS engine gets RDS's fields by its id)."""
    for template_id in st.TEMPLATE_IDS:
        if template_id in ("dotenv", "tls"):  # pasted, not typed
            continue
        fields = st.get(template_id).fields
        typed = set(typed_fields(template_id))
        assert typed <= {f.name for f in fields}, template_id
        required = {f.name for f in fields if f.required and not f.default and not f.generated}
        assert required <= typed, template_id
