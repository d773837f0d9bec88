"""The composition root: the station, the devices and the window, then the Qt event loop.

Besides posapp.ui, the only module that imports PySide6.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from posapp.services.first_run import first_run
from posapp.services.station import open_station
from posapp.ui.main_window import MainWindow

DEMO_PRINTER = "demo"


def main(db_path: Path | str, demo: bool = False, *, notice: str | None = None) -> int:
    """Open the counter on `db_path` and run until the window closes.

    `demo` starts the virtual receipt printer (receipts land beside the
    database, in `receipts/`). `notice` is shown once over the window (the
    first-run admin PIN, the demo PINs).
    """
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("posapp")
    app.setOrganizationName("posapp")
    path = Path(db_path)
    station = open_station(path)
    printer_uri = None
    try:
        done = first_run(station)
        if done is not None and notice is None:
            notice = f"PIN do administrador ({done.admin_name}): {done.admin_pin}"
        if demo:
            from hardware.emulator.virtual import virtual_printer

            server = virtual_printer(DEMO_PRINTER, out_dir=path.parent / "receipts")
            printer_uri = server.uri
        window = MainWindow(station, demo=demo, printer=printer_uri)
        window.show()
        if notice:
            box = QMessageBox(QMessageBox.Icon.Information, "posapp", notice, parent=window)
            box.open()
        return int(app.exec())
    finally:
        if demo:
            from hardware.emulator.virtual import stop_virtual_printers

            stop_virtual_printers()
        station.close()
