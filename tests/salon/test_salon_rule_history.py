"""A new share or card fee is for the sales from then on: the statements, the Z figures and
the NFS-e of the sales before keep what they were figured with, their later refunds too.

Monday 08:00 (set-up): Rita employed with 40 % of her services' net less card fees; Paula a
partner with 60 % of hers; credit costs 3 %.
- Mon 10:00 corte R$ 80,00 by Rita and manicure R$ 35,00 by Paula, R$ 80,00 on credit
  and R$ 35,00 in cash: fee 240, the corte's part 240 x 8 000 / 11 500 = 167, Rita
  (8 000 - 167) x 40 % = 3 133; Paula 2 100, the salon keeps 1 400.
- Tue 09:00 the manager sets Rita to 50 %, credit to 4 %, Paula to 50 %, and a corte of
  Rita's at 30 % (a rule for that service alone).
- Tue 10:00 the same visit again: fee 320, the corte's part 223, 30 % of 7 777 = 2 333;
  manicure 1 750, the salon keeps 1 750.
- Wed 11:00 Monday's sale is voided: Rita - 3 133, Paula - 2 100, as Monday paid them.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from alembic import command

from db.engine import make_engine
from db.migrate import alembic_config, upgrade
from payments.card import CardDetails, CardKind
from posapp.core.commission import Base, Mode, Rule
from posapp.core.pricing import Tender
from posapp.services.cash.reports import Figure, x_report
from posapp.services.common.station import open_station
from posapp.services.sales.checkout import CheckoutRequest, LineRequest, TenderRequest, checkout
from posapp.services.sales.refunds import void
from posapp.services.salon.rules import SERVICE, card_fees, rule_for, rules, set_card_fee, set_rule
from posapp.services.salon.split import DAY, WEEK, statement
from tests.salon.salon_support import MONDAY, Salon, at, open_salon
from tests.support import MANAGER_PIN, MovableClock

TUE, WED = MONDAY + timedelta(days=1), MONDAY + timedelta(days=2)


def _visit(salon: Salon) -> int:
    shop = salon.shop
    credit = CardDetails(CardKind.CREDIT, "01", nsu="123456", authorization="A1B2C3")
    return checkout(
        shop.station,
        CheckoutRequest(
            staff_id=shop.cashier_id,
            lines=[
                LineRequest(shop.items["corte"], professional_id=salon.rita),
                LineRequest(shop.items["manicure"], professional_id=salon.paula),
            ],
            payments=[
                TenderRequest(Tender.CREDIT, 8_000, card=credit),
                TenderRequest(Tender.CASH, 3_500),
            ],
            customer_id=salon.ana,
        ),
    ).sale_id


def _rules(salon: Salon, rita_bps: int, paula_bps: int, credit_bps: int) -> None:
    station = salon.shop.station
    set_rule(station, manager_pin=MANAGER_PIN, staff_id=salon.rita, item_kind=SERVICE,
             share_bps=rita_bps, base=Base.NET, card_fees=True)  # fmt: skip
    set_rule(station, manager_pin=MANAGER_PIN, staff_id=salon.paula, share_bps=paula_bps,
             mode=Mode.PARTNER, base=Base.NET)  # fmt: skip
    set_card_fee(station, "credit", credit_bps, manager_pin=MANAGER_PIN)


def test_a_new_share_or_fee_leaves_the_days_already_paid_as_they_were(tmp_path: Path) -> None:
    salon = open_salon(tmp_path / "salon.sqlite")
    shop, station = salon.shop, salon.shop.station
    _rules(salon, 4_000, 6_000, 300)
    shop.clock.moment = at(MONDAY, 10)
    monday_sale = _visit(salon)

    def monday_as_paid() -> None:
        assert statement(station, salon.rita, MONDAY, DAY).professional.to_pay == 3_133
        assert statement(station, salon.paula, MONDAY, DAY).professional.to_pay == 2_100
        monday = x_report(station, MONDAY)
        assert monday.commissions == (Figure("Rita Cabeleireira", 1, 3_133),)
        assert monday.partner_shares == (Figure("Paula Manicure", 1, 2_100),)
        assert monday.salon_share == 1_400

    monday_as_paid()

    shop.clock.moment = at(TUE, 9)
    _rules(salon, 5_000, 5_000, 400)
    set_rule(station, manager_pin=MANAGER_PIN, staff_id=salon.rita, item_id=shop.items["corte"],
             share_bps=3_000, base=Base.NET, card_fees=True)  # fmt: skip
    monday_as_paid()

    shop.clock.moment = at(TUE, 10)
    _visit(salon)
    tuesday = x_report(station, TUE)
    assert tuesday.commissions == (Figure("Rita Cabeleireira", 1, 2_333),)
    assert tuesday.partner_shares == (Figure("Paula Manicure", 1, 1_750),)
    assert tuesday.salon_share == 1_750

    shop.clock.moment = at(WED, 11)
    void(station, monday_sale, shop.cashier_id, MANAGER_PIN, "cliente desistiu")
    monday_as_paid()
    assert statement(station, salon.rita, WED, DAY).professional.to_pay == -3_133
    assert statement(station, salon.paula, WED, DAY).professional.to_pay == -2_100
    assert statement(station, salon.rita, MONDAY, WEEK).professional.to_pay == 2_333
    assert statement(station, salon.paula, MONDAY, WEEK).professional.to_pay == 1_750


def test_rules_and_fees_set_before_the_history_stay_in_force_since_always(
    tmp_path: Path,
) -> None:
    """A database of the release before (0015): one rule per key, one fee per tender. After
    the upgrade they are in force for every sale, old or new, until changed."""
    path = tmp_path / "loja.sqlite"
    engine = make_engine(path)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0015")
        connection.exec_driver_sql(
            "INSERT INTO commission_rule (staff_id, item_id, item_kind, mode, share_bps, base,"
            " card_fees) VALUES (NULL, NULL, 'service', 'partner', 6000, 'net', 1)"
        )
        connection.exec_driver_sql(
            "INSERT INTO card_fee (tender, fee_bps) VALUES ('credit', 300), ('debit', 150)"
        )
    engine.dispose()
    assert upgrade(path).before == "0015"
    station = open_station(path, clock=MovableClock(at(MONDAY, 8)))
    long_ago = at(MONDAY, 8) - timedelta(days=3650)
    with station.read() as session:
        table, fees = rules(session), card_fees(session)
    assert rule_for(table, 1, 1, SERVICE, long_ago) == Rule(6_000, Mode.PARTNER, Base.NET, True)
    assert fees.at(long_ago) == {"credit": 300, "debit": 150}
    station.engine.dispose()
