"""Managers' statements: one professional's day, week or month; printed on the receipt
printer, saved as PDF or CSV."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from posapp.services.agenda.book_reads import Professional
from posapp.services.common.store_info import store_info
from posapp.services.salon.split import (
    DAY,
    MONTH,
    WEEK,
    Statement,
    former_professionals,
    statement,
)
from posapp.services.salon.statement_output import (
    period_text,
    statement_csv,
    statement_html,
    statement_receipt,
    summary,
)
from posapp.ui.context import UiContext
from posapp.ui.widgets import named


def write_statement_pdf(html: str, path: Path, title: str) -> Path:
    writer = QPdfWriter(str(path))
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setResolution(300)
    writer.setTitle(title)
    writer.setCreator("posapp")
    document = QTextDocument()
    document.setHtml(html)
    document.print_(writer)
    return path


class StatementsDialog(QDialog):
    def __init__(
        self,
        context: UiContext,
        professionals: list[Professional],
        on: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("statementsDialog")
        self.setWindowTitle(self.tr("Extratos dos profissionais"))
        self.context = context
        self.zone = ZoneInfo(context.settings.timezone)
        self.current: Statement | None = None
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.professional = named(QComboBox(), "statementProfessional")
        for pro in professionals:
            self.professional.addItem(pro.name, pro.id)
        for staff_id, name in former_professionals(context.station):
            if self.professional.findData(staff_id) < 0:  # no longer active: still paid
                self.professional.addItem(name, staff_id)
        self.span = named(QComboBox(), "statementSpan")
        self.span.addItem(self.tr("Dia"), DAY)
        self.span.addItem(self.tr("Semana"), WEEK)
        self.span.addItem(self.tr("Mês"), MONTH)
        self.day = named(QDateEdit(QDate(on.year, on.month, on.day)), "statementDay")
        self.day.setCalendarPopup(True)
        for widget in (self.professional, self.span, self.day):
            bar.addWidget(widget)
        layout.addLayout(bar)
        self.period = named(QLabel(), "statementPeriod")
        layout.addWidget(self.period)
        self.table = named(QTableWidget(0, 2), "statementTable")
        self.table.horizontalHeader().setVisible(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.print_button = named(QPushButton(self.tr("Imprimir")), "statementPrint")
        self.pdf_button = named(QPushButton(self.tr("Salvar PDF")), "statementPdf")
        self.csv_button = named(QPushButton(self.tr("Salvar CSV")), "statementCsv")
        for button in (self.print_button, self.pdf_button, self.csv_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.print_button.clicked.connect(self.print_statement)
        self.pdf_button.clicked.connect(lambda: self.save("pdf"))
        self.csv_button.clicked.connect(lambda: self.save("csv"))
        self.professional.currentIndexChanged.connect(self.refresh)
        self.span.currentIndexChanged.connect(self.refresh)
        self.day.dateChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        if self.professional.count() == 0:
            return
        picked = self.day.date()
        self.current = statement(
            self.context.station,
            int(self.professional.currentData()),
            date(picked.year(), picked.month(), picked.day()),
            str(self.span.currentData()),
        )
        locale = self.context.locale
        self.period.setText(period_text(self.current, locale))
        rows = summary(self.current, locale)
        self.table.setRowCount(len(rows))
        for n, (label, value) in enumerate(rows):
            self.table.setItem(n, 0, QTableWidgetItem(label))
            self.table.setItem(n, 1, QTableWidgetItem(value))

    def print_statement(self) -> None:
        if self.current is None:
            return
        name = store_info(self.context.station).name
        self.context.printing.print_now(
            statement_receipt(self.current, name, self.zone, self.context.locale)
        )

    def save(self, kind: str, path: Path | None = None) -> Path | None:
        if self.current is None:
            return None
        if path is None:
            suggested = f"extrato-{self.current.professional.name}-{self.current.first_day}.{kind}"
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Salvar extrato"), suggested)
            if not chosen:
                return None
            path = Path(chosen)
        locale = self.context.locale
        if kind == "csv":
            text = statement_csv(self.current, self.zone, locale)
            path.write_text(text, encoding="utf-8-sig", newline="")
            return path
        name = store_info(self.context.station).name
        html = statement_html(self.current, name, self.zone, locale)
        return write_statement_pdf(html, path, f"{name} — {self.current.professional.name}")
