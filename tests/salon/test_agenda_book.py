"""The appointment book: bookings within hours, clashes refused, moves, arrivals, no-shows."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import Item, OutboxEvent
from posapp.core.agenda import (
    AppointmentClash,
    AppointmentNotChangeable,
    OutsideWorkingHours,
    Status,
)
from posapp.core.pricing import Tender
from posapp.services.agenda import book_reads
from posapp.services.agenda.arrival import arrive
from posapp.services.agenda.booking import book, book_visit, lengthen, move, set_status
from posapp.services.agenda.hours import set_day_off
from posapp.services.sales.checkout import CheckoutRequest, LineRequest, TenderRequest, checkout
from posapp.services.sales.parking import parked, recall
from tests.salon.salon_support import MONDAY, Salon, at, open_salon
from tests.support import MANAGER_PIN


@pytest.fixture
def salon(tmp_path: Path) -> Salon:
    return open_salon(tmp_path / "salon.sqlite")


def _book(
    salon: Salon,
    hh: int,
    mm: int = 0,
    *,
    pro: int | None = None,
    items: tuple[str, ...] = ("manicure",),
    day: date = MONDAY,
    customer: int | None = None,
) -> str:
    return book(
        salon.shop.station,
        staff_id=salon.shop.cashier_id,
        professional_id=pro or salon.paula,
        starts_at=at(day, hh, mm),
        item_ids=[salon.shop.items[i] for i in items],
        customer_id=customer or salon.ana,
    )


def test_a_booking_lasts_its_services_and_shows_in_its_professionals_day(salon: Salon) -> None:
    _book(salon, 10, items=("manicure", "corte"), pro=salon.rita)
    (booked,) = book_reads.day(salon.shop.station, MONDAY)
    assert booked.minutes == 40 + 60
    assert booked.ends_at == at(MONDAY, 11, 40)
    assert booked.services == ("Manicure", "Corte feminino")
    assert booked.price == 3_500 + 8_000
    assert booked.professional_id == salon.rita and booked.status is Status.BOOKED


def test_a_clash_is_refused_in_portuguese_and_english(salon: Salon) -> None:
    _book(salon, 10)
    with pytest.raises(AppointmentClash) as refused:
        _book(salon, 10, 30, customer=salon.bruno)
    assert refused.value.message("pt_BR") == (
        "Paula Manicure já tem um horário das 10:00 às 10:40 (Ana Lima). Escolha outro."
    )
    assert "is already booked from 10:00 to 10:40" in refused.value.message("en")
    _book(salon, 10, 40, customer=salon.bruno)  # back to back is no clash
    _book(salon, 10, 30, customer=salon.bruno, pro=salon.rita)  # another professional is free
    assert len(book_reads.day(salon.shop.station, MONDAY)) == 3


def test_breaks_days_off_and_hours_are_enforced(salon: Salon) -> None:
    with pytest.raises(OutsideWorkingHours) as lunch:
        _book(salon, 11, 40)  # 40 minutes run into the 12:00 lunch
    assert "intervalo das 12:00–13:00" in lunch.value.message("pt_BR")
    with pytest.raises(OutsideWorkingHours) as early:
        _book(salon, 8, 30)
    assert "atende das 09:00–18:00" in early.value.message("pt_BR")
    with pytest.raises(OutsideWorkingHours) as sunday:
        _book(salon, 10, day=MONDAY + timedelta(days=6))
    assert "day off" in sunday.value.message("en")
    tuesday = MONDAY + timedelta(days=1)
    set_day_off(salon.shop.station, salon.paula, tuesday, MANAGER_PIN)
    with pytest.raises(OutsideWorkingHours):
        _book(salon, 10, day=tuesday)
    _book(salon, 10, day=tuesday, pro=salon.rita)


def test_moving_and_lengthening_keep_the_rules(salon: Salon) -> None:
    station, cashier = salon.shop.station, salon.shop.cashier_id
    first = _book(salon, 9)
    second = _book(salon, 14, customer=salon.bruno)
    with pytest.raises(AppointmentClash):
        move(station, second, staff_id=cashier, starts_at=at(MONDAY, 9, 20))
    move(station, second, staff_id=cashier, starts_at=at(MONDAY, 9, 40))
    with pytest.raises(AppointmentClash):
        lengthen(station, first, staff_id=cashier, minutes=60)
    move(station, second, staff_id=cashier, starts_at=at(MONDAY, 9, 40), professional_id=salon.rita)
    lengthen(station, first, staff_id=cashier, minutes=60)
    views = {v.uuid: v for v in book_reads.day(station, MONDAY)}
    assert views[first].ends_at == at(MONDAY, 10)
    assert (views[second].professional_id, views[second].starts_at) == (
        salon.rita,
        at(MONDAY, 9, 40),
    )
    assert views[second].minutes == 40


def test_every_change_is_an_outbox_event_for_the_chain(salon: Salon) -> None:
    uuid = _book(salon, 9)
    move(salon.shop.station, uuid, staff_id=salon.shop.cashier_id, starts_at=at(MONDAY, 15))
    with salon.shop.station.read() as session:
        events = session.scalars(
            select(OutboxEvent)
            .where(OutboxEvent.kind == "appointment.saved")
            .order_by(OutboxEvent.id)
        ).all()
        bodies = [json.loads(e.payload) for e in events]
    assert [b["uuid"] for b in bodies] == [uuid, uuid]
    assert bodies[-1]["starts_at"] == at(MONDAY, 15).isoformat()
    assert bodies[-1]["services"][0]["name"] == "Manicure"


def test_arrival_parks_the_cart_and_the_sale_closes_the_appointment(salon: Salon) -> None:
    station = salon.shop.station
    uuid = _book(salon, 10, items=("corte",), pro=salon.rita)
    _book(salon, 9, customer=salon.bruno)
    salon.shop.clock.advance(hours=2)  # 10:00
    arrival = arrive(station, uuid, staff_id=salon.shop.cashier_id)
    assert arrival.lines == (LineRequest(salon.shop.items["corte"], professional_id=salon.rita),)
    (cart,) = parked(station)
    assert cart.customer_id == salon.ana and cart.label == "Agenda 10:00 Ana Lima"
    views = {v.uuid: v for v in book_reads.day(station, MONDAY)}
    assert views[uuid].status is Status.ARRIVED
    with pytest.raises(AppointmentNotChangeable):  # "Chegou" twice parks no second cart
        arrive(station, uuid, staff_id=salon.shop.cashier_id)
    assert len(parked(station)) == 1
    recalled = recall(station, cart.id, salon.shop.cashier_id)
    salon.shop.clock.advance(hours=1)
    sale = checkout(
        station,
        CheckoutRequest(
            staff_id=salon.shop.cashier_id,
            lines=list(recalled.lines),
            payments=[TenderRequest(Tender.CASH, 8_000)],
            customer_id=recalled.customer_id,
        ),
    )
    views = {v.uuid: v for v in book_reads.day(station, MONDAY)}
    assert views[uuid].status is Status.DONE and views[uuid].sale_uuid == sale.uuid
    with pytest.raises(AppointmentNotChangeable) as late:
        set_status(station, uuid, staff_id=salon.shop.cashier_id, status=Status.CANCELLED)
    assert "concluído" in late.value.message("pt_BR")


def test_the_sale_closes_the_appointment_of_a_client_booked_by_name_alone(
    salon: Salon,
) -> None:
    """Joana has no registration: booked by name with Rita at 10:00 (corte). Her cart,
    sold with no customer, closes her appointment; a walk-in's manicure by Rita sold
    before she arrived, or a sale of another service, does not."""
    station, shop = salon.shop.station, salon.shop
    uuid = book(
        station,
        staff_id=shop.cashier_id,
        professional_id=salon.rita,
        starts_at=at(MONDAY, 10),
        item_ids=[shop.items["corte"]],
        client_name="Joana (sem cadastro)",
    )

    def sell(*lines: LineRequest, paid: int) -> str:
        return checkout(
            station,
            CheckoutRequest(
                staff_id=shop.cashier_id,
                lines=list(lines),
                payments=[TenderRequest(Tender.CASH, paid)],
            ),
        ).uuid

    shop.clock.moment = at(MONDAY, 9, 50)
    sell(LineRequest(shop.items["corte"], professional_id=salon.rita), paid=8_000)
    shop.clock.moment = at(MONDAY, 10)
    arrival = arrive(station, uuid, staff_id=shop.cashier_id)
    assert arrival.customer_id is None
    cart = recall(station, arrival.parked_id, shop.cashier_id)
    shop.clock.moment = at(MONDAY, 10, 30)
    sell(LineRequest(shop.items["manicure"], professional_id=salon.rita), paid=3_500)
    (view,) = book_reads.day(station, MONDAY)
    assert view.status is Status.ARRIVED
    shop.clock.moment = at(MONDAY, 11)
    sale = sell(*cart.lines, paid=8_000)
    (view,) = book_reads.day(station, MONDAY)
    assert (view.status, view.sale_uuid) == (Status.DONE, sale)


def test_a_service_taken_out_of_the_catalogue_after_booking_is_left_out_of_the_cart(
    salon: Salon,
) -> None:
    """Ana booked a corte and a manicure with Rita; the manicure was deactivated since. At
    her arrival the cart holds the corte, which can be sold, and the manicure is named as
    left out (before, the cart carried it and the sale was refused: 'Produto ou serviço
    não cadastrado: 5.')."""
    station, shop = salon.shop.station, salon.shop
    uuid = _book(salon, 10, items=("corte", "manicure"), pro=salon.rita)
    with station.write() as session:
        manicure = session.get(Item, shop.items["manicure"])
        assert manicure is not None
        manicure.active = False
    shop.clock.moment = at(MONDAY, 10)
    arrival = arrive(station, uuid, staff_id=shop.cashier_id)
    assert arrival.lines == (LineRequest(shop.items["corte"], professional_id=salon.rita),)
    assert arrival.left_out == ("Manicure",)
    cart = recall(station, arrival.parked_id, shop.cashier_id)
    sale = checkout(
        station,
        CheckoutRequest(
            staff_id=shop.cashier_id,
            lines=list(cart.lines),
            payments=[TenderRequest(Tender.CASH, 8_000)],
            customer_id=cart.customer_id,
        ),
    )
    (view,) = book_reads.day(station, MONDAY)
    assert (view.status, view.sale_uuid) == (Status.DONE, sale.uuid)


def test_no_shows_are_counted_per_client(salon: Salon) -> None:
    station = salon.shop.station
    for hh in (9, 14):
        uuid = _book(salon, hh, customer=salon.bruno)
        set_status(station, uuid, staff_id=salon.shop.cashier_id, status=Status.NO_SHOW)
    kept = _book(salon, 16, customer=salon.bruno)
    set_status(station, kept, staff_id=salon.shop.cashier_id, status=Status.CONFIRMED)
    assert book_reads.no_shows(station, salon.bruno) == 2
    assert book_reads.no_shows(station, salon.ana) == 0
    _book(salon, 9, customer=salon.ana)  # a no-show frees the time for someone else


def test_a_visit_with_two_professionals_is_booked_whole_and_sold_as_one_cart(
    salon: Salon,
) -> None:
    station, shop = salon.shop.station, salon.shop
    _book(salon, 11, pro=salon.rita, customer=salon.bruno)  # Rita is busy 11:00-11:40
    with pytest.raises(AppointmentClash):
        book_visit(
            station,
            staff_id=shop.cashier_id,
            starts_at=at(MONDAY, 10),
            parts=[(salon.paula, [shop.items["manicure"]]), (salon.rita, [shop.items["corte"]])],
            customer_id=salon.ana,
        )
    assert len(book_reads.day(station, MONDAY)) == 1  # nothing of the refused visit kept
    first, second = book_visit(
        station,
        staff_id=shop.cashier_id,
        starts_at=at(MONDAY, 9),
        parts=[(salon.paula, [shop.items["manicure"]]), (salon.rita, [shop.items["corte"]])],
        customer_id=salon.ana,
    )
    views = {v.uuid: v for v in book_reads.day(station, MONDAY)}
    assert (views[second].starts_at, views[second].ends_at) == (
        at(MONDAY, 9, 40),
        at(MONDAY, 10, 40),
    )
    shop.clock.moment = at(MONDAY, 9)
    arrival = arrive(station, first, staff_id=shop.cashier_id)
    assert arrival.lines == (
        LineRequest(shop.items["manicure"], professional_id=salon.paula),
        LineRequest(shop.items["corte"], professional_id=salon.rita),
    )
    cart = recall(station, arrival.parked_id, shop.cashier_id)
    shop.clock.moment = at(MONDAY, 10, 45)
    sale = checkout(
        station,
        CheckoutRequest(
            staff_id=shop.cashier_id,
            lines=list(cart.lines),
            payments=[TenderRequest(Tender.CASH, 11_500)],
            customer_id=salon.ana,
        ),
    )
    views = {v.uuid: v for v in book_reads.day(station, MONDAY)}
    assert {(views[u].status, views[u].sale_uuid) for u in (first, second)} == {
        (Status.DONE, sale.uuid)
    }


def test_a_client_booked_by_name_and_enrolled_at_the_counter_has_her_appointment_closed(
    salon: Salon,
) -> None:
    """Joana, booked by name with Rita at 10:00 (corte), arrives and the cashier enrols her
    at the counter so she earns her cashback: the sale, now to a customer, closes Joana's
    appointment (before: it stayed 'Chegou' forever). Ana, booked with Rita at 10:00 too,
    keeps her own sale: Joana's appointment does not take it."""
    station, shop = salon.shop.station, salon.shop
    joana = book(station, staff_id=shop.cashier_id, professional_id=salon.rita,
                 starts_at=at(MONDAY, 10), item_ids=[shop.items["corte"]],
                 client_name="Joana (sem cadastro)")  # fmt: skip
    ana = book(station, staff_id=shop.cashier_id, professional_id=salon.rita,
               starts_at=at(MONDAY, 11), item_ids=[shop.items["corte"]],
               customer_id=salon.ana)  # fmt: skip
    shop.clock.moment = at(MONDAY, 10)
    joana_cart = recall(station, arrive(station, joana, staff_id=shop.cashier_id).parked_id,
                        shop.cashier_id)  # fmt: skip
    ana_cart = recall(station, arrive(station, ana, staff_id=shop.cashier_id).parked_id,
                      shop.cashier_id)  # fmt: skip

    def sell(lines: list[LineRequest], customer: int) -> str:
        return checkout(
            station,
            CheckoutRequest(
                staff_id=shop.cashier_id,
                lines=lines,
                payments=[TenderRequest(Tender.CASH, 8_000)],
                customer_id=customer,
            ),
        ).uuid

    shop.clock.moment = at(MONDAY, 11)
    ana_sale = sell(list(ana_cart.lines), salon.ana)
    enrolled = shop.enrol("Joana Souza", phone="11955554444")
    joana_sale = sell(list(joana_cart.lines), enrolled)
    views = {view.uuid: view for view in book_reads.day(station, MONDAY)}
    assert (views[joana].status, views[joana].sale_uuid) == (Status.DONE, joana_sale)
    assert (views[ana].status, views[ana].sale_uuid) == (Status.DONE, ana_sale)
