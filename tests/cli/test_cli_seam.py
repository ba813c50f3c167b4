"""The command seam (smtui.cli.command): argparse's Namespace stops there, and the safety steps it runs are
not optional — a command that reads or prints a secret value is hardened first, and --debug logs only
through the redaction filter; a missing function is an error (255), never a run without it."""

from __future__ import annotations

import ast
import sys
from pathlib import Path
from typing import Any

import pytest

import smtui.cli
from smtui.cli.registry import commands

VALUE_OPERATIONS = {"GetSecretValue", "BatchGetSecretValue", "GetRandomPassword"}
# The functions that may take a Namespace: the parse (parser.py), main's dispatch, the seam, and an options
# class's from_namespace (the one place a command reads it).
SEAM = {"parse_known_args", "dispatch", "execute", "from_namespace"}


def test_the_namespace_stops_at_the_seam() -> None:
    """No function outside the seam takes an argparse Namespace, and nothing reads one with getattr/get(ns...)."""
    found = []
    for path in sorted(Path(smtui.cli.__file__).parent.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name not in SEAM:
                for arg in [*node.args.args, *node.args.kwonlyargs]:
                    if arg.annotation is not None and "Namespace" in ast.unparse(arg.annotation):
                        found.append(f"{path.name}:{node.lineno} {node.name}({arg.arg})")
            reads = isinstance(node, ast.Call) and ast.unparse(node.func) in ("get", "getattr") and node.args
            if reads and isinstance(node, ast.Call) and ast.unparse(node.args[0]) == "ns":
                found.append(f"{path.name}:{node.lineno} {ast.unparse(node)}")
    assert found == []


def _value_commands() -> list[str]:
    return sorted(
        name
        for name, command in commands().items()
        if command.operation in VALUE_OPERATIONS or {"SecretString", "SecretBinary"} & set(command.options.members())
    )


def test_every_value_command_is_marked_and_hardened_first(monkeypatch: pytest.MonkeyPatch) -> None:
    from smtui import hardening
    from smtui.cli import main

    names = _value_commands()
    assert {"create-secret", "get-secret-value"} <= set(names)
    assert all(commands()[name].holds_value for name in names), names
    calls: list[str] = []
    monkeypatch.setattr(hardening, "harden_process", lambda: calls.append("hardened"))
    for name in names:
        calls.clear()
        assert main([name, "--generate-cli-skeleton"]) == 0, name  # hardened before anything is read or printed
        assert calls == ["hardened"], name


def test_a_missing_safety_function_is_a_loud_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Item 7 of the architecture issue: no getattr(..., None) fallback that would run unhardened/unredacted."""
    from smtui import hardening, redact
    from smtui.cli import main

    monkeypatch.delattr(hardening, "harden_process")
    assert main(["create-secret", "--generate-cli-skeleton"]) == 255
    assert "AttributeError" in capsys.readouterr().err
    monkeypatch.undo()
    monkeypatch.delattr(redact, "configure_debug_logging")
    assert main(["describe-secret", "--generate-cli-skeleton", "--debug"]) == 255


def test_debug_logs_go_through_the_redaction_filter(monkeypatch: pytest.MonkeyPatch) -> None:
    from smtui import redact
    from smtui.cli import main

    streams: list[Any] = []
    monkeypatch.setattr(redact, "configure_debug_logging", lambda stream=None: streams.append(stream))
    assert main(["describe-secret", "--generate-cli-skeleton", "--debug"]) == 0
    assert streams == [sys.stderr]
    streams.clear()
    assert main(["describe-secret", "--generate-cli-skeleton"]) == 0
    assert streams == []
