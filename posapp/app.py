"""The composition root: the station, settings, printer, context and window, then Qt's loop.

Besides posapp.ui, the only module that imports PySide6. It also holds the Qt half of
`posapp --self-test` (`check_interface`), which builds the window the way the counter
does, without showing it or running the event loop.

Paint first: `Opening` shows the sign-in drawn from a sqlite3 read (`ui.doorway`) and
builds the counter after that window's first paint, so this module imports the
database layer, the services and the screens inside the functions that build them,
never at the top.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QObject,
    QTimer,
    QTranslator,
    Signal,
)
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from posapp.services.common.doorway import read_doorway
from posapp.ui.doorway import DoorwayWindow

if TYPE_CHECKING:
    from posapp.services.common.station import Station
    from posapp.services.onboarding.quick_start import FirstRun
    from posapp.services.sales.printing import PrintService
    from posapp.ui.backup_keeper import BackupKeeper
    from posapp.ui.context import UiContext
    from posapp.ui.fiscal_keeper import FiscalKeeper
    from posapp.ui.loyalty_keeper import LoyaltyKeeper
    from posapp.ui.message_keeper import MessageKeeper
    from posapp.ui.pix_keeper import PixKeeper
    from posapp.ui.shell import Shell
    from posapp.ui.sync_keeper import SyncKeeper

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
STYLE_SHEET = RESOURCES / "style.qss"
TRANSLATIONS = RESOURCES / "translations"
DEMO_PRINTER = "demo"
DEMO_PRINTER_URI = f"virtual://{DEMO_PRINTER}"


def _leave_out_httpx_command_line() -> None:
    """httpx imports its command-line tool (click, rich and pygments, ~6 MiB resident) at
    import whenever they are installed; the counter never runs it. A `None` in sys.modules
    makes that one import fail, which httpx takes as "not installed"."""
    sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]


_leave_out_httpx_command_line()


def install_translator(app: QCoreApplication, language: str) -> QTranslator | None:
    """English (or any language with a posapp_<lang>.qm) over the pt_BR source strings;
    for pt_BR, posapp_pt_BR.qm holds only the plural forms of the "%n" texts."""
    translator = QTranslator(app)
    names = ("pt_BR",) if language.startswith("pt") else (language, language.split("_")[0])
    for name in names:
        if translator.load(str(TRANSLATIONS / f"posapp_{name}.qm")):
            app.installTranslator(translator)
            return translator
    return None


def install_qt_translator(app: QCoreApplication, language: str) -> QTranslator | None:
    """Qt's own texts in `language` (the wizard's Voltar/Avançar/Concluir, every dialog's
    Cancelar, the file dialogs), from the qtbase_<lang>.qm PySide6 ships; None if absent."""
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(language), "qtbase", "_", folder):
        app.installTranslator(translator)
        QLocale.setDefault(QLocale(language))
        return translator
    return None


def apply_style(app: QApplication) -> None:
    """The counter's style sheet (set again only if it changed: each set re-polishes every
    widget)."""
    if STYLE_SHEET.is_file():
        style = STYLE_SHEET.read_text(encoding="utf-8")
        if app.styleSheet() != style:
            app.setStyleSheet(style)


@dataclass
class Counter:
    """Everything the window runs on, and the one place that closes it all."""

    station: Station
    printing: PrintService
    context: UiContext
    window: Shell
    first_run: FirstRun | None
    translator: QTranslator | None = None
    backups: BackupKeeper | None = None
    sync: SyncKeeper | None = None
    messages: MessageKeeper | None = None
    loyalty: LoyaltyKeeper | None = None
    qt_translator: QTranslator | None = None
    """Qt's own texts (buttons, dialogs) in the counter's language."""
    fiscal: FiscalKeeper | None = None
    """The NFC-e issuer and its background sender (idle while NFC-e is off)."""
    pix: PixKeeper | None = None
    """Pix charges left open and Pix received without a sale (idle without a PSP)."""

    def close(self) -> None:
        from posapp.ui.runner import wait_for_background

        if self.loyalty is not None:
            self.loyalty.stop()
        if self.pix is not None:
            self.pix.stop()
        if self.backups is not None:
            self.backups.stop()
        if self.sync is not None:
            self.sync.stop()
        if self.messages is not None:
            self.messages.stop()
        wait_for_background()
        if self.fiscal is not None:
            self.fiscal.stop()
        self.printing.close()
        if self.context.demo:
            from hardware.emulator.virtual import stop_virtual_printers

            stop_virtual_printers()
        self.context.stop_listening()
        for translator in (self.translator, self.qt_translator):
            if translator is not None:
                QCoreApplication.removeTranslator(translator)
        self.station.close()


def build(db_path: Path | str, *, demo: bool = False) -> Counter:
    """Open the station on `db_path` and build the window (not shown yet).

    `demo` points the printer at the virtual demo printer `virtual://demo`,
    whose receipts (PNG and text) land beside the database, in `receipts/`.
    """
    from posapp.services.common.counter_settings import load_settings
    from posapp.services.common.station import open_station
    from posapp.services.onboarding.quick_start import first_run
    from posapp.services.sales.printing import PrintService
    from posapp.ui.backup_keeper import start_backups
    from posapp.ui.context import UiContext
    from posapp.ui.fiscal_keeper import start_fiscal
    from posapp.ui.loyalty_keeper import start_loyalty
    from posapp.ui.message_keeper import start_messages
    from posapp.ui.pix_keeper import start_pix
    from posapp.ui.shell import Shell
    from posapp.ui.sync_keeper import start_sync

    app = QApplication.instance()
    assert isinstance(app, QApplication), "make the QApplication first"
    path = Path(db_path)
    station = open_station(path)
    try:
        done = first_run(station)
        settings = load_settings(station)
        if demo:
            from hardware.emulator.virtual import virtual_printer

            virtual_printer(DEMO_PRINTER, out_dir=path.parent / "receipts")
            settings = settings.with_changes(printer_uri=DEMO_PRINTER_URI)
        translator = install_translator(app, settings.language)
        qt_translator = install_qt_translator(app, settings.language)
        apply_style(app)
        printing = PrintService(station, settings)
        context = UiContext(station, printing, settings, demo=demo)
        window = Shell(context)
        # Today's backup and the hourly check, off the GUI thread (a demo has nothing to keep).
        backups = None if demo else start_backups(context, window)
        # A demo database never talks to an endpoint: its customers are made up.
        sync = None if demo else start_sync(context, window)
        # The day's customer messages (scheduler hourly, delivery when this counter sends);
        # a demo's customers are made up: nothing is scheduled or sent.
        messages = None if demo else start_messages(context, window)
        # Expiry, lapsed vouchers and matured cashback's vouchers: hourly, demo included
        # (the demo shows the program as a store lives it; nothing of it leaves the PC).
        loyalty = start_loyalty(context, window)
        # NFC-e: the DANFE for the print queue and the sender of contingency notes (the
        # demo too: `posapp nfce demo-sefaz` gives it a local SEFAZ in homologação).
        fiscal = start_fiscal(context, window)
        # Pix charges a restart left open, Pix paid after the cashier gave up (a demo has
        # no PSP).
        pix = None if demo else start_pix(context, window)
    except BaseException:
        station.close()
        raise
    counter = Counter(
        station, printing, context, window, done, translator, backups, sync, messages, loyalty
    )
    counter.qt_translator = qt_translator
    counter.fiscal = fiscal
    counter.pix = pix
    return counter


def run_setup_wizard(db_path: Path | str) -> bool:
    """When the database has no store, ask for it in the first-run wizard; False if cancelled."""
    from posapp.services.admin.store_setup import is_set_up
    from posapp.services.common.station import open_station
    from posapp.ui.first_run.wizard import FirstRunWizard
    from posapp.ui.runner import wait_for_background

    station = open_station(Path(db_path))
    qt_translator: QTranslator | None = None
    try:
        if is_set_up(station):
            return True
        app = QCoreApplication.instance()
        if app is not None:  # a new store starts in pt_BR: Voltar, Avançar, Cancelar
            qt_translator = install_qt_translator(app, "pt_BR")
        wizard = FirstRunWizard(station)
        wizard.exec()
        wait_for_background()
        return wizard.setup_result is not None
    finally:
        if qt_translator is not None:
            QCoreApplication.removeTranslator(qt_translator)
        station.close()


LOG_ENV = "POSAPP_LOG_DIR"
LOG_FILE_NAME = "posapp.log"


def log_dir() -> Path:
    """The OS user's log folder for posapp (`POSAPP_LOG_DIR` moves it)."""
    override = os.environ.get(LOG_ENV)
    if override:
        return Path(override)
    return platformdirs.user_log_path("posapp", appauthor=False)


