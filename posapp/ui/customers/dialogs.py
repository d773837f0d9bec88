"""The customers screen's dialogs: edit details, adjust a balance, preview a receipt.

All open with `open()` (never a blocking `exec()`): the screen reacts to
`accepted`, and a dialog whose input is refused stays open with the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from posapp.core.cpf import format_cpf
from posapp.core.money import parse_centavos
from posapp.core.phone import format_mobile
from posapp.services.customers.history import CustomerProfile
from posapp.ui.widgets import named as _named


@dataclass(frozen=True, slots=True)
class EditedDetails:
    name: str
    cpf: str | None
    phone: str | None
    email: str | None
    birthday: date | None
    marketing_consent: bool


def parse_day(text: str) -> date | None:
    """'17/05/1990' -> date(1990, 5, 17); '' -> None; ValueError otherwise."""
    text = text.strip()
    if not text:
        return None
    return datetime.strptime(text, "%d/%m/%Y").date()


class EditCustomerDialog(QDialog):
    """The customer's details and consent; `save` returns a refusal to show, or None."""

    def __init__(
        self,
        profile: CustomerProfile,
        save: Callable[[EditedDetails], str | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("editCustomerDialog")
        self.setWindowTitle(self.tr("Editar cliente"))
        self.setMinimumWidth(460)
        self._save = save
        form = QFormLayout()
        form.setVerticalSpacing(10)
        self.name = _named(QLineEdit(profile.name), "editName")
        self.cpf = _named(QLineEdit(format_cpf(profile.cpf) if profile.cpf else ""), "editCpf")
        self.cpf.setPlaceholderText("000.000.000-00")
        self.phone = _named(
            QLineEdit(format_mobile(profile.phone) if profile.phone else ""), "editPhone"
        )
        self.phone.setPlaceholderText("(11) 91234-5678")
        self.email = _named(QLineEdit(profile.email or ""), "editEmail")
        birthday = profile.birthday.strftime("%d/%m/%Y") if profile.birthday else ""
        self.birthday = _named(QLineEdit(birthday), "editBirthday")
        self.birthday.setPlaceholderText(self.tr("dd/mm/aaaa"))
        self.consent = _named(
            QCheckBox(self.tr("Aceita receber ofertas e lembretes de saldo (LGPD)")),
            "editConsent",
        )
        self.consent.setChecked(profile.marketing_consent)
        form.addRow(self.tr("Nome"), self.name)
        form.addRow(self.tr("CPF"), self.cpf)
        form.addRow(self.tr("Celular"), self.phone)
        form.addRow(self.tr("E-mail"), self.email)
        form.addRow(self.tr("Aniversário"), self.birthday)
        form.addRow("", self.consent)
        self.error = _named(QLabel(""), "editError")
        self.error.setWordWrap(True)
        self.error.setProperty("role", "error")
        buttons = QDialogButtonBox()
        self.save_button = _named(
            buttons.addButton(self.tr("Salvar"), QDialogButtonBox.ButtonRole.AcceptRole),
            "editSave",
        )
        cancel = buttons.addButton(self.tr("Cancelar"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("editCancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def details(self) -> EditedDetails:
        """What the form holds; ValueError for a birthday that is not a date."""
        return EditedDetails(
            name=self.name.text(),
            cpf=self.cpf.text().strip() or None,
            phone=self.phone.text().strip() or None,
            email=self.email.text().strip() or None,
            birthday=parse_day(self.birthday.text()),
            marketing_consent=self.consent.isChecked(),
        )

    def accept(self) -> None:
        if not self.name.text().strip():
            self.error.setText(self.tr("Informe o nome."))
            return
        try:
            details = self.details()
        except ValueError:
            self.error.setText(self.tr("Aniversário inválido: use dd/mm/aaaa."))
            return
        refusal = self._save(details)
        if refusal:
            self.error.setText(refusal)
            return
        super().accept()


class AdjustBalanceDialog(QDialog):
    """How much to add or take and why; the manager's PIN is asked after."""

    def __init__(self, points: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adjustDialog")
        self.setWindowTitle(self.tr("Ajustar saldo"))
        self.setMinimumWidth(420)
        self.points = points
        self.credit = _named(QRadioButton(self.tr("Crédito (somar)")), "adjustCredit")
        self.debit = _named(QRadioButton(self.tr("Débito (tirar)")), "adjustDebit")
        self.credit.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.credit)
        group.addButton(self.debit)
        direction = QHBoxLayout()
        direction.addWidget(self.credit)
        direction.addWidget(self.debit)
        self.amount = _named(QLineEdit(), "adjustAmount")
        self.amount.setPlaceholderText(self.tr("pontos") if points else "0,00")
        self.reason = _named(QLineEdit(), "adjustReason")
        self.reason.setPlaceholderText(self.tr("ex.: compra não registrada no dia 10"))
        form = QFormLayout()
        form.addRow(self.tr("Tipo"), direction)
        form.addRow(self.tr("Pontos") if points else self.tr("Valor"), self.amount)
        form.addRow(self.tr("Motivo"), self.reason)
        self.error = _named(QLabel(""), "adjustError")
        self.error.setProperty("role", "error")
        buttons = QDialogButtonBox()
        ok = buttons.addButton(self.tr("Continuar"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setObjectName("adjustOk")
        buttons.addButton(self.tr("Cancelar"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.units = 0

    def accept(self) -> None:
        text = self.amount.text().strip()
        try:
            value = int(text) if self.points else parse_centavos(text)
        except ValueError:
            value = 0
        if value <= 0:
            self.error.setText(self.tr("Informe um valor maior que zero."))
            return
        if not self.reason.text().strip():
            self.error.setText(self.tr("Informe o motivo do ajuste."))
            return
        self.units = -value if self.debit.isChecked() else value
        super().accept()


class ReceiptPreviewDialog(QDialog):
    """A receipt as the paper shows it (the emulator's picture of the ESC/POS bytes)."""

    def __init__(self, png: bytes, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("receiptPreview")
        self.setWindowTitle(title)
        pixmap = QPixmap()
        pixmap.loadFromData(png, "PNG")
        self.image = _named(QLabel(), "receiptImage")
        self.image.setPixmap(pixmap)
        self.image.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidget(self.image)
        scroll.setWidgetResizable(True)
        close = QPushButton(self.tr("Fechar"))
        close.setObjectName("previewClose")
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(close, alignment=Qt.AlignmentFlag.AlignRight)
        self.resize(min(pixmap.width() + 60, 700) if not pixmap.isNull() else 420, 760)
