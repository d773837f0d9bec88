"""A read-only table of frozen rows, the base of the screens' table models."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from posapp.ui.formatting import STORE_ZONE, money

Index = QModelIndex | QPersistentModelIndex
T = TypeVar("T")

ROW_ROLE = Qt.ItemDataRole.UserRole + 3
"""The row object itself, for views that need more than the text."""
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class RowsModel(QAbstractTableModel, Generic[T]):
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

    def _money(self, centavos: int) -> str:
        return money(centavos, self.locale)
