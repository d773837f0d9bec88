"""The rows an import left out: line, reason, content."""

from __future__ import annotations

from typing import Any

from posapp.services.admin.csv_io import RowProblem
from posapp.ui.formatting import STORE_ZONE
from posapp.ui.rows_model import RowsModel

LINE, REASON, CONTENT = range(3)


class ProblemsModel(RowsModel[RowProblem]):
    right_columns = frozenset({LINE})

    def __init__(
        self, parent: Any = None, locale: str = "pt_BR", timezone: str = STORE_ZONE
    ) -> None:
        super().__init__(parent, locale, timezone)
        self.headers = (self.tr("Linha"), self.tr("Motivo"), self.tr("Conteúdo"))

    def text(self, row: RowProblem, column: int) -> str | None:
        if column == LINE:
            return str(row.line)
        if column == REASON:
            return row.message(self.locale)
        if column == CONTENT:
            return row.content
        return None
