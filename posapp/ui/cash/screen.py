"""Caixa: open the shift with its float, suprimento and sangria, the blind close, X and Z.

Anyone at the counter may open the shift. Suprimento, sangria, the close and the
Z report ask for a manager's PIN (`ask_pin`, a plain function tests replace) and
the service decides: a cashier's own PIN is refused there, whatever the screen
does. The close is blind: the dialog asks how many of each note and coin, and
only after the close does the screen show the expected cash and the difference.
The report shown (X or Z) can be printed, saved as PDF (A4) or as CSV.

"Reduções Z deste caixa" lists this terminal's past Z reports (number, day,
sales, net, who closed). Choosing one shows its stored figures; "Reimprimir"
prints them again through the print queue and "Salvar PDF"/"Salvar CSV" write
them, so a reprint is the very paper of the first print. Anyone at the counter
may list and reprint: nothing is computed or changed, only printed again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from posapp.core.errors import InvalidAmount, PosError
from posapp.core.money import parse_centavos
from posapp.services.cash import shifts
from posapp.services.cash.report_access import (
    SCOPE_OF_ROLE,
    Production,
    Scope,
    own_production,
    production_sections,
    stored_z_for,
    x_report_for,
)
from posapp.services.cash.report_output import Row, cell_text, sections, write_csv
from posapp.services.cash.reports import Report, z_report
from posapp.services.cash.shifts import DENOMINATIONS, NOTES, ClosedShift, ShiftView
from posapp.services.sales.printing import PrintOutcome, StoredZ, stored_z_reports
from posapp.ui.context import UiContext
from posapp.ui.dialogs.manager_pin import ask_manager_pin
from posapp.ui.formatting import day, moment, money
from posapp.ui.printed_window import show_printed
from posapp.ui.reports.pdf import write_pdf
from posapp.ui.rows_model import RowsModel
from posapp.ui.runner import Jobs
from posapp.ui.widgets import named as _named

AskPin = Callable[[QWidget | None, str], str | None]
AskPath = Callable[[QWidget | None, str, str], str | None]


SECTION_WIDTH = 130
"""The report's first column: the section's name wraps, the item and value stay whole."""


def _ask_path(parent: QWidget | None, caption: str, pattern: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, caption, "", pattern)
    return path or None


def _amount(text: str) -> int:
    try:
        return parse_centavos(text)
    except (ValueError, PosError):
        raise InvalidAmount(value=text) from None


class ReportModel(RowsModel[tuple[str, Row]]):
    """A report's sections as rows: section, item, figure."""

    right_columns = frozenset({2})

    def __init__(self, parent: Any = None, locale: str = "pt_BR") -> None:
        super().__init__(parent, locale)
        self.headers = (self.tr("Seção"), self.tr("Item"), self.tr("Valor"))

    def show_report(self, report: Report) -> None:
        self.set_rows([(s.title, row) for s in sections(report, self.locale) for row in s.rows])

    def text(self, row: tuple[str, Row], column: int) -> str | None:
        section, item = row
        return (section, item.label, cell_text(item, self.locale))[column]


class ZListModel(RowsModel[StoredZ]):
    """This terminal's past Z reports: number, day, sales, net, who closed."""

    right_columns = frozenset({0, 2, 3})

    def __init__(self, parent: Any = None, locale: str = "pt_BR") -> None:
        super().__init__(parent, locale)
        self.headers = (
            self.tr("Nº"),
            self.tr("Dia"),
            self.tr("Vendas"),
            self.tr("Líquido"),
            self.tr("Fechado por"),
        )

    def text(self, row: StoredZ, column: int) -> str | None:
        if column == 0:
            return f"{row.number:04d}"
        if column == 1:
            return day(row.day, self.locale)
        if column == 2:
            return str(row.sales_count)
        if column == 3:
            return money(row.net, self.locale)
        return row.closed_by

    def row_of(self, z_id: int) -> int | None:
        return next((i for i, z in enumerate(self.rows) if z.id == z_id), None)


