"""Customers at the counter: enrolment with consent, look-up, balance, history."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select

from db.models import Customer, OutboxEvent
from posapp.core.errors import UnknownReferralCode
from posapp.services.customers import registry as customers
from posapp.services.customers.registry import Enrolment, enrol
from posapp.services.sales.checkout import LineRequest
from posapp.services.sales.quote import quote
from tests.support import Shop

MakeShop = Callable[..., Shop]


def test_enrolment_normalizes_documents_and_records_consent(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    summary = enrol(
        shop.station,
        Enrolment(
            name="  João   da  Silva ",
            cpf="529.982.247-25",
            phone="(11) 98765-4321",
            marketing_consent=True,
        ),
    )
    assert (summary.name, summary.cpf, summary.phone) == (
        "João da Silva",
        "52998224725",
        "+5511987654321",
    )
    with shop.station.read() as session:
        customer = session.get(Customer, summary.id)
        assert customer is not None and customer.consent_at == shop.clock()
        kinds = session.scalars(select(OutboxEvent.kind)).all()
    assert kinds == ["customer.enrolled"]
    with pytest.raises(UnknownReferralCode):
        enrol(
            shop.station, Enrolment(name="Bia", phone="21 99876-5432", referred_by_code="NOPE1234")
        )


def test_search_by_cpf_phone_or_a_fragment_of_the_name(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    joao = shop.enrol("João da Silva", cpf="529.982.247-25")
    maria = shop.enrol("Maria Conceição Souza", phone="(21) 99876-5432")
    shop.enrol("Mariana Lopes", phone="(31) 99123-4567")

    def names(query: str) -> list[str]:
        return sorted(c.name for c in customers.search(shop.station, query))

    assert [c.id for c in customers.search(shop.station, "529.982.247-25")] == [joao]
    assert [c.id for c in customers.search(shop.station, "21998765432")] == [maria]
    assert names("joao") == ["João da Silva"]  # accents do not matter
    assert names("mari") == ["Maria Conceição Souza", "Mariana Lopes"]
    assert names("conceicao sou") == ["Maria Conceição Souza"]
    assert names("52998") == ["João da Silva"]  # the start of a CPF
    assert names("xyz") == []


def test_search_finds_a_mobile_by_its_start_and_many_names_in_one_bounded_answer(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("salon")
    shop.enrol("Maria Conceição Souza", phone="(21) 99876-5432")
    shop.enrol("Mariana Lopes", phone="(31) 99123-4567")
    for n in range(customers.SEARCH_LIMIT + 5):
        shop.enrol(f"Marcos {n:02d} Prado", phone=f"(11) 98{n:03d}-1111")

    def names(query: str) -> list[str]:
        return sorted(c.name for c in customers.search(shop.station, query))

    assert names("(21) 99876") == ["Maria Conceição Souza"]  # DDD and the start of the number
    assert names("3199123") == ["Mariana Lopes"]
    assert names("5432") == []  # the end of a number alone names no one
    found = customers.search(shop.station, "ma")
    assert len(found) == customers.SEARCH_LIMIT  # never more rows than the table shows
    assert all(c.name.lower().startswith("ma") for c in found)
    [prado] = customers.search(shop.station, "marcos 07")
    assert prado.name == "Marcos 07 Prado" and prado.balance_units == 0


def _found(shop: Shop, query: str) -> list[int]:
    return [c.id for c in customers.search(shop.station, query)]


def test_a_mobile_as_written_finds_its_customer_and_a_wrong_area_code_finds_no_one(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("salon")
    maria = shop.enrol("Maria Conceição Souza", phone="(21) 99876-5432")
    bia = shop.enrol("Bia Prado", phone="(11) 91234-0000")
    shop.enrol("João da Silva", cpf="529.982.247-25")

    for written in ("(21) 99876-5432", "(21)99876-5432", "(21) 998765432", " (21) 99876-5432 "):
        assert _found(shop, written) == [maria] == _found(shop, "21998765432"), written
    assert _found(shop, "(11) 91234-0000") == [bia] == _found(shop, "+55 11 91234-0000")
    assert _found(shop, "(20) 99876-5432") == []  # no area code 20: not a mobile
    assert _found(shop, "(21) 99876-5433") == []
    assert _found(shop, "(21) 99876") == [maria]  # the start of a number, as before


def test_a_cpf_as_written_finds_its_customer_and_one_that_is_also_a_mobile_finds_both(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("salon")
    joao = shop.enrol("João da Silva", cpf="529.982.247-25")
    carla = shop.enrol("Carla Dias", cpf="119.123.456-84")  # its digits: a São Paulo mobile
    davi = shop.enrol("Davi Reis", phone="(11) 91234-5684")

    assert _found(shop, "529.982.247-25") == [joao] == _found(shop, "52998224725")
    assert _found(shop, " 529.982.247-25") == [joao]
    assert _found(shop, "529.982.247-26") == []  # a wrong check digit names no one
    both = _found(shop, "119.123.456-84")
    assert both == [carla, davi] == _found(shop, "11912345684")  # the CPF first
    assert _found(shop, "(11) 91234-5684") == [davi]


def test_account_shows_spendable_pending_expiring_and_history(make_shop: MakeShop) -> None:
    shop = make_shop("fashion")
    maria = shop.enrol("Maria Silva", cpf="529.982.247-25")
    shop.sell("batom", customer=maria, pix=4_990)
    shop.clock.advance(days=160)
    shop.sell("vestido", customer=maria, pix=20_000)  # the voucher takes the balance

    account = customers.account(shop.station, maria)
    assert account.balance.total == 0
    assert [v.value for v in account.open_vouchers] == [2_499]
    history = customers.history(shop.station, maria)
    assert [(row.kind, row.amount, row.sale_number) for row in history] == [
        ("earn", 499, 1),
        ("earn", 2_000, 2),
        ("voucher_issue", -2_499, 2),
    ]
    assert customers.vouchers(shop.station, maria)[0].status == "open"
    shop.clock.advance(days=61)
    assert customers.vouchers(shop.station, maria)[0].status == "expired"


def test_cashback_about_to_expire_is_shown_as_expiring_soon(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    shop.sell("corte", customer=carla, pix=8_000)
    assert customers.account(shop.station, carla).balance.expiring_soon == 0
    shop.clock.advance(days=155)  # expires at 180 days: 25 left
    account = customers.account(shop.station, carla)
    assert (account.balance.spendable, account.balance.expiring_soon) == (800, 800)


def test_the_quote_shows_what_the_cart_will_earn_before_it_is_paid(make_shop: MakeShop) -> None:
    shop = make_shop("cosmetics")
    bia = shop.enrol("Beatriz Costa", phone="(21) 99876-5432")
    shop.sell("vestido", customer=bia, pix=20_000)  # R$ 20,00 to spend
    lines = [LineRequest(shop.items["shampoo"]), LineRequest(shop.items["batom"], 2)]
    seen = quote(shop.station, lines, customer_id=bia)
    assert (seen.gross, seen.total, seen.earn_units) == (12_980, 12_980, 1_298)
    assert seen.redeem_cap == 2_000  # half of R$ 129,80, but only R$ 20,00 is there
    paying = quote(shop.station, lines, customer_id=bia, loyalty_paid=2_000)
    assert paying.earn_units == 1_098  # nothing earned on what cashback pays
    assert quote(shop.station, lines).earn_units == 0  # no customer, nothing to earn


def test_a_mobile_typed_without_its_area_code_finds_the_customer(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    joana = shop.enrol("Joana Prado", phone="(21) 98765-4321")
    shop.enrol("Outra Pessoa", phone="(11) 91234-0000")
    for typed in ("98765-4321", "987654321", "8765-4321"):
        assert [c.id for c in customers.search(shop.station, typed)] == [joana], typed
    assert customers.search(shop.station, "98765-4320") == []
    plan = customers._by_local_number("987654321")
    with shop.station.read() as session:
        steps = (
            session.connection()
            .exec_driver_sql(
                "EXPLAIN QUERY PLAN " + plan,
                {"cpf_lo": "987654321", "cpf_hi": "987654321:", "n": 5},
            )
            .all()
        )
    assert not any("SCAN c" in str(step[-1]) for step in steps), steps  # index probes only
