"""Managers set the shares: per professional (or everyone), services or products, commission
or partner share (salão-parceiro), on gross or net, less the card fees or not; and what the
acquirer keeps of each tender. Each save asks the manager's PIN (the service audits it)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from posapp.core.commission import Base, Mode
from posapp.core.errors import PosError
from posapp.services.agenda.book_reads import Professional
from posapp.services.salon.rules import PRODUCT, SERVICE, set_card_fee, set_rule
from posapp.ui.context import UiContext
from posapp.ui.dialogs.manager_pin import ask_manager_pin
from posapp.ui.widgets import named


def _percent_box(name: str) -> QDoubleSpinBox:
    box = named(QDoubleSpinBox(), name)
    box.setRange(0.0, 100.0)
    box.setDecimals(2)
    box.setSuffix(" %")
    return box


class RulesDialog(QDialog):
    def __init__(
        self, context: UiContext, professionals: list[Professional], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("rulesDialog")
        self.setWindowTitle(self.tr("Comissões e parcerias"))
        self.context = context
        self.ask_pin: Callable[[QWidget | None, str], str | None] = ask_manager_pin
        layout = QVBoxLayout(self)

        share = QGroupBox(self.tr("Percentual do profissional"))
        form = QFormLayout(share)
        self.professional = named(QComboBox(), "ruleProfessional")
        self.professional.addItem(self.tr("Todos"), None)
        for pro in professionals:
            self.professional.addItem(pro.name, pro.id)
        self.kind = named(QComboBox(), "ruleKind")
        self.kind.addItem(self.tr("Serviços"), SERVICE)
        self.kind.addItem(self.tr("Produtos"), PRODUCT)
        self.mode = named(QComboBox(), "ruleMode")
        self.mode.addItem(self.tr("Comissão"), Mode.COMMISSION.value)
        self.mode.addItem(self.tr("Cota-parte (salão-parceiro)"), Mode.PARTNER.value)
        self.share = _percent_box("ruleShare")
        self.base = named(QComboBox(), "ruleBase")
        self.base.addItem(self.tr("Sobre o líquido"), Base.NET.value)
        self.base.addItem(self.tr("Sobre o bruto"), Base.GROSS.value)
        self.card_fees = named(QCheckBox(self.tr("Descontar as taxas de cartão")), "ruleCardFees")
        form.addRow(self.tr("Profissional"), self.professional)
        form.addRow(self.tr("Itens"), self.kind)
        form.addRow(self.tr("Modalidade"), self.mode)
        form.addRow(self.tr("Percentual"), self.share)
        form.addRow(self.tr("Base"), self.base)
        form.addRow("", self.card_fees)
        self.save_rule_button = named(QPushButton(self.tr("Salvar percentual")), "ruleSave")
        self.save_rule_button.clicked.connect(self.save_rule)
        form.addRow("", self.save_rule_button)
        layout.addWidget(share)

        fees = QGroupBox(self.tr("Taxas de cartão e Pix"))
        fee_form = QFormLayout(fees)
        self.fees = {tender: _percent_box(f"fee_{tender}") for tender in ("debit", "credit", "pix")}
        names = {"debit": self.tr("Débito"), "credit": self.tr("Crédito"), "pix": self.tr("Pix")}
        for tender, box in self.fees.items():
            fee_form.addRow(names[tender], box)
        self.save_fees_button = named(QPushButton(self.tr("Salvar taxas")), "feesSave")
        self.save_fees_button.clicked.connect(self.save_fees)
        fee_form.addRow("", self.save_fees_button)
        layout.addWidget(fees)
        self.message = named(QLabel(), "rulesMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

    def save_rule(self) -> bool:
        pin = self.ask_pin(self, self.tr("salvar o percentual"))
        if pin is None:
            return False
        try:
            set_rule(
                self.context.station,
                manager_pin=pin,
                share_bps=round(self.share.value() * 100),
                staff_id=self.professional.currentData(),
                item_kind=str(self.kind.currentData()),
                mode=Mode(self.mode.currentData()),
                base=Base(self.base.currentData()),
                card_fees=self.card_fees.isChecked(),
            )
        except PosError as refused:
            self.message.setText(refused.message(self.context.locale))
            return False
        self.message.setText(self.tr("Percentual salvo."))
        return True

    def save_fees(self) -> bool:
        pin = self.ask_pin(self, self.tr("salvar as taxas"))
        if pin is None:
            return False
        try:
            for tender, box in self.fees.items():
                set_card_fee(
                    self.context.station, tender, round(box.value() * 100), manager_pin=pin
                )
        except PosError as refused:
            self.message.setText(refused.message(self.context.locale))
            return False
        self.message.setText(self.tr("Taxas salvas."))
        return True
