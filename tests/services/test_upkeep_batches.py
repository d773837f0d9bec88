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


def test_upkeep_expires_every_customer_in_batches_and_a_sale_fits_between_them(
    make_shop: MakeShop,
) -> None:
    shop = make_shop(SALON)
    clients = [shop.enrol(f"Cliente {n}", phone=f"11 9123{n}-5678") for n in range(5)]
    for client in clients:
        shop.sell("corte", customer=client, pix=8_000)  # R$ 8,00 each, expiring in 30 days
    shop.clock.advance(days=31)

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
