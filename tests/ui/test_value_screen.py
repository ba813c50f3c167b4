"""The Value step under Textual's pilot, hosted alone in a small app (no backend, no other steps).

Each form must put the right value in the draft; the typed marker must never appear on screen, on the
clipboard or in an OSC 52 write; hygiene warnings are only applied when the person presses Trim.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import pytest
from textual import events
from textual.actions import SkipAction
from textual.screen import Screen
from textual.widgets import Button, DirectoryTree, Input, RadioButton

import smtui
import smtui.widgets.reveal
from smtui.app import SmtuiApp
from smtui.draft import Draft
from smtui.screens.value import ValueScreen
from smtui.settings import TargetSettings
from smtui.widgets.binary_file import FilePicker
from smtui.widgets.keyvalue import KeyValueForm
from smtui.widgets.secret_input import SecretInput
from smtui.widgets.secret_multiline import PasteBox
from tests.waiting import wait_until

MARKER = "Zq9-ui-marker-XX"
PEM = (
    "-----BEGIN PRIVATE KEY-----\nMIIBVQIBADANBgkqhkiG9w0BAQEFAASC\n"
    f"{MARKER}AT8wggE7AgEAAkEA\n-----END PRIVATE KEY-----\n"
)


class Host(SmtuiApp):
    """The wizard app showing only the Value step: no backend is opened, Next/Back are recorded."""

    # Both parts of the stylesheet at once: this host skips SmtuiApp's on_mount, which loads steps.tcss after the
    # first frame. Absolute paths: relative ones would resolve from this test file.
    CSS_PATH: ClassVar = [str(Path(smtui.__file__).parent / name) for name in ("smtui.tcss", "steps.tcss")]

    def get_default_screen(self) -> Screen[Any]:
        return Screen()  # a blank bottom screen, not the Target step (SmtuiApp's default)

    def __init__(self, draft: Draft | None = None) -> None:
        super().__init__(TargetSettings(backend="local"), cursor_blink=False)
        if draft is not None:
            self.draft = draft
        self.moves: list[str] = []
        self.terminal_writes: list[str] = []

    def next_step(self, step: str) -> None:
        self.moves.append("next")
        self.switch_screen(Screen())

    def previous_step(self, step: str) -> None:
        self.moves.append("back")
        self.switch_screen(Screen())

    def on_mount(self, event: events.Mount | None = None) -> None:
        if event is not None:
            event.prevent_default()  # not SmtuiApp's: no Target step, no backend
        self.push_screen(ValueScreen())
        if self._driver is not None:  # record every byte the app would send to the terminal (OSC 52 included)
            write = self._driver.write

            def spy(data: str) -> None:
                self.terminal_writes.append(data)
                write(data)

            self._driver.write = spy  # type: ignore[method-assign]


async def start(pilot: Any) -> ValueScreen:
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ValueScreen)
    return screen


async def pick(pilot: Any, form: str) -> None:
    pilot.app.screen.query_one(f"#pick-{form}", RadioButton).value = True
    await pilot.pause()


async def paste(pilot: Any, text: str) -> None:
    pilot.app.post_message(events.Paste(text))  # routed to the focused widget, as a terminal's paste is
    await pilot.pause()


async def press_next(pilot: Any) -> str | bytes | None:
    """Ctrl+N, then what the draft holds (the plaintext, for the assertion only)."""
    await pilot.press("ctrl+n")
    await pilot.pause()
    draft = pilot.app.draft
    value = draft.secret_string or draft.secret_binary
    return value.get_secret_value() if value is not None else None


def assert_not_shown(app: Host, *secrets: str) -> None:
    svg = app.export_screenshot()
    for s in secrets:
        assert s not in svg
    assert all("\x1b]52" not in w for w in app.terminal_writes)
    assert app.clipboard == ""


async def test_typed_value_needs_matching_confirmation() -> None:
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await pilot.press(*MARKER)
        assert app.focused is not None and app.focused.id == "single-value"
        await pilot.press("enter")  # a typed value moves on to the confirmation field
        assert app.focused is not None and app.focused.id == "single-confirm"
        await pilot.press(*MARKER[:-1], "ctrl+n")
        assert app.moves == []
        issues = str(app.screen.query_one("#value-issues").render())
        assert "does not match" in issues and MARKER not in issues
        assert_not_shown(app, MARKER)
        await pilot.press(MARKER[-1], "enter")  # Enter on a matching confirmation goes on
        await pilot.pause()
        assert app.moves == ["next"]
        assert app.draft.secret_string is not None and app.draft.secret_string.get_secret_value() == MARKER
        assert (app.draft.value_origin, app.draft.value_form) == ("typed", "single")


async def test_pasted_value_needs_no_confirmation_and_keeps_its_line_break_until_trimmed() -> None:
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await paste(pilot, MARKER + "\n")
        assert not screen.query_one("#single-confirm", SecretInput).display
        assert screen.query_one("#single-value", SecretInput).value == MARKER + "\n"
        await pilot.click("#trim-trailing-newline")
        await pilot.pause()
        assert screen.query_one("#single-value", SecretInput).value == MARKER
        assert not screen.query_one("#single-confirm", SecretInput).display
        field = screen.query_one("#single-value", SecretInput)
        field.focus()
        await pilot.press("end", "x")  # typing into a pasted value makes it a typed one: confirm it
        assert screen.query_one("#single-confirm", SecretInput).display
        field.value = ""  # emptied, it starts over; a new paste needs no confirmation
        await paste(pilot, MARKER)
        assert not screen.query_one("#single-confirm", SecretInput).display
        assert await press_next(pilot) == MARKER
        assert (app.moves, app.draft.value_origin) == (["next"], "pasted")


async def test_several_lines_pasted_into_one_line_field_are_refused_not_cut() -> None:
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await paste(pilot, PEM)
        assert screen.query_one("#single-value", SecretInput).value == ""
        assert any("Multi-line" in str(n.message) for n in app._notifications)


@pytest.mark.parametrize("reveal", [False, True])
async def test_copy_and_cut_never_reach_a_clipboard(reveal: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    # Pilot is headless, where Reveal is refused; this test stands for a real terminal
    monkeypatch.setattr(smtui.widgets.reveal, "ui_is_a_terminal", lambda app: True)
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await pilot.press(*MARKER)
        if reveal:
            await pilot.press("ctrl+r")
            await pilot.pause()
            assert MARKER in app.export_screenshot()  # revealed on request, and still never copied
        field = screen.query_one("#single-value", SecretInput)
        await pilot.press("ctrl+shift+a")  # select all
        assert field.selected_text == MARKER
        # Ctrl+C is the wizard's Interrupt (a priority binding), so the field's own copy paths are driven here
        await pilot.press("ctrl+x", "super+c")
        field.action_copy()
        field.action_cut()
        with pytest.raises(SkipAction):  # the screen's selection copy finds nothing: the field opts out
            screen.action_copy_text()
        await pilot.pause()
        assert app.is_running
        assert field.value == MARKER  # cut removed nothing
        assert app.clipboard == ""
        assert all("\x1b]52" not in w for w in app.terminal_writes)
        assert screen.get_selected_text() in (None, "")


async def test_multiline_paste_keeps_every_line_and_shows_only_a_summary() -> None:
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await pick(pilot, "multiline")
        assert isinstance(app.focused, PasteBox)
        await paste(pilot, PEM)
        summary = str(screen.query_one("#value-summary").render())
        assert "4 line" in summary and "PEM private key" in summary and f"{len(PEM)} / 65,536 bytes" in summary
        assert_not_shown(app, MARKER, "MIIBVQ")
        # the final line break is a hygiene warning with Keep / Trim; Keep leaves the value whole
        await wait_until(pilot, lambda: bool(screen.query("#keep-trailing-newline")))
        await pilot.click("#keep-trailing-newline")
        await wait_until(pilot, lambda: not screen.query("#keep-trailing-newline"))
        assert await press_next(pilot) == PEM
        assert (app.draft.value_form, app.draft.value_origin) == ("multiline", "pasted")


async def test_trim_applies_only_the_chosen_fix() -> None:
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await pick(pilot, "multiline")
        await paste(pilot, f' "{MARKER}"\n')
        found = {b.id for b in screen.query(".hygiene-trim").results(Button)}
        assert found == {"trim-trailing-newline", "trim-surrounding-spaces"}
        await pilot.click("#trim-trailing-newline")
        await pilot.pause()
        assert screen.active_form.current_value() == f' "{MARKER}"'
        await pilot.click("#trim-surrounding-spaces")
        await pilot.pause()
        assert screen.active_form.current_value() == f'"{MARKER}"'
        await pilot.click("#trim-quotes")  # appears once the spaces are gone
        await pilot.pause()
        assert screen.active_form.current_value() == MARKER
        assert not screen.query(".hygiene-row")
        assert_not_shown(app, MARKER)


async def test_keyvalue_pairs_become_a_json_object() -> None:
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await pick(pilot, "keyvalue")
        form = screen.query_one(KeyValueForm)
        await pilot.press("u", "enter", "a")  # Enter in a key moves to its value
        assert app.focused is form.rows()[0].value_input
        form.rows()[0].key_input.value, form.rows()[0].value_input.value = "username", "admin"
        await pilot.click("#kv-add")
        await pilot.pause()
        second = form.rows()[1]
        assert app.focused is second.key_input
        second.key_input.value, second.value_input.value = "username", MARKER
        assert await press_next(pilot) is None
        assert app.moves == []
        issues = str(screen.query_one("#value-issues").render())
        assert "Row 2" in issues and "unique" in issues and MARKER not in issues
        form.rows()[1].key_input.value = "password"
        form.rows()[1].value_input.value = MARKER + " "  # a stray space in one value: warned about, per row
        await pilot.pause()
        trim = f"#trim-surrounding-spaces-{form.rows()[1].row_id}"
        assert "Row 2 (password)" in str(screen.query_one(".hygiene-text").render())
        await pilot.click(trim)
        await pilot.pause()
        assert form.rows()[1].value_input.value == MARKER and not screen.query(".hygiene-row")
        assert_not_shown(app, MARKER)
        assert await press_next(pilot) == f'{{"username":"admin","password":"{MARKER}"}}'
        assert app.moves == ["next"]
        assert (app.draft.value_form, app.draft.value_origin) == ("keyvalue", "keyvalue")


@pytest.mark.parametrize(
    ("data", "shown"),
    [
        (b"\x00\x01\xfe\xff" + MARKER.encode() + b"\x80", "21 / 65,536 bytes · binary data · session fingerprint "),
        (b"\x01" * 65_537, "65537 bytes long"),  # too large: reported from its size, never read
    ],
)
async def test_binary_file_is_read_in_a_worker(tmp_path: Path, data: bytes, shown: str) -> None:
    path = tmp_path / "keystore.p12"
    path.write_bytes(data)
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await pick(pilot, "binary")
        screen.query_one("#file-path", Input).value = str(path)
        await pilot.press("enter")  # Enter in the path field loads, like the Load button
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert shown in str(screen.query_one("#file-result").render())
        assert_not_shown(app, MARKER)
        accepted = len(data) <= 65_536
        assert await press_next(pilot) == (data if accepted else None)
        assert app.moves == (["next"] if accepted else [])
        if accepted:
            assert (app.draft.secret_string, app.draft.value_origin) == (None, "file")


async def test_binary_file_picked_in_the_directory_tree(tmp_path: Path) -> None:
    path = tmp_path / "cert.der"
    path.write_bytes(b"\x30\x82\x01\x0a" * 8)
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await pick(pilot, "binary")
        screen.query_one("#file-path", Input).value = str(tmp_path)
        await pilot.click("#file-browse")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, FilePicker)
        tree = picker.query_one(DirectoryTree)
        tree.post_message(DirectoryTree.FileSelected(tree.root, path))  # what Enter on the file's node posts
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one("#file-path", Input).value == str(path)
        assert await press_next(pilot) == b"\x30\x82\x01\x0a" * 8


async def test_generated_password_is_hidden_until_revealed() -> None:
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await pick(pilot, "generated")
        await pilot.click("#pw-generate")
        await pilot.pause()
        value = screen.active_form.current_value()
        assert isinstance(value, str) and len(value) == 32
        assert_not_shown(app, value)
        assert await press_next(pilot) == value
        assert app.draft.value_origin == "generated"


async def test_impossible_password_options_are_reported() -> None:
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await pick(pilot, "generated")
        screen.query_one("#pw-length", Input).value = "2"
        await pilot.click("#pw-generate")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.moves == []
        assert "cannot hold one of each" in str(screen.query_one("#value-issues").render())


async def test_leaving_wipes_the_widgets_and_coming_back_restores_from_the_draft() -> None:
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        field = screen.query_one("#single-value", SecretInput)
        await paste(pilot, MARKER)
        await pilot.press("escape")  # Back keeps the value in the draft, and clears the widget
        await pilot.pause()
        assert app.moves == ["back"] and field.value == ""
        assert app.draft.secret_string is not None and app.draft.secret_string.get_secret_value() == MARKER
        app.switch_screen(ValueScreen())
        await pilot.pause()
        again = app.screen.query_one("#single-value", SecretInput)
        assert again.value == MARKER and again.password
        assert not app.screen.query_one("#single-confirm", SecretInput).display
        assert_not_shown(app, MARKER)


async def test_empty_value_is_refused_with_the_models_message() -> None:
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        assert await press_next(pilot) is None
        assert app.moves == []
        assert "must not be empty" in str(screen.query_one("#value-issues").render())


@pytest.mark.parametrize(
    ("form", "origin", "value"),
    [
        ("single", "typed", MARKER),
        ("multiline", "pasted", PEM),
        ("keyvalue", "keyvalue", f'{{"user":"u","password":"{MARKER}"}}'),
        ("binary", "file", b"\x00\xff" + MARKER.encode()),
        ("generated", "generated", MARKER),
    ],
)
async def test_coming_back_shows_the_drafts_value_in_its_form(form: str, origin: str, value: str | bytes) -> None:
    draft = Draft(value_form=form)  # type: ignore[arg-type]
    if isinstance(value, bytes):
        draft.set_binary_value(value)
    else:
        draft.set_string_value(value, origin)  # type: ignore[arg-type]
    app = Host(draft)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await pilot.pause()
        assert form == screen.active_form.FORM
        assert screen.active_form.current_value() == value
        assert "session fingerprint " in str(screen.query_one("#value-summary").render())
        assert_not_shown(app, MARKER)
        assert await press_next(pilot) == value
        assert (app.moves, app.draft.value_origin) == (["next"], origin)
