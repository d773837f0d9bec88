"""The daily upkeep writes in short transactions, so a large store can still sign in and sell."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from posapp.core.presets import preset
from posapp.services.admin import loyalty_upkeep
from posapp.services.customers.registry import account
from posapp.services.loyalty.verify import verify
from tests.support import Shop

MakeShop = Callable[..., Shop]

SALON = preset("salon").with_changes(key="salon-short", pending_days=0, expiry_days=30)


def _expired_clients(shop: Shop, count: int) -> list[int]:
    """`count` clients with R$ 8,00 of cashback each, expired a day ago."""
    clients = [shop.enrol(f"Cliente {n}", phone=f"11 9123{n}-5678") for n in range(count)]
    for client in clients:
        shop.sell("corte", customer=client, pix=8_000)  # expiring in 30 days
    shop.clock.advance(days=31)
    return clients


def test_upkeep_expires_every_customer_in_batches_and_a_sale_fits_between_them(
    make_shop: MakeShop,
) -> None:
    shop = make_shop(SALON)
    clients = _expired_clients(shop, 5)

    writes: list[str] = []
    real_write = shop.station.write

    @contextmanager
    def counted_write(*args: Any, **kwargs: Any) -> Iterator[Any]:
        with real_write(*args, **kwargs) as session:
            writes.append("write")
            yield session
        if len(writes) == 2:  # between two batches the lock is free: a cashier sells
            shop.sell("manicure", pix=3_500)

    shop.station.write = counted_write  # type: ignore[method-assign]
    try:
        done = loyalty_upkeep.run_daily(shop.station, batch=2)
    finally:
        shop.station.write = real_write  # type: ignore[method-assign]

    assert (done.expired_lots, done.expired_units) == (5, 5 * 800)
    assert len(writes) >= 4  # 3 batches of at most 2 customers, then the day's mark
    assert [account(shop.station, c).balance.total for c in clients] == [0] * 5
    assert loyalty_upkeep.run_daily(shop.station).expired_lots == 0  # idempotent
    assert verify(shop.station) == []


def test_upkeep_reads_its_work_a_page_at_a_time_and_misses_no_customer(
    make_shop: MakeShop, monkeypatch: Any
) -> None:
    """Pages of 2 ids over 7 customers with expired cashback: every lot is written off once,
    each page read in a short read of its own, and a second run finds nothing left."""
    monkeypatch.setattr(loyalty_upkeep, "PAGE", 2)
    shop = make_shop(SALON)
    clients = _expired_clients(shop, 7)

    reads: list[str] = []
    real_read = shop.station.read

    @contextmanager
    def counted_read(*args: Any, **kwargs: Any) -> Iterator[Any]:
        with real_read(*args, **kwargs) as session:
            reads.append("read")
            yield session

    shop.station.read = counted_read  # type: ignore[method-assign]
    try:
        done = loyalty_upkeep.run_daily(shop.station, batch=3)
    finally:
        shop.station.read = real_read  # type: ignore[method-assign]

    assert (done.expired_lots, done.expired_units) == (7, 7 * 800)
    assert len(reads) >= 1 + 4 + 1  # the settings, four pages of expiring, one of lapsing
    assert [account(shop.station, c).balance.total for c in clients] == [0] * 7
    assert loyalty_upkeep.run_daily(shop.station, batch=3).expired_lots == 0
    assert verify(shop.station) == []


def test_vouchers_lapsing_over_several_pages_all_give_their_cashback_back(
    make_shop: MakeShop, monkeypatch: Any
) -> None:
    monkeypatch.setattr(loyalty_upkeep, "PAGE", 2)
    shop = make_shop("fashion")  # 10 %, a voucher at R$ 20, valid 60 days
    clients = [shop.enrol(f"Cliente {n}", phone=f"11 9123{n}-5678") for n in range(5)]
    for client in clients:
        (voucher,) = shop.sell("vestido", customer=client, pix=20_000).vouchers_issued
        assert voucher.value == 2_000
    shop.clock.advance(days=61)

    done = loyalty_upkeep.run_daily(shop.station, batch=2)

    assert done.vouchers_lapsed == 5
    assert [account(shop.station, c).balance.total for c in clients] == [2_000] * 5
    assert loyalty_upkeep.run_daily(shop.station).vouchers_lapsed == 0
    assert verify(shop.station) == []


def test_cashback_maturing_over_several_pages_becomes_a_voucher_for_every_customer(
    make_shop: MakeShop, monkeypatch: Any
) -> None:
    monkeypatch.setattr(loyalty_upkeep, "PAGE", 2)
    shop = make_shop(preset("fashion").with_changes(key="fashion-pending", pending_days=7))
    clients = [shop.enrol(f"Cliente {n}", phone=f"11 9123{n}-5678") for n in range(5)]
    for client in clients:
        assert shop.sell("vestido", customer=client, pix=20_000).vouchers_issued == ()
    shop.clock.advance(days=8)

    done = loyalty_upkeep.run_daily(shop.station, batch=2)

    assert done.vouchers_issued == 5
    assert [account(shop.station, c).balance.total for c in clients] == [0] * 5  # in vouchers
    assert loyalty_upkeep.run_daily(shop.station).vouchers_issued == 0
    assert verify(shop.station) == []
