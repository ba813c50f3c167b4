"""The one way into the wizard: `start_wizard` imports it (Textual, `smtui.app`) only when it really starts;
`direct_target` reads the wizard's target options without the command line's parser."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from smtui.errors import SmtuiError

if TYPE_CHECKING:
    from smtui.output.options import OutputOptions
    from smtui.settings import BackendKind, TargetSettings

#: The options `direct_target` reads, each to the TargetSettings field the command line's Context gives it.
DIRECT_OPTIONS = {
    "--backend": "backend",
    "--store": "store",
    "--key-file": "key_file",
    "--profile": "profile",
    "--region": "region",
}


def direct_target(argv: Sequence[str]) -> TargetSettings | None:
    """The target of `smtui [--backend KIND] [--store PATH] [--key-file PATH] [--profile P] [--region R]`, the
    wizard with target options only, read as the command line would read them; None for anything else.

    Why: for these options the parser (argparse, gettext, create-secret's option declarations and their
    dataclasses) is ~6 ms of the wizard's start-up (docs/performance.md, (d)). The reading is argparse's for
    these options: `--option VALUE` or `--option=VALUE`, the last one given wins, `--backend` one of the
    backend kinds. Anything else (another option or word, a value that starts with "-", a backend that is not
    a kind, an option without its value) returns None, and the command line's parser reads the whole argv,
    reporting whatever is wrong as it always has. The settings are the ones smtui.cli.context.Context builds
    for the same options: paths expanded (`~`), an empty path no path, everything else as given.
    """
    from smtui.model.limits import BACKEND_KINDS
    from smtui.settings import TargetSettings

    given: dict[str, str] = {}
    words = iter(argv)
    for word in words:
        name, eq, value = word.partition("=")
        if name not in DIRECT_OPTIONS:
            return None
        if not eq:
            value = next(words, "-")  # a missing value reads as one the parser must judge
            if value.startswith("-"):
                return None
        given[DIRECT_OPTIONS[name]] = value
    backend = given.get("backend")
    if backend is not None and backend not in BACKEND_KINDS:
        return None
    store, key_file = given.get("store"), given.get("key_file")
    return TargetSettings(
        backend=cast("BackendKind | None", backend),  # one of BACKEND_KINDS, checked above
        store=Path(store).expanduser() if store else None,
        key_file=Path(key_file).expanduser() if key_file else None,
        profile=given.get("profile"),
        region=given.get("region"),
    )


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
    from smtui.startup.terminal import wizard_terminal

    with wizard_terminal():  # draws on the terminal even with stdout/stderr redirected (NoTerminal: 252)
        return run_wizard(settings, prefill, output)
