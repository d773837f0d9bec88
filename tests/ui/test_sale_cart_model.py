"""The cart model on its own: qtmodeltester, editing rules, merging products, nets from a quote,
the cells Qt keeps in step, and the editors a cell opens."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QSpinBox, QStyleOptionViewItem, QTableView
from pytestqt.qtbot import QtBot

from posapp.services.common.auth import Role, StaffRef
from posapp.services.sales.catalog import PRODUCT, SERVICE, ItemView
from posapp.ui.sale.cart_model import (
    DESCRIPTION,
    DISCOUNT,
    ITEM_ID_ROLE,
    PROFESSIONAL,
    QUANTITY,
    TOTAL,
    UNIT_PRICE,
    CartModel,
    CartRow,
    CellEditing,
)

SHAMPOO = ItemView(1, PRODUCT, "Shampoo 300 ml", 3_000, "7891000100103", None, "higiene", None)
CORTE = ItemView(2, SERVICE, "Corte feminino", 8_000, None, "SRV-CORTE", "servicos", 60)
PAULA = StaffRef(7, "Paula Manicure", Role.PROFESSIONAL)


def test_the_cart_model_passes_qtmodeltester_while_it_changes(qtmodeltester: Any) -> None:
    model = CartModel()
    model.set_professionals([PAULA])
    qtmodeltester.check(model)
    model.add_item(SHAMPOO)
    model.add_item(CORTE)
    qtmodeltester.check(model)
    model.setData(model.index(0, QUANTITY), 3)
    model.setData(model.index(1, PROFESSIONAL), PAULA.id)
    model.set_nets([9_000, 8_000])
    qtmodeltester.check(model)
    model.remove_row(0)
    qtmodeltester.check(model)
    model.clear()
    qtmodeltester.check(model)


def test_editing_rules_and_what_the_cells_show(qtbot: QtBot) -> None:
    model = CartModel()
    model.set_professionals([PAULA])
    changes: list[None] = []
    refusals: list[str] = []
    model.cart_changed.connect(lambda: changes.append(None))
    model.refused.connect(refusals.append)
    model.add_item(SHAMPOO)
    model.add_item(SHAMPOO)  # a second scan of the same product: one more, same line
    model.add_item(CORTE)
    assert model.rowCount() == 2 and model.rows[0].quantity == 2 and len(changes) == 3

    editable = Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, DESCRIPTION)) & editable
    assert model.flags(model.index(0, QUANTITY)) & editable
    assert not model.flags(model.index(0, PROFESSIONAL)) & editable  # a product has none
    assert model.flags(model.index(1, PROFESSIONAL)) & editable
    assert not model.setData(model.index(0, PROFESSIONAL), PAULA.id)

    assert model.setData(model.index(0, DISCOUNT), "2,50")
    assert model.index(0, DISCOUNT).data() == "R$ 2,50"
    assert model.rows[0].discount == 250
    assert model.index(0, TOTAL).data() == "R$ 57,50"  # until the quote prices it
    assert not model.setData(model.index(0, DISCOUNT), "70,00")  # more than the line
    assert not model.setData(model.index(0, QUANTITY), "-1")
    assert not model.setData(model.index(0, QUANTITY), "dois")
    assert refusals == [
        "Desconto inválido: 70,00.",
        "Quantidade inválida: -1. Use um número inteiro maior que zero.",
        "Quantidade inválida: dois. Use um número inteiro maior que zero.",
    ]
    assert model.setData(model.index(1, UNIT_PRICE), "75,00")
    assert model.index(1, UNIT_PRICE).data() == "R$ 75,00 *"
    assert model.requests()[1].unit_price == 7_500
    assert model.setData(model.index(1, UNIT_PRICE), "80,00")  # back to the catalogue price
    assert model.requests()[1].unit_price is None
    assert model.index(1, PROFESSIONAL).data() == "(escolher)"
    assert model.setData(model.index(1, PROFESSIONAL), PAULA.id)
    assert model.index(1, PROFESSIONAL).data() == "Paula Manicure"
    assert model.requests()[1].professional_id == PAULA.id

    with qtbot.waitSignal(model.dataChanged):
        model.set_nets([5_700, 8_000])
    assert model.index(0, TOTAL).data() == "R$ 57,00"
    model.set_nets([1])  # a stale quote (other lines) is ignored
    assert model.index(0, TOTAL).data() == "R$ 57,00"
    assert model.titles()[0] == "Descrição"


def texts(model: CartModel) -> list[list[str]]:
    """The cells' texts as the table reads them, checked against what the model says of
    each cell without Qt (`CartModel.text`, which the column widths use)."""
    shown = [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]
    told = [
        [model.text(row, column) for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]
    assert told == shown
    return shown


def test_the_cells_follow_every_change_of_the_lines(qtbot: QtBot) -> None:
    """The table reads the cells Qt keeps; each change of a line writes them again."""
    model = CartModel()
    model.add_item(SHAMPOO)
    model.add_item(CORTE)
    assert texts(model) == [
        ["Shampoo 300 ml", "1", "R$ 30,00", "R$ 0,00", "R$ 30,00", ""],
        ["Corte feminino", "1", "R$ 80,00", "R$ 0,00", "R$ 80,00", "(escolher)"],
    ]
    model.add_item(SHAMPOO)
    model.setData(model.index(0, DISCOUNT), "5,00")
    with qtbot.waitSignal(model.dataChanged):
        model.set_professionals([PAULA])
    model.setData(model.index(1, PROFESSIONAL), PAULA.id)
    model.set_nets([5_400, 8_000])
    assert texts(model) == [
        ["Shampoo 300 ml", "2", "R$ 30,00", "R$ 5,00", "R$ 54,00", ""],
        ["Corte feminino", "1", "R$ 80,00", "R$ 0,00", "R$ 80,00", "Paula Manicure"],
    ]
    assert model.rows[1].net == 8_000
    assert model.index(1, DESCRIPTION).data(ITEM_ID_ROLE) == CORTE.id
    assert model.index(1, PROFESSIONAL).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, TOTAL).data(Qt.ItemDataRole.TextAlignmentRole)

    model.remove_row(0)
    assert texts(model) == [
        ["Corte feminino", "1", "R$ 80,00", "R$ 0,00", "R$ 80,00", "Paula Manicure"]
    ]
    with qtbot.waitSignal(model.modelReset):
        model.set_rows([CartRow(SHAMPOO, quantity=3)])
    assert texts(model) == [["Shampoo 300 ml", "3", "R$ 30,00", "R$ 0,00", "R$ 90,00", ""]]
    with qtbot.waitSignal(model.modelReset):
        model.clear()
    assert model.rowCount() == 0 and model.rows == ()


def test_an_edited_cell_starts_from_its_value_not_its_text(qtbot: QtBot) -> None:
    """A spin box with the quantity, an amount as typed ("75,00", no "R$" nor "*")."""
    model = CartModel()
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    cells = CellEditing(view)
    model.add_item(CORTE)
    model.setData(model.index(0, UNIT_PRICE), "75,00")
    quantity = model.index(0, QUANTITY)
    spin = cells.createEditor(view.viewport(), QStyleOptionViewItem(), quantity)
    assert isinstance(spin, QSpinBox)
    cells.setEditorData(spin, quantity)
    assert spin.value() == 1
    spin.setValue(2)
    cells.setModelData(spin, model, quantity)
    assert model.rows[0].quantity == 2

    price = model.index(0, UNIT_PRICE)
    line = cells.createEditor(view.viewport(), QStyleOptionViewItem(), price)
    assert isinstance(line, QLineEdit)
    cells.setEditorData(line, price)
    assert line.text() == "75,00"
    assert model.index(0, UNIT_PRICE).data() == "R$ 75,00 *"
