"""A new booking: the client (searched as in Clientes, or enrolled here with a mobile),
the services, the professional and the start. A refusal (a clash, the hours) is shown in
the dialog, which stays open to pick another time."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, Qt, QTimeZone
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from posapp.core.errors import PosError
from posapp.services.agenda.book_reads import Professional, bookable_services
from posapp.services.agenda.booking import book_visit
from posapp.services.customers.registry import Enrolment, enrol, search
from posapp.ui.context import UiContext
from posapp.ui.formatting import money
from posapp.ui.widgets import named


class BookingDialog(QDialog):
    def __init__(
        self,
        context: UiContext,
        professionals: list[Professional],
        starts_at: datetime,
        professional_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("bookingDialog")
        self.setWindowTitle(self.tr("Novo horário"))
        self.context = context
        self.booked_uuid: str | None = None
        self.customer_id: int | None = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.search_box = named(QLineEdit(), "clientSearch")
        self.search_box.setPlaceholderText(self.tr("Nome, CPF ou celular"))
        self.search_box.textChanged.connect(self.find_clients)
        form.addRow(self.tr("Cliente"), self.search_box)
        self.results = named(QListWidget(), "clientResults")
        self.results.setMaximumHeight(90)
        self.results.currentItemChanged.connect(self._client_picked)
        form.addRow("", self.results)
        enrol_row = QHBoxLayout()
        self.new_name = named(QLineEdit(), "newClientName")
        self.new_name.setPlaceholderText(self.tr("Nome do novo cliente"))
        self.new_phone = named(QLineEdit(), "newClientPhone")
        self.new_phone.setPlaceholderText(self.tr("Celular"))
        self.enrol_button = named(QPushButton(self.tr("Cadastrar")), "enrolClient")
        self.enrol_button.clicked.connect(self.quick_enrol)
        enrol_row.addWidget(self.new_name, 2)
        enrol_row.addWidget(self.new_phone, 1)
        enrol_row.addWidget(self.enrol_button)
        form.addRow(self.tr("Novo cliente"), enrol_row)
        self.services = named(QListWidget(), "serviceList")
        for service in bookable_services(context.station):
            item = QListWidgetItem(
                f"{service.name} — {service.minutes} min — {money(service.price, context.locale)}"
            )
            item.setData(Qt.ItemDataRole.UserRole, service.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.services.addItem(item)
        form.addRow(self.tr("Serviços"), self.services)
        self.professional = named(QComboBox(), "professionalBox")
        for pro in professionals:
            self.professional.addItem(pro.name, pro.id)
        if professional_id is not None:
            self.professional.setCurrentIndex(max(0, self.professional.findData(professional_id)))
        form.addRow(self.tr("Profissional"), self.professional)
        self.add_part_button = named(
            QPushButton(self.tr("Adicionar outro profissional")), "addVisitPart"
        )
        self.add_part_button.clicked.connect(self.add_part)
        self.parts_list = named(QListWidget(), "visitParts")
        self.parts_list.setMaximumHeight(70)
        self.parts: list[tuple[int, list[int]]] = []
        form.addRow("", self.add_part_button)
        form.addRow(self.tr("Nesta visita"), self.parts_list)
        self.starts = named(QDateTimeEdit(), "startsAt")
        self.starts.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.starts.setTimeZone(QTimeZone(b"UTC"))
        self.starts.setDateTime(
            QDateTime.fromSecsSinceEpoch(int(starts_at.timestamp()), QTimeZone(b"UTC"))
        )
        self.starts.setTimeZone(QTimeZone(context.settings.timezone.encode()))
        form.addRow(self.tr("Início"), self.starts)
        layout.addLayout(form)
        self.problem = named(QLabel(), "bookingProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.try_book)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def find_clients(self, text: str) -> None:
        self.results.clear()
        if len(text.strip()) < 2:
            return
        for found in search(self.context.station, text.strip(), limit=8):
            item = QListWidgetItem(f"{found.name} {found.phone or ''}".strip())
            item.setData(Qt.ItemDataRole.UserRole, found.id)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)

    def _client_picked(self, item: QListWidgetItem | None) -> None:
        self.customer_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def quick_enrol(self) -> None:
        staff = self.context.staff
        try:
            made = enrol(
                self.context.station,
                Enrolment(name=self.new_name.text().strip(), phone=self.new_phone.text()),
                staff.id if staff else None,
            )
        except PosError as refused:
            self.problem.setText(refused.message(self.context.locale))
            return
        self.search_box.setText(made.name)
        self.customer_id = made.id
        self.problem.clear()

    def chosen_services(self) -> list[int]:
        return [
            int(self.services.item(n).data(Qt.ItemDataRole.UserRole))
            for n in range(self.services.count())
            if self.services.item(n).checkState() == Qt.CheckState.Checked
        ]

    def add_part(self) -> bool:
        """The checked services with the chosen professional become one part of the visit
        (the next part starts when this one ends)."""
        services = self.chosen_services()
        if not services:
            self.problem.setText(self.tr("Marque os serviços deste profissional."))
            return False
        self.parts.append((int(self.professional.currentData()), services))
        names = [
            self.services.item(n).text().split(" — ")[0]
            for n in range(self.services.count())
            if self.services.item(n).checkState() == Qt.CheckState.Checked
        ]
        self.parts_list.addItem(f"{self.professional.currentText()}: {', '.join(names)}")
        for n in range(self.services.count()):
            self.services.item(n).setCheckState(Qt.CheckState.Unchecked)
        self.problem.clear()
        return True

    def starts_at(self) -> datetime:
        return datetime.fromtimestamp(self.starts.dateTime().toSecsSinceEpoch(), UTC)

    def try_book(self) -> None:
        staff = self.context.staff
        if staff is None:
            return
        if self.customer_id is None:
            self.problem.setText(self.tr("Escolha o cliente ou cadastre-o com o celular."))
            return
        parts = list(self.parts)
        if self.chosen_services() or not parts:
            parts.append((int(self.professional.currentData()), self.chosen_services()))
        try:
            self.booked_uuid = book_visit(
                self.context.station,
                staff_id=staff.id,
                starts_at=self.starts_at(),
                parts=parts,
                customer_id=self.customer_id,
            )[0]
        except PosError as refused:
            self.problem.setText(refused.message(self.context.locale))
            return
        self.accept()
