"""Refund and report edges where a one-line bug once left the selected tests green.

Mutation testing (issue 23) of `sales/refunds.py` and `cash/reports.py`: what a partial
refund gives back as cashback when a store's discount voucher, a balance voucher or a
single centavo of cashback paid part of the sale; restores that never wait the pending
days; referral bonuses, issued vouchers and voucher change taken back; where money back
comes from and when it needs a shift; the refusals in pt_BR and en; what the audit log
and the chain's cloud are told. On the reports: the day from local midnight to local
midnight, a later day's own services, refunds and redemptions, points valued in money,
two shifts of a day, the Z's number, anchor, salon split, survey and an older stored Z.
Each test was run against the bugs it targets, put in by hand, and failed.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from db.models import Customer, ZReport
from posapp.core.codes import new_voucher_code
from posapp.core.commission import Base, Mode
from posapp.core.errors import (
    DayClosed,
    InvalidQuantity,
    InvalidSetting,
    ManagerPinWrong,
    PosError,
    SaleNotRefundable,
    UnknownSale,
)
from posapp.core.ledger import GENESIS_HASH, EntryKind
from posapp.core.presets import preset
from posapp.core.pricing import Tender
from posapp.core.program import LoyaltyProgram, ReferralRule, VoucherRule
from posapp.services.admin.audit_search import AuditRow, AuditSearch, search_audit
from posapp.services.admin.loyalty_upkeep import run_daily
from posapp.services.cash.dashboard import dashboard
from posapp.services.cash.reports import CashReport, Figure, Report, stored_z, x_report, z_report
from posapp.services.cash.shifts import close_shift, open_shift
from posapp.services.common.auth import Role, add_staff
from posapp.services.customers import registry as customers
from posapp.services.customers.registry import Enrolment, enrol
from posapp.services.loyalty.verify import verify
from posapp.services.messages.survey import record_score
from posapp.services.sales import catalog
from posapp.services.sales.checkout import CheckoutRequest, LineRequest, TenderRequest, checkout
from posapp.services.sales.refunds import RefundRequest, RefundResult, refund, void
from posapp.services.salon.rules import SERVICE, set_rule
from posapp.services.salon.tips import record_tip
from posapp.services.sync.client import PulledEvent
from posapp.services.sync.pull import apply_page
from posapp.services.sync.push import pending_items
from tests.support import CASHIER_PIN, MANAGER_PIN, MovableClock, Shop

MakeShop = Callable[..., Shop]


def _give_back(shop: Shop, sale_id: int, *descriptions: str) -> RefundResult:
    """Refund one unit of each named line of the sale (everything left when none named)."""
    lines = {shop.line_id(sale_id, d): 1 for d in descriptions} if descriptions else None
    return refund(
        shop.station, RefundRequest(sale_id, shop.cashier_id, MANAGER_PIN, "devolução", lines)
    )


def _total(shop: Shop, customer: int) -> int:
    return customers.account(shop.station, customer).balance.total


# -- a partial refund of a sale a voucher helped pay ----------------------------------


def test_a_discount_vouchers_share_of_a_partial_refund_is_neither_paid_nor_credited(
    make_shop: MakeShop,
) -> None:
    """Cosmetics: a purchase above R$ 20 gives a R$ 5,00 discount voucher (a gift).

    Shampoo R$ 30,00 + dipirona R$ 12,50 = R$ 42,50, paid with the R$ 5,00 voucher and
    R$ 37,50 by PIX. Returning the dipirona (R$ 12,50): loyalty paid 5,00 of 42,50, so
    its share is 12,50 x 5,00 / 42,50 = R$ 1,47 (remainders 250 and 4 000 of 4 250:
    the leftover centavo goes to the money side). All of it was the gift's: the
    customer gets R$ 11,03 back in money and no cashback for the voucher.
    """
    shop = make_shop("cosmetics")
    maria = shop.enrol("Maria Silva", cpf="529.982.247-25")
    (voucher,) = shop.sell("batom", customer=maria, pix=4_990).vouchers_issued
    assert voucher.value == 500
    sale = shop.sell("shampoo", "dipirona", customer=maria, voucher=voucher.qr, pix=3_750)
    assert dict(sale.payments) == {"voucher": 500, "pix": 3_750}
    before = _total(shop, maria)

    back = _give_back(shop, sale.sale_id, "Dipirona 500 mg")
    assert (back.goods_amount, back.loyalty_share, back.money_back) == (1_250, 147, 1_103)
    assert (back.cashback_restored, back.clawback) == (0, 0)
    # Only what the dipirona earned leaves the balance; nothing comes in for the gift.
    assert back.balance is not None
    assert back.balance.total == before - back.cashback_reversed
    assert _total(shop, maria) == before - back.cashback_reversed


def test_a_balance_vouchers_share_of_a_partial_refund_comes_back_as_cashback(
    make_shop: MakeShop,
) -> None:
    """Fashion: R$ 20,00 of cashback became a R$ 20,00 voucher: the customer's own money.

    Shampoo + dipirona R$ 42,50 paid with that voucher (R$ 20,00) and R$ 22,50 by PIX.
    Returning the dipirona (R$ 12,50): 12,50 x 20,00 / 42,50 = 5,882 -> R$ 5,88 was
    the voucher's (remainders 1000 and 3250 of 4250: the leftover centavo goes to the
    money side), given back as cashback; R$ 6,62 in money.
    """
    shop = make_shop("fashion")
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    (voucher,) = shop.sell("vestido", customer=carla, pix=20_000).vouchers_issued
    assert voucher.value == 2_000
    sale = shop.sell("shampoo", "dipirona", customer=carla, voucher=voucher.code, pix=2_250)
    assert dict(sale.payments) == {"voucher": 2_000, "pix": 2_250}
    before = _total(shop, carla)

    back = _give_back(shop, sale.sale_id, "Dipirona 500 mg")
    assert (back.goods_amount, back.loyalty_share, back.money_back) == (1_250, 588, 662)
    assert back.cashback_restored == 588
    assert _total(shop, carla) == before + 588 - back.cashback_reversed


def test_a_single_centavo_of_cashback_spent_comes_back_on_the_last_of_two_refunds(
    make_shop: MakeShop,
) -> None:
    """Salon (10 % on services): Carla pays R$ 115,00 with R$ 0,01 of cashback.

    Manicure back first: 35,00 x 0,01 / 115,00 = 0,003 -> no cashback (the leftover
    centavo goes to the larger remainder, the money side): R$ 35,00 in money.
    The corte back next, the rest of the sale: loyalty's share so far is the whole
    R$ 0,01, so that centavo comes back as cashback and R$ 79,99 in money; the two
    refunds give back exactly the R$ 114,99 paid by PIX, and her balance is the
    R$ 3,50 she had before the sale.
    """
    shop = make_shop("salon")
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    assert shop.sell("manicure", customer=carla, pix=3_500).earned == 350
    sale = shop.sell("corte", "manicure", customer=carla, cashback=1, pix=11_499)
    assert sale.redeemed == 1

    first = _give_back(shop, sale.sale_id, "Manicure")
    assert (first.goods_amount, first.loyalty_share, first.money_back) == (3_500, 0, 3_500)
    assert first.cashback_restored == 0

    rest = _give_back(shop, sale.sale_id)
    assert (rest.goods_amount, rest.loyalty_share, rest.money_back) == (8_000, 1, 7_999)
    assert rest.cashback_restored == 1
    assert first.money_back + rest.money_back == 11_499
    assert _total(shop, carla) == 350


def test_a_partial_refund_paid_all_in_money_restores_no_cashback(make_shop: MakeShop) -> None:
    """Salon: corte + manicure R$ 115,00 all by PIX earns R$ 11,50 (80,00 -> 8,00 and
    35,00 -> 3,50). The manicure back: R$ 35,00 in money, R$ 3,50 reversed, nothing
    restored: her balance is R$ 8,00."""
    shop = make_shop("salon")
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    sale = shop.sell("corte", "manicure", customer=carla, pix=11_500)
    assert sale.earned == 1_150

    back = _give_back(shop, sale.sale_id, "Manicure")
    assert (back.money_back, back.loyalty_share, back.cashback_reversed) == (3_500, 0, 350)
    assert (back.cashback_restored, back.sale_number) == (0, sale.number)
    assert _total(shop, carla) == 800
    # Her history and what the chain's cloud receives name the sale the R$ 3,50 left by.
    reversals = [
        (row.amount, row.sale_number)
        for row in customers.history(shop.station, carla)
        if row.kind == EntryKind.REVERSE.value
    ]
    assert reversals == [(-350, sale.number)]
    pushed = [
        (body["amount"], body["sale"])
        for body in _sent(shop, "ledger.entry")
        if body["kind"] == EntryKind.REVERSE.value
    ]
    assert pushed == [(-350, sale.uuid)]


def test_cashback_given_back_by_a_partial_refund_is_spendable_at_once(
    make_shop: MakeShop,
) -> None:
    """Salon with 7 pending days: what a refund gives back was the customer's already.

    Carla's manicure (R$ 35,00) earns R$ 3,50, spendable 7 days later. Then corte +
    manicure R$ 115,00 paid R$ 3,50 cashback + R$ 111,50 PIX. The manicure back:
    35,00 x 3,50 / 115,00 = 1,065 -> remainders 6000 and 5500 of 11500 give the
    leftover centavo to the cashback side: R$ 1,07, spendable at once, not in 7 days.
    """
    program = preset("salon").with_changes(pending_days=7)
    shop = make_shop(program)
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    shop.sell("manicure", customer=carla, pix=3_500)
    shop.clock.advance(days=7)
    assert customers.account(shop.station, carla).balance.spendable == 350
    sale = shop.sell("corte", "manicure", customer=carla, cashback=350, pix=11_150)
    assert sale.redeemed == 350

    back = _give_back(shop, sale.sale_id, "Manicure")
    assert (back.loyalty_share, back.cashback_restored, back.money_back) == (107, 107, 3_393)
    assert back.balance is not None
    assert back.balance.spendable == 107
    # The sale's own earning still waits its 7 days, less what the manicure earned.
    assert back.balance.pending == sale.earned - back.cashback_reversed


# -- a referral bonus and a partial refund --------------------------------------------


def _referral_shop(make_shop: MakeShop, minimum: int = 3_000) -> tuple[Shop, int, int]:
    """Pharmacy (5 %; R$ 10,00 to the referrer and R$ 5,00 to the referred on a first
    purchase of `minimum` or more, R$ 30,00 by default), vouchers off so balances stay
    plain cashback. Dora enrols referred by Carla."""
    program: LoyaltyProgram = preset("pharmacy").with_changes(
        voucher=VoucherRule(), referral=ReferralRule(1_000, 500, minimum)
    )
    shop = make_shop(program)
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    with shop.station.read() as session:
        code = session.scalars(select(Customer.referral_code).where(Customer.id == carla)).one()
    dora = enrol(
        shop.station, Enrolment(name="Dora Lima", phone="11 97777-6666", referred_by_code=code)
    ).id
    return shop, carla, dora


def test_a_partial_refund_below_the_referral_minimum_takes_both_bonuses_back(
    make_shop: MakeShop,
) -> None:
    """Dora's first purchase: batom 49,90 + lixa 17,50 + dipirona 12,50 = R$ 79,90.

    Carla gets R$ 10,00, Dora R$ 5,00. The batom back leaves exactly R$ 30,00: not
    below the minimum, both bonuses stay. The lixa back leaves R$ 12,50: below R$ 30,00,
    so both are taken back (the sale is not all returned: only the minimum decides).
    """
    shop, carla, dora = _referral_shop(make_shop)
    with shop.station.write() as session:
        shop.items["lixa"] = catalog.add_item(session, name="Lixa", price=1_750, sku="LIX").id
    sale = shop.sell("batom", "lixa", "dipirona", customer=dora, pix=7_990)
    assert sale.referral_bonus == 500
    assert _total(shop, carla) == 1_000

    first = _give_back(shop, sale.sale_id, "Batom matte")
    assert _total(shop, carla) == 1_000  # R$ 30,00 kept: the referral still holds
    dora_before = _total(shop, dora)

    back = _give_back(shop, sale.sale_id, "Lixa")
    assert _total(shop, carla) == 0
    assert _total(shop, dora) == dora_before - back.cashback_reversed - 500
    assert back.clawback == 0
    # The day's report: both bonuses paid (R$ 15,00), and taken back with the earnings.
    report = x_report(shop.station)
    assert report.referral_bonus == 1_500
    assert report.cashback_reversed == first.cashback_reversed + back.cashback_reversed + 1_500


def test_voiding_the_referred_customers_first_purchase_takes_both_bonuses_back(
    make_shop: MakeShop,
) -> None:
    """Dora's first purchase, shampoo + dipirona R$ 42,50 (R$ 30,00 or more), pays Carla
    R$ 10,00 and Dora R$ 5,00 (plus 5 % = R$ 2,12 earned). Voided: both bonuses and the
    earning leave; both balances are R$ 0,00."""
    shop, carla, dora = _referral_shop(make_shop)
    sale = shop.sell("shampoo", "dipirona", customer=dora, pix=4_250)
    assert (sale.referral_bonus, sale.earned) == (500, 212)
    assert (_total(shop, carla), _total(shop, dora)) == (1_000, 712)
    done = void(shop.station, sale.sale_id, shop.cashier_id, MANAGER_PIN, "lançada errada")
    assert (done.money_back, done.clawback) == (4_250, 0)
    assert (_total(shop, carla), _total(shop, dora)) == (0, 0)


def test_with_no_referral_minimum_a_full_refund_still_takes_both_bonuses_back(
    make_shop: MakeShop,
) -> None:
    """A referral with no minimum purchase: Dora's first purchase, a dipirona R$ 12,50,
    pays both bonuses. Given back whole (a refund, not a void): nothing of the purchase
    is kept, so both bonuses leave (R$ 0,00 kept is not below a minimum of R$ 0,00)."""
    shop, carla, dora = _referral_shop(make_shop, minimum=0)
    sale = shop.sell("dipirona", customer=dora, pix=1_250)
    assert (sale.referral_bonus, _total(shop, carla)) == (500, 1_000)
    _give_back(shop, sale.sale_id)
    assert (_total(shop, carla), _total(shop, dora)) == (0, 0)


# -- the Z report -----------------------------------------------------------------------


def test_a_z_refused_for_a_wrong_pin_names_the_z_in_both_languages(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    close_shift(shop.station, shop.cashier_id, MANAGER_PIN, {})
    with pytest.raises(ManagerPinWrong) as refused:
        z_report(shop.station, shop.cashier_id, CASHIER_PIN)
    assert refused.value.message("pt_BR") == "PIN de gerente incorreto: redução Z."
    assert refused.value.message("en") == "Wrong manager PIN: Z report."


def test_a_z_stored_before_cards_and_salon_shares_existed_still_reprints(
    make_shop: MakeShop,
) -> None:
    """Older releases stored a Z's figures without the card brands, the salon's and
    partners' shares, the commissions and the tips: a reprint shows them as none."""
    shop = make_shop("salon")
    shop.sell("corte", pix=8_000)
    close_shift(shop.station, shop.cashier_id, MANAGER_PIN, {})
    z = z_report(shop.station, shop.cashier_id, MANAGER_PIN)
    assert z.z_id is not None
    with shop.station.write() as session:
        row = session.get(ZReport, z.z_id)
        assert row is not None
        figures = json.loads(row.figures_json)
        for key in ("cards", "partner_shares", "commissions", "tips"):
            del figures[key]
        row.figures_json = json.dumps(figures)

    again = stored_z(shop.station, z.z_id)
    assert (again.cards, again.partner_shares, again.commissions, again.tips) == ((), (), (), ())
    assert (again.number, again.sales_count, again.net) == (1, 1, 8_000)
    assert again.payments == z.payments


