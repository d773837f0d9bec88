"""Audit of 28d73f0/01d7a11: the Agenda's lanes and hours, as the receptionist sees them."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from posapp.core.agenda import Status
from posapp.services.agenda.booking import book, set_status
from tests.salon.salon_support import MONDAY, Salon, at
from tests.ui.test_agenda import NINE, _book, _screen, salon, settle

__all__ = ["salon"]


def test_a_visit_done_early_stays_on_the_book_when_its_tail_is_booked(
    salon: Salon, qtbot: QtBot
) -> None:
    """Ana's manicure at 10:00 (40 minutes) is done by 10:25; the receptionist books a
    walk-in for Paula at 10:30, which the counter allows (a done visit holds no time).
    Ana's visit stays on the book from 10:00 to 10:30, selectable for its tip, and the
    walk-in stands at 10:30 in Paula's column, no lane: nothing to reschedule."""
    station, cashier = salon.shop.station, salon.shop.cashier_id
    ana = _book(salon, 10)
    for status in (Status.ARRIVED, Status.IN_SERVICE, Status.DONE):
        set_status(station, ana, staff_id=cashier, status=status)
    walk_in = book(
        station,
        staff_id=cashier,
        professional_id=salon.paula,
        starts_at=at(MONDAY, 10, 30),
        item_ids=[salon.shop.items["manicure"]],
        customer_id=salon.ana,
    )
    screen = _screen(salon, qtbot)
    settle(screen, qtbot)

    ten = NINE + 4
    columns = screen.model.columns
    paula = next(i for i, c in enumerate(columns) if c.professional_id == salon.paula)
    assert [c.professional_id for c in columns].count(salon.paula) == 1  # no ⚠ lane
    shown = {a.uuid: (row, column) for row, column, a in screen.model.placed()}
    assert shown[walk_in] == (ten + 2, paula)
    assert shown[ana] == (ten, paula)
    assert screen.view.rowSpan(ten, paula) == 2  # 10:00 to 10:30, not under the walk-in
    screen.view.setCurrentIndex(screen.model.index(ten, paula))
    assert screen.view.selected_uuid() == ana
