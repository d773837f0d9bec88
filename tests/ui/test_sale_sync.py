"""The sale screen with sync on: the endpoint is asked, and a retried cart keeps its claim."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.models import Sale
from posapp.core.pricing import Tender
from posapp.services.customers import adjustments
from posapp.services.customers import registry as customers
from posapp.services.sync.authority import OnlineAuthority, online_authority
from posapp.services.sync.config import SyncConfig, save_sync_config
from posapp.services.sync.cycle import client_for, run_cycle
from tests.cloud_fixtures import CloudServer
from tests.support import MANAGER_PIN, MovableClock, Shop
from tests.ui.sale_support import Counter, counter_factory, scan, settle

MakeShop = Callable[..., Shop]


@pytest.fixture
def clock() -> MovableClock:
    """Near the wall clock: the endpoint judges expiry and claims' 15 minutes by its own."""
    return MovableClock(datetime.now(UTC).replace(microsecond=0))


@pytest.fixture
def counters(make_shop: MakeShop, qtbot: QtBot) -> Iterator[Callable[[str], Counter]]:
    yield from counter_factory(make_shop, qtbot)


def sales(shop: Shop) -> int:
    with shop.station.read() as session:
        return int(session.scalar(select(func.count()).select_from(Sale)) or 0)


def test_a_refused_payment_tried_again_keeps_the_voucher_claimed_for_this_sale(
    counters: Callable[[str], Counter], qtbot: QtBot, cloud_server: CloudServer
) -> None:
    counter = counters("pharmacy")
    shop, screen = counter.shop, counter.screen
    chain = cloud_server.create_chain("Rede Teste")
    token = cloud_server.add_terminal(chain, "Caixa 1")
    save_sync_config(
        shop.station,
        SyncConfig(cloud_server.url, token, True),
        staff_id=None,
        manager_pin=MANAGER_PIN,
    )
    maria = shop.enrol("Maria Silva", phone="(11) 98765-4321")
    adjustments.adjust(
        shop.station,
        customer_id=maria,
        units=740,
        reason="teste",
        staff_id=shop.manager_id,
        manager_pin=MANAGER_PIN,
    )
    (voucher,) = customers.vouchers(shop.station, maria)
    client = client_for(shop.station)
    assert client is not None
    with client:
        assert run_cycle(shop.station, client).ok  # the endpoint knows the voucher now
    authority = online_authority(shop.station)
    assert isinstance(authority, OnlineAuthority)
    counter.context.authority = authority

    scan(screen, "7896004700014")  # Dipirona, R$ 12,50
    screen.open_customer()
    picker = screen.customer_dialog
    assert picker is not None
    picker.query.setText("(11) 98765-4321")
    picker.search()
    qtbot.waitUntil(lambda: picker.results.count() == 1)
    picker.choose()
    qtbot.waitUntil(lambda: screen.account is not None)
    settle(screen, qtbot)
    screen.pay()
    dialog = screen.payment_dialog
    assert dialog is not None

    dialog.voucher.setText(voucher.code)
    dialog.toggle_cashback()  # F2: the R$ 2,40 left beside the voucher
    assert dialog.cashback.text() == "2,40"
    # ...which another purchase spends (earning R$ 1,38) before this one is finished:
    # checkout refuses it after the endpoint has claimed the voucher for this sale.
    shop.sell("shampoo", customer=maria, cashback=240, cash=2_760)
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert dialog.error.text() == (
        "Cashback acima do saldo disponível: pediu R$ 2,40, disponível R$ 1,38."
    )
    assert sales(shop) == 1

    dialog.cashback.clear()
    dialog.fields[Tender.CASH].setText("10,00")
    dialog.submit()  # the same sale: its own claim does not hold the voucher against it
    qtbot.waitUntil(lambda: screen.last_sale is not None, timeout=10_000)
    assert sales(shop) == 2 and screen.sale_uuid is None
    assert screen.last_sale is not None
    counter.printer.wait_for_receipts(1)
    settle(screen, qtbot)
    authority.client.close()


def test_a_qr_of_another_stores_voucher_not_pulled_yet_is_checked_online_and_pays(
    counters: Callable[[str], Counter],
    make_shop: MakeShop,
    qtbot: QtBot,
    cloud_server: CloudServer,
) -> None:
    """Centro issues Ana's voucher; this counter (Shopping) has not pulled it. The payment
    dialog's voucher check asks the endpoint (off the GUI thread), which verifies the QR;
    offline the same QR is refused in clear words."""
    centro = make_shop("cosmetics")
    counter = counters("cosmetics")
    shop, screen = counter.shop, counter.screen
    chain = cloud_server.create_chain("Rede Teste")
    for made, name in ((centro, "Centro"), (shop, "Shopping")):
        save_sync_config(
            made.station,
            SyncConfig(cloud_server.url, cloud_server.add_terminal(chain, name), True),
            staff_id=None,
            manager_pin=MANAGER_PIN,
        )
    for made in (centro, shop):  # both said hello
        client = client_for(made.station)
        assert client is not None
        with client:
            assert run_cycle(made.station, client).ok
    ana = centro.enrol("Ana Lima", phone="(11) 91234-5678")
    (voucher,) = centro.sell("batom", customer=ana, cash=4_990).vouchers_issued
    client = client_for(centro.station)
    assert client is not None
    with client:
        assert run_cycle(centro.station, client).ok  # the endpoint knows it; Shopping does not

    scan(screen, "7891000100103")  # Shampoo, R$ 30,00
    settle(screen, qtbot)
    screen.pay()
    dialog = screen.payment_dialog
    assert dialog is not None
    dialog.voucher.setText(voucher.qr)
    dialog.check_voucher_now()  # sync off at this counter: not known here, refused
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=10_000)
    assert dialog.error.text() == (
        f"O vale {voucher.code} é de outra loja da rede e ainda não é conhecido neste caixa: "
        "sem a confirmação do servidor da rede (conexão), ele não pode ser aceito agora."
    )
    assert dialog.voucher_value == 0

    authority = online_authority(shop.station)
    assert isinstance(authority, OnlineAuthority)
    counter.context.authority = authority
    dialog.reject()
    qtbot.waitUntil(lambda: screen.payment_dialog is None)
    screen.pay()
    dialog = screen.payment_dialog
    assert dialog is not None
    dialog.voucher.setText(voucher.qr)
    dialog.check_voucher_now()
    qtbot.waitUntil(lambda: dialog.voucher_value == 500, timeout=10_000)
    assert dialog.voucher_info.text() == f"Vale {voucher.code}: R$ 5,00"
    dialog.fields[Tender.CASH].setText("25,00")
    dialog.submit()
    qtbot.waitUntil(lambda: screen.last_sale is not None, timeout=10_000)
    assert screen.last_sale is not None
    assert dict(screen.last_sale.payments) == {"voucher": 500, "cash": 2_500}
    assert sales(shop) == 1
    counter.printer.wait_for_receipts(1)
    settle(screen, qtbot)
    authority.client.close()
