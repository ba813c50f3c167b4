"""Write screenshots/NN-step.svg for every scene of the wizard at 80x24, and screenshots/wide/NN-step.svg at
120x36 (the same screens with room: what a wider terminal shows), with a PNG of each when rsvg-convert exists.

Run with `make screenshots` (or `.venv/bin/python -m tests.tools.export_screenshots` from the project root). The
pictures come from the same scenes as the snapshot tests (tests/ui/scenes.py): the fixed target, so they are
identical on every machine, and no real secret is ever typed — the scenes type a marker that
`tests/ui/test_wizard_snapshots.py::test_no_secret_in_pictures` looks for in every picture.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.ui.scenes import SCENES, app_for

REPO = Path(__file__).resolve().parents[2]

SIZE = (80, 24)
WIDE = (120, 36)
PNG_WIDTH = 1200
WIDE_PNG_WIDTH = 1800


async def shoot(scene: str, out: Path, size: tuple[int, int] = SIZE) -> Path:
    app = app_for(scene)
    async with app.run_test(size=size) as pilot:
        await SCENES[scene](pilot)
        await pilot.pause()
        svg = out / f"{scene}.svg"
        app.save_screenshot(filename=svg.name, path=str(out))
    return svg


def to_png(svg: Path, width: int = PNG_WIDTH) -> Path | None:
    """rsvg-convert draws the terminal grid right (cairosvg misaligns it). xml:space keeps leading spaces."""
    if shutil.which("rsvg-convert") is None:
        return None
    text = svg.read_text(encoding="utf-8").replace("<svg ", '<svg xml:space="preserve" ', 1)
    png = svg.with_suffix(".png")
    subprocess.run(["rsvg-convert", "-w", str(width), "-o", str(png)], input=text.encode(), check=True)
    return png


def main() -> int:
    # The Target step lists the AWS config files' profiles: this machine's must not show (pytest's autouse
    # isolated_aws_env does the same for the snapshots).
    os.environ["AWS_CONFIG_FILE"] = os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
    out = REPO / "screenshots"
    wide = out / "wide"
    wide.mkdir(parents=True, exist_ok=True)
    for scene in SCENES:
        for folder, size, width in ((out, SIZE, PNG_WIDTH), (wide, WIDE, WIDE_PNG_WIDTH)):
            svg = asyncio.run(shoot(scene, folder, size))
            png = to_png(svg, width)
            print(svg.relative_to(REPO), "+ png" if png else "(no rsvg-convert: SVG only)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
