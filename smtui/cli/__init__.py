"""smtui's command line: `smtui.cli.main(argv) -> exit code`, mirroring `aws secretsmanager`.

Exit codes as the AWS CLI v2: 0 ok, 252 bad parameters, 253 configuration, 254 service error, 255 anything
else, 130 interrupted. Messages go to stderr and never contain a secret value: a literal value on the command
line is refused before argparse sees it, parser errors hide unrecognised arguments, and an unexpected
exception is reported by its type only (its text could quote the value) unless --debug, whose logs pass
through smtui.redact. Non-interactive paths import no Textual; boto3 loads only inside the aws backend.
"""

from __future__ import annotations

import argparse
import logging
import sys

from smtui.errors import (
    EXIT_INTERRUPTED,
    EXIT_OTHER,
    EXIT_PARAMETER,
    ConfigurationError,
    ParameterError,
    ServiceError,
    SmtuiError,
    TransportError,
)

log = logging.getLogger("smtui.cli")

_VALUE_OPTIONS = ("--secret-string", "--secret-binary")


def entry(argv: list[str]) -> int:
    """The process entry point (`smtui`, `python -m smtui`): `main` with the standard streams reserved.

    The cyclic GC is off for the whole command (smtui.startup.gc_policy, applied by smtui.__main__).
    """
    from smtui.cli.stdio import reserve_standard_streams

    reserve_standard_streams()  # a closed 0/1/2 must not become the next file smtui opens (smtui.cli.stdio)
    return main(argv)


def main(argv: list[str]) -> int:
    """Run one command; return its exit code."""
    operation = "CreateSecret"
    debug = "--debug" in argv
    try:
        refuse_literal_values(argv)
        from smtui.cli.parser import build_parser, version_line
        from smtui.cli.registry import commands

        parser = build_parser(argv)  # the root only when argv names no command (the wizard's start-up)
        topic = help_topic(argv)
        if topic is not None:
            return print_help(parser, topic)
        ns = parser.parse_args(argv)  # the only Namespace: smtui.cli.command turns it into typed options
        given = vars(ns)
        if given.get("version", False):
            print(version_line())
            return 0
        path = " ".join(w for w in (given.get("command"), given.get("subcommand")) if w)
        command = commands().get(path) if path else None  # the wizard: no family imported
        operation = command.operation if command is not None else "CreateSecret"
        from smtui.cli.context import setup_debug

        setup_debug(bool(given.get("debug", False)))
        log.debug("CLI version: %s", version_line())
        log.debug(
            "smtui command: %s (options given: %s)",
            path or "(wizard)",
            ", ".join(sorted(k for k in given if k not in ("command", "subcommand"))),
        )
        return dispatch(parser, ns, path)
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return EXIT_INTERRUPTED
    except SystemExit as exc:  # argparse's -h/--help; main() returns codes, it does not exit
        return exc.code if isinstance(exc.code, int) else 0
    except Exception as exc:
        return report_failure(exc, operation, debug=debug)


def report_failure(exc: Exception, operation: str, *, debug: bool = False) -> int:
    """The exit code and words for an error out of a command (or of the wizard started with options): a stop by
    signal keeps its code, a SmtuiError is reported, anything else is one line, no value, no traceback, 255."""
    from smtui.hardening import signal_exit_code

    stopped = signal_exit_code()
    if stopped is not None:  # a Ctrl+C (or SIGTERM) that a library turned into an error of its own
        print(file=sys.stderr)
        return stopped
    if isinstance(exc, SmtuiError):
        return report(exc, operation)
    if debug:
        log.exception("unexpected error")
    print(
        f"smtui: unexpected error ({type(exc).__name__}); run again with --debug for details",
        file=sys.stderr,
    )
    return EXIT_OTHER


def dispatch(parser: argparse.ArgumentParser, ns: argparse.Namespace, path: str) -> int:
    """The command named by `path` ("" for the wizard), run through the seam (smtui.cli.command.execute)."""
    from smtui.cli import command as seam
    from smtui.cli.registry import GROUPS, commands

    if path == "help":
        return print_help(parser, list(ns.topic))
    if path in GROUPS:
        subs = [c.split(" ", 1)[1] for c in commands() if c.startswith(path + " ")]
        raise ParameterError(f"smtui {path}: give a command: {', '.join(subs[:-1])} or {subs[-1]}")
    if path:
        return seam.execute(commands()[path], ns)
    from smtui.cli.command import Context
    from smtui.cli.create import CreateSecretOptions
    from smtui.cli.wizard import open_wizard

    context = Context.from_namespace(ns)
    options = CreateSecretOptions.from_namespace(ns, context)  # the prefill: create-secret's options
    return open_wizard(options, context)


