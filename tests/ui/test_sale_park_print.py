"""Park and recall a sale, reprint after the printer ran out of paper, cancel a cart with a
manager's PIN, and the function keys on big buttons."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.models import AuditLog, Sale
from posapp.app import apply_style
from posapp.core.pricing import Tender
from posapp.services.sales import parking
from posapp.ui.sale import SaleScreen
from posapp.ui.sale.cart_model import PROFESSIONAL
from tests.support import CASHIER_PIN, MANAGER_PIN, Shop
from tests.ui.sale_support import Counter, counter_factory, scan, settle

MakeShop = Callable[..., Shop]


@pytest.fixture
def counters(make_shop: MakeShop, qtbot: QtBot) -> Iterator[Callable[[str], Counter]]:
    yield from counter_factory(make_shop, qtbot)


def attach(screen: SaleScreen, query: str, qtbot: QtBot) -> None:
    screen.open_customer()
    picker = screen.customer_dialog
    assert picker is not None
    picker.query.setText(query)
    picker.search()
    qtbot.waitUntil(lambda: picker.results.count() == 1)
    picker.choose()
    qtbot.waitUntil(lambda: screen.account is not None)
    settle(screen, qtbot)


def test_park_a_sale_ring_up_another_and_recall_the_first_as_it_was(
    counters: Callable[[str], Counter], qtbot: QtBot
) -> None:
    counter = counters("salon")
    shop, screen = counter.shop, counter.screen
    shop.enrol("Maria Silva", cpf="529.982.247-25")
    scan(screen, "SRV-MANI")  # a SKU label scanned
    scan(screen, "7891000100103")
    settle(screen, qtbot)
    screen.model.setData(screen.model.index(0, PROFESSIONAL), shop.professional_id)
    attach(screen, "maria", qtbot)
    parked_total = screen.total_label.text()
    assert parked_total == "Total: R$ 65,00"

    screen.buttons["keyPark"].click()
    settle(screen, qtbot)
    assert screen.model.rowCount() == 0 and screen.customer is None
    assert screen.message.text().startswith("Venda estacionada")
    (parked,) = parking.parked(shop.station)
    assert parked.customer_name == "Maria Silva" and len(parked.lines) == 2

    scan(screen, "7896004700014")
    settle(screen, qtbot)
    screen.open_recall()
    assert screen.message.text() == "Finalize ou estacione a venda atual antes de recuperar outra."
    screen.remove_line()
    assert screen.model.rowCount() == 0

    screen.buttons["keyRecall"].click()
    qtbot.waitUntil(lambda: screen.parked_dialog is not None)
    dialog = screen.parked_dialog
    assert dialog is not None and dialog.list.count() == 1
    assert "Maria Silva" in dialog.list.item(0).text()
    dialog.choose()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 2)
    qtbot.waitUntil(lambda: screen.account is not None)
    settle(screen, qtbot)
    assert [row.item.name for row in screen.model.rows] == ["Manicure", "Shampoo 300 ml"]
    assert screen.model.rows[0].professional_id == shop.professional_id
    assert screen.customer is not None and screen.customer.name == "Maria Silva"
    assert screen.total_label.text() == parked_total
    assert parking.parked(shop.station) == []


def test_a_printer_out_of_paper_never_undoes_the_sale_and_f7_reprints(
    counters: Callable[[str], Counter], qtbot: QtBot
) -> None:
    counter = counters("pharmacy")
    shop, screen, printer = counter.shop, counter.screen, counter.printer
    states: list[tuple[bool, str]] = []
    counter.context.events.printer_state.connect(lambda ok, text: states.append((ok, text)))
    printer.set_status(paper_out=True)

    scan(screen, "7896004700014")
    settle(screen, qtbot)
    screen.pay()
    dialog = screen.payment_dialog
    assert dialog is not None
    dialog.fill_remaining(Tender.DEBIT)
    dialog.submit()
    qtbot.waitUntil(lambda: bool(states), timeout=10_000)
    ok, text = states[-1]
    assert not ok and "sem papel" in text and "A venda está salva; F7 reimprime." in text
    assert screen.message.text() == text
    with shop.station.read() as session:
        assert session.scalar(select(func.count()).select_from(Sale)) == 1
    assert printer.printed() == []
    settle(screen, qtbot)
    assert not screen.preview.pixmap().isNull()  # the preview shows it all the same

    printer.set_status(paper_out=False)
    screen.buttons["keyReprint"].click()
    qtbot.waitUntil(lambda: len(states) == 2, timeout=10_000)
    assert states[-1] == (True, "Recibo impresso.")
    (paper,) = printer.wait_for_receipts(1)
    assert "Venda nº 000001" in paper.lines
    assert counter.context.printing.queue() == []

    screen.reprint()  # nothing failed: the last receipt once more
    qtbot.waitUntil(lambda: len(states) == 3, timeout=10_000)
    assert len(printer.wait_for_receipts(2)) == 2
    settle(screen, qtbot)


def test_cancelling_the_cart_needs_a_manager_and_is_audited(
    counters: Callable[[str], Counter], qtbot: QtBot
) -> None:
    counter = counters("pharmacy")
    shop, screen = counter.shop, counter.screen
    scan(screen, "7891000100103")
    scan(screen, "7896004700014")
    settle(screen, qtbot)

    screen.ask_pin = lambda _parent, _action: None  # the manager did not come
    screen.buttons["keyCancel"].click()
    assert screen.message.text() == "Cancelamento não autorizado."
    screen.ask_pin = lambda _parent, _action: CASHIER_PIN  # not a manager's PIN
    screen.cancel_sale()
    settle(screen, qtbot)
    assert screen.message.text() == (
        "PIN de gerente incorreto (ou sem permissão): "
        "cancelar venda em andamento não foi autorizado."
    )
    assert screen.model.rowCount() == 2

    screen.ask_pin = lambda _parent, _action: MANAGER_PIN
    screen.cancel_sale()
    settle(screen, qtbot)
    assert screen.model.rowCount() == 0
    assert screen.message.text() == "Venda cancelada, autorizada por Marta Gerente."
    with shop.station.read() as session:
        (row,) = session.scalars(select(AuditLog).where(AuditLog.action == "cart.cancel")).all()
        assert (row.staff_id, row.authorized_by_id) == (shop.cashier_id, shop.manager_id)
        assert json.loads(row.details) == {"lines": 2, "total": 4_250}
        assert session.scalar(select(func.count()).select_from(Sale)) == 0


def test_every_common_action_is_a_function_key_on_a_big_button(
    counters: Callable[[str], Counter], qtbot: QtBot
) -> None:
    counter = counters("salon")
    screen = counter.screen
    labels = [button.text() for button in screen.findChildren(QPushButton) if button.text()[:1]]
    for label in (
        "F2 Cliente",
        "F3 Buscar",
        "F4 Desconto",
        "F5 Estacionar",
        "F6 Recuperar",
        "F7 Reimprimir",
        "F8 Cancelar venda",
        "F10 Pagar",
        "Del Remover",
    ):
        assert label in labels
    assert all(button.minimumHeight() >= 48 for button in screen.buttons.values())
    apply_style(qapp_instance())  # the counter's style sheet must not shrink them
    try:
        screen.ensurePolished()
        for button in screen.buttons.values():
            button.setStyle(button.style())  # re-polish under the app's style sheet
        assert all(button.minimumHeight() >= 48 for button in screen.buttons.values())
    finally:
        qapp_instance().setStyleSheet("")

    screen.activateWindow()
    screen.input.setFocus()
    qtbot.waitUntil(screen.input.hasFocus)
    qtbot.keyClick(screen.input, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: screen.customer_dialog is not None)
    assert screen.customer_dialog is not None
    screen.customer_dialog.reject()
    qtbot.keyClick(screen.input, Qt.Key.Key_F10)
    assert screen.message.text() == "A venda não tem itens."


def qapp_instance() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app
