"""Typed errors shared by the model, the backends, the CLI and the wizard.

Every failure a person can meet is one of these. Each carries the exit code the AWS CLI v2 would use, the AWS error
code and message when the service (or the local store acting as the service) produced it, a hint in plain words,
and the request field it concerns, so the wizard can jump back to the step that must change.
Messages never contain a secret value: callers must not put one in, and nothing here formats user input verbatim.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

EXIT_OK = 0
EXIT_PARAMETER = 252
EXIT_CONFIGURATION = 253
EXIT_SERVICE = 254
EXIT_OTHER = 255
EXIT_INTERRUPTED = 130

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Issue:
    """One finding of the validator about one field.

    `field` is the AWS member path (`Name`, `Tags[2].Key`, `AddReplicaRegions[0].Region`, `SecretString`);
    `message` names the field and the rule in plain words and never echoes a secret value.
    """

    field: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        # the model's messages already start with their field ("Name may contain only ..."): say it once
        if self.message.startswith(self.field):
            return self.message
        return f"{self.field}: {self.message}"


class SmtuiError(Exception):
    """Base of every error smtui reports to a person."""

    exit_code: int = EXIT_OTHER

    def __init__(
        self, message: str, *, code: str | None = None, hint: str | None = None, field: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.hint = hint
        self.field = field

    def __str__(self) -> str:
        return self.message


class ParameterError(SmtuiError):
    """Bad input, caught on the client before anything is sent (exit 252)."""

    exit_code = EXIT_PARAMETER

    def __init__(
        self, message: str, *, issues: Sequence[Issue] = (), field: str | None = None, hint: str | None = None
    ) -> None:
        first_field = field or (issues[0].field if issues else None)
        super().__init__(message, code="ValidationException", hint=hint, field=first_field)
        self.issues = tuple(issues)

    @classmethod
    def from_issues(cls, issues: Sequence[Issue]) -> ParameterError:
        errors = [i for i in issues if i.severity == "error"]
        if len(errors) == 1:
            text = str(errors[0])
        else:
            text = f"{len(errors)} problems with the request:\n" + "\n".join(f"  - {i}" for i in errors)
        return cls(text, issues=errors)


class ConfigurationError(SmtuiError):
    """The environment is not usable: no credentials, no keyring, an unreadable store (exit 253)."""

    exit_code = EXIT_CONFIGURATION


class ServiceError(SmtuiError):
    """The service (AWS, a compatible endpoint, or the local store) refused the request (exit 254).

    `code` is the AWS error code (ResourceExistsException, …), `message` the AWS message as the service said it.
    """

    exit_code = EXIT_SERVICE

    def __init__(
        self,
        code: str,
        message: str,
        *,
        hint: str | None = None,
        field: str | None = None,
        retryable: bool = False,
        http_status: int | None = None,
    ) -> None:
        from smtui.hints import hint_for

        super().__init__(
            message, code=code, hint=hint if hint is not None else hint_for(code, message, field), field=field
        )
        self.retryable = retryable
        self.http_status = http_status

    def __str__(self) -> str:
        return f"An error occurred ({self.code}): {self.message}"


class TransportError(ServiceError):
    """The endpoint could not be reached or did not answer: refused, timed out, TLS failure (exit 255).

    A ServiceError (same code/message/hint shape for the wizard) but exit 255, as the AWS CLI v2 reports
    connection failures through its general handler: no service ever answered. Retrying is safe (same token).
    """

    exit_code = EXIT_OTHER

    def __init__(self, code: str, message: str, *, hint: str | None = None) -> None:
        super().__init__(code, message, hint=hint, retryable=True)


class Interrupted(SmtuiError):
    """The person pressed Ctrl+C (exit 130)."""

    exit_code = EXIT_INTERRUPTED
