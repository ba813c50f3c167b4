"""Step 7 (create) — resource permissions: an optional policy attached to the secret right after it is created.

A template writes the policy (a role or an account gets read access; the person types only the ARN or the id),
or the person writes their own in the editor. The text is checked as it is typed with smtui's own checks
(`smtui.model.policy_templates`: JSON syntax with line and column, the grammar, public access); a text that
passes them is then sent to the target's ValidateResourcePolicy in a worker, and its findings are shown with
their level. Block public policy is on by default: the service then refuses a policy that grants public access.
The policy is applied by the same submit as the secret (`smtui.submission`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Checkbox, Input, RadioSet, Static, TextArea

from smtui.errors import Issue, SmtuiError
from smtui.model import policy_templates as templates
from smtui.model.policy_templates import TemplateId
from smtui.screens.base import StepScreen
from smtui.screens.choices import ChoiceButton, ChoiceSet
from smtui.widgets.issues import IssueLabel
from smtui.widgets.styled_text import plain

if TYPE_CHECKING:
    from smtui.backends.base import Backend
    from smtui.model.lifecycle import ValidateResourcePolicyResult

BLOCK_PUBLIC_HELP = (
    'With Block public policy on, the service refuses a policy that lets anyone (Principal "*") read the '
    "secret. Leave it on unless the secret must be public."
)


class PolicyChecked(Message):
    """The target's answer to ValidateResourcePolicy for `policy` (or why it could not check)."""

    def __init__(self, policy: str, result: ValidateResourcePolicyResult | None, error: SmtuiError | None) -> None:
        super().__init__()
        self.policy, self.result, self.error = policy, result, error


