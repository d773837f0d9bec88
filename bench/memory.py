"""The counter's memory, signed in on the 1 000 000-customer database, against bare PySide6.

    POSAPP_BENCH_DATA=/tmp/bench-1m .venv/bin/python -m bench.memory [--watch 60]

Each side is a fresh Python process on the offscreen platform; its resident memory
(VmRSS) and peak (VmHWM) are read from /proc/self/status at each mark.

- bare: import PySide6, a QApplication, a QMainWindow with a label, shown.
- posapp: `posapp.app.Opening` on a copy of bench.checkout's 1 M-customer database
  (5 M ledger entries; built there first if missing, about 2.5 min), shown as
  `posapp.app.main` shows it; once the counter is built behind the painted sign-in,
  the cashier's tile and PIN tapped. Marks: sign-in shown, built, signed in (+2 s), then
  every 10 s for `--watch` seconds while the keepers start their work (the loyalty
  upkeep's first run works through the whole bench backlog).

The goal (issue 16) is the app signed in under 200 MiB; the last line gives the
peak while watching and the ratio to the bare window.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

GOAL_MIB = 200

CHILD = r"""
import json, os, sys
from pathlib import Path

def status():
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024
    return fields

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv[:1])
mode, db, watch = sys.argv[1], sys.argv[2], int(sys.argv[3])
marks = []

def mark(name):
    marks.append((name, status()))

def finish():
    print(json.dumps(marks), flush=True)
    os._exit(0)  # not app.quit(): Python would wait for the upkeep's thread to finish its run

if mode == "bare":
    window = QMainWindow()
    window.setCentralWidget(QLabel("posapp"))
    window.resize(1280, 800)
    window.show()
    QTimer.singleShot(500, lambda: (mark("shown"), finish()))
else:
    from posapp.app import Opening
    opening = Opening(Path(db))
    assert opening.doorway is not None, "the database did not paint first"

    def sign_in():
        mark("built")
        signin = opening.counter.window.signin
        tile = next(t for t in signin.tiles.values() if t.text().startswith("Carlos"))
        tile.click()
        for digit in "1111":
            signin.pad.digits[digit].click()
        signin.pad.enter_button.click()
        QTimer.singleShot(2_000, lambda: mark("signed in +2 s"))
        for seconds in range(10, watch + 1, 10):
            QTimer.singleShot(seconds * 1000, lambda s=seconds: mark(f"signed in +{s} s"))
        QTimer.singleShot(watch * 1000 + 100, finish)

    opening.ready.connect(sign_in)
    opening.failed.connect(lambda error: (print(repr(error), file=sys.stderr), app.exit(1)))
    opening.window.show()
    mark("sign-in shown")  # the counter is built once it has painted, in app.exec()
app.exec()
"""


def run(mode: str, database: Path, watch: int) -> list[tuple[str, dict[str, float]]]:
    environment = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(database), str(watch)],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return [(name, fields) for name, fields in json.loads(done.stdout.strip().splitlines()[-1])]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.memory", description=__doc__)
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--entries", type=int, default=5_000_000)
    parser.add_argument("--watch", type=int, default=60, help="seconds watched after sign-in")
    args = parser.parse_args(argv)

    from bench.checkout import database

    source = database(args.customers, args.entries).path
    with tempfile.TemporaryDirectory(prefix="posapp-bench-memory-") as folder:
        copy = Path(folder) / "counter.sqlite"
        # The app writes (the upkeep, the sign-in): never to the cached file.
        for suffix in ("", "-wal", "-shm"):
            part = source.with_name(source.name + suffix)
            if part.exists():
                shutil.copyfile(part, copy.with_name(copy.name + suffix))
        bare = run("bare", copy, args.watch)
        posapp = run("posapp", copy, args.watch)
    print(f"{args.customers:,} customers, {args.entries:,} ledger entries")
    for name, fields in posapp:
        print(f"  posapp {name:<18} RSS {fields['VmRSS']:7.1f} MiB   peak {fields['VmHWM']:7.1f}")
    bare_rss = bare[-1][1]["VmRSS"]
    signed_in = next(fields["VmRSS"] for name, fields in posapp if name == "signed in +2 s")
    peak = max(fields["VmHWM"] for _, fields in posapp)
    print(f"  bare PySide6 window       RSS {bare_rss:7.1f} MiB")
    verdict = "under" if peak < GOAL_MIB else "over"
    print(
        f"signed in {signed_in:.1f} MiB, peak while watching {peak:.1f} MiB ({verdict} the "
        f"{GOAL_MIB} MiB goal); peak / bare window: {peak / bare_rss:.2f}x"
    )


if __name__ == "__main__":
    main()
