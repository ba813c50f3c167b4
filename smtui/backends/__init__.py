"""Backends: one interface (`base.Backend`), two implementations (`local`, `aws`).

`open_backend` imports the implementation lazily: boto3 loads only when the aws backend is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from smtui.settings import TargetSettings

if TYPE_CHECKING:
    from smtui.backends.base import Backend


def open_backend(settings: TargetSettings) -> Backend:
    """Open the backend the settings name (`backend=None` resolves to aws when credentials exist, else local)."""
    settings = settings.with_env()
    kind = settings.backend or resolve_default_kind(settings)
    if kind == "aws":
        from smtui.backends.aws import AwsBackend

        return AwsBackend(settings)
    from smtui.backends.local import LocalBackend

    return LocalBackend(settings)


def resolve_default_kind(settings: TargetSettings) -> str:
    """aws when botocore finds credentials for the profile, otherwise local (the wizard's preselection)."""
    from smtui.backends.aws import credentials_resolve

    return "aws" if credentials_resolve(settings) else "local"
