"""The Name step's words for a taken name and for a name scheduled for deletion."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from smtui.backends import open_backend
from smtui.hints import hint_for
from smtui.model import NameStatus, build_request
from smtui.screens.name import describe_status
from smtui.settings import TargetSettings


def test_scheduled_name_names_the_day_it_will_be_deleted(tmp_path: Path) -> None:
    """The real local store: deletion asked today with a 7-day window is deleted in 7 days, not "on" today."""
    settings = TargetSettings(backend="local", store=tmp_path / "store.db", key_file=tmp_path / "store.key")
    backend = open_backend(settings)
    try:
        backend.create_secret(build_request({"Name": "app/db", "SecretString": "Zq9-name-step-marker"}))
        deleted = backend.delete_secret("app/db", recovery_window_in_days=7)
        status = backend.check_name("app/db")
    finally:
        backend.close()
    assert deleted.DeletionDate is not None and status.State == "scheduled-for-deletion"
    assert status.DeletedDate == deleted.DeletionDate
    text, blocks = describe_status("app/db", status)
    when = deleted.DeletionDate.astimezone(UTC)
    assert blocks and f"deleted on {when:%Y-%m-%d %H:%M} UTC" in text
    today = datetime.now(UTC)
    assert when - today > timedelta(days=6)
    assert today.strftime("%Y-%m-%d") not in text


def test_taken_name_points_to_smtuis_own_put_secret_value_never_a_value_on_a_command_line() -> None:
    """A taken name: another name, or smtui's put-secret-value (masked prompt or file://), not the AWS CLI's."""
    text, blocks = describe_status("app/db", NameStatus(State="taken", ARN="arn:x"))
    hint = hint_for("ResourceExistsException", "The operation failed because the secret app/db already exists.")
    assert "smtui put-secret-value --secret-id app/db" in text
    assert hint and "smtui put-secret-value --secret-id NAME" in hint
    for words in (text, hint):
        assert "Choose another name" in words and "masked prompt" in words
        assert "aws secretsmanager" not in words and "console" not in words
        # a value source is only ever a file: never `--secret-string VALUE`
        assert re.findall(r"--secret-string ([^\s),]+)", words) == ["file://PATH"]
    assert blocks
