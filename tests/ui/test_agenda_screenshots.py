"""Screenshots of the Agenda (day, week, a statement) on a real X server, for the README;
`make screenshots` (POSAPP_UPDATE_SCREENSHOTS=1) writes them to docs/screenshots."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ui.test_screenshots import FULL_SIZE, ROOT, check, shots_folder, xvfb

pytestmark = pytest.mark.slow


def _take(shots: Path, home: Path, size: tuple[int, int], *extra: str) -> None:
    with xvfb(*size) as display:
        env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", HOME=str(home))
        env.pop("WAYLAND_DISPLAY", None)
        done = subprocess.run(
            [sys.executable, "-m", "tests.ui.agenda_screenshot_app", str(shots), *extra],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_agenda_fits_a_1024x768_counter(tmp_path: Path) -> None:
    shots = shots_folder(tmp_path)
    _take(shots, tmp_path, (1024, 768), "1024x768")
    check(shots / "agenda-1024x768.png", (1024, 768))


def test_screenshots_of_the_agenda(tmp_path: Path) -> None:
    shots = shots_folder(tmp_path)
    with xvfb(*FULL_SIZE) as display:
        env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", HOME=str(tmp_path))
        env.pop("WAYLAND_DISPLAY", None)
        done = subprocess.run(
            [sys.executable, "-m", "tests.ui.agenda_screenshot_app", str(shots)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert done.returncode == 0, done.stdout + done.stderr
    check(shots / "agenda.png", FULL_SIZE)
    check(shots / "agenda-week.png", FULL_SIZE)
    assert (shots / "statements.png").stat().st_size > 10_000
