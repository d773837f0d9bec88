"""The counter shows the customer's tier and what is left to the next one, and after a sale
asks for a 0-10 score that one tap records once, without ever holding up the next sale."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.models import NpsResponse
from posapp.app import apply_style
from posapp.core.pricing import Tender
from posapp.services.customers.registry import account
from posapp.services.loyalty.tiers import TierSettings, save_tier_settings
from tests.support import MANAGER_PIN, Shop
from tests.ui.sale_support import Counter, counter_factory, scan, settle

MakeShop = Callable[..., Shop]
SHAMPOO = "7891000100103"


@pytest.fixture
def counters(make_shop: MakeShop, qtbot: QtBot) -> Iterator[Callable[[str], Counter]]:
    yield from counter_factory(make_shop, qtbot)


def scores(shop: Shop) -> list[tuple[str, int, int | None]]:
    with shop.station.read() as session:
        return [
            (r.sale_uuid, r.score, r.staff_id)
            for r in session.scalars(select(NpsResponse).order_by(NpsResponse.id))
        ]


def pay_by_pix(counter: Counter, qtbot: QtBot) -> None:
    screen = counter.screen
    before = screen.last_sale
    screen.pay()
    dialog = screen.payment_dialog
    assert dialog is not None
    dialog.fill_remaining(Tender.PIX)
    dialog.submit()
    qtbot.waitUntil(lambda: screen.last_sale is not before, timeout=10_000)
    settle(screen, qtbot)


def test_the_tier_line_and_one_score_per_sale(
    counters: Callable[[str], Counter], qtbot: QtBot
) -> None:
    counter = counters("pharmacy")
    shop, screen = counter.shop, counter.screen
    save_tier_settings(
        shop.station, TierSettings(enabled=True), staff_id=shop.manager_id, manager_pin=MANAGER_PIN
    )  # the pharmacy preset: Bronze from R$ 0, Prata from R$ 600,00
    bia = shop.enrol("Bia Tavares", cpf="529.982.247-25")
    shop.sell("shampoo", customer=bia, pix=3_000)
    assert not screen.nps_panel.isVisible()

    screen.attach_customer(account(shop.station, bia).summary)
    settle(screen, qtbot)
    assert screen.tier_label.text() == "Nível Bronze: faltam R$ 570,00 para Prata"
    assert screen.balance_label.text().startswith("Saldo disponível")  # next to the tier

    scan(screen, SHAMPOO)
    settle(screen, qtbot)
    pay_by_pix(counter, qtbot)
    sale = screen.last_sale
    assert sale is not None and sale.customer is not None
    assert screen.tier_label.text() == ""  # the customer left with the sale
    assert screen.nps_panel.isVisible()
    assert screen.minimumSizeHint().width() < 1_000  # the question still fits a 1280 px screen
    assert screen.nps_question.text() == (
        f"Como foi o atendimento? Nota de 0 a 10 (venda nº {sale.number:06d})"
    )

    # The question never holds up the next customer: the scanner and the F-keys still work.
    scan(screen, SHAMPOO)
    settle(screen, qtbot)
    assert screen.model.rowCount() == 1 and screen.nps_panel.isVisible()
    assert all(b.focusPolicy() == Qt.FocusPolicy.NoFocus for b in screen.nps_buttons)
    screen.activateWindow()
    screen.input.setFocus()
    qtbot.waitUntil(screen.input.hasFocus)
    qtbot.keyClick(screen.input, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: screen.payment_dialog is not None, timeout=5_000)
    assert screen.payment_dialog is not None
    screen.payment_dialog.reject()
    settle(screen, qtbot)

    qtbot.mouseClick(screen.nps_buttons[9], Qt.MouseButton.LeftButton)
    assert not screen.nps_buttons[9].isEnabled()  # at once, before the answer lands
    settle(screen, qtbot)
    assert scores(shop) == [(sale.uuid, 9, shop.cashier_id)]
    assert not screen.nps_panel.isVisible()
    assert screen.message.text() == "Nota 9 registrada. Obrigado!"
    screen.record_nps(3)  # a second tap on a panel already gone does nothing
    settle(screen, qtbot)
    assert scores(shop) == [(sale.uuid, 9, shop.cashier_id)]

    # The same sale offered again (a stale question): the service refuses a second score.
    screen.offer_nps(sale.uuid, sale.number)
    qtbot.mouseClick(screen.nps_buttons[2], Qt.MouseButton.LeftButton)
    settle(screen, qtbot)
    assert screen.message.text() == "Esta venda já tem uma nota de satisfação (9)."
    assert not screen.nps_panel.isVisible()
    assert scores(shop) == [(sale.uuid, 9, shop.cashier_id)]

    # The next sale asks again; skipped, nothing is recorded.
    pay_by_pix(counter, qtbot)
    assert screen.nps_panel.isVisible()
    qtbot.mouseClick(screen.nps_skip, Qt.MouseButton.LeftButton)
    assert not screen.nps_panel.isVisible()
    assert len(scores(shop)) == 1


def test_no_tier_line_while_tiers_are_off(counters: Callable[[str], Counter], qtbot: QtBot) -> None:
    counter = counters("salon")
    shop, screen = counter.shop, counter.screen
    bia = shop.enrol("Bia Tavares", cpf="529.982.247-25")
    screen.attach_customer(account(shop.station, bia).summary)
    settle(screen, qtbot)
    assert screen.account is not None and screen.tier is None
    assert screen.tier_label.text() == ""


def test_the_score_buttons_show_their_numbers_on_a_1280_px_screen(
    counters: Callable[[str], Counter], qtbot: QtBot, qapp: QApplication
) -> None:
    apply_style(qapp)  # the app's paddings, which the buttons must leave room for
    try:
        counter = counters("pharmacy")
        screen = counter.screen
        screen.resize(1280, 700)
        scan(screen, SHAMPOO)
        settle(screen, qtbot)
        pay_by_pix(counter, qtbot)
        assert screen.nps_panel.isVisible()
        for button in screen.nps_buttons:
            option = QStyleOptionButton()
            button.initStyleOption(option)
            contents = button.style().subElementRect(
                QStyle.SubElement.SE_PushButtonContents, option, button
            )  # inside the style sheet's padding and border
            text = button.fontMetrics().horizontalAdvance(button.text())
            assert text <= contents.width(), (button.text(), text, contents.width())
    finally:
        qapp.setStyleSheet("")
