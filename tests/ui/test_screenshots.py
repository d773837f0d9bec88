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
from contextlib import contextmanager
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
FIT_NAMES = ("sale", "payment", "customers", "cash")
"""The screens also taken at every counter size, as `<name>-<width>x<height>.png`."""
FULL_SIZE = (1366, 768)
FIT_SIZES = ((1024, 768), (1920, 1080))

pytestmark = pytest.mark.slow


@contextmanager
def xvfb(width: int, height: int) -> Iterator[str]:
    """A private Xvfb of `width`x`height` on a display number it picks itself (-displayfd)."""
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
            f"{width}x{height}x24",
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


def take(shots: Path, home: Path, size: tuple[int, int], *extra: str) -> None:
    """The app on its own X screen of `size`; a window larger than the screen fails it."""
    with xvfb(*size) as display:
        env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", HOME=str(home))
        env.pop("WAYLAND_DISPLAY", None)
        done = subprocess.run(
            [sys.executable, "-m", "tests.ui.screenshot_app", str(shots), *extra],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert done.returncode == 0, done.stdout + done.stderr


def check(path: Path, size: tuple[int, int]) -> None:
    image = QImage(str(path))
    width, height = size
    assert (image.width(), image.height()) == (width, height), path.name
    colours = {image.pixel(x, y) for x in range(0, width, 40) for y in range(0, height, 40)}
    assert len(colours) > 5, f"{path.name} looks blank"


def shots_folder(tmp_path: Path) -> Path:
    return SHOTS if os.environ.get("POSAPP_UPDATE_SCREENSHOTS") == "1" else tmp_path / "shots"


def test_screenshots_of_every_screen(tmp_path: Path) -> None:
    shots = shots_folder(tmp_path)
    take(shots, tmp_path, FULL_SIZE)
    for name in NAMES:
        check(shots / f"{name}.png", FULL_SIZE)


@pytest.mark.parametrize("size", FIT_SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_the_counter_screens_fit_each_screen_size(tmp_path: Path, size: tuple[int, int]) -> None:
    shots = shots_folder(tmp_path)
    label = f"{size[0]}x{size[1]}"
    take(shots, tmp_path, size, label)
    for name in FIT_NAMES:
        check(shots / f"{name}-{label}.png", size)
