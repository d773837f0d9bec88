"""The print queue on a Windows printer (win32://): a sale is committed, then its receipt
goes through the spooler; a paused or paper-less queue keeps it in posapp's queue until
a retry prints it once.

The spooler is the fake of the pywin32 calls (hardware.testing.fake_win32print).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from hardware.testing.fake_win32print import FakeSpooler, FakeWindowsPrinter, install_fake_spooler
from hardware.win32_spooler import PRINTER_STATUS_PAPER_OUT, PRINTER_STATUS_PAUSED
from posapp.services.common.counter_settings import CounterSettings
from posapp.services.sales.printing import FAILED, PrintService
from tests.support import Shop

MakeShop = Callable[..., Shop]
NAME = "Bematech MP-4200 TH"


@pytest.fixture
def spooler() -> Iterator[FakeSpooler]:
    fake = FakeSpooler(FakeWindowsPrinter(NAME, driver="MP-4200 TH", port="USB002"), default=NAME)
    with install_fake_spooler(fake):
        yield fake


def test_a_sale_receipt_waits_in_the_queue_while_windows_cannot_print_it(
    make_shop: MakeShop, spooler: FakeSpooler
) -> None:
    shop = make_shop("salon")
    sale = shop.sell("corte", cash=10_000)
    bematech = spooler.printers[NAME]
    service = PrintService(shop.station, CounterSettings(printer_uri=f"win32://{NAME}"))
    try:
        bematech.status = PRINTER_STATUS_PAUSED
        paused = service.print_sale(sale.sale_id).result(timeout=10)
        assert not paused.printed
        assert (paused.error("pt_BR") or "").startswith(
            f"Impressora win32://{NAME}: a fila está pausada no Windows"
        )
        assert "queue is paused in Windows" in (paused.error("en") or "")
        bematech.status = PRINTER_STATUS_PAPER_OUT
        (out_of_paper,) = [f.result(timeout=10) for f in service.retry_failed()]
        assert "sem papel" in (out_of_paper.error("pt_BR") or "")
        (queued,) = service.queue()
        assert (queued.status, queued.ref_id, queued.attempts) == (FAILED, sale.sale_id, 2)
        assert bematech.printed == [] and bematech.queue == []  # nothing left in Windows' queue

        bematech.status = 0
        (retried,) = [f.result(timeout=10) for f in service.retry_failed()]
        assert retried.printed and service.queue() == []
        (paper,) = bematech.receipts()
        text = "\n".join(paper.lines)
        assert "Corte feminino" in text and "2ª VIA" not in text
        assert [pulse.pin for pulse in paper.pulses] == [2]  # cash: the drawer opens
        assert len(bematech.printed) == 1 and bematech.printed[0].datatype == "RAW"
    finally:
        service.close()
