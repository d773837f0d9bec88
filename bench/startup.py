"""The counter's start-up to its first painted window, against a bare PySide6 window.

    .venv/bin/python -m bench.startup [--rounds 7]

Each start is a fresh Python process on the offscreen platform, timed from just
before the parent spawns it to the first Paint event the window receives (the
child reads CLOCK_MONOTONIC, which is shared by every process on the machine).

- bare: import PySide6, a QApplication, a QMainWindow with a label, show().
- posapp: import the app and open it as `posapp.app.main` does (`Opening`) on a demo
  database: the sign-in drawn from a sqlite3 read (staff tiles, PIN pad, translations,
  style sheet), show(). The first paint of that window is the figure.
- posapp ready (reported, not the ratio): the same start until the counter is built
  behind that sign-in (station opened, services, keepers, the shell) and the shell has
  taken the window's place, i.e. the moment a PIN is checked.

The two alternate round by round; the figures are medians and the ratio is
posapp / bare. These machines set PYTHONDONTWRITEBYTECODE=1, so no import ever
leaves a .pyc behind: the bench first compiles posapp's packages with compileall
(as an installed counter has them), unless `--no-compile` asks to measure
without bytecode; the first line printed says which. The demo database (the
`posapp --demo` shop: 200 customers, 300 products, 600 sales) is built once in a
temporary folder before the rounds.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import sys, time
from pathlib import Path
mode, db = sys.argv[1], sys.argv[2]
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv[:1])
opening = None
if mode == "bare":
    window = QMainWindow()
    window.setCentralWidget(QLabel("posapp"))
    window.resize(1280, 800)
else:
    from posapp.app import Opening
    opening = Opening(Path(db))
    window = opening.window
    assert opening.doorway is not None, "the demo database did not paint first"
if mode == "ready":
    ready = []
    opening.ready.connect(lambda: (ready.append(time.monotonic()), QTimer.singleShot(0, app.quit)))
    window.show()
    app.exec()
    print(repr(ready[0]))
    opening.close()
    sys.exit(0)

class FirstPaint(QObject):
    at = None
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and self.at is None:
            self.at = time.monotonic()
            QTimer.singleShot(0, app.quit)
        return False

spy = FirstPaint()
window.installEventFilter(spy)
window.show()
app.exec()
print(repr(spy.at))
if opening is not None:
    opening.close()
"""


PACKAGES = ("posapp", "db", "hardware", "fiscal", "messaging", "payments")
"""The repository's packages the counter imports (site-packages has its .pyc from pip)."""


def start_once(mode: str, db: Path) -> float:
    """Seconds from spawning a process to its window's first paint."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(db)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    painted = float(done.stdout.strip().splitlines()[-1])
    return painted - started


def demo_database(folder: Path) -> Path:
    from posapp.services.common.station import open_station
    from posapp.services.onboarding.demo import fill_demo

    path = folder / "demo.sqlite"
    station = open_station(path)
    try:
        fill_demo(station)
    finally:
        station.close()
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.startup", description=__doc__)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--no-compile", action="store_true", help="measure without .pyc files")
    args = parser.parse_args(argv)
    if args.no_compile:
        print("bytecode: not compiled (PYTHONDONTWRITEBYTECODE=1: every start compiles)")
    else:
        root = Path(__file__).resolve().parent.parent
        for package in PACKAGES:
            compileall.compile_dir(root / package, quiet=1)
        print(f"bytecode: compiled first (compileall {' '.join(PACKAGES)})")
    with tempfile.TemporaryDirectory(prefix="posapp-bench-startup-") as folder:
        db = demo_database(Path(folder))
        start_once("bare", db)  # warm the file cache for both
        start_once("posapp", db)
        start_once("ready", db)
        bare: list[float] = []
        ours: list[float] = []
        ready: list[float] = []
        for _ in range(args.rounds):
            bare.append(start_once("bare", db))
            ours.append(start_once("posapp", db))
            ready.append(start_once("ready", db))
    b, o, r = statistics.median(bare), statistics.median(ours), statistics.median(ready)
    print(f"rounds: {args.rounds} (median; fresh process each, offscreen)")
    print(f"bare PySide6 window       {b * 1000:8.1f} ms   (min {min(bare) * 1000:.1f})")
    print(f"posapp ready for a PIN    {r * 1000:8.1f} ms   (min {min(ready) * 1000:.1f})")
    print(f"posapp sign-in painted    {o * 1000:8.1f} ms   (min {min(ours) * 1000:.1f})")
    print(f"ratio posapp/bare (first paint) {o / b:8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
