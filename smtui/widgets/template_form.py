"""The "Secret type" form of the Value step: a template (RDS, Redshift, OAuth client, TLS, `.env`...) and its
fields, built into the JSON the secret's consumers expect by `smtui.model.secret_templates`.

Why a form of its own: the rules, defaults and JSON are the model's (`template_issues`, `render`); this widget
only lays out `Template.fields`. Secret fields are masked `SecretInput`s, PEM fields and the `.env` text masked
`PasteBox`es (never a plain Input for a secret). The database password is generated when the form opens, with
the characters RDS refuses left out. Values typed for one template are kept (in memory, while the step is
shown) when the person looks at another, and dropped by `wipe()`. The `.env` box lists its parsed keys, never
a value.
"""

from __future__ import annotations

from pydantic import SecretStr
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Input, Label, Select, Static

from smtui.draft import ValueOrigin
from smtui.errors import Issue
from smtui.model import secret_templates as st
from smtui.model.password import PasswordOptions, generate_password
from smtui.widgets.guarded_input import GuardedInput
from smtui.widgets.secret_form import SecretForm
from smtui.widgets.secret_input import SecretInput
from smtui.widgets.secret_multiline import PasteBox


def _generated() -> SecretStr:
    return generate_password(PasswordOptions(ExcludeCharacters=st.DB_PASSWORD_EXCLUDE))


class TemplateForm(SecretForm):
    """A template picker and the chosen template's fields."""

    FORM = "template"

    def __init__(self, *, id: str | None = None, template: str | None = None) -> None:
        super().__init__(id=id)
        self.template_id = template if template in st.TEMPLATE_IDS else st.DEFAULT_TEMPLATE
        self._values: dict[str, dict[str, SecretStr]] = {}  # per template, while the step is shown

    def compose(self) -> ComposeResult:
        yield Select(
            [(t.label, t.id) for t in st.TEMPLATES],
            value=self.template_id,
            allow_blank=False,
            id="tpl-pick",
            compact=True,
        )
        yield Vertical(id="tpl-fields")

    async def on_mount(self) -> None:
        await self._build()

    # fields -------------------------------------------------------------------------------------------------
    def _stored(self, template_id: str) -> dict[str, SecretStr]:
        if template_id not in self._values:
            template = st.get(template_id)
            self._values[template_id] = {
                f.name: _generated() if f.generated else SecretStr(f.default) for f in template.fields
            }
        return self._values[template_id]

    async def _build(self) -> None:
        box = self.query_one("#tpl-fields", Vertical)
        await box.remove_children()
        stored = self._stored(self.template_id)
        widgets: list[Label | Input | PasteBox | Button | Static] = []
        if self.template_id == "dotenv":
            env = PasteBox(id="tpl-env")
            widgets += [Label("Paste the .env file (values stay hidden)"), env, Static("", id="tpl-env-keys")]
        for spec in st.get(self.template_id).fields:
            required = "" if spec.required else " (optional)"
            widgets.append(Label(f"{spec.label}{required}", classes="tpl-label"))
            if spec.kind == "pem":
                widgets.append(PasteBox(id=f"tpl-{spec.name}"))
            elif spec.kind == "secret":
                widgets.append(SecretInput(placeholder=f"{spec.label} (hidden)", id=f"tpl-{spec.name}"))
                if spec.generated:
                    widgets.append(Button("Generate", id="tpl-generate", compact=True))
            else:
                hint = "/".join(c for c in spec.choices if c)
                # not a value field: a paste waits for Keep, so a password pasted into Host is never drawn
                field = GuardedInput(placeholder=hint or spec.label, id=f"tpl-{spec.name}", label=spec.label)
                widgets.append(field.set_class(True, "tpl-text"))
        await box.mount_all(widgets)
        for widget in box.query("PasteBox, Input"):
            name = (widget.id or "").removeprefix("tpl-")
            value = stored.get(name)
            if value is None:
                continue
            if isinstance(widget, PasteBox):
                widget.set_text(value.get_secret_value(), pasted=False)
            elif isinstance(widget, Input):
                widget.value = value.get_secret_value()
        self._show_env_keys()
        self.post_message(self.Changed(self))

    def _collect(self) -> dict[str, SecretStr]:
        """The values now in the widgets of the shown template (also kept for coming back to it)."""
        stored = self._stored(self.template_id)
        for widget in self.query("#tpl-fields PasteBox, #tpl-fields Input"):
            name = (widget.id or "").removeprefix("tpl-")
            if isinstance(widget, PasteBox):
                stored[name] = SecretStr(widget.text)
            elif isinstance(widget, Input):
                stored[name] = SecretStr(widget.value)
        return stored

    def _show_env_keys(self) -> None:
        for note in self.query("#tpl-env-keys").results(Static):
            pairs, _issues = st.parse_dotenv(self._collect().get("env", SecretStr("")).get_secret_value())
            keys = ", ".join(k for k, _v in pairs)
            note.update(f"Keys: {keys}" if keys else "[dim]No keys yet[/]")

    @on(Select.Changed, "#tpl-pick")
    async def _picked(self, event: Select.Changed) -> None:
        event.stop()
        if isinstance(event.value, str) and event.value != self.template_id:
            self._collect()
            self.template_id = event.value
            await self._build()

    @on(Button.Pressed, "#tpl-generate")
    def _generate(self, event: Button.Pressed) -> None:
        event.stop()
        self.query_one("#tpl-password", SecretInput).value = _generated().get_secret_value()

    @on(Input.Changed)
    @on(PasteBox.Changed)
    def _changed(self, event: Input.Changed | PasteBox.Changed) -> None:
        event.stop()
        self._collect()
        self._show_env_keys()
        self.post_message(self.Changed(self))

    # SecretForm ---------------------------------------------------------------------------------------------
    def _plain_values(self) -> dict[str, str | SecretStr]:
        return dict(self._collect())

    def _env_pairs(self) -> tuple[list[tuple[str, SecretStr]], list[Issue]]:
        return st.parse_dotenv(self._collect().get("env", SecretStr("")).get_secret_value())

    def current_value(self) -> str | None:
        if self.template_id == "dotenv":
            pairs, issues = self._env_pairs()
            return st.dotenv_to_json(pairs) if pairs and not issues else None
        values = self._plain_values()
        if not any(v.get_secret_value() if isinstance(v, SecretStr) else v for v in values.values()):
            return None
        return st.render(self.template_id, values)

    def origin(self) -> ValueOrigin:
        return "template"

    def form_issues(self) -> list[Issue]:
        if self.template_id == "dotenv":
            return self._env_pairs()[1]
        return st.template_issues(self.template_id, self._plain_values())

    def load(self, value: str | bytes, origin: ValueOrigin) -> None:
        text = value if isinstance(value, str) else value.decode("utf-8", "replace")
        if self.template_id == "dotenv":
            env = st.json_to_dotenv(text)
            loaded = {"env": env} if env is not None else None
        else:
            loaded = st.parse_values(self.template_id, text)
        if loaded is not None:
            self._values[self.template_id] = {k: SecretStr(v) for k, v in loaded.items()}
            if self.is_mounted:
                self.call_after_refresh(self._build)

    def wipe(self) -> None:
        self._values.clear()
        for widget in self.query("#tpl-fields PasteBox, #tpl-fields Input"):
            if isinstance(widget, SecretInput):
                widget.wipe()
            elif isinstance(widget, PasteBox):
                widget.set_text("", pasted=False)
            elif isinstance(widget, Input):
                widget.value = ""

    def focus_first(self) -> None:
        self.query_one("#tpl-pick", Select).focus()
