"""Undoing a sale whose cashback went into vouchers: money back in money, the vouchers'
cashback with its own dates, referral bonuses taken back from both sides, and returns one
by one exact to the centavo (and to the point).

Found by an outside audit: a partial refund kept the customer's money (the clawback) while
the cashback it reversed sat in an unused voucher the same sale issued; the referral bonus
of a refund below the minimum stayed with the referrer when it had become a voucher; a void
renewed old cashback for another 180 days; returns one by one gave back R$ 10,03 for
R$ 10,01 spent (201 points for 200).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from posapp.core.presets import preset
from posapp.core.program import VoucherRule
from posapp.services.admin.loyalty_upkeep import run_daily
from posapp.services.customers import registry as customers
from posapp.services.customers.privacy import export_customer
from posapp.services.sales.refunds import RefundRequest, RefundResult, refund, void
from tests.support import MANAGER_PIN, Shop

MakeShop = Callable[..., Shop]


def _give_back(shop: Shop, sale_id: int, lines: dict[int, int] | None = None) -> RefundResult:
    return refund(
        shop.station, RefundRequest(sale_id, shop.cashier_id, MANAGER_PIN, "devolução", lines)
    )


def _void(shop: Shop, sale_id: int) -> RefundResult:
    return void(shop.station, sale_id, shop.cashier_id, MANAGER_PIN, "desistiu")


def _total(shop: Shop, customer: int) -> int:
    return customers.account(shop.station, customer).balance.total


def _open_vouchers(shop: Shop, customer: int) -> list[str]:
    return [v.code for v in customers.account(shop.station, customer).open_vouchers]


def _expiries(shop: Shop, customer: int, kind: str) -> list[tuple[int, str]]:
    """(amount, expiry day) of the customer's ledger entries of `kind`."""
    return [
        (row["amount"], (row["expires_at"] or "")[:10])
        for row in export_customer(shop.station, customer)["ledger"]
        if row["kind"] == kind
    ]


def test_a_partial_refund_takes_its_cashback_from_the_voucher_the_sale_issued(
    make_shop: MakeShop,
) -> None:
    """Fashion: vestido + batom R$ 249,90 earn R$ 24,99, at once her voucher of R$ 24,99.
    The batom back: its R$ 4,99 is in that unused voucher, so the voucher is cancelled,
    its R$ 24,99 back in her balance less the R$ 4,99: all R$ 49,90 go back in money
    (before: R$ 4,99 kept from the money while the voucher stayed open)."""
    shop = make_shop("fashion")
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    sale = shop.sell("vestido", "batom", customer=carla, pix=24_990)
    (voucher,) = sale.vouchers_issued
    assert voucher.value == 2_499

    batom = _give_back(shop, sale.sale_id, {shop.line_id(sale.sale_id, "Batom matte"): 1})
    assert (batom.vouchers_cancelled, batom.cashback_reversed) == ((voucher.code,), 499)
    assert (batom.clawback, batom.money_back) == (0, 4_990)
    assert (_total(shop, carla), _open_vouchers(shop, carla)) == (2_000, [])

    rest = _give_back(shop, sale.sale_id)
    assert (rest.vouchers_cancelled, rest.cashback_reversed) == ((), 2_000)
    assert (rest.clawback, rest.money_back) == (0, 20_000)
    assert _total(shop, carla) == 0


def test_a_partial_refund_leaves_the_voucher_when_her_balance_covers_the_reversal(
    make_shop: MakeShop,
) -> None:
    """Cashback she has beside the voucher pays the reversal: the voucher is hers still."""
    shop = make_shop("fashion")
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    sale = shop.sell("vestido", "batom", customer=carla, pix=24_990)
    (voucher,) = sale.vouchers_issued
    shop.sell("batom", customer=carla, pix=4_990)  # + R$ 4,99 in her balance
    back = _give_back(shop, sale.sale_id, {shop.line_id(sale.sale_id, "Batom matte"): 1})
    assert (back.vouchers_cancelled, back.clawback, back.money_back) == ((), 0, 4_990)
    assert _open_vouchers(shop, carla) == [voucher.code]
    assert _total(shop, carla) == 0


