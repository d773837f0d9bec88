"""Screenshots of the real app on a real X server (Xvfb).

They go to a temporary folder; `make screenshots` (POSAPP_UPDATE_SCREENSHOTS=1)
writes them to docs/screenshots, which the README shows, so a test run never
leaves the work tree changed. The app runs in a subprocess with Qt's xcb platform (not
offscreen), so the pictures are what a counter's screen shows. Xvfb and the X
client libraries come from scripts/test-deps.sh.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "docs" / "screenshots"
NAMES = (
    "signin",
    "sale",
    "payment",
    "customers",
    "receipt",
    "tier-nps",
    "sales",
    "cash",
    "sync",
    "messages",
    "campaigns",
)
WIDTH, HEIGHT = 1280, 800

pytestmark = pytest.mark.slow


@pytest.fixture
def display() -> Iterator[str]:
    """A private Xvfb on a display number it picks itself (-displayfd)."""
    if shutil.which("Xvfb") is None:
        pytest.fail("Xvfb is not installed: run scripts/test-deps.sh (make test does)")
    read, write = os.pipe()
    server = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write),
            "-screen",
            "0",
            f"{WIDTH}x{HEIGHT}x24",
            "-nolisten",
            "tcp",
        ],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        with os.fdopen(read) as answer:
            number = answer.readline().strip()
        assert number.isdigit(), "Xvfb did not start"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


def test_screenshots_of_every_screen(display: str, tmp_path: Path) -> None:
    shots = SHOTS if os.environ.get("POSAPP_UPDATE_SCREENSHOTS") == "1" else tmp_path / "shots"
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", HOME=str(tmp_path))
    env.pop("WAYLAND_DISPLAY", None)
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.screenshot_app", str(shots)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    for name in NAMES:
        image = QImage(str(shots / f"{name}.png"))
        assert (image.width(), image.height()) == (WIDTH, HEIGHT), name
        colours = {image.pixel(x, y) for x in range(0, WIDTH, 40) for y in range(0, HEIGHT, 40)}
        assert len(colours) > 5, f"{name}.png looks blank"