def test_a_z_for_a_day_still_to_come_is_refused_and_says_so(make_shop: MakeShop) -> None:
    """The clock says 2 March 2026 (10:00 in São Paulo): 3 March cannot be closed yet."""
    shop = make_shop("salon")
    close_shift(shop.station, shop.cashier_id, MANAGER_PIN, {})
    with pytest.raises(InvalidSetting) as refused:
        z_report(shop.station, shop.cashier_id, MANAGER_PIN, date(2026, 3, 3))
    assert refused.value.message("pt_BR") == (
        "Configuração inválida: a redução Z de 03/03/2026 só pode ser feita nesse dia."
    )
    assert refused.value.message("en") == (
        "Invalid setting: the Z report of 2026-03-03 can only be run on that day."
    )


def test_each_days_z_takes_the_next_number_and_only_its_own_days_sales(
    make_shop: MakeShop,
) -> None:
    """2 March: a corte (R$ 80,00), Z nº 1. 3 March: a manicure (R$ 35,00), Z nº 2 with
    only that sale; 2 March stays closed with its nº 1."""
    shop = make_shop("salon")
    shop.sell("corte", pix=8_000)
    close_shift(shop.station, shop.cashier_id, MANAGER_PIN, {})
    first = z_report(shop.station, shop.cashier_id, MANAGER_PIN)
    assert (first.number, first.day) == (1, date(2026, 3, 2))
    assert (first.sales_count, first.net) == (1, 8_000)

    shop.clock.advance(days=1)
    open_shift(shop.station, shop.cashier_id, 0)
    shop.sell("manicure", pix=3_500)
    close_shift(shop.station, shop.cashier_id, MANAGER_PIN, {})
    second = z_report(shop.station, shop.cashier_id, MANAGER_PIN)
    assert (second.number, second.day) == (2, date(2026, 3, 3))
    assert (second.sales_count, second.net) == (1, 3_500)
    assert stored_z(shop.station, first.z_id or 0).net == 8_000
    assert stored_z(shop.station, second.z_id or 0).net == 3_500
    with pytest.raises(DayClosed) as refused:
        z_report(shop.station, shop.cashier_id, MANAGER_PIN, date(2026, 3, 2))
    assert refused.value.message("en") == (
        "The day 02/03/2026 was already closed with Z report no. 1."
    )


