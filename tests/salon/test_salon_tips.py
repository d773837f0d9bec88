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

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from db.models import ZReport
from hardware.emulator.decoder import decode
from hardware.escpos_render import render_bytes
from posapp.core.errors import PosError
from posapp.core.money import format_money
from posapp.core.pricing import Tender
from posapp.services.cash.report_output import report_csv, report_receipt
from posapp.services.cash.reports import Figure, Report, stored_z, x_report, z_report
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
from tests.services.payments_support import mastercard_3x
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


def _visit(salon: Salon, item: str, professional: int, payment: TenderRequest) -> SaleResult:
    shop = salon.shop
    return checkout(
        shop.station,
        CheckoutRequest(
            staff_id=shop.cashier_id,
            lines=[LineRequest(shop.items[item], professional_id=professional)],
            payments=[payment],
        ),
    )


def _tip(salon: Salon, sale: SaleResult, professional: int, amount: int, tender: str) -> None:
    record_tip(salon.shop.station, sale.sale_id, professional_id=professional, amount=amount,
               tender=tender, staff_id=salon.shop.cashier_id)  # fmt: skip


def _paper(report: Report, locale: str = "pt_BR") -> list[str]:
    [paper] = decode(render_bytes(report_receipt(report, locale)).data)
    return [" ".join(line.split()) for line in paper.lines]


def _section(lines: list[str], title: str) -> list[str]:
    start = lines.index(title) + 1
    end = next(i for i in range(start, len(lines)) if set(lines[i]) == {"-"})
    return lines[start:end]


def test_the_z_shows_the_tips_by_tender_apart_and_the_totals_the_statements_show(
    tmp_path: Path,
) -> None:
    """Monday: a corte R$ 80,00 by Rita on a Mastercard credit card with a R$ 20,00 tip on
    the card machine, a manicure R$ 35,00 by Paula by Pix with a R$ 5,00 tip by Pix, a corte
    R$ 80,00 in cash with a R$ 10,00 tip in cash. The acquirer's statement has R$ 100,00 of
    credit and the bank's R$ 40,00 of Pix: the Z keeps the sales' R$ 80,00 and R$ 35,00,
    shows the tips by tender apart, and the sums that match the statements."""
    salon = open_salon(tmp_path / "salon.sqlite")
    shop, station = salon.shop, salon.shop.station
    shop.clock.moment = at(MONDAY, 10)
    card = _visit(salon, "corte", salon.rita, TenderRequest(Tender.CREDIT, 8_000,
                  card=mastercard_3x()))  # fmt: skip
    pix = _visit(salon, "manicure", salon.paula, TenderRequest(Tender.PIX, 3_500))
    cash = _visit(salon, "corte", salon.rita, TenderRequest(Tender.CASH, 8_000))
    _tip(salon, card, salon.rita, 2_000, "credit")
    _tip(salon, pix, salon.paula, 500, "pix")
    _tip(salon, cash, salon.rita, 1_000, "cash")
    shop.clock.moment = at(MONDAY, 19)
    close_shift(station, shop.cashier_id, MANAGER_PIN, {5_000: 1, 2_000: 2})
    z = z_report(station, shop.manager_id, MANAGER_PIN, MONDAY)

    assert (z.gross, z.net) == (19_500, 19_500)
    assert z.payments == (
        Figure("cash", 1, 8_000),
        Figure("credit", 1, 8_000),
        Figure("pix", 1, 3_500),
    )
    assert z.cards == (Figure("credit:02", 1, 8_000),)
    assert z.tips_by_tender == (
        Figure("cash", 1, 1_000),
        Figure("credit", 1, 2_000),
        Figure("pix", 1, 500),
    )
    assert z.with_tips == (
        Figure("cash", 2, 9_000),
        Figure("credit", 2, 10_000),
        Figure("pix", 2, 4_000),
    )
    assert (z.cash.cash_tips, z.cash.expected) == (1_000, 9_000)
    assert stored_z(station, z.z_id or 0) == z

    lines = _paper(z)
    assert _section(lines, "Formas de pagamento") == [
        "Dinheiro", "1 R$ 80,00", "Crédito", "1 R$ 80,00", "PIX", "1 R$ 35,00",
    ]  # fmt: skip
    assert _section(lines, "Gorjetas por forma de pagamento") == [
        "Dinheiro", "1 R$ 10,00", "Crédito", "1 R$ 20,00", "PIX", "1 R$ 5,00",
    ]  # fmt: skip
    assert _section(lines, "Vendas + gorjetas por forma") == [
        "Dinheiro", "2 R$ 90,00", "Crédito", "2 R$ 100,00", "PIX", "2 R$ 40,00",
    ]  # fmt: skip
    english = _paper(z, "en")
    assert _section(english, "Tips by payment method")[2:4] == ["Credit card", "1 R$20.00"]
    assert _section(english, "Sales + tips by method")[2:4] == ["Credit card", "2 R$100.00"]
    csv_text = report_csv(z)
    assert "Gorjetas por forma de pagamento;Crédito;1;20,00" in csv_text
    assert "Vendas + gorjetas por forma;Crédito;2;100,00" in csv_text


