"""Devices: receipts, printers by URI, scanners, cash drawer, emulators.

Knows nothing of posapp and nothing of Qt. Entry points:

- `hardware.receipt`: `ReceiptBuilder`, `Receipt` and its blocks (the document).
- `hardware.printer`: `Printer(uri, paper, profile, devices)` with `render()`,
  `send()`, `print()`, `status()`, `open_drawer()`; `PrintJob`, `PrintResult`.
- `hardware.device_thread`: `DeviceThread`, the one thread all device I/O runs on.
- `hardware.errors`: one class per cause, `message(locale)` in pt_BR and en.
- `hardware.emulator`: the ESC/POS decoder, the paper PNG, the TCP emulator,
  and `virtual_printer()` behind `virtual://`.
- `hardware.scanner`: `WedgeDetector`, `HidScanner`, `SerialScanner`, `watch_scanner`.
- `hardware.drawer`: `CashDrawer`.
- `hardware.cli`: `add_printer_commands`, `run_printer_command`.
- `hardware.win32_spooler`: `win32://` printers through the Windows spooler (pywin32),
  `installed_printers()`, the spooler's status; `hardware.testing.fake_win32print` fakes it.
- `hardware.serial_ports`: `serial_ports()` (COM3, /dev/ttyUSB0) named alike, `serial_uri()`.
- `hardware.usb_library`: the libusb pyusb uses (the bundled DLL on Windows).
"""

from hardware.escpos_cache import prepare as _prepare_escpos

_prepare_escpos()
