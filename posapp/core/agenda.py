"""The salon's appointment book as pure rules: statuses, clashes and working hours.

Times are local wall-clock minutes of a day (0..1440) where working hours are concerned,
and aware datetimes everywhere else; the services turn one into the other with the
store's time zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from posapp.core.errors import PosError

DEFAULT_MINUTES = 30
"""A service with no duration in the catalogue takes this long in the book."""
SLOT_MINUTES = 15
"""The book's grid: moves and lengths snap to it."""
LONGEST_MINUTES = 12 * 60


class Status(StrEnum):
    BOOKED = "booked"
    CONFIRMED = "confirmed"
    ARRIVED = "arrived"
    IN_SERVICE = "in_service"
    DONE = "done"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"


OPEN = frozenset({Status.BOOKED, Status.CONFIRMED, Status.ARRIVED, Status.IN_SERVICE})
"""An appointment in one of these holds its professional's time."""
FINAL = frozenset({Status.DONE, Status.NO_SHOW, Status.CANCELLED})
REMINDED = frozenset({Status.BOOKED.value, Status.CONFIRMED.value})
"""The statuses whose client is reminded: a change to any other drops her reminders."""

NEXT: dict[Status, frozenset[Status]] = {
    Status.BOOKED: frozenset({Status.CONFIRMED, Status.ARRIVED, Status.NO_SHOW, Status.CANCELLED}),
    Status.CONFIRMED: frozenset({Status.ARRIVED, Status.NO_SHOW, Status.CANCELLED}),
    Status.ARRIVED: frozenset({Status.IN_SERVICE, Status.DONE, Status.CANCELLED}),
    Status.IN_SERVICE: frozenset({Status.DONE}),
    Status.DONE: frozenset(),
    Status.NO_SHOW: frozenset(),
    Status.CANCELLED: frozenset(),
}

LABELS: dict[Status, tuple[str, str]] = {
    Status.BOOKED: ("Agendado", "Booked"),
    Status.CONFIRMED: ("Confirmado", "Confirmed"),
    Status.ARRIVED: ("Chegou", "Arrived"),
    Status.IN_SERVICE: ("Em atendimento", "In service"),
    Status.DONE: ("Concluído", "Done"),
    Status.NO_SHOW: ("Não veio", "No-show"),
    Status.CANCELLED: ("Cancelado", "Cancelled"),
}


def label(status: Status, locale: str) -> str:
    pt, en = LABELS[status]
    return pt if locale.startswith("pt") else en


class AppointmentClash(PosError):
    code = "appointment_clash"
    pt_BR = "{professional} já tem um horário das {start} às {end} ({client}). Escolha outro."
    en = "{professional} is already booked from {start} to {end} ({client}). Choose another time."


class OutsideWorkingHours(PosError):
    code = "outside_working_hours"
    pt_BR = "{professional} não atende neste horário ({when}): {why}."
    en = "{professional} does not work at this time ({when}): {why_en}."


class AppointmentNotChangeable(PosError):
    code = "appointment_not_changeable"
    pt_BR = "Este horário está {status} e não pode mais mudar para {wanted}."
    en = "This appointment is {status_en} and can no longer become {wanted_en}."


class InvalidAppointment(PosError):
    code = "invalid_appointment"
    pt_BR = "Horário inválido: {why}."
    en = "Invalid appointment: {why_en}."


@dataclass(frozen=True, slots=True)
class DayHours:
    """One professional's hours on a weekday, in minutes from local midnight."""

    start: int
    end: int
    break_start: int | None = None
    break_end: int | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end <= 24 * 60:
            raise ValueError(f"not working hours: {self.start}-{self.end}")
        if (self.break_start is None) != (self.break_end is None):
            raise ValueError("a break needs its start and its end")
        if (
            self.break_start is not None
            and self.break_end is not None
            and not self.start <= self.break_start < self.break_end <= self.end
        ):
            raise ValueError(f"break outside the hours: {self.break_start}-{self.break_end}")


def hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def hours_problem(hours: DayHours | None, start: int, end: int) -> tuple[str, str] | None:
    """Why [start, end) (local minutes) does not fit the day's hours, in pt_BR and English;
    None when it fits. `hours` None is a day off."""
    if hours is None:
        return ("dia de folga", "day off")
    if start < hours.start or end > hours.end:
        span = f"{hhmm(hours.start)}–{hhmm(hours.end)}"
        return (f"atende das {span}", f"works {span}")
    if (
        hours.break_start is not None
        and hours.break_end is not None
        and start < hours.break_end
        and hours.break_start < end
    ):
        span = f"{hhmm(hours.break_start)}–{hhmm(hours.break_end)}"
        return (f"intervalo das {span}", f"break {span}")
    return None


def overlaps(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    """Half-open intervals: one ending at 10:00 and one starting at 10:00 do not clash."""
    return a_start < b_end and b_start < a_end


def check_transition(current: Status, wanted: Status) -> None:
    if wanted == current:
        return
    if wanted not in NEXT[current]:
        raise AppointmentNotChangeable(
            status=label(current, "pt_BR").lower(),
            status_en=label(current, "en").lower(),
            wanted=label(wanted, "pt_BR").lower(),
            wanted_en=label(wanted, "en").lower(),
        )


def check_length(minutes: int) -> None:
    if minutes <= 0 or minutes > LONGEST_MINUTES or minutes % 5:
        raise InvalidAppointment(
            why=f"duração de {minutes} min (de 5 em 5 min, até 12 h)",
            why_en=f"length of {minutes} min (in 5-minute steps, up to 12 h)",
        )
