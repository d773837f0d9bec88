"""The cart at the counter as a table: what was rung up, edited by keyboard, priced by quote."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QMetaType, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QItemEditorFactory,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from posapp.core.money import format_money, parse_centavos
from posapp.services.common.auth import StaffRef
from posapp.services.sales.catalog import SERVICE, ItemView
from posapp.services.sales.checkout import LineRequest
from posapp.ui.sale.amounts import amount_text

Index = QModelIndex | QPersistentModelIndex

DESCRIPTION, QUANTITY, UNIT_PRICE, DISCOUNT, TOTAL, PROFESSIONAL = range(6)
COLUMNS = 6
ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""The item id of a row, on its description cell."""
_EDITABLE = (QUANTITY, UNIT_PRICE, DISCOUNT)
_AMOUNTS = (QUANTITY, UNIT_PRICE, DISCOUNT, TOTAL)
_SELECTABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDITABLE_FLAGS = _SELECTABLE | Qt.ItemFlag.ItemIsEditable
_PRODUCT_FLAGS = [_EDITABLE_FLAGS if c in _EDITABLE else _SELECTABLE for c in range(COLUMNS)]
_SERVICE_FLAGS = [*_PRODUCT_FLAGS[:PROFESSIONAL], _EDITABLE_FLAGS]
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_DISPLAY = Qt.ItemDataRole.DisplayRole
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole


@dataclass(frozen=True, slots=True)
class CartRow:
    item: ItemView
    quantity: int = 1
    discount: int = 0
    unit_price: int | None = None
    """A price other than the catalogue's (an override; checkout asks for a manager)."""
    professional_id: int | None = None
    net: int | None = None
    """The line's net as the last quote priced it; None until priced."""

    @property
    def price(self) -> int:
        return self.item.price if self.unit_price is None else self.unit_price

    @property
    def is_service(self) -> bool:
        return self.item.kind == SERVICE

    def request(self) -> LineRequest:
        return LineRequest(
            item_id=self.item.id,
            quantity=self.quantity,
            discount=self.discount,
            professional_id=self.professional_id,
            unit_price=self.unit_price,
        )


