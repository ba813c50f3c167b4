"""Step 3 — the secret's value, in one of five forms, never echoed and never trimmed behind the person's back.

Interface (follows `screens.base.StepScreen`): `ValueScreen()` reads and writes `self.draft` (the app's
Draft). `save()` validates through the model (`smtui.model.value.value_issues` → `validate_field`) plus the
active form's own checks (confirmation, duplicate keys, password options), then calls
`draft.set_string_value(v, origin)` or `draft.set_binary_value(b)` and records `draft.value_form`. The value
is copied into the draft even when invalid, so Back loses nothing; Next stays on the step while an error
remains.

A ContentSwitcher holds the five forms (`smtui.widgets.secret_*`, `keyvalue`, `binary_file`, `password_gen`);
below it the step always shows the size in bytes against the limit, the fingerprint, the model's issues and
the hygiene warnings, each with Keep / Trim. Leaving the screen (Next, Back, cancel) wipes every form.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.widgets import Button, ContentSwitcher, Input, RadioButton, RadioSet, Static

from smtui.draft import ValueForm
from smtui.model.value import Finding, describe_value, value_issues
from smtui.screens.base import StepScreen
from smtui.widgets.binary_file import BinaryFileForm
from smtui.widgets.issues import IssueLabel
from smtui.widgets.keyvalue import KeyValueForm
from smtui.widgets.password_gen import PasswordGeneratorForm
from smtui.widgets.paste_rule import RULE_TEXT
from smtui.widgets.secret_form import SecretForm
from smtui.widgets.secret_input import SingleLineForm
from smtui.widgets.secret_multiline import MultilineForm
from smtui.widgets.styled_text import assemble, plain
from smtui.widgets.template_form import TemplateForm

FORMS: tuple[tuple[ValueForm, str, type[SecretForm]], ...] = (
    ("single", "Single line", SingleLineForm),
    ("multiline", "Multi-line", MultilineForm),
    ("keyvalue", "Key/value", KeyValueForm),
    ("binary", "File", BinaryFileForm),
    ("generated", "Generate", PasswordGeneratorForm),
    ("template", "Type", TemplateForm),
)
FORM_CLASSES: dict[str, type[SecretForm]] = {form: cls for form, _label, cls in FORMS}


class HygieneRow(Horizontal):
    """One warning with its explanation and the person's two choices."""

    def __init__(self, part: str, finding: Finding, label: str) -> None:
        super().__init__(classes="hygiene-row")
        self.part, self.finding, self.label = part, finding, label

    def compose(self) -> ComposeResult:
        f = self.finding
        where = f"{self.label}: " if self.label else ""  # the label names a key the person typed
        suffix = f"-{self.part}" if self.part else ""
        yield Static(assemble((f"! {where}{f.title}", "bold"), f" — {f.explanation}"), classes="hygiene-text")
        yield Button(
            "Keep",
            id=f"keep-{f.code}{suffix}",
            classes="hygiene-keep",
            compact=True,
            tooltip="Keep the value exactly as it is",
        )
        yield Button("Trim", id=f"trim-{f.code}{suffix}", classes="hygiene-trim", compact=True, tooltip=f.fix_label)


