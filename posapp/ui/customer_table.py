"""Customer search results: the rows (plain data) and their Qt table model."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from posapp.core.cpf import mask_cpf
from posapp.core.phone import format_mobile
from posapp.services import customers
from posapp.services.station import Station
from posapp.services.store_info import store_info
from posapp.ui.formatting import money

Index = QModelIndex | QPersistentModelIndex

CUSTOMER_ID_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True, slots=True)
class CustomerRow:
    """One customer as the search table shows them; money in centavos."""

    id: int
    name: str
    identity: str
    """Masked CPF, or masked mobile number when there is no CPF."""
    balance: int
    """What the customer may spend now."""
    pending: int
    expiring_soon: int


def mask_mobile(e164: str) -> str:
    """'+5511912345678' -> '(11) 9****-5678'."""
    formatted = format_mobile(e164)
    return f"{formatted[:6]}****{formatted[10:]}"


def identity(cpf: str | None, phone: str | None) -> str:
    if cpf:
        return mask_cpf(cpf)
    if phone:
        return mask_mobile(phone)
    return ""


def find_customers(station: Station, query: str) -> list[CustomerRow]:
    """The customers a search names, with their balances in money."""
    found_customers = customers.search(station, query)
    if not found_customers:
        return []
    program = store_info(station).program
    rows = []
    for found in found_customers:
        account = customers.account(station, found.id)
        rows.append(
            CustomerRow(
                id=found.id,
                name=found.name,
                identity=identity(found.cpf, found.phone),
                balance=account.spendable_value,
                pending=program.value_of_units(account.balance.pending),
                expiring_soon=program.value_of_units(account.balance.expiring_soon),
            )
        )
    return rows


class CustomerTableModel(QAbstractTableModel):
    MONEY_COLUMNS = frozenset({2, 3, 4})

    def __init__(self, parent: Any = None, locale: str = "pt_BR") -> None:
        super().__init__(parent)
        self.locale = locale
        self._rows: list[CustomerRow] = []
        self.headers = (
            self.tr("Nome"),
            self.tr("CPF / Celular"),
            self.tr("Saldo"),
            self.tr("A liberar"),
            self.tr("Vence em 30 dias"),
        )

    @property
    def rows(self) -> tuple[CustomerRow, ...]:
        return tuple(self._rows)

    def set_rows(self, rows: list[CustomerRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> CustomerRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.MONEY_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == CUSTOMER_ID_ROLE:
            return row.id
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.headers)
        ):
            return self.headers[section]
        return None

    def _text(self, row: CustomerRow, column: int) -> str | None:
        if column == 0:
            return row.name
        if column == 1:
            return row.identity
        if column == 2:
            return money(row.balance, self.locale)
        if column == 3:
            return money(row.pending, self.locale)
        if column == 4:
            return money(row.expiring_soon, self.locale)
        return None
