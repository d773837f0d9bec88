"""A salon counter on a real SQLite file: NFC-e against our local SEFAZ, NFS-e against
our local Sefin Nacional, both over HTTPS on 127.0.0.1 with the store's A1."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from fiscal import A1Certificate
from fiscal.testing import LocalSefaz, LocalSefin, make_a1_pkcs12
from hardware.emulator.decoder import Receipt as Paper
from hardware.emulator.server import EmulatorServer
from hardware.emulator.virtual import stop_virtual_printers, virtual_printer
from posapp.core.pricing import Tender
from posapp.services.common.counter_settings import CounterSettings
from posapp.services.invoices.issuing import Invoicer
from posapp.services.nfse.issuing import NfseIssuer
from posapp.services.nfse.paper import sale_paper
from posapp.services.nfse.settings import NfseSettings, Partner, save_settings
from posapp.services.sales.checkout import CheckoutRequest, LineRequest, TenderRequest, checkout
from posapp.services.sales.printing import PrintService
from tests.invoices.conftest import PASSWORD, fill_tax_data, set_up_nfce
from tests.support import MANAGER_PIN, MovableClock, Shop, open_shop

PRINTER = "virtual://nfse-test"
PAULA_CPF = "11144477735"


@pytest.fixture(scope="session")
def a1_bytes() -> bytes:
    return make_a1_pkcs12(PASSWORD)


@pytest.fixture
def a1(a1_bytes: bytes) -> A1Certificate:
    return A1Certificate.from_pkcs12(a1_bytes, PASSWORD)


@pytest.fixture
def sefaz(a1: A1Certificate, tmp_path: Path) -> Iterator[LocalSefaz]:
    folder = tmp_path / "sefaz"
    folder.mkdir()
    with LocalSefaz(a1.cert_pem(), folder, hang_s=5) as server:
        yield server


@pytest.fixture
def sefin(a1: A1Certificate, tmp_path: Path) -> Iterator[LocalSefin]:
    folder = tmp_path / "sefin"
    folder.mkdir()
    with LocalSefin(a1.cert_pem(), folder, hang_s=5) as server:
        yield server


@pytest.fixture
def shop(tmp_path: Path) -> Shop:
    clock = MovableClock(datetime.now(UTC).replace(microsecond=0))
    shop = open_shop(tmp_path / "salao.sqlite", "salon", clock)
    fill_tax_data(shop)
    return shop


def salon_settings(shop: Shop, sefin: LocalSefin, **changes: object) -> NfseSettings:
    base = NfseSettings(
        enabled=True,
        im="1234567",
        national_code="06.01.01",
        municipal_code="001",
        iss_rate_bp=500,
        partner_salon=True,
        partners=(Partner(shop.professional_id, PAULA_CPF, 6000, "Contrato 7/2026", "2026-01-05"),),
        sefin_url=sefin.url,
        sefin_ca_file=sefin.ca_file,
        timeout_s=1.0,
    )
    return NfseSettings(**{**base.__dict__, **changes})


@pytest.fixture
def invoicer(shop: Shop, a1_bytes: bytes, sefaz: LocalSefaz) -> Iterator[Invoicer]:
    set_up_nfce(shop, a1_bytes, sefaz)
    invoicer = Invoicer(shop.station)
    yield invoicer
    invoicer.close()


@pytest.fixture
def issuer(shop: Shop, invoicer: Invoicer, sefin: LocalSefin) -> Iterator[NfseIssuer]:
    save_settings(shop.station, shop.manager_id, MANAGER_PIN, salon_settings(shop, sefin))
    issuer = NfseIssuer(shop.station)
    yield issuer
    issuer.close()


@pytest.fixture
def emulator() -> Iterator[EmulatorServer]:
    server = virtual_printer("nfse-test", paper_dots=576)
    yield server
    stop_virtual_printers()


def sell_salon(shop: Shop, *names: str, customer: int | None = None, cash: int = 50_000) -> int:
    """Ring up items; services are done by Paula (the partner professional)."""
    lines = [
        LineRequest(
            shop.items[name],
            professional_id=shop.professional_id if name in ("corte", "manicure") else None,
        )
        for name in names
    ]
    request = CheckoutRequest(
        staff_id=shop.cashier_id,
        lines=lines,
        payments=[TenderRequest(Tender.CASH, cash)],
        customer_id=customer,
    )
    return checkout(shop.station, request).sale_id


def print_sales(
    invoicer: Invoicer | None, issuer: NfseIssuer, emulator: EmulatorServer, sale_ids: list[int]
) -> list[Paper]:
    service = PrintService(issuer.station, CounterSettings(printer_uri=PRINTER, paper_mm=80))
    service.sale_paper = lambda sale_id, settings: sale_paper(invoicer, issuer, sale_id, settings)
    try:
        for sale_id in sale_ids:
            assert service.print_sale(sale_id).result(timeout=30).printed
        return list(emulator.wait_for_receipts(len(sale_ids)))
    finally:
        service.close()
