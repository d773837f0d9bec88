"""`posapp.app.main` opens the real window and runs the real event loop (in a child process)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_app(db: Path, mode: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.app_main_probe", str(db), mode],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    seen: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return seen


def test_the_demo_opens_on_the_sign_in_screen_with_the_virtual_printer(tmp_path: Path) -> None:
    seen = run_app(tmp_path / "demo.sqlite", "demo")
    assert seen == {
        "title": "Minha loja — posapp (demonstração)",
        "current_is_signin": True,
        "demo_pins_shown": True,
        "printer": "virtual://demo",
        "notices": [],
        "status": 0,
    }


def test_the_first_run_outside_the_demo_asks_in_the_wizard_then_opens_the_counter(
    tmp_path: Path,
) -> None:
    seen = run_app(tmp_path / "loja.sqlite", "real")
    assert seen["wizard"] is True
    assert seen["title"] == "Salão da Ana — posapp"
    assert seen["notices"] == []
    assert seen["printer"] == "virtual://"
    assert seen["current_is_signin"] is True and seen["status"] == 0


def test_a_store_already_set_up_paints_its_sign_in_first_then_opens_the_counter(
    tmp_path: Path,
) -> None:
    db = tmp_path / "loja.sqlite"
    run_app(db, "real")  # the wizard sets the store up
    seen = run_app(db, "real")
    assert "wizard" not in seen
    assert seen["doorway"] is True  # the sign-in drawn from the file came first
    assert seen["title"] == "Salão da Ana — posapp"
    assert seen["current_is_signin"] is True and seen["status"] == 0
