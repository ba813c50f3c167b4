"""Where a request goes: the target settings shared by the CLI and the wizard.

Resolution follows the AWS CLI: an explicit option wins over the environment, which wins over the config files
(the config files are botocore's business and are read only by the aws backend).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import cast

from smtui.model.limits import BACKEND_KINDS, BackendKind

__all__ = ["DEFAULT_LOCAL_REGION", "BackendKind", "TargetSettings"]

DEFAULT_LOCAL_REGION = "us-east-1"


@dataclass(frozen=True)
class TargetSettings:
    """Everything needed to open a backend. `backend=None` means: AWS when credentials resolve, else local."""

    backend: BackendKind | None = None
    # local store
    store: Path | None = None
    key_file: Path | None = None
    # aws (and the region of the local store)
    profile: str | None = None
    region: str | None = None
    endpoint_url: str | None = None
    verify_ssl: bool = True
    ca_bundle: str | None = None
    connect_timeout: int | None = None
    read_timeout: int | None = None
    debug: bool = False

    def with_env(self) -> TargetSettings:
        """Fill what was not given explicitly from smtui's own environment variables."""
        store = self.store or _env_path("SMTUI_STORE")
        key_file = self.key_file or _env_path("SMTUI_KEY_FILE")
        backend = self.backend
        env_backend = os.environ.get("SMTUI_BACKEND")
        if backend is None and env_backend in BACKEND_KINDS:
            backend = cast(BackendKind, env_backend)
        return replace(self, store=store, key_file=key_file, backend=backend)

    def local_region(self) -> str:
        """The region the local store pretends to be in: --region, then AWS_REGION / AWS_DEFAULT_REGION."""
        return (
            self.region or os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or DEFAULT_LOCAL_REGION
        )


def _env_path(name: str) -> Path | None:
    value = os.environ.get(name)
    return Path(value).expanduser() if value else None