def test_a_refund_below_the_referral_minimum_takes_both_bonuses_from_their_vouchers(
    make_shop: MakeShop,
) -> None:
    """Pharmacy (a voucher every R$ 5,00; referral: R$ 30,00 minimum, R$ 10,00 to the
    referrer, R$ 5,00 to the referred): Bia, referred by Ana, buys R$ 42,50; both bonuses
    become vouchers at once. The shampoo back keeps R$ 12,50: both bonuses go, from their
    vouchers, and Bia's R$ 30,00 come back in money, whole (before: Ana kept her R$ 10,00
    voucher, and R$ 4,38 of Bia's money was kept while her voucher stayed open)."""
    shop = make_shop("pharmacy")
    ana = shop.enrol("Ana Souza", cpf="529.982.247-25")
    code = customers.account(shop.station, ana).summary.referral_code
    bia = shop.enrol("Bia Costa", phone="(11) 98765-4323", referred_by_code=code)
    sale = shop.sell("shampoo", "dipirona", customer=bia, pix=4_250)
    assert (sale.earned, sale.referral_bonus) == (212, 500)
    (ana_voucher,) = _open_vouchers(shop, ana)
    (bia_voucher,) = _open_vouchers(shop, bia)

    back = _give_back(shop, sale.sale_id, {shop.line_id(sale.sale_id, "Shampoo 300 ml"): 1})

    assert sorted(back.vouchers_cancelled) == sorted([ana_voucher, bia_voucher])
    assert (back.clawback, back.money_back) == (0, 3_000)
    assert (_total(shop, ana), _open_vouchers(shop, ana)) == (0, [])
    assert (_total(shop, bia), _open_vouchers(shop, bia)) == (62, [])  # 5 % of R$ 12,50


def test_a_void_keeps_the_dates_of_the_older_cashback_in_the_voucher_it_cancels(
    make_shop: MakeShop,
) -> None:
    """Fashion, cashback for 180 days: R$ 19,00 earned on day 0; on day 170 a shampoo
    brings her to R$ 22,00, a voucher at once; the shampoo sale is voided that day. Her
    R$ 19,00 expire on day 180 as before (before: back as a new lot, good until day 350)."""
    shop = make_shop("fashion")
    shop.add_item("blusa", "Blusa", 19_000, "roupas")
    maria = shop.enrol("Maria Silva", cpf="529.982.247-25")
    day0 = shop.clock.moment
    shop.sell("blusa", customer=maria, pix=19_000)
    shop.clock.advance(days=170)
    sale = shop.sell("shampoo", customer=maria, pix=3_000)
    (voucher,) = sale.vouchers_issued

    undone = _void(shop, sale.sale_id)

    assert undone.vouchers_cancelled == (voucher.code,)
    account = customers.account(shop.station, maria)
    assert account.balance.total == 1_900
    assert account.balance.next_expiry == day0 + timedelta(days=180)
    assert _expiries(shop, maria, "voucher_cancel") == [
        (1_900, str((day0 + timedelta(days=180)).date())),
        (300, str((day0 + timedelta(days=350)).date())),
    ]
    shop.clock.moment = day0 + timedelta(days=181)
    run_daily(shop.station)
    assert _total(shop, maria) == 0


def test_a_void_paid_by_a_lapsed_voucher_whose_change_was_spent_keeps_the_lots_dates(
    make_shop: MakeShop,
) -> None:
    """Fashion: a R$ 20,00 voucher (from day-0 cashback, good for 180 days; the voucher
    for 60) pays R$ 12,50, R$ 7,50 back as change, spent since; the sale is voided on
    day 70, past the voucher's date. The voucher stays used and what it paid comes back
    as an unused lapsed voucher's would: with the day-0 lot's date (before: a new lot)."""
    shop = make_shop("fashion")
    joana = shop.enrol("Joana Lima", phone="(21) 99876-5432")
    day0 = shop.clock.moment
    (voucher,) = shop.sell("vestido", customer=joana, pix=20_000).vouchers_issued
    shop.clock.advance(days=50)
    paid = shop.sell("dipirona", customer=joana, voucher=voucher.code)
    shop.sell("shampoo", customer=joana, cashback=750, pix=2_250)
    shop.clock.advance(days=20)

    undone = _void(shop, paid.sale_id)

    assert undone.vouchers_reopened == ()
    assert undone.cashback_restored == 1_250
    assert _expiries(shop, joana, "voucher_cancel") == [
        (1_250, str((day0 + timedelta(days=180)).date()))
    ]


