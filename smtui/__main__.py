"""Entry point for `smtui` and `python -m smtui`.

Kept tiny on purpose: nothing heavy (Textual, boto3) is imported here, so the non-interactive commands start
fast and the wizard can draw its first frame before boto3 loads.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from smtui.hardening import exit_on_termination, ignore_late_signals

    # SIGTERM/SIGHUP leave through every `finally` (terminal restored, transaction rolled back), exit 143/129;
    # a Ctrl+C while the command line is still importing exits 130 like one during the command.
    exit_on_termination()
    try:
        from smtui.cli import entry as cli_main

        return cli_main(sys.argv[1:] if argv is None else argv)
    except KeyboardInterrupt:
        return 130
    finally:
        ignore_late_signals()  # the outcome is decided: a signal during shutdown must not change the exit code


if __name__ == "__main__":
    sys.exit(main())
