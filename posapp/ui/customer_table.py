"""Customer search results: the rows (plain data) and their Qt table model."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from posapp.core.cpf import mask_cpf
from posapp.core.phone import format_mobile
from posapp.services.common.station import Station
from posapp.services.customers import registry as customers
from posapp.ui.formatting import money
from posapp.ui.rows_model import RowsModel

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
    page = customers.search_with_balances(station, query)
    program = page.program
    return [
        CustomerRow(
            id=found.id,
            name=found.name,
            identity=identity(found.cpf, found.phone),
            balance=program.value_of_units(max(balance.spendable, 0)),
            pending=program.value_of_units(balance.pending),
            expiring_soon=program.value_of_units(balance.expiring_soon),
        )
        for found, balance in page.found
    ]


class CustomerTableModel(RowsModel[CustomerRow]):
    right_columns = frozenset({2, 3, 4})

    def __init__(self, parent: Any = None, locale: str = "pt_BR") -> None:
        super().__init__(parent, locale)
        self.headers = (
            self.tr("Nome"),
            self.tr("CPF / Celular"),
            self.tr("Saldo"),
            self.tr("A liberar"),
            self.tr("Vence em 30 dias"),
        )

    def text(self, row: CustomerRow, column: int) -> str | None:
        values = (
            row.name,
            row.identity,
            money(row.balance, self.locale),
            money(row.pending, self.locale),
            money(row.expiring_soon, self.locale),
        )
        return values[column] if 0 <= column < len(values) else None

    def extra(self, row: CustomerRow, column: int, role: int) -> Any:
        return row.id if role == CUSTOMER_ID_ROLE else None
