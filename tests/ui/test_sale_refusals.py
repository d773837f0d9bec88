"""Refusals at the counter say why in pt_BR, in the screen or the dialog, and commit nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.models import Customer, Sale
from posapp.core.pricing import Tender
from posapp.services.customers import adjustments
from posapp.services.customers import registry as customers
from tests.support import MANAGER_PIN, Shop
from tests.ui.sale_support import Counter, counter_factory, scan, settle

MakeShop = Callable[..., Shop]


@pytest.fixture
def counters(make_shop: MakeShop, qtbot: QtBot) -> Iterator[Callable[[str], Counter]]:
    yield from counter_factory(make_shop, qtbot)


def count(shop: Shop, model: type[Sale] | type[Customer]) -> int:
    with shop.station.read() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_a_bad_cpf_in_the_enrol_dialog_is_refused_then_a_good_one_enrols_and_attaches(
    counters: Callable[[str], Counter], qtbot: QtBot
) -> None:
    counter = counters("salon")
    screen = counter.screen
    changed: list[int] = []
    counter.context.events.customer_changed.connect(changed.append)
    screen.open_enrol()
    dialog = screen.enrol_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.cpf.setText("123.456.789-00")
    dialog.name.setText("Joana Prado")
    dialog.consent.setChecked(True)
    dialog.submit()
    qtbot.waitUntil(lambda: bool(dialog.error.text()))
    assert dialog.error.text() == "CPF inválido: 123.456.789-00. Confira os dígitos."
    assert dialog.isVisible() and count(counter.shop, Customer) == 0

    dialog.cpf.setText("529.982.247-25")
    dialog.referral.setText("NAOEXISTE")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.error.text().startswith("Código de indicação"))
    assert dialog.error.text() == "Código de indicação não encontrado: NAOEXISTE."
    assert count(counter.shop, Customer) == 0

    dialog.referral.clear()
    dialog.submit()
    qtbot.waitUntil(lambda: screen.customer is not None)
    settle(screen, qtbot)
    assert screen.customer is not None and screen.customer.name == "Joana Prado"
    assert changed == [screen.customer.id]
    assert screen.customer_label.text() == "Joana Prado  ***.982.247-**"
    assert screen.balance_label.text() == "Saldo disponível: R$ 0,00"


def test_an_unknown_barcode_is_said_in_the_screen_and_the_search_is_offered(
    counters: Callable[[str], Counter], qtbot: QtBot
) -> None:
    counter = counters("pharmacy")
    screen = counter.screen
    statuses: list[str] = []
    counter.context.events.status.connect(statuses.append)
    scan(screen, "7891234567895")
    settle(screen, qtbot)
    expected = "Código 7891234567895 não cadastrado. Busque o produto pelo nome (F3)."
    assert screen.message.text() == expected and statuses[-1] == expected
    assert screen.search_offer.isVisible()
    assert screen.model.rowCount() == 0
    screen.search_offer.click()
    assert screen.message.text() == "Digite parte do nome do produto ou serviço e tecle Enter."
    screen.input.setText("dipi")
    screen.on_enter()
    settle(screen, qtbot)
    screen.on_enter()
    assert [row.item.name for row in screen.model.rows] == ["Dipirona 500 mg"]


def test_a_spent_voucher_and_cashback_above_the_cap_are_refused_in_the_payment_dialog(
    counters: Callable[[str], Counter], qtbot: QtBot
) -> None:
    counter = counters("pharmacy")
    shop, screen = counter.shop, counter.screen
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
    shop.sell("shampoo", customer=maria, voucher=voucher.code, cash=2_500)  # spends it
    assert count(shop, Sale) == 1

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
    assert dialog.cashback.text() == ""  # nothing spent unless the cashier chooses it
    assert dialog.use_cashback.text() == "F2 Usar cashback R$ 3,65?"  # R$ 2,40 + R$ 1,25

    spent = f"O vale {voucher.code} já foi usado."
    dialog.voucher.setText(voucher.code.lower())
    dialog.check_voucher_now()
    qtbot.waitUntil(lambda: dialog.error.text() == spent)
    dialog.fields[Tender.CASH].setText("10,00")
    dialog.submit()  # checkout refuses it too, atomically
    qtbot.waitUntil(lambda: not dialog.busy)
    assert dialog.error.text() == spent and dialog.isVisible()
    assert count(shop, Sale) == 1

    dialog.voucher.clear()
    dialog.cashback.setText("7,00")  # said while typing, with checkout's own words
    above_cap = "O programa permite usar até R$ 6,25 de cashback nesta compra (pediu R$ 7,00)."
    assert dialog.summary.text() == above_cap
    dialog.submit()
    assert dialog.error.text() == above_cap and not dialog.busy
    assert count(shop, Sale) == 1 and screen.model.rowCount() == 1
    dialog.cashback.setText("5,00")  # under the cap, above the balance
    assert dialog.summary.text() == (
        "Cashback acima do saldo disponível: pediu R$ 5,00, disponível R$ 3,65."
    )

    dialog.cashback.setText("abc")
    dialog.submit()
    assert dialog.error.text() == "Valor inválido: abc" and not dialog.busy

    dialog.cashback.setText("3,65")
    assert dialog.summary.text() == "Troco: R$ 1,15"
    dialog.submit()
    qtbot.waitUntil(lambda: screen.last_sale is not None, timeout=10_000)
    assert count(shop, Sale) == 2
    assert screen.last_sale is not None and screen.last_sale.change == 115
    counter.printer.wait_for_receipts(1)
    settle(screen, qtbot)
