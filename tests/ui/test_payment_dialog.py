"""The payment dialog says, while the cashier types, what checkout would refuse (in checkout's
own words), never "Pagamento completo" for it; Enter finishes only a payment that adds up;
amounts are typed and shown in the counter's language."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from posapp.core.errors import CashbackAboveBalance, CashbackAboveCap, PaymentOver
from posapp.core.money import parse_centavos
from posapp.core.pricing import Tender
from posapp.services.sales.checkout import CheckoutRequest, LineRequest, TenderRequest, checkout
from posapp.services.sales.quote import quote
from posapp.ui.sale.amounts import amount_text
from posapp.ui.sale.payment_dialog import CashbackLimits, PaymentDialog
from tests.support import Shop

MakeShop = Callable[..., Shop]


def dialog_for(
    qtbot: QtBot, total: int, limits: CashbackLimits | None, locale: str = "pt_BR"
) -> tuple[PaymentDialog, list[list[TenderRequest]]]:
    dialog = PaymentDialog(total, limits, locale=locale)
    qtbot.addWidget(dialog)
    sent: list[list[TenderRequest]] = []
    dialog.submitted.connect(sent.append)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.fields[Tender.CASH].hasFocus(), timeout=3_000)
    return dialog, sent


def paying(shop: Shop, customer: int, lines: list[LineRequest], qtbot: QtBot) -> PaymentDialog:
    """The payment of `lines` for the customer, as the sale screen opens it: the cart's
    quote, what the customer may spend, and the earn line asked again as amounts change."""
    before = quote(shop.station, lines, customer_id=customer)
    dialog = PaymentDialog(
        before.total,
        CashbackLimits.of(before),
        earn_for=lambda paid: quote(shop.station, lines, customer_id=customer, loyalty_paid=paid),
        earn_now=before,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def type_into(qtbot: QtBot, field: object, text: str) -> None:
    assert hasattr(field, "setFocus")
    field.setFocus()  # type: ignore[attr-defined]
    field.selectAll()  # type: ignore[attr-defined]
    QTest.keyClicks(field, text)  # type: ignore[arg-type]


def test_cashback_above_the_cap_or_the_balance_is_said_while_typing_and_not_sent(
    qtbot: QtBot,
) -> None:
    dialog, sent = dialog_for(qtbot, 5_500, CashbackLimits(cap=2_750, available=2_000))
    assert dialog.use_cashback.text() == "F2 Usar cashback R$ 20,00?"
    type_into(qtbot, dialog.cashback, "30")
    cap = CashbackAboveCap(cap_centavos=2_750, asked_centavos=3_000).message("pt_BR")
    assert dialog.summary.text() == cap
    assert cap == "O programa permite usar até R$ 27,50 de cashback nesta compra (pediu R$ 30,00)."
    type_into(qtbot, dialog.fields[Tender.CASH], "25,00")
    assert dialog.summary.text() == cap  # never "Pagamento completo"
    QTest.keyClick(dialog.fields[Tender.CASH], Qt.Key.Key_Return)
    assert sent == [] and dialog.error.text() == cap
    type_into(qtbot, dialog.cashback, "25")
    assert dialog.summary.text() == CashbackAboveBalance(
        asked_centavos=2_500, available_centavos=2_000
    ).message("pt_BR")
    type_into(qtbot, dialog.cashback, "20")
    assert dialog.summary.text() == "Falta: R$ 10,00"
    QTest.keyClick(dialog.cashback, Qt.Key.Key_Return)
    assert sent == [] and dialog.error.text() == "Falta: R$ 10,00"
    QTest.keyClick(dialog.cashback, Qt.Key.Key_F5)  # exact cash
    assert dialog.fields[Tender.CASH].text() == "35,00"
    assert dialog.summary.text() == "Pagamento completo"
    QTest.keyClick(dialog.fields[Tender.CASH], Qt.Key.Key_Return)
    assert sent == [[TenderRequest(Tender.CASHBACK, 2_000), TenderRequest(Tender.CASH, 3_500)]]
    QTest.keyClick(dialog.fields[Tender.CASH], Qt.Key.Key_Return)
    assert len(sent) == 1  # busy: one Enter, one checkout


def test_only_cash_gives_change_and_a_voucher_never_does(qtbot: QtBot) -> None:
    dialog, sent = dialog_for(qtbot, 5_500, None)
    assert not dialog.cashback.isEnabled() and not dialog.use_cashback.isVisible()
    type_into(qtbot, dialog.fields[Tender.PIX], "60,00")
    over = PaymentOver(excess_centavos=500).message("pt_BR")
    assert dialog.summary.text() == over
    QTest.keyClick(dialog.fields[Tender.PIX], Qt.Key.Key_Return)
    assert sent == []
    type_into(qtbot, dialog.fields[Tender.PIX], "50,00")
    QTest.keyClick(dialog.fields[Tender.PIX], Qt.Key.Key_F7)  # cash up to the next R$ 50
    assert dialog.fields[Tender.CASH].text() == "50,00"
    assert dialog.summary.text() == "Troco: R$ 45,00"
    dialog.fields[Tender.PIX].clear()
    dialog.fields[Tender.CASH].clear()
    dialog.voucher_value = 8_000  # a R$ 80 voucher on a R$ 55 sale pays R$ 55, no change
    dialog.update_summary()
    assert dialog.summary.text() == "Pagamento completo"


@pytest.mark.parametrize(
    ("step", "key", "expected"),
    [
        (0, Qt.Key.Key_F5, "53,80"),
        (1_000, Qt.Key.Key_F6, "60,00"),
        (5_000, Qt.Key.Key_F7, "100,00"),
        (10_000, Qt.Key.Key_F8, "100,00"),
    ],
)
def test_quick_cash_keys(qtbot: QtBot, step: int, key: Qt.Key, expected: str) -> None:
    dialog, _sent = dialog_for(qtbot, 5_380, None)
    assert dialog.quick[step].isEnabled()
    QTest.keyClick(dialog.fields[Tender.CASH], key)
    assert dialog.fields[Tender.CASH].text() == expected
    if step == 5_000:
        assert dialog.quick[5_000].text() == "F7 R$ 100,00"  # R$ 53,80 due: two R$ 50 notes


def test_english_amounts_are_typed_and_shown_with_a_point(qtbot: QtBot) -> None:
    dialog, sent = dialog_for(qtbot, 5_380, CashbackLimits(cap=2_690, available=240), "en")
    assert dialog.fields[Tender.CASH].placeholderText() == "0.00"
    assert dialog.total_label.text() == "Total: R$53.80"
    QTest.keyClick(dialog.fields[Tender.CASH], Qt.Key.Key_F2)
    assert dialog.cashback.text() == "2.40"
    QTest.keyClick(dialog.fields[Tender.CASH], Qt.Key.Key_F5)
    assert dialog.fields[Tender.CASH].text() == "51.40"
    type_into(qtbot, dialog.fields[Tender.CASH], "60.00")
    assert dialog.summary.text() == "Troco: R$8.60"  # the dialog's own words wait for the .qm
    QTest.keyClick(dialog.fields[Tender.CASH], Qt.Key.Key_Return)
    assert sent == [[TenderRequest(Tender.CASHBACK, 240), TenderRequest(Tender.CASH, 6_000)]]


def test_the_earn_line_is_the_sales_own_earning_for_the_tenders_typed(
    make_shop: MakeShop, qtbot: QtBot
) -> None:
    shop = make_shop("pharmacy")
    maria = shop.enrol("Maria Silva", cpf="529.982.247-25")
    shop.credit(maria, 440)
    lines = [LineRequest(shop.items["shampoo"], 1)]
    dialog = paying(shop, maria, lines, qtbot)
    assert dialog.earn_label.text() == "Esta compra rende R$ 1,50"  # 5 % of R$ 30,00
    dialog.toggle_cashback()
    qtbot.waitUntil(lambda: not dialog.earn_pending(), timeout=5_000)
    assert dialog.earn_label.text() == "Esta compra rende R$ 1,28: o cashback usado não rende"
    dialog.quick_cash(0)
    tenders: list[list[TenderRequest]] = []
    dialog.submitted.connect(tenders.append)
    dialog.submit()
    (payments,) = tenders
    sale = checkout(
        shop.station,
        CheckoutRequest(
            staff_id=shop.cashier_id, lines=lines, payments=payments, customer_id=maria
        ),
    )
    assert sale.earned == 128 and sale.redeemed == 440


def test_amounts_are_typed_back_in_the_counters_language() -> None:
    assert amount_text(5_380, "pt_BR") == "53,80" and amount_text(5_380, "en") == "53.80"
    assert amount_text(123_456, "en") == "1234.56"  # no thousands mark: read back the same
    assert [
        parse_centavos(amount_text(v, lang)) for v in (5, 123_456) for lang in ("pt_BR", "en")
    ] == [
        5,
        5,
        123_456,
        123_456,
    ]


def test_a_points_store_is_offered_points_not_cashback(make_shop: MakeShop, qtbot: QtBot) -> None:
    """Points brand: 1 point per real, 100 points worth R$ 5,00. Maria's 440 points are worth
    R$ 22,00; a shampoo R$ 30,00 earns 30 points, 8 once she pays R$ 22,00 with points. The
    dialog, its F2 key and its earn line speak of points, never of cashback."""
    shop = make_shop("points")
    maria = shop.enrol("Maria Silva", cpf="529.982.247-25")
    shop.credit(maria, 440)
    lines = [LineRequest(shop.items["shampoo"], 1)]
    dialog = paying(shop, maria, lines, qtbot)
    caption = dialog.findChild(QLabel, "cashbackCaption")
    assert caption is not None
    assert caption.text() == "Pontos (saldo R$ 22,00, até R$ 30,00 nesta compra)"
    assert dialog.use_cashback.text() == "F2 Usar pontos R$ 22,00?"
    assert dialog.earn_label.text() == "Esta compra rende 30 pontos"
    dialog.toggle_cashback()
    assert dialog.use_cashback.text() == "F2 Não usar pontos (R$ 22,00)"
    qtbot.waitUntil(lambda: not dialog.earn_pending(), timeout=5_000)
    assert dialog.earn_label.text() == "Esta compra rende 8 pontos: os pontos usados não rendem"
