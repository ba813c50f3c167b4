"""Entry point for `smtui` and `python -m smtui`.

Kept tiny on purpose: nothing heavy (Textual, boto3) is imported here, so the non-interactive commands start
fast and the wizard can draw its first frame before boto3 loads. The start-up policy (the GC, the way into the
wizard) is smtui.startup's.
"""

from __future__ import annotations

import contextlib
import os
import sys


def main(argv: list[str] | None = None) -> int:
    from smtui.startup.gc_policy import gc_policy

    if argv is None:  # the process entry only: a caller that passed its own argv keeps its collector
        gc_policy("process-start")
    from smtui.hardening import exit_on_termination, ignore_late_signals

    # SIGTERM/SIGHUP leave through every `finally` (terminal restored, transaction rolled back), exit 143/129;
    # a Ctrl+C while the command line is still importing exits 130 like one during the command.
    exit_on_termination()
    code = 130
    try:
        args = sys.argv[1:] if argv is None else argv
        plain = _plain_wizard() if not args else None
        if plain is not None:
            code = plain
        else:
            from smtui.cli import entry as cli_main

            code = cli_main(args)
    except KeyboardInterrupt:
        code = 130
    finally:
        # The outcome is decided: a signal during shutdown must not change the exit code, and a Ctrl+C landing
        # in this very block must not escape (Python would then die by SIGINT instead of exiting 130).
        while True:
            try:
                ignore_late_signals()
                break
            except KeyboardInterrupt:
                code = 130
    if argv is None:
        gc_policy("process-end")
    if code == 130 and argv is None:  # the process entry only: never end a caller that passed its own argv
        # CPython remembers a KeyboardInterrupt that once crossed code it ran through its C API (a library's
        # import, say) even when smtui caught it, and then ends the process BY SIGINT instead of exit 130.
        # The command is over and its output written: flush, and exit with the code promised.
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)
    return code


def _plain_wizard() -> int | None:
    """`smtui` with no argument on a terminal: straight to the wizard, without the command-line parser.

    Why: with nothing to parse, building the parser (argparse, gettext, every command's options) is pure
    start-up cost (docs/performance.md, (d)). Anything else (a standard input that is not a terminal, which the
    command line reports) returns None and takes the full command-line path. Settings and output options are the
    defaults the parser would give; an error is reported as the command line reports its errors.
    """
    if sys.stdin is None or not sys.stdin.isatty():  # None: standard input closed (`<&-`)
        return None
    from smtui.errors import SmtuiError
    from smtui.output.options import OUTPUT_FORMATS, OutputOptions
    from smtui.settings import TargetSettings
    from smtui.startup.wizard import start_wizard

    fmt = os.environ.get("AWS_DEFAULT_OUTPUT") or "json"
    output = OutputOptions(format=fmt if fmt in OUTPUT_FORMATS else "json")  # type: ignore[arg-type]
    try:
        return start_wizard(TargetSettings(), {}, output)
    except SmtuiError as exc:
        from smtui.cli import report

        return report(exc, "CreateSecret")


if __name__ == "__main__":
    sys.exit(main())
