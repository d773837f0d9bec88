"""Run `posapp.app.main` for real, look at the window once, close it, print what was seen.

Used by tests/ui/test_app_main.py in a child process: QApplication.exec() and
quit() in the test process itself left later tests unable to receive queued
signals from worker threads, so the real event loop runs apart.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from posapp import app as posapp_app
from posapp.ui.doorway import DoorwayWindow
from posapp.ui.shell import Shell


def main(db: Path, demo: bool) -> int:
    qapp = QApplication.instance() or QApplication([])
    seen: dict[str, object] = {}

    def look_then_close() -> None:
        """Once the shell is shown (after the sign-in painted first, if it was)."""
        if any(isinstance(w, DoorwayWindow) and w.isVisible() for w in qapp.topLevelWidgets()):
            seen["doorway"] = True
        shells = [w for w in qapp.topLevelWidgets() if isinstance(w, Shell) and w.isVisible()]
        if not shells:
            QTimer.singleShot(10, look_then_close)
            return
        boxes = [w for w in qapp.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        shell = shells[0]
        seen["title"] = shell.windowTitle()
        seen["current_is_signin"] = shell.current is shell.signin
        seen["demo_pins_shown"] = shell.signin.demo_pins.isVisible()
        seen["printer"] = shell.context.settings.printer_uri
        seen["notices"] = [box.text() for box in boxes]
        for widget in [*boxes, shell]:
            widget.close()
        qapp.quit()

    def fill_wizard() -> None:
        from posapp.ui.first_run.wizard import FirstRunWizard

        found = [w for w in qapp.topLevelWidgets() if isinstance(w, FirstRunWizard)]
        if not found or not found[0].isVisible():
            QTimer.singleShot(20, fill_wizard)
            return
        wizard = found[0]
        seen["wizard"] = True
        wizard.store.name.setText("Salão da Ana")
        wizard.admin.pin.setText("2468")
        wizard.admin.pin_again.setText("2468")
        for _ in range(4):
            wizard.next()
        wizard.accept()
        QTimer.singleShot(0, look_then_close)

    if demo or db.exists():
        QTimer.singleShot(0, look_then_close)
    else:
        QTimer.singleShot(0, fill_wizard)
    seen["status"] = posapp_app.main(db, demo=demo, notice="PINs..." if demo else None)
    print(json.dumps(seen, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), sys.argv[2] == "demo"))
