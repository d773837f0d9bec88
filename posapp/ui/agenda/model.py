"""The book as a table: rows are 15-minute slots of the day, columns professionals (day
view) or days of the week (one professional's week). An appointment sits in the cell of
its start and spans the rows of its length (the view sets the spans)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from posapp.core.agenda import OPEN, SLOT_MINUTES, Status, label
from posapp.services.agenda.book_reads import AppointmentView, Professional

UUID_ROLE = Qt.ItemDataRole.UserRole + 1
SPAN_ROLE = Qt.ItemDataRole.UserRole + 2
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3
FIRST_HOUR, LAST_HOUR = 8, 21
"""The hours the book shows at least; a day with appointments earlier or later shows
those hours too."""

COLOURS: dict[Status, str] = {
    Status.BOOKED: "#cfe3ff",
    Status.CONFIRMED: "#9cc8ff",
    Status.ARRIVED: "#ffe08a",
    Status.IN_SERVICE: "#ffb870",
    Status.DONE: "#b9e6b0",
    Status.NO_SHOW: "#f4a6a6",
    Status.CANCELLED: "#dddddd",
}

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    professional_id: int
    day: date


class AgendaModel(QAbstractTableModel):
    def __init__(self, zone: ZoneInfo, locale: str = "pt_BR") -> None:
        super().__init__()
        self.zone = zone
        self.locale = locale
        self.columns: list[Column] = []
        self.appointments: list[AppointmentView] = []
        self._at: dict[tuple[int, int], AppointmentView] = {}
        self.first_hour, self.last_hour = FIRST_HOUR, LAST_HOUR
        self.rows = (LAST_HOUR - FIRST_HOUR) * 60 // SLOT_MINUTES

    # -- filling ------------------------------------------------------------------

    def show_day(
        self, day: date, professionals: list[Professional], appointments: list[AppointmentView]
    ) -> None:
        self._fill([Column(p.name, p.id, day) for p in professionals], appointments)

    def show_week(
        self, monday: date, professional: Professional, appointments: list[AppointmentView]
    ) -> None:
        days = [monday + timedelta(days=n) for n in range(7)]
        columns = [
            Column(format_date(d, "EEE dd/MM", locale=self.locale), professional.id, d)
            for d in days
        ]
        self._fill(columns, [a for a in appointments if a.professional_id == professional.id])

    def _fill(self, columns: list[Column], appointments: list[AppointmentView]) -> None:
        self.beginResetModel()
        self.columns = columns
        self.appointments = appointments
        self._at = {}
        self.first_hour, self.last_hour = self._hours(appointments)
        self.rows = (self.last_hour - self.first_hour) * 60 // SLOT_MINUTES
        for appointment in appointments:
            if appointment.status is Status.CANCELLED:
                continue
            place = self.place_of(appointment)
            if place is None:
                continue
            held = self._at.get(place)
            # one block a slot: an appointment still holding the time over a finished one
            if held is None or held.status not in OPEN or appointment.status in OPEN:
                self._at[place] = appointment
        self.endResetModel()

    def _hours(self, appointments: list[AppointmentView]) -> tuple[int, int]:
        """FIRST_HOUR to LAST_HOUR, widened to the shown appointments' local hours."""
        first, last = FIRST_HOUR, LAST_HOUR
        days = {column.day for column in self.columns}
        for appointment in appointments:
            start = appointment.starts_at.astimezone(self.zone)
            if appointment.status is Status.CANCELLED or start.date() not in days:
                continue
            end = appointment.ends_at.astimezone(self.zone)
            end_minutes = 24 * 60 if end.date() > start.date() else end.hour * 60 + end.minute
            first = min(first, start.hour)
            last = max(last, -(-end_minutes // 60))
        return first, last

    # -- geometry -------------------------------------------------------------------

    def place_of(self, appointment: AppointmentView) -> tuple[int, int] | None:
        local = appointment.starts_at.astimezone(self.zone)
        for column, spec in enumerate(self.columns):
            if spec.professional_id == appointment.professional_id and spec.day == local.date():
                row = ((local.hour - self.first_hour) * 60 + local.minute) // SLOT_MINUTES
                return (row, column) if 0 <= row < self.rows else None
        return None

    def span_of(self, appointment: AppointmentView) -> int:
        return max(1, -(-appointment.minutes // SLOT_MINUTES))

    def moment(self, row: int, column: int) -> datetime:
        """The start of a slot as an aware UTC datetime."""
        day = self.columns[column].day
        minutes = self.first_hour * 60 + row * SLOT_MINUTES
        local = datetime.combine(day, time(minutes // 60, minutes % 60), self.zone)
        return local.astimezone(ZoneInfo("UTC"))

    def appointment_at(self, row: int, column: int) -> AppointmentView | None:
        return self._at.get((row, column))

    def placed(self) -> list[tuple[int, int, AppointmentView]]:
        return [(row, column, a) for (row, column), a in sorted(self._at.items())]

    # -- Qt -----------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.rows

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title if 0 <= section < len(self.columns) else None
        if 0 <= section < self.rows:
            minutes = self.first_hour * 60 + section * SLOT_MINUTES
            return f"{minutes // 60:02d}:{minutes % 60:02d}"
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        appointment = self._at.get((index.row(), index.column()))
        if appointment is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            local = appointment.starts_at.astimezone(self.zone)
            return (
                f"{local:%H:%M} {appointment.client_name}\n"
                f"{', '.join(appointment.services)}\n{label(appointment.status, self.locale)}"
            )
        if role == Qt.ItemDataRole.BackgroundRole:
            return QColor(COLOURS[appointment.status])
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{appointment.client_name} — {appointment.minutes} min"
        if role == UUID_ROLE:
            return appointment.uuid
        if role == SPAN_ROLE:
            return self.span_of(appointment)
        if role == STATUS_ROLE:
            return appointment.status.value
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
