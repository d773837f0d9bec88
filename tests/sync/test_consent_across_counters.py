"""A customer's marketing consent across a chain: her latest decision stands, whatever
order the counters' upserts reach the endpoint in. An edit written at a counter that had
not heard of a withdrawal (a phone change, a name fix) keeps its other fields but does
not grant the consent again; a real new consent given later does count. Real SQLite
counters, a real `posapp-cloud serve` over PostgreSQL, our local Graph API server."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta

import psycopg
import pytest
from sqlalchemy import select

from db.models import Customer
from messaging.testing.graph_server import GraphApi, GraphServer
from posapp.services.customers.edit import update_customer
from posapp.services.sync.push import customer_body
from tests.support import MovableClock
from tests.sync.conftest import Counter, Network, converge
from tests.sync.test_reminders_across_counters import IDLE_DAYS, reminders, reminding
from tests.sync.test_whatsapp_via_endpoint import (
    APP_SECRET,
    NUMBER_ID,
    TOKEN,
    whatsapp_delivery,
)

MARIA = {"cpf": "529.982.247-25", "phone": "(11) 98765-4321", "email": "maria@example.com"}


@pytest.fixture
def graph(monkeypatch: pytest.MonkeyPatch) -> Iterator[GraphServer]:
    monkeypatch.setenv("POSAPP_CLOUD_DELIVERY_INTERVAL", "0")  # no background delivery
    api = GraphApi(
        NUMBER_ID, TOKEN, APP_SECRET, {"boas_vindas": 2, "cashback_creditado": 4, "vale_emitido": 4}
    )
    with GraphServer(api) as server:
        yield server


def consent(counter: Counter, customer_uuid: str) -> tuple[bool, str | None]:
    """Her consent at the counter, and her phone there."""
    with counter.station.read() as session:
        customer = session.scalars(select(Customer).where(Customer.uuid == customer_uuid)).one()
        return customer.marketing_consent, customer.phone


def at_endpoint(network: Network, customer_uuid: str) -> tuple[bool, str | None]:
    """Her consent and phone in the endpoint's copy (what its delivery checks)."""
    with psycopg.connect(network.server.dsn) as connection:
        row = connection.execute(
            "SELECT (data->>'marketing_consent')::boolean, data->>'phone' FROM customer "
            "WHERE uuid = %s",
            (customer_uuid,),
        ).fetchone()
    assert row is not None
    return bool(row[0]), row[1]


def set_consent(counter: Counter, customer_uuid: str, given: bool) -> None:
    update_customer(
        counter.station,
        counter.customer_id(customer_uuid),
        staff_id=counter.shop.cashier_id,
        marketing_consent=given,
    )


def new_phone(counter: Counter, customer_uuid: str, phone: str) -> None:
    update_customer(
        counter.station,
        counter.customer_id(customer_uuid),
        staff_id=counter.shop.cashier_id,
        phone=phone,
    )


def two_counters_with_maria(
    network: Network, *, consent_given: bool = True
) -> tuple[Counter, Counter, str]:
    a, b = network.make("A"), network.make("B")
    reminding(a)
    reminding(b)
    maria = a.shop.enrol("Maria Souza", marketing_consent=consent_given, **MARIA)
    a.sell("dipirona", customer=maria, cash=1_250)
    converge(a, b)
    return a, b, a.customer_uuid(maria)


def test_an_edit_at_a_counter_that_had_not_heard_of_the_withdrawal_does_not_grant_it_again(
    network: Network, clock: MovableClock
) -> None:
    a, b, maria = two_counters_with_maria(network)
    clock.advance(hours=1)
    set_consent(a, maria, False)  # she asks at A for no more offers
    assert a.sync().ok
    clock.advance(hours=1)
    new_phone(b, maria, "(11) 97777-6666")  # B has not pulled since: consent still true there
    assert b.sync().ok
    converge(a, b)

    assert at_endpoint(network, maria) == (False, "+5511977776666")
    assert consent(a, maria) == (False, "+5511977776666")  # the rest of B's edit applies
    assert consent(b, maria)[0] is False
    clock.advance(days=IDLE_DAYS + 1)
    assert reminders(a) == [] and reminders(b) == []


def test_a_parar_reply_then_an_upsert_written_before_it_leaves_the_consent_withdrawn(
    network: Network, clock: MovableClock, graph: GraphServer
) -> None:
    assert whatsapp_delivery(network, graph).status_code == 200
    a, b, maria = two_counters_with_maria(network)
    stop = graph.api.send_reply("5511987654321", "PARAR")
    assert stop.status_code == 200 and stop.json() == {"changed": 1}
    clock.advance(hours=1)
    new_phone(b, maria, "(11) 97777-6666")  # B has not heard of the reply yet
    assert b.sync().ok
    converge(a, b)

    assert at_endpoint(network, maria) == (False, "+5511977776666")
    assert consent(a, maria) == (False, "+5511977776666")  # the rest of B's edit applies
    assert consent(b, maria)[0] is False
    clock.advance(days=IDLE_DAYS + 1)
    assert reminders(a) == [] and reminders(b) == []


