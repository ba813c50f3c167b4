"""The argument parser: smtui's commands, with the AWS CLI's names and options (stdlib argparse).

Global options are accepted before or after the command, as the AWS CLI accepts them: they live in one parent
parser shared by every command, with SUPPRESS defaults so a later parser never erases what an earlier one
read. Parser errors never repeat a word the person typed (one of them could be a secret typed in the wrong
place): argparse's messages that quote the word (an invalid choice, an invalid number, an unrecognised
argument, an ignored explicit argument, an ambiguous option) are rewritten to name the option and the rule
only, and a last check drops any message that still holds a typed word that is not one of smtui's own.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from typing import Any, NoReturn, get_args
from urllib.parse import urlsplit

from smtui import __version__
from smtui.cli.spec import skeleton_option
from smtui.errors import ParameterError
from smtui.model.limits import BACKEND_KINDS, BINARY_FORMATS
from smtui.output import OUTPUT_FORMATS
from smtui.output.options import ColorMode

SUPPRESS = argparse.SUPPRESS
_OPTION_NAME = re.compile(r"^--?[A-Za-z][A-Za-z0-9-]*$")

VALUE_HELP = (
    "Where the value comes from: file://PATH (UTF-8 text, kept exactly), fileb://PATH (bytes), "
    "or - (standard input; for --secret-string exactly one trailing newline is removed, and smtui "
    "says so on stderr; --secret-binary - keeps every byte). With no value option on a terminal, "
    "smtui asks for a --secret-string value with a masked prompt (nothing echoed; a typed value is "
    "asked twice, a pasted one once, line breaks kept). "
    "A literal value is refused: it would land in shell history and the process list."
)


_KNOWN_WORDS: set[str] = set()  # every option name, choice and command of the tree: safe to repeat
_TYPED: list[str] = []  # the words being parsed, for the last check in Parser.error


class Parser(argparse.ArgumentParser):
    """argparse that raises ParameterError (exit 252) with a message that cannot contain a stray value."""

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        if args is not None:  # the root parser starts the list; a command's parser sees a part of it again
            words = [str(a) for a in args]
            if " " not in self.prog:
                _TYPED[:] = words
            else:
                _TYPED.extend(w for w in words if w not in _TYPED)
        return super().parse_known_args(args, namespace)

    def error(self, message: str) -> NoReturn:
        message = quiet_message(message)
        raise ParameterError(f"{self.prog}: {message}\nSee '{self.prog} help' or '{self.prog} -h'.")


def remember_words(parsers: Sequence[argparse.ArgumentParser]) -> None:
    """Note every option name, choice and command name of these parsers: the words a message may repeat."""
    for parser in parsers:
        for action in parser._actions:
            _KNOWN_WORDS.update(action.option_strings)
            if action.choices is not None:
                _KNOWN_WORDS.update(str(c) for c in action.choices)


_ARGUMENT = re.compile(r"^(argument [^:]+: )(.*)$", re.DOTALL)
_INVALID_TYPE = re.compile(r"^invalid (\S+) value: ", re.DOTALL)
_TYPE_RULES = {"int": "must be a whole number", "float": "must be a number"}


def quiet_message(message: str) -> str:
    """argparse's message with every word the person typed taken out (see the module docstring)."""
    head, body = "", message
    found = _ARGUMENT.match(message)
    if found:
        head, body = found.group(1), found.group(2)
    if body.startswith("invalid choice:") and " (choose from " in body:
        body = "invalid choice (choose from " + body.rsplit(" (choose from ", 1)[1]
    elif (kind := _INVALID_TYPE.match(body)) is not None:
        body = _TYPE_RULES.get(kind.group(1), f"invalid {kind.group(1)} value")
    elif body.startswith("ignored explicit argument"):
        body = "takes no value (give the option alone, without =...)"
    elif body.startswith("ambiguous option:") and " could match " in body:
        body = "an abbreviated option could match " + body.rsplit(" could match ", 1)[1]
    elif body.startswith("unrecognized arguments:"):
        words = body.split(":", 1)[1].split()
        names = [w for w in words if w in _KNOWN_WORDS and _OPTION_NAME.match(w)]
        hidden = len(words) - len(names)
        shown = ", ".join(names)
        if hidden:
            shown += (
                ", " if shown else ""
            ) + f"{hidden} argument(s) not shown (one could be a secret typed in the wrong place)"
        body = f"unrecognized arguments: {shown}"
    message = head + body
    if any(_repeats(message, w) for w in _TYPED if len(w) >= 4 and w not in _KNOWN_WORDS):
        # argparse said something this module does not know, and it repeats a typed word: say less
        return head + "the arguments could not be read (the details are not shown: they would repeat what was typed)"
    return message