def configure_log_file() -> Path:
    """Send warnings and errors to posapp.log, rotated at 1 MB, 5 kept (once per process).

    Details the user is not shown go there: the SQL and parameters of a database error
    met at the counter (see `ui.runner.for_people`)."""
    path = log_dir() / LOG_FILE_NAME
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, RotatingFileHandler) and Path(handler.baseFilename) == path:
            return path
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    return path


class Opening(QObject):
    """The counter on its way up, painted first.

    With a store set up and its schema current, `window` is at first the sign-in drawn
    from a sqlite3 read (`DoorwayWindow`); the counter is built after that window's first
    paint and its shell takes the window's place (`ready`), carrying over what was tapped
    and typed. Otherwise `window` is the shell, built at once, and `counter` is set.
    """

    ready = Signal()
    failed = Signal(object)
    """The counter could not be built behind the painted sign-in: the exception."""

    def __init__(self, db_path: Path, *, demo: bool = False) -> None:
        super().__init__()
        self.path, self.demo = db_path, demo
        self.counter: Counter | None = None
        self.doorway: DoorwayWindow | None = None
        self._translators: list[QTranslator | None] = []
        early = read_doorway(db_path, demo=demo)
        if early is None:
            self.counter = build(db_path, demo=demo)
            self.window: QMainWindow = self.counter.window
            return
        app = QApplication.instance()
        assert isinstance(app, QApplication), "make the QApplication first"
        self._translators = [
            install_translator(app, early.language),
            install_qt_translator(app, early.language),
        ]
        apply_style(app)
        self.doorway = DoorwayWindow(early)
        self.window = self.doorway
        self.doorway.painted.connect(self._build)

    def _build(self) -> None:
        self._drop_translators()  # build() installs the store's own
        try:
            self.counter = build(self.path, demo=self.demo)
        except Exception as error:  # main() says what it was
            self.failed.emit(error)
            return
        # Taps and keys that came while building reach the painted sign-in first.
        QTimer.singleShot(0, self, self._hand_over)

    def _hand_over(self) -> None:
        assert self.counter is not None and self.doorway is not None
        shell = self.counter.window
        shell.signin.continue_from(self.doorway.signin)
        shell.show()
        self.doorway.close()
        self.window = shell
        self.ready.emit()

    def _drop_translators(self) -> None:
        for translator in self._translators:
            if translator is not None:
                QCoreApplication.removeTranslator(translator)
        self._translators = []

    def close(self) -> None:
        self._drop_translators()  # closed before the counter was built
        if self.counter is not None:
            self.counter.close()
        if self.doorway is not None:
            self.doorway.close()
            self.doorway.deleteLater()
            self.doorway = None