def test_a_new_consent_given_at_b_after_the_withdrawal_counts_everywhere(
    network: Network, clock: MovableClock
) -> None:
    a, b, maria = two_counters_with_maria(network)
    clock.advance(hours=1)
    set_consent(a, maria, False)
    assert a.sync().ok and b.sync().ok
    clock.advance(hours=1)
    set_consent(b, maria, True)  # back at B, she asks for the offers again
    assert b.sync().ok
    clock.advance(hours=1)
    new_phone(a, maria, "(11) 97777-6666")  # A had not pulled her new consent yet
    assert a.sync().ok
    converge(a, b)

    assert at_endpoint(network, maria) == (True, "+5511977776666")
    assert consent(a, maria)[0] is True and consent(b, maria)[0] is True
    clock.advance(days=IDLE_DAYS + 1)
    [at_a], [at_b] = reminders(a), reminders(b)
    assert at_a == at_b


def test_a_parar_reply_before_an_earlier_consent_reaches_the_endpoint_still_stops_her(
    network: Network, clock: MovableClock, graph: GraphServer
) -> None:
    """Out of order: she agrees at B (offline), then replies PARAR; B's upsert of the
    earlier consent arrives after the reply."""
    assert whatsapp_delivery(network, graph).status_code == 200
    a, b, maria = two_counters_with_maria(network, consent_given=False)
    set_consent(b, maria, True)  # not pushed yet
    stop = graph.api.send_reply("5511987654321", "SAIR")
    assert stop.status_code == 200 and stop.json() == {"changed": 1}
    converge(b, a)

    assert at_endpoint(network, maria)[0] is False
    assert consent(a, maria)[0] is False and consent(b, maria)[0] is False
    clock.advance(days=IDLE_DAYS + 1)
    assert reminders(a) == [] and reminders(b) == []


def test_an_older_decision_arriving_last_and_an_older_counters_upsert_do_not_win(
    network: Network, clock: MovableClock
) -> None:
    """A withdraws while offline; B, later, withdraws and gives her consent again and
    pushes first; A's older withdrawal then arrives. And a counter still on the version
    before `consent_changed_at` (no such field) re-grants only with a newer consent."""
    a, b, maria = two_counters_with_maria(network)
    clock.advance(hours=1)
    set_consent(a, maria, False)  # offline
    clock.advance(hours=1)
    set_consent(b, maria, False)
    clock.advance(minutes=5)
    set_consent(b, maria, True)  # her latest decision
    assert b.sync().ok
    assert a.sync().ok
    converge(a, b)
    assert at_endpoint(network, maria)[0] is True
    assert consent(a, maria)[0] is True and consent(b, maria)[0] is True

    clock.advance(hours=1)
    set_consent(a, maria, False)
    assert a.sync().ok
    c = network.make("C")  # stands for a counter on the version before the field
    assert c.sync().ok
    with c.station.read() as session:
        row = session.scalars(select(Customer).where(Customer.uuid == maria)).one()
        old = customer_body(row, None)
    stale_at = clock.moment - timedelta(hours=2)
    old.pop("consent_changed_at", None)
    old.pop("details_changed_at", None)  # nor this one: its edit is dated by its event
    old.update(marketing_consent=True, consent_at=stale_at.isoformat(), name="Maria S. Souza")
    push_as_old_counter(c, old, clock)
    converge(a, b)
    assert at_endpoint(network, maria)[0] is False
    assert consent(a, maria)[0] is False and consent(b, maria)[0] is False
    with a.station.read() as session:
        assert session.scalars(select(Customer.name).where(Customer.uuid == maria)).one() == (
            "Maria S. Souza"
        )

    clock.advance(hours=1)
    old.update(consent_at=clock.moment.isoformat())  # a consent given after the withdrawal
    push_as_old_counter(c, old, clock)
    converge(a, b)
    assert at_endpoint(network, maria)[0] is True
    assert consent(a, maria)[0] is True and consent(b, maria)[0] is True


def push_as_old_counter(counter: Counter, body: dict[str, object], clock: MovableClock) -> None:
    ack = counter.default_client.push(
        [
            {
                "uuid": str(uuid.uuid4()),
                "kind": "customer.upsert",
                "created_at": clock.moment.isoformat(),
                "body": body,
            }
        ]
    )
    assert ack.accepted == 1
