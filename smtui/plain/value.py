"""Plain mode's Value step: the value read hidden, then announced in words, never shown.

Each form reads with the command line's masked prompt (`smtui.cli.masked`): the terminal silent (no echo, not
even a `*`), bracketed paste on so a paste arrives whole with its line breaks, at most a value's maximum kept.
What was received is then said in words: bytes, lines, kind and the session fingerprint (`describe_value`),
each hygiene note (`hygiene_findings`) with a Keep or Trim choice (Keep is the default: nothing is changed behind
the person's back), and the model's rule for a value (`value_issues`). A hand-typed value is asked twice; a
paste once, because it was not typed from memory. After any refusal the same question is asked again.

A multi-line value ends with a line holding only END, or with Ctrl+D at the start of a line. The masked prompt
reports Ctrl+D there as it reports Ctrl+C (KeyboardInterrupt); the two are told apart by the interrupt that
`smtui.hardening` records for a real Ctrl+C (SIGINT). Without that record (signals not handled here) every
KeyboardInterrupt is taken as Ctrl+C: stopping is the safe reading.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from smtui.cli.masked import Entry
from smtui.draft import ValueForm, ValueOrigin
from smtui.errors import Issue, ParameterError
from smtui.model.limits import VALUE_MAX
from smtui.model.password import DEFAULT_LENGTH, PasswordOptions, check_options, generate_password
from smtui.model.rules import secret_binary_issues
from smtui.model.value import describe_value, hygiene_findings, keyvalue_to_json, value_issues
from smtui.plain.console import Console
from smtui.plain.prompts import ask, choose, say_issues, yes_no
from smtui.widgets.paste_rule import too_large_message

END_LINE = "END"
_CTRL_D = "\x04"

FORMS: tuple[tuple[str, ValueForm], ...] = (
    ("Single line, typed or pasted", "single"),
    ("Multi-line block, such as a PEM key or JSON, pasted or typed", "multiline"),
    ("Key and value pairs, saved as a JSON object", "keyvalue"),
    ("A generated password", "generated"),
    ("A binary file", "binary"),
)
FORM_WORDS: dict[str, str] = {
    "single": "single line",
    "multiline": "multi-line",
    "keyvalue": "key and value pairs (JSON)",
    "generated": "generated password",
    "binary": "binary file",
}

#: `signal_exit_code` of smtui.hardening, or None when no real Ctrl+C can be told apart from Ctrl+D.
InterruptSeen = Callable[[], int | None]


class Retry(Exception):
    """The entry was refused (the reason already said): ask the same question again."""


def summary_words(value: str | bytes) -> str:
    """`23 bytes of at most 65,536, 1 line, plain text, session fingerprint 1a2b3c4d` (never the value)."""
    facts = describe_value(value)
    lines = "" if facts.kind == "binary" else f", {facts.line_count:,} line" + "s" * (facts.line_count != 1)
    return (
        f"{facts.size_bytes:,} bytes of at most {facts.limit_bytes:,}{lines}, {facts.kind_label}, {facts.fingerprint}"
    )


class ValueReader:
    """Reads the value in the form the person chose; `read` returns it with its origin."""

    def __init__(self, console: Console, interrupt_seen: InterruptSeen | None = None) -> None:
        self.console = console
        self.interrupt_seen = interrupt_seen

    def read(self, form: ValueForm) -> tuple[str | bytes, ValueOrigin]:
        readers: dict[str, Callable[[], tuple[str | bytes, ValueOrigin]]] = {
            "single": self._single,
            "multiline": self._multiline,
            "keyvalue": self._keyvalue,
            "generated": self._generated,
            "binary": self._binary,
        }
        while True:
            try:
                value, origin = readers[form]()
            except Retry:
                continue
            value = self.review(value, announce=origin != "keyvalue")
            if not say_issues(self.console, value_issues(value)):
                return value, origin

    # announcing --------------------------------------------------------------------------------------------
    def review(self, value: str | bytes, *, announce: bool = True, label: str = "") -> str | bytes:
        """Say what arrived; for each hygiene note, Keep (the default) or Trim. Returns the value kept."""
        where = f"{label}: " if label else ""
        if announce:
            self.console.say(f"Received {where}{summary_words(value)}.")
        for finding in hygiene_findings(value):
            if finding not in hygiene_findings(value):
                continue  # an earlier trim removed this one too
            self.console.say(f"Note on {label or 'the value'}: {finding.title}. {finding.explanation}")
            options: list[tuple[str, bool]] = [("Keep the value exactly as it is", False), (finding.fix_label, True)]
            if choose(self.console, "Keep or trim?", options, label="Keep or trim"):
                value = finding.trim(value)
                self.console.say(f"Trimmed. Now {where}{summary_words(value)}.")
        return value

    # the forms ---------------------------------------------------------------------------------------------
    def _entry(self, label: str, limit: int = VALUE_MAX) -> Entry:
        entry = self.console.entry(label, limit)
        if entry.too_long:
            self.console.say(f"Not accepted: {too_large_message()}.")
            raise Retry
        return entry

    def one_line(self, question: str, label: str) -> tuple[str, bool]:
        """One hidden line (a typed one confirmed): (text, pasted). Raises Retry after saying why."""
        self.console.say(question)
        with self.console.hidden():
            first = self._entry(label)
            if not first.text:
                self.console.say("Not accepted: the value is empty. Type or paste it, then press Enter.")
                raise Retry
            if "\n" in first.text:
                lines = first.text.count("\n") + 1
                self.console.say(
                    f"Not accepted: that paste has {lines} lines, and this value holds one line. Nothing was "
                    "kept. For a block with line breaks, choose the multi-line form."
                )
                raise Retry
            if not first.pasted:
                self._confirm(first.text, lambda: self._entry("Type it again to confirm, hidden").text)
        return first.text, first.pasted

    def _confirm(self, text: str, again: Callable[[], str]) -> None:
        if again() != text:
            self.console.say("Not accepted: the two entries differ. Nothing was kept.")
            raise Retry

    def _single(self) -> tuple[str, ValueOrigin]:
        text, pasted = self.one_line(
            "Type or paste the value, then press Enter. Nothing you type is shown or echoed.", "Value, hidden"
        )
        return text, "pasted" if pasted else "typed"

    def _multiline(self) -> tuple[str, ValueOrigin]:
        self.console.say(
            f"Paste the value, or type it line by line. Nothing is shown. End with a line holding only {END_LINE}, "
            "or press Ctrl+D at the start of a line."
        )
        with self.console.hidden():
            text, typed = self._block("Value, hidden")
            if not text:
                self.console.say("Not accepted: the value is empty.")
                raise Retry
            if typed:
                self.console.say(f"Type the whole value again to confirm, ending the same way ({END_LINE} or Ctrl+D).")
                self._confirm(text, lambda: self._block("Again, hidden")[0])
        return text, "typed" if typed else "pasted"

    def _block(self, label: str) -> tuple[str, bool]:
        """Entries up to END or Ctrl+D, joined by line breaks: (text, whether any of it was typed)."""
        parts: list[str] = []
        used, typed = 0, False
        while True:
            try:
                entry = self._entry(label if not parts else "Next line, hidden", VALUE_MAX - used)
            except KeyboardInterrupt:
                if self.interrupt_seen is None or self.interrupt_seen() is not None:
                    raise  # Ctrl+C
                break  # Ctrl+D at the start of a line: the block is complete
            text = entry.text
            if text == END_LINE:
                break
            typed = typed or not entry.pasted
            if not entry.pasted and text.endswith(_CTRL_D):  # Ctrl+D after some text also ends the block
                parts.append(text.rstrip(_CTRL_D))
                break
            parts.append(text)
            used += len(text.encode("utf-8", "replace")) + 1
        return "\n".join(parts), typed

    def _keyvalue(self) -> tuple[str, ValueOrigin]:
        self.console.say(
            "Key and value pairs, saved as one JSON object. For each pair type the key (it is shown), then its "
            "value (hidden). Enter alone at a key ends the list."
        )
        pairs: list[tuple[str, str]] = []
        while True:
            key = ask(self.console, "", f"Key {len(pairs) + 1} (Enter alone when done)", guard="a key")
            if not key:
                if pairs:
                    break
                self.console.say("Not accepted: add at least one key and value.")
                continue
            if say_issues(self.console, _pair_issues(pairs, key)):
                continue
            while True:
                try:
                    typed = self.one_line("", f"Value for {key}, hidden")[0]
                except Retry:
                    continue
                break
            kept = self.review(typed, label=f"the value for {key}")
            pairs.append((key, kept if isinstance(kept, str) else kept.decode()))
        document = keyvalue_to_json(pairs)
        self.console.say(f"Received {len(pairs)} pair" + "s" * (len(pairs) != 1) + f": {summary_words(document)}.")
        return document, "keyvalue"

    def _generated(self) -> tuple[str, ValueOrigin]:
        defaults = (
            f"{DEFAULT_LENGTH} characters: lowercase and uppercase letters, digits and punctuation, at least one "
            "of each"
        )
        custom = choose(self.console, "Which password?", [(defaults, False), ("Choose the options", True)])
        options = self._password_options() if custom else PasswordOptions()
        password = generate_password(options).get_secret_value()
        self.console.say(
            f"A password of {len(password)} characters was generated here, with Python's secrets module. "
            "It is not shown."
        )
        return password, "generated"

    def _password_options(self) -> PasswordOptions:
        while True:
            length = ask(
                self.console,
                "",
                "Length in characters",
                lambda text: _option_issues({"PasswordLength": text}),
                default=str(DEFAULT_LENGTH),
            )
            data: dict[str, object] = {
                "PasswordLength": int(length),
                "ExcludePunctuation": not yes_no(self.console, "Include punctuation?", default=True),
                "ExcludeNumbers": not yes_no(self.console, "Include digits?", default=True),
                "IncludeSpace": yes_no(self.console, "Include the space character?", default=False),
                "RequireEachIncludedType": yes_no(self.console, "Require one of each type?", default=True),
            }
            data["ExcludeCharacters"] = ask(
                self.console,
                "",
                "Characters to leave out",
                lambda text: _option_issues({"ExcludeCharacters": text}),
                default="",
                default_words="none",
            )
            options = PasswordOptions.parse(data)
            if not say_issues(self.console, check_options(options)):
                return options

    def _binary(self) -> tuple[bytes, ValueOrigin]:
        path = ask(self.console, "The binary secret is read from a file.", "Path of the file")
        data, issues = read_file(Path(path).expanduser())
        if data is None:
            say_issues(self.console, issues)
            raise Retry
        return data, "file"


def _pair_issues(pairs: list[tuple[str, str]], key: str) -> list[Issue]:
    """The model's rules for one more key (empty, used before), with a stand-in value."""
    try:
        keyvalue_to_json([*pairs, (key, "v")])
    except ParameterError as exc:
        return list(exc.issues)
    return []


def _option_issues(data: dict[str, object]) -> list[Issue]:
    try:
        PasswordOptions.parse(data)
    except ParameterError as exc:
        return list(exc.issues)
    return []


def read_file(path: Path) -> tuple[bytes | None, list[Issue]]:
    """The file's bytes, or None and why not; a file over the limit is judged by its size, never read."""
    try:
        if not path.is_file():
            return None, [Issue("SecretBinary", f"{path} is not a regular file.")]
        size = path.stat().st_size
        if size <= VALUE_MAX:
            with path.open("rb") as handle:
                data = handle.read(VALUE_MAX + 1)
            size = len(data)
    except OSError as exc:
        return None, [Issue("SecretBinary", f"{path} could not be read: {exc.strerror or type(exc).__name__}.")]
    issues: list[Issue] = list(secret_binary_issues(size))
    return (None if issues else data), issues
