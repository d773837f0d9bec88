"""The book's grid: appointments as spanned cells; drag one to move it, drag its lower
edge to lengthen or shorten it. The view only says what the hand did (`moved`,
`resized`); the screen asks the services and redraws."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from posapp.core.agenda import SLOT_MINUTES
from posapp.ui.agenda.model import AgendaModel

EDGE_PX = 6
"""How close to a block's lower edge a press grabs the edge (to resize)."""


class AgendaView(QTableView):
    moved = Signal(str, int, int)
    """(appointment uuid, row, column) where it was dropped."""
    resized = Signal(str, int)
    """(appointment uuid, new length in minutes)."""

    def __init__(self, model: AgendaModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agendaView")
        self.setModel(model)
        self.agenda = model
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setDefaultSectionSize(22)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        model.modelReset.connect(self.apply_spans)
        self._grab: tuple[str, int, int, bool] | None = None
        """(uuid, row, column, edge) of the block being dragged."""

    def apply_spans(self) -> None:
        self.clearSpans()
        for row, column, _appointment in self.agenda.placed():
            span = min(self.agenda.span_at(row, column), self.agenda.rows - row)
            if span > 1:
                self.setSpan(row, column, span, 1)

    def selected_uuid(self) -> str | None:
        index = self.currentIndex()
        if not index.isValid():
            return None
        found = self.agenda.appointment_at(index.row(), index.column())
        return found.uuid if found is not None else None

    def block_at(self, point: QPoint) -> tuple[str, int, int, bool] | None:
        index = self.indexAt(point)
        if not index.isValid():
            return None
        found = self.agenda.appointment_at(index.row(), index.column())
        if found is None:
            return None
        rect = self.visualRect(index)
        edge = rect.bottom() - point.y() <= EDGE_PX
        return found.uuid, index.row(), index.column(), edge

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._grab = self.block_at(event.position().toPoint())
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._grab is None:
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        grab, self._grab = self._grab, None
        super().mouseReleaseEvent(event)
        if grab is None or event.button() != Qt.MouseButton.LeftButton:
            return
        uuid, row, column, edge = grab
        point = event.position().toPoint()
        if edge:
            target = self.rowAt(point.y())
            if target < 0:
                target = self.agenda.rows - 1
            slots = max(1, target - row + 1)
            self.resized.emit(uuid, slots * SLOT_MINUTES)
            return
        index = self.indexAt(point)
        if index.isValid() and (index.row(), index.column()) != (row, column):
            self.moved.emit(uuid, index.row(), index.column())