def main(db_path: Path | str, demo: bool = False, *, notice: str | None = None) -> int:
    """Open the counter on `db_path` and run until the window closes.

    `notice` is shown once over the window (the first-run admin PIN). The demo
    PINs need no notice: the demo's sign-in screen shows them.
    """
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("posapp")
    app.setOrganizationName("posapp")
    configure_log_file()  # details the user is not shown (SQL of a database error) go here
    path = Path(db_path)
    try:
        if not demo and read_doorway(path) is None and not run_setup_wizard(path):
            return 1
        opening = Opening(path, demo=demo)
    except Exception as error:  # a damaged database is offered a repair
        if not _restored_after(error):
            return 2
        opening = Opening(path, demo=demo)
    failures: list[Exception] = []

    def failed(error: Exception) -> None:
        failures.append(error)
        app.exit(2)

    opening.failed.connect(failed)
    opening.ready.connect(lambda: _greet(opening, notice, demo))
    try:
        opening.window.show()
        if opening.counter is not None:
            _greet(opening, notice, demo)
        code = int(app.exec())
    finally:
        opening.close()
    if failures:
        if not _restored_after(failures[0]):
            return 2
        return main(path, demo, notice=notice)
    return code


def _restored_after(error: Exception) -> bool:
    """A database the counter cannot open: the dialog that offers a backup. Anything
    else is raised again."""
    from posapp.services.machine.database_file import DatabaseProblem
    from posapp.ui.database_problem import DatabaseProblemDialog

    if not isinstance(error, DatabaseProblem):
        raise error
    dialog = DatabaseProblemDialog(error)
    dialog.exec()
    return dialog.restored


