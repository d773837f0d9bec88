"""The book as a table: rows are 15-minute slots of the day, columns professionals (day
view) or days of the week (one professional's week). An appointment sits in the cell of
its start and spans the rows of its length (the view sets the spans).

Blocks of one column that would overlap go side by side: the column gets a lane more,
titled with ⚠. The counter refuses a clash, but two counters booking one professional
at once while offline both keep their booking when they sync; a block under another's
span was hidden (Qt cannot draw overlapping spans), and the client came unannounced. A
finished appointment under one still holding the time stays hidden (a booking over a
no-show is the book's normal use); one that began earlier shows until that booking (a
visit done early, its tail booked for a walk-in)."""

from __future__ import annotations

from dataclasses import dataclass, replace
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
"""The hours the book shows at least; a day with working hours or appointments earlier
or later shows those hours too."""

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
    lane: int = 0
    """0 for the column itself; 1, 2... for the lanes of blocks that overlap its own."""


_Rows = tuple[int, int, AppointmentView]
"""(first row, row after the last, appointment): a block's place in its column."""


class AgendaModel(QAbstractTableModel):
    def __init__(self, zone: ZoneInfo, locale: str = "pt_BR") -> None:
        super().__init__()
        self.zone = zone
        self.locale = locale
        self.columns: list[Column] = []
        self.appointments: list[AppointmentView] = []
        self._at: dict[tuple[int, int], AppointmentView] = {}
        self._spans: dict[tuple[int, int], int] = {}
        self.first_hour, self.last_hour = FIRST_HOUR, LAST_HOUR
        self.rows = (LAST_HOUR - FIRST_HOUR) * 60 // SLOT_MINUTES

    # -- filling ------------------------------------------------------------------

    def show_day(
        self,
        day: date,
        professionals: list[Professional],
        appointments: list[AppointmentView],
        working: tuple[int, int] | None = None,
    ) -> None:
        """`working`: the professionals' working hours that day (minutes from midnight,
        `hours.working_span`); the book shows at least those hours."""
        self._fill([Column(p.name, p.id, day) for p in professionals], appointments, working)

    def show_week(
        self,
        monday: date,
        professional: Professional,
        appointments: list[AppointmentView],
        working: tuple[int, int] | None = None,
    ) -> None:
        days = [monday + timedelta(days=n) for n in range(7)]
        columns = [
            Column(format_date(d, "EEE dd/MM", locale=self.locale), professional.id, d)
            for d in days
        ]
        mine = [a for a in appointments if a.professional_id == professional.id]
        self._fill(columns, mine, working)

    def _fill(
        self,
        columns: list[Column],
        appointments: list[AppointmentView],
        working: tuple[int, int] | None = None,
    ) -> None:
        self.beginResetModel()
        self.appointments = appointments
        days = {column.day for column in columns}
        self.first_hour, self.last_hour = self._hours(appointments, working, days)
        self.rows = (self.last_hour - self.first_hour) * 60 // SLOT_MINUTES
        self.columns, self._at, self._spans = self._laid_out(columns, appointments)
        self.endResetModel()

    def _laid_out(
        self, columns: list[Column], appointments: list[AppointmentView]
    ) -> tuple[list[Column], dict[tuple[int, int], AppointmentView], dict[tuple[int, int], int]]:
        """The columns with their lanes, each shown block by its (row, column), and the rows
        each covers."""
        lanes: list[list[list[_Rows]]] = [[] for _ in columns]
        holding_first = sorted(
            (a for a in appointments if a.status is not Status.CANCELLED),
            key=lambda a: (a.status not in OPEN, a.starts_at, -a.minutes, a.uuid),
        )
        for appointment in holding_first:
            place = self._start_cell(columns, appointment)
            if place is None:
                continue
            row, column = place
            block = (row, row + self.span_of(appointment), appointment)
            taken = [placed for lane in lanes[column] for placed in lane]
            holding = [p[0] for p in taken if p[2].status in OPEN and _overlap(block, p)]
            if appointment.status not in OPEN and holding:
                if min(holding) <= row:
                    continue  # under one holding its time (a booking over a no-show)
                block = (row, min(holding), appointment)  # its time until the booking
            free = next(
                (lane for lane in lanes[column] if not any(_overlap(block, b) for b in lane)),
                None,
            )
            if free is None:
                lanes[column].append(free := [])
            free.append(block)
        laid: list[Column] = []
        at: dict[tuple[int, int], AppointmentView] = {}
        spans: dict[tuple[int, int], int] = {}
        for spec, its_lanes in zip(columns, lanes, strict=True):
            for number, lane in enumerate(its_lanes or [[]]):
                title = spec.title if number == 0 else f"{spec.title} ⚠"
                for row, end, appointment in lane:
                    at[(row, len(laid))] = appointment
                    spans[(row, len(laid))] = end - row
                laid.append(replace(spec, title=title, lane=number))
        return laid, at, spans

    def _hours(
        self,
        appointments: list[AppointmentView],
        working: tuple[int, int] | None,
        days: set[date],
    ) -> tuple[int, int]:
        """FIRST_HOUR to LAST_HOUR, widened to the working hours and to the shown
        appointments' local hours."""
        first, last = FIRST_HOUR, LAST_HOUR
        if working is not None:
            first, last = min(first, working[0] // 60), max(last, -(-working[1] // 60))
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

    def _start_cell(
        self, columns: list[Column], appointment: AppointmentView
    ) -> tuple[int, int] | None:
        """(row of its start, index of its professional's or day's column in `columns`)."""
        local = appointment.starts_at.astimezone(self.zone)
        for column, spec in enumerate(columns):
            if spec.professional_id == appointment.professional_id and spec.day == local.date():
                row = ((local.hour - self.first_hour) * 60 + local.minute) // SLOT_MINUTES
                return (row, column) if 0 <= row < self.rows else None
        return None

    def span_of(self, appointment: AppointmentView) -> int:
        return max(1, -(-appointment.minutes // SLOT_MINUTES))

    def span_at(self, row: int, column: int) -> int:
        """The rows the block starting at (row, column) covers: its length, or less for a
        finished visit whose later time a booking took (it shows until that booking)."""
        found = self._at.get((row, column))
        if found is None:
            return 1
        return self._spans.get((row, column), self.span_of(found))

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
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.columns)
            and self.columns[section].lane
        ):
            return self.tr("Horários ao mesmo tempo (marcados em dois caixas): remarque um deles.")
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
            return self.span_at(index.row(), index.column())
        if role == STATUS_ROLE:
            return appointment.status.value
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _overlap(a: _Rows, b: _Rows) -> bool:
    return a[0] < b[1] and b[0] < a[1]
