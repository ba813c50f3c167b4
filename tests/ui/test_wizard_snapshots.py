"""Snapshots of every step at 80x24, and of the newer screens at 120x36 too (pytest-textual-snapshot), on the
fixed target: every run draws the same.

Update after an intended change: `pytest tests/ui/test_wizard_snapshots.py --snapshot-update`, then look at
the pictures. `test_no_secret_in_pictures` fails if a test secret ever reaches a committed snapshot or screenshot.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.ui.scenes import SCENES, app_for
from tests.ui.wizard_driver import ALL_MARKERS

REPO = Path(__file__).resolve().parents[2]


#: The scenes also pictured wide (120x36): the Review and Result screens and every screen of the complete wizard
#: (scenes 14 and later), whose panels (preflight, policy, sample code) lay out differently with room.
WIDE_SCENES = sorted(scene for scene in SCENES if scene[:2] in ("07", "08") or scene[:2] >= "14")


@pytest.mark.parametrize("scene", sorted(SCENES))
def test_step_snapshot(scene: str, snap_compare: Any) -> None:
    assert snap_compare(app_for(scene), terminal_size=(80, 24), run_before=SCENES[scene])


@pytest.mark.parametrize("scene", WIDE_SCENES)
def test_wide_snapshot(scene: str, snap_compare: Any) -> None:
    assert snap_compare(app_for(scene), terminal_size=(120, 36), run_before=SCENES[scene])


def test_no_secret_in_pictures() -> None:
    pictures = [
        *REPO.glob("tests/ui/__snapshots__/**/*.svg"),
        *REPO.glob("screenshots/**/*.svg"),
        *REPO.glob("docs/*.md"),
    ]
    for picture in pictures:
        text = picture.read_text(encoding="utf-8", errors="replace")
        for marker in ALL_MARKERS:
            assert marker not in text, f"a test secret is visible in {picture.relative_to(REPO)}"