def test_a_tip_stays_with_its_tender_when_its_sale_is_voided_as_in_the_drawer(
    tmp_path: Path,
) -> None:
    """A manicure R$ 35,00 by Paula in cash with a R$ 5,00 tip in cash and a R$ 3,00 tip by
    Pix, voided the same afternoon. The void gives back the R$ 35,00 of the sale, not the
    tips: the drawer still expects the R$ 5,00 (the rule of the cash tips) and the bank has
    the R$ 3,00, so the Z keeps both by tender while Paula's tips come off with the void."""
    salon = open_salon(tmp_path / "salon.sqlite")
    shop, station = salon.shop, salon.shop.station
    shop.clock.moment = at(MONDAY, 10)
    sale = _visit(salon, "manicure", salon.paula, TenderRequest(Tender.CASH, 3_500))
    _tip(salon, sale, salon.paula, 500, "cash")
    _tip(salon, sale, salon.paula, 300, "pix")
    shop.clock.moment = at(MONDAY, 15)
    void(station, sale.sale_id, shop.cashier_id, MANAGER_PIN, "lançada errada")
    shop.clock.moment = at(MONDAY, 19)
    close_shift(station, shop.cashier_id, MANAGER_PIN, {500: 1})
    z = z_report(station, shop.manager_id, MANAGER_PIN, MONDAY)

    assert (z.voids_count, z.voids, z.money_back) == (1, 3_500, 3_500)
    assert z.tips == ()
    assert (z.cash.cash_tips, z.cash.expected, z.cash.difference) == (500, 500, 0)
    assert z.tips_by_tender == (Figure("cash", 1, 500), Figure("pix", 1, 300))
    assert z.with_tips == (Figure("cash", 2, 4_000), Figure("pix", 1, 300))
    lines = _paper(z)
    assert _section(lines, "Gorjetas por forma de pagamento") == [
        "Dinheiro", "1 R$ 5,00", "PIX", "1 R$ 3,00",
    ]  # fmt: skip
    assert _section(lines, "Vendas + gorjetas por forma") == [
        "Dinheiro", "2 R$ 40,00", "PIX", "1 R$ 3,00",
    ]  # fmt: skip


def test_a_z_stored_before_tips_by_tender_reprints_without_them(tmp_path: Path) -> None:
    salon = open_salon(tmp_path / "salon.sqlite")
    shop, station = salon.shop, salon.shop.station
    shop.clock.moment = at(MONDAY, 10)
    sale = _visit(salon, "corte", salon.rita, TenderRequest(Tender.PIX, 8_000))
    _tip(salon, sale, salon.rita, 1_000, "pix")
    close_shift(station, shop.cashier_id, MANAGER_PIN, {})
    z = z_report(station, shop.manager_id, MANAGER_PIN, MONDAY)
    with station.write() as session:
        row = session.get(ZReport, z.z_id)
        assert row is not None
        figures = json.loads(row.figures_json)
        del figures["tips_by_tender"]
        row.figures_json = json.dumps(figures)
    again = stored_z(station, z.z_id or 0)
    assert (again.tips_by_tender, again.with_tips) == ((), ())
    assert "Gorjetas por forma de pagamento" not in _paper(again)
