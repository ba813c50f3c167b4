"""Plain mode's steps: the wizard's steps (`smtui.routing.STEPS`) as questions, on the wizard's own draft.

Each step reads and fills the same `Draft` the full-screen wizard fills, checks answers with the same model
rules (`validate_field`), and asks the target through the same backend calls as the wizard's screens: the name
check (`check_name`), the key list (`list_kms_keys`), the regions (`regions`), the account (`whoami`) and
CreateSecret itself. Review lists every choice (the value only as its size and fingerprint) and jumps back to
any step; after that step, the flow returns to Review, as the wizard does.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC
from pathlib import Path

from smtui import routing
from smtui.backends.base import Backend
from smtui.draft import Draft
from smtui.errors import ConfigurationError, Issue, ParameterError, SmtuiError
from smtui.hints import put_value_advice
from smtui.model import CreateSecretResult, KmsKey, NameStatus, ReplicaRegion, Tag, ValidationContext, validate_field
from smtui.model.request import request_warnings
from smtui.model.rules import TAGS_MAX
from smtui.plain.console import Console
from smtui.plain.prompts import Check, ask, choose, say_issues, yes_no
from smtui.plain.result import create, follow_replicas, say_failure, say_success
from smtui.plain.value import FORM_WORDS, FORMS, InterruptSeen, ValueReader, summary_words
from smtui.regions import region_problem
from smtui.settings import BackendKind, TargetSettings

DEFAULT_KEY_WORDS = "the default key, aws/secretsmanager"
_TYPE_KEY = "\0type"


class Quit(Exception):
    """The person chose to quit (a normal end, exit 0, as the wizard's Quit)."""


def _errors(issues: list[Issue]) -> bool:
    return any(i.severity == "error" for i in issues)


def _field_check(field: str) -> Check:
    """The model's rules for one member; an empty answer (a member left out) has none."""
    return lambda text: validate_field(field, text) if text else []


class PlainWizard:
    """The flow on one console; `run` returns after a quit or a created secret the person is done with."""

    def __init__(self, console: Console, settings: TargetSettings, interrupt_seen: InterruptSeen | None = None) -> None:
        self.console = console
        self.draft = Draft(target=settings.with_env())
        self.backend: Backend | None = None
        self._error: SmtuiError | None = None  # why the target could not be opened, for the way out
        self.account = ""  # the target's account, once known
        self.results: list[CreateSecretResult] = []
        self.values = ValueReader(console, interrupt_seen)

    # the walk ----------------------------------------------------------------------------------------------
    def run(self) -> None:
        """Walk the steps in order, then Review; raises Quit or KeyboardInterrupt to stop."""
        try:
            self.console.say(
                "smtui plain mode: creates a secret in AWS Secrets Manager or in the local store, one question at a "
                "time. Ctrl+C stops at any question; nothing is created before you confirm at Review."
            )
            steps = routing.STEPS[:-1]  # every step before Review, in order
            while True:
                for step in steps:
                    self.show(step.id)
                self.review_and_submit()
                if not self.another():
                    return
                steps = routing.STEPS[1:-1]  # another secret: the same target, from the name on
        finally:
            self.draft.clear_value()
            if self.backend is not None:
                self.backend.close()

    def show(self, step_id: str) -> None:
        step = routing.step(step_id)
        self.console.say("", f"Step {routing.position(step_id)} of {len(routing.STEPS)}: {step.title}.")
        getattr(self, f"step_{step_id}")()

    # target ------------------------------------------------------------------------------------------------
    def step_target(self) -> None:
        kinds: list[tuple[str, BackendKind]] = [
            ("AWS Secrets Manager", "aws"),
            ("The local encrypted store on this computer", "local"),
        ]
        current = self.draft.target.backend
        if current is None:
            from smtui.backends import resolve_default_kind

            current = "aws" if resolve_default_kind(self.draft.target) == "aws" else "local"
        kind = choose(
            self.console,
            "Where should the secret be created?",
            kinds,
            default=0 if current == "aws" else 1,
            label="Target",
        )
        target = replace(self.draft.target, backend=kind)
        while True:
            while not self._open(target):
                target = self._target_failed(target)
            backend = self.backend
            assert backend is not None
            region = ask(
                self.console,
                "",
                "Region",
                lambda text: [Issue("Region", problem)] if (problem := region_problem(text.strip())) else [],
                default=backend.region,
                default_words=f"keep {backend.region}",
            ).strip()
            if region == backend.region:
                return
            target = replace(self.draft.target, region=region)

    def _open(self, target: TargetSettings) -> bool:
        """Open the target and say what it is; False (the error said) when it cannot be used."""
        from smtui.backends import open_backend

        self.console.say("Opening the target.")
        if self.backend is not None:
            self.backend.close()
            self.backend = None
        self._error = None
        try:
            backend = open_backend(target)
        except SmtuiError as exc:
            self._error = exc
        except Exception as exc:
            self._error = ConfigurationError(f"The target could not be opened: {type(exc).__name__}")
        else:
            try:
                provider = getattr(getattr(backend, "keys", None), "provider", None)
                if backend.kind == "local" and getattr(provider, "name", "") == "keyring":
                    from smtui.backends.local.material import KeyringProvider

                    KeyringProvider().check()  # the keyring is needed at the first create: know now
                description = backend.describe_target()
            except Exception as exc:
                backend.close()
                self._error = exc if isinstance(exc, SmtuiError) else ConfigurationError(type(exc).__name__)
            else:
                self.backend = backend
                self.draft.target = replace(target, backend=backend.kind, region=backend.region)
                self.console.say(f"Opened: {description}.")
                try:
                    identity = backend.whoami()
                    self.account = identity.Account
                    self.console.say(f"Account {identity.Account}, as {identity.Arn}.")
                except SmtuiError as exc:
                    self.account = ""
                    self.console.say(f"The account could not be resolved: {exc.message}")
                return True
        error = self._error
        assert error is not None
        self.console.say(f"The target cannot be used: {error.message}")
        if error.hint:
            self.console.say(error.hint)
        return False

    def _target_failed(self, target: TargetSettings) -> TargetSettings:
        """After a target failed: a key file (when there is no keyring), again, another target, or quit."""
        options: list[tuple[str, str]] = [("Try again", "again"), ("Choose another target", "other")]
        if target.backend != "aws" and self._error is not None and self._error.code == "NoKeyring":
            self.console.say(
                "No usable OS keyring was found, so the local store has nowhere safe to keep its key. A key file "
                "is simpler, but anyone who can read it, or a backup of it, can decrypt the store. Keep it on "
                "this machine, readable only by you."
            )
            options.insert(0, ("Use a key file", "key-file"))
        options.append(("Quit", "quit"))
        answer = choose(self.console, "What now?", options)
        if answer == "quit":
            raise Quit
        if answer == "other":
            return replace(target, backend="local" if target.backend == "aws" else "aws")
        if answer == "key-file":
            default = target.key_file or (target.store.with_suffix(".key") if target.store else None)
            if default is None:
                from platformdirs import user_data_path

                default = user_data_path("smtui") / "store.key"
            path = ask(self.console, "", "Key file path", default=str(default))
            return replace(target, backend="local", key_file=Path(path).expanduser())
        return target

    # name --------------------------------------------------------------------------------------------------
    def step_name(self) -> None:
        self.console.say(
            "The name identifies the secret in its region: letters, digits and / _ + = . @ - only; slashes make "
            "a path such as prod/app/db."
        )
        default = self.draft.name or None
        self.draft.name = ask(self.console, "", "Name", self._name_issues, default=default, guard="the name")
        self.draft.description = ask(
            self.console,
            "The description is optional.",
            "Description",
            _field_check("Description"),
            default=self.draft.description,
            default_words=f"keep {self.draft.description}" if self.draft.description else "none",
        )

    def _name_issues(self, name: str) -> list[Issue]:
        issues = validate_field("Name", name)
        if _errors(issues) or self.backend is None:
            return issues
        try:
            status = self.backend.check_name(name)
        except SmtuiError as exc:
            return [*issues, Issue("Name", f"the name could not be checked now: {exc.message}", "warning")]
        problem = name_problem(name, status)
        if problem:
            return [*issues, Issue("Name", problem)]
        self.console.say(f"{name} is free in this target.")
        return issues

    # value -------------------------------------------------------------------------------------------------
    def step_value(self) -> None:
        self.console.say("The secret itself. It is never shown or echoed, only described by its size and fingerprint.")
        forms = list(FORMS)
        default = next((n for n, (_t, form) in enumerate(forms) if form == self.draft.value_form), 0)
        form = choose(self.console, "How will you give the value?", forms, default=default, label="Value form")
        self.draft.clear_value()
        value, origin = self.values.read(form)
        self.draft.value_form = form
        if isinstance(value, bytes):
            self.draft.set_binary_value(value, origin)
        else:
            self.draft.set_string_value(value, origin)
        del value

    # encryption --------------------------------------------------------------------------------------------
    def step_encryption(self) -> None:
        assert self.backend is not None
        self.console.say(
            "The KMS key that encrypts the secret. The default aws/secretsmanager key is right for most secrets."
        )
        try:
            keys = self.backend.list_kms_keys()
        except SmtuiError as exc:
            self.console.say(f"The keys could not be listed: {exc.message}. You can type a key instead.")
            keys = []
        options: list[tuple[str, str]] = [(DEFAULT_KEY_WORDS, "")]
        options += [(key_words(k), k.AliasNames[0] if k.AliasNames else k.KeyId) for k in keys if not k.IsDefault]
        options.append(("Type a key id, key ARN or alias", _TYPE_KEY))
        chosen = self.draft.kms_key_id
        default = next((n for n, (_w, key) in enumerate(options) if key == chosen), len(options) - 1)
        key = choose(self.console, "Which key?", options, default=default, label="Key")
        if key == _TYPE_KEY:
            key = ask(self.console, "", "Key id, key ARN, alias/NAME or alias ARN", _field_check("KmsKeyId"))
        self.draft.kms_key_id = key

    # tags --------------------------------------------------------------------------------------------------
    def step_tags(self) -> None:
        self.console.say(
            f"Tags are optional labels, a key and a value, for cost reports, access policies and search. Tags "
            f"are not encrypted: never put a secret in one. Up to {TAGS_MAX}; keys starting with aws: are reserved."
        )
        if self.draft.tags:
            self.console.say(f"Tags so far: {tags_words(self.draft.tags)}.")
            if yes_no(self.console, "Start the tags again from none?", default=False):
                self.draft.tags = []
        while True:
            key = ask(
                self.console, "", f"Tag {len(self.draft.tags) + 1} key (Enter alone when done)", guard="a tag key"
            )
            if not key:
                return
            value = ask(self.console, "", f"Value of tag {key} (Enter alone for an empty value)")
            candidate = [*self.draft.tags, Tag(Key=key, Value=value)]
            index = len(candidate) - 1
            issues = [
                i
                for i in validate_field("Tags", candidate)
                if i.field.startswith(f"Tags[{index}]") or not i.field.startswith("Tags[")
            ]
            if not say_issues(self.console, issues):
                self.draft.tags = candidate

    # replicas ----------------------------------------------------------------------------------------------
    def step_replicas(self) -> None:
        assert self.backend is not None
        self.console.say("Optional: read-only copies of the secret in other regions, kept in sync by Secrets Manager.")
        regions = [r for r in self.backend.regions() if r != self.backend.region]
        while True:
            chosen = ask(
                self.console,
                "Regions: " + ", ".join(f"{n} {r}" for n, r in enumerate(regions, start=1)) + ".",
                "Replica regions, as numbers or names separated by spaces",
                lambda text: pick_issues(text, regions)[1],
                default="",
                default_words="none",
            )
            picked = pick_issues(chosen, regions)[0]
            replicas = []
            for region in picked:
                key = self.console.ask(f"KMS key for {region} (Enter alone: that region's aws/secretsmanager)")
                replicas.append(ReplicaRegion(Region=region, KmsKeyId=key.strip() or None))
            context = ValidationContext(region=self.backend.region)
            issues = validate_field("AddReplicaRegions", replicas, context=context) if replicas else []
            if not say_issues(self.console, issues):
                break
        self.draft.replicas = replicas
        self.draft.force_overwrite_replica_secret = bool(replicas) and yes_no(
            self.console,
            "If a secret with this name already exists in a replica region, overwrite it with the replica?",
            default=self.draft.force_overwrite_replica_secret,
            no="No, replication to that region fails",
            yes="Yes, overwrite it",
        )

    # resource permissions ----------------------------------------------------------------------------------
    def step_permissions(self) -> None:
        """Skipped, and said so: plain mode creates the secret without a resource policy. A policy is a JSON
        document to edit, not an answer to a question; the full-screen wizard has the editor, and the command
        line attaches a policy afterwards (the command is printed here)."""
        self.draft.resource_policy = ""
        self.console.say(
            "Plain mode creates the secret without a resource policy. To attach one afterwards: smtui "
            "put-resource-policy --secret-id NAME --resource-policy file://policy.json --block-public-policy"
        )

    # review, submit, result ----------------------------------------------------------------------------------
    def review_and_submit(self) -> None:
        """Review until the person submits and the secret is created (or quits: Quit)."""
        while True:
            self.console.say("", f"Step {len(routing.STEPS)} of {len(routing.STEPS)}: Review.")
            request_ok = self.say_review()
            options: list[tuple[str, str]] = [("Create the secret", "submit")] if request_ok else []
            options += [(f"Change {s.title}", s.id) for s in routing.STEPS[:-1] if s.id != "permissions"]
            options.append(("Quit without creating the secret", "quit"))
            answer = choose(self.console, "What next?", options, label="Next")
            if answer == "quit":
                raise Quit
            if answer != "submit":
                self.show(answer)
                continue
            if self.submit():
                return

    def say_review(self) -> bool:
        """The draft read out as a list, the value only described; True when it makes a valid request."""
        draft, backend = self.draft, self.backend
        assert backend is not None
        self.console.say("Check everything before it is created. The value is not shown.")
        replicas = ", ".join(r.Region + (f" with key {r.KmsKeyId}" if r.KmsKeyId else "") for r in draft.replicas)
        if draft.replicas:
            replicas += ". Overwrite a same-name secret there: " + (
                "yes" if draft.force_overwrite_replica_secret else "no"
            )
        rows = [
            ("Target", backend.describe_target() + (f", account {self.account}" if self.account else "")),
            ("Name", draft.name),
            ("Description", draft.description or "none"),
            ("Value", value_words(draft)),
            ("Encryption", draft.kms_key_id or DEFAULT_KEY_WORDS),
            ("Tags", tags_words(draft.tags)),
            ("Replicas", replicas or "none"),
            ("Request token", draft.client_request_token),
        ]
        for label, text in rows:
            self.console.say(f"  {label}: {text}")
        try:
            request = draft.to_request(backend.region)
        except ParameterError as exc:
            issues = list(exc.issues) or [Issue(exc.field or "request", exc.message)]
            say_issues(self.console, issues)
            steps = {routing.step_for_field(i.field) or "review" for i in issues}
            titles = ", ".join(s.title for s in routing.STEPS if s.id in steps)
            self.console.say(f"To fix: {titles}.")
            return False
        say_issues(self.console, request_warnings(request))
        return True

    def submit(self) -> bool:
        """Create the secret; on failure offer the step to change, a retry, or quit. True once created."""
        backend = self.backend
        assert backend is not None
        while True:
            self.console.say("Creating the secret.")
            outcome = create(backend, self.draft.to_request(backend.region))
            if isinstance(outcome, CreateSecretResult):
                break
            step = say_failure(self.console, outcome)
            options = [
                (f"Go back to {routing.step(step).title}", step),
                ("Retry with the same request", "retry"),
                ("Quit", "quit"),
            ]
            answer = choose(self.console, "What now?", options)
            if answer == "quit":
                raise Quit
            if answer != "retry":
                self.show(step)
                return False
        self.draft.clear_value()
        self.results.append(outcome)
        say_success(self.console, outcome)
        if outcome.ReplicationStatus:
            self.results[-1] = follow_replicas(self.console, backend, outcome)
        return True

    def another(self) -> bool:
        """After a success: create another with the same target and choices (new token, no name, no value)."""
        if not yes_no(self.console, "Create another secret?", default=False, no="No, finish", yes="Yes"):
            return False
        self.draft.clear_value()
        self.draft.renew_token()
        self.draft.name = ""
        return True


def name_problem(name: str, status: NameStatus) -> str | None:
    """Why a name cannot be used in the target (None when it is free)."""
    if status.State == "free":
        return None
    if status.State == "taken":
        return f"a secret named {name} already exists here. Choose another name. {put_value_advice(name)}"
    when = (
        f"on {status.DeletedDate.astimezone(UTC).strftime('%Y-%m-%d %H:%M')} UTC"
        if status.DeletedDate
        else "at the end of its recovery window"
    )
    return (
        f"a secret named {name} is scheduled for deletion {when}. Restore it (smtui restore-secret "
        f"--secret-id {name}), wait until then, or choose another name."
    )


def key_words(key: KmsKey) -> str:
    aliases = ", ".join(key.AliasNames) or "no alias"
    description = f", {key.Description}" if key.Description else ""
    return f"{aliases}, key {key.KeyId}{description}"


def tags_words(tags: list[Tag]) -> str:
    if not tags:
        return "none"
    count = f"{len(tags)} tag" + "s" * (len(tags) != 1)
    return f"{count}: " + "; ".join(f"{t.Key} = {t.Value or 'empty'}" for t in tags)


def value_words(draft: Draft) -> str:
    value = draft.secret_string or draft.secret_binary
    if value is None:
        return "none"
    return f"{FORM_WORDS.get(draft.value_form, draft.value_form)}, {summary_words(value.get_secret_value())}"


def pick_issues(text: str, regions: list[str]) -> tuple[list[str], list[Issue]]:
    """The regions an answer names (numbers of the list, or names), and the words it holds that name none."""
    picked: list[str] = []
    issues: list[Issue] = []
    for word in text.replace(",", " ").split():
        if word.isdigit() and 1 <= int(word) <= len(regions):
            region = regions[int(word) - 1]
        elif word in regions:
            region = word
        else:
            issues.append(
                Issue(
                    "AddReplicaRegions", f"{word} is neither a number from 1 to {len(regions)} nor a region of the list"
                )
            )
            continue
        if region not in picked:
            picked.append(region)
    return picked, issues
