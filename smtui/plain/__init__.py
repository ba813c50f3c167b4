"""Plain mode: the wizard as line-by-line prompts, for screen readers, braille displays and plain terminals.

`run(settings)` is the one entry (`smtui --plain`, `TERM=dumb smtui`, `SMTUI_PLAIN=1 smtui`). It imports no
Textual: the same draft (`smtui.draft`), steps (`smtui.routing`), rules (`smtui.model`) and backend calls as the
full-screen wizard, with nothing written but text and line breaks (docs/accessibility.md). Exit codes are the
wizard's: 0 after a secret was created or a quit, 130 after Ctrl+C (0 when a secret was already created), and
the result, as `smtui create-secret` prints it, goes to standard output on exit.

`main(argv)` runs it from a list of target options (`--backend`, `--store`, `--key-file`, `--profile`,
`--region`, as `smtui` reads them for the wizard), for tests and for the command line's wiring.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from smtui.model import CreateSecretResult
    from smtui.output.options import OutputOptions
    from smtui.settings import TargetSettings

NEEDS_TERMINAL = (
    "plain mode asks its questions on a terminal, and standard input is not one. In scripts use smtui "
    "create-secret ... (see smtui help create-secret)."
)


def wanted(argv: Sequence[str]) -> bool:
    """Whether `smtui ARGV` should start plain mode rather than the full-screen wizard: `--plain` given, or
    `TERM=dumb`, or `SMTUI_PLAIN=1`, and nothing in ARGV but the wizard's target options (so `TERM=dumb smtui
    create-secret ...` stays the command it is). Cheap when none of the three is set: nothing is imported."""
    asked = "--plain" in argv or os.environ.get("TERM") == "dumb" or os.environ.get("SMTUI_PLAIN") == "1"
    if not asked:
        return False
    from smtui.startup.wizard import direct_target

    return direct_target([w for w in argv if w != "--plain"]) is not None


def run(settings: TargetSettings, output: OutputOptions | None = None) -> int:
    """Ask for a secret on the terminal, create it, and return the exit code (the module docstring)."""
    from smtui.errors import EXIT_INTERRUPTED, EXIT_OK, EXIT_PARAMETER, SmtuiError
    from smtui.hardening import exit_on_termination, harden_process, signal_exit_code

    if not _stdin_is_terminal():
        sys.stderr.write(f"smtui: {NEEDS_TERMINAL}\n")
        return EXIT_PARAMETER
    harden_process()  # no core dump, not dumpable: before any value exists
    handled = exit_on_termination()  # a real Ctrl+C is recorded: Ctrl+D in a multi-line value is not one
    from smtui.plain.console import Console, terminal_output
    from smtui.plain.flow import PlainWizard, Quit

    out = terminal_output()
    console = Console(sys.stdin.fileno(), out)
    wizard = PlainWizard(console, settings, signal_exit_code if handled else None)
    code = EXIT_OK
    try:
        wizard.run()
    except Quit:
        console.say("Quit." if not wizard.results else "Done.")
    except SmtuiError as exc:  # one no step could take back: said, with its exit code (as the command line's)
        console.say(f"smtui: {exc.code or type(exc).__name__}: {exc.message}")
        code = EXIT_OK if wizard.results else exc.exit_code
    except KeyboardInterrupt:
        console.write("\n")
        console.say("Stopped." + (" The secret created is kept." if wizard.results else " Nothing was created."))
        code = EXIT_OK if wizard.results else EXIT_INTERRUPTED
    finally:
        wizard.draft.clear_value()
        if out != 2:
            os.close(out)
    if wizard.results:
        sys.stdout.write(_render(wizard.results, output))
        sys.stdout.flush()
    return code


def _render(results: Sequence[CreateSecretResult], output: OutputOptions | None) -> str:
    """The results as `smtui create-secret` prints them, never in colour."""
    from dataclasses import replace

    from smtui.output import render_each
    from smtui.output.options import OUTPUT_FORMATS, OutputOptions

    if output is None:
        fmt = os.environ.get("AWS_DEFAULT_OUTPUT") or "json"  # as `smtui` with no argument reads it
        output = OutputOptions(format=fmt if fmt in OUTPUT_FORMATS else "json")  # type: ignore[arg-type]
    options = replace(output, color="off")
    return render_each((r.to_aws() for r in results), options, title="CreateSecret")


def main(argv: Sequence[str]) -> int:
    """`run` for target options given as words (`--plain` among them is ignored); 252 for anything else."""
    from smtui.errors import EXIT_INTERRUPTED, EXIT_PARAMETER
    from smtui.startup.wizard import direct_target

    words = [w for w in argv if w != "--plain"]
    settings = direct_target(words)
    if settings is None:
        sys.stderr.write("smtui: plain mode takes only --backend, --store, --key-file, --profile and --region\n")
        return EXIT_PARAMETER
    try:
        return run(settings)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


def _stdin_is_terminal() -> bool:
    try:
        return os.isatty(sys.stdin.fileno())
    except (OSError, ValueError, AttributeError):
        return False
