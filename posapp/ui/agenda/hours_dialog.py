"""Managers set each professional's week (hours and a break per weekday; unticked days
off) and single days off; each save asks the manager's PIN (audited by the service)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from posapp.core.agenda import DayHours
from posapp.core.errors import PosError
from posapp.services.agenda.book_reads import Professional
from posapp.services.agenda.hours import set_day_off, set_week, week_of
from posapp.ui.context import UiContext
from posapp.ui.dialogs.manager_pin import ask_manager_pin
from posapp.ui.widgets import named


def _minutes(edit: QTimeEdit) -> int:
    return edit.time().hour() * 60 + edit.time().minute()


def _time_edit(name: str, minutes: int) -> QTimeEdit:
    edit = named(QTimeEdit(QTime(minutes // 60, minutes % 60)), name)
    edit.setDisplayFormat("HH:mm")
    return edit


class HoursDialog(QDialog):
    def __init__(
        self,
        context: UiContext,
        professionals: list[Professional],
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("hoursDialog")
        self.setWindowTitle(self.tr("Horários dos profissionais"))
        self.context = context
        self.ask_pin: Callable[[QWidget | None, str], str | None] = ask_manager_pin
        layout = QVBoxLayout(self)
        self.professional = named(QComboBox(), "hoursProfessional")
        for pro in professionals:
            self.professional.addItem(pro.name, pro.id)
        layout.addWidget(self.professional)
        grid = QGridLayout()
        for column, title in enumerate(
            (self.tr("Dia"), self.tr("Das"), self.tr("Às"), self.tr("Intervalo"), self.tr("até"))
        ):
            grid.addWidget(QLabel(title), 0, column)
        days = (
            self.tr("Segunda"),
            self.tr("Terça"),
            self.tr("Quarta"),
            self.tr("Quinta"),
            self.tr("Sexta"),
            self.tr("Sábado"),
            self.tr("Domingo"),
        )
        self.rows: list[tuple[QCheckBox, QTimeEdit, QTimeEdit, QTimeEdit, QTimeEdit]] = []
        for weekday, name in enumerate(days):
            row = (
                named(QCheckBox(name), f"works{weekday}"),
                _time_edit(f"start{weekday}", 9 * 60),
                _time_edit(f"end{weekday}", 18 * 60),
                _time_edit(f"breakStart{weekday}", 12 * 60),
                _time_edit(f"breakEnd{weekday}", 13 * 60),
            )
            for column, widget in enumerate(row):
                grid.addWidget(widget, weekday + 1, column)
            self.rows.append(row)
        layout.addLayout(grid)
        self.save_button = named(QPushButton(self.tr("Salvar semana")), "hoursSave")
        self.save_button.clicked.connect(self.save_week)
        layout.addWidget(self.save_button)
        off = QHBoxLayout()
        self.day_off = named(QDateEdit(QDate(today.year, today.month, today.day)), "dayOff")
        self.day_off.setCalendarPopup(True)
        self.day_off_button = named(QPushButton(self.tr("Folga neste dia")), "dayOffSave")
        self.day_off_button.clicked.connect(self.save_day_off)
        off.addWidget(self.day_off)
        off.addWidget(self.day_off_button)
        layout.addLayout(off)
        self.message = named(QLabel(), "hoursMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.professional.currentIndexChanged.connect(self.load)
        self.load()

    def load(self) -> None:
        if self.professional.count() == 0:
            return
        week = week_of(self.context.station, int(self.professional.currentData()))
        for weekday, (works, start, end, break_start, break_end) in enumerate(self.rows):
            hours = week.get(weekday)
            works.setChecked(hours is not None)
            if hours is not None:
                start.setTime(QTime(hours.start // 60, hours.start % 60))
                end.setTime(QTime(hours.end // 60, hours.end % 60))
                if hours.break_start is not None and hours.break_end is not None:
                    break_start.setTime(QTime(hours.break_start // 60, hours.break_start % 60))
                    break_end.setTime(QTime(hours.break_end // 60, hours.break_end % 60))

    def week(self) -> dict[int, DayHours | None]:
        """The week as typed; a break of no length is no break. ValueError: hours that
        make no sense (the end before the start, a break outside the hours)."""
        week: dict[int, DayHours | None] = {}
        for weekday, (works, start, end, break_start, break_end) in enumerate(self.rows):
            if not works.isChecked():
                week[weekday] = None
                continue
            pause = (_minutes(break_start), _minutes(break_end))
            week[weekday] = DayHours(
                _minutes(start),
                _minutes(end),
                *(pause if pause[0] < pause[1] else (None, None)),
            )
        return week

    def save_week(self) -> bool:
        try:
            week = self.week()
        except ValueError:
            self.message.setText(
                self.tr("Confira os horários: o fim depois do início, o intervalo dentro deles.")
            )
            return False
        pin = self.ask_pin(self, self.tr("salvar os horários"))
        if pin is None:
            return False
        try:
            set_week(self.context.station, int(self.professional.currentData()), week, pin)
        except PosError as refused:
            self.message.setText(refused.message(self.context.locale))
            return False
        self.message.setText(self.tr("Horários salvos."))
        return True

    def save_day_off(self) -> bool:
        pin = self.ask_pin(self, self.tr("marcar a folga"))
        if pin is None:
            return False
        picked = self.day_off.date()
        try:
            set_day_off(
                self.context.station,
                int(self.professional.currentData()),
                date(picked.year(), picked.month(), picked.day()),
                pin,
            )
        except PosError as refused:
            self.message.setText(refused.message(self.context.locale))
            return False
        self.message.setText(self.tr("Folga marcada."))
        return True
