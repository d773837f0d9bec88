"""A customer's details across a chain: her latest edit stands at every counter and at
the endpoint, whatever order the counters' upserts arrive in. A counter that edited her
while offline and pushes late does not overwrite a newer edit made meanwhile elsewhere.
The whole record goes by the moment of its last edit (no merge field by field). Real
SQLite counters, a real `posapp-cloud serve` over PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import datetime

import psycopg
from sqlalchemy import select

from db.models import Customer
from posapp.services.customers.edit import update_customer
from posapp.services.customers.privacy import anonymize_customer
from posapp.services.sync.push import customer_body
from tests.support import MANAGER_PIN, MovableClock
from tests.sync.conftest import Counter, Network, converge

MARIA = {"cpf": "529.982.247-25", "phone": "(11) 98765-4321", "email": "maria@example.com"}
OLD_PHONE = "+5511987654321"
A_PHONE, B_PHONE = "+5511911112222", "+5511933334444"


def details(counter: Counter, customer_uuid: str) -> tuple[str | None, str | None]:
    """Her phone and e-mail at the counter."""
    with counter.station.read() as session:
        customer = session.scalars(select(Customer).where(Customer.uuid == customer_uuid)).one()
        return customer.phone, customer.email


def at_endpoint(network: Network, customer_uuid: str) -> tuple[str | None, str | None]:
    """Her phone and e-mail in the endpoint's copy (what its delivery writes to)."""
    with psycopg.connect(network.server.dsn) as connection:
        row = connection.execute(
            "SELECT data->>'phone', data->>'email' FROM customer WHERE uuid = %s",
            (customer_uuid,),
        ).fetchone()
    assert row is not None
    return row[0], row[1]


def edit(counter: Counter, customer_uuid: str, **changes: str) -> None:
    update_customer(
        counter.station,
        counter.customer_id(customer_uuid),
        staff_id=counter.shop.cashier_id,
        **changes,  # type: ignore[arg-type]
    )


def three_counters_with_maria(network: Network) -> tuple[Counter, Counter, Counter, str]:
    a, b, c = network.make("A"), network.make("B"), network.make("C")
    maria = a.shop.enrol("Maria Souza", **MARIA)
    converge(a, b, c)
    return a, b, c, a.customer_uuid(maria)


def everywhere(network: Network, maria: str, *counters: Counter) -> set[tuple[str | None, ...]]:
    return {at_endpoint(network, maria), *(details(counter, maria) for counter in counters)}


def test_an_older_edit_pushed_late_does_not_overwrite_a_newer_one_anywhere(
    network: Network, clock: MovableClock
) -> None:
    """A edits her phone offline; B edits it five minutes later and pushes first; A's
    older edit then reaches the endpoint, B and C."""
    a, b, c, maria = three_counters_with_maria(network)
    clock.advance(hours=1)
    edit(a, maria, phone=A_PHONE)  # offline
    clock.advance(minutes=5)
    edit(b, maria, phone=B_PHONE)
    assert b.sync().ok
    assert a.sync().ok  # A's older edit arrives last
    converge(b, c, a)

    assert details(b, maria)[0] == B_PHONE
    assert at_endpoint(network, maria)[0] == B_PHONE
    assert details(c, maria)[0] == B_PHONE
    assert details(a, maria)[0] == B_PHONE


def test_the_older_edit_arriving_first_is_replaced_by_the_newer_everywhere(
    network: Network, clock: MovableClock
) -> None:
    a, b, c, maria = three_counters_with_maria(network)
    clock.advance(hours=1)
    edit(a, maria, phone=A_PHONE)
    clock.advance(minutes=5)
    edit(b, maria, phone=B_PHONE)  # B has not pulled A's edit
    assert a.sync().ok
    assert b.sync().ok
    converge(c, a, b)

    assert everywhere(network, maria, a, b, c) == {(B_PHONE, MARIA["email"])}


def test_a_newer_edit_of_another_field_carries_the_whole_record_it_was_made_on(
    network: Network, clock: MovableClock
) -> None:
    """B changes her phone; five minutes later A, which has not heard of it, changes her
    e-mail. The newer record wins whole: A's new e-mail with the phone A held, so B's
    phone change is lost, but the same way at every counter and at the endpoint (no
    merge field by field: each upsert is the customer as its counter holds her)."""
    a, b, c, maria = three_counters_with_maria(network)
    clock.advance(hours=1)
    edit(b, maria, phone=B_PHONE)
    assert b.sync().ok
    clock.advance(minutes=5)
    edit(a, maria, email="maria.nova@example.com")  # A has not pulled B's phone
    assert a.sync().ok
    converge(c, b, a)

    assert everywhere(network, maria, a, b, c) == {(OLD_PHONE, "maria.nova@example.com")}


def test_an_upsert_from_a_counter_before_the_field_is_dated_by_its_event(
    network: Network, clock: MovableClock
) -> None:
    """A counter still on the version before `details_changed_at` sends none: its upsert
    counts from the event's `created_at`. Written before B's edit, it does not undo it;
    written after, it applies as it always did."""
    a, b, c, maria = three_counters_with_maria(network)
    with c.station.read() as session:
        row = session.scalars(select(Customer).where(Customer.uuid == maria)).one()
        old = customer_body(row, None)
    old.pop("details_changed_at", None)
    old.update(phone=A_PHONE)
    clock.advance(hours=1)
    written = clock.moment
    clock.advance(minutes=5)
    edit(b, maria, phone=B_PHONE)
    assert b.sync().ok
    push_as_old_counter(c, old, written)  # C's stale edit arrives after B's newer one
    converge(a, b)
    assert everywhere(network, maria, a, b) == {(B_PHONE, MARIA["email"])}

    clock.advance(minutes=5)
    push_as_old_counter(c, old, clock.moment)  # the same edit made again, now the newest
    converge(a, b)
    assert everywhere(network, maria, a, b) == {(A_PHONE, MARIA["email"])}


def push_as_old_counter(counter: Counter, body: dict[str, object], at: datetime) -> None:
    ack = counter.default_client.push(
        [
            {
                "uuid": str(uuid.uuid4()),
                "kind": "customer.upsert",
                "created_at": at.isoformat(),
                "body": body,
            }
        ]
    )
    assert ack.accepted == 1


def test_a_late_older_edit_does_not_undo_an_anonymization(
    network: Network, clock: MovableClock
) -> None:
    """Anonymization stays one-way, even against an edit dated after it."""
    a, b, c, maria = three_counters_with_maria(network)
    clock.advance(hours=1)
    anonymize_customer(b.station, b.customer_id(maria), MANAGER_PIN, "pedido da cliente")
    assert b.sync().ok
    clock.advance(minutes=5)
    edit(a, maria, phone=A_PHONE)  # A had not heard of it
    assert a.sync().ok
    converge(c, b, a)
    assert everywhere(network, maria, a, b, c) == {(None, None)}
