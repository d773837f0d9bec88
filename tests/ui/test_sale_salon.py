"""A salon sale: services found by name, a professional chosen per service line through the
delegate's combo, keyboard edits of quantity and discount, a price override a manager approves."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QStyleOptionViewItem
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.models import AuditLog, Sale, SaleLine
from posapp.core.pricing import Tender
from posapp.ui.sale.cart_model import DISCOUNT, PROFESSIONAL, QUANTITY, TOTAL, UNIT_PRICE
from tests.support import MANAGER_PIN, Shop
from tests.ui.sale_support import Counter, counter_factory, press, settle, type_slowly

MakeShop = Callable[..., Shop]


@pytest.fixture
def counters(make_shop: MakeShop, qtbot: QtBot) -> Iterator[Callable[[str], Counter]]:
    yield from counter_factory(make_shop, qtbot)


def choose_professional(counter: Counter, row: int, name: str) -> None:
    screen = counter.screen
    index = screen.model.index(row, PROFESSIONAL)
    editor = screen.delegate.createEditor(screen.table.viewport(), QStyleOptionViewItem(), index)
    assert isinstance(editor, QComboBox)
    screen.delegate.setEditorData(editor, index)
    editor.setCurrentIndex(editor.findText(name))
    screen.delegate.setModelData(editor, screen.model, index)
    editor.deleteLater()


def test_a_salon_sale_names_a_professional_on_each_service_line(
    counters: Callable[[str], Counter], qtbot: QtBot
) -> None:
    counter = counters("salon")
    shop, screen = counter.shop, counter.screen

    type_slowly(screen, "manicure", qtbot)
    assert screen.input.text() == "manicure"  # a person's keys reach the line edit
    press(screen.input, Qt.Key.Key_Return, "\r")
    settle(screen, qtbot)
    assert screen.model.rowCount() == 0  # Enter on words lists what they name
    assert [screen.results.item(i).text() for i in range(screen.results.count())] == [
        "Manicure  —  R$ 35,00  (serviço)"
    ]
    press(screen.input, Qt.Key.Key_Return, "\r")  # Enter again picks it
    settle(screen, qtbot)
    assert screen.model.rowCount() == 1 and not screen.results.isVisible()
    screen.enter_text("corte")
    settle(screen, qtbot)
    assert screen.results.isVisible()
    assert screen.results.item(0).text().startswith("Corte feminino")
    screen.results.itemActivated.emit(screen.results.item(0))
    settle(screen, qtbot)
    model = screen.model
    assert [row.item.name for row in model.rows] == ["Manicure", "Corte feminino"]
    assert model.index(0, PROFESSIONAL).data() == "(escolher)"

    screen.pay()  # refused: a service line has no professional yet
    assert screen.payment_dialog is None
    assert "Escolha o profissional de “Manicure”" in screen.message.text()

    choose_professional(counter, 0, "Paula Manicure")
    choose_professional(counter, 1, "Marta Gerente")
    assert model.index(0, PROFESSIONAL).data() == "Paula Manicure"
    assert model.index(1, PROFESSIONAL).data() == "Marta Gerente"

    assert model.setData(model.index(0, QUANTITY), "2")
    assert model.setData(model.index(1, DISCOUNT), "5,00")
    assert not model.setData(model.index(1, QUANTITY), "0")
    assert "Quantidade inválida" in screen.message.text()
    settle(screen, qtbot)
    assert model.index(0, TOTAL).data() == "R$ 70,00"
    assert model.index(1, TOTAL).data() == "R$ 75,00"
    assert screen.total_label.text() == "Subtotal R$ 150,00 · Descontos R$ 5,00 · Total: R$ 145,00"

    # A price override: checkout refuses without a manager, the screen asks and retries.
    assert model.setData(model.index(1, UNIT_PRICE), "90,00")
    assert model.index(1, UNIT_PRICE).data() == "R$ 90,00 *"
    settle(screen, qtbot)
    asked: list[str] = []
    screen.ask_pin = lambda _parent, action: asked.append(action) or MANAGER_PIN
    screen.pay()
    dialog = screen.payment_dialog
    assert dialog is not None
    dialog.fill_remaining(Tender.CREDIT)
    assert dialog.fields[Tender.CREDIT].text() == "155,00"
    dialog.submit()
    qtbot.waitUntil(lambda: screen.last_sale is not None, timeout=10_000)
    assert asked == ["alterar preço"]
    sale = screen.last_sale
    assert sale is not None and sale.total == 15_500
    assert [(line.description, line.professional) for line in sale.lines] == [
        ("Manicure", "Paula Manicure"),
        ("Corte feminino", "Marta Gerente"),
    ]
    (paper,) = counter.printer.wait_for_receipts(1)
    assert any("com Paula Manicure" in line for line in paper.lines)
    with shop.station.read() as session:
        lines = session.scalars(select(SaleLine).order_by(SaleLine.id)).all()
        assert [line.professional_id for line in lines] == [shop.professional_id, shop.manager_id]
        stored = session.scalars(select(Sale)).one()
        audit = session.scalars(select(AuditLog).where(AuditLog.action == "sale.complete")).one()
        assert stored.total == 15_500 and audit.authorized_by_id == shop.manager_id
    settle(screen, qtbot)
