"""The sales screen's tables: the sales of a day, and the lines of one sale."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    Qt,
)

from posapp.services.sales.history import SaleLineView, SaleSummary
from posapp.ui.formatting import STORE_ZONE, moment, money
from posapp.ui.rows_model import RowsModel

SALE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2


def status_name(status: str) -> str:
    """A sale's status in the counter's language."""
    names = {
        "completed": QCoreApplication.translate("Sales", "Concluída"),
        "partially_refunded": QCoreApplication.translate("Sales", "Devolvida em parte"),
        "refunded": QCoreApplication.translate("Sales", "Devolvida"),
        "voided": QCoreApplication.translate("Sales", "Cancelada"),
    }
    return names.get(status, status)


def sale_number(number: int) -> str:
    """As the sale screen and the receipt write it: '000012'."""
    return f"{number:06d}"


class SalesTableModel(RowsModel[SaleSummary]):
    """The sales of a day (or the one found by number), newest first."""

    right_columns = frozenset({4})

    def __init__(
        self, parent: Any = None, locale: str = "pt_BR", timezone: str = STORE_ZONE
    ) -> None:
        super().__init__(parent, locale, timezone)
        self.headers = (
            self.tr("Nº"),
            self.tr("Data"),
            self.tr("Cliente"),
            self.tr("Atendente"),
            self.tr("Total"),
            self.tr("Situação"),
        )

    def text(self, row: SaleSummary, column: int) -> str | None:
        if column == 0:
            return sale_number(row.number)
        if column == 1:
            return moment(row.created_at, self.locale, self.timezone)
        if column == 2:
            return row.customer_name or "—"
        if column == 3:
            return row.staff_name
        if column == 4:
            return money(row.total, self.locale)
        if column == 5:
            return status_name(row.status)
        return None

    def extra(self, row: SaleSummary, column: int, role: int) -> Any:
        if role == SALE_ID_ROLE:
            return row.id
        if role == STATUS_ROLE:
            return row.status
        return None

    def row_of(self, sale_id: int) -> int | None:
        """The row showing this sale, if it is listed."""
        for number, row in enumerate(self._rows):
            if row.id == sale_id:
                return number
        return None


class SaleLinesModel(RowsModel[SaleLineView]):
    """One sale's lines: how many were sold, how many already came back, their value."""

    right_columns = frozenset({1, 2, 3})

    def __init__(
        self, parent: Any = None, locale: str = "pt_BR", timezone: str = STORE_ZONE
    ) -> None:
        super().__init__(parent, locale, timezone)
        self.headers = (
            self.tr("Descrição"),
            self.tr("Qtd"),
            self.tr("Devolvidos"),
            self.tr("Valor"),
            self.tr("Profissional"),
        )

    def text(self, row: SaleLineView, column: int) -> str | None:
        if column == 0:
            return row.description
        if column == 1:
            return str(row.quantity)
        if column == 2:
            return str(row.returned) if row.returned else "—"
        if column == 3:
            return money(row.net, self.locale)
        if column == 4:
            return row.professional or ""
        return None
