"""The cash drawer: wired to the receipt printer, opened by a pulse on pin 2 or 5.

It is opened by its own small job (ESC p) so it also works with no receipt,
and its state is read from the printer's status (DLE EOT 1, bit 2) where the
printer answers.
"""

from __future__ import annotations

from concurrent.futures import Future

from hardware.printer import Printer, PrintResult
from hardware.receipt import DrawerPin


class CashDrawer:
    def __init__(self, printer: Printer, pin: DrawerPin = 2) -> None:
        self.printer = printer
        self.pin: DrawerPin = pin

    def open(self) -> Future[PrintResult]:
        return self.printer.open_drawer(self.pin)

    def is_open(self) -> Future[bool | None]:
        """True/False from the printer's drawer sensor; None if it does not report."""

        def read() -> bool | None:
            status = self.printer.status_now()
            return None if status is None else status.drawer_open

        return self.printer.devices.submit(read)
