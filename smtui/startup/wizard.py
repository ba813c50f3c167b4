"""The one way into the wizard: `start_wizard` imports it (Textual, `smtui.app`) only when it really starts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from smtui.errors import SmtuiError

if TYPE_CHECKING:
    from smtui.output.options import OutputOptions
    from smtui.settings import TargetSettings


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