def _greet(opening: Opening, notice: str | None, demo: bool) -> None:
    """The first run's admin PIN over the shell, once it is shown."""
    counter = opening.counter
    assert counter is not None
    done = counter.first_run
    if done is not None and notice is None:
        notice = f"PIN do administrador ({done.admin_name}): {done.admin_pin}"
    if notice and not demo:
        box = QMessageBox(QMessageBox.Icon.Information, "posapp", notice, parent=counter.window)
        box.open()


# The counter's own source language is pt_BR; these are one of its strings and the
# English the shipped posapp_en.qm gives for it (the Shell's "Venda" tab).
PROBE_CONTEXT, PROBE_SOURCE, PROBE_EN = "Shell", "Venda", "Sale"


def check_interface(db_path: Path) -> str:
    """QApplication on QT_QPA_PLATFORM, translations, style sheet, window built and closed."""
    import PySide6

    from posapp.self_test_failure import CheckFailed
    from posapp.ui.shell import Shell, load_sale_screen

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    platform = app.platformName()
    wanted = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0]
    if wanted and platform != wanted:
        raise CheckFailed(f"plataforma Qt {platform}, pedida {wanted}")

    english = install_translator(app, "en")
    if english is None:
        raise CheckFailed(f"tradução en não carregou de {TRANSLATIONS}")
    try:
        said = QCoreApplication.translate(PROBE_CONTEXT, PROBE_SOURCE)
    finally:
        QCoreApplication.removeTranslator(english)
    if said != PROBE_EN:
        raise CheckFailed(f"tradução en: {PROBE_SOURCE!r} deu {said!r}")
    plurals = install_translator(app, "pt_BR")
    if plurals is None:
        raise CheckFailed(f"plurais pt_BR não carregaram de {TRANSLATIONS}")
    try:
        said = QCoreApplication.translate("SalesScreen", "%n venda(s)", "", 2)
    finally:
        QCoreApplication.removeTranslator(plurals)
    if said != "2 vendas":
        raise CheckFailed(f"plural pt_BR: '%n venda(s)' deu {said!r}")

    apply_style(app)
    style = app.styleSheet()
    if "QWidget" not in style:
        raise CheckFailed("folha de estilo (resources/style.qss) não carregou")

    if load_sale_screen() is None:
        raise CheckFailed("a tela de venda (posapp.ui.sale) não está nesta instalação")
    counter = build(db_path)
    try:
        window = counter.window
        if not isinstance(window, Shell) or window.stack.currentWidget() is not window.signin:
            raise CheckFailed("a janela não abriu na tela de entrada")
        title = window.windowTitle()
        window.close()
    finally:
        counter.close()
    app.setStyleSheet("")
    return (
        f"Qt {PySide6.__version__} na plataforma {platform}; tradução en "
        f"({PROBE_SOURCE} → {PROBE_EN}), estilo ({len(style)} caracteres), "
        f'janela "{title}" montada e fechada'
    )
