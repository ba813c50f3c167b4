"""Text from a person, a file, the target or a secret is shown exactly as given, through the real widgets.

The bug: markup built around such text (`f"[b]{escape(text)}[/]"`) mangled a `[` that opened no tag, and the
generated password `j_;Yr7sij<AnYTA9e%@['l{t1:Xp6=1t` raised `MarkupError: Expected markup value (found '/]')`
while revealed — an exception whose message held the password. Every path now builds its text with
`smtui.widgets.styled_text` (no markup): these tests drive the real widgets and screens in a Pilot app with
any text (markup look-alikes, backslashes, control characters, Unicode) and check what the widget holds is the
text, that drawing it raises nothing, and that the password never reaches a markup parser or a crash report.
The helper's own properties are in tests/unit/test_styled_text.py.
"""

from __future__ import annotations

import contextlib
import traceback
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from pydantic import SecretStr
from rich.control import strip_control_codes
from rich.segment import Segments
from rich.text import Text
from textual.app import App, ComposeResult
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, OptionList, SelectionList, Static

import smtui.widgets.password_gen as password_gen
import smtui.widgets.reveal as reveal
from smtui.app import SmtuiApp
from smtui.errors import ConfigurationError, Issue, ServiceError, SmtuiError
from smtui.model import Identity, KmsKey, ReplicaRegion, Tag
from smtui.screens.name import NameChecked, NameScreen
from smtui.screens.result import SubmitScreen
from smtui.screens.review import ReviewScreen
from smtui.settings import TargetSettings
from smtui.widgets.binary_file import BinaryFileForm, FileRead
from smtui.widgets.issues import IssueLabel
from smtui.widgets.key_picker import KeyPicker
from smtui.widgets.keyvalue import KeyValueForm
from smtui.widgets.password_gen import GeneratedResult, PasswordGeneratorForm
from smtui.widgets.region_picker import RegionPicker
from smtui.widgets.step_header import StepHeader
from smtui.widgets.tag_table import TagTable
from tests.ui.fixed_target import FixedTarget
from tests.ui.scenes import make_app, open_step
from tests.ui.test_value_screen import Host, pick, start
from tests.ui.wizard_driver import settle
from tests.unit.test_styled_text import PASSWORD, texts
from tests.waiting import wait_until

TRICKY_FIXED = (PASSWORD, "[/]", "a\\", "[b]not bold[/b] [@click=app.quit]x[/] [link=https://e.com]l[/link]")
TRICKY_IDS = ("password", "closing-tag", "backslash", "tags-click-link")
PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def shown(widget: Widget) -> str:
    """What a Static-like widget holds, as text; drawing its segments must not raise."""
    visual = widget.render()
    assert isinstance(visual, Content), f"{widget!r} was given {type(visual).__name__}, not Content"
    "".join(segment.text for segment in visual.render_segments())
    return visual.plain


def prompt(option: Any) -> str:
    assert isinstance(option.prompt, Content)
    return option.prompt.plain


@pytest.fixture
def on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pilot runs headless, where Reveal is refused; these tests stand for a real terminal."""
    monkeypatch.setattr(reveal, "ui_is_a_terminal", lambda app: True)


@pytest.fixture
def parsed_as_markup(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every text given to Textual's or Rich's markup parser while the test runs."""
    seen: list[str] = []
    content_from_markup = Content.from_markup.__func__  # type: ignore[attr-defined]
    text_from_markup = Text.from_markup.__func__  # type: ignore[attr-defined]

    def content_spy(cls: type[Content], /, markup: str | Content, **variables: object) -> Content:
        seen.append(str(markup))
        return content_from_markup(cls, markup, **variables)  # type: ignore[no-any-return]

    def text_spy(cls: type[Text], /, text: str, **options: Any) -> Text:
        seen.append(text)
        return text_from_markup(cls, text, **options)  # type: ignore[no-any-return]

    monkeypatch.setattr(Content, "from_markup", classmethod(content_spy))
    monkeypatch.setattr(Text, "from_markup", classmethod(text_spy))
    yield seen


def always(password: str) -> Callable[[object], SecretStr]:
    """A generator that makes `password` (the form's own generator is random)."""
    return lambda options: SecretStr(password)


