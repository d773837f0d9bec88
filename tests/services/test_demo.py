"""The demo shop: what `posapp --demo` and `posapp demo-data` put in front of people."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.models import (
    Customer,
    CustomerBalance,
    Item,
    LedgerEntry,
    OutboxEvent,
    Sale,
    SaleLine,
    SalePayment,
    Staff,
    Voucher,
)
from posapp.core.cpf import is_valid_cpf
from posapp.core.gtin import is_valid_gtin
from posapp.core.phone import is_valid_mobile
from posapp.core.presets import PRESETS
from posapp.services.common.auth import Role, sign_in
from posapp.services.common.station import Station, open_station
from posapp.services.loyalty.verify import verify
from posapp.services.onboarding.demo import (
    BRT,
    HISTORY_DAYS,
    SERVICES,
    DemoSummary,
    fill_demo,
    has_sales,
)
from posapp.services.sales.catalog import find_by_code
from tests.support import open_shop

NOW = datetime(2026, 3, 20, 15, 30, tzinfo=UTC)


@pytest.fixture
def station(tmp_path: Path) -> Iterator[Station]:
    opened = open_station(tmp_path / "demo.sqlite", clock=lambda: NOW)
    yield opened
    opened.close()


@pytest.fixture
def filled(station: Station) -> tuple[Station, DemoSummary]:
    summary = fill_demo(station, customers=80, products=60, sales=150, now=NOW)
    return station, summary


def test_the_demo_has_the_promised_counts(filled: tuple[Station, DemoSummary]) -> None:
    station, summary = filled
    assert (summary.customers, summary.products, summary.services, summary.sales) == (
        80,
        60,
        len(SERVICES),
        150,
    )
    assert summary.created_store and summary.program_key == "salon"
    with station.read() as session:
        kinds = Counter(session.scalars(select(Item.kind)))
        assert kinds == {"product": 60, "service": len(SERVICES)}
        assert session.scalar(select(func.count(Customer.id))) == 80
        assert session.scalar(select(func.count(Sale.id))) == 150
        enrolled = session.scalar(
            select(func.count(OutboxEvent.id)).where(OutboxEvent.kind == "customer.enrolled")
        )
        assert enrolled == 80
        assert session.scalar(select(func.count(Staff.id))) == len(summary.staff)


def test_every_customer_has_a_valid_document_and_a_unique_referral_code(
    filled: tuple[Station, DemoSummary],
) -> None:
    station, summary = filled
    with station.read() as session:
        people = session.scalars(select(Customer)).all()
    assert all(c.cpf or c.phone for c in people)
    assert all(is_valid_cpf(c.cpf) for c in people if c.cpf)
    assert all(is_valid_mobile(c.phone) for c in people if c.phone)
    assert sum(1 for c in people if c.cpf) > len(people) // 2
    assert any(c.phone and not c.cpf for c in people)
    assert len({c.referral_code for c in people}) == len(people)
    assert all(c.email.endswith("@example.com") for c in people if c.email)
    consenting = [c for c in people if c.marketing_consent]
    assert 0 < len(consenting) < len(people)
    assert all(c.consent_at is not None for c in consenting)
    referred = [c for c in people if c.referred_by_id is not None]
    assert len(referred) == summary.referred_customers > 0
    by_id = {c.id: c for c in people}
    assert all(by_id[c.referred_by_id].created_at <= c.created_at for c in referred)  # type: ignore[index]


def test_every_product_has_a_valid_brazilian_barcode_and_a_real_price(
    filled: tuple[Station, DemoSummary],
) -> None:
    station, _ = filled
    with station.read() as session:
        products = session.scalars(select(Item).where(Item.kind == "product")).all()
        services = session.scalars(select(Item).where(Item.kind == "service")).all()
    codes = [p.gtin for p in products]
    assert all(code and is_valid_gtin(code) and code.startswith("789") for code in codes)
    assert len(set(codes)) == len(codes)
    assert all(p.price > 0 and p.price % 100 == 90 and p.category_id for p in products)
    assert len({p.name for p in products}) == len(products)
    assert all(s.duration_min and s.sku and s.category_id for s in services)
    assert {"Corte feminino", "Manicure", "Escova", "Coloração"} <= {s.name for s in services}
    scanned = find_by_code(station, codes[0] or "")
    assert scanned.name == products[0].name


def test_balances_are_the_sum_of_the_ledger_and_verify_finds_nothing(
    filled: tuple[Station, DemoSummary],
) -> None:
    station, _ = filled
    with station.read() as session:
        sums = dict(
            session.execute(
                select(LedgerEntry.customer_id, func.sum(LedgerEntry.amount)).group_by(
                    LedgerEntry.customer_id
                )
            ).all()
        )
        stored = {b.customer_id: b.units for b in session.scalars(select(CustomerBalance))}
        tenders = Counter(session.scalars(select(SalePayment.tender)))
        earned = session.scalar(select(func.sum(Sale.earned)))
    assert sums and stored == sums
    assert earned and earned > 0
    assert tenders["cashback"] > 0, "some customers spend their cashback"
    assert {"pix", "credit", "debit", "cash"} <= set(tenders)
    assert verify(station) == []


def test_sales_spread_over_the_last_90_days_in_opening_hours(
    filled: tuple[Station, DemoSummary],
) -> None:
    station, summary = filled
    with station.read() as session:
        moments = session.scalars(select(Sale.created_at).order_by(Sale.id)).all()
        professionals = session.scalars(
            select(SaleLine.professional_id).where(SaleLine.professional_id.is_not(None))
        ).all()
    assert moments == sorted(moments)
    assert moments[0] >= NOW - timedelta(days=HISTORY_DAYS + 1)
    assert moments[-1] < NOW
    assert (moments[-1] - moments[0]).days >= HISTORY_DAYS - 7
    local = [m.astimezone(BRT) for m in moments]
    assert all(9 <= m.hour < 19 and m.weekday() != 6 for m in local)
    assert summary.first_sale_at == moments[0] and summary.last_sale_at == moments[-1]
    assert professionals, "salon services are credited to a professional"


def test_the_published_pins_sign_in(filled: tuple[Station, DemoSummary]) -> None:
    station, summary = filled
    assert summary.pins == {
        "admin": "0000",
        "manager": "1234",
        "cashier": "1111",
        "professional": "2222",
    }
    with station.write() as session:
        for person in summary.staff:
            staff_id = session.scalars(select(Staff.id).where(Staff.name == person.name)).one()
            assert sign_in(session, staff_id, person.pin, NOW).role is person.role
    assert {p.role for p in summary.staff} == set(Role)


def test_the_same_seed_gives_the_same_shop(tmp_path: Path) -> None:
    def shop(name: str, seed: int) -> tuple[list[object], ...]:
        station = open_station(tmp_path / name, clock=lambda: NOW)
        try:
            fill_demo(station, customers=30, products=20, sales=40, seed=seed, now=NOW)
            with station.read() as session:
                people = session.execute(
                    select(Customer.name, Customer.cpf, Customer.phone, Customer.created_at)
                ).all()
                items = session.execute(select(Item.name, Item.gtin, Item.price)).all()
                sales = session.execute(
                    select(Sale.created_at, Sale.total, Sale.customer_id, Sale.earned)
                ).all()
            return list(people), list(items), list(sales)
        finally:
            station.close()

    first, again, other = shop("a.sqlite", 7), shop("b.sqlite", 7), shop("c.sqlite", 8)
    assert first == again
    assert first[0] != other[0] and first[1] != other[1]


@pytest.mark.parametrize("key", sorted(PRESETS))
def test_every_preset_fills_cleanly(tmp_path: Path, key: str) -> None:
    station = open_station(tmp_path / f"{key}.sqlite", clock=lambda: NOW)
    try:
        summary = fill_demo(station, customers=40, products=30, sales=120, preset_key=key, now=NOW)
        assert summary.program_key == key and summary.sales == 120
        assert verify(station) == []
        with station.read() as session:
            vouchers = Counter(session.scalars(select(Voucher.status)))
    finally:
        station.close()
    if PRESETS[key].voucher.trigger.value != "none":
        assert vouchers["open"] + vouchers["redeemed"] > 0
        assert vouchers["redeemed"] > 0, "customers come back and use their vouchers"


def test_a_store_already_set_up_keeps_its_name_and_program(tmp_path: Path) -> None:
    shop = open_shop(tmp_path / "shop.sqlite", "pharmacy")
    try:
        summary = fill_demo(shop.station, customers=10, products=5, sales=10, now=NOW)
        assert not summary.created_store
        assert (summary.store_name, summary.program_key) == ("Loja Teste", "pharmacy")
        assert "admin" not in summary.pins
        assert has_sales(shop.station)
        assert verify(shop.station) == []
    finally:
        shop.station.close()


def test_thousands_of_customers_go_in_at_once(station: Station) -> None:
    summary = fill_demo(station, customers=5_000, products=800, sales=20, now=NOW)
    assert summary.customers == 5_000 and summary.products == 800
    with station.read() as session:
        cpfs = session.scalars(select(Customer.cpf).where(Customer.cpf.is_not(None))).all()
        names = session.scalars(select(Item.name).where(Item.kind == "product")).all()
    assert len(set(cpfs)) == len(cpfs)
    assert len(set(names)) == len(names), "past the distinct products come packs"
    assert any(name.startswith("Kit 2 un.") for name in names)


def test_refuses_nonsense(station: Station) -> None:
    with pytest.raises(ValueError):
        fill_demo(station, customers=-1)
    with pytest.raises(ValueError):
        fill_demo(station, preset_key="bakery")
    assert not has_sales(station)
