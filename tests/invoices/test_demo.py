"""The pharmacy demo sells with NFC-e against the local SEFAZ: DANFE and QR at the emulator."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import Category, Item, Staff
from fiscal import A1Certificate
from fiscal.testing import LocalSefaz
from hardware.emulator.server import EmulatorServer
from posapp.core.pricing import Tender
from posapp.services.common.station import Station, open_station
from posapp.services.invoices.demo_setup import DEMO_PASSWORD, make_demo_a1, set_up_demo_nfce
from posapp.services.invoices.issuing import Invoicer
from posapp.services.onboarding.demo import fill_demo
from posapp.services.sales.checkout import CheckoutRequest, LineRequest, TenderRequest, checkout
from tests.invoices.conftest import print_sales, qr_codes
from tests.support import MovableClock


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Station]:
    station = open_station(tmp_path / "demo.sqlite", clock=MovableClock(datetime.now(UTC)))
    fill_demo(station, customers=5, products=30, sales=0, preset_key="pharmacy")
    yield station
    station.close()


def test_the_pharmacy_demo_sells_with_nfce_and_prints_a_readable_qr(
    demo: Station, tmp_path: Path, emulator: EmulatorServer
) -> None:
    with demo.read() as session:
        manager = session.scalars(select(Staff).where(Staff.name == "Marta Gerente")).one()
        cashier = session.scalars(select(Staff).where(Staff.name == "Carlos Caixa")).one()
        medicine = session.scalars(
            select(Item)
            .join(Category, Category.id == Item.category_id)
            .where(Category.code == "medicamentos")
            .limit(1)
        ).one()
        medicine_id, price = medicine.id, medicine.price
    a1 = make_demo_a1()
    cert = A1Certificate.from_pkcs12(a1, DEMO_PASSWORD).cert_pem()
    with LocalSefaz(cert, tmp_path) as sefaz:
        set_up_demo_nfce(demo, manager.id, "1234", a1, sefaz.url, sefaz.ca_file)
        sale = checkout(
            demo,
            CheckoutRequest(
                staff_id=cashier.id,
                lines=[LineRequest(medicine_id, 1)],
                payments=[TenderRequest(Tender.CASH, price)],
            ),
        )
        invoicer = Invoicer(demo)
        try:
            (paper,) = print_sales(invoicer, emulator, [sale.sale_id], paper_mm=58)
            note = invoicer.note(sale.sale_id)
        finally:
            invoicer.close()
        assert note is not None and note.record.status == "authorised"
        assert sefaz.authorisation_count(note.record.key) == 1
    lines = [line.strip() for line in paper.lines]
    assert "EMITIDA EM AMBIENTE DE HOMOLOGAÇÃO - SEM VALOR FISCAL" in " ".join(lines)
    (code,) = qr_codes(paper, dots=384)
    assert code.startswith("https://www.homologacao.nfce.fazenda.sp.gov.br/qrcode?p=")
    assert code.split("p=")[1].split("|")[0] == note.record.key
