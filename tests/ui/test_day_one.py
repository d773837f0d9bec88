"""Issue 24's day, from an empty database, as a salon owner meets it in the first hour.

The wizard (Qt's own buttons in pt_BR; the test page seen in the Impressões window), a
new hairdresser added in Gerência and offered at the sign-in and in the sale at once,
the services from the import's template, a sale with her, the window closed with a
second client's cart (parked, and said at the next sign-in), the counter reopened on
the same file, that cart paid, the shift closed and the Z report with her production.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.models import SaleLine, Staff
from hardware.emulator.virtual import stop_virtual_printers
from posapp.app import Counter, build, install_qt_translator
from posapp.core.pricing import Tender
from posapp.services.common.station import open_station
from posapp.services.sales import parking
from posapp.ui.cash.screen import CashScreen
from posapp.ui.first_run.wizard import NO_PRINTER, FirstRunWizard
from posapp.ui.imports.panel import ImportExportPanel
from posapp.ui.printed_window import show_printed
from posapp.ui.runner import wait_for_background
from posapp.ui.sale.screen import SaleScreen
from posapp.ui.settings.screen import EQUIPE, SettingsScreen
from posapp.ui.shell import CASH, SALE, SETTINGS, Shell
from tests.ui.ui_support import Pins

ADMIN_PIN = "2468"
BIA_PIN = "5678"


@pytest.fixture(autouse=True)
def _printers() -> Iterator[None]:
    yield
    stop_virtual_printers()


def run_wizard(db: Path, qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert app is not None
    qt_words = install_qt_translator(app, "pt_BR")  # as posapp.app does before the wizard
    station = open_station(db)
    try:
        wizard = FirstRunWizard(station)
        qtbot.addWidget(wizard)
        wizard.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        wizard.show()
        assert wizard.buttonText(QWizard.WizardButton.CancelButton) == "Cancelar"
        wizard.store.name.setText("Salão da Ana")
        wizard.store.segment.setCurrentIndex(wizard.store.segment.findData("salon"))
        wizard.next()
        wizard.admin.name.setText("Ana")
        wizard.admin.pin.setText(ADMIN_PIN)
        wizard.admin.pin_again.setText(ADMIN_PIN)
        wizard.next()
        qtbot.waitUntil(lambda: wizard.printer.scan is not None, timeout=10_000)
        assert wizard.printer.choice.currentData() == NO_PRINTER  # no printer yet
        wizard.printer.test_button.click()
        qtbot.waitUntil(lambda: wizard.printer.outcome is not None, timeout=10_000)
        assert "janela Impressões" in wizard.printer.result.text()
        printed = show_printed(NO_PRINTER)
        assert printed is not None and len(printed.papers) == 1  # the test page, to be seen
        wizard.next()
        wizard.next()
        wizard.accept()
        wait_for_background()
        assert wizard.setup_result is not None
    finally:
        if qt_words is not None:
            QCoreApplication.removeTranslator(qt_words)
        station.close()


def open_counter(db: Path, qtbot: QtBot) -> Counter:
    counter = build(db)
    counter.window.show()
    return counter


def sign_in(shell: Shell, qtbot: QtBot, name: str, pin: str) -> None:
    tile = next(t for t in shell.signin.tiles.values() if t.text().startswith(name))
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    for key in pin:
        qtbot.mouseClick(shell.signin.pad.digits[key], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(shell.signin.pad.enter_button, Qt.MouseButton.LeftButton)
    assert shell.context.staff is not None and shell.context.staff.name.startswith(name)


def screen(shell: Shell, name: str) -> object:
    shell.show_screen(name)
    return shell.screens[name]


def pay_with_pix(sale: SaleScreen, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: sale.quote is not None and sale.idle(), timeout=10_000)
    before = sale.last_sale
    sale.pay()
    dialog = sale.payment_dialog
    assert dialog is not None, sale.message.text()
    dialog.fill_remaining(Tender.PIX)
    dialog.submit()
    qtbot.waitUntil(lambda: sale.last_sale is not before, timeout=10_000)


@pytest.mark.slow
def test_a_salon_owners_first_day_from_an_empty_database(qtbot: QtBot, tmp_path: Path) -> None:
    db = tmp_path / "salao.sqlite"
    run_wizard(db, qtbot)

    # -- first opening: Ana adds Bia, imports her services, opens the till, sells ---------
    counter = open_counter(db, qtbot)
    shell = counter.window
    sign_in(shell, qtbot, "Ana", ADMIN_PIN)
    settings = screen(shell, SETTINGS)
    assert isinstance(settings, SettingsScreen)
    settings.tabs.setCurrentIndex(EQUIPE)
    settings.ask_pin = Pins(ADMIN_PIN)
    qtbot.mouseClick(settings.add_button, Qt.MouseButton.LeftButton)
    dialog = settings.staff_dialog
    assert dialog is not None
    dialog.name.setText("Bia Cabeleireira")
    dialog.role.setCurrentIndex(dialog.role.findData("professional"))
    dialog.pin.setText(BIA_PIN)
    dialog.pin_again.setText(BIA_PIN)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: settings.idle() and "Bia" in settings.message.text(), timeout=10_000)
    # no restart: her sign-in tile is there already
    qtbot.waitUntil(lambda: any("Bia" in t.text() for t in shell.signin.tiles.values()))

    imports = ImportExportPanel(counter.context)
    qtbot.addWidget(imports)
    template = tmp_path / "modelo-catalogo.csv"
    imports.choose_save = lambda *_args: str(template)
    imports.template_button.click()
    qtbot.waitUntil(lambda: template.exists() and imports.idle(), timeout=5_000)
    imports.choose_open = lambda *_args: str(template)
    imports.ask_pin = Pins(ADMIN_PIN)
    imports.import_button.click()
    qtbot.waitUntil(lambda: imports.report is not None and imports.idle(), timeout=10_000)
    assert imports.report is not None and imports.report.imported == 3

    cash = screen(shell, CASH)
    assert isinstance(cash, CashScreen)
    cash.float_box.setText("100,00")
    cash.open_button.click()
    qtbot.waitUntil(lambda: cash.shift is not None, timeout=5_000)

    sale = screen(shell, SALE)
    assert isinstance(sale, SaleScreen)
    qtbot.waitUntil(
        lambda: any("Bia" in b.text() for b in sale.professional_bar.buttons), timeout=5_000
    )
    sale.enter_text("SRV-CORTE")
    bia_button = next(b for b in sale.professional_bar.buttons if "Bia" in b.text())
    qtbot.mouseClick(bia_button, Qt.MouseButton.LeftButton)  # one tap, kept at once
    assert sale.model.rows[0].professional_id is not None
    pay_with_pix(sale, qtbot)
    first = sale.last_sale
    assert first is not None and first.total == 8_000

    sale.enter_text("SRV-MANI")  # the next client sits down...
    shell.activateWindow()  # the Impressões window had the focus since the test page
    qtbot.waitUntil(shell.isActiveWindow)
    qtbot.keyClick(sale.input, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)  # Bia again
    assert sale.model.index(0, 5).data() == "Bia Cabeleireira"
    shell.close()  # ...and the window is closed with her cart on the counter
    counter.close()
    (kept,) = parking.left_open(open_station(db))

    # -- the next start: the cart is said, paid, the shift closed, the Z made --------------
    counter = open_counter(db, qtbot)
    shell = counter.window
    sign_in(shell, qtbot, "Ana", ADMIN_PIN)
    sale = shell.screens[SALE]
    assert isinstance(sale, SaleScreen)
    qtbot.waitUntil(lambda: "guardada ao sair" in sale.message.text(), timeout=5_000)
    assert f"nº {kept.id}" in sale.message.text()
    sale.recall(kept.id)
    qtbot.waitUntil(lambda: sale.model.rowCount() == 1, timeout=5_000)
    assert sale.model.index(0, 5).data() == "Bia Cabeleireira"
    pay_with_pix(sale, qtbot)

    cash = screen(shell, CASH)
    assert isinstance(cash, CashScreen)
    qtbot.waitUntil(lambda: cash.shift is not None and cash.idle(), timeout=5_000)
    cash.ask_pin = lambda *_args: ADMIN_PIN
    cash.close_button.click()
    assert cash.count_dialog is not None
    cash.count_dialog.spins[10_000].setValue(1)
    cash.count_dialog.accept()
    qtbot.waitUntil(lambda: cash.closed is not None, timeout=5_000)
    cash.z_button.click()
    qtbot.waitUntil(lambda: cash.report is not None and cash.report.kind == "Z", timeout=10_000)
    z = cash.report
    assert z is not None and z.net == 11_500 and z.sales_count == 2
    assert [(f.name, f.amount) for f in z.professionals] == [("Bia Cabeleireira", 11_500)]
    cash.print_button.click()
    qtbot.waitUntil(lambda: "janela Impressões" in cash.message.text(), timeout=20_000)
    printed = show_printed(NO_PRINTER)
    assert printed is not None
    qtbot.waitUntil(lambda: "REDUÇÃO Z" in str(printed.papers[0].property("paperText")))
    papers = [str(p.property("paperText")) for p in printed.papers]
    assert any("Corte feminino" in paper for paper in papers)  # the receipts, to be seen
    assert not any("Indique" in paper for paper in papers)  # no referrals in this program

    with counter.station.read() as session:
        bia = session.scalars(select(Staff).where(Staff.name == "Bia Cabeleireira")).one()
        lines = session.scalars(select(SaleLine.professional_id)).all()
        assert lines == [bia.id, bia.id]
    shell.close()
    counter.close()
