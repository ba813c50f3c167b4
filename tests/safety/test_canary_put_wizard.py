"""The leak canary for put mode (a new value into an existing secret): the marker typed on the Value step must
appear nowhere on screen at any step (app.export_screenshot), nor in Review's rows or the result's, nor in
anything written to the terminal, nor in the store's files in any encoded form; only the store, read back
through the backend, holds it as the secret's new AWSCURRENT value.
"""

from __future__ import annotations

from pathlib import Path

from smtui.app import SmtuiApp
from smtui.backends import open_backend
from smtui.model import build_request
from smtui.settings import TargetSettings
from tests.safety.canary import count_hits, encoded_forms, scan_files, simple_marker, store_files
from tests.safety.test_canary_wizard import Recorder
from tests.ui.test_put_mode import choose_put_mode, pick, put_value_and_review, submit
from tests.ui.wizard_driver import shown_text

SIZE = (80, 24)


async def test_put_mode_never_shows_the_value(tmp_path: Path) -> None:
    local_settings = TargetSettings(backend="local", store=tmp_path / "store.db", key_file=tmp_path / "store.key")
    marker = simple_marker("put-wizard")
    backend = open_backend(local_settings)
    arn = backend.create_secret(build_request({"Name": "canary/put", "SecretString": "Zq9-put-canary-old"})).ARN
    backend.close()
    recorder = Recorder()
    app = SmtuiApp(local_settings, cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        recorder.attach(app)
        recorder.shot(app)
        await choose_put_mode(pilot)
        recorder.shot(app)
        await pick(pilot, "canary")
        recorder.shot(app)
        review = await put_value_and_review(pilot, marker)
        recorder.shot(app)
        screen = await submit(pilot)
        recorder.shot(app)
        result = shown_text(pilot, "#result-text")
        assert screen.result is not None
    forms = encoded_forms(marker)
    for picture in recorder.screens:
        assert count_hits(picture.encode(), forms) == 0
    assert marker not in review and marker not in result
    assert count_hits(bytes(recorder.written), forms) == 0
    assert sum(scan_files(store_files(tmp_path), forms).values()) == 0  # encrypted at rest
    backend = open_backend(local_settings)
    try:
        stored = backend.get_secret_value(arn).SecretString
        assert stored is not None and stored.get_secret_value() == marker
    finally:
        backend.close()
