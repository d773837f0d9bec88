"""A refund takes back what the customer has, not cashback that lapsed and waits for the
daily expiry run: a refund's result does not depend on whether that run has gone by.

Found by an outside audit: the reversal was capped by the ledger's running total, which
still counts a lapsed lot until the run writes its expire entry, so a refund made in
that window took the reversal from cashback the customer had lost already and kept
less of her money than the same refund a minute after the run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from sqlalchemy import func, select

from db.models import Sale
from hardware.emulator.decoder import decode
from hardware.escpos_render import render_bytes
from posapp.core.presets import preset
from posapp.services.admin.loyalty_upkeep import run_daily
from posapp.services.common.counter_settings import CounterSettings
from posapp.services.customers import registry as customers
from posapp.services.sales.receipts import refund_receipt, sale_receipt
from posapp.services.sales.refunds import RefundRequest, refund, void
from tests.support import MANAGER_PIN, Shop

MakeShop = Callable[..., Shop]


def _lapsed_then_spent(shop: Shop) -> tuple[int, int]:
    """Carla's R$ 3,50 of day 0 lapse on day 180 (the run has not gone by); on day 181 a
    corte earns R$ 8,00, spent at once on a manicure. Gives (customer, corte sale)."""
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    shop.sell("manicure", customer=carla, pix=3_500)
    shop.clock.advance(days=181)
    corte = shop.sell("corte", customer=carla, pix=8_000)
    shop.sell("manicure", customer=carla, cashback=800, pix=2_700)
    return carla, corte.sale_id


def test_a_void_keeps_from_the_money_what_lapsed_cashback_cannot_cover(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("salon")
    carla, corte = _lapsed_then_spent(shop)
    has = customers.account(shop.station, carla).balance
    assert (has.current, has.total) == (270, 620)  # R$ 2,70 of the manicure; R$ 3,50 lapsed

    undone = void(shop.station, corte, shop.cashier_id, MANAGER_PIN, "lançada errada")

    assert (undone.cashback_reversed, undone.clawback) == (270, 530)
    assert undone.money_back == 8_000 - 530
    run_daily(shop.station)
    assert customers.account(shop.station, carla).balance.total == 0


def test_the_same_void_after_the_expiry_run_gives_the_same_figures(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("salon")
    carla, corte = _lapsed_then_spent(shop)
    run_daily(shop.station)
    undone = void(shop.station, corte, shop.cashier_id, MANAGER_PIN, "lançada errada")
    assert (undone.cashback_reversed, undone.clawback, undone.money_back) == (270, 530, 7_470)
    assert customers.account(shop.station, carla).balance.total == 0


def test_the_sales_own_cashback_lapsed_unspent_is_reversed_from_itself(
    make_shop: MakeShop,
) -> None:
    """Cashback that lapsed unspent is the very cashback a void takes back: nothing is kept
    from the money for it, before or after the run."""
    shop = make_shop("salon")
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    corte = shop.sell("corte", customer=carla, pix=8_000)
    shop.clock.advance(days=181)
    undone = void(shop.station, corte.sale_id, shop.cashier_id, MANAGER_PIN, "lançada errada")
    assert (undone.cashback_reversed, undone.clawback, undone.money_back) == (800, 0, 8_000)
    run_daily(shop.station)
    assert customers.account(shop.station, carla).balance.total == 0


def test_the_receipts_balance_leaves_out_cashback_that_lapsed(make_shop: MakeShop) -> None:
    """The sale's and the refund's paper say what she has, as her message does (R$ 2,70),
    not R$ 6,20 with the R$ 3,50 that lapsed the day before."""
    shop = make_shop("salon")
    carla, corte = _lapsed_then_spent(shop)
    with shop.station.read() as session:
        last = session.scalar(select(func.max(Sale.id)))
    assert last is not None
    sale_paper = _paper(sale_receipt(shop.station, last, CounterSettings(paper_mm=80)))
    assert _row(sale_paper, "Saldo") == "R$ 2,70"
    undone = void(shop.station, corte, shop.cashier_id, MANAGER_PIN, "lançada errada")
    refund_paper = _paper(refund_receipt(shop.station, undone.refund_id, CounterSettings()))
    assert _row(refund_paper, "Saldo") == "R$ 0,00"
    assert customers.account(shop.station, carla).balance.current == 0


def _paper(receipt: object) -> list[str]:
    [paper] = decode(render_bytes(receipt).data)  # type: ignore[arg-type]
    return list(paper.lines)


def _row(paper: list[str], label: str) -> str:
    """The amount at the end of the first line that starts with `label`."""
    line = next(line for line in paper if line.startswith(label))
    return "R$ " + line.rsplit("R$ ", 1)[1]


def test_a_reversal_drawn_on_cashback_still_to_be_released_leaves_the_lapsed_lot_to_expire(
    make_shop: MakeShop,
) -> None:
    """Cashback held 7 days, then good for 180. Day 0 a corte earns R$ 8,00, spent on day
    100; that day's two manicures earn R$ 6,20, lapsed by day 290 (the run has not gone by),
    when a new corte's R$ 8,00 is still held. Returning the first corte takes its R$ 8,00
    from the held cashback and the lapsed R$ 6,20 still expire (before, the ledger took
    the reversal from the lapsed lots first and R$ 6,20 of held cashback survived)."""
    shop = make_shop(replace(preset("salon"), pending_days=7))
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    first = shop.sell("corte", customer=carla, pix=8_000)
    shop.clock.advance(days=100)
    shop.sell("manicure", customer=carla, pix=3_500)
    shop.sell("manicure", customer=carla, cashback=800, pix=2_700)  # spends the corte's
    shop.clock.advance(days=190)
    shop.sell("corte", customer=carla, pix=8_000)  # held until day 297
    held = customers.account(shop.station, carla).balance
    assert (held.spendable, held.pending, held.total) == (0, 800, 800 + 620)

    back = refund(
        shop.station,
        RefundRequest(first.sale_id, shop.cashier_id, MANAGER_PIN, "devolução", None),
    )

    assert (back.cashback_reversed, back.clawback) == (800, 0)
    run_daily(shop.station)
    after = customers.account(shop.station, carla).balance
    assert (after.total, after.pending) == (0, 0)
