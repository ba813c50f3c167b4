"""submission.put_draft on the local store: the new value becomes AWSCURRENT, and a retry with the draft's one
token makes no second version."""

from __future__ import annotations

from pathlib import Path

from smtui.backends import open_backend
from smtui.draft import Draft
from smtui.settings import TargetSettings
from smtui.submission import put_draft, submit_draft

MARKER = "put-marker-unit-7f3a"


def test_put_draft_once_per_token(tmp_path: Path) -> None:
    settings = TargetSettings(backend="local", store=tmp_path / "store.db", key_file=tmp_path / "store.key")
    backend = open_backend(settings)
    create = Draft(target=settings, name="app/put")
    create.set_string_value("old", "typed")
    arn = submit_draft(backend, create).result.ARN

    put = Draft(target=settings, mode="put", secret_id=arn)
    put.set_string_value(MARKER, "typed")
    first = put_draft(backend, put)
    again = put_draft(backend, put)  # a retry: the same token, the same version
    assert first.VersionId == again.VersionId == put.client_request_token
    assert "AWSCURRENT" in first.VersionStages
    versions = backend.list_secret_version_ids(arn).Versions
    assert len(versions) == 2
    current = backend.get_secret_value(arn).SecretString
    assert current is not None
    assert current.get_secret_value() == MARKER
