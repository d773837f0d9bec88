"""The first-run wizard: Loja, Administrador, Impressora, Leitor, Concluir.

Nothing is written until the last page: `complete_setup` then creates the
store, the admin and the counter settings in one go (the devices into this
computer's config file). The test print goes to the printer the page names, on
a print service's device thread, through run_in_background; the scanner page
records the test scan's keys and their times, and `detect_scanner` reads the
scanner's ending key, prefix and speed off them, checked with the same wedge
detector the sale screen uses; those are saved with the rest.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from posapp.core.cnpj import normalize_cnpj
from posapp.core.errors import PosError
from posapp.services.admin.devices import TestPrint, print_test_page
from posapp.services.admin.store_setup import SetupResult
from posapp.services.common.counter_settings import CounterSettings
from posapp.services.common.station import Station
from posapp.services.onboarding.printer_search import FoundPrinter, PrinterSearch, search_printers
from posapp.services.onboarding.wizard import (
    SCANNER_ENDINGS,
    ScannerGuess,
    check_admin_pin,
    check_store_name,
    complete_setup,
    detect_scanner,
)
from posapp.services.sales.printing import PrintService
from posapp.ui.printed_window import show_printed
from posapp.ui.runner import run_in_background
from posapp.ui.sale.wedge_keys import SKIP, wedge_key
from posapp.ui.widgets import named

NETWORK = "tcp"
NO_PRINTER = "virtual://"


def _error_label(name: str) -> QLabel:
    label = named(QLabel(), name)
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020")
    return label


def _message(error: Exception, lang: str) -> str:
    return error.message(lang) if isinstance(error, PosError) else str(error)


def _lang(page: QWizardPage) -> str:
    wizard = page.wizard()
    return wizard.lang if isinstance(wizard, FirstRunWizard) else "pt_BR"


class StorePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Loja"))
        self.setSubTitle(self.tr("O nome que aparece no cupom e o segmento da loja."))
        self.name = named(QLineEdit(), "storeName")
        self.segment = named(QComboBox(), "storeSegment")
        for key, label in (
            ("salon", self.tr("Salão de beleza")),
            ("pharmacy", self.tr("Farmácia")),
            ("fashion", self.tr("Moda")),
            ("cosmetics", self.tr("Cosméticos")),
        ):
            self.segment.addItem(label, key)
        self.cnpj = named(QLineEdit(), "storeCnpj")
        self.cnpj.setPlaceholderText(self.tr("opcional"))
        self.error = _error_label("storeError")
        form = QFormLayout(self)
        form.addRow(self.tr("Nome da loja"), self.name)
        form.addRow(self.tr("Segmento"), self.segment)
        form.addRow(self.tr("CNPJ"), self.cnpj)
        form.addRow(self.error)

    def preset_key(self) -> str:
        return str(self.segment.currentData())

    def validatePage(self) -> bool:
        try:
            check_store_name(self.name.text())
            if self.cnpj.text().strip():
                normalize_cnpj(self.cnpj.text())
        except PosError as error:
            self.error.setText(_message(error, _lang(self)))
            return False
        self.error.clear()
        return True


class AdminPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Administrador"))
        self.setSubTitle(self.tr("Quem administra o caixa entra com este PIN."))
        self.name = named(QLineEdit(self.tr("Administrador")), "adminName")
        self.pin = named(QLineEdit(), "adminPin")
        self.pin_again = named(QLineEdit(), "adminPinAgain")
        for box in (self.pin, self.pin_again):
            box.setEchoMode(QLineEdit.EchoMode.Password)
            box.setMaxLength(6)
        self.error = _error_label("adminError")
        form = QFormLayout(self)
        form.addRow(self.tr("Nome"), self.name)
        form.addRow(self.tr("PIN (4 a 6 dígitos)"), self.pin)
        form.addRow(self.tr("Repita o PIN"), self.pin_again)
        form.addRow(self.error)

    def validatePage(self) -> bool:
        try:
            if not self.name.text().strip():
                self.error.setText(self.tr("Informe o nome do administrador."))
                return False
            check_admin_pin(self.pin.text(), self.pin_again.text())
        except PosError as error:
            self.error.setText(_message(error, _lang(self)))
            return False
        self.error.clear()
        return True


class PrinterPage(QWizardPage):
    def __init__(self, printing: PrintService, usb_backend: Any = None) -> None:
        super().__init__()
        self.printing = printing
        self.usb_backend = usb_backend
        self.scan: PrinterSearch | None = None
        self.outcome: TestPrint | None = None
        self.setTitle(self.tr("Impressora"))
        self.setSubTitle(self.tr("Escolha a impressora de cupons e imprima uma página de teste."))
        self.choice = named(QComboBox(), "printerChoice")
        self.address = named(QLineEdit(), "printerAddress")
        self.address.setPlaceholderText("tcp://192.168.0.50:9100")
        self.paper = named(QComboBox(), "printerPaper")
        for mm in (80, 58):
            self.paper.addItem(f"{mm} mm", mm)
        self.detect_button = named(QPushButton(self.tr("Procurar impressoras")), "printerDetect")
        self.detect_button.clicked.connect(self.detect)
        self.test_button = named(QPushButton(self.tr("Imprimir teste")), "printTest")
        self.test_button.clicked.connect(self.print_test)
        self.usb_note = named(QLabel(), "printerUsbNote")
        self.usb_note.setWordWrap(True)
        self.result = named(QLabel(), "printTestResult")
        self.result.setWordWrap(True)
        self.choice.currentIndexChanged.connect(self._choice_changed)
        self._fill_choices([])
        form = QFormLayout()
        form.addRow(self.tr("Impressora"), self.choice)
        form.addRow(self.tr("Endereço de rede"), self.address)
        form.addRow(self.tr("Papel"), self.paper)
        buttons = QHBoxLayout()
        buttons.addWidget(self.detect_button)
        buttons.addWidget(self.test_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.usb_note)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        layout.addStretch(1)

    def initializePage(self) -> None:
        if self.scan is None:
            self.detect()

    def _fill_choices(self, found: list[FoundPrinter]) -> None:
        """The printers found (Windows, USB, serial ports), network, none; the first
        Windows or USB printer chosen, else none (a serial port is never chosen for the shop)."""
        labels = {
            "windows": self.tr("Windows: %1"),
            "usb": self.tr("USB: %1"),
            "serial": self.tr("Serial: %1"),
        }
        self.choice.blockSignals(True)
        self.choice.clear()
        for printer in found:
            label = labels[printer.kind].replace("%1", printer.description)
            self.choice.addItem(label, printer.uri)
        self.choice.addItem(self.tr("Impressora de rede (endereço)"), NETWORK)
        self.choice.addItem(self.tr("Sem impressora por enquanto"), NO_PRINTER)
        preferred = next((i for i, p in enumerate(found) if p.preferred), None)
        self.choice.setCurrentIndex(self.choice.count() - 1 if preferred is None else preferred)
        self.choice.blockSignals(False)
        self._choice_changed()

    def _choice_changed(self) -> None:
        self.address.setEnabled(self.choice.currentData() == NETWORK)

    def detect(self) -> None:
        self.detect_button.setEnabled(False)
        self.usb_note.setText(self.tr("Procurando impressoras…"))
        backend = self.usb_backend
        run_in_background(self, lambda: search_printers(backend), self._detected)

    def _detected(self, search: PrinterSearch) -> None:
        self.scan = search
        self.detect_button.setEnabled(True)
        self._fill_choices(list(search.printers))
        lang = _lang(self)
        notes: list[str] = []
        windows = search.of_kind("windows")
        if windows:
            notes.append(self.tr("%n impressora(s) do Windows encontrada(s).", "", len(windows)))
        elif search.windows_note(lang):
            notes.append(search.windows_note(lang) or "")
        usb = search.of_kind("usb")
        if usb:
            notes.append(self.tr("%n impressora(s) USB encontrada(s).", "", len(usb)))
        elif not windows:
            notes.append(
                self.tr("Nenhuma impressora USB: %1").replace("%1", search.usb.reason(lang) or "")
            )
        self.usb_note.setText(" ".join(notes))

    def printer_uri(self) -> str:
        data = str(self.choice.currentData())
        if data != NETWORK:
            return data
        text = self.address.text().strip()
        return text if "://" in text else f"tcp://{text}"

    def settings(self) -> CounterSettings:
        return self.printing.settings.with_changes(
            printer_uri=self.printer_uri(), paper_mm=int(self.paper.currentData())
        )

    def print_test(self) -> None:
        settings, printing = self.settings(), self.printing
        self.test_button.setEnabled(False)
        self.result.setText(self.tr("Imprimindo a página de teste…"))
        run_in_background(
            self, lambda: print_test_page(printing, settings), self._tested, self._test_failed
        )

    def _tested(self, outcome: TestPrint) -> None:
        self.outcome = outcome
        self.test_button.setEnabled(True)
        if outcome.printed and show_printed(self.printer_uri(), self) is not None:
            self.result.setText(
                self.tr(
                    "Página de teste impressa na impressora virtual: ela aparece na janela "
                    "Impressões. Saiu certinha?"
                )
            )
        elif outcome.printed:
            self.result.setText(self.tr("Página de teste impressa. Saiu certinha?"))
        else:
            self.result.setText(
                self.tr("Não imprimiu: %1").replace("%1", outcome.error(_lang(self)) or "")
            )

    def _test_failed(self, error: Exception) -> None:
        self.test_button.setEnabled(True)
        self.result.setText(self.tr("Não imprimiu: %1").replace("%1", str(error)))

    def validatePage(self) -> bool:
        if self.choice.currentData() == NETWORK and not self.address.text().strip():
            self.result.setText(self.tr("Informe o endereço da impressora de rede."))
            return False
        return True


KEPT_KEYS = 200
"""The test field remembers this many keys: more than any barcode."""


class ScannerPage(QWizardPage):
    def __init__(self, clock: Callable[[], float]) -> None:
        super().__init__()
        self.code: str | None = None
        self.guess: ScannerGuess | None = None
        self.clock = clock
        self.keys: list[tuple[str, float]] = []
        self.setTitle(self.tr("Leitor"))
        self.setSubTitle(
            self.tr("Passe um código de barras no leitor (ou avance, se não tiver leitor).")
        )
        self.test_field = named(QLineEdit(), "scannerTest")
        self.test_field.setPlaceholderText(self.tr("passe um código de barras"))
        self.test_field.installEventFilter(self)
        self.result = named(QLabel(), "scannerResult")
        self.result.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.test_field)
        layout.addWidget(self.result)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self.test_field.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Every key of the test field, with its time; Enter and Tab end a try."""
        if watched is not self.test_field or event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        key = wedge_key(event)
        if key is None or key is SKIP:
            return False
        self.keys.append((key, self.clock()))
        del self.keys[:-KEPT_KEYS]
        if key in SCANNER_ENDINGS:
            self._tried()
            return True  # neither the wizard's Next nor a focus move
        return False

    def _tried(self) -> None:
        guess = detect_scanner(self.keys)
        self.keys.clear()
        self.test_field.clear()
        if guess is None:
            self.result.setText(self.tr("Isso foi digitado, não lido. Passe o código no leitor."))
            return
        self.code, self.guess = guess.code, guess
        details = (
            self.tr('prefixo "%1", ').replace("%1", guess.prefix) if guess.prefix else ""
        ) + self.tr("final %1, até %2 ms entre teclas").replace("%1", guess.suffix).replace(
            "%2", str(guess.max_gap_ms)
        )
        self.result.setText(
            self.tr("Leitor funcionando: código %1").replace("%1", guess.code) + f" ({details})"
        )

    def settings(self, base: CounterSettings) -> CounterSettings:
        """`base` with what the test scan found out; `base` as it is when nothing was read."""
        if self.guess is None:
            return base
        return base.with_changes(
            scanner_prefix=self.guess.prefix,
            scanner_suffix=self.guess.suffix,
            scanner_max_gap_ms=self.guess.max_gap_ms,
        )


class DonePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Concluir"))
        self.summary = named(QLabel(), "setupSummary")
        self.summary.setWordWrap(True)
        self.error = _error_label("setupError")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def initializePage(self) -> None:
        wizard = self.wizard()
        assert isinstance(wizard, FirstRunWizard)
        self.summary.setText(
            self.tr("Loja: %1\nAdministrador: %2\nImpressora: %3\nLeitor: %4")
            .replace("%1", wizard.store.name.text().strip())
            .replace("%2", wizard.admin.name.text().strip())
            .replace("%3", wizard.printer.printer_uri())
            .replace(
                "%4",
                self.tr("testado") if wizard.scanner.code else self.tr("não testado"),
            )
        )

    def validatePage(self) -> bool:
        wizard = self.wizard()
        assert isinstance(wizard, FirstRunWizard)
        try:
            wizard.setup_result = wizard.finish()
        except PosError as error:
            self.error.setText(_message(error, _lang(self)))
            return False
        return True


class FirstRunWizard(QWizard):
    """Asks, then sets the store up when accepted (`setup_result` holds what was made)."""

    def __init__(
        self,
        station: Station,
        parent: QWidget | None = None,
        *,
        usb_backend: Any = None,
        clock: Callable[[], float] = time.monotonic,
        printing: PrintService | None = None,
        lang: str = "pt_BR",
    ) -> None:
        super().__init__(parent)
        self.station = station
        self.lang = lang
        self.setup_result: SetupResult | None = None
        self._own_printing = printing is None
        self.printing = printing or PrintService(station, CounterSettings())
        self.setObjectName("firstRunWizard")
        self.setWindowTitle(self.tr("posapp: primeira configuração"))
        self.store = StorePage()
        self.admin = AdminPage()
        self.printer = PrinterPage(self.printing, usb_backend)
        self.scanner = ScannerPage(clock)
        self.done_page = DonePage()
        for page in (self.store, self.admin, self.printer, self.scanner, self.done_page):
            self.addPage(page)
        self.finished.connect(self._close_printing)

    def finish(self) -> SetupResult:
        settings = self.scanner.settings(self.printer.settings())
        return complete_setup(
            self.station,
            self.store.name.text(),
            self.store.preset_key(),
            self.admin.name.text(),
            self.admin.pin.text(),
            settings.printer_uri,
            settings.paper_mm,
            admin_pin_again=self.admin.pin_again.text(),
            cnpj=self.store.cnpj.text(),
            settings=settings,
        )

    def _close_printing(self) -> None:
        if self._own_printing:
            self.printing.close()
            self._own_printing = False
