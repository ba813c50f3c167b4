"""The leak canary for the wizard's value forms: typed, pasted multi-line, key/value, generated, binary file.

The real app runs under Textual's pilot on a real local store. Each form gets a unique marker (for the generated
password, the password the generator made), the wizard is walked to a successful create, the ARN is copied, and
the marker must appear zero times in: a screenshot of every step (app.export_screenshot), the clipboard
(app.clipboard) and everything written to the terminal driver (OSC 52 included), Textual's log file (TEXTUAL_LOG),
the process's environment and every process's argv/environ, the local store's files, and the traceback Textual
would print (with locals, as its crash handler does) for a failure forced during the create.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.widgets import RadioButton

from smtui.settings import TargetSettings
from tests.safety.canary import (
    ProcScanner,
    count_hits,
    encoded_forms,
    scan_files,
    short_marker,
    simple_marker,
    store_files,
)

SIZE = (80, 24)
FORMS = ["typed", "pasted", "keyvalue", "generated", "binary"]


class Recorder:
    """Everything the app shows or sends: screenshots, bytes written to the terminal driver."""

    def __init__(self) -> None:
        self.screens: list[str] = []
        self.written = bytearray()

    def attach(self, app: Any) -> None:
        driver = app._driver
        original = driver.write

        def write(data: str) -> None:
            self.written.extend(data.encode("utf-8", "replace"))
            original(data)

        driver.write = write

    def shot(self, app: Any) -> None:
        self.screens.append(app.export_screenshot())


async def _enter(pilot: Any, form: str, marker: str, tmp_path: Path) -> str:
    """Enter the value in `form`; return the marker to look for (the generator makes its own)."""
    from tests.ui.wizard_driver import type_into

    app = pilot.app
    if form != "typed":
        app.screen.query_one(f"#pick-{ {'pasted': 'multiline'}.get(form, form) }", RadioButton).value = True
        await pilot.pause()
    if form == "typed":
        await type_into(pilot, "#single-value", marker, keys=True)
        await pilot.press("ctrl+a", "ctrl+x")  # select all and cut: must do nothing (clipboard checked later)
        await type_into(pilot, "#single-confirm", marker, keys=True)
    elif form == "pasted":
        app.post_message(events.Paste(f"-----BEGIN CANARY-----\n{marker}\nline two\n-----END CANARY-----\n"))
        await pilot.pause()
    elif form == "keyvalue":
        await type_into(pilot, "#kv-key-0", "password")
        await type_into(pilot, "#kv-value-0", marker)  # key by key is the typed path's job (and slow)
    elif form == "binary":
        path = tmp_path / "value.bin"
        path.write_bytes(b"\x00\xff" + marker.encode() + b"\x01")
        await type_into(pilot, "#file-path", str(path))
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    elif form == "generated":
        await pilot.click("#pw-generate")
        await pilot.pause()
        value = app.screen.active_form.current_value()
        assert isinstance(value, str) and value
        return value
    return marker


async def _walk(pilot: Any, form: str, marker: str, tmp_path: Path, rec: Recorder) -> str:
    from tests.ui.wizard_driver import next_step, settle, step, type_into

    await settle(pilot)
    rec.attach(pilot.app)
    rec.shot(pilot.app)
    await next_step(pilot, "name")
    await type_into(pilot, "#name", f"canary/{form}")
    await settle(pilot)
    await next_step(pilot, "value")
    marker = await _enter(pilot, form, marker, tmp_path)
    await settle(pilot)
    rec.shot(pilot.app)
    for expected in ("encryption", "tags", "replicas", "permissions", "review"):
        await next_step(pilot, expected)
        rec.shot(pilot.app)
    assert step(pilot) == "review"
    await type_into(pilot, "#save-path", str(tmp_path / "request.json"))  # the document, saved as offered
    await pilot.press("enter")
    await pilot.pause()
    assert (tmp_path / "request.json").exists(), "the Review step must have saved the document"
    await next_step(pilot)
    await settle(pilot)
    rec.shot(pilot.app)
    return marker


@pytest.mark.parametrize("form", FORMS)
async def test_wizard_value_forms(
    form: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, record_property: Any
) -> None:
    import textual.constants

    from smtui.app import SmtuiApp
    from smtui.backends import open_backend

    log_file = tmp_path / "textual.log"
    monkeypatch.setattr(textual.constants, "LOG_FILE", str(log_file))
    settings = TargetSettings(backend="local", store=tmp_path / "store" / "s.db", key_file=tmp_path / "s.key")
    marker = short_marker() if form in ("typed", "keyvalue") else simple_marker(form)
    rec = Recorder()
    app = SmtuiApp(settings, cursor_blink=False)
    with ProcScanner(encoded_forms(marker)) as scanner:
        async with app.run_test(size=SIZE) as pilot:
            marker = await _walk(pilot, form, marker, tmp_path, rec)
            assert app.results, "the create must have succeeded"
            await pilot.press("c")  # copy the ARN
            await pilot.pause()
            rec.shot(app)
            arn = app.results[0].ARN
    forms = encoded_forms(marker)
    assert app.clipboard == arn
    backend = open_backend(settings)
    try:
        got = backend.get_secret_value(f"canary/{form}")
        secret = got.SecretBinary or got.SecretString
        assert secret is not None
        stored = secret.get_secret_value()
        assert marker.encode() in (stored if isinstance(stored, bytes) else stored.encode())
    finally:
        backend.close()
    env_text = "\0".join(f"{k}={v}" for k, v in os.environ.items()).encode()
    hits = {
        "argv/environ": scanner.total + count_hits(env_text, forms),
        "screenshots": count_hits("\n".join(rec.screens).encode(), forms),
        "clipboard/OSC 52": count_hits(app.clipboard.encode() + bytes(rec.written), forms),
        "textual log": count_hits(log_file.read_bytes() if log_file.exists() else b"", forms),
        "store files": sum(scan_files(store_files(tmp_path / "store"), forms).values()),
        "saved request document": sum(scan_files([tmp_path / "request.json"], forms).values()),
    }
    record_property("canary-row", json.dumps({"path": f"wizard {form} -> local", "hits": hits}))
    assert len(rec.screens) >= 7
    assert not {k: v for k, v in hits.items() if v}, hits


async def test_wizard_forced_failure_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, record_property: Any
) -> None:
    """A failure nobody planned for, raised while the plaintext is an argument of the failing function: what
    the person sees (the screen), and the traceback Textual would print on a crash (it shows locals)."""
    from rich.console import Console
    from rich.traceback import Traceback

    import smtui.backends.local.crypto as crypto
    from smtui.app import SmtuiApp

    def boom(*args: object, **kwargs: object) -> Any:
        raise RuntimeError("forced failure for the leak canary")

    monkeypatch.setattr(crypto, "encrypt", boom)
    for mod in list(__import__("sys").modules.values()):
        name = getattr(mod, "__name__", "")
        if name.startswith("smtui.backends.local") and getattr(mod, "encrypt", None) is not None:
            monkeypatch.setattr(mod, "encrypt", boom)
    settings = TargetSettings(backend="local", store=tmp_path / "store" / "s.db", key_file=tmp_path / "s.key")
    marker = simple_marker("forced")
    rec = Recorder()
    app = SmtuiApp(settings, cursor_blink=False)
    crash = ""
    try:
        async with app.run_test(size=SIZE) as pilot:
            await _walk(pilot, "pasted", marker, tmp_path, rec)
            assert not app.results
            assert app.draft.secret_string is not None, "the draft, value included, must survive for a retry"
    except Exception as exc:  # a crash: render it as Textual's crash handler would, locals included
        console = Console(record=True, width=120, file=open(os.devnull, "w"))  # noqa: SIM115
        console.print(Traceback.from_exception(type(exc), exc, exc.__traceback__, show_locals=True))
        crash = console.export_text()
    forms = encoded_forms(marker)
    hits = {
        "screenshots": count_hits("\n".join(rec.screens).encode(), forms),
        "traceback": count_hits(crash.encode(), forms),
        "clipboard/OSC 52": count_hits((app.clipboard or "").encode() + bytes(rec.written), forms),
    }
    record_property("canary-row", json.dumps({"path": "wizard forced failure -> local", "hits": hits}))
    assert crash or "RuntimeError" in rec.screens[-1], "the failure must be reported on the screen"
    assert not {k: v for k, v in hits.items() if v}, (hits, crash[-3000:])


async def test_wizard_crash_report_shows_no_locals(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str], record_property: Any
) -> None:
    """An exception escaping a handler while the value is a local variable: Textual's own crash report
    prints every frame's locals to the terminal, where they stay after exit; smtui's must not."""
    import smtui.screens.value as value_screen
    from smtui.app import SmtuiApp
    from tests.ui.wizard_driver import next_step, settle, type_into

    def boom(*args: object, **kwargs: object) -> Any:
        raise RuntimeError("crash in a handler for the leak canary")

    settings = TargetSettings(backend="local", store=tmp_path / "store" / "s.db", key_file=tmp_path / "s.key")
    marker = simple_marker("crash")
    app = SmtuiApp(settings, cursor_blink=False)
    with pytest.raises(RuntimeError):
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await next_step(pilot, "name")
            await type_into(pilot, "#name", "canary/crash")
            await settle(pilot)
            await next_step(pilot, "value")
            monkeypatch.setattr(value_screen, "describe_value", boom)
            await type_into(pilot, "#single-value", marker)
            await pilot.pause()
    out, err = capfd.readouterr()
    assert "crash in a handler" in out + err, "the crash report must have been printed"
    hits = {"traceback": count_hits((out + err).encode(), encoded_forms(marker))}
    record_property("canary-row", json.dumps({"path": "wizard crash in a handler", "hits": hits}))
    assert hits["traceback"] == 0, (out + err)[-4000:]
