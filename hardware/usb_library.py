"""Which libusb pyusb talks through.

On Linux pyusb finds the system's libusb-1.0 (a package the installer
depends on). Windows has none: the `libusb-package` wheel ships
libusb-1.0.dll, and the PyInstaller bundle carries it (its own hook), so on
Windows the backend is built on that DLL. A backend passed in explicitly (the
emulated USB bus in tests) always wins.

libusb on Windows still needs a WinUSB-compatible driver on the device; a
receipt printer installed with its maker's driver is printed to through the
spooler instead (win32://, hardware.win32_spooler).
"""

from __future__ import annotations

import importlib
import sys
from typing import Any


def usb_backend(explicit: Any = None) -> Any:
    """The pyusb backend to use: `explicit`, the bundled DLL on Windows, else None (pyusb's own)."""
    if explicit is not None:
        return explicit
    if sys.platform != "win32":
        return None
    try:
        package = importlib.import_module("libusb_package")
    except ImportError:
        return None
    return package.get_libusb1_backend()
