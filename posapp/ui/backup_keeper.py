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

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from posapp.services.admin.backups import DailyRun, run_daily
from posapp.services.machine.settings import read_machine_config
from posapp.ui.context import UiContext
from posapp.ui.runner import Jobs

CHECK_EVERY_MS = 60 * 60 * 1000
"""An hour: the day's backup is at most an hour late after midnight."""


class BackupKeeper(QObject):
    ran = Signal(object)
    """A `DailyRun`, after each check (on the GUI thread)."""

    def __init__(
        self, context: UiContext, window: QWidget, interval_ms: int = CHECK_EVERY_MS
    ) -> None:
        super().__init__(window)
        self.context = context
        self.window = window
        self.last: DailyRun | None = None
        self.notice: QMessageBox | None = None
        self.config_notice: QMessageBox | None = None
        self.jobs = Jobs(self, self._crashed)
        self.timer = QTimer(self)
        self.timer.setObjectName("backupTimer")
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        """Check now (in the background) and then every interval; returns at once."""
        self._say_machine_config_problem()
        self.timer.start()
        self.check()

    def stop(self) -> None:
        self.timer.stop()

    def check(self) -> None:
        if not self.jobs.idle():
            return  # the previous check is still copying
        station = self.context.station
        self.jobs.run(lambda: run_daily(station), self._done)

    def _done(self, run: DailyRun) -> None:
        self.last = run
        if run.failure is not None:
            self._warn(run.failure.message(self.context.locale))
        elif run.made is not None:
            self.context.events.status.emit(self.tr("Cópia de segurança do dia feita"))
        self.ran.emit(run)

    def _crashed(self, error: Exception) -> None:
        """run_daily handles what it knows; anything else is still only a warning."""
        self._warn(self.tr("A cópia de segurança falhou: %1").replace("%1", str(error)))
        self.ran.emit(None)

    def _warn(self, text: str) -> None:
        self.context.events.status.emit(text)
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
