"""Editing a customer's details: enrolment's rules, consent time, outbox and audit."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import select

from db.models import AuditLog, Customer, OutboxEvent
from posapp.core.errors import (
    CustomerIdentityRequired,
    DuplicateCustomer,
    InvalidCPF,
    InvalidPhone,
    NotAuthorized,
)
from posapp.services.customers import history as customer_history
from posapp.services.customers.edit import update_customer
from tests.support import Shop

MakeShop = Callable[..., Shop]


def _events(shop: Shop, kind: str) -> list[dict[str, object]]:
    with shop.station.read() as session:
        rows = session.scalars(select(OutboxEvent).where(OutboxEvent.kind == kind))
        return [json.loads(row.payload) for row in rows]


def _audits(shop: Shop) -> list[AuditLog]:
    with shop.station.read() as session:
        return list(
            session.scalars(select(AuditLog).where(AuditLog.action == "customer.update")).all()
        )


def test_details_change_with_an_event_and_an_audit_row(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    ana = shop.enrol("Ana Souza", cpf="529.982.247-25")
    result = update_customer(
        shop.station,
        ana,
        staff_id=shop.cashier_id,
        name="  Ana   Souza Lima ",
        phone="(11) 98765-4321",
        email="ana@example.com",
        birthday=date(1990, 5, 17),
    )
    assert set(result.changed) == {"name", "phone", "email", "birthday"}
    shown = customer_history.profile(shop.station, ana)
    assert (shown.name, shown.phone, shown.email, shown.birthday) == (
        "Ana Souza Lima",
        "+5511987654321",
        "ana@example.com",
        date(1990, 5, 17),
    )
    (event,) = _events(shop, "customer.updated")
    assert event["changes"]["name"] == "Ana Souza Lima"  # type: ignore[index]
    (row,) = _audits(shop)
    assert row.staff_id == shop.cashier_id
    assert json.loads(row.details)["changed"]["name"] == ["Ana Souza", "Ana Souza Lima"]


def test_nothing_changed_writes_nothing(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    ana = shop.enrol("Ana Souza", cpf="529.982.247-25")
    result = update_customer(shop.station, ana, staff_id=shop.cashier_id, name="Ana Souza")
    assert result.changed == {}
    assert _events(shop, "customer.updated") == [] and _audits(shop) == []


def test_consent_granted_records_its_moment_and_withdrawn_clears_it(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    ana = shop.enrol("Ana Souza", cpf="529.982.247-25")
    shop.clock.advance(days=3)
    update_customer(shop.station, ana, staff_id=shop.cashier_id, marketing_consent=True)
    granted = customer_history.profile(shop.station, ana)
    assert granted.marketing_consent and granted.consent_at == shop.clock()
    update_customer(shop.station, ana, staff_id=shop.cashier_id, marketing_consent=False)
    withdrawn = customer_history.profile(shop.station, ana)
    assert not withdrawn.marketing_consent and withdrawn.consent_at is None
    assert len(_events(shop, "customer.updated")) == 2


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"cpf": "123.456.789-00"}, InvalidCPF),
        ({"phone": "(11) 1234-5678"}, InvalidPhone),
        ({"cpf": None}, CustomerIdentityRequired),
        ({"cpf": "111.444.777-35"}, DuplicateCustomer),
    ],
)
def test_refusals_write_nothing(
    make_shop: MakeShop, changes: dict[str, object], error: type[Exception]
) -> None:
    shop = make_shop("salon")
    ana = shop.enrol("Ana Souza", cpf="529.982.247-25")
    shop.enrol("Bia Rocha", cpf="111.444.777-35")
    with pytest.raises(error):
        update_customer(shop.station, ana, staff_id=shop.cashier_id, **changes)  # type: ignore[arg-type]
    with shop.station.read() as session:
        customer = session.get(Customer, ana)
        assert customer is not None and customer.cpf == "52998224725"
    assert _events(shop, "customer.updated") == [] and _audits(shop) == []


def test_an_unknown_staff_member_cannot_edit(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    ana = shop.enrol("Ana Souza", cpf="529.982.247-25")
    with pytest.raises(NotAuthorized):
        update_customer(shop.station, ana, staff_id=9_999, name="Outra")


def test_history_names_the_sale_and_referrals_what_they_earned(make_shop: MakeShop) -> None:
    shop = make_shop("pharmacy")
    ana = shop.enrol("Ana Souza", cpf="529.982.247-25")
    code = customer_history.profile(shop.station, ana).referral_code
    joao = shop.enrol("João Lima", phone="(11) 98765-4321", referred_by_code=code)
    shop.enrol("Bia Rocha", cpf="111.444.777-35", referred_by_code=code)
    sale = shop.sell("shampoo", customer=joao, pix=3_000)

    rows = customer_history.ledger(shop.station, joao)
    earn = next(r for r in rows if r.kind == "earn")
    assert (earn.sale_id, earn.sale_number, earn.value) == (sale.sale_id, sale.number, 150)
    assert rows[0].id > rows[-1].id  # newest first

    assert customer_history.profile(shop.station, joao).referred_by == "Ana Souza"
    assert [
        (r.name, r.purchases, r.bonus) for r in customer_history.referrals(shop.station, ana)
    ] == [("João Lima", 1, 1_000), ("Bia Rocha", 0, 0)]
