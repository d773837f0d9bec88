"""The running counter's daily backup: once at start-up, then checked every hour.

A counter stays open for days, so a backup taken only at start-up would not be
daily. `BackupKeeper` asks `backups.run_daily` at start and on an hourly timer;
the run itself takes one backup per local day and prunes the old ones. It runs
on the runner's worker threads, never on the GUI thread, so the first screen
never waits for it. A failure never stops the counter: the reason (pt_BR or
en) goes to the status bar and, the first time, to a message box that does
not block the window. The same start-up also says when this computer's
device settings could not be read (defaults are in use then).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from posapp.services.admin.backups import DailyRun, run_daily
from posapp.services.machine.settings import read_machine_config
from posapp.ui.context import UiContext
from posapp.ui.periodic_check import HOURLY_MS, PeriodicCheck

CHECK_EVERY_MS = HOURLY_MS
"""The day's backup is at most an hour late after midnight."""


class BackupKeeper(PeriodicCheck[DailyRun]):
    def __init__(
        self, context: UiContext, window: QWidget, interval_ms: int = CHECK_EVERY_MS
    ) -> None:
        super().__init__(context, window, interval_ms=interval_ms, timer_name="backupTimer")
        self.window = window
        self.notice: QMessageBox | None = None
        self.config_notice: QMessageBox | None = None

    def start(self) -> None:
        self._say_machine_config_problem()
        super().start()

    def work(self) -> Callable[[], DailyRun]:
        station = self.context.station
        return lambda: run_daily(station)

    def done(self, result: DailyRun) -> None:
        if result.failure is not None:
            self.failed(result.failure.message(self.context.locale))
        elif result.made is not None:
            self.context.events.status.emit(self.tr("Cópia de segurança do dia feita"))

    def failed_text(self, reason: str) -> str:
        """run_daily handles what it knows; anything else is still only a warning."""
        return self.tr("A cópia de segurança falhou: %1").replace("%1", reason)

    def failed(self, text: str) -> None:
        super().failed(text)
        if self.notice is None:  # once per run of the app; the status bar says it again
            self.notice = QMessageBox(
                QMessageBox.Icon.Warning, self.tr("Cópia de segurança"), text, parent=self.window
            )
            self.notice.setObjectName("backupNotice")
            _show_apart(self.notice)

    def _say_machine_config_problem(self) -> None:
        problem = read_machine_config().problem
        if problem is None:
            return
        text = problem.message(self.context.locale)
        self.context.events.status.emit(text)
        self.config_notice = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Configurações deste computador"),
            text,
            parent=self.window,
        )
        self.config_notice.setObjectName("machineConfigNotice")
        _show_apart(self.config_notice)


def _show_apart(box: QMessageBox) -> None:
    """Shown without blocking the window: the cashier reads it and goes on selling."""
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.show()


def start_backups(context: UiContext, window: QWidget) -> BackupKeeper:
    keeper = BackupKeeper(context, window)
    keeper.start()
    return keeper