def _repeats(message: str, word: str) -> bool:
    """Whether `word` (or its text after `=`, as in `--opt=word`) stands in `message` as a word of its own."""
    parts = {word, word.split("=", 1)[1]} if "=" in word else {word}
    return any(len(p) >= 4 and re.search(rf"(?<![\w-]){re.escape(p)}(?![\w-])", message) for p in parts)


def seconds(text: str) -> int:
    """--cli-connect-timeout / --cli-read-timeout: whole seconds, 0 (no timeout, as in the AWS CLI) or more."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("must be a whole number of seconds (0 for no timeout)") from None
    if number < 0:
        raise argparse.ArgumentTypeError("must be 0 (no timeout) or more seconds, not negative")
    return number


def endpoint_url(text: str) -> str:
    """--endpoint-url: http(s)://host[:port][/path], the port from 1 to 65535; checked here so a bad one is
    a parameter error (252) before anything connects, never a crash inside the HTTP library."""
    rule = "must look like https://host[:port] (http or https, a host, a port from 1 to 65535)"
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise argparse.ArgumentTypeError(rule) from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or port == 0:
        raise argparse.ArgumentTypeError(rule)
    return text


def _global_options(parser: argparse.ArgumentParser) -> None:
    g = parser.add_argument_group("global options")
    g.add_argument(
        "--debug",
        action="store_true",
        default=SUPPRESS,
        help="Log what smtui and botocore do to stderr (secret values are always redacted).",
    )
    g.add_argument(
        "--endpoint-url", type=endpoint_url, default=SUPPRESS, metavar="URL", help="Send requests to this URL."
    )
    g.add_argument("--no-verify-ssl", action="store_true", default=SUPPRESS, help="Do not verify TLS certificates.")
    g.add_argument(
        "--no-paginate",
        action="store_true",
        default=SUPPRESS,
        help="Make only one call (the first page) for paginated commands.",
    )
    g.add_argument(
        "--output",
        choices=OUTPUT_FORMATS,
        default=SUPPRESS,
        help="Output format (default json, or AWS_DEFAULT_OUTPUT).",
    )
    g.add_argument("--query", default=SUPPRESS, metavar="JMESPATH", help="Filter the output with JMESPath.")
    g.add_argument("--profile", default=SUPPRESS, help="AWS profile from your config/credentials files.")
    g.add_argument("--region", default=SUPPRESS, help="Region (also the local store's region).")
    g.add_argument("--color", choices=get_args(ColorMode), default=SUPPRESS, help="Colour in table output.")
    g.add_argument("--ca-bundle", default=SUPPRESS, metavar="PATH", help="CA bundle for TLS verification.")
    g.add_argument(
        "--cli-read-timeout",
        type=seconds,
        default=SUPPRESS,
        metavar="SECONDS",
        help="Socket read timeout (0: none).",
    )
    g.add_argument(
        "--cli-connect-timeout",
        type=seconds,
        default=SUPPRESS,
        metavar="SECONDS",
        help="Socket connect timeout (0: none).",
    )
    g.add_argument(
        "--cli-binary-format",
        choices=BINARY_FORMATS,
        default=SUPPRESS,
        help="How --secret-binary file:// and SecretBinary in --cli-input-json are read: base64 "
        "(default: the text is base64) or raw-in-base64-out (the bytes as they are).",
    )
    g.add_argument("--no-cli-pager", action="store_true", default=SUPPRESS, help="Accepted; smtui uses no pager.")
    g.add_argument(
        "--backend",
        choices=BACKEND_KINDS,
        default=SUPPRESS,
        help="local (embedded encrypted store) or aws (default: aws when credentials resolve).",
    )
    g.add_argument("--store", default=SUPPRESS, metavar="PATH", help="The local store's database (SMTUI_STORE).")
    g.add_argument(
        "--key-file",
        default=SUPPRESS,
        metavar="PATH",
        help="Opt in to a key file instead of the OS keyring for the local store (SMTUI_KEY_FILE).",
    )


def build_parser(argv: Sequence[str] | None = None) -> Parser:
    """The whole command tree, from smtui.cli.registry. `parser.commands` maps a command path ('kms
    create-key') to its parser.

    Given the `argv` to parse and it names no command (the wizard: `smtui --backend local ...`), only the root
    is built: its options are the same (global, create-secret's request options, --version), and none of the
    command families is imported, which would cost more than the whole wizard's start-up budget
    (docs/performance.md, (d)). Help (-h, --help) and anything with a word in a command's place build the tree."""
    from smtui.cli.create import CreateSecretOptions

    common = Parser(add_help=False, allow_abbrev=False)
    _global_options(common)
    root = Parser(
        prog="smtui",
        allow_abbrev=False,
        parents=[common],
        description="Create AWS Secrets Manager secrets without the value touching shell history, argv, "
        "logs or the screen. With no command, smtui opens the wizard (create-secret's options, except the "
        "value's, prefill it).",
    )
    root.add_argument("--version", action="store_true", default=SUPPRESS, help="Print the version and exit.")
    CreateSecretOptions.add_arguments(root)
    parsers: dict[str, argparse.ArgumentParser] = {"": root}
    if argv is not None and not _names_a_command(root, argv):
        root.set_defaults(command=None)  # the Namespace the whole tree gives when no command is named
        root.commands = parsers  # type: ignore[attr-defined]
        remember_words([root])
        return root
    from smtui.cli.registry import GROUPS, commands

    subparsers: dict[str, Any] = {"": root.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)}

    def add(path: str, help_text: str) -> argparse.ArgumentParser:
        group, _, name = path.rpartition(" ")
        p: argparse.ArgumentParser = subparsers[group].add_parser(
            name, help=help_text, description=help_text, parents=[common], allow_abbrev=False
        )
        parsers[path] = p
        return p

    for path, command in commands().items():
        group = path.rpartition(" ")[0]
        if group and group not in parsers:
            subparsers[group] = add(group, GROUPS[group]).add_subparsers(
                dest="subcommand", metavar=f"{group.upper()}_COMMAND", parser_class=Parser
            )
        p = add(path, command.help)
        command.options.add_arguments(p)
        if command.options.documents:
            skeleton_option(p)
    add("help", "Show help for smtui or a command: smtui help create-secret.").add_argument(
        "topic", nargs="*", help="A command, e.g. create-secret or kms create-key."
    )
    root.commands = parsers  # type: ignore[attr-defined]
    remember_words(list(parsers.values()))
    return root


def _names_a_command(root: argparse.ArgumentParser, argv: Sequence[str]) -> bool:
    """Whether `argv` may name a command (or ask for help): a word that is neither an option nor a value of the
    root option before it, read as argparse reads it (an option of nargs + or * takes every word up to the next
    option). Unsure (an option the root does not know, `--`) counts as yes: the whole tree then decides."""
    i = 0
    while i < len(argv):
        word = argv[i]
        i += 1
        if word in ("-h", "--help", "--") or not word.startswith("-") or word == "-":
            return True
        name, eq, _ = word.partition("=")
        action = root._option_string_actions.get(name)
        if action is None:
            return True
        if eq or action.nargs == 0:
            continue
        if action.nargs in ("+", "*", "?"):  # as many words as come before the next option (at most one for ?)
            while i < len(argv) and not argv[i].startswith("-"):
                i += 1
                if action.nargs == "?":
                    break
        else:
            i += action.nargs if isinstance(action.nargs, int) else 1
    return False


def version_line() -> str:
    import platform

    return f"smtui/{__version__} Python/{platform.python_version()} {platform.system()}/{platform.release()}"
