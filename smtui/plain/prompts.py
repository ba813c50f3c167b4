"""Plain mode's questions: numbered choices and typed answers, each default said in words.

One shape for every question: the question, then (for a choice) its numbered options, then the answer line.
When an answer breaks a rule, the rule is said (in the model's own words: the rules are written once, in
`smtui.model`) and the very same question is asked again, so a person who cannot see the screen always knows
where they are. Warnings are said as notes and do not stop the answer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from smtui.errors import Issue
from smtui.paste_guard import secret_reason
from smtui.plain.console import Console

T = TypeVar("T")

#: A check: the issues an answer has (errors refuse it, warnings are said); none when it is fine.
Check = Callable[[str], Sequence[Issue]]


def say_issues(console: Console, issues: Sequence[Issue]) -> bool:
    """Say each issue (errors first, as "Not accepted"); True when one of them is an error."""
    errors = [i for i in issues if i.severity == "error"]
    for issue in errors:
        console.say(f"Not accepted: {issue}")
    for issue in issues:
        if issue.severity != "error":
            console.say(f"Note: {issue}")
    return bool(errors)


def choose(
    console: Console, question: str, options: Sequence[tuple[str, T]], *, default: int = 0, label: str = "Choice"
) -> T:
    """A numbered list; Enter alone takes option `default` (0-based), which is said in words."""
    count = len(options)
    while True:
        console.say(question)
        for number, (text, _value) in enumerate(options, start=1):
            console.say(f"  {number}. {text}")
        console.say(f"Type a number from 1 to {count}. Enter alone chooses {default + 1}, {options[default][0]}.")
        answer = console.ask(label).strip()
        if not answer:
            return options[default][1]
        if answer.isdigit() and 1 <= int(answer) <= count:
            return options[int(answer) - 1][1]
        console.say(f"Not accepted: {label} must be a number from 1 to {count}.")


def yes_no(console: Console, question: str, *, default: bool, yes: str = "Yes", no: str = "No") -> bool:
    options = [(no, False), (yes, True)]
    return choose(console, question, options, default=1 if default else 0, label="Answer")


def ask(
    console: Console,
    question: str,
    label: str,
    check: Check | None = None,
    *,
    default: str | None = None,
    default_words: str = "",
    guard: str = "",
) -> str:
    """A typed answer. With a `default`, Enter alone takes it, and the label says so (`default_words`, or the
    default itself). The answer is asked again, the same way, until `check` finds no error in it.

    `guard` names what the answer becomes ("the name"): an answer that looks like a secret value
    (`smtui.paste_guard`) is used only once the person says so, before any rule or backend sees it, as the
    wizard holds such a paste. Why: a value pasted at the question before the value would otherwise be sent as a
    DescribeSecret name (which CloudTrail records) and end up in the ARN. It was echoed already: the terminal's
    line mode shows what arrives, and the note says so. Only for short identifiers (a name, a key): the guard's
    signs of randomness are also those of ordinary prose, so a description is not held."""
    if default is not None:
        label = f"{label} (Enter alone: {default_words or default})"
    while True:
        if question:
            console.say(question)
        answer = console.ask(label)
        if not answer and default is not None:
            answer = default
        if guard and answer and not _kept_though_secret_like(console, answer, guard):
            continue
        if not say_issues(console, check(answer) if check else ()):
            return answer


def _kept_though_secret_like(console: Console, answer: str, guard: str) -> bool:
    reason = secret_reason(answer)
    if reason is None:
        return True
    console.say(
        f"Note: this answer looks like a secret value: {reason}. If it is one, it was shown on the terminal as it "
        "arrived: clear the terminal's scrollback, and give the value at the value step, where nothing is shown."
    )
    return yes_no(console, f"Use it as {guard}?", default=False, no="No, ask again", yes="Yes, use it")
