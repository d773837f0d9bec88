"""Importar / exportar: the catalogue and the customers to and from CSV files.

Pick what (catálogo or clientes), then import a file or export to one. Both are a
manager's actions: `ask_pin` (a plain function tests replace) asks for the PIN and
the service checks it. The file names come from `choose_open` / `choose_save`
(QFileDialog by default; tests replace them). The import runs off the GUI thread
through `Jobs`; its progress callback emits a signal that the event loop delivers
on the GUI thread to the progress bar. When it ends, the summary says how many
rows came in, and the table lists every row left out with its line and reason.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from posapp.core.errors import PosError
from posapp.services.admin import csv_io
from posapp.services.admin.csv_io import CsvFileError, ExportReport, ImportReport
from posapp.ui.context import UiContext
from posapp.ui.dialogs.manager_pin import ask_manager_pin
from posapp.ui.imports.models import ProblemsModel
from posapp.ui.runner import Jobs
from posapp.ui.widgets import named as _named
from posapp.ui.widgets import show_message

AskPin = Callable[[QWidget | None, str], str | None]
ChooseFile = Callable[[QWidget, str, str], str | None]
"""(parent, caption, suggested name) -> the path chosen, or None when cancelled."""

CSV_FILTER = "CSV (*.csv *.txt);;*"


def choose_open_file(parent: QWidget, caption: str, suggested: str) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, caption, suggested, CSV_FILTER)
    return path or None


def choose_save_file(parent: QWidget, caption: str, suggested: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, caption, suggested, CSV_FILTER)
    return path or None


def error_text(error: Exception, locale: str) -> str:
    if isinstance(error, PosError | CsvFileError):
        return error.message(locale)
    return str(error) or type(error).__name__


class ProgressRelay(QObject):
    """Made on the GUI thread; `report` may be called from any thread."""

    progressed = Signal(int, int)

    def report(self, done: int, total: int) -> None:
        self.progressed.emit(done, total)


class ImportExportPanel(QWidget):
    finished = Signal()
    """An import or export ended (well or not)."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importExportPanel")
        self.context = context
        self.station = context.station
        self.lang = context.locale
        self.ask_pin: AskPin = ask_manager_pin
        self.choose_open: ChooseFile = choose_open_file
        self.choose_save: ChooseFile = choose_save_file
        self.jobs = Jobs(self, self._failed)
        self.report: ImportReport | None = None
        self.exported: ExportReport | None = None
        self.progress_seen: list[tuple[int, int]] = []

        self.catalog_choice = _named(QRadioButton(self.tr("Catálogo")), "csvCatalog")
        self.customers_choice = _named(QRadioButton(self.tr("Clientes")), "csvCustomers")
        self.catalog_choice.setChecked(True)
        self.kind_group = QButtonGroup(self)
        self.kind_group.addButton(self.catalog_choice)
        self.kind_group.addButton(self.customers_choice)
        self.import_button = _named(QPushButton(self.tr("Importar CSV…")), "csvImport")
        self.export_button = _named(QPushButton(self.tr("Exportar CSV…")), "csvExport")
        self.template_button = _named(QPushButton(self.tr("Baixar modelo…")), "csvTemplate")
        self.template_button.setToolTip(
            self.tr("Um arquivo com as colunas e exemplos, para preencher na planilha")
        )
        self.progress = _named(QProgressBar(), "csvProgress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.summary = _named(QLabel(""), "csvSummary")
        self.summary.setWordWrap(True)
        self.columns_hint = _named(QLabel(""), "csvColumns")
        self.columns_hint.setWordWrap(True)
        self.model = ProblemsModel(self, self.lang, context.settings.timezone)
        self.table = _named(QTableView(), "csvProblems")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

        choice = QHBoxLayout()
        choice.addWidget(self.catalog_choice)
        choice.addWidget(self.customers_choice)
        choice.addStretch(1)
        choice.addWidget(self.template_button)
        choice.addWidget(self.import_button)
        choice.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(choice)
        layout.addWidget(self.columns_hint)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(_named(QLabel(self.tr("Linhas recusadas")), "csvProblemsTitle"))
        layout.addWidget(self.table, 1)

        self.relay = ProgressRelay(self)
        self.relay.progressed.connect(self._progressed, Qt.ConnectionType.QueuedConnection)
        self.import_button.clicked.connect(self.import_file)
        self.export_button.clicked.connect(self.export_file)
        self.template_button.clicked.connect(self.save_template)
        self.kind_group.buttonToggled.connect(lambda *_: self._show_columns())
        self._show_columns()

    # -- state -----------------------------------------------------------------

    @property
    def kind(self) -> str:
        return csv_io.CUSTOMERS if self.customers_choice.isChecked() else csv_io.CATALOG

    def idle(self) -> bool:
        return self.jobs.idle()

    def _show_columns(self) -> None:
        columns = (
            csv_io.CUSTOMER_COLUMNS if self.kind == csv_io.CUSTOMERS else csv_io.CATALOG_COLUMNS
        )
        self.columns_hint.setText(
            self.tr("Colunas: %1").replace("%1", "; ".join(columns))
            + "\n"
            + csv_io.help_text(self.kind, self.lang)
        )

    def save_template(self) -> None:
        """Save the template file for the chosen kind (no PIN: it holds no store data)."""
        kind = self.kind
        path = self.choose_save(self, self.tr("Salvar modelo de CSV"), csv_io.template_name(kind))
        if not path:
            return
        target = Path(path)
        self.jobs.run(
            lambda: target.write_bytes(csv_io.template_csv(kind)),
            lambda _size: self.say(self.tr("Modelo salvo em %1.").replace("%1", str(target))),
        )

    def _busy(self, busy: bool) -> None:
        for widget in (
            self.import_button,
            self.export_button,
            self.catalog_choice,
            self.customers_choice,
        ):
            widget.setEnabled(not busy)

    def say(self, text: str, *, error: bool = False) -> None:
        show_message(self.summary, text, error=error)
        if text:
            self.context.events.status.emit(text)

    def _staff_id(self) -> int | None:
        staff = self.context.staff
        if staff is None:
            self.say(self.tr("Entre com seu PIN primeiro."), error=True)
            return None
        return staff.id

    # -- import ----------------------------------------------------------------

    def import_file(self) -> None:
        staff_id = self._staff_id()
        if staff_id is None:
            return
        customers = self.kind == csv_io.CUSTOMERS
        caption = self.tr("Importar clientes") if customers else self.tr("Importar catálogo")
        path = self.choose_open(self, caption, "")
        if not path:
            return
        pin = self.ask_pin(self, caption.lower())
        if not pin:
            return
        service: Callable[..., ImportReport] = (
            csv_io.import_customers if customers else csv_io.import_catalog
        )
        self.model.set_rows([])
        self.report = None
        self.progress_seen = []
        self.progress.setRange(0, 0)  # busy until the file is read and counted
        self.say(self.tr("Importando %1…").replace("%1", Path(path).name))
        self._busy(True)
        relay, station = self.relay, self.station
        self.jobs.run(
            lambda: service(
                station,
                Path(path),
                staff_id=staff_id,
                manager_pin=pin,
                progress=relay.report,
            ),
            self._imported,
        )

    @Slot(int, int)
    def _progressed(self, done: int, total: int) -> None:
        self.progress_seen.append((done, total))
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done if total else 1)

    def _imported(self, report: ImportReport) -> None:
        self._busy(False)
        self.report = report
        self.progress.setRange(0, max(report.total, 1))
        self.progress.setValue(max(report.total, 1))
        self.model.set_rows(report.problems)
        text = (
            self.tr("%1 de %2 linhas importadas; %3 recusadas.")
            .replace("%1", str(report.imported))
            .replace("%2", str(report.total))
            .replace("%3", str(report.refused))
        )
        if report.categories_created:
            text += " " + self.tr("Categorias criadas: %1.").replace(
                "%1", ", ".join(report.categories_created)
            )
        self.say(text, error=bool(report.refused))
        self.finished.emit()

    # -- export ----------------------------------------------------------------

    def export_file(self) -> None:
        staff_id = self._staff_id()
        if staff_id is None:
            return
        customers = self.kind == csv_io.CUSTOMERS
        caption = self.tr("Exportar clientes") if customers else self.tr("Exportar catálogo")
        suggested = "clientes.csv" if customers else "catalogo.csv"
        path = self.choose_save(self, caption, suggested)
        if not path:
            return
        pin = self.ask_pin(self, caption.lower())
        if not pin:
            return
        service: Callable[..., ExportReport] = (
            csv_io.export_customers if customers else csv_io.export_catalog
        )
        self.exported = None
        self._busy(True)
        station = self.station
        self.jobs.run(
            lambda: service(station, Path(path), staff_id=staff_id, manager_pin=pin),
            self._exported,
        )

    def _exported(self, report: ExportReport) -> None:
        self._busy(False)
        self.exported = report
        self.say(
            self.tr("%1 registros exportados para %2.")
            .replace("%1", str(report.rows))
            .replace("%2", str(report.path))
        )
        self.finished.emit()

    def _failed(self, error: Exception) -> None:
        self._busy(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.say(error_text(error, self.lang), error=True)
        self.finished.emit()


class ImportExportDialog(QDialog):
    """The panel in a window of its own (opened from the Painel)."""

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importExportDialog")
        self.setWindowTitle(self.tr("Importar / exportar CSV"))
        self.panel = ImportExportPanel(context, self)
        close = _named(QPushButton(self.tr("Fechar")), "csvClose")
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.resize(900, 560)

    def done(self, result: Any) -> None:
        if self.panel.idle():  # an import under way keeps the window until it ends
            super().done(result)
