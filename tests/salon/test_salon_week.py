"""A salon's week worked out by hand: bookings, a move, arrivals, sales, a no-show, a tip;
the professionals' statements and each day's Z report carry the same figures.

Rules: Paula is a partner (salão-parceiro) with 60 % of her services' net, less their part
of the card fees, and 10 % of the gross of the products she sells (commission); Rita is
employed with 40 % of her services' gross. The acquirer keeps 3 % of credit, 1,5 % of debit.

- Mon 10:00 Ana, Rita, corte R$ 80,00 on credit: Rita 40 % of 8 000 = 3 200.
- Mon 14:00 Bruno, Paula, manicure: no-show.
- Tue Ana, Paula, manicure (booked 10:00, moved to 11:00) + batom R$ 49,90, on debit
  R$ 84,90, and a R$ 10,00 tip by Pix for Paula. Debit fee 1,5 % of 8 490 = 127 (127,35);
  the manicure's part 127 x 3 500 / 8 490 = 52 (52,36); Paula (3 500 - 52) x 60 % = 2 069
  (2 068,8); batom 10 % of 4 990 = 499. The salon keeps 3 500 - 2 069 = 1 431.
- Wed Ana, Rita, corte with R$ 8,00 off, cash R$ 72,00: Rita's base is the gross, 3 200.
- Thu Bruno, Paula, manicure on credit R$ 35,00: fee 105; (3 500 - 105) x 60 % = 2 037;
  the salon keeps 1 463.
Week: Paula 2 services, base 3 500 + 4 990 + 3 500 = 11 990, deductions 157, share
2 069 + 499 + 2 037 = 4 605, tips 1 000, to pay 5 605. Rita 2 services, base 16 000,
share 6 400, to pay 6 400.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path

from payments.card import CardDetails, CardKind
from posapp.core.agenda import Status
from posapp.core.commission import Base, Mode
from posapp.core.money import format_money
from posapp.core.pricing import Tender
from posapp.services.agenda import book_reads
from posapp.services.agenda.arrival import arrive
from posapp.services.agenda.booking import book, move, set_status
from posapp.services.cash.report_output import report_receipt
from posapp.services.cash.reports import Figure, Report, z_report
from posapp.services.cash.shifts import close_shift, open_shift
from posapp.services.sales.checkout import CheckoutRequest, LineRequest, TenderRequest, checkout
from posapp.services.sales.parking import recall
from posapp.services.salon.rules import PRODUCT, SERVICE, set_card_fee, set_rule
from posapp.services.salon.split import DAY, MONTH, WEEK, statement
from posapp.services.salon.statement_output import statement_csv, statement_receipt
from posapp.services.salon.tips import record_tip
from tests.salon.salon_support import MONDAY, ZONE, Salon, at, open_salon
from tests.support import MANAGER_PIN

TUE, WED, THU = (MONDAY + timedelta(days=n) for n in (1, 2, 3))


def _card(tender: Tender, amount: int) -> TenderRequest:
    details = CardDetails(CardKind(tender.value), "01", nsu="123456", authorization="A1B2C3")
    return TenderRequest(tender, amount, card=details)


def _visit(salon: Salon, uuid: str, payments: list[TenderRequest], **extra: LineRequest) -> int:
    """The client arrives ("Chegou"), the cart is recalled and paid; the sale's id."""
    shop = salon.shop
    arrival = arrive(shop.station, uuid, staff_id=shop.cashier_id)
    cart = recall(shop.station, arrival.parked_id, shop.cashier_id)
    lines = [*cart.lines, *extra.values()]
    shop.clock.advance(minutes=50)
    sale = checkout(
        shop.station,
        CheckoutRequest(
            staff_id=shop.cashier_id,
            lines=lines,
            payments=payments,
            customer_id=cart.customer_id,
        ),
    )
    return sale.sale_id


