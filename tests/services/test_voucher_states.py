"""A voucher that can no longer be used is refused for what it is: the cashier repeats the
refusal to the customer, so a lapsed or cancelled voucher is never said to be "used".

The shop's clock starts on 2026-03-02 at 13:00 UTC (tests/support.py `MovableClock`); the
cosmetics program gives a R$ 5,00 voucher, valid 30 days, after a purchase above R$ 20,00.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from posapp.core.errors import PosError, VoucherCancelled, VoucherExpired, VoucherSpent
from posapp.services.admin import loyalty_upkeep
from posapp.services.customers import registry as customers
from posapp.services.sales.refunds import void
from posapp.services.sales.sale_reads import preview_voucher
from tests.support import MANAGER_PIN, Shop

MakeShop = Callable[..., Shop]

MARIA_CPF = "529.982.247-25"


def _messages(error: PosError) -> tuple[str, str]:
    return error.message("pt_BR"), error.message("en")


def _refusals(shop: Shop, maria: int, offered: str) -> list[PosError]:
    """What the sale screen's preview and the checkout say of the voucher offered."""
    said: list[PosError] = []
    with pytest.raises(PosError) as previewed:
        preview_voucher(shop.station, offered, maria, 4_990)
    said.append(previewed.value)
    with pytest.raises(PosError) as sold:
        shop.sell("batom", customer=maria, voucher=offered, pix=4_490)
    said.append(sold.value)
    return said


def test_a_voucher_the_daily_upkeep_lapsed_is_refused_as_expired_on_its_date(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("cosmetics")
    maria = shop.enrol("Maria Silva", cpf=MARIA_CPF)
    (voucher,) = shop.sell("batom", customer=maria, pix=4_990).vouchers_issued
    shop.clock.advance(days=31)
    assert loyalty_upkeep.run_daily(shop.station).vouchers_lapsed == 1
    assert customers.vouchers(shop.station, maria)[0].status == "expired"
    for offered in (voucher.code, voucher.qr):
        for refusal in _refusals(shop, maria, offered):
            assert isinstance(refusal, VoucherExpired)
            assert _messages(refusal) == (
                f"O vale {voucher.code} venceu em 01/04/2026.",
                f"Voucher {voucher.code} expired on 2026-04-01.",
            )


def test_a_voucher_lapsed_by_the_upkeep_is_said_expired_even_if_the_clock_went_back(
    make_shop: MakeShop,
) -> None:
    """The counter's clock was wrong (a month ahead) when the upkeep ran, and is put
    right: the voucher is lapsed all the same (its cashback went back to the balance), and
    it is that, not "used", the cashier is told."""
    shop = make_shop("cosmetics")
    maria = shop.enrol("Maria Silva", cpf=MARIA_CPF)
    (voucher,) = shop.sell("batom", customer=maria, pix=4_990).vouchers_issued
    shop.clock.advance(days=31)
    loyalty_upkeep.run_daily(shop.station)
    shop.clock.advance(days=-31)
    (refusal, _) = _refusals(shop, maria, voucher.code)
    assert isinstance(refusal, VoucherExpired)
    assert "venceu em 01/04/2026" in refusal.message("pt_BR")


def test_a_voucher_of_a_voided_sale_is_refused_as_cancelled(make_shop: MakeShop) -> None:
    shop = make_shop("cosmetics")
    maria = shop.enrol("Maria Silva", cpf=MARIA_CPF)
    bought = shop.sell("batom", customer=maria, pix=4_990)
    (voucher,) = bought.vouchers_issued
    void(shop.station, bought.sale_id, shop.cashier_id, MANAGER_PIN, "venda errada")
    assert customers.vouchers(shop.station, maria)[0].status == "cancelled"
    for offered in (voucher.code, voucher.qr):
        for refusal in _refusals(shop, maria, offered):
            assert isinstance(refusal, VoucherCancelled)
            assert _messages(refusal) == (
                f"O vale {voucher.code} foi cancelado.",
                f"Voucher {voucher.code} was cancelled.",
            )


def test_a_redeemed_voucher_is_still_refused_as_used(make_shop: MakeShop) -> None:
    shop = make_shop("cosmetics")
    maria = shop.enrol("Maria Silva", cpf=MARIA_CPF)
    (voucher,) = shop.sell("batom", customer=maria, pix=4_990).vouchers_issued
    shop.sell("batom", customer=maria, voucher=voucher.code, pix=4_490)
    shop.clock.advance(days=31)  # past its date too: used is what happened to it
    for refusal in _refusals(shop, maria, voucher.code):
        assert isinstance(refusal, VoucherSpent)
        assert refusal.message("pt_BR") == f"O vale {voucher.code} já foi usado."