# -- the day runs from local midnight to local midnight ------------------------------

MONDAY_0H = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
"""00:00 of Monday 2 March in São Paulo (UTC-3): the first instant of that day."""
TUESDAY_0H = datetime(2026, 3, 3, 3, 0, tzinfo=UTC)
"""00:00 of Tuesday 3 March: the first instant of Tuesday, no longer Monday."""


def test_what_happens_at_the_stroke_of_midnight_belongs_to_the_day_that_starts(
    make_shop: MakeShop, clock: MovableClock
) -> None:
    """Fashion (10 %, the whole balance becomes a voucher on reaching R$ 20,00).

    Monday 00:00:00 the counter is set up, the shift opens (float R$ 0,00), Carla enrols
    and buys a vestido R$ 200,00 in cash (R$ 20,00 earned, at once her voucher V1 of
    R$ 20,00), a walk-in buys a dipirona R$ 12,50 in cash; Carla scores 9.
    Tuesday 00:00:00 the shift is closed (R$ 212,50 counted) and a new one opened with
    R$ 50,00; Dora enrols and buys a vestido R$ 200,00 by PIX (her voucher V2); Carla
    pays a shampoo R$ 30,00 with V1 + R$ 10,00 PIX (earns R$ 1,00); the dipirona comes
    back in cash; Dora scores 6.
    Monday: 2 sales, R$ 212,50 cash, R$ 20,00 earned, V1 issued and still open at the
    day's end (redeemed only at Tuesday 00:00), no cashback owed (Carla's is in V1).
    Tuesday: 2 sales R$ 230,00, the R$ 12,50 refund, net R$ 217,50, R$ 21,00 earned,
    V2 issued, V1 redeemed, V2 open, Carla's R$ 1,00 owed.
    """
    clock.moment = MONDAY_0H
    shop = make_shop("fashion")
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    bought = shop.sell("vestido", customer=carla, cash=20_000)
    (v1,) = bought.vouchers_issued
    walk_in = shop.sell("dipirona", cash=1_250)
    record_score(shop.station, bought.uuid, 9, shop.cashier_id)

    clock.moment = TUESDAY_0H
    close_shift(shop.station, shop.cashier_id, MANAGER_PIN, {10_000: 2, 1_000: 1, 200: 1, 50: 1})
    open_shift(shop.station, shop.cashier_id, 5_000)
    dora = shop.enrol("Dora Lima", phone="11 97777-6666")
    doras = shop.sell("vestido", customer=dora, pix=20_000)
    assert [v.value for v in doras.vouchers_issued] == [2_000]
    paid = shop.sell("shampoo", customer=carla, voucher=v1.code, pix=1_000)
    assert (dict(paid.payments), paid.earned) == ({"voucher": 2_000, "pix": 1_000}, 100)
    assert _give_back(shop, walk_in.sale_id).money_back == 1_250
    record_score(shop.station, doras.uuid, 6, shop.cashier_id)

    monday, tuesday = (
        x_report(shop.station, MONDAY_0H.date()),
        x_report(shop.station, TUESDAY_0H.date()),
    )
    _check(monday, sales=(2, 21_250), refunds=(0, 0), net=21_250)
    assert monday.payments == (Figure("cash", 2, 21_250),)
    assert (monday.cashback_earned, monday.customers_enrolled) == (2_000, 1)
    assert monday.vouchers_issued == Figure("issued", 1, 2_000)
    assert monday.vouchers_redeemed == Figure("redeemed", 0, 0)
    assert monday.vouchers_open == Figure("open", 1, 2_000)
    assert (monday.liability_cashback, monday.liability) == (0, 2_000)
    assert monday.cash == CashReport(1, 0, 0, 21_250, 0, 0, 0, 21_250, 21_250)
    assert (monday.nps_promoters, monday.nps_passives, monday.nps_detractors) == (1, 0, 0)

    _check(tuesday, sales=(2, 23_000), refunds=(1, 1_250), net=21_750)
    assert tuesday.payments == (Figure("pix", 2, 21_000), Figure("voucher", 1, 2_000))
    assert (tuesday.cashback_earned, tuesday.customers_enrolled) == (2_100, 1)
    assert tuesday.vouchers_issued == Figure("issued", 1, 2_000)
    assert tuesday.vouchers_redeemed == Figure("redeemed", 1, 2_000)
    assert tuesday.vouchers_open == Figure("open", 1, 2_000)
    assert (tuesday.liability_cashback, tuesday.liability) == (100, 2_100)
    # The new drawer: R$ 50,00 float, R$ 12,50 paid out for the dipirona.
    assert tuesday.cash == CashReport(1, 1, 5_000, 0, 1_250, 0, 0, 3_750, None)
    assert (tuesday.nps_promoters, tuesday.nps_passives, tuesday.nps_detractors) == (0, 0, 1)


