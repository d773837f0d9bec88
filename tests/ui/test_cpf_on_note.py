"""The payment dialog asks "CPF na nota?": a customer with a CPF gets the box, masked and
checked (the note carries her CPF as before unless she says no); F4 unchecks it and the
sale's note then names no consumer. Without a CPF there is no box."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.models import Sale
from posapp.core.pricing import Tender
from posapp.services.customers.registry import account
from posapp.services.invoices.mapping import sale_for_note
from posapp.ui.sale.payment_dialog import PaymentDialog
from tests.support import Shop
from tests.ui.sale_support import Counter, counter_factory, scan, settle

MakeShop = Callable[..., Shop]
SHAMPOO = "7891000100103"


@pytest.fixture
def counters(make_shop: MakeShop, qtbot: QtBot) -> Iterator[Callable[[str], Counter]]:
    yield from counter_factory(make_shop, qtbot)


def _paying(counter: Counter, qtbot: QtBot, customer: int | None) -> PaymentDialog:
    screen = counter.screen
    if customer is not None:
        screen.attach_customer(account(counter.shop.station, customer).summary)
    scan(screen, SHAMPOO)
    settle(screen, qtbot)
    screen.pay()
    qtbot.waitUntil(lambda: screen.payment_dialog is not None, timeout=5_000)
    dialog = screen.payment_dialog
    assert dialog is not None
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.fields[Tender.CASH].hasFocus(), timeout=3_000)
    return dialog


def _paid(counter: Counter, qtbot: QtBot, dialog: PaymentDialog) -> tuple[bool, str]:
    """Cash, Enter: the sale's stored choice and the CPF its note would carry."""
    screen = counter.screen
    before = screen.last_sale
    dialog.fields[Tender.CASH].setText("30,00")
    qtbot.keyClick(dialog.fields[Tender.CASH], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.last_sale is not before, timeout=10_000)
    settle(screen, qtbot)
    sale = screen.last_sale
    assert sale is not None
    with counter.shop.station.read() as session:
        stored = session.scalars(select(Sale.cpf_on_note).where(Sale.id == sale.sale_id)).one()
        data = sale_for_note(session, sale.sale_id)
    assert data is not None
    return stored, data.consumer_cpf


def test_the_box_is_masked_and_checked_and_f4_keeps_the_cpf_off_the_note(
    counters: Callable[[str], Counter], qtbot: QtBot
) -> None:
    counter = counters("pharmacy")
    maria = counter.shop.enrol("Maria Silva", cpf="529.982.247-25")

    dialog = _paying(counter, qtbot, maria)
    box = dialog.cpf_box
    assert box is not None and box.isVisible() and box.isChecked()
    assert box.text() == "F4 CPF na nota (***.982.247-**)"
    qtbot.keyClick(dialog.fields[Tender.CASH], Qt.Key.Key_F4)  # she says no
    assert not box.isChecked()
    assert _paid(counter, qtbot, dialog) == (False, "")

    dialog = _paying(counter, qtbot, maria)  # the next sale asks again
    assert dialog.cpf_box is not None and dialog.cpf_box.isChecked()
    assert _paid(counter, qtbot, dialog) == (True, "52998224725")


def test_no_box_without_a_cpf(counters: Callable[[str], Counter], qtbot: QtBot) -> None:
    counter = counters("pharmacy")
    dialog = _paying(counter, qtbot, None)
    assert dialog.cpf_box is None
    assert _paid(counter, qtbot, dialog) == (True, "")

    ana = counter.shop.enrol("Ana Lima", phone="(11) 91234-5678")
    dialog = _paying(counter, qtbot, ana)
    assert dialog.cpf_box is None
    assert _paid(counter, qtbot, dialog) == (True, "")
