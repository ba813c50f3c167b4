"""The leak canary for the Value step's "Secret type" form: every form shape's secret field (a database password,
an OAuth client secret, an API key, a TLS private key, a `.env` value) holds its own marker, and each secret
is created on the local store in one app session (Value, Review now, create, "Create another": a short run).
No marker may appear on any step's screen (app.export_screenshot, the Value, Review and result steps among
them), in anything written to the terminal, in captured stdout/stderr or log records, or in the store's files
in any encoded form; only the store, read back through the backend, holds each one.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from textual.widgets import RadioButton, Select

from smtui.app import SmtuiApp
from smtui.model import secret_templates as st
from smtui.screens.result import SubmitScreen
from smtui.settings import TargetSettings
from tests.safety.canary import count_hits, encoded_forms, scan_files, simple_marker, store_files
from tests.safety.test_canary_wizard import Recorder
from tests.ui.test_value_templates import read_back
from tests.ui.test_value_templates_more import paste_into
from tests.ui.wizard_driver import Wizard, next_step, settle, step, type_into
from tests.unit.test_secret_templates import _pair as pem_pair

SIZE = (80, 24)
# the ordinary (non-secret) fields: valid values, so the form lets the person go on
PLAIN = {"host": "db.example.com", "username": "admin", "dbname": "app", "engine": "cockroachdb", "port": "26257"}
SECRET_FIELDS = {"password", "client_secret", "api_key", "private_key"}
# one template per form shape, to keep the run short: the other Amazon RDS engines (MySQL, MariaDB, Oracle,
# SQL Server) have rds-postgres's fields and differ only in the fixed engine and the default port, not secret
SHAPES = ("rds-postgres", "redshift", "documentdb", "other-db", "api-key", "oauth-client", "tls", "dotenv")


def pem_body_line(pem: str) -> str:
    """The key's first base64 line: a leak of part of the key is found too, not only the whole block."""
    return pem.splitlines()[1]


async def fill_template(pilot: Wizard, template_id: str, secret: str, cert_pem: str) -> None:
    """Pick the template on the Value step and fill it: `secret` in its secret field, valid plain values."""
    app = pilot.app
    app.screen.query_one("#pick-template", RadioButton).value = True
    await settle(pilot)
    app.screen.query_one("#tpl-pick", Select).value = template_id
    await settle(pilot)
    if template_id == "dotenv":
        await paste_into(pilot, "#tpl-env", f"USER=admin\nTOKEN='{secret}'\n")
        return
    for spec in st.get(template_id).fields:
        if spec.name == "private_key":
            await paste_into(pilot, "#tpl-private_key", secret)
        elif spec.name == "certificate":
            await paste_into(pilot, "#tpl-certificate", cert_pem)
        elif spec.name in SECRET_FIELDS:
            await type_into(pilot, f"#tpl-{spec.name}", secret)
        elif spec.kind == "text" or spec.kind == "host" or spec.name == "port":
            await type_into(pilot, f"#tpl-{spec.name}", PLAIN.get(spec.name, "value"))


async def test_no_template_secret_is_ever_shown_or_logged(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    settings = TargetSettings(backend="local", store=tmp_path / "store.db", key_file=tmp_path / "store.key")
    key_pem, cert_pem, _other = pem_pair()
    markers = {t: key_pem if t == "tls" else simple_marker(f"tpl-{t}") for t in SHAPES}
    recorder = Recorder()
    created: dict[str, str] = {}
    app = SmtuiApp(settings, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        recorder.attach(app)
        await settle(pilot)
        for template_id, marker in markers.items():
            if step(pilot) != "name":
                await next_step(pilot, "name")
            await type_into(pilot, "#name", f"canary/tpl/{template_id}")
            await settle(pilot)
            await next_step(pilot, "value")
            await fill_template(pilot, template_id, marker, cert_pem)
            recorder.shot(app)
            await pilot.press("ctrl+g")  # Review now: the optional steps never see the value
            await settle(pilot)
            assert step(pilot) == "review", template_id
            recorder.shot(app)
            await next_step(pilot)
            screen = app.screen
            assert isinstance(screen, SubmitScreen) and screen.result is not None, template_id
            recorder.shot(app)
            created[template_id] = screen.result.ARN
            await pilot.press("n")  # Create another
            await settle(pilot)
    out, err = capfd.readouterr()
    logged = "\n".join(f"{r.getMessage()} {r.args!r} {r.exc_text or ''}" for r in caplog.records)
    files = store_files(tmp_path)
    assert files
    for template_id, marker in markers.items():
        forms = encoded_forms(marker)
        if template_id == "tls":
            forms["body-line"] = pem_body_line(marker).encode()
        for picture in recorder.screens:
            assert count_hits(picture.encode(), forms) == 0, template_id
        assert count_hits(bytes(recorder.written), forms) == 0, template_id
        assert count_hits((out + err + logged).encode(), forms) == 0, template_id
        assert sum(scan_files(files, forms).values()) == 0, template_id  # encrypted at rest
        stored = read_back(settings, created[template_id])
        assert marker in stored.values(), template_id  # the store holds it: the canary is not vacuous


def test_shapes_cover_every_template() -> None:
    """A template added to the model with a new form shape must join SHAPES (or be an RDS sibling)."""

    def shape(template: st.Template) -> tuple[tuple[str, str], ...]:
        return tuple((f.name, f.kind) for f in template.fields)

    rds = shape(st.get("rds-postgres"))
    assert set(SHAPES) | {t.id for t in st.TEMPLATES if shape(t) == rds} == set(st.TEMPLATE_IDS)
