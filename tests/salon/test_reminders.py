"""Appointment reminders: the day before and 2 hours before, with consent, once each."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from db.models import Customer
from posapp.core.agenda import Status
from posapp.core.messages import MessageFacts, MessageKind, facts_from_json, message_key
from posapp.services.agenda.booking import book, move, set_status
from posapp.services.agenda.reminders import queue_reminders
from posapp.services.messages.log import message_log, reason_words
from posapp.services.messages.queue import enqueue, messages
from tests.salon.salon_support import MONDAY, ZONE, at, open_salon
from tests.services.messages_support import configure, email_settings, rows

TUESDAY, WEDNESDAY = MONDAY + timedelta(days=1), MONDAY + timedelta(days=2)


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


def test_a_moved_or_cancelled_appointment_drops_its_waiting_reminder_and_the_new_time_gets_one(
    tmp_path: Path,
) -> None:
    """Ana's corte on Tuesday 10:00 is reminded on Monday at 21:00; quiet hours from 21:00
    hold it until Tuesday 08:00. At 21:30 she moves it to Wednesday 15:00: the waiting
    reminder (for Tuesday 10:00) is not sent, and on Tuesday the day-before reminder for
    Wednesday 15:00 is queued. Bruno cancels his Wednesday manicure after his reminder
    was queued: it is not sent either."""
    salon = open_salon(tmp_path / "salon.sqlite")
    shop, station = salon.shop, salon.shop.station
    with station.write() as session:
        session.get(Customer, salon.bruno).marketing_consent = True  # type: ignore[union-attr]
        session.get(Customer, salon.bruno).email = "bruno@example.com"  # type: ignore[union-attr]
    configure(shop, email_settings(2525, quiet_start="21:00", quiet_end="08:00"))
    ana = book(station, staff_id=shop.cashier_id, professional_id=salon.rita,
               starts_at=at(TUESDAY, 10), item_ids=[shop.items["corte"]],
               customer_id=salon.ana)  # fmt: skip
    bruno = book(station, staff_id=shop.cashier_id, professional_id=salon.paula,
                 starts_at=at(WEDNESDAY, 10), item_ids=[shop.items["manicure"]],
                 customer_id=salon.bruno)  # fmt: skip

    shop.clock.moment = at(MONDAY, 21)
    assert queue_reminders(station) == 1  # Ana's, for Tuesday
    shop.clock.moment = at(MONDAY, 21, 30)
    move(station, ana, staff_id=shop.cashier_id, starts_at=at(WEDNESDAY, 15))
    (waiting,) = rows(shop, "appointment_reminder")
    assert (waiting.status, waiting.reason) == ("skipped", "appointment_changed")

    shop.clock.moment = at(TUESDAY, 9)
    assert queue_reminders(station) == 2  # Ana's for Wednesday 15:00, Bruno's

    def now_waiting() -> list[tuple[int | None, str, str]]:
        return [
            (r.customer_id, r.status, f"{facts_from_json(r.facts_json).appointment_at:%d %H:%M}")
            for r in rows(shop, "appointment_reminder")[1:]
        ]

    assert sorted(now_waiting()) == [(salon.ana, "queued", "04 15:00"),
                                     (salon.bruno, "queued", "04 10:00")]  # fmt: skip
    set_status(station, bruno, staff_id=shop.cashier_id, status=Status.CANCELLED)
    assert queue_reminders(station) == 0
    assert sorted(now_waiting()) == [(salon.ana, "queued", "04 15:00"),
                                     (salon.bruno, "skipped", "04 10:00")]  # fmt: skip


def test_a_reminder_queued_before_the_keys_had_times_is_not_queued_again(tmp_path: Path) -> None:
    """An appointment reminded the day before under the older key (appointment and moment)
    gets no second day-before reminder for the same time."""
    salon = open_salon(tmp_path / "salon.sqlite")
    shop, station = salon.shop, salon.shop.station
    configure(shop, email_settings(2525))
    ana = book(station, staff_id=shop.cashier_id, professional_id=salon.rita,
               starts_at=at(TUESDAY, 10), item_ids=[shop.items["corte"]],
               customer_id=salon.ana)  # fmt: skip
    shop.clock.moment = at(MONDAY, 9)
    with station.write() as session:
        customer = session.get(Customer, salon.ana)
        assert customer is not None
        facts = MessageFacts(store="", customer_name=customer.name,
                             appointment_at=at(TUESDAY, 10).astimezone(ZONE))  # fmt: skip
        kind = MessageKind.APPOINTMENT_REMINDER
        enqueue(station, session, kind=kind, customer=customer, period=ana, facts=facts,
                now=shop.clock(), key=message_key(kind, customer.uuid, f"{ana}:day"))  # fmt: skip
    assert queue_reminders(station) == 0
    assert len(rows(shop, "appointment_reminder")) == 1


def test_a_dropped_reminder_says_why_in_both_languages(tmp_path: Path) -> None:
    salon = open_salon(tmp_path / "salon.sqlite")
    shop, station = salon.shop, salon.shop.station
    configure(shop, email_settings(2525))
    ana = book(station, staff_id=shop.cashier_id, professional_id=salon.rita,
               starts_at=at(TUESDAY, 10), item_ids=[shop.items["corte"]],
               customer_id=salon.ana)  # fmt: skip
    shop.clock.moment = at(MONDAY, 9)
    assert queue_reminders(station) == 1
    set_status(station, ana, staff_id=shop.cashier_id, status=Status.CANCELLED)
    (logged,) = [m for m in message_log(station) if m.kind == "appointment_reminder"]
    assert reason_words(logged, "pt_BR") == (
        "O horário mudou ou foi cancelado: lembrete não enviado."
    )
    assert reason_words(logged, "en") == (
        "The appointment moved or was called off: reminder not sent."
    )
