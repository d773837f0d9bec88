"""At the sale screen, a Pix paid through the PSP completes the sale by itself: the
cashier scans, chooses Pix, the customer pays, the receipt prints with the payment's
end-to-end id (our PSP on 127.0.0.1, the real screen, printer and SQLite file)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.models import PixCharge
from payments.testing.psp_server import PspServer
from posapp.core.pricing import Tender
from posapp.services.cash.shifts import close_shift, open_shift
from posapp.services.payments.dynamic_pix import DynamicPix, live_txids
from posapp.services.payments.late_pix import late_payments, settle_charges
from tests.payments.conftest import psp, psp_certificates  # noqa: F401
from tests.services.payments_support import configure_pix
from tests.support import MANAGER_PIN, Shop
from tests.ui.sale_support import Counter, counter_factory, normalized, scan, settle

MakeShop = Callable[..., Shop]


@pytest.fixture
def counters(make_shop: MakeShop, qtbot: QtBot) -> Iterator[Callable[[str], Counter]]:
    yield from counter_factory(make_shop, qtbot)


def test_a_pix_sale_completes_by_itself_when_the_customer_pays(
    counters: Callable[[str], Counter],
    qtbot: QtBot,
    psp: PspServer,  # noqa: F811
) -> None:
    counter = counters("pharmacy")
    shop, screen = counter.shop, counter.screen
    configure_pix(shop, psp, poll_interval_s=0.05, ask_card_details=False)
    psp.auto_pay_after_s = 0.5
    scan(screen, "7891000100103")  # Shampoo 300 ml, R$ 30,00
    settle(screen, qtbot)
    screen.pay()
    dialog = screen.payment_dialog
    assert dialog is not None
    dialog.fill_remaining(Tender.PIX)
    dialog.submit()  # the cashier's last key: the rest is the customer's phone
    qtbot.waitUntil(lambda: screen.last_sale is not None, timeout=15_000)
    sale = screen.last_sale
    assert sale is not None and sale.payments == (("pix", 3_000),)
    (txid,) = psp.charges
    e2eid = psp.charges[txid].payments[0]["endToEndId"]
    with shop.station.read() as session:
        charge = session.scalars(select(PixCharge)).one()
    assert (charge.txid, charge.status, charge.sale_id) == (txid, "sold", sale.sale_id)
    (paper,) = counter.printer.wait_for_receipts(1)
    lines = normalized(list(paper.lines))
    assert f"E2E {e2eid}" in lines
    settle(screen, qtbot)


def test_a_paid_pix_waits_for_the_cashiers_fix_and_pays_the_sale_after_the_upkeep(
    counters: Callable[[str], Counter],
    qtbot: QtBot,
    psp: PspServer,  # noqa: F811
) -> None:
    """The customer paid; checkout refused (the shift had been closed); the manager took
    twelve minutes to open it again, the upkeep ran meanwhile: the same Pix pays the sale,
    nothing is listed to return, and once the payment dialog is gone the charge is the
    upkeep's again."""
    counter = counters("pharmacy")
    shop, screen = counter.shop, counter.screen
    configure_pix(shop, psp, poll_interval_s=0.05, ask_card_details=False)
    psp.auto_pay_after_s = 0.3
    scan(screen, "7891000100103")  # Shampoo 300 ml, R$ 30,00
    settle(screen, qtbot)
    close_shift(shop.station, shop.manager_id, MANAGER_PIN, {})
    screen.pay()
    dialog = screen.payment_dialog
    assert dialog is not None
    dialog.fill_remaining(Tender.PIX)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.error.text() == "Abra o turno antes de vender.", timeout=15_000)
    (txid,) = psp.charges

    shop.clock.advance(minutes=12)
    open_shift(shop.station, shop.cashier_id, 10_000)
    with DynamicPix.open(shop.station) as upkeep:
        assert settle_charges(upkeep).found == 0
    assert late_payments(shop.station) == ()
    dialog.submit()
    qtbot.waitUntil(lambda: screen.last_sale is not None, timeout=15_000)
    sale = screen.last_sale
    assert sale is not None and sale.payments == (("pix", 3_000),)
    assert list(psp.charges) == [txid]
    qtbot.waitUntil(lambda: screen.payment_dialog is None, timeout=5_000)
    assert txid not in live_txids()
    settle(screen, qtbot)
