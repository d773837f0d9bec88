"""Find a customer (CPF, mobile or name) or enrol one: small dialogs the counter screens share.

Both dialogs do their service calls off the GUI thread and show refusals in
their own error line (PosError.message), never in a second modal. Open them
with `.open()` and listen to `chosen` / `enrolled`, or `.exec()` where blocking
is fine.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from posapp.core.cpf import mask_cpf
from posapp.core.errors import PosError
from posapp.core.phone import format_mobile
from posapp.services.common.station import Station
from posapp.services.customers import registry as customers
from posapp.services.customers.registry import CustomerSummary, Enrolment
from posapp.ui.runner import run_in_background

CUSTOMER_ROLE = Qt.ItemDataRole.UserRole + 1


def error_text(error: Exception, locale: str) -> str:
    if isinstance(error, PosError):
        return error.message(locale)
    return str(error) or type(error).__name__


def customer_label(customer: CustomerSummary) -> str:
    if customer.cpf:
        document = mask_cpf(customer.cpf)
    elif customer.phone:
        document = format_mobile(customer.phone)
    else:
        document = ""
    return f"{customer.name}  {document}".strip()


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("error")
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020; font-weight: bold;")
    return label


class CustomerPickerDialog(QDialog):
    """Type a CPF, a mobile number or part of a name; pick one of the customers found.

    Enter is the one key: it picks the highlighted customer when the list shows what was
    typed, else it searches and picks the customer at once when only one is found
    (F2, the name or phone, Enter: the balance is on screen).
    """

    chosen = Signal(object)
    """The CustomerSummary picked."""

    def __init__(
        self, station: Station, locale: str = "pt_BR", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.station = station
        self.lang = locale
        self.customer: CustomerSummary | None = None
        self.searching = False
        self._shown_for: str | None = None
        """The words the listed customers were found for."""
        self._pick_one = False
        """Enter was pressed before the answer: pick a lone customer as soon as it comes."""
        self.setObjectName("customerPicker")
        self.setWindowTitle(self.tr("Cliente"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("CPF, celular ou nome do cliente:")))
        self.query = QLineEdit()
        self.query.setObjectName("customerQuery")
        self.query.setMinimumHeight(40)
        layout.addWidget(self.query)
        self.results = QListWidget()
        self.results.setObjectName("customerResults")
        self.results.itemActivated.connect(lambda _item: self.choose())
        layout.addWidget(self.results)
        self.error = _error_label()
        layout.addWidget(self.error)
        self.enrol_button = QPushButton(self.tr("Cadastrar novo cliente"))
        self.enrol_button.setObjectName("enrolButton")
        self.enrol_button.setMinimumHeight(48)
        layout.addWidget(self.enrol_button)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.choose)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.search)
        self.query.textEdited.connect(lambda _text: self._debounce.start())

    def search(self) -> None:
        self._debounce.stop()
        text = self.query.text().strip()
        if not text:
            return
        self.searching = True
        self.error.clear()
        station = self.station
        run_in_background(
            self,
            lambda: customers.search(station, text),
            lambda found: self._show(text, found),
            self._failed,
        )

    def _show(self, text: str, found: list[CustomerSummary]) -> None:
        if text != self.query.text().strip():
            return  # an answer for words since changed
        self.searching = False
        self._shown_for = text
        self.results.clear()
        for customer in found:
            item = QListWidgetItem(customer_label(customer))
            item.setData(CUSTOMER_ROLE, customer)
            self.results.addItem(item)
        pick, self._pick_one = self._pick_one, False
        if found:
            self.results.setCurrentRow(0)
            if pick and len(found) == 1:
                self.choose()
            elif pick:
                self.results.setFocus()
        else:
            self.error.setText(self.tr("Nenhum cliente encontrado. Cadastre um novo."))

    def _failed(self, error: Exception) -> None:
        self.searching = False
        self.error.setText(error_text(error, self.lang))

    def choose(self) -> None:
        """Enter or OK: the highlighted customer, or search and pick a lone one."""
        if self.customer is not None:
            return
        item = self.results.currentItem()
        text = self.query.text().strip()
        if item is None or self._shown_for != text:
            if text:
                self._pick_one = True
                self.search()
            return
        customer = item.data(CUSTOMER_ROLE)
        assert isinstance(customer, CustomerSummary)
        self.customer = customer
        self.chosen.emit(customer)
        self.accept()


class EnrolDialog(QDialog):
    """Register a customer at the counter: CPF or mobile, name, consent, who referred them."""

    enrolled = Signal(object)
    """The CustomerSummary of the new customer."""

    def __init__(
        self,
        station: Station,
        locale: str = "pt_BR",
        staff_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.station = station
        self.lang = locale
        self.staff_id = staff_id
        self.customer: CustomerSummary | None = None
        self.saving = False
        self.setObjectName("enrolDialog")
        self.setWindowTitle(self.tr("Cadastrar cliente"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.cpf = QLineEdit()
        self.cpf.setObjectName("cpf")
        self.cpf.setPlaceholderText("000.000.000-00")
        self.phone = QLineEdit()
        self.phone.setObjectName("phone")
        self.phone.setPlaceholderText("(11) 91234-5678")
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.consent = QCheckBox(self.tr("Aceita receber mensagens (WhatsApp/SMS/e-mail)"))
        self.consent.setObjectName("consent")
        self.referral = QLineEdit()
        self.referral.setObjectName("referral")
        self.referral.setPlaceholderText(self.tr("opcional"))
        form.addRow(self.tr("CPF"), self.cpf)
        form.addRow(self.tr("Celular"), self.phone)
        form.addRow(self.tr("Nome"), self.name)
        form.addRow("", self.consent)
        form.addRow(self.tr("Código de quem indicou"), self.referral)
        layout.addLayout(form)
        self.error = _error_label()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def enrolment(self) -> Enrolment:
        return Enrolment(
            name=self.name.text().strip(),
            cpf=self.cpf.text().strip() or None,
            phone=self.phone.text().strip() or None,
            marketing_consent=self.consent.isChecked(),
            referred_by_code=self.referral.text().strip() or None,
        )

    def submit(self) -> None:
        if self.saving:
            return
        data = self.enrolment()
        if not data.name:
            self.error.setText(self.tr("Informe o nome do cliente."))
            self.name.setFocus()
            return
        self.saving = True
        self.error.clear()
        run_in_background(
            self,
            lambda: customers.enrol(self.station, data, self.staff_id),
            self._done,
            self._failed,
        )

    def _done(self, customer: CustomerSummary) -> None:
        self.saving = False
        self.customer = customer
        self.enrolled.emit(customer)
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.saving = False
        self.error.setText(error_text(error, self.lang))
