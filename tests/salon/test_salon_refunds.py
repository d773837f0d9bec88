"""A refund comes off a professional's pay in the period it is made, on the statement and on
the Z report alike: a day (or week) already paid keeps its figures.

Rita is employed with 40 % of her services' gross; Paula is a partner with 60 % of their net.
- Mon 10:00 corte R$ 80,00 by Rita (3 200 for her) and 2 manicures R$ 70,00 by Paula
  (2 x 3 500 x 60 % = 4 200), cash R$ 150,00.
- Tue 11:00 one manicure comes back: Paula -2 100 on Tuesday.
- Wed 15:00 the rest comes back: Rita -3 200, Paula -2 100.
Monday stays 3 200 + 4 200 however often it is printed; the week adds up to nothing.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from db.models import SaleLine
from posapp.core.commission import Base, Mode
from posapp.core.pricing import Tender
from posapp.services.cash.reports import Figure, x_report
from posapp.services.sales.checkout import CheckoutRequest, LineRequest, TenderRequest, checkout
from posapp.services.sales.refunds import RefundRequest, refund
from posapp.services.salon.rules import SERVICE, set_rule
from posapp.services.salon.split import DAY, WEEK, statement
from tests.salon.salon_support import MONDAY, at, open_salon
from tests.support import MANAGER_PIN

TUE, WED = MONDAY + timedelta(days=1), MONDAY + timedelta(days=2)


def test_a_later_refund_comes_off_the_day_it_is_made_not_the_day_of_the_sale(
    tmp_path: Path,
) -> None:
    salon = open_salon(tmp_path / "salon.sqlite")
    shop, station, items = salon.shop, salon.shop.station, salon.shop.items
    set_rule(station, manager_pin=MANAGER_PIN, staff_id=salon.rita, item_kind=SERVICE,
             share_bps=4_000, base=Base.GROSS)  # fmt: skip
    set_rule(station, manager_pin=MANAGER_PIN, staff_id=salon.paula, share_bps=6_000,
             mode=Mode.PARTNER, base=Base.NET)  # fmt: skip

    shop.clock.moment = at(MONDAY, 10)
    sale = checkout(
        station,
        CheckoutRequest(
            staff_id=shop.cashier_id,
            lines=[
                LineRequest(items["corte"], professional_id=salon.rita),
                LineRequest(items["manicure"], 2, professional_id=salon.paula),
            ],
            payments=[TenderRequest(Tender.CASH, 15_000)],
            customer_id=salon.ana,
        ),
    )
    with station.read() as session:
        line_of = {
            line.professional_id: line.id
            for line in session.scalars(select(SaleLine).where(SaleLine.sale_id == sale.sale_id))
        }

    def monday_as_paid() -> None:
        assert statement(station, salon.rita, MONDAY, DAY).professional.to_pay == 3_200
        assert statement(station, salon.paula, MONDAY, DAY).professional.to_pay == 4_200
        monday = x_report(station, MONDAY)
        assert monday.commissions == (Figure("Rita Cabeleireira", 1, 3_200),)
        assert monday.partner_shares == (Figure("Paula Manicure", 2, 4_200),)
        assert monday.salon_share == 7_000 - 4_200

    monday_as_paid()

    shop.clock.moment = at(TUE, 11)
    refund(station, RefundRequest(sale.sale_id, shop.cashier_id, MANAGER_PIN, "desistiu",
                                  {line_of[salon.paula]: 1}))  # fmt: skip
    shop.clock.moment = at(WED, 15)
    refund(station, RefundRequest(sale.sale_id, shop.cashier_id, MANAGER_PIN, "reclamou"))

    monday_as_paid()
    tuesday = statement(station, salon.paula, TUE, DAY).professional
    assert [(line.sale_number, line.quantity, line.net, line.share) for line in tuesday.lines] == [
        (sale.number, -1, -3_500, -2_100)
    ]
    assert tuesday.lines[0].at == at(TUE, 11)
    assert x_report(station, TUE).partner_shares == (Figure("Paula Manicure", -1, -2_100),)
    assert x_report(station, TUE).salon_share == -3_500 + 2_100

    wednesday = x_report(station, WED)
    assert wednesday.commissions == (Figure("Rita Cabeleireira", -1, -3_200),)
    assert wednesday.partner_shares == (Figure("Paula Manicure", -1, -2_100),)
    assert statement(station, salon.rita, WED, DAY).professional.to_pay == -3_200

    for professional in (salon.rita, salon.paula):
        week = statement(station, professional, MONDAY, WEEK).professional
        days = [
            statement(station, professional, MONDAY + timedelta(days=n), DAY).professional
            for n in range(7)
        ]
        assert week.to_pay == sum(day.to_pay for day in days) == 0
        assert week.services_done == sum(day.services_done for day in days) == 0


def test_a_partners_share_on_the_gross_of_a_discounted_service_is_at_most_what_was_paid(
    tmp_path: Path,
) -> None:
    """Paula is a partner with 60 % of the gross (the salon takes the discounts on its own
    part). Mon: 2 manicures (R$ 70,00) sold for R$ 30,00: 60 % of the gross, R$ 42,00, is
    more than the client paid; Paula's share is the R$ 30,00 paid and the salon keeps
    R$ 0,00 (before: R$ 42,00 for her and R$ -12,00 for the salon on the Z). Tue: one comes
    back (R$ 15,00): R$ 15,00 off her Tuesday, the week adds up to what stayed paid."""
    salon = open_salon(tmp_path / "salon.sqlite")
    shop, station, items = salon.shop, salon.shop.station, salon.shop.items
    set_rule(station, manager_pin=MANAGER_PIN, staff_id=salon.paula, share_bps=6_000,
             mode=Mode.PARTNER, base=Base.GROSS)  # fmt: skip
    shop.clock.moment = at(MONDAY, 10)
    sale = checkout(
        station,
        CheckoutRequest(
            staff_id=shop.cashier_id,
            lines=[LineRequest(items["manicure"], 2, 4_000, professional_id=salon.paula)],
            payments=[TenderRequest(Tender.CASH, 3_000)],
            manager_pin=MANAGER_PIN,
        ),
    )
    monday = statement(station, salon.paula, MONDAY, DAY).professional
    assert (monday.partner_revenue, monday.share, monday.to_pay) == (3_000, 3_000, 3_000)
    z = x_report(station, MONDAY)
    assert z.partner_shares == (Figure("Paula Manicure", 2, 3_000),)
    assert z.salon_share == 0

    with station.read() as session:
        (line_id,) = session.scalars(select(SaleLine.id).where(SaleLine.sale_id == sale.sale_id))
    shop.clock.moment = at(TUE, 11)
    refund(station, RefundRequest(sale.sale_id, shop.cashier_id, MANAGER_PIN, "desistiu",
                                  {line_id: 1}))  # fmt: skip
    tuesday = statement(station, salon.paula, TUE, DAY).professional
    assert [(line.quantity, line.net, line.share) for line in tuesday.lines] == [
        (-1, -1_500, -1_500)
    ]
    week = statement(station, salon.paula, MONDAY, WEEK).professional
    assert (week.partner_revenue, week.share) == (1_500, 1_500)
    assert x_report(station, TUE).salon_share == 0
