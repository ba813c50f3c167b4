"""Start-up: the one way from `exec` to the wizard's first frame, and the process's one policy for the cyclic GC.

Everything smtui does to start fast, other than plain lazy imports inside functions, is here or called from here:
- `gc_policy`: when Python's cyclic garbage collector is off and on, for the whole process;
- `plain_wizard`: `smtui` with no argument on a terminal skips the command-line parser;
- `start_wizard`: the only import of the wizard (Textual, `smtui.app`), made when the wizard really starts;
  a broken install is a loud exit 255 naming the module that is missing, never a usage line and exit 0;
- `first_frame_drawn`: what the wizard defers until its first frame is on the terminal (the GC, the later
  steps' stylesheet); `SmtuiApp._first_frame` calls it, then hardens the process and opens the backend.
The first screen itself keeps rare widgets out of its first frame (the target step mounts its key-file box only
when it is offered); the figures are in docs/performance.md.

Layer: beside the command line and the app. `smtui.__main__` and `smtui.cli.wizard` call it; it imports
`smtui.app` (and so Textual) only inside `start_wizard`, so the non-interactive commands never load it.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from smtui.errors import SmtuiError

if TYPE_CHECKING:
    from textual.app import App

    from smtui.output.options import OutputOptions
    from smtui.settings import TargetSettings

GcMoment = Literal["process-start", "first-frame", "process-end"]


def gc_policy(moment: GcMoment) -> None:
    """The cyclic GC's one policy, applied at three moments of the process.

    - process-start (`smtui.__main__`, before anything is imported): off. A command is a short-lived process
      that allocates heavily while importing pydantic and botocore and then exits; the collector's passes during
      start-up and its final sweep cost about a quarter of its CPU time (~0.19 s of ~0.75 s for create-secret
      against moto) and free nothing that matters. While Textual loads and draws the wizard's first frame they
      cost ~8 % of the start-up, again freeing nothing.
    - first-frame (the wizard, long-lived): everything alive so far (the modules, the first screen) is moved out
      of the collector's reach with `gc.freeze()`, so no pass ever walks those objects, and the collector is on.
    - process-end: if it is still off (a command), what is alive is frozen and left to the process exit instead
      of being swept object by object.

    The last two act only when the collector is off, that is, in a process this policy switched off: a test
    process that runs the wizard or a command in-process keeps its collector as it was.
    """
    if moment == "process-start":
        gc.disable()
        return
    if gc.isenabled():
        return
    gc.freeze()
    if moment == "first-frame":
        gc.enable()


class WizardUnavailable(SmtuiError):
    """The wizard cannot be imported (Textual or one of smtui's own modules missing or broken): exit 255."""


def start_wizard(settings: TargetSettings, prefill: dict[str, Any], output: OutputOptions) -> int:
    """Run the wizard on the terminal and return its exit code (`smtui.app.run_wizard`).

    Raises `WizardUnavailable` (255) when the wizard cannot be imported, and `NoTerminal` (252) when there is
    no terminal to draw on. Both modules are looked up when called (tests replace their functions)."""
    try:
        from smtui.app import run_wizard
    except ImportError as exc:
        missing = exc.name or "a module the wizard needs"
        raise WizardUnavailable(
            f"the wizard cannot start: the Python module {missing!r} is missing or broken ({exc}). "
            "This installation of smtui is incomplete.",
            hint="reinstall smtui with its dependencies (pip install --force-reinstall smtui). The commands "
            "(smtui create-secret ..., smtui help) work without the wizard.",
        ) from None
    from smtui.cli.wizard_terminal import wizard_terminal

    with wizard_terminal():  # draws on the terminal even with stdout/stderr redirected (NoTerminal: 252)
        return run_wizard(settings, prefill, output)


def plain_wizard() -> int | None:
    """`smtui` with no argument on a terminal: straight to the wizard, without the command-line parser.

    Why: with nothing to parse, building the parser (argparse, gettext, every subcommand's options) is ~12 ms of
    pure start-up cost, about 3 % of the wizard's time to its first frame (docs/performance.md). Anything else
    (a standard input that is not a terminal, which the command line reports) returns None and takes the full
    command-line path. Settings and output options are the defaults the parser would give.
    """
    if sys.stdin is None or not sys.stdin.isatty():  # None: standard input closed (`<&-`)
        return None
    from smtui.output.options import OUTPUT_FORMATS, OutputOptions
    from smtui.settings import TargetSettings

    fmt = os.environ.get("AWS_DEFAULT_OUTPUT") or "json"
    output = OutputOptions(format=fmt if fmt in OUTPUT_FORMATS else "json")  # type: ignore[arg-type]
    try:
        return start_wizard(TargetSettings(), {}, output)
    except SmtuiError as exc:
        from smtui.cli import report  # printed as the command line prints its errors

        return report(exc, "CreateSecret")


def first_frame_drawn(app: App[Any], later_css: Path) -> None:
    """The wizard's first frame is on the terminal: the collector goes on (see gc_policy), and the stylesheet of
    the later steps is added. Textual parses only that new file, when the next widgets are styled."""
    gc_policy("first-frame")
    if not app.stylesheet.has_source(str(later_css), ""):
        app.stylesheet.read(later_css)