class MovementDialog(QDialog):
    """Suprimento or sangria: how much and why."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("movementDialog")
        self.setWindowTitle(title)
        self.amount = _named(QLineEdit(), "movementAmount")
        self.amount.setPlaceholderText("0,00")
        self.reason = _named(QLineEdit(), "movementReason")
        self.reason.setMaxLength(200)
        self.error = _named(QLabel(""), "movementError")
        form = QFormLayout()
        form.addRow(self.tr("Valor (R$)"), self.amount)
        form.addRow(self.tr("Motivo"), self.reason)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def accept(self) -> None:
        if not self.reason.text().strip():
            self.error.setText(self.tr("Informe o motivo."))
            return
        try:
            _amount(self.amount.text())
        except InvalidAmount:
            self.error.setText(self.tr("Informe um valor maior que zero."))
            return
        super().accept()


class BlindCountDialog(QDialog):
    """How many of each note and coin are in the drawer; the expected cash is not shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("blindCountDialog")
        self.setWindowTitle(self.tr("Fechar o turno: contagem do caixa"))
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Conte as cédulas e moedas da gaveta.")), 0, 0, 1, 4)
        self.spins: dict[int, QSpinBox] = {}
        for index, denomination in enumerate(DENOMINATIONS):
            kind = self.tr("Cédula") if denomination in NOTES else self.tr("Moeda")
            spin = _named(QSpinBox(), f"count_{denomination}")
            spin.setRange(0, 9_999)
            self.spins[denomination] = spin
            row, column = 1 + index % 6, (index // 6) * 2
            grid.addWidget(QLabel(f"{kind} {money(denomination, 'pt_BR')}"), row, column)
            grid.addWidget(spin, row, column + 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(buttons)

    def counts(self) -> dict[int, int]:
        return {d: spin.value() for d, spin in self.spins.items() if spin.value()}


class CashScreen(QWidget):
    shift_changed = Signal()
    """The shift was opened or closed (the status bar follows)."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cashScreen")
        self.context = context
        self.station = context.station
        self.lang = context.locale
        self.ask_pin: AskPin = ask_manager_pin
        self.ask_path: AskPath = _ask_path
        self.jobs = Jobs(self, self._failed)
        self.shift: ShiftView | None = None
        self.closed: ClosedShift | None = None
        self.report: Report | None = None
        self.movement_dialog: MovementDialog | None = None
        self.count_dialog: BlindCountDialog | None = None

        self.shift_label = _named(QLabel(""), "shiftState")
        self.float_box = _named(QLineEdit(), "openingFloat")
        self.float_box.setPlaceholderText(self.tr("Fundo de troco (R$)"))
        self.open_button = _named(QPushButton(self.tr("Abrir turno")), "openShift")
        self.cash_in_button = _named(QPushButton(self.tr("Suprimento")), "cashIn")
        self.cash_out_button = _named(QPushButton(self.tr("Sangria")), "cashOut")
        self.close_button = _named(QPushButton(self.tr("Fechar turno")), "closeShift")
        self.x_button = _named(QPushButton(self.tr("Relatório X")), "reportX")
        self.z_button = _named(QPushButton(self.tr("Redução Z")), "reportZ")
        self.print_button = _named(QPushButton(self.tr("Imprimir")), "reportPrint")
        self.pdf_button = _named(QPushButton(self.tr("Salvar PDF")), "reportPdf")
        self.csv_button = _named(QPushButton(self.tr("Salvar CSV")), "reportCsv")
        self.message = _named(QLabel(""), "cashMessage")
        self.message.setWordWrap(True)
        self.model = ReportModel(self, self.lang)
        self.table = _named(QTableView(), "reportTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        # section, item and value whole: long ones wrap, the rows grow
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, SECTION_WIDTH)  # "REDUÇÃO Z Nº 0006" wraps onto two lines
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.z_title = _named(QLabel(self.tr("Reduções Z deste caixa")), "zListTitle")
        self.z_model = ZListModel(self, self.lang)
        self.z_table = _named(QTableView(), "zList")
        self.z_table.setModel(self.z_model)
        self.z_table.verticalHeader().setVisible(False)
        self.z_table.horizontalHeader().setStretchLastSection(True)
        self.z_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.z_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.z_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.z_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.z_reprint_button = _named(QPushButton(self.tr("Reimprimir")), "zReprint")
        self.z_pdf_button = _named(QPushButton(self.tr("Salvar PDF")), "zPdf")
        self.z_csv_button = _named(QPushButton(self.tr("Salvar CSV")), "zCsv")
        self.z_empty = _named(QLabel(self.tr("Nenhuma redução Z ainda")), "zListEmpty")
        self.chosen_z: StoredZ | None = None

        shift_row = QHBoxLayout()
        for widget in (
            self.float_box,
            self.open_button,
            self.cash_in_button,
            self.cash_out_button,
            self.close_button,
        ):
            shift_row.addWidget(widget)
        report_row = QHBoxLayout()
        for widget in (
            self.x_button,
            self.z_button,
            self.print_button,
            self.pdf_button,
            self.csv_button,
        ):
            report_row.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addWidget(self.shift_label)
        layout.addLayout(shift_row)
        layout.addWidget(self.message)
        layout.addLayout(report_row)
        z_buttons = QHBoxLayout()
        for widget in (self.z_reprint_button, self.z_pdf_button, self.z_csv_button):
            z_buttons.addWidget(widget)
        z_panel = QVBoxLayout()
        z_panel.addWidget(self.z_title)
        z_panel.addWidget(self.z_empty)
        z_panel.addWidget(self.z_table, 1)
        z_panel.addLayout(z_buttons)
        tables = QHBoxLayout()
        tables.addWidget(self.table, 3)
        tables.addLayout(z_panel, 2)  # the Z list scrolls sideways on a 1024 px screen
        layout.addLayout(tables, 1)

        self.open_button.clicked.connect(self.open_shift)
        self.cash_in_button.clicked.connect(lambda: self.move_cash(shifts.CASH_IN))
        self.cash_out_button.clicked.connect(lambda: self.move_cash(shifts.CASH_OUT))
        self.close_button.clicked.connect(self.close_shift)
        self.x_button.clicked.connect(self.show_x)
        self.z_button.clicked.connect(self.run_z)
        self.print_button.clicked.connect(self.print_report)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.csv_button.clicked.connect(self.save_csv)
        self.z_table.selectionModel().currentRowChanged.connect(self._z_chosen)
        self.z_reprint_button.clicked.connect(self.reprint_z)
        self.z_pdf_button.clicked.connect(self.save_pdf)
        self.z_csv_button.clicked.connect(self.save_csv)
        self.production: Production | None = None
        """A professional's own production, when that is what the table shows."""
        context.events.staff_changed.connect(self.apply_role)
        self.apply_role()

    # -- state --------------------------------------------------------------------

    def idle(self) -> bool:
        return self.jobs.idle()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        self.jobs.run(lambda: shifts.current_shift(self.station), self._shift_loaded)
        self.load_z_list()

    def _shift_loaded(self, shift: ShiftView | None) -> None:
        self.shift = shift
        if shift is None:
            self.shift_label.setText(self.tr("Nenhum turno aberto"))
        else:
            self.shift_label.setText(
                self.tr("Turno aberto por %1 em %2, fundo de troco %3")
                .replace("%1", shift.opened_by)
                .replace("%2", moment(shift.opened_at, self.lang))
                .replace("%3", money(shift.opening_float, self.lang))
            )
        self._update_buttons()

    def _update_buttons(self) -> None:
        is_open = self.shift is not None
        self.open_button.setEnabled(not is_open)
        self.float_box.setEnabled(not is_open)
        for button in (self.cash_in_button, self.cash_out_button, self.close_button):
            button.setEnabled(is_open)
        for button in (self.print_button, self.pdf_button, self.csv_button):
            button.setEnabled(self.report is not None)
        chosen = self.chosen_z
        shown = chosen is not None and self.report is not None and self.report.z_id == chosen.id
        for button in (self.z_reprint_button, self.z_pdf_button, self.z_csv_button):
            button.setEnabled(shown)

    def _failed(self, error: Exception) -> None:
        text = error.message(self.lang) if isinstance(error, PosError) else str(error)
        self.message.setText(text)

    # -- the shift ------------------------------------------------------------------

    def open_shift(self) -> None:
        staff = self.context.staff
        if staff is None:
            return
        try:
            amount = _amount(self.float_box.text() or "0")
        except InvalidAmount as error:
            self._failed(error)
            return
        self.jobs.run(lambda: shifts.open_shift(self.station, staff.id, amount), self._shift_opened)

    def _shift_opened(self, shift: ShiftView) -> None:
        self.message.setText(self.tr("Turno aberto."))
        self._shift_loaded(shift)
        self.shift_changed.emit()

    def move_cash(self, kind: str) -> None:
        title = self.tr("Suprimento") if kind == shifts.CASH_IN else self.tr("Sangria")
        dialog = MovementDialog(title, self)
        self.movement_dialog = dialog
        dialog.accepted.connect(lambda: self._movement_entered(dialog, kind))
        dialog.open()

    def _movement_entered(self, dialog: MovementDialog, kind: str) -> None:
        staff = self.context.staff
        action = self.tr("suprimento") if kind == shifts.CASH_IN else self.tr("sangria")
        pin = self.ask_pin(self, action)
        if staff is None or pin is None:
            return
        amount, reason = _amount(dialog.amount.text()), dialog.reason.text()
        move = shifts.cash_in if kind == shifts.CASH_IN else shifts.cash_out
        title = self.tr("Suprimento") if kind == shifts.CASH_IN else self.tr("Sangria")
        self.jobs.run(
            lambda: move(self.station, staff.id, pin, amount, reason),
            lambda done: self.message.setText(
                self.tr("%1 de %2 registrado.")
                .replace("%1", title)
                .replace("%2", money(done.amount, self.lang))
            ),
        )

    def close_shift(self) -> None:
        dialog = BlindCountDialog(self)
        self.count_dialog = dialog
        dialog.accepted.connect(lambda: self._counted(dialog.counts()))
        dialog.open()

    def _counted(self, counts: dict[int, int]) -> None:
        staff = self.context.staff
        pin = self.ask_pin(self, self.tr("fechar o turno"))
        if staff is None or pin is None:
            return
        self.jobs.run(lambda: shifts.close_shift(self.station, staff.id, pin, counts), self._closed)

    def _closed(self, closed: ClosedShift) -> None:
        self.closed = closed
        self.message.setText(
            self.tr("Turno fechado. Esperado %1, contado %2, diferença %3.")
            .replace("%1", money(closed.expected, self.lang))
            .replace("%2", money(closed.counted, self.lang))
            .replace("%3", money(closed.difference, self.lang))
        )
        self._shift_loaded(None)
        self.shift_changed.emit()

    # -- reports ----------------------------------------------------------------------

    @property
    def own_production_only(self) -> bool:
        """A professional sees only their own production (services/cash/report_access)."""
        staff = self.context.staff
        return staff is not None and SCOPE_OF_ROLE[staff.role] is Scope.OWN_PRODUCTION

    @property
    def sees_everything(self) -> bool:
        """A manager's paper is the stored Z itself; anyone else's, the Z as they see it."""
        staff = self.context.staff
        return staff is not None and SCOPE_OF_ROLE[staff.role] is Scope.EVERYTHING

    def apply_role(self) -> None:
        """What the signed-in person may see: a professional gets "Minha produção" and no Z."""
        own = self.own_production_only
        self.x_button.setText(self.tr("Minha produção") if own else self.tr("Relatório X"))
        for widget in (
            self.z_button,
            self.z_title,
            self.z_table,
            self.z_empty,
            self.z_reprint_button,
            self.z_pdf_button,
            self.z_csv_button,
        ):
            widget.setVisible(not own)
        self.report = None
        self.production = None
        self.model.set_rows([])
        self._update_buttons()

    def show_x(self) -> None:
        staff = self.context.staff
        if staff is None:
            return
        if self.own_production_only:
            self.jobs.run(lambda: own_production(self.station, staff.id), self._show_production)
            return
        self.jobs.run(lambda: x_report_for(self.station, staff.id), self._show_report)

    def _show_production(self, production: Production) -> None:
        self.report = None
        self.production = production
        self.model.set_rows(
            [(s.title, row) for s in production_sections(production, self.lang) for row in s.rows]
        )
        self._update_buttons()

    def run_z(self) -> None:
        staff = self.context.staff
        pin = self.ask_pin(self, self.tr("redução Z"))
        if staff is None or pin is None:
            return
        self.jobs.run(lambda: z_report(self.station, staff.id, pin), self._show_report)

    def _show_report(self, report: Report) -> None:
        self.report = report
        self.model.show_report(report)
        self._update_buttons()
        if report.z_id is not None and (self.chosen_z is None or self.chosen_z.id != report.z_id):
            self.load_z_list()  # a Z just made joins the list

    # -- past Z reports -------------------------------------------------------------

    def load_z_list(self) -> None:
        """List this terminal's Z reports (a cashier may: it is read-only)."""
        if self.own_production_only:
            return
        self.jobs.run(lambda: stored_z_reports(self.station), self._z_listed)

    def _z_listed(self, rows: list[StoredZ]) -> None:
        keep = self.chosen_z.id if self.chosen_z is not None else None
        self.z_model.set_rows(rows)
        self.z_empty.setVisible(not rows)
        row = self.z_model.row_of(keep) if keep is not None else None
        if row is not None:
            self.z_table.selectRow(row)
        else:
            self.chosen_z = None
            self._update_buttons()

    def _z_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        chosen = self.z_model.row_at(current.row())
        if self.chosen_z == chosen and self.report is not None and self.report.z_id == chosen.id:
            return
        self.chosen_z = chosen
        self._update_buttons()
        staff = self.context.staff
        if staff is None:
            return
        self.jobs.run(lambda: stored_z_for(self.station, staff.id, chosen.id), self._z_loaded)

    def _z_loaded(self, report: Report) -> None:
        if self.chosen_z is not None and report.z_id == self.chosen_z.id:
            self._show_report(report)

    def reprint_z(self) -> None:
        """Print the chosen Z again from its stored figures.

        No PIN on purpose: the Z was authorized when it was made, and a reprint
        changes nothing (no figure is computed again, no row but the print job is
        written), so anyone signed in at the counter may print it again.
        """
        chosen = self.chosen_z
        if chosen is None:
            return
        printing = self.context.printing
        self.z_reprint_button.setEnabled(False)
        if not self.sees_everything and self.report is not None:
            report = self.report  # the stored Z as this person may see it
            self.jobs.run(
                lambda: printing.print_report_now(report).result(timeout=60), self._z_printed
            )
            return
        self.jobs.run(lambda: printing.print_z(chosen.id).result(timeout=60), self._z_printed)

    def _z_printed(self, outcome: PrintOutcome) -> None:
        self._update_buttons()
        self._printed(outcome)

    def print_report(self) -> None:
        report = self.report
        if report is None:
            return
        printing = self.context.printing
        stored = report.z_id is not None and self.sees_everything
        self.jobs.run(
            lambda: (
                printing.print_z(report.z_id)
                if stored and report.z_id is not None
                else printing.print_report_now(report)
            ).result(timeout=60),
            self._printed,
        )

    def _printed(self, outcome: PrintOutcome) -> None:
        virtual = outcome.printed and show_printed(self.context.settings.printer_uri, self)
        self.message.setText(
            self.tr("Relatório impresso na impressora virtual: veja na janela Impressões.")
            if virtual
            else self.tr("Relatório impresso.")
            if outcome.printed
            else self.tr("Não foi possível imprimir: %1").replace(
                "%1", outcome.error(self.lang) or ""
            )
        )

    def save_pdf(self) -> None:
        path = self.ask_path(self, self.tr("Salvar relatório em PDF"), "PDF (*.pdf)")
        if path and self.report is not None:
            write_pdf(self.report, Path(path), self.lang)  # Qt paints on the GUI thread
            self.message.setText(self.tr("PDF salvo em %1").replace("%1", path))

    def save_csv(self) -> None:
        path = self.ask_path(self, self.tr("Salvar relatório em CSV"), "CSV (*.csv)")
        report = self.report
        if path and report is not None:
            self.jobs.run(
                lambda: write_csv(report, Path(path), self.lang),
                lambda done: self.message.setText(
                    self.tr("CSV salvo em %1").replace("%1", str(done))
                ),
            )