# The regression: the generated password that raised MarkupError ------------------------------------------------


async def generated(pilot: Any) -> PasswordGeneratorForm:
    """The Value step's Generate form, Generate pressed (the generator patched to make PASSWORD)."""
    screen = await start(pilot)
    await pick(pilot, "generated")
    form = screen.query_one(PasswordGeneratorForm)
    await pilot.click("#pw-generate")
    await wait_until(pilot, lambda: form.current_value() == PASSWORD, "the password generated")
    return form


@pytest.mark.usefixtures("on_a_terminal")
async def test_the_generated_password_with_a_lone_bracket_is_revealed_exactly(
    monkeypatch: pytest.MonkeyPatch, parsed_as_markup: list[str]
) -> None:
    monkeypatch.setattr(password_gen, "generate_password", always(PASSWORD))
    app = Host()
    async with app.run_test(size=(100, 30)) as pilot:
        form = await generated(pilot)
        result = form.query_one("#pw-result", GeneratedResult)
        assert PASSWORD not in shown(result)  # hidden until Ctrl+R
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: form.revealed, "the password revealed")
        await pilot.pause()  # drawn: no MarkupError on the way
        assert shown(result) == PASSWORD
        visual = result.render()
        assert isinstance(visual, Content) and [(s.start, s.end, s.style) for s in visual.spans] == [
            (0, len(PASSWORD), "bold")
        ]
        app.export_screenshot()
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: not form.revealed, "the password hidden again")
        assert PASSWORD not in shown(result)
    assert sum(PASSWORD in text for text in parsed_as_markup) == 0, "the password reached a markup parser"