def refuse_literal_values(argv: list[str]) -> None:
    """Refuse `--secret-string VALUE` / `--secret-binary=VALUE` before anything else reads argv."""
    from smtui.cli.literal import is_value_reference, literal_refusal

    for i, arg in enumerate(argv):
        for option in _VALUE_OPTIONS:
            if arg.startswith(option + "="):
                value = arg[len(option) + 1 :]
            elif arg == option and i + 1 < len(argv):
                value = argv[i + 1]
                if value.startswith("--") and value[2:3].isalpha() and "=" not in value:
                    continue  # `--secret-string --name x`: a missing argument, argparse reports it
            else:
                continue
            if not is_value_reference(value):
                raise literal_refusal(option)


def help_topic(argv: list[str]) -> list[str] | None:
    """`smtui help [cmd...]`, `smtui cmd [sub] help`: the command path to show help for, else None."""
    words = list(argv)
    if words and words[-1] == "help" and all(not w.startswith("-") for w in words):
        path = [w for w in words if w != "help"]
        from smtui.cli.registry import GROUPS, commands

        known = {*GROUPS, *(word for name in commands() for word in name.split())}
        return path if all(w in known or w == "help" for w in path) else None
    return None


def print_help(parser: argparse.ArgumentParser, path: list[str]) -> int:
    commands: dict[str, argparse.ArgumentParser] = getattr(parser, "commands", {})
    target = commands.get(" ".join(path))
    if target is None:  # the words typed are not repeated: one could be a misplaced secret
        raise ParameterError(f"smtui help: no such command; commands: {', '.join(c for c in commands if c)}")
    target.print_help()
    return 0


MESSAGE_MAX = 1000  # characters of one message line printed; a longer one is cut
ISSUES_SHOWN = 20  # problems listed; the rest are counted


def short(text: str) -> str:
    """A message cut to MESSAGE_MAX characters: an error is read by a person, and whatever it says about the
    input (a key name, a path) must never become a copy of a large document."""
    if len(text) <= MESSAGE_MAX:
        return text
    return text[:MESSAGE_MAX] + f"... (message cut at {MESSAGE_MAX} characters)"


def report(exc: SmtuiError, operation: str) -> int:
    try:
        return _report(exc, operation)
    except (OSError, ValueError):  # stderr full or closed: nowhere left to say it; the exit code stands
        return exc.exit_code if exc.exit_code else EXIT_PARAMETER


def _report(exc: SmtuiError, operation: str) -> int:
    """Print an smtui error the AWS CLI way and return its exit code.

    A transport failure (refused, timed out, TLS) is checked before ServiceError, whose subclass it is: no
    service answered, so the AWS CLI v2 prints it through its general handler as the bare message
    (`Could not connect to the endpoint URL: "..."`), not as "An error occurred (CODE) when calling ...".
    """
    if isinstance(exc, TransportError):
        print(f"\n{short(exc.message)}", file=sys.stderr)
    elif isinstance(exc, ServiceError):
        print(
            f"\nAn error occurred ({exc.code}) when calling the {operation} operation: {short(exc.message)}",
            file=sys.stderr,
        )
    elif isinstance(exc, ParameterError):
        errors = [i for i in exc.issues if i.severity == "error"]
        if errors:
            for issue in errors[:ISSUES_SHOWN]:
                print(f"smtui: error: {short(str(issue))}", file=sys.stderr)  # Issue.__str__ names the field once
            if len(errors) > ISSUES_SHOWN:
                print(f"smtui: error: ... and {len(errors) - ISSUES_SHOWN} more problem(s)", file=sys.stderr)
        else:
            text = short(exc.message)
            print(text if text.startswith("smtui") else f"smtui: error: {text}", file=sys.stderr)
    elif isinstance(exc, ConfigurationError):
        print(f"smtui: configuration error: {short(exc.message)}", file=sys.stderr)
    else:
        print(f"smtui: {short(exc.message)}", file=sys.stderr)
    if exc.hint:
        print(f"Hint: {short(exc.hint)}", file=sys.stderr)
    return exc.exit_code if exc.exit_code else EXIT_PARAMETER
