"""The fast paths under checkout: the station's cache, the book's batches, the referral look-up."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import pytest
from sqlalchemy import func, select
from sqlalchemy.dialects import sqlite

from db.models import Customer, CustomerBalance, LedgerEntry
from posapp.core.errors import UnknownItem
from posapp.core.ledger import EntryKind
from posapp.core.presets import preset
from posapp.core.program import ReferralRule
from posapp.services.customers import registry as customers
from posapp.services.loyalty.ledger import Book, Refs
from posapp.services.loyalty.verify import verify
from posapp.services.sales.checkout import _REFERRAL_PAID, CheckoutRequest, LineRequest, checkout
from tests.support import Shop

MakeShop = Callable[..., Shop]


def test_a_program_changed_through_the_orm_is_used_by_the_next_sale(make_shop: MakeShop) -> None:
    shop = make_shop("fashion")
    maria = shop.enrol("Maria Silva", cpf="529.982.247-25")
    assert shop.sell("batom", customer=maria, pix=4_990).earned == 499  # 10 %, cached now
    with shop.station.write() as session:
        shop.station.store(session).program_json = preset("pharmacy").to_json()
    assert shop.sell("batom", customer=maria, pix=4_990).earned == 249  # 5 %
    with shop.station.read() as session:
        assert shop.station.program(session).key == "pharmacy"


def test_a_store_changed_behind_the_orm_needs_invalidate(make_shop: MakeShop) -> None:
    shop = make_shop("fashion")
    with shop.station.read() as session:
        assert shop.station.store(session).name == "Loja Teste"
    with sqlite3.connect(shop.station.path) as raw:
        raw.execute("UPDATE store SET name = 'Loja Nova'")
    with shop.station.read() as session:
        assert shop.station.store(session).name == "Loja Teste"  # cached
    shop.station.invalidate()
    with shop.station.read() as session:
        assert shop.station.store(session).name == "Loja Nova"


def test_the_store_from_the_station_is_the_sessions_own_and_saves_changes(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("salon")
    with shop.station.write() as session:
        store = shop.station.store(session)
        store.phone = "11999998888"
        assert shop.station.store(session) is store  # not overwritten by the cached copy
    with sqlite3.connect(shop.station.path) as raw:
        assert raw.execute("SELECT phone FROM store").fetchone() == ("11999998888",)
    with shop.station.read() as session:
        assert shop.station.store(session).phone == "11999998888"


def test_a_refused_first_sale_leaves_the_cache_usable(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    shop.station.invalidate()  # the refused sale below reads the store first
    with pytest.raises(UnknownItem):
        checkout(
            shop.station,
            CheckoutRequest(staff_id=shop.cashier_id, lines=[LineRequest(999)], payments=[]),
        )
    assert shop.sell("corte", pix=8_000).total == 8_000


def test_a_batch_writes_its_entries_in_order_at_its_end(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    ana = shop.enrol("Ana Souza", phone="11 98765-4321")
    now = shop.clock()
    with shop.station.write() as session:
        customer = session.get(Customer, ana)
        assert customer is not None
        terminal = shop.station.terminal(session).uuid
        book = Book(session, terminal, now)
        with book.batched():
            book.append(customer, EntryKind.ADJUST, 300, Refs(note="a"))
            book.append(customer, EntryKind.ADJUST, -100, Refs(note="b"))
            assert session.scalar(select(func.count()).select_from(LedgerEntry)) == 0
            assert book.replay(ana).balance(now).total == 200  # read after writing the batch
            book.append(customer, EntryKind.ADJUST, 50, Refs(note="c"))
        notes = session.execute(select(LedgerEntry.note, LedgerEntry.seq).order_by(LedgerEntry.id))
        assert list(notes) == [("a", 1), ("b", 2), ("c", 3)]
        assert session.get(CustomerBalance, ana).units == 250  # type: ignore[union-attr]
    assert verify(shop.station) == []


def test_a_failed_batch_writes_nothing_and_the_chain_goes_on(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    ana = shop.enrol("Ana Souza", phone="11 98765-4321")
    now = shop.clock()
    with shop.station.write() as session:
        customer = session.get(Customer, ana)
        assert customer is not None
        book = Book(session, shop.station.terminal(session).uuid, now)
        book.append(customer, EntryKind.ADJUST, 100, Refs(note="kept"))
        with pytest.raises(RuntimeError), book.batched():
            book.append(customer, EntryKind.ADJUST, 300, Refs(note="dropped"))
            raise RuntimeError
        book.append(customer, EntryKind.ADJUST, 5, Refs(note="after"))
        assert book.replay(ana).balance(now).total == 105
    with shop.station.read() as session:
        notes = list(session.scalars(select(LedgerEntry.note).order_by(LedgerEntry.id)))
    assert notes == ["kept", "after"]
    assert verify(shop.station) == []


def test_only_the_referrer_bonus_is_paid_once(make_shop: MakeShop) -> None:
    rule = ReferralRule(referrer_bonus_centavos=700, referred_bonus_centavos=0)
    shop = make_shop(preset("pharmacy").with_changes(referral=rule))
    ana = shop.enrol("Ana Souza", phone="11 98765-4321")
    code = customers.account(shop.station, ana).summary.referral_code
    bia = shop.enrol("Bia Lima", phone="11 98765-4322", referred_by_code=code)
    shop.sell("vestido", customer=bia, pix=20_000)
    shop.sell("vestido", customer=bia, pix=20_000)
    with shop.station.read() as session:
        bonuses = session.execute(
            select(LedgerEntry.customer_id, LedgerEntry.amount).where(
                LedgerEntry.kind == EntryKind.REFERRAL_BONUS.value
            )
        )
        assert list(bonuses) == [(ana, 700)]
    assert verify(shop.station) == []


def test_the_referral_look_up_uses_the_customer_index(make_shop: MakeShop) -> None:
    shop = make_shop("pharmacy")
    query = _REFERRAL_PAID.params(holders=[1, 2], customer_id=1)
    sql = str(query.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
    with sqlite3.connect(shop.station.path) as raw:
        plan = " ".join(row[-1] for row in raw.execute(f"EXPLAIN QUERY PLAN {sql}"))
    assert "ix_ledger_entry_customer_id_id" in plan and "SCAN ledger_entry" not in plan