def _close_day(salon: Salon, day: date) -> Report:
    shop = salon.shop
    shop.clock.moment = at(day, 19)
    close_shift(shop.station, shop.cashier_id, MANAGER_PIN, {})
    report = z_report(shop.station, shop.manager_id, MANAGER_PIN, day)
    shop.clock.moment = at(day + timedelta(days=1), 8)
    open_shift(shop.station, shop.cashier_id, 0)
    return report


def test_a_week_by_hand_equals_the_statements_and_the_z_reports(tmp_path: Path) -> None:
    salon = open_salon(tmp_path / "salon.sqlite")
    shop, station, items = salon.shop, salon.shop.station, salon.shop.items
    set_rule(station, manager_pin=MANAGER_PIN, staff_id=salon.paula, share_bps=6_000,
             mode=Mode.PARTNER, base=Base.NET, card_fees=True)  # fmt: skip
    set_rule(station, manager_pin=MANAGER_PIN, staff_id=salon.paula, item_kind=PRODUCT,
             share_bps=1_000, base=Base.GROSS)  # fmt: skip
    set_rule(station, manager_pin=MANAGER_PIN, staff_id=salon.rita, item_kind=SERVICE,
             share_bps=4_000, base=Base.GROSS)  # fmt: skip
    set_card_fee(station, "credit", 300, manager_pin=MANAGER_PIN)
    set_card_fee(station, "debit", 150, manager_pin=MANAGER_PIN)

    def booked(day: date, hh: int, pro: int, item: str, customer: int) -> str:
        return book(
            station,
            staff_id=shop.cashier_id,
            professional_id=pro,
            starts_at=at(day, hh),
            item_ids=[items[item]],
            customer_id=customer,
        )

    monday_cut = booked(MONDAY, 10, salon.rita, "corte", salon.ana)
    monday_miss = booked(MONDAY, 14, salon.paula, "manicure", salon.bruno)
    tuesday = booked(TUE, 10, salon.paula, "manicure", salon.ana)
    wednesday = booked(WED, 10, salon.rita, "corte", salon.ana)
    thursday = booked(THU, 15, salon.paula, "manicure", salon.bruno)

    shop.clock.moment = at(MONDAY, 10)
    _visit(salon, monday_cut, [_card(Tender.CREDIT, 8_000)])
    set_status(station, monday_miss, staff_id=shop.cashier_id, status=Status.NO_SHOW)
    monday_z = _close_day(salon, MONDAY)

    move(station, tuesday, staff_id=shop.cashier_id, starts_at=at(TUE, 11))
    shop.clock.moment = at(TUE, 11)
    batom = LineRequest(items["batom"], professional_id=salon.paula)
    tuesday_sale = _visit(salon, tuesday, [_card(Tender.DEBIT, 8_490)], batom=batom)
    record_tip(station, tuesday_sale, professional_id=salon.paula, amount=1_000, tender="pix",
               staff_id=shop.cashier_id)  # fmt: skip
    tuesday_z = _close_day(salon, TUE)

    shop.clock.moment = at(WED, 10)
    arrival = arrive(station, wednesday, staff_id=shop.cashier_id)
    cart = recall(station, arrival.parked_id, shop.cashier_id)
    (line,) = cart.lines
    checkout(station, CheckoutRequest(
        staff_id=shop.cashier_id, lines=[LineRequest(line.item_id, 1, 800, line.professional_id)],
        payments=[TenderRequest(Tender.CASH, 7_200)], customer_id=cart.customer_id,
    ))  # fmt: skip
    wednesday_z = _close_day(salon, WED)

    shop.clock.moment = at(THU, 15)
    _visit(salon, thursday, [_card(Tender.CREDIT, 3_500)])
    thursday_z = _close_day(salon, THU)

    # The book: every visit closed by its sale, the no-show counted.
    week = {v.uuid: v.status for v in book_reads.week(station, MONDAY)}
    assert week == {
        monday_cut: Status.DONE,
        monday_miss: Status.NO_SHOW,
        tuesday: Status.DONE,
        wednesday: Status.DONE,
        thursday: Status.DONE,
    }
    assert book_reads.no_shows(station, salon.bruno) == 1

    paula = statement(station, salon.paula, WED, WEEK).professional
    assert (paula.services_done, paula.base, paula.deductions) == (2, 11_990, 157)
    assert (paula.share, paula.tips, paula.to_pay) == (4_605, 1_000, 5_605)
    assert [line.share for line in paula.lines] == [2_069, 499, 2_037]
    rita = statement(station, salon.rita, MONDAY, WEEK).professional
    assert (rita.services_done, rita.base, rita.deductions, rita.to_pay) == (2, 16_000, 0, 6_400)
    assert statement(station, salon.rita, WED, DAY).professional.to_pay == 3_200
    assert statement(station, salon.paula, THU, MONTH).professional.to_pay == 5_605
    nobody = statement(station, shop.admin_id, MONDAY, WEEK).professional
    assert (nobody.services_done, nobody.to_pay) == (0, 0)

    assert (monday_z.salon_share, monday_z.partner_shares) == (0, ())
    assert monday_z.commissions == (Figure("Rita Cabeleireira", 1, 3_200),)
    assert tuesday_z.salon_share == 1_431
    assert tuesday_z.partner_shares == (Figure("Paula Manicure", 1, 2_069),)
    assert tuesday_z.commissions == (Figure("Paula Manicure", 1, 499),)
    assert tuesday_z.tips == (Figure("Paula Manicure", 1, 1_000),)
    assert tuesday_z.gross == 8_490  # the tip is outside the sale, so outside the cashback base
    assert wednesday_z.commissions == (Figure("Rita Cabeleireira", 1, 3_200),)
    assert (thursday_z.salon_share, thursday_z.partner_shares) == (
        1_463,
        (Figure("Paula Manicure", 1, 2_037),),
    )
    z_shares = sum(
        f.amount
        for z in (monday_z, tuesday_z, wednesday_z, thursday_z)
        for f in (*z.partner_shares, *z.commissions, *z.tips)
    )
    assert z_shares == paula.to_pay + rita.to_pay

    printed = [
        (getattr(block, "left", getattr(block, "text", "")), getattr(block, "right", ""))
        for block in report_receipt(tuesday_z, "pt_BR").blocks
    ]
    assert ("Cota-parte do salão", format_money(1_431)) in printed
    assert ("Gorjeta: Paula Manicure", "") in printed and ("  1", format_money(1_000)) in printed


