"""Each seed program run end to end through checkout, figures worked out by hand."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from posapp.core.codes import verify_voucher_qr
from posapp.core.errors import (
    CashbackAboveBalance,
    CashbackAboveCap,
    ForgedVoucher,
    VoucherMinimumNotMet,
    VoucherSpent,
)
from posapp.core.presets import SALON
from posapp.core.pricing import Tender
from posapp.services.admin import loyalty_upkeep
from posapp.services.customers import registry as customers
from posapp.services.loyalty.verify import verify
from posapp.services.sales.checkout import CheckoutRequest, LineRequest, TenderRequest, checkout
from tests.support import Shop

MakeShop = Callable[..., Shop]


def balance(shop: Shop, customer: int) -> customers.CustomerAccount:
    return customers.account(shop.station, customer)


def test_fashion_ten_percent_and_a_voucher_once_the_balance_reaches_twenty(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("fashion")
    maria = shop.enrol("Maria Silva", cpf="529.982.247-25")

    first = shop.sell("batom", customer=maria, pix=4_990)
    assert first.earned == 499  # 10 % of R$ 49,90
    assert first.vouchers_issued == ()
    assert balance(shop, maria).balance.spendable == 499

    second = shop.sell("vestido", customer=maria, pix=20_000)
    assert second.earned == 2_000
    # 4,99 + 20,00 = 24,99 >= 20,00: the whole balance becomes one voucher.
    (voucher,) = second.vouchers_issued
    assert voucher.value == 2_499
    assert balance(shop, maria).balance.total == 0
    assert [v.code for v in balance(shop, maria).open_vouchers] == [voucher.code]

    # The voucher, scanned from its QR, pays R$ 24,99 of a R$ 30,00 shampoo.
    third = shop.sell("shampoo", customer=maria, voucher=voucher.qr, pix=501)
    assert dict(third.payments) == {"pix": 501, "voucher": 2_499}
    assert third.earned == 50  # 10 % of the R$ 5,01 paid in money, rounded down
    assert balance(shop, maria).balance.spendable == 50
    assert balance(shop, maria).open_vouchers == ()
    assert verify(shop.station) == []


def test_a_spent_or_altered_voucher_qr_is_refused(make_shop: MakeShop) -> None:
    shop = make_shop("fashion")
    maria = shop.enrol("Maria Silva", cpf="529.982.247-25")
    (voucher,) = shop.sell("vestido", customer=maria, pix=20_000).vouchers_issued
    shop.sell("vestido", customer=maria, voucher=voucher.qr, pix=18_000)

    with pytest.raises(VoucherSpent):
        shop.sell("shampoo", customer=maria, voucher=voucher.qr, pix=1_000)
    fields = voucher.qr.split("|")
    fields[3] = "9999"
    with pytest.raises(ForgedVoucher):
        shop.sell("vestido", customer=maria, voucher="|".join(fields), pix=10_001)
    claim = verify_voucher_qr(voucher.qr, _store_key(shop))
    assert claim.value_centavos == 2_000


def _store_key(shop: Shop) -> bytes:
    with shop.station.read() as session:
        return shop.station.store(session).signing_key


def test_cosmetics_discount_voucher_after_a_purchase_above_twenty(make_shop: MakeShop) -> None:
    shop = make_shop("cosmetics")
    bia = shop.enrol("Beatriz Costa", phone="(21) 99876-5432")

    first = shop.sell("batom", customer=bia, pix=4_990)
    assert first.earned == 499
    (gift,) = first.vouchers_issued
    assert (gift.value, gift.min_purchase) == (500, 2_000)

    small = shop.sell("dipirona", customer=bia, pix=1_250)
    assert small.earned == 125 and small.vouchers_issued == ()  # R$ 12,50 is not above R$ 20
    with pytest.raises(VoucherMinimumNotMet):
        shop.sell("dipirona", customer=bia, voucher=gift.code, pix=750)

    # R$ 30,00: voucher R$ 5,00 + cashback R$ 6,24 (cap 50 % = R$ 15,00) + PIX R$ 18,76.
    third = shop.sell("shampoo", customer=bia, voucher=gift.code, cashback=624, pix=1_876)
    assert third.redeemed == 624
    assert third.earned == 187  # 10 % of R$ 18,76
    assert len(third.vouchers_issued) == 1  # R$ 30,00 is above R$ 20,00 again
    assert balance(shop, bia).balance.spendable == 187
    assert verify(shop.station) == []


def test_cosmetics_cashback_cap_is_half_the_purchase(make_shop: MakeShop) -> None:
    shop = make_shop("cosmetics")
    bia = shop.enrol("Beatriz Costa", phone="(21) 99876-5432")
    shop.sell("vestido", customer=bia, pix=20_000)  # R$ 20,00 of cashback
    with pytest.raises(CashbackAboveCap) as refused:
        shop.sell("shampoo", customer=bia, cashback=1_600, pix=1_400)
    assert "R$ 15,00" in refused.value.message("pt_BR")


def test_pharmacy_referral_on_the_first_qualifying_purchase_and_vouchers_per_five_reais(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("pharmacy")
    ana = shop.enrol("Ana Souza", cpf="529.982.247-25")
    code = balance(shop, ana).summary.referral_code
    joao = shop.enrol("João Lima", phone="(11) 98765-4321", referred_by_code=code)

    below = shop.sell(("dipirona", 2), customer=joao, pix=2_500)
    assert (below.earned, below.referral_bonus) == (125, 0)  # R$ 25,00 < R$ 30,00 minimum

    first = shop.sell("shampoo", customer=joao, pix=3_000)
    assert (first.earned, first.referral_bonus) == (150, 500)
    # João: 1,25 + 1,50 + 5,00 = 7,75 -> one R$ 5,00 voucher, R$ 2,75 stays as cashback.
    assert [v.value for v in first.vouchers_issued] == [500]
    assert balance(shop, joao).balance.spendable == 275
    # Ana, who referred him: R$ 10,00 -> two steps of R$ 5,00 in one voucher.
    ana_account = balance(shop, ana)
    assert ana_account.balance.total == 0
    assert [v.value for v in ana_account.open_vouchers] == [1_000]

    again = shop.sell("shampoo", customer=joao, pix=3_000)
    assert again.referral_bonus == 0
    assert balance(shop, ana).open_vouchers[0].value == 1_000
    assert verify(shop.station) == []


def test_points_brand_earns_points_per_real_and_redeems_in_blocks(make_shop: MakeShop) -> None:
    shop = make_shop("points")
    bia = shop.enrol("Bia Rocha", cpf="111.444.777-35")
    shop.sell("vestido", customer=bia, pix=20_000)  # 200 points
    after = shop.sell("batom", customer=bia, pix=4_990)  # 49 points (R$ 49,90)
    assert after.balance is not None and after.balance.total == 249
    assert after.spendable_value == 1_245  # 249 points at R$ 5,00 per 100

    paid = shop.sell("shampoo", customer=bia, cashback=1_000, pix=2_000)
    assert (paid.redeemed, paid.earned) == (200, 20)
    assert paid.balance is not None and paid.balance.total == 69

    with pytest.raises(CashbackAboveBalance) as refused:
        shop.sell("shampoo", customer=bia, cashback=500, pix=2_500)
    assert "R$ 3,45" in refused.value.message("pt_BR")


def test_salon_cashback_per_service_with_the_professional_on_the_receipt(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("salon")
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    sale = checkout(
        shop.station,
        CheckoutRequest(
            staff_id=shop.cashier_id,
            customer_id=carla,
            lines=[
                LineRequest(shop.items["corte"], professional_id=shop.professional_id),
                LineRequest(shop.items["manicure"], professional_id=shop.professional_id),
            ],
            payments=[TenderRequest(Tender.CASH, 12_000)],
        ),
    )
    assert sale.total == 11_500 and sale.change == 500
    assert sale.earned == 1_150
    assert {line.professional for line in sale.lines} == {"Paula Manicure"}

    # The balance accumulates over visits and pays a whole later service.
    shop.sell("corte", customer=carla, pix=8_000)  # +8,00 -> 19,50
    paid = shop.sell("manicure", customer=carla, cashback=1_950, pix=1_550)
    assert paid.earned == 155
    assert balance(shop, carla).balance.spendable == 155


def test_pending_days_then_spendable_then_expiring_then_expired(
    make_shop: MakeShop,
) -> None:
    program = SALON.with_changes(key="salon-pending", pending_days=7, expiry_days=90)
    shop = make_shop(program)
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    shop.sell("corte", customer=carla, pix=8_000)

    fresh = balance(shop, carla).balance
    assert (fresh.pending, fresh.spendable) == (800, 0)
    with pytest.raises(CashbackAboveBalance):
        shop.sell("manicure", customer=carla, cashback=100, pix=3_400)

    shop.clock.advance(days=7)
    assert balance(shop, carla).balance.spendable == 800
    shop.clock.advance(days=70)
    assert balance(shop, carla).balance.expiring_soon == 800

    shop.clock.advance(days=21)
    first = loyalty_upkeep.run_daily(shop.station)
    assert (first.expired_lots, first.expired_units) == (1, 800)
    assert balance(shop, carla).balance.total == 0
    assert loyalty_upkeep.run_daily(shop.station).expired_lots == 0  # idempotent
    assert [row.kind for row in customers.history(shop.station, carla)] == ["earn", "expire"]
    assert verify(shop.station) == []