class PermissionsScreen(StepScreen):
    STEP = "permissions"
    INTRO = (
        "Optional: a resource policy says who else may read this secret (a role, another account). "
        "Pick a template or write the JSON; it is applied right after the secret is created."
    )

    def compose_body(self) -> ComposeResult:
        self._template, principal = templates.recognise(self.draft.resource_policy)
        with ChoiceSet(id="policy-template"):
            for choice in templates.TEMPLATES:
                yield ChoiceButton(choice.label, value=choice.id == self._template, id=f"template-{choice.id}")
        with Horizontal(classes="field-row", id="principal-row"):
            yield Static("", id="principal-label", classes="field-label")
            yield Input(principal, id="principal")
        yield TextArea(
            self.draft.resource_policy, id="policy-text", show_line_numbers=True, soft_wrap=False, tab_behavior="focus"
        )
        yield IssueLabel(id="policy-issues")
        yield IssueLabel(id="policy-target")
        yield Checkbox("Block public policy", self.draft.block_public_policy, id="block-public")
        yield Static(BLOCK_PUBLIC_HELP, classes="note")

    def on_mount(self) -> None:
        self._principals: dict[str, str] = {self._template: self.query_one("#principal", Input).value}
        self._rendered = self.draft.resource_policy  # the text the template wrote (an edit makes it "custom")
        self._checked: dict[str, PolicyChecked] = {}  # the target's answers, by policy text
        self._asked: str | None = None  # the text the target is checking now
        self._advance = False  # Next was pressed while the target was checking: go on once it answers
        self._show_principal()
        self._check()
        self.query_one("#policy-template").focus()

    def backend_ready(self) -> None:
        self._check()

    # widgets -> state ---------------------------------------------------------------------------------------
    @property
    def _text(self) -> str:
        return self.query_one("#policy-text", TextArea).text

    @property
    def _block_public(self) -> bool:
        return self.query_one("#block-public", Checkbox).value

    def _show_principal(self) -> None:
        choice = templates.template(self._template)
        self.query_one("#principal-row").display = bool(choice.principal_label)
        self.query_one("#principal-label", Static).update(plain(choice.principal_label))
        principal = self.query_one("#principal", Input)
        principal.placeholder = choice.placeholder
        with principal.prevent(Input.Changed):
            principal.value = self._principals.get(self._template, "")

    def _load(self, text: str) -> None:
        self._rendered = text
        self.query_one("#policy-text", TextArea).load_text(text)

    @on(RadioSet.Changed, "#policy-template")
    def _template_changed(self, event: RadioSet.Changed) -> None:
        chosen = cast("TemplateId", str(event.pressed.id).removeprefix("template-"))
        if chosen == self._template:
            return
        self._template = chosen
        self._show_principal()
        if chosen == "custom":
            if not self._text.strip():
                self._load(templates.CUSTOM_SKELETON)
        else:
            self._load(templates.render(chosen, self._principals.get(chosen, ""), self.wizard.region))
        self._check()

    @on(Input.Changed, "#principal")
    def _principal_changed(self, event: Input.Changed) -> None:
        if self._template not in ("role", "account") or event.value == self._principals.get(self._template):
            return
        self._principals[self._template] = event.value
        self._load(templates.render(self._template, event.value, self.wizard.region))
        self._check()

    @on(TextArea.Changed, "#policy-text")
    def _text_changed(self) -> None:
        if self._text != self._rendered and self._template != "custom":
            self._template = "custom"  # an edit of a template's text: the editor is the policy now
            self.query_one("#template-custom", ChoiceButton).value = True
            self._show_principal()
        self._check()

    @on(Checkbox.Changed, "#block-public")
    def _block_changed(self) -> None:
        self._check()

    # checks ---------------------------------------------------------------------------------------------------
    def _local_issues(self) -> list[Issue]:
        principal = templates.principal_issues(self._template, self._principals.get(self._template, ""))
        return principal + templates.policy_issues(self._text, block_public_policy=self._block_public)

    def _check(self) -> list[Issue]:
        """smtui's checks now; when they pass, the target's (once per text, in a worker). Returns every finding
        known for the current text."""
        local = self._local_issues()
        self.query_one("#policy-issues", IssueLabel).show_issues(local)
        policy, target = self._text, self.query_one("#policy-target", IssueLabel)
        if not policy.strip() or any(i.severity == "error" for i in local):
            target.show_text("")
            return local
        answer = self._checked.get(policy)
        if answer is not None:
            return local + self._show_answer(answer, local)
        backend = self.wizard.backend
        if backend is None:
            target.show_text("The target is not open yet: it checks the policy once it is.")
        elif self._asked != policy:
            self._asked = policy
            target.show_text("Checking the policy with the target…")
            self._validate(backend, policy)
        return local

    @work(thread=True, exclusive=True, group="policy-check", exit_on_error=False)
    def _validate(self, backend: Backend, policy: str) -> None:
        try:
            self.post_message(PolicyChecked(policy, backend.validate_resource_policy(policy), None))
        except SmtuiError as exc:
            self.post_message(PolicyChecked(policy, None, exc))
        except Exception as exc:  # the step must survive anything the backend lets through
            self.post_message(PolicyChecked(policy, None, SmtuiError(type(exc).__name__)))

    def on_policy_checked(self, event: PolicyChecked) -> None:
        self._checked[event.policy] = event
        if self._asked == event.policy:
            self._asked = None
        if event.policy != self._text:
            return  # an answer for a text since changed: kept, in case the person types it back
        issues = self._check()
        if self._advance:
            self._advance = False
            if not any(i.severity == "error" for i in issues):
                super().action_next()

    def _target_name(self) -> str:
        backend = self.wizard.backend
        return "AWS ValidateResourcePolicy" if backend is not None and backend.kind == "aws" else "the local store"

    def _show_answer(self, answer: PolicyChecked, local: list[Issue]) -> list[Issue]:
        """The target's answer under smtui's own findings; the findings smtui already shows are not repeated."""
        label = self.query_one("#policy-target", IssueLabel)
        name = self._target_name()
        if answer.result is None:
            error = answer.error or SmtuiError("no answer")
            first = error.message.splitlines()[0][:120] if error.message else ""
            label.show_text(
                f"! {name} could not check the policy ({error.code or 'error'}: {first}); smtui's own checks passed."
            )
            return []
        found = templates.target_issues(answer.result, block_public_policy=self._block_public, target=name)
        shown = [i.message for i in local]
        new = [i for i in found if not any(m in i.message for m in shown)]
        if new:
            label.show_issues(new)
        elif found:
            label.show_text(f"{name} found the same as above.", error=any(i.severity == "error" for i in found))
        else:
            label.show_text(f"✓ Checked by {name}: no findings.", ok=True)
        return found

    # moving on ----------------------------------------------------------------------------------------------
    def save(self) -> bool:
        text = self._text
        self.draft.resource_policy = text if text.strip() else ""
        self.draft.block_public_policy = self._block_public
        issues = self._check()
        return not any(i.severity == "error" for i in issues) and self._asked != text

    def action_next(self) -> None:
        if (
            self._asked is not None
            and self._asked == self._text
            and not any(i.severity == "error" for i in self._local_issues())
        ):
            self.save()
            self._advance = True  # the target is still checking this text: Next goes on when it answers
            self.query_one("#policy-target", IssueLabel).show_text("Waiting for the target's check…")
            return
        super().action_next()
