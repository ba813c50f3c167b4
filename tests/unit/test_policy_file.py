"""Saving the Review preflight's minimal policy: a new 0600 file; an existing file or a symlink is refused."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from smtui.draft import Draft
from smtui.model.iam_policy import minimal_policy
from smtui.model.policy_file import choices_for, default_policy_path, save_policy

POLICY = minimal_policy(choices_for(Draft(name="app/db")), "111122223333", "us-east-1")


def test_a_new_file_is_0600_and_holds_the_policy(tmp_path: Path) -> None:
    written = save_policy(tmp_path / "p.json", POLICY)
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert json.loads(written.read_text()) == POLICY


def test_an_existing_file_is_refused_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text("mine")
    with pytest.raises(FileExistsError):
        save_policy(path, POLICY)
    assert path.read_text() == "mine"


def test_a_symlink_is_refused_and_its_target_untouched(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("keep")
    (tmp_path / "link").symlink_to(victim)
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    for name in ("link", "dangling"):
        with pytest.raises(OSError):
            save_policy(tmp_path / name, POLICY)
    assert victim.read_text() == "keep"
    assert not (tmp_path / "nowhere").exists()


def test_the_default_path_is_a_plain_file_name() -> None:
    assert default_policy_path("app/db prod") == "./smtui-policy-app-db-prod.json"
    assert os.sep not in default_policy_path("../../etc/x").removeprefix("./")


def test_choices_carry_no_value() -> None:
    draft = Draft(name="app/db")
    draft.set_string_value("Zq9-policy-file-marker", "typed")
    assert "Zq9-policy-file-marker" not in repr(choices_for(draft))