def test_returns_one_by_one_give_back_exactly_what_was_spent_and_reopen_the_gift(
    make_shop: MakeShop,
) -> None:
    """Cosmetics: three batons R$ 149,70 paid by a R$ 5,00 store voucher (a gift),
    R$ 10,01 of cashback and PIX, returned one at a time: R$ 10,01 of cashback comes back
    (before: R$ 10,03), the PIX in money to the centavo, and the last return reopens the
    store's voucher as one return of everything does (before: it stayed used)."""
    shop = make_shop("cosmetics")
    maria = shop.enrol("Maria Silva", cpf="529.982.247-25")
    (gift,) = shop.sell("vestido", customer=maria, pix=20_000).vouchers_issued
    pix = 14_970 - 500 - 1_001
    sale = shop.sell(("batom", 3), customer=maria, voucher=gift.code, cashback=1_001, pix=pix)
    line = shop.line_id(sale.sale_id, "Batom matte")

    backs = [_give_back(shop, sale.sale_id, {line: 1}) for _ in range(3)]

    assert sum(b.cashback_restored for b in backs) == 1_001
    assert sum(b.money_back for b in backs) == pix
    assert sum(b.cashback_reversed for b in backs) == sale.earned
    assert backs[-1].vouchers_reopened == (gift.code,)
    assert gift.code in _open_vouchers(shop, maria)
    assert _total(shop, maria) == 2_000


def test_points_returned_one_by_one_come_back_as_the_points_spent(make_shop: MakeShop) -> None:
    """Points (100 points = R$ 5,00): 200 points pay R$ 10,00 of three batons, returned one
    by one: 200 points come back (before: 201), and her 600 are whole again."""
    shop = make_shop("points")
    maria = shop.enrol("Maria Silva", cpf="529.982.247-25")
    shop.sell(("vestido", 3), customer=maria, pix=60_000)
    assert _total(shop, maria) == 600
    sale = shop.sell(("batom", 3), customer=maria, cashback=1_000, pix=14_970 - 1_000)
    assert sale.redeemed == 200
    line = shop.line_id(sale.sale_id, "Batom matte")

    backs = [_give_back(shop, sale.sale_id, {line: 1}) for _ in range(3)]

    assert sum(b.cashback_restored for b in backs) == 200
    assert _total(shop, maria) == 600


def test_bonuses_taken_back_from_vouchers_are_not_taken_again_by_the_last_return(
    make_shop: MakeShop,
) -> None:
    """After the shampoo's return took both bonuses (from their vouchers), returning the
    dipirona takes only its own cashback: no second reversal, no money kept, one message
    each."""
    shop = make_shop("pharmacy")
    ana = shop.enrol("Ana Souza", cpf="529.982.247-25")
    code = customers.account(shop.station, ana).summary.referral_code
    bia = shop.enrol("Bia Costa", phone="(11) 98765-4323", referred_by_code=code)
    sale = shop.sell("shampoo", "dipirona", customer=bia, pix=4_250)
    _give_back(shop, sale.sale_id, {shop.line_id(sale.sale_id, "Shampoo 300 ml"): 1})

    rest = _give_back(shop, sale.sale_id)

    assert (rest.clawback, rest.money_back, rest.cashback_reversed) == (0, 1_250, 62)
    assert (_total(shop, ana), _total(shop, bia)) == (0, 0)
    reversed_bonuses = [
        (row["amount"], row["note"])
        for person in (ana, bia)
        for row in export_customer(shop.station, person)["ledger"]
        if row["kind"] == "reverse" and row["note"]
    ]
    assert sorted(reversed_bonuses) == [
        (-1_000, "bônus de indicação estornado"),
        (-500, "bônus de indicação estornado"),
    ]


def test_a_bonus_already_spent_is_kept_from_the_money_once_not_at_every_return(
    make_shop: MakeShop,
) -> None:
    """No vouchers: Bia spends her R$ 5,00 bonus, then returns the shampoo (below the
    referral minimum): the bonus is kept from that refund's money. Returning the dipirona
    later keeps nothing more (before: the bonus was kept again, R$ 5,00 twice)."""
    shop = make_shop(preset("pharmacy").with_changes(voucher=VoucherRule()))
    ana = shop.enrol("Ana Souza", cpf="529.982.247-25")
    code = customers.account(shop.station, ana).summary.referral_code
    bia = shop.enrol("Bia Costa", phone="(11) 98765-4323", referred_by_code=code)
    sale = shop.sell("shampoo", "dipirona", customer=bia, pix=4_250)
    spent = _total(shop, bia)
    later = shop.sell("shampoo", customer=bia, cashback=spent, pix=3_000 - spent)

    first = _give_back(shop, sale.sale_id, {shop.line_id(sale.sale_id, "Shampoo 300 ml"): 1})
    rest = _give_back(shop, sale.sale_id)

    assert rest.clawback == 62  # the dipirona's own cashback, spent; not the bonus again
    # her bonus and all the sale earned, once, less what her later purchase earned
    assert first.clawback + rest.clawback == 500 + 212 - later.earned
