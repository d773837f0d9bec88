"""A tip (gorjeta) counts on the day it is recorded, and a void of its sale takes it back on
the day of the void, like a refund: a day already paid keeps its figures.

Rita does a corte R$ 80,00 on Monday (no share set: the statement is her tips).
- Monday 10:00: the sale, and a R$ 10,00 tip in cash.
- Tuesday 09:30: the client comes back with another R$ 5,00 for Monday's corte.
- Wednesday 15:00: Monday's sale is voided (rung to the wrong client).
Monday pays R$ 10,00 and keeps paying it; Tuesday R$ 5,00, on Tuesday's Z too;
Wednesday takes both back (- R$ 15,00), so the week adds up to nothing.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from posapp.core.errors import PosError
from posapp.core.money import format_money
from posapp.core.pricing import Tender
from posapp.services.cash.report_output import report_receipt
from posapp.services.cash.reports import Figure, x_report, z_report
from posapp.services.cash.shifts import close_shift, open_shift
from posapp.services.sales.checkout import (
    CheckoutRequest,
    LineRequest,
    SaleResult,
    TenderRequest,
    checkout,
)
from posapp.services.sales.refunds import void
from posapp.services.salon.split import DAY, WEEK, statement
from posapp.services.salon.tips import record_tip
from tests.salon.salon_support import MONDAY, Salon, at, open_salon
from tests.support import MANAGER_PIN

TUE, WED = MONDAY + timedelta(days=1), MONDAY + timedelta(days=2)


def _corte_by_rita(salon: Salon, cash: int, customer_id: int | None = None) -> SaleResult:
    shop = salon.shop
    return checkout(
        shop.station,
        CheckoutRequest(
            staff_id=shop.cashier_id,
            lines=[LineRequest(shop.items["corte"], professional_id=salon.rita)],
            payments=[TenderRequest(Tender.CASH, cash)],
            customer_id=customer_id,
        ),
    )


def _tip_rita(salon: Salon, sale_id: int, amount: int, tender: str) -> None:
    record_tip(salon.shop.station, sale_id, professional_id=salon.rita, amount=amount,
               tender=tender, staff_id=salon.shop.cashier_id)  # fmt: skip


def test_a_tip_counts_the_day_it_is_given_and_comes_off_the_day_its_sale_is_voided(
    tmp_path: Path,
) -> None:
    salon = open_salon(tmp_path / "salon.sqlite")
    shop, station = salon.shop, salon.shop.station
    shop.clock.moment = at(MONDAY, 10)
    sale = _corte_by_rita(salon, 8_000, salon.ana)

    def tip(amount: int) -> None:
        _tip_rita(salon, sale.sale_id, amount, "cash")

    def paid(day: date) -> tuple[int, int]:
        made = statement(station, salon.rita, day, DAY).professional
        return made.tips, made.tip_count

    tip(1_000)
    assert paid(MONDAY) == (1_000, 1)

    shop.clock.moment = at(TUE, 9, 30)
    tip(500)
    assert paid(MONDAY) == (1_000, 1)  # Monday was paid as it stood
    assert paid(TUE) == (500, 1)
    assert x_report(station, TUE).tips == (Figure("Rita Cabeleireira", 1, 500),)

    shop.clock.moment = at(WED, 15)
    void(station, sale.sale_id, shop.cashier_id, MANAGER_PIN, "cliente errado")
    assert paid(MONDAY) == (1_000, 1)
    assert paid(TUE) == (500, 1)
    assert x_report(station, MONDAY).tips == (Figure("Rita Cabeleireira", 1, 1_000),)
    assert paid(WED) == (-1_500, -2)
    assert x_report(station, WED).tips == (Figure("Rita Cabeleireira", -2, -1_500),)
    assert statement(station, salon.rita, MONDAY, WEEK).professional.to_pay == 0


def test_a_tip_in_cash_is_in_the_drawer_the_blind_count_expects(tmp_path: Path) -> None:
    """A corte R$ 80,00 in cash, a R$ 10,00 tip in cash and a R$ 5,00 tip by Pix: the drawer
    holds R$ 90,00, and the close finds no difference; the Z says where the R$ 10,00
    came from."""
    salon = open_salon(tmp_path / "salon.sqlite")
    shop, station = salon.shop, salon.shop.station
    shop.clock.moment = at(MONDAY, 10)
    sale = _corte_by_rita(salon, 10_000)
    for amount, tender in ((1_000, "cash"), (500, "pix")):
        _tip_rita(salon, sale.sale_id, amount, tender)
    shop.clock.moment = at(MONDAY, 19)
    closed = close_shift(station, shop.cashier_id, MANAGER_PIN, {5_000: 1, 2_000: 2})
    assert (closed.expected, closed.counted, closed.difference) == (9_000, 9_000, 0)
    z = z_report(station, shop.manager_id, MANAGER_PIN, MONDAY)
    assert (z.cash.cash_sales, z.cash.cash_tips, z.cash.expected) == (8_000, 1_000, 9_000)
    rows = [
        (getattr(block, "left", ""), getattr(block, "right", ""))
        for block in report_receipt(z, "pt_BR").blocks
    ]
    assert ("Gorjetas em dinheiro", format_money(1_000)) in rows


def test_a_tip_on_a_voided_sale_is_refused_in_words(tmp_path: Path) -> None:
    """The Agenda offers Gorjeta on a done visit; its sale voided since, the cashier is told
    why in pt_BR and English (was a bare LookupError the tip dialog did not show)."""
    salon = open_salon(tmp_path / "salon.sqlite")
    shop, station = salon.shop, salon.shop.station
    sale = _corte_by_rita(salon, 8_000)
    void(station, sale.sale_id, shop.cashier_id, MANAGER_PIN, "lançada errada")
    with pytest.raises(PosError) as refused:
        _tip_rita(salon, sale.sale_id, 500, "cash")
    assert refused.value.message("pt_BR") == (
        f"A venda {sale.number} foi cancelada: não é possível registrar gorjeta nela."
    )
    assert refused.value.message("en") == (
        f"Sale {sale.number} was cancelled: no tip can be recorded on it."
    )


def test_a_tip_after_the_days_z_is_refused_and_a_cash_tip_needs_an_open_shift(
    tmp_path: Path,
) -> None:
    """Monday's Z is made at 19:00; at 20:00 the cashier records a R$ 10,00 tip for the
    corte. It would be on Monday's statement but on no Z (Monday's is made, Tuesday's starts
    at midnight) and, in cash, in no drawer's count: it is refused, in pt_BR and English.
    Tuesday 08:00, before the shift is opened, a cash tip is refused too (the drawer it goes
    to is not counted yet); by Pix it is taken, and once the shift is open, in cash too."""
    salon = open_salon(tmp_path / "salon.sqlite")
    shop, station = salon.shop, salon.shop.station
    shop.clock.moment = at(MONDAY, 10)
    sale = _corte_by_rita(salon, 8_000)
    shop.clock.moment = at(MONDAY, 19)
    close_shift(station, shop.cashier_id, MANAGER_PIN, {5_000: 1, 2_000: 1, 1_000: 1})
    z = z_report(station, shop.manager_id, MANAGER_PIN, MONDAY)

    def tip(tender: str) -> None:
        _tip_rita(salon, sale.sale_id, 1_000, tender)

    shop.clock.moment = at(MONDAY, 20)
    for tender in ("cash", "pix"):
        with pytest.raises(PosError) as refused:
            tip(tender)
        assert refused.value.message("pt_BR") == (
            f"O dia {MONDAY:%d/%m/%Y} já foi encerrado com a redução Z nº {z.number}."
        )
        assert refused.value.message("en") == (
            f"The day {MONDAY:%d/%m/%Y} was already closed with Z report no. {z.number}."
        )
    assert statement(station, salon.rita, MONDAY, DAY).professional.tips == 0

    shop.clock.moment = at(TUE, 8)
    with pytest.raises(PosError) as refused:
        tip("cash")
    assert refused.value.message("pt_BR") == "Abra o turno para registrar gorjeta em dinheiro."
    assert refused.value.message("en") == "Open the shift to record a tip in cash."
    tip("pix")
    open_shift(station, shop.cashier_id, 0)
    tip("cash")
    closed = close_shift(station, shop.cashier_id, MANAGER_PIN, {1_000: 1})
    assert (closed.expected, closed.difference) == (1_000, 0)
    assert statement(station, salon.rita, TUE, DAY).professional.tips == 2_000