class ValueScreen(StepScreen):
    STEP = "value"
    INTRO = (
        "The secret itself: hidden (Ctrl+R shows it for 10 s), never selectable or copyable. Give it as "
        "one line, a pasted block (PEM, JSON), key/value pairs, a file, or a generated password."
    )

    PUT_INTRO = (
        "The new value for {name}: it becomes the secret's AWSCURRENT version when you put it. Hidden (Ctrl+R "
        "shows it for 10 s), never selectable or copyable; typed, pasted, from a file or generated."
    )

    def intro(self) -> str:
        """Put mode gives a value to a secret that exists, so the words name it instead of a secret to create."""
        if self.draft.mode == "put":
            return self.PUT_INTRO.format(name=self.draft.name or "the secret")
        return self.INTRO

    def compose_body(self) -> ComposeResult:
        with RadioSet(id="value-form"):
            for form, label, _cls in FORMS:
                yield RadioButton(label, id=f"pick-{form}", value=form == self.draft.value_form)
        # Only the chosen form is built now; the others when first picked (fewer widgets, a faster step).
        with ContentSwitcher(id="value-forms", initial=f"form-{self.draft.value_form}"):
            yield self._make_form(self.draft.value_form)
        yield Static("", id="value-summary")
        yield IssueLabel(id="value-issues")
        yield Vertical(id="hygiene")
        yield Static("", id="paste-rule-note")

    def _make_form(self, form: str) -> SecretForm:
        if form == "template":  # coming back shows the template the draft's value was made with
            return TemplateForm(id="form-template", template=self.draft.template)
        return FORM_CLASSES[form](id=f"form-{form}")

    def on_mount(self) -> None:
        # (fingerprint of the whole value, part, finding code) the person chose to keep
        self._kept: set[tuple[str, str, str]] = set()
        self._shown_findings: list[tuple[str, str]] = []
        self.query_one("#value-issues", IssueLabel).display = False
        self.query_one("#paste-rule-note", Static).display = False
        value = self.draft.secret_string or self.draft.secret_binary
        if value is not None:
            plain = value.get_secret_value()
            self.active_form.load(plain, self.draft.value_origin or "typed")
        self.refresh_summary()
        self.call_after_refresh(self.active_form.focus_first)

    def on_unmount(self) -> None:
        self.wipe_forms()

    # the active form ----------------------------------------------------------------------------------------
    @property
    def active_form(self) -> SecretForm:
        current = self.query_one("#value-forms", ContentSwitcher).current or "form-single"
        return self.query_one(f"#{current}", SecretForm)

    @on(RadioSet.Changed, "#value-form")
    async def _form_picked(self, event: RadioSet.Changed) -> None:
        event.stop()
        form = (event.pressed.id or "pick-single").removeprefix("pick-")
        switcher = self.query_one("#value-forms", ContentSwitcher)
        if not switcher.query_children(f"#form-{form}"):
            await switcher.mount(self._make_form(form))
        switcher.current = f"form-{form}"
        self.query_one("#value-issues", IssueLabel).show_issues([])
        self.refresh_summary()
        self.active_form.focus_first()

    @on(Input.Submitted, "#single-value, #single-confirm")
    def _single_submitted(self, event: Input.Submitted) -> None:
        """Enter on a finished single-line value goes on (the form keeps it when a confirmation is due)."""
        event.stop()
        self.action_next()

    def on_secret_form_changed(self, event: SecretForm.Changed) -> None:
        event.stop()
        if event.form is self.active_form:
            self.query_one("#value-issues", IssueLabel).show_issues([])
            self.refresh_summary()

    # summary, hygiene ---------------------------------------------------------------------------------------
    def refresh_summary(self) -> None:
        self._show_paste_rule(self.active_form.breaks_changed() if self.active_form.current_value() else 0)
        value = self.active_form.current_value()
        summary = self.query_one("#value-summary", Static)
        if value is None:
            empty = describe_value(b"" if self.active_form.FORM == "binary" else "")
            summary.update(f"[dim]No value yet · {empty.size_text()}[/]")
            self._show_findings([])
            return
        facts = describe_value(value)
        size = facts.size_text()
        if facts.over_limit:
            size = f"[b red]{size}[/]"
        lines = "" if facts.kind == "binary" else f" · {facts.line_count:,} line" + "s" * (facts.line_count != 1)
        summary.update(f"{size}{lines} · {facts.kind_label} · {facts.fingerprint}")
        kept = {(part, code) for fp, part, code in self._kept if fp == facts.fingerprint}
        self._show_findings([(p, f) for p, f in self.active_form.findings() if (p, f.code) not in kept])

    def _show_paste_rule(self, changed: int) -> None:
        """Says, next to the hygiene warnings, that the paste's CR line breaks were stored as LF (the rule)."""
        note = self.query_one("#paste-rule-note", Static)
        note.display = changed > 0
        if changed:
            breaks = f"{changed:,} line break" + "s" * (changed != 1)
            were = "were" if changed != 1 else "was"
            note.update(plain(f"i {breaks} of the paste arrived as CR and {were} stored as LF. {RULE_TEXT}", "dim"))

    def _show_findings(self, findings: list[tuple[str, Finding]]) -> None:
        shown: list[tuple[str, str]] = [(part, f.code) for part, f in findings]
        if shown == self._shown_findings:
            return
        self._shown_findings = shown
        box = self.query_one("#hygiene", Vertical)
        box.remove_children()
        form = self.active_form
        box.mount_all([HygieneRow(part, f, form.part_label(part)) for part, f in findings])

    @on(Button.Pressed, ".hygiene-keep")
    def _keep(self, event: Button.Pressed) -> None:
        event.stop()
        row = event.button.parent
        value = self.active_form.current_value()
        if isinstance(row, HygieneRow) and value is not None:
            self._kept.add((describe_value(value).fingerprint, row.part, row.finding.code))
            self.refresh_summary()

    @on(Button.Pressed, ".hygiene-trim")
    def _trim(self, event: Button.Pressed) -> None:
        event.stop()
        row = event.button.parent
        if isinstance(row, HygieneRow):
            self.active_form.apply_trim(row.part, row.finding)
            self.refresh_summary()

    # StepScreen ---------------------------------------------------------------------------------------------
    def save(self) -> bool:
        form = self.active_form
        value = form.current_value()
        if value:  # an empty form does not replace what the draft holds (Back from a form never filled)
            self.draft.value_form = form.FORM
            if isinstance(form, TemplateForm):
                self.draft.template = form.template_id
            if isinstance(value, bytes):
                self.draft.set_binary_value(value, form.origin())
            else:
                self.draft.set_string_value(value, form.origin())
        issues = form.form_issues()
        if not issues:
            empty: str | bytes = b"" if form.FORM == "binary" else ""
            issues = value_issues(value if value is not None else empty)
        self.query_one("#value-issues", IssueLabel).show_issues(issues)
        return not any(i.severity == "error" for i in issues)

    def action_next(self) -> None:
        if self.save():
            self.wipe_forms()  # the draft has the value now; the widgets must not keep a copy
            self.wizard.next_step(self.STEP)

    def action_review_now(self) -> None:
        if self.save():
            self.wipe_forms()  # as on Next: the draft has the value, the widgets keep no copy
            self.wizard.review_now(self.STEP)

    def action_back(self) -> None:
        self.save()
        self.wipe_forms()
        self.wizard.previous_step(self.STEP)

    def wipe_forms(self) -> None:
        """Drop the value from every form's widgets (the draft keeps what save() put there)."""
        try:
            forms = list(self.query(SecretForm))
        except NoMatches:  # pragma: no cover - already torn down
            return
        for form in forms:
            try:
                form.wipe()
            except NoMatches:
                continue
