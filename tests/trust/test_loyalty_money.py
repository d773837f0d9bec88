"""Issue 13, loyalty money: every path gives the customer exactly what is theirs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import select

from db.models import LedgerEntry, SaleLine, Voucher
from posapp.services.admin import loyalty_upkeep
from posapp.services.customers import registry as customers
from posapp.services.loyalty.verify import verify
from posapp.services.sales.refunds import void
from tests.support import MANAGER_PIN, Shop

MakeShop = Callable[..., Shop]


def line_ids(shop: Shop, sale_id: int) -> dict[str, int]:
    with shop.station.read() as session:
        lines = session.scalars(select(SaleLine).where(SaleLine.sale_id == sale_id))
        return {line.description: line.id for line in lines}


def voucher_status(shop: Shop, code: str) -> str:
    with shop.station.read() as session:
        voucher = session.scalars(select(Voucher).where(Voucher.code == code)).one()
        return voucher.status


def test_a_balance_voucher_that_lapses_unused_gives_its_cashback_back_with_the_lots_dates(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("fashion")  # 10 %, a voucher at R$ 20, valid 60 days; cashback 180 days
    maria = shop.enrol("Maria Silva", cpf="529.982.247-25")
    sold_at = shop.clock.moment
    (voucher,) = shop.sell("vestido", customer=maria, pix=20_000).vouchers_issued
    assert customers.account(shop.station, maria).balance.total == 0  # all in the voucher
    loyalty_upkeep.run_daily(shop.station)

    shop.clock.advance(days=61)
    run = loyalty_upkeep.run_daily(shop.station)
    assert run.vouchers_lapsed == 1 and run.vouchers_issued == 0
    assert voucher_status(shop, voucher.code) == "expired"
    balance = customers.account(shop.station, maria).balance
    assert (balance.total, balance.spendable) == (2_000, 2_000)
    assert balance.next_expiry == sold_at + timedelta(days=180)  # the earning's own date

    shop.clock.moment = sold_at + timedelta(days=180, minutes=1)
    later = loyalty_upkeep.run_daily(shop.station)
    assert (later.expired_units, later.vouchers_issued) == (2_000, 0)
    assert customers.account(shop.station, maria).balance.total == 0
    assert verify(shop.station) == []


def test_a_void_that_reopens_a_voucher_past_its_date_expires_it_and_gives_the_cashback_back(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("fashion")
    maria = shop.enrol("Maria Silva", cpf="529.982.247-25")
    sold_at = shop.clock.moment
    (voucher,) = shop.sell("vestido", customer=maria, pix=20_000).vouchers_issued
    shop.clock.advance(days=50)
    paid = shop.sell("shampoo", customer=maria, voucher=voucher.code, pix=1_000)
    shop.clock.advance(days=20)  # the voucher's 60 days are over

    result = void(shop.station, paid.sale_id, shop.cashier_id, MANAGER_PIN, "desistiu")
    assert result.vouchers_reopened == (voucher.code,)
    assert voucher_status(shop, voucher.code) == "expired"
    account = customers.account(shop.station, maria)
    assert account.open_vouchers == ()
    assert (account.balance.total, account.balance.spendable) == (2_000, 2_000)
    assert account.balance.next_expiry == sold_at + timedelta(days=180)
    with shop.station.read() as session:
        back = session.scalars(
            select(LedgerEntry).where(
                LedgerEntry.voucher_code == voucher.code, LedgerEntry.kind == "voucher_cancel"
            )
        ).all()
    assert [entry.amount for entry in back] == [2_000]
    assert verify(shop.station) == []