class CartModel(QStandardItemModel):
    """The cart's lines in `_rows`, their cells written into Qt's items.

    The table asks its model for rowCount, columnCount, flags and data at every index it
    lays out, measures or selects (about 80 calls into Python on the 30th line scanned);
    a QStandardItemModel answers them in C++, and each change of a line writes its cells
    once. Only `setData` (an edit, with its refusals) runs in Python.
    """

    cart_changed = Signal()
    """Lines, quantities, prices, discounts or professionals changed: quote again."""
    refused = Signal(str)
    """An edit that was refused, in the user's words."""

    def __init__(self, locale: str = "pt_BR", parent: Any = None) -> None:
        super().__init__(0, COLUMNS, parent)
        self.locale = locale
        self._rows: list[CartRow] = []
        self._professionals: dict[int, str] = {}
        self.invisibleRootItem().setFlags(Qt.ItemFlag.NoItemFlags)
        self.setHorizontalHeaderLabels(self.titles())

    # -- reading -----------------------------------------------------------

    @property
    def rows(self) -> tuple[CartRow, ...]:
        return tuple(self._rows)

    def requests(self) -> list[LineRequest]:
        return [row.request() for row in self._rows]

    def set_professionals(self, professionals: Sequence[StaffRef]) -> None:
        self._professionals = {p.id: p.name for p in professionals}
        if self._rows:
            self._write(0, len(self._rows) - 1, (PROFESSIONAL,))

    def professional_name(self, staff_id: int | None) -> str:
        return self._professionals.get(staff_id, "") if staff_id is not None else ""

    def titles(self) -> list[str]:
        """The columns' titles, held as the model's header items: no Python `headerData`
        (the headers asked it for about 150 values on the 30th line scanned); the line
        numbers are Qt's own default (the row's number)."""
        return [
            self.tr("Descrição"),
            self.tr("Qtd"),
            self.tr("Preço unit."),
            self.tr("Desconto"),
            self.tr("Total"),
            self.tr("Profissional"),
        ]

    def _cells(self, row: CartRow) -> list[QStandardItem]:
        """A new line's cells: their texts, what never changes for a line (flags,
        alignment, tooltips) and its item id. (Made in Python, not cloned: a C++ clone's deletion
        by the model is never told to PySide, whose stale wrapper later crashed.)"""
        flags = _SERVICE_FLAGS if row.is_service else _PRODUCT_FLAGS
        cells = [QStandardItem(self._display(row, column)) for column in range(COLUMNS)]
        for column, cell in enumerate(cells):
            cell.setFlags(flags[column])
        cells[DESCRIPTION].setData(row.item.id, ITEM_ID_ROLE)
        for column in _AMOUNTS:
            cells[column].setData(_RIGHT, _ALIGNMENT)
        cells[DESCRIPTION].setData(row.item.name, _TOOLTIP)
        if row.is_service:
            cells[PROFESSIONAL].setData(self.tr("Escolha quem fez o serviço"), _TOOLTIP)
        return cells

    def text(self, row: int, column: int) -> str:
        """What the cell shows (its display text), read from the line, not from Qt's item."""
        return self._display(self._rows[row], column)

    def edit_value(self, index: Index) -> Any:
        """What an editable cell's editor starts from: the quantity, an amount as typed
        ("2,50"), the professional's id. Asked when an editor opens, not kept in every
        cell (a QStandardItem's EditRole is its display text)."""
        row, column = self._rows[index.row()], index.column()
        if column in (UNIT_PRICE, DISCOUNT):
            return amount_text(self._value(row, column), self.locale)
        return self._value(row, column)

    def _value(self, row: CartRow, column: int) -> Any:
        if column == DESCRIPTION:
            return row.item.name
        if column == QUANTITY:
            return row.quantity
        if column == UNIT_PRICE:
            return row.price
        if column == DISCOUNT:
            return row.discount
        if column == TOTAL:
            return row.net if row.net is not None else row.price * row.quantity - row.discount
        return row.professional_id

    def _display(self, row: CartRow, column: int) -> str:
        if column == DESCRIPTION:
            return row.item.name
        if column == QUANTITY:
            return str(row.quantity)
        if column in (UNIT_PRICE, DISCOUNT, TOTAL):
            text = format_money(self._value(row, column), self.locale)
            if column == UNIT_PRICE and row.unit_price is not None:
                text += " *"
            return text
        if column == PROFESSIONAL:
            if not row.is_service:
                return ""
            return self.professional_name(row.professional_id) or self.tr("(escolher)")
        return ""

    # -- editing -----------------------------------------------------------

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        if not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        row = self._rows[index.row()]
        column = index.column()
        try:
            if column == QUANTITY:
                quantity = int(str(value).strip())
                if quantity <= 0:
                    raise ValueError(value)
                if quantity * row.price < row.discount:
                    raise ValueError(value)
                new = replace(row, quantity=quantity, net=None)
            elif column == UNIT_PRICE:
                price = _centavos(value)
                if price <= 0:
                    raise ValueError(value)
                unit_price = None if price == row.item.price else price
                new = replace(row, unit_price=unit_price, net=None)
            elif column == DISCOUNT:
                discount = _centavos(value)
                if discount < 0 or discount > row.price * row.quantity:
                    raise ValueError(value)
                new = replace(row, discount=discount, net=None)
            else:
                professional = None if value in (None, "", 0) else int(value)
                new = replace(row, professional_id=professional)
        except (TypeError, ValueError):
            self.refused.emit(self._refusal(column, value))
            return False
        if new == row:
            return True
        self._rows[index.row()] = new
        self._write(index.row(), index.row(), range(COLUMNS))
        self.cart_changed.emit()
        return True

    def _refusal(self, column: int, value: Any) -> str:
        if column == QUANTITY:
            return self.tr(
                "Quantidade inválida: %1. Use um número inteiro maior que zero."
            ).replace("%1", str(value))
        if column == DISCOUNT:
            return self.tr("Desconto inválido: %1.").replace("%1", str(value))
        if column == UNIT_PRICE:
            return self.tr("Preço inválido: %1.").replace("%1", str(value))
        return self.tr("Valor inválido: %1.").replace("%1", str(value))

    def add_item(self, item: ItemView, quantity: int = 1) -> int:
        """Ring up an item; a product already in the cart (same price) gets one more. The row."""
        for number, row in enumerate(self._rows):
            if (
                row.item.id == item.id
                and not row.is_service
                and row.unit_price is None
                and row.discount == 0
            ):
                self._rows[number] = replace(row, quantity=row.quantity + quantity, net=None)
                self._write(number, number, range(COLUMNS))
                self.cart_changed.emit()
                return number
        new = CartRow(item, quantity)
        self._rows.append(new)
        self.appendRow(self._cells(new))
        self.cart_changed.emit()
        return len(self._rows) - 1

    def set_rows(self, rows: Sequence[CartRow]) -> None:
        self._reset(rows)
        self.cart_changed.emit()

    def remove_row(self, number: int) -> bool:
        if not 0 <= number < len(self._rows):
            return False
        del self._rows[number]
        self.removeRow(number)
        self.cart_changed.emit()
        return True

    def clear(self) -> None:
        if not self._rows:
            return
        self._reset(())
        self.cart_changed.emit()

    def set_nets(self, nets: Sequence[int]) -> None:
        """The line nets of a quote for exactly the current lines."""
        if len(nets) != len(self._rows):
            return
        self._rows = [replace(row, net=net) for row, net in zip(self._rows, nets, strict=True)]
        if self._rows:
            self._write(0, len(self._rows) - 1, (TOTAL,))

    def _reset(self, rows: Sequence[CartRow]) -> None:
        """All lines replaced, told as one reset (as QAbstractItemModel's own): the rows'
        removal and insertion signals are held while the items change."""
        self.beginResetModel()
        self.blockSignals(True)
        try:
            self.setRowCount(0)
            self._rows = list(rows)
            for row in self._rows:
                self.appendRow(self._cells(row))
        finally:
            self.blockSignals(False)
        self.endResetModel()

    def _write(self, first: int, last: int, columns: Sequence[int]) -> None:
        """Lines first..last written into their cells, told as one change (each item's own
        setData would signal once per role)."""
        self.blockSignals(True)
        try:
            for number in range(first, last + 1):
                row = self._rows[number]
                for column in columns:
                    self.item(number, column).setData(self._display(row, column), _DISPLAY)
        finally:
            self.blockSignals(False)
        self.dataChanged.emit(self.index(first, columns[0]), self.index(last, columns[-1]))


def edit_value(index: Index) -> Any:
    """`CartModel.edit_value` of the cart cell `index`."""
    model = index.model()
    assert isinstance(model, CartModel)
    return model.edit_value(index)


class CellEditing(QStyledItemDelegate):
    """The editor Qt's delegate would make from the cell's `edit_value` (a spin box for the
    quantity, a line edit for an amount), started from that value."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        value = edit_value(index)
        kind = QMetaType.Type.Int if isinstance(value, int) else QMetaType.Type.QString
        factory = self.itemEditorFactory() or QItemEditorFactory.defaultFactory()
        return factory.createEditor(kind.value, parent)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        user = editor.metaObject().userProperty()
        if user.isValid():
            user.write(editor, edit_value(index))


def _centavos(value: Any) -> int:
    if isinstance(value, bool):
        raise TypeError(value)
    if isinstance(value, int):
        return value
    return parse_centavos(str(value))
