"""The salon demo issues NFS-e to the local Sefin beside its NFC-e; a local Sefin
address is refused outside homologação."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import Item, Staff
from fiscal import A1Certificate
from fiscal.testing import LocalSefaz, LocalSefin
from posapp.core.pricing import Tender
from posapp.services.common.station import Station, open_station
from posapp.services.invoices.demo_setup import DEMO_PASSWORD, make_demo_a1, set_up_demo_nfce
from posapp.services.invoices.issuing import Invoicer
from posapp.services.invoices.settings import load_settings as load_fiscal
from posapp.services.invoices.settings import save_settings as save_fiscal
from posapp.services.nfse.demo_setup import set_up_demo_nfse
from posapp.services.nfse.issuing import NfseIssuer
from posapp.services.nfse.settings import InvalidNfseSetting, load_settings, save_settings
from posapp.services.onboarding.demo import fill_demo
from posapp.services.sales.checkout import CheckoutRequest, LineRequest, TenderRequest, checkout
from tests.support import MovableClock


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Station]:
    station = open_station(tmp_path / "demo.sqlite", clock=MovableClock(datetime.now(UTC)))
    fill_demo(station, customers=5, products=30, sales=0, preset_key="salon")
    yield station
    station.close()


def test_the_salon_demo_issues_nfse_and_nfce_locally(demo: Station, tmp_path: Path) -> None:
    with demo.read() as session:
        manager = session.scalars(select(Staff).where(Staff.name == "Marta Gerente")).one()
        cashier = session.scalars(select(Staff).where(Staff.name == "Carlos Caixa")).one()
        service = session.scalars(select(Item).where(Item.kind == "service").limit(1)).one()
        product = session.scalars(
            select(Item).where(Item.kind == "product", Item.ncm.is_not(None)).limit(1)
        ).one()
        lines = [LineRequest(service.id), LineRequest(product.id)]
        total = service.price + product.price
    a1 = make_demo_a1()
    cert = A1Certificate.from_pkcs12(a1, DEMO_PASSWORD).cert_pem()
    (tmp_path / "sefin").mkdir()
    with LocalSefaz(cert, tmp_path) as sefaz, LocalSefin(cert, tmp_path / "sefin") as sefin:
        set_up_demo_nfce(demo, manager.id, "1234", a1, sefaz.url, sefaz.ca_file)
        set_up_demo_nfse(demo, manager.id, "1234", sefin.url, sefin.ca_file)
        sale = checkout(
            demo,
            CheckoutRequest(
                staff_id=cashier.id, lines=lines, payments=[TenderRequest(Tender.CASH, total)]
            ),
        )
        invoicer, issuer = Invoicer(demo), NfseIssuer(demo)
        try:
            nfse = issuer.issue_for_sale(sale.sale_id)
            note = invoicer.issue_for_sale(sale.sale_id)
        finally:
            invoicer.close()
            issuer.close()
        assert nfse is not None and nfse.status == "authorised"
        assert note is not None and note.record.status == "authorised"
        assert sefin.state.sent[nfse.dps_id] == 1

        fiscal = load_fiscal(demo)
        save_fiscal(demo, manager.id, "1234", replace(fiscal, environment=1, sefaz_url=""))
        with pytest.raises(InvalidNfseSetting) as refused:
            save_settings(demo, manager.id, "1234", load_settings(demo))
        assert "homologação" in refused.value.message("pt_BR")
