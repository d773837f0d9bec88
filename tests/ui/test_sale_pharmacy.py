"""A whole pharmacy sale at the counter: scanner bursts, a CPF customer, cashback, a voucher,
cash + PIX with change, and the receipt at the printer saying what the screen said."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.models import Voucher
from posapp.core.pricing import Tender
from posapp.services.customers import adjustments
from posapp.services.customers import registry as customers
from posapp.services.loyalty.vouchers import qr_payload
from posapp.ui.sale.cart_model import DESCRIPTION, QUANTITY, TOTAL
from tests.support import MANAGER_PIN, Shop
from tests.ui.sale_support import (
    Counter,
    counter_factory,
    normalized,
    scan,
    settle,
    type_slowly,
)

MakeShop = Callable[..., Shop]
MARIA_CPF = "529.982.247-25"


@pytest.fixture
def counters(make_shop: MakeShop, qtbot: QtBot) -> Iterator[Callable[[str], Counter]]:
    yield from counter_factory(make_shop, qtbot)


def test_a_pharmacy_sale_by_scanner_with_cashback_voucher_and_split_payment(
    counters: Callable[[str], Counter], qtbot: QtBot
) -> None:
    counter = counters("pharmacy")
    shop, screen = counter.shop, counter.screen
    maria = shop.enrol("Maria Silva", cpf=MARIA_CPF)
    # R$ 7,40 of cashback: R$ 5,00 become a voucher (R$ 5 steps), R$ 2,40 stay spendable.
    adjustments.adjust(
        shop.station,
        customer_id=maria,
        units=740,
        reason="crédito de boas-vindas",
        staff_id=shop.manager_id,
        manager_pin=MANAGER_PIN,
    )
    (voucher,) = [v for v in customers.vouchers(shop.station, maria) if v.status == "open"]
    assert voucher.value == 500

    committed: list[int] = []
    printer_states: list[tuple[bool, str]] = []
    counter.context.events.sale_committed.connect(committed.append)
    counter.context.events.printer_state.connect(lambda ok, text: printer_states.append((ok, text)))

    for code in ("7891000100103", "7896004700014", "7896004700014"):
        scan(screen, code)
    settle(screen, qtbot)
    model = screen.model
    assert [
        [model.index(r, c).data() for c in (DESCRIPTION, QUANTITY, TOTAL)]
        for r in range(model.rowCount())
    ] == [["Shampoo 300 ml", "1", "R$ 30,00"], ["Dipirona 500 mg", "2", "R$ 25,00"]]
    assert screen.input.text() == ""  # the burst never reached the line edit
    assert screen.total_label.text() == "Total: R$ 55,00"

    screen.open_customer()
    picker = screen.customer_dialog
    assert picker is not None
    picker.query.setText(MARIA_CPF)
    picker.search()
    qtbot.waitUntil(lambda: picker.results.count() == 1)
    picker.choose()
    qtbot.waitUntil(lambda: screen.account is not None)
    settle(screen, qtbot)
    panel = screen.loyalty_label.text()
    assert "Maria Silva" in screen.customer_label.text()
    assert screen.balance_label.text() == "Saldo disponível: R$ 2,40"
    assert f"Vale {voucher.code}: R$ 5,00" in panel
    # 5 % of R$ 55,00 if money pays it all: live, from quote
    assert screen.earn_label.text() == (
        "Esta compra rende: R$ 2,75 (sem usar cashback; o cashback usado não rende)"
    )

    screen.pay()
    dialog = screen.payment_dialog
    assert dialog is not None
    assert dialog.cashback.text() == ""  # never spent unless the cashier chooses it
    assert dialog.use_cashback.text() == "F2 Usar cashback R$ 2,40?"
    dialog.toggle_cashback()
    assert dialog.cashback.text() == "2,40"  # the most the program and the balance allow
    with shop.station.read() as session:  # the voucher's QR, as the scanner reads it
        row = session.scalars(select(Voucher).where(Voucher.code == voucher.code)).one()
        qr = qr_payload(row, shop.station.store(session))
    dialog.voucher.setText(qr)
    dialog.check_voucher_now()
    qtbot.waitUntil(lambda: dialog.voucher_value == 500)
    assert dialog.voucher_info.text() == f"Vale {voucher.code}: R$ 5,00"
    assert dialog.summary.text() == "Falta: R$ 47,60"
    dialog.fields[Tender.PIX].setText("20,00")
    dialog.fields[Tender.CASH].setText("30,00")
    assert dialog.summary.text() == "Troco: R$ 2,40"
    dialog.submit()
    qtbot.waitUntil(lambda: screen.last_sale is not None, timeout=10_000)
    sale = screen.last_sale
    assert sale is not None
    assert committed == [sale.sale_id]
    assert screen.payment_dialog is None  # closed and gone
    assert (sale.total, sale.change, sale.redeemed) == (5_500, 240, 240)
    assert "Troco: R$ 2,40" in screen.message.text()
    assert screen.model.rowCount() == 0 and screen.customer is None

    (paper,) = counter.printer.wait_for_receipts(1)
    qtbot.waitUntil(lambda: bool(printer_states))
    assert printer_states[-1][0] is True
    printed = normalized(list(paper.lines))
    shown = normalized(screen.last_sale_label.text())
    expected = [line for line in shown if not line.startswith("Cliente:")]
    assert expected == [
        "Venda nº 000001",
        "Shampoo 300 ml R$ 30,00",
        "Dipirona 500 mg R$ 25,00",
        "TOTAL R$ 55,00",
        "Dinheiro R$ 30,00",
        "PIX R$ 20,00",
        "Cashback R$ 2,40",
        "Vale R$ 5,00",
        "Troco R$ 2,40",
        "Cashback ganho R$ 2,38",
        "Saldo de cashback R$ 2,38",
    ]
    for line in expected:
        assert line in printed, (line, printed)
    assert any(line.startswith("Cliente: Maria Silva") for line in printed)
    assert [pulse.pin for pulse in paper.pulses] == [2]  # cash opens the drawer
    qtbot.waitUntil(lambda: not screen.preview.pixmap().isNull(), timeout=10_000)
    assert screen.preview.pixmap().width() > 100

    after = customers.account(shop.station, maria)
    assert after.balance.total == 238
    assert [v.status for v in customers.vouchers(shop.station, maria)] == ["redeemed"]


def test_the_cart_shows_its_titles_and_numbers_its_lines(
    counters: Callable[[str], Counter], qtbot: QtBot
) -> None:
    """What the cashier reads around the cart: the columns' titles, in the counter's
    language, and each line's number, 1 for the first scanned."""
    counter = counters("pharmacy")
    screen = counter.screen
    for code in ("7891000100103", "7896004700014"):
        scan(screen, code)
    settle(screen, qtbot)
    table = screen.table
    titles = table.horizontalHeader().model()
    numbers = table.verticalHeader().model()
    assert [titles.headerData(c, Qt.Orientation.Horizontal) for c in range(6)] == [
        "Descrição",
        "Qtd",
        "Preço unit.",
        "Desconto",
        "Total",
        "Profissional",
    ]
    assert [str(numbers.headerData(r, Qt.Orientation.Vertical)) for r in range(2)] == ["1", "2"]
    assert table.horizontalHeader().count() == screen.model.columnCount()
    assert table.verticalHeader().count() == 2


def test_a_scan_after_words_typed_by_hand_rings_up_the_item_and_clears_the_words(
    counters: Callable[[str], Counter], qtbot: QtBot
) -> None:
    """The cashier began typing a name, then scanned the box instead: one line, the field
    empty for the next scan (not "dip7891000100103")."""
    counter = counters("pharmacy")
    screen = counter.screen
    type_slowly(screen, "dip", qtbot)
    assert screen.input.text() == "dip"
    scan(screen, "7891000100103")
    settle(screen, qtbot)
    assert [row.item.name for row in screen.model.rows] == ["Shampoo 300 ml"]
    assert screen.input.text() == ""