def test_the_statement_prints_and_exports_as_the_spreadsheet_reads_it(tmp_path: Path) -> None:
    salon = open_salon(tmp_path / "salon.sqlite")
    shop, station = salon.shop, salon.shop.station
    set_rule(station, manager_pin=MANAGER_PIN, staff_id=salon.rita, share_bps=4_000)
    uuid = book(
        station,
        staff_id=shop.cashier_id,
        professional_id=salon.rita,
        starts_at=at(MONDAY, 10),
        item_ids=[shop.items["corte"]],
        customer_id=salon.ana,
    )
    shop.clock.moment = at(MONDAY, 10)
    _visit(salon, uuid, [TenderRequest(Tender.CASH, 8_000)])
    made = statement(station, salon.rita, MONDAY, DAY)
    rows = list(csv.reader(io.StringIO(statement_csv(made, ZONE)), delimiter=";"))
    assert rows[0][:3] == ["Data", "Venda", "Descrição"]
    assert rows[1][2:] == ["Corte feminino", "serviço", "1", "80,00", "80,00", "80,00", "0,00",
                           "32,00", "comissão"]  # fmt: skip
    assert rows[-1][0] == "A pagar" and rows[-1][-2] == "32,00"
    english = statement_csv(made, ZONE, "en")
    assert english.startswith("Date;Sale;Description") and "To pay" in english
    paper = statement_receipt(made, "Salão Teste", ZONE, "pt_BR")
    texts = [getattr(block, "left", getattr(block, "text", "")) for block in paper.blocks]
    assert {"Extrato do profissional", "Rita Cabeleireira", "A pagar"} <= set(texts)
