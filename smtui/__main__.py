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
        direct = _direct_wizard(args)
        if direct is not None:
            code = direct
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


def _direct_wizard(args: list[str]) -> int | None:
    """`smtui` on a terminal with no argument, or with target options only: straight to the wizard, without the
    command-line parser.

    Why: with nothing to parse but the target (`smtui --backend local --store S --key-file K`), building the
    parser (argparse, gettext, every command's options) is pure start-up cost (docs/performance.md, (d)).
    `smtui.startup.wizard.direct_target` reads those options as the parser would; anything else returns None
    and takes the full command-line path, and so does a standard input that is not a terminal (the command
    line reports it) or, with options, a closed standard stream (the command line fills it first). Output
    options are the defaults the parser would give. An error is reported as the command line reports its
    errors: with options, exactly as `smtui.cli.main` reports it (an interrupt, an unexpected error).
    """
    from smtui import plain as plain_mode  # os and sys only: plain mode's modules load when it runs

    wants_plain = plain_mode.wanted(args)  # --plain, TERM=dumb or SMTUI_PLAIN=1, with target options only
    if not wants_plain and (sys.stdin is None or not sys.stdin.isatty()):  # None: standard input closed (`<&-`)
        return None
    from smtui.startup.wizard import direct_target

    target = direct_target([a for a in args if a != "--plain"] if wants_plain else args)
    if target is None or (args and not _standard_streams_open()):
        return None
    from smtui.errors import SmtuiError
    from smtui.output.options import OUTPUT_FORMATS, OutputOptions
    from smtui.startup.wizard import start_wizard

    fmt = os.environ.get("AWS_DEFAULT_OUTPUT") or "json"
    output = OutputOptions(format=fmt if fmt in OUTPUT_FORMATS else "json")  # type: ignore[arg-type]
    try:
        return plain_mode.run(target, output) if wants_plain else start_wizard(target, {}, output)
    except KeyboardInterrupt:
        if not args:
            raise
        print(file=sys.stderr)  # as smtui.cli.main
        return 130
    except Exception as exc:
        if args:
            from smtui.cli import report_failure

            return report_failure(exc, "CreateSecret")
        if not isinstance(exc, SmtuiError):
            raise
        from smtui.cli import report

        return report(exc, "CreateSecret")


def _standard_streams_open() -> bool:
    """Whether descriptors 0, 1 and 2 are open and sys.stderr exists (else smtui.cli.stdio fills them)."""
    try:
        for fd in (0, 1, 2):
            os.fstat(fd)
    except OSError:
        return False
    return sys.stderr is not None


if __name__ == "__main__":
    sys.exit(main())
