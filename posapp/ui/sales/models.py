"""The sales screen's tables: the sales of a day, and the lines of one sale."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from posapp.services.sales_history import SaleLineView, SaleSummary
from posapp.ui.formatting import STORE_ZONE, moment, money

Index = QModelIndex | QPersistentModelIndex
T = TypeVar("T")

SALE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2
ROW_ROLE = Qt.ItemDataRole.UserRole + 3
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


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


class _RowsModel(QAbstractTableModel, Generic[T]):
    """A read-only table of frozen rows; subclasses name the columns and the texts."""

    right_columns: frozenset[int] = frozenset()

    def __init__(
        self, parent: Any = None, locale: str = "pt_BR", timezone: str = STORE_ZONE
    ) -> None:
        super().__init__(parent)
        self.locale = locale
        self.timezone = timezone
        self._rows: list[T] = []
        self.headers: tuple[str, ...] = ()

    @property
    def rows(self) -> tuple[T, ...]:
        return tuple(self._rows)

    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> T:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.right_columns:
            return RIGHT
        if role == ROW_ROLE:
            return row
        return self.extra(row, index.column(), role)

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

    def text(self, row: T, column: int) -> str | None:
        raise NotImplementedError

    def extra(self, row: T, column: int, role: int) -> Any:
        return None


class SalesTableModel(_RowsModel[SaleSummary]):
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


class SaleLinesModel(_RowsModel[SaleLineView]):
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
