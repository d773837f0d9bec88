"""The cart at the counter as a table: what was rung up, edited by keyboard, priced by quote."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
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
"""The item id of a row."""
VALUE_ROLE = Qt.ItemDataRole.UserRole + 2
"""The raw value of a cell: ints for quantity and money (centavos), the professional's id."""


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


class CartModel(QAbstractTableModel):
    cart_changed = Signal()
    """Lines, quantities, prices, discounts or professionals changed: quote again."""
    refused = Signal(str)
    """An edit that was refused, in the user's words."""

    def __init__(self, locale: str = "pt_BR", parent: Any = None) -> None:
        super().__init__(parent)
        self.locale = locale
        self._rows: list[CartRow] = []
        self._professionals: dict[int, str] = {}

    # -- reading -----------------------------------------------------------

    @property
    def rows(self) -> tuple[CartRow, ...]:
        return tuple(self._rows)

    def requests(self) -> list[LineRequest]:
        return [row.request() for row in self._rows]

    def set_professionals(self, professionals: Sequence[StaffRef]) -> None:
        self._professionals = {p.id: p.name for p in professionals}
        if self._rows:
            self._changed(0, len(self._rows) - 1, PROFESSIONAL, PROFESSIONAL)

    def professional_name(self, staff_id: int | None) -> str:
        return self._professionals.get(staff_id, "") if staff_id is not None else ""

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def titles(self) -> list[str]:
        """The columns' titles. Not served by a Python `headerData`: the headers asked it
        for about 150 values on the 30th line scanned (the line numbers' header sizes
        itself), so the screen shows these from a Qt model and the line numbers are Qt's
        own default (the row's number)."""
        return [
            self.tr("Descrição"),
            self.tr("Qtd"),
            self.tr("Preço unit."),
            self.tr("Desconto"),
            self.tr("Total"),
            self.tr("Profissional"),
        ]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == ITEM_ID_ROLE:
            return row.item.id
        if role == VALUE_ROLE:
            return self._value(row, column)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.EditRole:
            if column == QUANTITY:
                return row.quantity
            if column in (UNIT_PRICE, DISCOUNT):
                return amount_text(self._value(row, column), self.locale)
            if column == PROFESSIONAL:
                return row.professional_id
            return self._display(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            QUANTITY,
            UNIT_PRICE,
            DISCOUNT,
            TOTAL,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == DESCRIPTION:
            return row.item.name
        if role == Qt.ItemDataRole.ToolTipRole and column == PROFESSIONAL and row.is_service:
            return self.tr("Escolha quem fez o serviço")
        return None

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

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = index.column()
        if column in (QUANTITY, UNIT_PRICE, DISCOUNT) or (
            column == PROFESSIONAL and self._rows[index.row()].is_service
        ):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

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
        self._changed(index.row(), index.row(), 0, COLUMNS - 1)
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
                self._changed(number, number, 0, COLUMNS - 1)
                self.cart_changed.emit()
                return number
        number = len(self._rows)
        self.beginInsertRows(QModelIndex(), number, number)
        self._rows.append(CartRow(item, quantity))
        self.endInsertRows()
        self.cart_changed.emit()
        return number

    def set_rows(self, rows: Sequence[CartRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()
        self.cart_changed.emit()

    def remove_row(self, number: int) -> bool:
        if not 0 <= number < len(self._rows):
            return False
        self.beginRemoveRows(QModelIndex(), number, number)
        del self._rows[number]
        self.endRemoveRows()
        self.cart_changed.emit()
        return True

    def clear(self) -> None:
        if not self._rows:
            return
        self.beginResetModel()
        self._rows = []
        self.endResetModel()
        self.cart_changed.emit()

    def set_nets(self, nets: Sequence[int]) -> None:
        """The line nets of a quote for exactly the current lines."""
        if len(nets) != len(self._rows):
            return
        self._rows = [replace(row, net=net) for row, net in zip(self._rows, nets, strict=True)]
        if self._rows:
            self._changed(0, len(self._rows) - 1, TOTAL, TOTAL)

    def _changed(self, first: int, last: int, left: int, right: int) -> None:
        self.dataChanged.emit(self.index(first, left), self.index(last, right))


def _centavos(value: Any) -> int:
    if isinstance(value, bool):
        raise TypeError(value)
    if isinstance(value, int):
        return value
    return parse_centavos(str(value))
