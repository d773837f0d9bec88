"""The dashboard's figures, worked out by hand on two small days at a São Paulo counter."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise

import pytest

from posapp.core.errors import NotAuthorized
from posapp.services.cash.dashboard import Dashboard, dashboard, hour_bounds
from posapp.services.sales.refunds import void
from tests.support import MANAGER_PIN, MovableClock, Shop

MakeShop = Callable[..., Shop]
ZONE = "America/Sao_Paulo"  # UTC-3, no summer time


def two_days(make_shop: MakeShop, clock: MovableClock) -> tuple[Shop, int]:
    """Fashion: 10 %; at R$ 20,00 the balance becomes a voucher (60 days).

    1 Mar 11:00  Carla: vestido R$ 200,00 (PIX) -> earns R$ 20,00 -> voucher of R$ 20,00
    1 Mar 23:30  shampoo R$ 30,00 (cash)           (already 2 Mar 02:30 in UTC)
    2 Mar 09:15  Carla: batom R$ 49,90, the voucher pays R$ 20,00, PIX the rest
    2 Mar 10:40  dipirona R$ 12,50 (cash)
    2 Mar 11:05  manicure R$ 35,00 (cash), voided at once
    """
    clock.moment = datetime(2026, 3, 1, 14, 0, tzinfo=UTC)
    shop = make_shop("fashion")
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    first = shop.sell("vestido", customer=carla, pix=20_000)
    assert first.earned == 2_000
    clock.moment = datetime(2026, 3, 2, 2, 30, tzinfo=UTC)
    shop.sell("shampoo", cash=3_000)
    clock.moment = datetime(2026, 3, 2, 12, 15, tzinfo=UTC)
    code = _open_voucher_code(shop, carla)
    third = shop.sell("batom", customer=carla, voucher=code, pix=2_990)
    clock.moment = datetime(2026, 3, 2, 13, 40, tzinfo=UTC)
    shop.sell("dipirona", cash=1_250)
    clock.moment = datetime(2026, 3, 2, 14, 5, tzinfo=UTC)
    fifth = shop.sell("manicure", cash=3_500)
    void(shop.station, fifth.sale_id, shop.manager_id, MANAGER_PIN, "lançada por engano")
    return shop, third.earned


def _open_voucher_code(shop: Shop, customer_id: int) -> str:
    from posapp.services.customers.registry import account

    vouchers = account(shop.station, customer_id).open_vouchers
    assert [(v.kind, v.value) for v in vouchers] == [("balance", 2_000)]
    return vouchers[0].code


def test_two_days_by_hand(make_shop: MakeShop, clock: MovableClock) -> None:
    shop, earned_on_batom = two_days(make_shop, clock)
    assert earned_on_batom == 299  # 10 % of the R$ 29,90 paid in money
    board = dashboard(shop.station, ZONE, staff_id=shop.manager_id)
    assert board.today == date(2026, 3, 2)
    assert len(board.hours) == 24 and len(board.days) == 30
    by_hour = {h.hour: (h.sales, h.total) for h in board.hours if h.sales}
    assert by_hour == {9: (1, 4_990), 10: (1, 1_250)}  # the voided manicure is not there
    assert (board.today_sales, board.today_total) == (2, 6_240)
    days = {d.day: d for d in board.days}
    assert board.days[0].day == date(2026, 2, 1) and board.days[-1].day == date(2026, 3, 2)
    first, second = days[date(2026, 3, 1)], days[date(2026, 3, 2)]
    assert (first.sales, first.total, first.earned, first.spent) == (2, 23_000, 2_000, 0)
    # end of 1 Mar: the R$ 20,00 moved from the balance into an open voucher
    assert first.liability == 2_000
    assert (second.sales, second.total, second.earned, second.spent) == (2, 6_240, 299, 2_000)
    # end of 2 Mar: the voucher is spent; only the R$ 2,99 earned on the batom is owed
    assert second.liability == 299
    assert all(
        (d.sales, d.total, d.earned, d.spent, d.liability) == (0, 0, 0, 0, 0)
        for d in board.days[:-2]
    )


def test_days_follow_the_counter_zone(make_shop: MakeShop, clock: MovableClock) -> None:
    shop, _ = two_days(make_shop, clock)
    board = dashboard(
        shop.station, "UTC", staff_id=shop.admin_id
    )  # the 23:30 shampoo is a 2 Mar sale in UTC
    days = {d.day: d for d in board.days}
    assert (days[date(2026, 3, 1)].sales, days[date(2026, 3, 1)].total) == (1, 20_000)
    assert (days[date(2026, 3, 2)].sales, days[date(2026, 3, 2)].total) == (3, 9_240)
    assert {h.hour: h.sales for h in board.hours if h.sales} == {2: 1, 12: 1, 13: 1}


def test_liability_counts_the_days_before_the_window(
    make_shop: MakeShop, clock: MovableClock
) -> None:
    shop, _ = two_days(make_shop, clock)
    clock.advance(days=40)  # both days are now before the 30 days shown
    board: Dashboard = dashboard(shop.station, ZONE, staff_id=shop.manager_id)
    assert all(d.sales == 0 and d.liability == 299 for d in board.days)


def test_hour_bounds_on_a_day_that_skips_an_hour() -> None:
    bounds = hour_bounds(date(2026, 3, 8), "America/New_York")  # 02:00 does not exist
    assert len(bounds) == 25
    assert all(a <= b for a, b in pairwise(bounds))
    assert bounds[-1] - bounds[0] == timedelta(hours=23)


def test_a_cashier_cannot_see_the_dashboard(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    with pytest.raises(NotAuthorized):
        dashboard(shop.station, ZONE, staff_id=shop.cashier_id)