def _check(report: Report, *, sales: tuple[int, int], refunds: tuple[int, int], net: int) -> None:
    assert (report.sales_count, report.gross) == sales
    assert (report.refunds_count, report.refunds, report.money_back) == (*refunds, refunds[1])
    assert (report.voids_count, report.voids, report.discounts) == (0, 0, 0)
    assert report.net == net


# -- what the manager's audit log and the chain's cloud are told ----------------------


def _audited(shop: Shop, action: str) -> list[AuditRow]:
    return list(reversed(search_audit(shop.station, AuditSearch(action=action)).rows))


def _sent(shop: Shop, kind: str) -> list[dict[str, object]]:
    """The bodies of the events of this kind the next sync will push, oldest first."""
    return [i.event["body"] for i in pending_items(shop.station, 500) if i.event["kind"] == kind]


def test_the_z_names_who_made_it_in_the_audit_log_and_goes_to_the_cloud(
    make_shop: MakeShop,
) -> None:
    """A corte R$ 80,00 by PIX, no customer: no cashback movement at all, so the Z's
    anchor is the empty ledger (0 entries, the genesis hash) and the file checks out."""
    shop = make_shop("salon")
    shop.sell("corte", pix=8_000)
    close_shift(shop.station, shop.cashier_id, MANAGER_PIN, {})
    z = z_report(shop.station, shop.cashier_id, MANAGER_PIN)
    assert (z.made_by, z.authorized_by) == ("Carlos Caixa", "Marta Gerente")
    assert (z.chain_seq, z.chain_head) == (0, GENESIS_HASH)
    assert verify(shop.station) == []

    (row,) = _audited(shop, "report.z")
    assert (row.staff_name, row.authorized_by_name, row.target) == (
        "Carlos Caixa",
        "Marta Gerente",
        "z:1",
    )
    assert row.details == {"day": "2026-03-02", "sales": 1, "net": 8_000}
    with shop.station.read() as session:
        terminal_uuid = shop.station.terminal(session).uuid
    assert _sent(shop, "report.z") == [
        {
            "terminal": terminal_uuid,
            "number": 1,
            "day": "2026-03-02",
            "sales": 1,
            "gross": 8_000,
            "net": 8_000,
        }
    ]


def test_cash_back_never_exceeds_the_cash_the_sale_took_over_two_refunds(
    make_shop: MakeShop,
) -> None:
    """Shampoo R$ 30,00 + dipirona R$ 12,50 paid R$ 20,00 cash + R$ 22,50 PIX.

    The shampoo back (R$ 30,00): R$ 20,00 from the drawer, the rest by PIX. The
    dipirona back (R$ 12,50): the sale's cash is all given back already, so none from
    the drawer. The drawer: 20,00 in - 20,00 out = R$ 0,00 expected.
    """
    shop = make_shop("pharmacy")
    sale = shop.sell("shampoo", "dipirona", cash=2_000, pix=2_250)
    first = _give_back(shop, sale.sale_id, "Shampoo 300 ml")
    second = _give_back(shop, sale.sale_id, "Dipirona 500 mg")
    assert (first.money_back, second.money_back) == (3_000, 1_250)
    sent = _sent(shop, "sale.refunded")
    assert [(e["money_back"], e["cash_back"], e["goods"]) for e in sent] == [
        (3_000, 2_000, 3_000),
        (1_250, 0, 1_250),
    ]
    assert {e["sale"] for e in sent} == {sale.uuid} and {e["kind"] for e in sent} == {"refund"}
    cash = x_report(shop.station).cash
    assert (cash.cash_sales, cash.cash_refunds, cash.expected) == (2_000, 2_000, 0)


def test_a_void_is_audited_with_its_reason_amounts_and_approver(make_shop: MakeShop) -> None:
    """Salon: Carla's manicure R$ 35,00 by PIX earned R$ 3,50; voided: R$ 35,00 back."""
    shop = make_shop("salon")
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    sale = shop.sell("manicure", customer=carla, pix=3_500)
    done = void(shop.station, sale.sale_id, shop.cashier_id, MANAGER_PIN, "  lançada errada ")
    assert (done.kind, done.money_back, done.cashback_reversed) == ("void", 3_500, 350)
    (row,) = _audited(shop, "sale.void")
    assert (row.staff_name, row.authorized_by_name, row.target) == (
        "Carlos Caixa",
        "Marta Gerente",
        f"sale:{sale.number}",
    )
    assert row.details == {
        "reason": "lançada errada",
        "goods": 3_500,
        "money_back": 3_500,
        "clawback": 0,
    }
    (event,) = _sent(shop, "sale.refunded")
    assert (event["kind"], event["goods"], event["money_back"]) == ("void", 3_500, 3_500)
    assert _total(shop, carla) == 0


# -- refusals at the refund -------------------------------------------------------------


def _refusal(error: type[PosError], act: Callable[[], object]) -> tuple[str, str]:
    """What the counter shows for a refused action, in pt_BR and in en."""
    with pytest.raises(error) as caught:
        act()
    return caught.value.message("pt_BR"), caught.value.message("en")


