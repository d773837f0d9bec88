"""Appointment reminders: the day before and 2 hours before, with consent, once each."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from posapp.core.agenda import Status
from posapp.services.agenda.booking import book, set_status
from posapp.services.agenda.reminders import queue_reminders
from posapp.services.messages.queue import messages
from tests.salon.salon_support import MONDAY, at, open_salon
from tests.services.messages_support import configure, email_settings, rows

TUESDAY = MONDAY + timedelta(days=1)


def test_each_reminder_is_queued_once_and_only_with_consent(tmp_path: Path) -> None:
    salon = open_salon(tmp_path / "salon.sqlite")
    shop = salon.shop
    configure(shop, email_settings(2525))
    with_consent = book(
        shop.station,
        staff_id=shop.cashier_id,
        professional_id=salon.rita,
        starts_at=at(TUESDAY, 10),
        item_ids=[shop.items["corte"]],
        customer_id=salon.ana,
    )
    book(
        shop.station,
        staff_id=shop.cashier_id,
        professional_id=salon.paula,
        starts_at=at(TUESDAY, 10),
        item_ids=[shop.items["manicure"]],
        customer_id=salon.bruno,
    )
    cancelled = book(
        shop.station,
        staff_id=shop.cashier_id,
        professional_id=salon.paula,
        starts_at=at(TUESDAY, 15),
        item_ids=[shop.items["manicure"]],
        customer_id=salon.ana,
    )
    set_status(shop.station, cancelled, staff_id=shop.cashier_id, status=Status.CANCELLED)

    shop.clock.moment = at(MONDAY, 9)  # the day before
    assert queue_reminders(shop.station) == 2  # Ana's, and Bruno's kept as skipped
    assert queue_reminders(shop.station) == 0
    shop.clock.moment = at(TUESDAY, 7)  # 3 hours before: nothing new
    assert queue_reminders(shop.station) == 0
    shop.clock.moment = at(TUESDAY, 8, 15)  # within 2 hours
    assert queue_reminders(shop.station) == 2
    shop.clock.moment = at(TUESDAY, 9)
    assert queue_reminders(shop.station) == 0

    reminders = rows(shop, "appointment_reminder")
    by_customer = sorted((r.customer_id, r.status, r.reason) for r in reminders)
    assert by_customer == [
        (salon.ana, "queued", "queued"),
        (salon.ana, "queued", "queued"),
        (salon.bruno, "skipped", "no_consent"),
        (salon.bruno, "skipped", "no_consent"),
    ]
    assert all(with_consent in r.idempotency_key for r in reminders if r.customer_id == salon.ana)
    assert [m.kind for m in messages(shop.station, customer_id=salon.ana)].count(
        "appointment_reminder"
    ) == 2
