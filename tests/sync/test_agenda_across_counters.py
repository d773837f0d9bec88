"""The salon's book across the chain: a booking made at one counter appears at the other,
a move made there comes back, and the endpoint refuses a malformed appointment."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from posapp.core.agenda import Status
from posapp.services.agenda import book_reads
from posapp.services.agenda.booking import book, move, set_status
from posapp.services.common.local_day import store_timezone
from tests.sync.conftest import Network, converge


def test_a_booking_at_one_counter_appears_at_the_other_and_a_move_comes_back(
    network: Network,
) -> None:
    a, b = network.make("Centro"), network.make("Shopping")
    ana = a.shop.enrol("Ana Lima", phone="11912345678")
    starts = (a.shop.clock() + timedelta(days=1)).replace(minute=0, second=0)
    booked = book(
        a.station,
        staff_id=a.shop.cashier_id,
        professional_id=a.shop.professional_id,
        starts_at=starts,
        item_ids=[a.shop.items["manicure"]],
        customer_id=ana,
    )
    converge(a, b)

    (seen,) = book_reads.between(b.station, starts - timedelta(hours=1), starts + timedelta(days=1))
    assert (seen.uuid, seen.client_name, seen.services) == (booked, "Ana Lima", ("Manicure",))
    assert seen.professional_id == b.shop.professional_id  # "Paula Manicure" at this counter
    assert seen.customer_id == b.customer_id(a.customer_uuid(ana))
    assert seen.starts_at == starts and seen.minutes == 40

    b.shop.clock.advance(minutes=1)
    move(b.station, booked, staff_id=b.shop.cashier_id, starts_at=starts + timedelta(hours=2))
    set_status(b.station, booked, staff_id=b.shop.cashier_id, status=Status.CONFIRMED)
    converge(a, b)
    (back,) = book_reads.between(a.station, starts, starts + timedelta(days=1))
    assert back.starts_at == starts + timedelta(hours=2) and back.status is Status.CONFIRMED


def test_a_booking_cancelled_at_the_other_counter_drops_the_reminder_waiting_here(
    network: Network,
) -> None:
    """Ana's manicure tomorrow at 10:00 is booked at Centro, whose message keeper queues her
    reminder of the day before (a fixed time of the store's day: "in 90 minutes" crossed
    midnight in Brasília when the suite ran after 22:30 there, and the book refused it). At
    Shopping the booking is cancelled; once Centro pulls the change the reminder waiting
    there is dropped with its reason, not sent for a visit called off (before: only a
    change made at Centro itself dropped it)."""
    from posapp.services.agenda.reminders import queue_reminders
    from tests.services.messages_support import configure, email_settings, rows

    a, b = network.make("Centro"), network.make("Shopping")
    configure(a.shop, email_settings(2525))
    ana = a.shop.enrol("Ana Lima", phone="11912345678", email="ana@example.com",
                       marketing_consent=True)  # fmt: skip
    with a.station.read() as session:
        zone = ZoneInfo(store_timezone(session))
    tomorrow = a.shop.clock().astimezone(zone).date() + timedelta(days=1)
    starts = datetime.combine(tomorrow, time(10), tzinfo=zone).astimezone(UTC)
    booked = book(a.station, staff_id=a.shop.cashier_id, professional_id=a.shop.professional_id,
                  starts_at=starts, item_ids=[a.shop.items["manicure"]],
                  customer_id=ana)  # fmt: skip
    assert queue_reminders(a.station) == 1
    converge(a, b)
    b.shop.clock.advance(minutes=1)
    set_status(b.station, booked, staff_id=b.shop.cashier_id, status=Status.CANCELLED)
    converge(a, b)
    (reminder,) = rows(a.shop, "appointment_reminder")
    assert (reminder.status, reminder.reason) == ("skipped", "appointment_changed")