def test_refunds_refused_say_why_in_both_languages(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    sale = shop.sell("corte", "manicure", pix=11_500)
    other = shop.sell("batom", pix=4_990)
    manicure = shop.line_id(sale.sale_id, "Manicure")
    other_line = shop.line_id(other.sale_id, "Batom matte")
    number = sale.number

    def asking(lines: dict[int, int] | None, sale_id: int = sale.sale_id) -> Callable[[], object]:
        request = RefundRequest(sale_id, shop.cashier_id, MANAGER_PIN, "x", lines)
        return lambda: refund(shop.station, request)

    def voiding(pin: str = MANAGER_PIN) -> object:
        return void(shop.station, sale.sale_id, shop.cashier_id, pin, "erro")

    assert _refusal(ManagerPinWrong, lambda: voiding(CASHIER_PIN)) == (
        "PIN de gerente incorreto: cancelar venda.",
        "Wrong manager PIN: void a sale.",
    )
    by_cashier = RefundRequest(sale.sale_id, shop.cashier_id, CASHIER_PIN, "x")
    assert _refusal(ManagerPinWrong, lambda: refund(shop.station, by_cashier)) == (
        "PIN de gerente incorreto: devolução.",
        "Wrong manager PIN: refund.",
    )
    assert _refusal(UnknownSale, asking(None, sale_id=9_999)) == (
        "Venda não encontrada: 9999.",
        "Sale not found: 9999.",
    )
    pt, _ = _refusal(SaleNotRefundable, asking({other_line: 1}))
    assert pt == f"A venda {number} não pode ser devolvida: item {other_line} não é desta venda."
    for quantity in (0, True):
        _, en = _refusal(InvalidQuantity, asking({manicure: quantity}))
        assert en == f"Invalid quantity: {quantity}. Use a whole number greater than zero."
    pt, _ = _refusal(SaleNotRefundable, asking({}))
    assert pt == f"A venda {number} não pode ser devolvida: nada a devolver."
    pt, en = _refusal(SaleNotRefundable, asking({manicure: 2}))
    assert pt == f"A venda {number} não pode ser devolvida: de Manicure resta(m) 1 para devolver."
    assert en == f"Sale {number} cannot be refunded: only 1 of Manicure left to return."

    _give_back(shop, sale.sale_id, "Manicure")
    pt, en = _refusal(SaleNotRefundable, asking({manicure: 1}))
    assert pt == f"A venda {number} não pode ser devolvida: Manicure já foi devolvido."
    assert en == f"Sale {number} cannot be refunded: Manicure was already returned."
    pt, _ = _refusal(SaleNotRefundable, voiding)
    assert pt == f"A venda {number} não pode ser devolvida: já tem devolução; faça a devolução."
    _give_back(shop, sale.sale_id)
    pt, _ = _refusal(SaleNotRefundable, asking(None))
    assert pt == f"A venda {number} não pode ser devolvida: já devolvida ou cancelada."

    void(shop.station, other.sale_id, shop.cashier_id, MANAGER_PIN, "erro")
    pt, _ = _refusal(SaleNotRefundable, asking(None, sale_id=other.sale_id))
    assert pt == f"A venda {other.number} não pode ser devolvida: já devolvida ou cancelada."


def test_a_refund_all_in_cashback_needs_no_open_shift(make_shop: MakeShop) -> None:
    """Salon (10 % on services, 0 % on products): two cortes R$ 160,00 earn R$ 16,00.
    Carla pays a dipirona R$ 12,50 (a product: earns nothing) all with cashback. The
    shift closes; the dipirona comes back: no money leaves a drawer, the R$ 12,50
    returns to her balance (R$ 16,00 again), so no open shift is needed."""
    shop = make_shop("salon")
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    shop.sell(("corte", 2), customer=carla, pix=16_000)
    paid = shop.sell("dipirona", customer=carla, cashback=1_250)
    assert (paid.redeemed, paid.earned) == (1_250, 0)
    close_shift(shop.station, shop.cashier_id, MANAGER_PIN, {})

    back = _give_back(shop, paid.sale_id)
    assert (back.money_back, back.loyalty_share, back.cashback_restored) == (0, 1_250, 1_250)
    assert _total(shop, carla) == 1_600


# -- a later day: only its own sales, refunds and redemptions -------------------------


def _serve(shop: Shop, item: str, professional: int | None, staff: int) -> int:
    """One service rung up by `staff`, performed by `professional`, paid by PIX."""
    price = {"manicure": 3_500, "corte": 8_000}[item]
    return checkout(
        shop.station,
        CheckoutRequest(
            staff_id=staff,
            lines=[LineRequest(shop.items[item], professional_id=professional)],
            payments=[TenderRequest(Tender.PIX, price)],
        ),
    ).sale_id


def test_the_next_days_report_has_only_its_own_services_refunds_and_redemptions(
    make_shop: MakeShop,
) -> None:
    """Fashion; Paula and Rita are professionals.

    Monday: Carla's vestido R$ 200,00 gives her voucher V1 (R$ 20,00), which pays part of
    a batom the same day; a manicure R$ 35,00 by Paula (given back the same day) and
    one by Rita. Tuesday: a corte R$ 80,00 by Paula rung by Carlos, a corte R$ 80,00 with
    no professional rung by Ana (the admin, whose staff number is lower than Carlos's),
    and Rita's Monday manicure comes back.
    Monday, per professional: Rita 1 service R$ 35,00; Paula 1 service, R$ 35,00 - 35,00.
    Tuesday: Paula 1 service R$ 80,00; Rita none done, R$ 35,00 off her base.
    Tuesday's staff tie at R$ 80,00 each: listed by name, Ana before Carlos. No voucher
    was redeemed on Tuesday.
    """
    shop = make_shop("fashion")
    with shop.station.write() as session:
        rita = add_staff(session, "Rita Cabeleireira", Role.PROFESSIONAL, "3333", shop.clock()).id
    paula = shop.professional_id
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    (v1,) = shop.sell("vestido", customer=carla, pix=20_000).vouchers_issued
    shop.sell("batom", customer=carla, voucher=v1.code, pix=2_990)
    by_paula = _serve(shop, "manicure", paula, shop.cashier_id)
    by_rita = _serve(shop, "manicure", rita, shop.cashier_id)
    _give_back(shop, by_paula)

    shop.clock.advance(days=1)
    _serve(shop, "corte", paula, shop.cashier_id)
    _serve(shop, "corte", None, shop.admin_id)
    _give_back(shop, by_rita)

    monday, tuesday = x_report(shop.station, date(2026, 3, 2)), x_report(shop.station)
    assert monday.professionals == (
        Figure("Rita Cabeleireira", 1, 3_500),
        Figure("Paula Manicure", 1, 0),
    )
    assert monday.vouchers_redeemed == Figure("redeemed", 1, 2_000)
    assert tuesday.day == date(2026, 3, 3)
    assert tuesday.professionals == (
        Figure("Paula Manicure", 1, 8_000),
        Figure("Rita Cabeleireira", 0, -3_500),
    )
    assert tuesday.staff == (Figure("Ana Admin", 1, 8_000), Figure("Carlos Caixa", 1, 8_000))
    assert tuesday.vouchers_redeemed == Figure("redeemed", 0, 0)
    assert (tuesday.refunds_count, tuesday.refunds, tuesday.net) == (1, 3_500, 12_500)


# -- the salon's split and the satisfaction survey on the Z ---------------------------


def test_the_z_shows_the_salons_share_the_partners_commissions_and_tips(
    make_shop: MakeShop,
) -> None:
    """Rita is employed with 40 % of her services' gross; Paula is a partner with 60 % of
    their net (Lei 13.352/2016). One visit: corte R$ 80,00 by Rita (3 200 for her) and
    two manicures R$ 70,00 by Paula (2 x 3 500 x 60 % = 4 200), R$ 150,00 in cash, and
    a R$ 10,00 tip for Paula by PIX. The salon keeps R$ 70,00 - 42,00 = R$ 28,00 of
    Paula's services; the Z and its reprint say so."""
    shop = make_shop("salon")
    with shop.station.write() as session:
        rita = add_staff(session, "Rita Cabeleireira", Role.PROFESSIONAL, "3333", shop.clock()).id
    paula = shop.professional_id
    set_rule(shop.station, manager_pin=MANAGER_PIN, staff_id=rita, item_kind=SERVICE,
             share_bps=4_000, base=Base.GROSS)  # fmt: skip
    set_rule(shop.station, manager_pin=MANAGER_PIN, staff_id=paula, share_bps=6_000,
             mode=Mode.PARTNER, base=Base.NET)  # fmt: skip
    sale = checkout(
        shop.station,
        CheckoutRequest(
            staff_id=shop.cashier_id,
            lines=[
                LineRequest(shop.items["corte"], professional_id=rita),
                LineRequest(shop.items["manicure"], 2, professional_id=paula),
            ],
            payments=[TenderRequest(Tender.CASH, 15_000)],
        ),
    )
    record_tip(shop.station, sale.sale_id, professional_id=paula, amount=1_000, tender="pix",
               staff_id=shop.cashier_id)  # fmt: skip
    close_shift(shop.station, shop.cashier_id, MANAGER_PIN, {10_000: 1, 5_000: 1})

    z = z_report(shop.station, shop.cashier_id, MANAGER_PIN)
    assert z.commissions == (Figure("Rita Cabeleireira", 1, 3_200),)
    assert z.partner_shares == (Figure("Paula Manicure", 2, 4_200),)
    assert z.salon_share == 2_800
    assert z.tips == (Figure("Paula Manicure", 1, 1_000),)
    assert stored_z(shop.station, z.z_id or 0) == z


def test_the_survey_scores_of_the_day_count_9_as_promoter_and_6_as_detractor(
    make_shop: MakeShop,
) -> None:
    """Five answers: 10 and 9 promote, 8 and 7 are passive, 6 detracts: NPS
    (2 - 1) / 5 = +20."""
    shop = make_shop("pharmacy")
    for score in (10, 9, 8, 7, 6):
        sale = shop.sell("dipirona", pix=1_250)
        record_score(shop.station, sale.uuid, score, shop.cashier_id)
    report = x_report(shop.station)
    assert (report.nps_promoters, report.nps_passives, report.nps_detractors) == (2, 2, 1)
    assert (report.nps.responses, report.nps.score) == (5, 20)


# -- a voided sale paid with a voucher -----------------------------------------------


def test_a_balance_voucher_used_twice_each_void_takes_back_its_own_change(
    make_shop: MakeShop,
) -> None:
    """Fashion: Carla's R$ 20,00 voucher pays a dipirona R$ 12,50: R$ 7,50 of change
    goes to her balance. Voided: the voucher is open again and the R$ 7,50 leaves.
    The same voucher then pays an esmalte R$ 15,00: R$ 5,00 of change. Voided too:
    exactly those R$ 5,00 leave; her balance is R$ 0,00 and the voucher open."""
    shop = make_shop("fashion")
    with shop.station.write() as session:
        shop.items["esmalte"] = catalog.add_item(
            session, name="Esmalte", price=1_500, sku="ESM-01", category_code="cosmeticos"
        ).id
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    (v1,) = shop.sell("vestido", customer=carla, pix=20_000).vouchers_issued
    first = shop.sell("dipirona", customer=carla, voucher=v1.code)
    assert _total(shop, carla) == 750
    undone = void(shop.station, first.sale_id, shop.cashier_id, MANAGER_PIN, "x")
    assert undone.vouchers_reopened == (v1.code,)
    assert _total(shop, carla) == 0

    second = shop.sell("esmalte", customer=carla, voucher=v1.code)
    assert _total(shop, carla) == 500
    void(shop.station, second.sale_id, shop.cashier_id, MANAGER_PIN, "x")
    account = customers.account(shop.station, carla)
    assert account.balance.total == 0
    assert [v.code for v in account.open_vouchers] == [v1.code]
    assert verify(shop.station) == []


def test_a_void_after_the_vouchers_change_was_spent_gives_its_part_back_as_cashback(
    make_shop: MakeShop,
) -> None:
    """Fashion: Carla's R$ 20,00 voucher pays a dipirona R$ 12,50; the R$ 7,50 of change
    then pays part of a shampoo R$ 30,00 (R$ 22,50 by PIX earns R$ 2,25). Voiding the
    dipirona cannot take the R$ 7,50 back from a R$ 2,25 balance: the voucher stays used
    and the R$ 12,50 it paid comes back as cashback. Her balance never goes below zero."""
    shop = make_shop("fashion")
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    (v1,) = shop.sell("vestido", customer=carla, pix=20_000).vouchers_issued
    first = shop.sell("dipirona", customer=carla, voucher=v1.code)
    shop.sell("shampoo", customer=carla, cashback=750, pix=2_250)
    assert _total(shop, carla) == 225

    undone = void(shop.station, first.sale_id, shop.cashier_id, MANAGER_PIN, "x")
    assert (undone.vouchers_reopened, undone.cashback_restored, undone.money_back) == ((), 1_250, 0)
    account = customers.account(shop.station, carla)
    assert (account.balance.total, account.balance.spendable) == (1_475, 1_475)
    assert account.open_vouchers == ()
    assert [v.status for v in customers.vouchers(shop.station, carla)] == ["redeemed"]
    assert verify(shop.station) == []


def test_a_refund_after_the_change_became_a_new_voucher_and_was_spent_never_goes_negative(
    make_shop: MakeShop,
) -> None:
    """Pharmacy (5 %, a voucher for each R$ 5,00): two vestidos earn R$ 20,00, a R$ 20,00
    voucher. It pays a dipirona R$ 12,50: the R$ 7,50 of change makes a R$ 5,00 voucher
    at once (R$ 2,50 left), spent on a shampoo with R$ 25,00 by PIX (earns R$ 1,25).
    The dipirona returned: R$ 12,50 back as cashback, R$ 3,75 + R$ 12,50 = R$ 16,25."""
    shop = make_shop("pharmacy")
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    (v1,) = shop.sell(("vestido", 2), customer=carla, pix=40_000).vouchers_issued
    assert v1.value == 2_000
    first = shop.sell("dipirona", customer=carla, voucher=v1.code)
    (v2,) = first.vouchers_issued
    assert (v2.value, _total(shop, carla)) == (500, 250)
    shop.sell("shampoo", customer=carla, voucher=v2.code, pix=2_500)
    assert _total(shop, carla) == 375

    back = refund(shop.station, RefundRequest(first.sale_id, shop.cashier_id, MANAGER_PIN, "x"))
    assert (back.vouchers_reopened, back.cashback_restored, back.money_back) == ((), 1_250, 0)
    account = customers.account(shop.station, carla)
    assert account.balance.total == 1_625 and account.balance.spendable == 1_625
    assert verify(shop.station) == []


def test_a_voucher_reopened_at_the_instant_it_expires_lapses_back_into_cashback(
    make_shop: MakeShop,
) -> None:
    """Fashion: Carla's R$ 20,00 voucher (60 days) pays R$ 20,00 of a shampoo R$ 30,00,
    R$ 10,00 by PIX (earns R$ 1,00). The sale is voided at the voucher's very last
    instant: reopened, it cannot be used any more, so its R$ 20,00 goes back to her
    balance as cashback (the R$ 1,00 earned is reversed): R$ 20,00, no open voucher."""
    shop = make_shop("fashion")
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    (v1,) = shop.sell("vestido", customer=carla, pix=20_000).vouchers_issued
    paid = shop.sell("shampoo", customer=carla, voucher=v1.code, pix=1_000)
    assert paid.earned == 100
    shop.clock.moment = v1.expires_at
    done = void(shop.station, paid.sale_id, shop.cashier_id, MANAGER_PIN, "x")
    assert (done.vouchers_reopened, done.money_back, done.cashback_reversed) == (
        (v1.code,),
        1_000,
        100,
    )
    account = customers.account(shop.station, carla)
    assert (account.balance.total, account.open_vouchers) == (2_000, ())
    assert verify(shop.station) == []


# -- what a refund takes back of the loyalty the sale gave -----------------------------


def test_a_partial_refund_below_the_voucher_threshold_cancels_the_discount_voucher(
    make_shop: MakeShop,
) -> None:
    """Cosmetics: above R$ 20,00 a purchase gives a R$ 5,00 voucher. Batom + shampoo +
    dipirona R$ 92,40 gives one. The batom back leaves R$ 42,50: still above R$ 20,00,
    the voucher stays. The shampoo back leaves R$ 12,50: the voucher is cancelled."""
    shop = make_shop("cosmetics")
    maria = shop.enrol("Maria Silva", cpf="529.982.247-25")
    sale = shop.sell("batom", "shampoo", "dipirona", customer=maria, pix=9_240)
    (voucher,) = sale.vouchers_issued
    assert _give_back(shop, sale.sale_id, "Batom matte").vouchers_cancelled == ()
    assert [v.code for v in customers.account(shop.station, maria).open_vouchers] == [voucher.code]
    assert _give_back(shop, sale.sale_id, "Shampoo 300 ml").vouchers_cancelled == (voucher.code,)
    assert customers.account(shop.station, maria).open_vouchers == ()
    assert verify(shop.station) == []


def test_where_the_program_allows_a_negative_balance_nothing_is_kept_from_the_money(
    make_shop: MakeShop,
) -> None:
    """Salon allowing a negative balance: the corte R$ 80,00 earned R$ 8,00, spent on a
    manicure (R$ 8,00 cashback + R$ 27,00 PIX, earning R$ 2,70). The corte back: all
    R$ 8,00 reversed, nothing kept from the R$ 80,00; her balance is 2,70 - 8,00 =
    -R$ 5,30."""
    shop = make_shop(preset("salon").with_changes(allow_negative_balance=True))
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    first = shop.sell("corte", customer=carla, pix=8_000)
    shop.sell("manicure", customer=carla, cashback=800, pix=2_700)
    back = _give_back(shop, first.sale_id)
    assert (back.cashback_reversed, back.clawback, back.money_back) == (800, 0, 8_000)
    assert _total(shop, carla) == -530


def test_a_voided_voucher_sale_shows_the_voucher_open_again_to_manager_and_customer(
    make_shop: MakeShop,
) -> None:
    """Fashion: Carla's R$ 20,00 voucher and R$ 10,00 PIX pay a shampoo R$ 30,00; the
    sale is voided. What the program owes at the end of the day is the open voucher,
    R$ 20,00, on the Z/X and on the manager's dashboard alike; her history shows the
    voucher given back on that sale."""
    shop = make_shop("fashion")
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    (v1,) = shop.sell("vestido", customer=carla, pix=20_000).vouchers_issued
    paid = shop.sell("shampoo", customer=carla, voucher=v1.code, pix=1_000)
    void(shop.station, paid.sale_id, shop.cashier_id, MANAGER_PIN, "desistiu")

    assert x_report(shop.station).liability == 2_000
    today = dashboard(shop.station, "America/Sao_Paulo", staff_id=shop.manager_id).days[-1]
    assert (today.day, today.liability) == (date(2026, 3, 2), 2_000)
    restored = [
        (row.amount, row.sale_number, row.voucher_code)
        for row in customers.history(shop.station, carla)
        if row.kind == EntryKind.VOUCHER_RESTORE.value
    ]
    assert restored == [(0, paid.number, v1.code)]


# -- a points program's day, valued in money; what sold, by category ------------------


def test_a_points_days_cashback_is_reported_in_money_and_unnamed_categories_as_a_dash(
    make_shop: MakeShop,
) -> None:
    """Points: 1 point per real, 100 points = R$ 5,00 (a point is worth 5 centavos).

    Ana buys a vestido R$ 200,00 (200 points) and a perfume R$ 150,00 (category
    "Perfumaria") with a sacola R$ 1,00 that has no category: 151 points, 150 of them
    the perfume's and 1 the sacola's. The perfume comes back: 150 points reversed.
    Earned 351 points = R$ 17,55; reversed 150 = R$ 7,50; owed at the end of the day
    201 points = R$ 10,05. What sold: roupas R$ 200,00, Perfumaria R$ 150,00, and
    R$ 1,00 with no category, shown as "—".
    """
    shop = make_shop("points")
    with shop.station.write() as session:
        catalog.category(session, "perfumaria", "Perfumaria")
        shop.items["perfume"] = catalog.add_item(
            session, name="Perfume", price=15_000, sku="PERF-01", category_code="perfumaria"
        ).id
        shop.items["sacola"] = catalog.add_item(session, name="Sacola", price=100, sku="SAC").id
    ana = shop.enrol("Ana Souza", cpf="529.982.247-25")
    assert shop.sell("vestido", customer=ana, pix=20_000).earned == 200
    sale = shop.sell("perfume", "sacola", customer=ana, pix=15_100)
    assert sale.earned == 151
    assert _give_back(shop, sale.sale_id, "Perfume").cashback_reversed == 150

    report = x_report(shop.station)
    assert (report.cashback_earned, report.cashback_reversed) == (1_755, 750)
    assert (report.cashback_spent, report.cashback_expired, report.referral_bonus) == (0, 0, 0)
    assert report.liability_cashback == 1_005
    assert report.categories == (
        Figure("roupas", 1, 20_000),
        Figure("Perfumaria", 1, 15_000),
        Figure("—", 1, 100),
    )
    assert report.top_items == (
        Figure("Vestido midi", 1, 20_000),
        Figure("Perfume", 1, 15_000),
        Figure("Sacola", 1, 100),
    )


def test_cashback_written_off_by_the_daily_upkeep_is_the_days_expired_figure(
    make_shop: MakeShop,
) -> None:
    """Salon (expiry 180 days): Carla's corte R$ 80,00 earns R$ 8,00 on 2 March. The
    upkeep of 30 August (181 days on) writes it off: that day's report shows R$ 8,00
    expired and nothing owed; the sale's day showed R$ 8,00 owed."""
    shop = make_shop("salon")
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    shop.sell("corte", customer=carla, pix=8_000)
    shop.clock.advance(days=181)
    run_daily(shop.station)
    report = x_report(shop.station)
    assert report.day == date(2026, 8, 30)
    assert (report.cashback_expired, report.liability_cashback) == (800, 0)
    assert x_report(shop.station, date(2026, 3, 2)).liability_cashback == 800


def test_a_refund_takes_back_that_sales_own_cashback_so_older_cashback_keeps_its_date(
    make_shop: MakeShop,
) -> None:
    """Salon (expiry 180 days): the corte of 2 March earns R$ 8,00 (expires 29 August),
    the manicure of 1 April R$ 3,50 (expires 28 September). The manicure comes back:
    its own R$ 3,50 is reversed, so on 30 August the whole R$ 8,00 of March expires and
    nothing is left; none of it moved to September."""
    shop = make_shop("salon")
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    shop.sell("corte", customer=carla, pix=8_000)
    shop.clock.advance(days=30)
    manicure = shop.sell("manicure", customer=carla, pix=3_500)
    assert _give_back(shop, manicure.sale_id).cashback_reversed == 350
    assert _total(shop, carla) == 800

    shop.clock.advance(days=151)  # 30 August
    run_daily(shop.station)
    assert _total(shop, carla) == 0
    assert x_report(shop.station).cashback_expired == 800


def test_a_void_gives_spent_cashback_back_spendable_at_once(make_shop: MakeShop) -> None:
    """Salon with 7 pending days: Carla's R$ 3,50 (spendable after 7 days) pays part of
    a manicure R$ 35,00; the sale is voided: her R$ 3,50 is spendable again at once."""
    shop = make_shop(preset("salon").with_changes(pending_days=7))
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    shop.sell("manicure", customer=carla, pix=3_500)
    shop.clock.advance(days=7)
    paid = shop.sell("manicure", customer=carla, cashback=350, pix=3_150)
    done = void(shop.station, paid.sale_id, shop.cashier_id, MANAGER_PIN, "erro")
    assert (done.cashback_restored, done.money_back) == (350, 3_150)
    assert done.balance is not None
    assert (done.balance.spendable, done.balance.pending) == (350, 0)


def test_a_voided_visits_tip_leaves_the_report_and_no_tip_can_be_added_to_it(
    make_shop: MakeShop,
) -> None:
    """Salon: a manicure by Paula with a R$ 10,00 tip shows the tip on the X; once the
    sale is voided the tip is gone from the X and a new tip on it is refused."""
    shop = make_shop("salon")
    paula = shop.professional_id
    sale_id = _serve(shop, "manicure", paula, shop.cashier_id)
    record_tip(shop.station, sale_id, professional_id=paula, amount=1_000, tender="pix",
               staff_id=shop.cashier_id)  # fmt: skip
    assert x_report(shop.station).tips == (Figure("Paula Manicure", 1, 1_000),)
    void(shop.station, sale_id, shop.cashier_id, MANAGER_PIN, "lançada errada")
    assert x_report(shop.station).tips == ()
    with pytest.raises(LookupError):
        record_tip(shop.station, sale_id, professional_id=paula, amount=500, tender="pix",
                   staff_id=shop.cashier_id)  # fmt: skip


def test_the_top_items_are_the_ten_that_sold_most_ties_by_name(make_shop: MakeShop) -> None:
    """Eleven items sold once each: the six of the shop (vestido 200,00, corte 80,00,
    batom 49,90, manicure 35,00, shampoo 30,00, dipirona 12,50) and an ibuprofeno
    R$ 12,50, a creme R$ 25,00, a lixa R$ 5,00, a pente R$ 3,00 and a sacola R$ 1,00.
    The top ten leave out the sacola; dipirona and ibuprofeno (added later) tie at
    R$ 12,50 and are listed by name."""
    shop = make_shop("pharmacy")
    extra = {"ibuprofeno": 1_250, "creme": 2_500, "lixa": 500, "pente": 300, "sacola": 100}
    with shop.station.write() as session:
        for key, price in extra.items():
            shop.items[key] = catalog.add_item(
                session, name=key.capitalize(), price=price, sku=key.upper()
            ).id
    prices = {
        **extra,
        "vestido": 20_000,
        "corte": 8_000,
        "batom": 4_990,
        "manicure": 3_500,
        "shampoo": 3_000,
        "dipirona": 1_250,
    }
    assert set(prices) == set(shop.items)
    for key in sorted(prices):
        shop.sell(key, pix=prices[key])
    top = x_report(shop.station).top_items
    assert [f.name for f in top] == [
        "Vestido midi",
        "Corte feminino",
        "Batom matte",
        "Manicure",
        "Shampoo 300 ml",
        "Creme",
        "Dipirona 500 mg",
        "Ibuprofeno",
        "Lixa",
        "Pente",
    ]
    assert top[7] == Figure("Ibuprofeno", 1, 1_250)


def test_two_shifts_of_a_day_count_together_once_both_are_closed(make_shop: MakeShop) -> None:
    """The first shift (float R$ 0,00) sells a dipirona R$ 12,50 by PIX and closes with
    an empty drawer counted (R$ 0,00). The second opens with R$ 10,00 and sells a
    shampoo R$ 30,00 in cash. While it is open the day has no count; closed with
    R$ 40,00 counted, the day expects 10,00 + 30,00 = R$ 40,00 and counted 0,00 + 40,00
    = R$ 40,00. The next day, with no shift, has no drawer figures and no count."""
    shop = make_shop("pharmacy")
    shop.sell("dipirona", pix=1_250)
    close_shift(shop.station, shop.cashier_id, MANAGER_PIN, {})
    open_shift(shop.station, shop.cashier_id, 1_000)
    shop.sell("shampoo", cash=3_000)
    assert x_report(shop.station).cash == CashReport(2, 1, 1_000, 3_000, 0, 0, 0, 4_000, None)

    close_shift(shop.station, shop.cashier_id, MANAGER_PIN, {2_000: 2})
    cash = x_report(shop.station).cash
    assert cash == CashReport(2, 0, 1_000, 3_000, 0, 0, 0, 4_000, 4_000)
    assert cash.difference == 0
    shop.clock.advance(days=1)
    assert x_report(shop.station).cash == CashReport(0, 0, 0, 0, 0, 0, 0, 0, None)


def test_vouchers_synced_from_this_store_count_and_another_stores_do_not(
    make_shop: MakeShop,
) -> None:
    """Sync brings Maria two balance vouchers issued today at other counters: R$ 15,00
    by another counter of this store, R$ 7,00 by another store of the chain. Today's
    report counts this store's (issued and still open, R$ 15,00) and not the other's."""
    shop = make_shop("fashion")
    maria = shop.enrol("Maria Silva", cpf="529.982.247-25")
    with shop.station.read() as session:
        ours = shop.station.snapshot(session).store.uuid
    now = shop.clock.moment
    pulled = [
        PulledEvent(
            seq=n,
            uuid=str(uuid.uuid4()),
            kind="voucher.issued",
            created_at=now.isoformat(),
            terminal_uuid=None,
            store_uuid=store,
            body={
                "uuid": str(uuid.uuid4()),
                "code": new_voucher_code(),
                "customer": customers.account(shop.station, maria).summary.uuid,
                "kind": "balance",
                "value": value,
                "issued_at": now.isoformat(),
                "expires_at": (now + timedelta(days=60)).isoformat(),
                "store": store,
            },
        )
        for n, (store, value) in enumerate(((ours, 1_500), (str(uuid.uuid4()), 700)), start=1)
    ]
    apply_page(shop.station, pulled, len(pulled))
    report = x_report(shop.station)
    assert report.vouchers_issued == Figure("issued", 1, 1_500)
    assert report.vouchers_open == Figure("open", 1, 1_500)


def test_voiding_a_sale_whose_voucher_was_already_spent_keeps_it_from_the_money(
    make_shop: MakeShop,
) -> None:
    """Fashion: the vestido R$ 200,00 earned R$ 20,00, at once voucher V1, which Carla
    spent on a shampoo (R$ 20,00 + R$ 10,00 PIX, earning R$ 1,00). The vestido sale is
    voided: V1 is spent, so it cannot be cancelled; of the R$ 20,00 to reverse only her
    R$ 1,00 is there, so R$ 19,00 is kept from the R$ 200,00: R$ 181,00 back."""
    shop = make_shop("fashion")
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    vestido = shop.sell("vestido", customer=carla, pix=20_000)
    (v1,) = vestido.vouchers_issued
    shop.sell("shampoo", customer=carla, voucher=v1.code, pix=1_000)
    done = void(shop.station, vestido.sale_id, shop.cashier_id, MANAGER_PIN, "erro")
    assert done.vouchers_cancelled == ()
    assert (done.cashback_reversed, done.clawback, done.money_back) == (100, 1_900, 18_100)
    assert _total(shop, carla) == 0


def test_a_cancelled_vouchers_row_in_her_history_names_the_sale_that_issued_it(
    make_shop: MakeShop,
) -> None:
    """Cosmetics: batom + shampoo + dipirona R$ 92,40 give Maria a R$ 5,00 voucher; the
    sale is voided. Her history shows the voucher cancelled on that sale's number."""
    shop = make_shop("cosmetics")
    maria = shop.enrol("Maria Silva", cpf="529.982.247-25")
    sale = shop.sell("batom", "shampoo", "dipirona", customer=maria, pix=9_240)
    (voucher,) = sale.vouchers_issued
    back = void(shop.station, sale.sale_id, shop.cashier_id, MANAGER_PIN, "desistiu")
    assert back.vouchers_cancelled == (voucher.code,)
    cancelled = [
        (row.sale_number, row.voucher_code)
        for row in customers.history(shop.station, maria)
        if row.kind == EntryKind.VOUCHER_CANCEL.value
    ]
    assert cancelled == [(sale.number, voucher.code)]


def test_a_one_centavo_sale_paid_with_cashback_gives_the_centavo_back_as_cashback(
    make_shop: MakeShop,
) -> None:
    """Salon: a corte R$ 80,00 earns Carla R$ 8,00. A sample sachet sold at R$ 0,01 is
    paid with one centavo of her cashback, then voided: the centavo returns to her
    balance, and no money leaves the drawer."""
    shop = make_shop("salon")
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    shop.sell("corte", customer=carla, pix=8_000)
    shop.add_item("sache", "Sachê amostra", 1)
    paid = shop.sell("sache", customer=carla, cashback=1)
    assert (paid.total, paid.redeemed) == (1, 1)
    assert _total(shop, carla) == 799

    back = void(shop.station, paid.sale_id, shop.cashier_id, MANAGER_PIN, "amostra")
    assert (back.money_back, back.loyalty_share, back.cashback_restored) == (0, 1, 1)
    assert _total(shop, carla) == 800
