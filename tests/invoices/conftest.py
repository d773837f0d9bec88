"""A pharmacy counter on a real SQLite file, its NFC-e set up against our local SEFAZ."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import zxingcpp

from db.models import Item
from fiscal import A1Certificate
from fiscal.testing import LocalSefaz, make_a1_pkcs12
from hardware.emulator.decoder import Receipt as Paper
from hardware.emulator.render_png import render_receipt
from hardware.emulator.server import EmulatorServer
from hardware.emulator.virtual import stop_virtual_printers, virtual_printer
from posapp.services.common.counter_settings import CounterSettings
from posapp.services.common.station import Station
from posapp.services.invoices.issuing import Invoicer
from posapp.services.invoices.paper import sale_paper
from posapp.services.invoices.settings import (
    FiscalSettings,
    load_certificate,
    save_settings,
    set_csc,
)
from posapp.services.sales.printing import PrintOutcome, PrintService, SalePaper
from tests.support import MANAGER_PIN, MovableClock, Shop, open_shop

PASSWORD = "senha-do-a1"
CNPJ = "12345678000195"
CSC_TOKEN = "0123456789ABCDEF0123456789ABCDEF0123"
PRINTER = "virtual://nfce-test"

STORE = FiscalSettings(
    enabled=True,
    cnpj="12.345.678/0001-95",
    ie="111222333444",
    crt=1,
    legal_name="Farmácia Boa Saúde Ltda",
    trade_name="Boa Saúde",
    street="Rua das Flores",
    number="100",
    district="Centro",
    city_code="3550308",
    city_name="São Paulo",
    uf="SP",
    cep="01001-000",
    environment=2,
    series=1,
    csc_id="1",
    timeout_s=1.0,
)


@pytest.fixture(scope="session")
def a1_bytes() -> bytes:
    return make_a1_pkcs12(PASSWORD)


@pytest.fixture
def sefaz(a1_bytes: bytes, tmp_path: Path) -> Iterator[LocalSefaz]:
    a1 = A1Certificate.from_pkcs12(a1_bytes, PASSWORD)
    with LocalSefaz(a1.cert_pem(), tmp_path, hang_s=5) as server:
        yield server


def fill_tax_data(shop: Shop) -> None:
    with shop.station.write() as session:
        for name, data in {
            "dipirona": ("30049099", "1300100", "5405", "500"),
            "shampoo": ("33051000", "", "5102", "102"),
        }.items():
            item = session.get(Item, shop.items[name])
            assert item is not None
            item.ncm, cest, item.cfop, item.csosn = data
            item.cest, item.origin, item.unit = cest or None, 0, "UN"


def set_up_nfce(shop: Shop, a1_bytes: bytes, sefaz: LocalSefaz, **changes: object) -> None:
    station, manager = shop.station, shop.manager_id
    load_certificate(station, manager, MANAGER_PIN, a1_bytes, PASSWORD)
    set_csc(station, manager, MANAGER_PIN, STORE.csc_id, CSC_TOKEN)
    settings = FiscalSettings(
        **{
            **STORE.__dict__,
            "sefaz_url": sefaz.url,
            "sefaz_ca_file": sefaz.ca_file,
            **changes,
        }
    )
    save_settings(station, manager, MANAGER_PIN, settings)


@pytest.fixture
def shop(tmp_path: Path) -> Shop:
    clock = MovableClock(datetime.now(UTC).replace(microsecond=0))
    shop = open_shop(tmp_path / "farmacia.sqlite", "pharmacy", clock)
    fill_tax_data(shop)
    return shop


@pytest.fixture
def invoicer(shop: Shop, a1_bytes: bytes, sefaz: LocalSefaz) -> Iterator[Invoicer]:
    set_up_nfce(shop, a1_bytes, sefaz)
    invoicer = Invoicer(shop.station)
    yield invoicer
    invoicer.close()


@pytest.fixture
def emulator() -> Iterator[EmulatorServer]:
    server = virtual_printer("nfce-test", paper_dots=576)
    yield server
    stop_virtual_printers()


def print_sales(
    invoicer: Invoicer, emulator: EmulatorServer, sale_ids: list[int], paper_mm: int = 80
) -> list[Paper]:
    service = PrintService(
        invoicer.station, CounterSettings(printer_uri=PRINTER, paper_mm=paper_mm)
    )
    service.sale_paper = lambda sale_id, settings: sale_paper(invoicer, sale_id, settings)
    try:
        for sale_id in sale_ids:
            assert service.print_sale(sale_id).result(timeout=30).printed
        return list(emulator.wait_for_receipts(len(sale_ids)))
    finally:
        service.close()


def print_one(
    station: Station, paper_of: SalePaper, emulator: EmulatorServer, printer: str, sale_id: int
) -> tuple[PrintOutcome, Paper]:
    """The sale printed through the print queue with `paper_of`: how it went, and the paper."""
    service = PrintService(station, CounterSettings(printer_uri=printer))
    service.sale_paper = paper_of
    printed = len(emulator.receipts)
    try:
        outcome = service.print_sale(sale_id).result(timeout=30)
    finally:
        service.close()
    return outcome, emulator.wait_for_receipts(printed + 1)[-1]


def qr_codes(paper: Paper, dots: int = 576) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(render_receipt(paper, paper_dots=dots))]


def answer_lost(shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz) -> tuple[str, str]:
    """A sale whose note 1 SEFAZ authorised while its answer was lost: the counter
    printed contingency note 2 for it. Returns the two keys."""
    sefaz.set_mode("timeout_after_authorise")
    sale = shop.sell("dipirona", cash=1_250)
    covering = invoicer.issue_for_sale(sale.sale_id)
    assert covering is not None and covering.contingency and covering.record.number == 2
    first = invoicer.storage.get(1, 1)
    assert first is not None and first.status == "unanswered" and first.replaced_by == 2
    assert sefaz.authorisation_count(first.key) == 1  # SEFAZ did authorise it
    sefaz.set_mode("authorise")
    return first.key, covering.record.key
