"""Issue 13, loyalty money: every path gives the customer exactly what is theirs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import select

from db.models import LedgerEntry, SaleLine, Voucher
from posapp.core.presets import PRESETS, preset
from posapp.core.program import EarnLine, ProgramMode, VoucherRule
from posapp.services.admin import loyalty_upkeep
from posapp.services.customers import registry as customers
from posapp.services.loyalty.verify import verify
from posapp.services.sales import catalog
from posapp.services.sales.refunds import RefundRequest, refund, void
from tests.services.messages_support import configure, email_settings, rows
from tests.support import MANAGER_PIN, Shop

MakeShop = Callable[..., Shop]


def line_ids(shop: Shop, sale_id: int) -> dict[str, int]:
    with shop.station.read() as session:
        lines = session.scalars(select(SaleLine).where(SaleLine.sale_id == sale_id))
        return {line.description: line.id for line in lines}


def voucher_status(shop: Shop, code: str) -> str:
    with shop.station.read() as session:
        voucher = session.scalars(select(Voucher).where(Voucher.code == code)).one()
        return voucher.status


def test_a_balance_voucher_that_lapses_unused_gives_its_cashback_back_with_the_lots_dates(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("fashion")  # 10 %, a voucher at R$ 20, valid 60 days; cashback 180 days
    maria = shop.enrol("Maria Silva", cpf="529.982.247-25")
    sold_at = shop.clock.moment
    (voucher,) = shop.sell("vestido", customer=maria, pix=20_000).vouchers_issued
    assert customers.account(shop.station, maria).balance.total == 0  # all in the voucher
    loyalty_upkeep.run_daily(shop.station)

    shop.clock.advance(days=61)
    run = loyalty_upkeep.run_daily(shop.station)
    assert run.vouchers_lapsed == 1 and run.vouchers_issued == 0
    assert voucher_status(shop, voucher.code) == "expired"
    balance = customers.account(shop.station, maria).balance
    assert (balance.total, balance.spendable) == (2_000, 2_000)
    assert balance.next_expiry == sold_at + timedelta(days=180)  # the earning's own date

    shop.clock.moment = sold_at + timedelta(days=180, minutes=1)
    later = loyalty_upkeep.run_daily(shop.station)
    assert (later.expired_units, later.vouchers_issued) == (2_000, 0)
    assert customers.account(shop.station, maria).balance.total == 0
    assert verify(shop.station) == []


def test_a_void_that_reopens_a_voucher_past_its_date_expires_it_and_gives_the_cashback_back(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("fashion")
    maria = shop.enrol("Maria Silva", cpf="529.982.247-25")
    sold_at = shop.clock.moment
    (voucher,) = shop.sell("vestido", customer=maria, pix=20_000).vouchers_issued
    shop.clock.advance(days=50)
    paid = shop.sell("shampoo", customer=maria, voucher=voucher.code, pix=1_000)
    shop.clock.advance(days=20)  # the voucher's 60 days are over

    result = void(shop.station, paid.sale_id, shop.cashier_id, MANAGER_PIN, "desistiu")
    assert result.vouchers_reopened == (voucher.code,)
    assert voucher_status(shop, voucher.code) == "expired"
    account = customers.account(shop.station, maria)
    assert account.open_vouchers == ()
    assert (account.balance.total, account.balance.spendable) == (2_000, 2_000)
    assert account.balance.next_expiry == sold_at + timedelta(days=180)
    with shop.station.read() as session:
        back = session.scalars(
            select(LedgerEntry).where(
                LedgerEntry.voucher_code == voucher.code, LedgerEntry.kind == "voucher_cancel"
            )
        ).all()
    assert [entry.amount for entry in back] == [2_000]
    assert verify(shop.station) == []


# -- purchase vouchers over several partial returns ---------------------------------------


def test_partial_returns_that_together_return_everything_cancel_the_purchase_voucher(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("cosmetics")  # a R$ 5,00 voucher after a purchase above R$ 20,00
    bia = shop.enrol("Beatriz Costa", phone="(21) 99876-5432")
    sale = shop.sell("shampoo", "batom", customer=bia, pix=7_990)
    (voucher,) = sale.vouchers_issued
    ids = line_ids(shop, sale.sale_id)
    first = refund(
        shop.station,
        RefundRequest(sale.sale_id, shop.cashier_id, MANAGER_PIN, "troca", {ids["Batom matte"]: 1}),
    )
    assert first.vouchers_cancelled == ()  # R$ 30,00 kept: still above R$ 20,00
    assert voucher_status(shop, voucher.code) == "open"
    last = refund(shop.station, RefundRequest(sale.sale_id, shop.cashier_id, MANAGER_PIN, "troca"))
    assert last.vouchers_cancelled == (voucher.code,)  # exactly as one full return does
    assert voucher_status(shop, voucher.code) == "cancelled"
    assert customers.account(shop.station, bia).open_vouchers == ()
    assert verify(shop.station) == []


def test_returns_that_take_the_purchase_below_the_threshold_cancel_the_purchase_voucher(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("cosmetics")
    bia = shop.enrol("Beatriz Costa", phone="(21) 99876-5432")
    sale = shop.sell("shampoo", "dipirona", customer=bia, pix=4_250)  # R$ 42,50
    (voucher,) = sale.vouchers_issued
    ids = line_ids(shop, sale.sale_id)
    back = refund(
        shop.station,
        RefundRequest(
            sale.sale_id, shop.cashier_id, MANAGER_PIN, "troca", {ids["Shampoo 300 ml"]: 1}
        ),
    )
    assert back.vouchers_cancelled == (voucher.code,)  # R$ 12,50 kept: not above R$ 20,00
    assert voucher_status(shop, voucher.code) == "cancelled"
    assert verify(shop.station) == []


# -- referral bonuses undone with their purchase ------------------------------------------


def referral_pair(shop: Shop) -> tuple[int, int]:
    configure(shop, email_settings(9))
    ana = shop.enrol("Ana Souza", cpf="529.982.247-25", email="ana@ex.com", marketing_consent=True)
    code = customers.account(shop.station, ana).summary.referral_code
    joao = shop.enrol(
        "João Lima",
        phone="(11) 98765-4321",
        email="joao@ex.com",
        marketing_consent=True,
        referred_by_code=code,
    )
    return ana, joao


def reversals(shop: Shop) -> list[tuple[int, int]]:
    """The referral bonuses' reversals: reverse entries naming the referral's other side
    (aimed at the bonus lot, or at the piece of it a cancelled voucher gave back)."""
    with shop.station.read() as session:
        found = session.execute(
            select(LedgerEntry.customer_id, LedgerEntry.amount)
            .where(LedgerEntry.kind == "reverse", LedgerEntry.related_customer_id.is_not(None))
            .order_by(LedgerEntry.id)
        )
        return [(customer, amount) for customer, amount in found]


def test_a_void_reverses_the_referral_bonuses_of_both_sides_with_messages(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("pharmacy")  # R$ 10,00 to the referrer, R$ 5,00 to the friend
    ana, joao = referral_pair(shop)
    first = shop.sell("shampoo", customer=joao, pix=3_000)
    assert first.referral_bonus == 500

    void(shop.station, first.sale_id, shop.cashier_id, MANAGER_PIN, "lançada errada")
    assert sorted(reversals(shop)) == sorted([(ana, -1_000), (joao, -500)])
    for person in (ana, joao):
        account = customers.account(shop.station, person)
        assert (account.balance.total, account.open_vouchers) == (0, ())
    told = [(m.customer_id, m.kind) for m in rows(shop, "referral_reversed")]
    assert sorted(told) == sorted([(ana, "referral_reversed"), (joao, "referral_reversed")])
    assert verify(shop.station) == []


def test_a_refund_below_the_referral_minimum_reverses_both_bonuses(make_shop: MakeShop) -> None:
    shop = make_shop(preset("pharmacy").with_changes(voucher=VoucherRule()))  # no vouchers
    ana, joao = referral_pair(shop)
    sale = shop.sell("shampoo", "dipirona", customer=joao, pix=4_250)  # min R$ 30,00
    assert sale.referral_bonus == 500
    ids = line_ids(shop, sale.sale_id)
    refund(
        shop.station,
        RefundRequest(
            sale.sale_id, shop.cashier_id, MANAGER_PIN, "troca", {ids["Dipirona 500 mg"]: 1}
        ),
    )
    assert reversals(shop) == []  # R$ 30,00 kept: still qualifies
    refund(
        shop.station,
        RefundRequest(
            sale.sale_id, shop.cashier_id, MANAGER_PIN, "troca", {ids["Shampoo 300 ml"]: 1}
        ),
    )
    assert sorted(reversals(shop)) == sorted([(ana, -1_000), (joao, -500)])
    assert customers.account(shop.station, ana).balance.total == 0
    assert len(rows(shop, "referral_reversed")) == 2
    assert verify(shop.station) == []


# -- each line earns, and gives back, its own part ----------------------------------------


def test_a_points_return_takes_back_exactly_the_points_its_line_earned(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("points")  # 1 point per real
    with shop.station.write() as session:
        shop.items["escova"] = catalog.add_item(session, name="Escova", price=2_000).id
    bia = shop.enrol("Bia Rocha", cpf="111.444.777-35")
    sale = shop.sell("shampoo", "escova", customer=bia, pix=5_000)  # R$ 30 + R$ 20
    assert sale.earned == 50
    ids = line_ids(shop, sale.sale_id)
    back = refund(
        shop.station,
        RefundRequest(sale.sale_id, shop.cashier_id, MANAGER_PIN, "troca", {ids["Escova"]: 1}),
    )
    assert back.cashback_reversed == 20  # not 25: the line earned 20
    assert customers.account(shop.station, bia).balance.total == 30


@pytest.mark.parametrize("key", sorted(PRESETS))
def test_every_preset_splits_a_mixed_rate_cart_by_what_each_line_earns(
    make_shop: MakeShop, key: str
) -> None:
    program = preset(key)
    if program.mode is ProgramMode.CASHBACK:
        program = program.with_changes(category_bps={"higiene": 300})  # a second rate
    shop = make_shop(program)
    bia = shop.enrol("Bia Rocha", cpf="111.444.777-35")
    sale = shop.sell("shampoo", "corte", "vestido", customer=bia, pix=31_000)
    with shop.station.read() as session:
        earned = {
            line.description: line.earned
            for line in session.scalars(select(SaleLine).where(SaleLine.sale_id == sale.sale_id))
        }
    alone = {
        name: program.earn([EarnLine(category, price, is_product)])
        for name, category, price, is_product in (
            ("Shampoo 300 ml", "higiene", 3_000, True),
            ("Corte feminino", "servicos", 8_000, False),
            ("Vestido midi", "roupas", 20_000, True),
        )
    }
    assert sum(earned.values()) == sale.earned
    for name, units in alone.items():
        assert abs(earned[name] - units) <= 1, (name, earned, alone)


def test_the_salon_earns_on_services_and_products_follow_their_category_rate(
    make_shop: MakeShop,
) -> None:
    shop = make_shop("salon")
    bela = shop.enrol("Bela Nunes", cpf="529.982.247-25")
    sale = shop.sell("corte", "shampoo", customer=bela, pix=11_000)
    assert sale.earned == 800  # 10 % of the R$ 80,00 service; the R$ 30,00 shampoo earns 0 %
    salon = preset("salon").with_changes(category_bps={"higiene": 500})
    shop2 = make_shop(salon)
    bela2 = shop2.enrol("Bela Nunes", cpf="529.982.247-25")
    assert shop2.sell("corte", "shampoo", customer=bela2, pix=11_000).earned == 950
