"""The walking skeleton of the counter: the store, its program and a customer search."""

from __future__ import annotations

from typing import Any, TypeVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from posapp.core.errors import PosError
from posapp.services.station import Station
from posapp.services.store_info import store_info
from posapp.ui.customer_table import CustomerTableModel, find_customers
from posapp.ui.program_text import program_rules

W = TypeVar("W", bound=QWidget)

SEARCH_DELAY_MS = 200
"""Typing pauses this long before the search runs; Enter searches at once."""


def _named(widget: W, name: str) -> W:
    widget.setObjectName(name)
    return widget


class MainWindow(QMainWindow):
    def __init__(
        self,
        station: Station,
        *,
        demo: bool = False,
        printer: str | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.station = station
        info = store_info(station)
        title = f"{info.name} — posapp"
        self.setWindowTitle(f"{title} (demonstração)" if demo else title)
        self.resize(960, 640)

        self.store_label = _named(QLabel(info.name), "storeName")
        font = QFont(self.store_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.store_label.setFont(font)

        self.program_label = _named(QLabel(f"Programa: {info.program.name}"), "programName")
        rules = "\n".join(f"• {rule}" for rule in program_rules(info.program))
        self.rules_label = _named(QLabel(rules), "programRules")
        self.rules_label.setWordWrap(True)

        self.search_box = _named(QLineEdit(), "customerSearch")
        self.search_box.setPlaceholderText("Buscar cliente por nome, CPF ou celular")
        self.search_box.setClearButtonEnabled(True)

        self.model = CustomerTableModel(self)
        self.table = _named(QTableView(), "customerTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

        self.search_status = _named(QLabel(""), "searchStatus")

        layout = QVBoxLayout()
        for widget in (self.store_label, self.program_label, self.rules_label, self.search_box):
            layout.addWidget(widget)
        layout.addWidget(self.table, stretch=1)
        layout.addWidget(self.search_status)
        central = QWidget()
        central.setLayout(layout)
        self.setCentralWidget(central)

        status = "Modo demonstração" if demo else "Pronto"
        if printer:
            status += f" · impressora virtual em {printer}"
        self.statusBar().showMessage(status)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search)
        self.search_box.textChanged.connect(lambda _text: self._timer.start())
        self.search_box.returnPressed.connect(self.search)
        self.search_box.setFocus(Qt.FocusReason.OtherFocusReason)

    def search(self) -> None:
        """Run the search for what the box holds now and show the matches."""
        self._timer.stop()
        query = self.search_box.text().strip()
        if not query:
            self.model.set_rows([])
            self.search_status.setText("")
            return
        try:
            rows = find_customers(self.station, query)
        except PosError as error:
            self.model.set_rows([])
            self.search_status.setText(error.message("pt_BR"))
            return
        self.model.set_rows(rows)
        if not rows:
            self.search_status.setText("Nenhum cliente encontrado")
        elif len(rows) == 1:
            self.search_status.setText("1 cliente encontrado")
        else:
            self.search_status.setText(f"{len(rows)} clientes encontrados")
