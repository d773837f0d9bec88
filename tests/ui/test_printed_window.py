"""The virtual printer's window: every paper it printed, newest first, full size, live."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from hardware.emulator.server import EmulatorServer
from hardware.emulator.virtual import stop_virtual_printers, virtual_printer
from posapp.ui.printed_window import show_printed, virtual_name


@pytest.fixture(autouse=True)
def _printers() -> Iterator[None]:
    yield
    stop_virtual_printers()


def print_raw(printer: EmulatorServer, text: str) -> None:
    """ESC/POS as any program sends it: init, a line, a full cut; back once it is out.

    Each connection is served by its own thread, so two jobs sent back to back could
    come out in either order; a program's print queue sends the next after the first.
    """
    printed = len(printer.receipts)
    with socket.create_connection(("127.0.0.1", printer.port), timeout=5) as conn:
        conn.sendall(b"\x1b@" + text.encode("ascii") + b"\n\x1dV\x00")
    assert len(printer.wait_for_receipts(printed + 1)) == printed + 1


def test_papers_show_newest_first_and_new_ones_arrive_on_top(qtbot: QtBot) -> None:
    printer = virtual_printer("window-test")
    print_raw(printer, "PRIMEIRO")
    print_raw(printer, "SEGUNDO")
    window = show_printed("virtual://window-test")
    assert window is not None
    qtbot.addWidget(window)
    texts = [paper.property("paperText") for paper in window.papers]
    assert texts == ["SEGUNDO", "PRIMEIRO"]
    assert window.papers[0].pixmap().width() >= printer.paper_dots  # 1:1, not shrunk
    assert not window.empty.isVisible()

    print_raw(printer, "TERCEIRO")
    qtbot.waitUntil(lambda: len(window.papers) == 3, timeout=5_000)
    assert window.papers[0].property("paperText") == "TERCEIRO"
    assert show_printed("virtual://window-test") is window  # one window per printer


def test_a_real_printer_has_no_window() -> None:
    assert virtual_name("tcp://127.0.0.1:9100") is None
    assert virtual_name("nonsense") is None
    assert show_printed("tcp://127.0.0.1:9100") is None
    assert virtual_name("virtual://demo") == "demo"
