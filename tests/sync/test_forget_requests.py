"""A customer's request to be forgotten, pulled from the endpoint, becomes a row managers
settle: anonymize the customer with a PIN, or dismiss it with a reason."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from sqlalchemy import select

from db.models import AuditLog, Customer, OutboxEvent
from posapp.core.errors import NotAuthorized, ReasonRequired
from posapp.services.customers.privacy import ANONYMOUS_NAME
from posapp.services.sync.client import PulledEvent
from posapp.services.sync.conflicts import conflicts, open_conflicts, settle_forget_request
from posapp.services.sync.pull import apply_page
from tests.support import CASHIER_PIN, MANAGER_PIN, Shop

MakeShop = Callable[..., Shop]


def _asked(shop: Shop, customer_id: int, seq: int = 1) -> None:
    with shop.station.read() as session:
        customer = session.get(Customer, customer_id)
        assert customer is not None
        customer_uuid = customer.uuid
    event = PulledEvent(
        seq,
        f"00000000-0000-4000-8000-{seq:012d}",
        "customer.forget_requested",
        "2026-03-02T15:00:00+00:00",
        None,
        None,
        {"customer": customer_uuid, "requested_at": "2026-03-02T14:59:00+00:00"},
    )
    apply_page(shop.station, [event], seq)


def test_the_pulled_request_is_one_open_row_with_the_customers_name(make_shop: MakeShop) -> None:
    shop = make_shop("fashion")
    maria = shop.enrol("Maria Souza", cpf="529.982.247-25")

    _asked(shop, maria, 1)
    _asked(shop, maria, 2)  # asked twice on the page: still one row

    [row] = open_conflicts(shop.station)
    assert (row.kind, row.customer_name) == ("forget_request", "Maria Souza")
    assert row.detail is not None and "pediu para ser esquecido" in row.detail


def test_a_manager_anonymizes_the_customer_from_the_row(make_shop: MakeShop) -> None:
    shop = make_shop("fashion")
    maria = shop.enrol("Maria Souza", cpf="529.982.247-25", email="maria@example.com")
    _asked(shop, maria)
    [row] = open_conflicts(shop.station)

    with pytest.raises(NotAuthorized):
        settle_forget_request(
            shop.station, row.id, True, "", staff_id=shop.cashier_id, manager_pin=CASHIER_PIN
        )
    assert [r.id for r in open_conflicts(shop.station)] == [row.id]

    done = settle_forget_request(
        shop.station, row.id, True, "", staff_id=shop.cashier_id, manager_pin=MANAGER_PIN
    )

    assert (done.status, done.resolution) == ("resolved", "anonymized")
    assert open_conflicts(shop.station) == []
    with shop.station.read() as session:
        customer = session.get(Customer, maria)
        assert customer is not None
        assert (customer.name, customer.cpf, customer.email) == (ANONYMOUS_NAME, None, None)
        told = [
            json.loads(e.payload)["customer"]
            for e in session.scalars(
                select(OutboxEvent).where(OutboxEvent.kind == "customer.anonymized")
            )
        ]
        actions = set(session.scalars(select(AuditLog.action)))
    assert told == [customer.uuid]  # the chain hears of it at the next push
    assert {"customer.anonymize", "customer.forget_request"} <= actions
    _asked(shop, maria, 3)  # the request pulled again later: nobody left to forget
    assert open_conflicts(shop.station) == []


def test_dismissing_needs_a_reason_and_keeps_the_customer(make_shop: MakeShop) -> None:
    shop = make_shop("fashion")
    maria = shop.enrol("Maria Souza", cpf="529.982.247-25")
    _asked(shop, maria)
    [row] = open_conflicts(shop.station)

    with pytest.raises(ReasonRequired) as refused:
        settle_forget_request(
            shop.station, row.id, False, "  ", staff_id=shop.manager_id, manager_pin=MANAGER_PIN
        )
    assert (refused.value.message("pt_BR"), refused.value.message("en")) == (
        "Informe o motivo.",
        "Enter a reason.",
    )

    settle_forget_request(
        shop.station,
        row.id,
        False,
        "nota fiscal em aberto: guarda obrigatória",
        staff_id=shop.manager_id,
        manager_pin=MANAGER_PIN,
    )

    [closed] = conflicts(shop.station)
    assert (closed.status, closed.resolution) == ("resolved", "dismissed")
    with shop.station.read() as session:
        customer = session.get(Customer, maria)
        assert customer is not None and customer.name == "Maria Souza"
