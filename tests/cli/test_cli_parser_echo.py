"""Parser errors never repeat a word the person typed: a secret pasted in the wrong place (as a command, an
option's value, an extra argument) must not come back on the screen, in a terminal's scrollback or in a CI log.

Was: `invalid choice: 'MRK…'`, `invalid int value: 'MRK…'`, `ignored explicit argument 'MRK…'`, an option-like
unrecognised word shown as it was typed, and `smtui help: unknown command 'MRK…'`.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.cli.conftest import Result

MARKER = "MRK7misplacedSecretQz"

CASES = {
    "as the command": [MARKER],
    "as a kms command": ["kms", MARKER],
    "as --output": ["list-secrets", "--output", MARKER],
    "as --output=": ["list-secrets", f"--output={MARKER}"],
    "as --sort-by": ["list-secrets", "--sort-by", MARKER],
    "as --backend": ["list-secrets", f"--backend={MARKER}"],
    "as --max-results": ["list-secrets", "--max-results", MARKER],
    "as --cli-read-timeout": ["list-secrets", "--cli-read-timeout", MARKER],
    "as --endpoint-url": ["list-secrets", "--endpoint-url", MARKER],
    "after a flag": ["list-secrets", f"--debug={MARKER}"],
    "as an extra word": ["list-secrets", MARKER],
    "as an option-like word": ["list-secrets", f"--{MARKER}"],
    "after create options": ["create-secret", "--name", "x", MARKER],
    "as a help topic": ["help", f"{MARKER}-key"],
    "as a generate-cli-skeleton kind": ["create-secret", "--generate-cli-skeleton", MARKER],
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_misplaced_word_is_not_repeated(case: str, inproc: Callable[..., Result]) -> None:
    result = inproc(CASES[case])
    assert result.code == 252, result.both
    assert MARKER not in result.both
    assert "smtui" in result.err and "Traceback" not in result.err


def test_the_message_still_names_the_option_and_the_rule(inproc: Callable[..., Result]) -> None:
    result = inproc(["list-secrets", "--output", MARKER])
    assert "argument --output: invalid choice (choose from 'json'" in result.err
    result = inproc(["list-secrets", "--max-results", MARKER])
    assert "argument --max-results: must be a whole number" in result.err
    result = inproc(["list-secrets", MARKER, "--secret-id", "x"])
    assert "unrecognized arguments: --secret-id, 2 argument(s) not shown" in result.err
