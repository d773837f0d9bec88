from __future__ import annotations

from collections.abc import Iterator

import pytest

from hardware.device_thread import DeviceThread
from hardware.emulator.server import EmulatorServer
from hardware.emulator.virtual import stop_virtual_printers


@pytest.fixture
def devices() -> Iterator[DeviceThread]:
    thread = DeviceThread("test-devices")
    yield thread
    thread.stop()


@pytest.fixture
def emulator() -> Iterator[EmulatorServer]:
    with EmulatorServer(port=0) as server:
        yield server


@pytest.fixture(autouse=True)
def _no_leftover_virtual_printers() -> Iterator[None]:
    yield
    stop_virtual_printers()
