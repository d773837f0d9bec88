"""Open the demo app on a real X display and save screenshots of its screens.

    DISPLAY=:99 QT_QPA_PLATFORM=xcb .venv/bin/python -m tests.ui.screenshot_app docs/screenshots

Run by tests/ui/test_screenshots.py under Xvfb. It builds the app exactly as
`posapp --demo` does (app.build on a fresh demo database, virtual printer),
signs in on the PIN pad, rings up a sale for a customer, opens the payment,
then the customers screen, and grabs the screen with QScreen.grabWindow.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QWidget

SIZE = (1280, 800)


def wait_until(condition: Callable[[], object], timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not get there in time")
        QCoreApplication.processEvents()
        time.sleep(0.02)


def settle(seconds: float = 0.4) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents()
        time.sleep(0.02)


def grab(window: QWidget, path: Path) -> None:
    settle()
    screen = window.screen()
    geometry = window.frameGeometry()
    picture = screen.grabWindow(0, geometry.x(), geometry.y(), geometry.width(), geometry.height())
    if not picture.save(str(path)):
        raise OSError(f"could not save {path}")
    print(f"screenshot: {path}")


def main(out_dir: str) -> int:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    app.setApplicationName("posapp")

    from posapp import app as posapp_app
    from posapp.services import catalog, customer_history, customers
    from posapp.services.demo import fill_demo
    from posapp.services.station import open_station

    path = Path(tempfile.mkdtemp(prefix="posapp-shots-")) / "demo.sqlite"
    station = open_station(path)
    try:
        fill_demo(station, customers=80, products=120, sales=240)
    finally:
        station.close()

    counter = posapp_app.build(path, demo=True)
    try:
        window = counter.window
        window.setGeometry(0, 0, *SIZE)
        window.show()
        wait_until(window.isVisible)
        wait_until(lambda: window.printer_status.text() != "")

        signin = window.signin
        marta = next(i for i, t in signin.tiles.items() if t.text().startswith("Marta"))
        signin.tiles[marta].click()
        for key in "12":
            signin.pad.digits[key].click()
        grab(window, out / "signin.png")
        for key in "34":
            signin.pad.digits[key].click()
        signin.pad.enter_button.click()
        wait_until(lambda: window.context.staff is not None)

        sale = window.current
        products = [
            item
            for word in ("Shampoo", "Protetor", "Vitamina", "Esmalte")
            for item in catalog.search_items(counter.station, word, limit=1)
        ]
        for item in products:
            sale.add_item(item)  # type: ignore[attr-defined]
        found = customers.search(counter.station, "Ana")
        if found:
            sale.attach_customer(found[0])  # type: ignore[attr-defined]
        wait_until(lambda: getattr(sale, "idle", lambda: True)())
        grab(window, out / "sale.png")

        sale.pay()  # type: ignore[attr-defined]
        wait_until(lambda: getattr(sale, "payment_dialog", None) is not None)
        dialog = sale.payment_dialog  # type: ignore[attr-defined]
        wait_until(dialog.isVisible)
        grab(window, out / "payment.png")
        dialog.reject()

        window.show_screen("customers")
        screen = window.current
        box = screen.search_box  # type: ignore[attr-defined]
        box.setText("Souza")
        screen.search()  # type: ignore[attr-defined]
        wait_until(lambda: screen.model.rowCount() > 0)  # type: ignore[attr-defined]
        rows = screen.model.rows  # type: ignore[attr-defined]
        busiest = max(
            range(len(rows)),
            key=lambda r: len(customer_history.ledger(counter.station, rows[r].id)),
        )
        screen.table.selectRow(busiest)  # type: ignore[attr-defined]
        wait_until(lambda: screen.customer_id is not None)  # type: ignore[attr-defined]
        box.setFocus(Qt.FocusReason.OtherFocusReason)
        grab(window, out / "customers.png")

        history = screen.history_model  # type: ignore[attr-defined]
        sale_rows = [r for r in range(history.rowCount()) if history.row_at(r).sale_id]
        if sale_rows:
            row = history.row_at(sale_rows[0])
            screen.open_sale(row.sale_id, row.sale_number)  # type: ignore[attr-defined]
            wait_until(lambda: screen.preview_dialog is not None)  # type: ignore[attr-defined]
            preview = screen.preview_dialog  # type: ignore[attr-defined]
            preview.move(window.geometry().center() - preview.rect().center())
            wait_until(preview.isVisible)
            grab(window, out / "receipt.png")
            preview.accept()
        window.close()
    finally:
        counter.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
