"""F11: a discount on the whole sale, within the limit without a PIN, above it with a manager's;
shown in the totals and the earn preview, on the receipt and in the cashback earned."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.models import AuditLog, Sale
from posapp.core.pricing import Tender
from posapp.services.customers.registry import account
from posapp.ui.sale import SaleScreen
from posapp.ui.sale.discount_dialog import SaleDiscount, SaleDiscountDialog
from tests.support import CASHIER_PIN, MANAGER_PIN, Shop
from tests.ui.sale_support import Counter, counter_factory, scan, settle

MakeShop = Callable[..., Shop]
SHAMPOO, DIPIRONA = "7891000100103", "7896004700014"


@pytest.fixture
def counters(make_shop: MakeShop, qtbot: QtBot) -> Iterator[Callable[[str], Counter]]:
    yield from counter_factory(make_shop, qtbot)


def ring_up(counter: Counter, qtbot: QtBot) -> int:
    """Two shampoos and a dipirona (R$ 72,50) for Joana, a pharmacy customer (5 %)."""
    shop, screen = counter.shop, counter.screen
    joana = shop.enrol("Joana Lima", cpf="529.982.247-25")
    screen.attach_customer(account(shop.station, joana).summary)
    for code in (SHAMPOO, SHAMPOO, DIPIRONA):
        scan(screen, code)
    settle(screen, qtbot)
    assert screen.total_label.text() == "Total: R$ 72,50"
    assert screen.earn_label.text() == "Esta compra rende: R$ 3,62"
    return joana


def f11(screen: SaleScreen, qtbot: QtBot) -> None:
    """The F11 key, as the cashier presses it with the cursor in the code field."""
    screen.activateWindow()
    screen.input.setFocus()
    qtbot.waitUntil(screen.input.hasFocus)
    qtbot.keyClick(screen.input, Qt.Key.Key_F11)


def give_discount(counter: Counter, qtbot: QtBot, value: str, *, percent: bool = True) -> None:
    """F11, type the discount, OK."""
    screen = counter.screen
    f11(screen, qtbot)
    dialog = screen.discount_dialog
    assert dialog is not None and dialog.isVisible()
    (dialog.as_percent if percent else dialog.as_amount).setChecked(True)
    dialog.value.setText(value)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    settle(screen, qtbot)


def pay_by_pix(counter: Counter) -> None:
    screen = counter.screen
    screen.pay()
    dialog = screen.payment_dialog
    assert dialog is not None
    dialog.fill_remaining(Tender.PIX)
    dialog.submit()


def sales(shop: Shop) -> int:
    with shop.station.read() as session:
        return int(session.scalar(select(func.count()).select_from(Sale)) or 0)


def test_ten_percent_goes_through_without_a_pin_and_the_receipt_and_cashback_show_it(
    counters: Callable[[str], Counter], qtbot: QtBot
) -> None:
    counter = counters("pharmacy")
    shop, screen = counter.shop, counter.screen
    joana = ring_up(counter, qtbot)
    asked: list[str] = []
    screen.ask_pin = lambda _parent, action: asked.append(action) or MANAGER_PIN  # type: ignore[func-returns-value]

    give_discount(counter, qtbot, "10")
    # 10 % of R$ 72,50 = R$ 7,25; R$ 65,25 earns 5 %: R$ 3,26
    assert screen.total_label.text() == (
        "Subtotal R$ 72,50 · Descontos R$ 7,25 (na venda: 10 %) · Total: R$ 65,25"
    )
    assert screen.earn_label.text() == "Esta compra rende: R$ 3,26"
    assert screen.message.text() == "Desconto na venda: 10 %"

    pay_by_pix(counter)
    qtbot.waitUntil(lambda: screen.last_sale is not None, timeout=10_000)
    assert asked == []  # within the limit: nobody was asked
    sale = screen.last_sale
    assert sale is not None and (sale.total, sale.earned) == (6_525, 326)
    (paper,) = counter.printer.wait_for_receipts(1)
    text = [" ".join(line.split()) for line in paper.lines]
    assert "Descontos -R$ 7,25" in text
    assert "TOTAL R$ 65,25" in text
    assert "Cashback ganho R$ 3,26" in text
    assert account(shop.station, joana).balance.total == 326
    with shop.station.read() as session:
        stored = session.scalars(select(Sale)).one()
        assert (stored.gross, stored.discount, stored.total) == (7_250, 725, 6_525)

    settle(screen, qtbot)
    assert screen.sale_discount is None  # gone with the cart
    assert screen.total_label.text() == "Total: R$ 0,00"
    scan(screen, DIPIRONA)  # the next sale starts with no discount
    settle(screen, qtbot)
    assert screen.total_label.text() == "Total: R$ 12,50"


def test_above_the_limit_a_cashiers_pin_is_refused_and_a_managers_approves(
    counters: Callable[[str], Counter], qtbot: QtBot
) -> None:
    counter = counters("pharmacy")
    shop, screen = counter.shop, counter.screen
    ring_up(counter, qtbot)
    give_discount(counter, qtbot, "14,50", percent=False)  # 20 %: above the 10 % limit
    assert screen.total_label.text() == (
        "Subtotal R$ 72,50 · Descontos R$ 14,50 (na venda: R$ 14,50) · Total: R$ 58,00"
    )
    assert screen.earn_label.text() == "Esta compra rende: R$ 2,90"

    asked: list[str] = []
    screen.ask_pin = lambda _parent, action: asked.append(action) or CASHIER_PIN  # type: ignore[func-returns-value]
    pay_by_pix(counter)
    dialog = screen.payment_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=10_000)
    assert asked == ["desconto acima do limite"]
    assert dialog.error.text() == (
        "PIN de gerente incorreto (ou sem permissão): desconto acima do limite não foi autorizado."
    )
    assert sales(shop) == 0 and screen.last_sale is None

    screen.ask_pin = lambda _parent, action: asked.append(action) or MANAGER_PIN  # type: ignore[func-returns-value]
    dialog.submit()
    qtbot.waitUntil(lambda: screen.last_sale is not None, timeout=10_000)
    assert asked == ["desconto acima do limite"] * 2
    sale = screen.last_sale
    assert sale is not None and (sale.total, sale.earned) == (5_800, 290)
    with shop.station.read() as session:
        audit = session.scalars(select(AuditLog).where(AuditLog.action == "sale.complete")).one()
        assert audit.authorized_by_id == shop.manager_id
    (paper,) = counter.printer.wait_for_receipts(1)
    text = [" ".join(line.split()) for line in paper.lines]
    assert "Descontos -R$ 14,50" in text and "TOTAL R$ 58,00" in text
    settle(screen, qtbot)


def test_the_discount_follows_the_cart_and_is_removed_or_refused_plainly(
    counters: Callable[[str], Counter], qtbot: QtBot
) -> None:
    counter = counters("pharmacy")
    screen = counter.screen
    f11(screen, qtbot)  # no items: nothing to discount
    assert screen.discount_dialog is None
    assert screen.message.text() == "Nenhum item para dar desconto."
    assert screen.buttons["keySaleDiscount"].text() == "F11 Desc. venda"
    assert screen.minimumSizeHint().width() <= 1280  # ten keys still fit the counter's screen
    ring_up(counter, qtbot)

    give_discount(counter, qtbot, "10")
    assert screen.model.remove_row(1)  # the dipirona goes: 10 % of R$ 60,00
    settle(screen, qtbot)
    assert screen.total_label.text().endswith(
        "Descontos R$ 6,00 (na venda: 10 %) · Total: R$ 54,00"
    )

    f11(screen, qtbot)
    dialog = screen.discount_dialog
    assert isinstance(dialog, SaleDiscountDialog)
    assert dialog.value.text() == "10" and dialog.as_percent.isChecked()  # what is in force
    dialog.value.setText("120")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.error.text() == "Informe uma porcentagem entre 0 e 100."
    dialog.as_amount.setChecked(True)
    dialog.value.setText("70,00")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "Informe um valor até R$ 60,00."
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    settle(screen, qtbot)
    assert screen.sale_discount is None
    assert screen.total_label.text() == "Total: R$ 60,00"
    assert screen.message.text() == "Desconto na venda retirado."


def test_a_percentage_is_kept_as_one_and_rounds_down() -> None:
    assert SaleDiscount(percent_bps=1_250).centavos(7_250) == 906  # 12,5 % of 72,50 = 9,0625
    assert SaleDiscount(percent_bps=1_250).label("pt_BR") == "12,50 %"
    assert SaleDiscount(amount=9_000).centavos(6_000) == 6_000  # never more than the cart
    assert SaleDiscount(amount=500).label("en") == "R$5.00"