@pytest.mark.usefixtures("on_a_terminal")
async def test_a_failure_while_the_password_is_shown_never_reports_it(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    """A crash right after the reveal (forced): the exception, its traceback and the app's crash report (which
    Textual prints with every frame's locals — `plain` and the Content among them — unless hardened) never hold
    the password. Before the fix the crash came first, as a MarkupError quoting it."""
    monkeypatch.setattr(password_gen, "generate_password", always(PASSWORD))
    update = GeneratedResult.update

    def update_then_fail(self: GeneratedResult, content: Any = "", *, layout: bool = True) -> None:
        update(self, content, layout=layout)
        if PASSWORD in str(content):
            raise RuntimeError("forced failure while the password is shown")

    monkeypatch.setattr(GeneratedResult, "update", update_then_fail)
    app = Host()
    reports: list[str] = []
    fatal_error = app._fatal_error  # the hardened crash report (smtui.hardening)

    def record_report() -> None:
        fatal_error()
        for renderable in app._exit_renderables:
            assert isinstance(renderable, Segments)
            reports.append("".join(segment.text for segment in renderable.segments))

    app._fatal_error = record_report  # type: ignore[method-assign]
    with pytest.raises(Exception) as raised:  # which one: checked below, after the leak check
        async with app.run_test(size=(100, 30)) as pilot:
            await generated(pilot)
            await pilot.press("ctrl+r")
            await wait_until(pilot, lambda: app._exception is not None, "the forced failure")
    captured = capsys.readouterr()
    told = [
        str(raised.value),
        "".join(traceback.format_exception(raised.value)),
        *reports,
        caplog.text,
        captured.out,
        captured.err,
    ]
    # indexes, not the texts: a failing assertion must not print the password either
    assert [i for i, text in enumerate(told) if PASSWORD in text] == [], "0 exception, 1 traceback, then reports, log"
    assert isinstance(raised.value, RuntimeError) and "forced failure" in str(raised.value)
    assert reports and "forced failure" in reports[0]  # the report was written, and is the one checked


# Widgets: any text, exactly ---------------------------------------------------------------------------------------


class Widgets(App[None]):
    """The widgets that show outside text, side by side (no screen logic around them)."""

    def compose(self) -> ComposeResult:
        yield StepHeader(3, 7, "Value", "local · us-east-1")
        yield IssueLabel(id="issues")
        yield KeyPicker(id="keys")
        yield RegionPicker(id="regions")
        yield TagTable(id="tags")
        yield BinaryFileForm(id="binary")
        yield PasswordGeneratorForm(id="generated")


@pytest.mark.usefixtures("on_a_terminal")
async def test_every_widget_shows_any_text_exactly() -> None:
    app = Widgets()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        header = app.query_one(StepHeader)
        issues = app.query_one(IssueLabel)
        keys, regions, tags = app.query_one(KeyPicker), app.query_one(RegionPicker), app.query_one(TagTable)
        binary, generated = app.query_one(BinaryFileForm), app.query_one(PasswordGeneratorForm)
        regions.set_regions(["eu-west-1"])

        @example(PASSWORD)
        @example("[b]x[/b] [@click=app.quit]q[/] [link=https://e.com]l[/link] \\")
        @given(texts.filter(bool))  # empty text has its own words ("(no alias)", "No password yet")
        @PROPERTY
        def property(text: str) -> None:
            header.set_target(text)  # the target line: a region or profile as typed
            assert shown(header) == f"3/7 · Value  → {text}"

            issues.show_issues([Issue("Name", text), Issue("Description", text, severity="warning")])
            assert shown(issues) == f"✗ {text}\n! {text}"
            issues.show_text(text)
            assert shown(issues) == text

            keys.set_keys([KmsKey(KeyId=text, AliasNames=[text], Description=text)])
            assert prompt(keys.query_one(OptionList).get_option_at_index(0)) == f"{text}  {text} — {text}"
            keys.show_problem(text)
            assert prompt(keys.query_one(OptionList).get_option_at_index(0)) == text

            regions.set_label("eu-west-1", text)  # a replica's key id as typed
            # Textual's Selection keeps a prompt's first line (dropping BEL, BS, VT, FF and CR when it splits one)
            line = strip_control_codes(f"eu-west-1  {text}".split("\n")[0])
            assert strip_control_codes(prompt(regions.query_one(SelectionList).get_option_at_index(0))) == line

            tags.show_tags([Tag(Key=text, Value=text)], [Issue("Tags[0].Key", text)])
            kept = strip_control_codes(text)  # Rich's Text drops BEL, BS, VT, FF and CR (styled_text.cell)
            assert [str(cell) for cell in tags.get_row_at(0)] == [kept, kept, f"✗ {kept}"]

            binary.on_file_read(FileRead(Path("/data/x[b]['y\\"), None, 0, [Issue("SecretBinary", text)]))
            assert shown(binary.query_one("#file-result", Static)) == f"✗ x[b]['y\\: {text}"

            generated.load(text, "generated")
            generated.action_toggle_reveal()
            assert generated.revealed
            assert shown(generated.query_one(GeneratedResult)) == text
            generated.hide()

        property()
        await pilot.pause()
        app.export_screenshot()  # the last example drawn for real


# Screens: the review, a failed submit, a failed name check ----------------------------------------------------


@contextlib.asynccontextmanager
async def on_review() -> AsyncIterator[tuple[SmtuiApp, Any]]:
    """The whole wizard on the fixed target (tests/ui/fixed_target.py), on the Review step of a full draft."""
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await open_step(pilot, "review")
        yield app, pilot


async def test_the_review_shows_names_descriptions_tags_and_keys_exactly() -> None:
    async with on_review() as (app, pilot):
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        summary = screen.query_one("#review-summary", Static)

        @example(PASSWORD, "[/]")
        @given(texts, texts)
        @PROPERTY
        def property(name: str, other: str) -> None:
            draft = app.draft
            draft.name, draft.description, draft.kms_key_id = name, other, other
            draft.tags = [Tag(Key=name, Value=other)]
            draft.replicas = [ReplicaRegion(Region="eu-west-1", KmsKeyId=other)]
            screen.refresh_review()
            text = shown(summary)
            rows = [
                f"{'Name':<16}{name}",
                f"{'Description':<16}{other or 'none'}",
                f"{'Encryption':<16}{other or 'aws/secretsmanager (default)'}",
                f"{'Tags':<16}{name}={other}",
            ]
            for row in rows:
                assert f"{row}\n" in text
            assert f"{'Replicas':<16}eu-west-1" + (f" (key {other})" if other else "") + " · overwrite" in text
            shown(screen.query_one("#review-issues", IssueLabel))

        property()
        await pilot.pause()
        app.export_screenshot()


async def test_error_messages_are_shown_exactly() -> None:
    """The service's code, message and hint on the Result screen, and a name check that failed."""
    async with on_review() as (app, pilot):
        app.draft.name = "prod/payments/api-key"  # taken on the fixed target: the submit fails
        await pilot.press("ctrl+n")
        await settle(pilot)
        submit = app.screen
        assert isinstance(submit, SubmitScreen)
        failure = submit.query_one("#failure-text", Static)

        @example(PASSWORD, "[b]Code[/b]")
        @given(texts, texts)
        @PROPERTY
        def on_result(message: str, code: str) -> None:
            submit._failed(ServiceError(code or "X", message, hint=message))
            hint = f"{message}\n" if message else ""
            assert shown(failure).startswith(f"{code or 'X'}: {message}\n{hint}\nEverything you entered is kept.")

        on_result()
        await pilot.pause()
        app.export_screenshot()

        app.goto("name")
        await settle(pilot)
        name = app.screen
        assert isinstance(name, NameScreen)
        status = name.query_one("#name-status", IssueLabel)

        @example(PASSWORD)
        @given(texts)
        @PROPERTY
        def on_name_check(message: str) -> None:
            name.on_name_checked(NameChecked(name.query_one("#name", Input).value, None, SmtuiError(message)))
            assert shown(status) == f"The name could not be checked now: {message}"

        on_name_check()
        await pilot.pause()


async def test_a_step_opened_to_fix_an_error_shows_it_exactly() -> None:
    """Back to fix: the step the error belongs to shows its code, message and hint (#step-error)."""
    async with on_review() as (app, pilot):
        for message in TRICKY_FIXED:
            app.fail_to(ServiceError("[red]Code", message, hint=f"hint {message}"), "name")
            await settle(pilot)
            assert isinstance(app.screen, NameScreen)
            assert shown(app.screen.query_one("#step-error", IssueLabel)) == f"[red]Code: {message}\nhint {message}"
            app.export_screenshot()


class OddTarget(FixedTarget):
    """The fixed target, describing itself and its caller with TEXT (a store path, an ARN from the service)."""

    TEXT = ""

    def describe_target(self) -> str:
        return f"local store at /tmp/{self.TEXT}/store.db (us-east-1)"

    def whoami(self) -> Identity:
        return Identity(Account=self.TEXT, Arn=f"arn:aws:iam::1:user/{self.TEXT}")


@pytest.mark.parametrize("text", TRICKY_FIXED, ids=TRICKY_IDS)
async def test_the_target_step_shows_the_target_and_its_errors_exactly(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(OddTarget, "TEXT", text)
    app = SmtuiApp(TargetSettings(backend="local"), cursor_blink=False, opener=OddTarget)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        details = app.screen.query_one("#target-details", Static)
        await wait_until(pilot, lambda: "Account" in shown(details), "the identity shown")
        assert (
            shown(details)
            == f"local store at /tmp/{text}/store.db (us-east-1)\nAccount {text} as arn:aws:iam::1:user/{text}"
        )
        app.export_screenshot()

    def refuse(settings: TargetSettings) -> FixedTarget:
        raise ConfigurationError(f"Cannot open {text}", hint=f"Try {text}")

    app = SmtuiApp(TargetSettings(backend="aws"), cursor_blink=False, opener=refuse)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        details = app.screen.query_one("#target-details", Static)
        assert shown(details) == f"Not usable: Cannot open {text}\nTry {text}"
        app.export_screenshot()


@pytest.mark.parametrize("key", TRICKY_FIXED, ids=TRICKY_IDS)
async def test_a_hygiene_warning_names_its_key_value_row_exactly(key: str) -> None:
    """A warning about one pair's value names the row by the key the person typed."""
    app = Host()
    async with app.run_test(size=(100, 30)) as pilot:
        await start(pilot)
        await pick(pilot, "keyvalue")
        row = app.screen.query_one(KeyValueForm).rows()[0]
        row.key_input.value = key
        row.value_input.value = "value with a trailing space "
        await wait_until(pilot, lambda: bool(app.screen.query(".hygiene-text")), "the hygiene warning")
        warning = shown(app.screen.query_one(".hygiene-text", Static))
        assert warning.startswith(f"! Row 1 ({key}): ")
        app.export_screenshot()
