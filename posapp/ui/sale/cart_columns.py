"""The cart's column widths, measured from the lines that change, never from all of them.

Qt's ResizeToContents measures every cell of a column whenever any line changes, and the
scan's `selectRow` forces that layout at once: the 30th line scanned asked the model for
a thousand cells. Here the numeric and professional columns start wide enough for a
usual amount and grow when a wider text comes in, never shrinking while the counter
runs (no column jumps from one sale to the next), and the description takes the rest.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHeaderView, QTableView

from posapp.core.money import format_money
from posapp.ui.sale.cart_model import COLUMNS, DESCRIPTION, PROFESSIONAL, QUANTITY, CartModel

Index = QModelIndex | QPersistentModelIndex
MEASURED = tuple(column for column in range(COLUMNS) if column != DESCRIPTION)
SLACK = 32
"""More than a cell adds to its text's width (margins, padding, a focus frame)."""
KEPT_WIDTHS = 4_096


class CartColumns:
    def __init__(self, table: QTableView, model: CartModel) -> None:
        self.table = table
        self.model = model
        self._font = QFont()
        self._widths: dict[str, int] = {}
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        model.rowsInserted.connect(self._inserted)
        model.dataChanged.connect(self._changed)
        model.modelReset.connect(lambda: self._widen(0, model.rowCount() - 1, MEASURED))
        self.refit()

    def refit(self) -> None:
        """Every column from its title, room for a usual amount (R$ 9.999,99, a price
        override's mark), and its lines; the cart's changes only ever widen it. (The titles
        never change while the counter runs: the language applies at the next start.)"""
        self.table.ensurePolished()
        header = self.table.horizontalHeader()
        header.ensurePolished()
        metrics = self.table.fontMetrics()
        usual = format_money(999_999, self.model.locale) + " *"
        for column in MEASURED:
            sample = {QUANTITY: "999", PROFESSIONAL: ""}.get(column, usual)
            width = max(header.sectionSizeHint(column), metrics.horizontalAdvance(sample) + SLACK)
            header.resizeSection(column, width)
        self._widen(0, self.model.rowCount() - 1, MEASURED)

    def _inserted(self, _parent: Index, first: int, last: int) -> None:
        self._widen(first, last, MEASURED)

    def _changed(self, top_left: Index, bottom_right: Index, _roles: object = None) -> None:
        columns = [c for c in MEASURED if top_left.column() <= c <= bottom_right.column()]
        self._widen(top_left.row(), bottom_right.row(), columns)

    def _widen(self, first: int, last: int, columns: tuple[int, ...] | list[int]) -> None:
        """Columns as wide as the lines first..last need; a text plainly narrower than its
        column is not asked of the delegate (that asks the model for ten roles)."""
        header = self.table.horizontalHeader()
        advance = self._advances()
        for column in columns:
            width = was = header.sectionSize(column)
            for row in range(first, last + 1):
                if advance(self.model.text(row, column)) + SLACK <= width:
                    continue
                index = self.model.index(row, column)
                width = max(width, self.table.sizeHintForIndex(index).width())
            if width > was:
                header.resizeSection(column, width)

    def _advances(self) -> Callable[[str], int]:
        """A text's width in the table's font, each text measured once per font: a new line
        brings the same quantity, discount and professional as the last, and its total is
        its price (text shaping was most of a scan's column check)."""
        font = self.table.font()
        if font != self._font:
            self._font, self._widths = QFont(font), {}
        widths, metrics = self._widths, self.table.fontMetrics()

        def advance(text: str) -> int:
            width = widths.get(text)
            if width is None:
                if len(widths) >= KEPT_WIDTHS:
                    widths.clear()
                width = widths[text] = metrics.horizontalAdvance(text)
            return width

        return advance
