"""Pick a parked sale to bring back to the counter."""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from posapp.services.sales.parking import ParkedCart

PARKED_ROLE = Qt.ItemDataRole.UserRole + 1


class ParkedDialog(QDialog):
    chosen = Signal(int)
    """The id of the parked sale picked."""

    def __init__(
        self,
        carts: Sequence[ParkedCart],
        timezone: str = "America/Sao_Paulo",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("parkedDialog")
        self.setWindowTitle(self.tr("Vendas estacionadas"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Escolha a venda para recuperar:")))
        self.list = QListWidget()
        self.list.setObjectName("parkedList")
        zone = ZoneInfo(timezone)
        for cart in carts:
            when = cart.created_at.astimezone(zone).strftime("%H:%M")
            items = self.tr("%n item(ns)", "", len(cart.lines))
            who = f" — {cart.customer_name}" if cart.customer_name else ""
            item = QListWidgetItem(f"{when}  {cart.label}{who}  ({items})")
            item.setData(PARKED_ROLE, cart.id)
            self.list.addItem(item)
        if carts:
            self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self.choose())
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.choose)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def choose(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self.chosen.emit(int(item.data(PARKED_ROLE)))
        self.accept()
