"""The order and the counts a manager reads on the X/Z report (mutation survivors of
`cash/reports.py` found by the sampled re-measure: the orders and a count no test pinned).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from db.models import Customer
from payments.card import card_details
from posapp.core.pricing import Tender
from posapp.services.cash.reports import Figure, x_report
from posapp.services.sales.checkout import CheckoutRequest, LineRequest, TenderRequest, checkout
from tests.support import Shop

MakeShop = Callable[..., Shop]


def _by_card(shop: Shop, item: str, kind: str, brand: str) -> None:
    price = {"vestido": 20_000, "batom": 4_990}[item]
    checkout(
        shop.station,
        CheckoutRequest(
            staff_id=shop.cashier_id,
            lines=[LineRequest(shop.items[item])],
            payments=[TenderRequest(Tender.CREDIT, price, card=card_details(kind, brand))],
        ),
    )


def test_cards_of_one_kind_are_listed_biggest_sum_first_not_by_brand_code(
    make_shop: MakeShop,
) -> None:
    """Credit cards: Elo (brand code 06) took R$ 200,00, Mastercard (02) R$ 49,90. The
    report lists the bigger sum first, though Mastercard's code sorts before Elo's."""
    shop = make_shop("salon")
    _by_card(shop, "batom", "credit", "Mastercard")
    _by_card(shop, "vestido", "credit", "Elo")
    assert x_report(shop.station).cards == (
        Figure("credit:06", 1, 20_000),
        Figure("credit:02", 1, 4_990),
    )


def test_staff_are_listed_by_what_they_sold_most_first_not_by_name(make_shop: MakeShop) -> None:
    """Carlos Caixa rings up R$ 12,50, Marta Gerente R$ 200,00: Marta comes first on the
    report though her name sorts after his."""
    shop = make_shop("salon")
    shop.sell("dipirona", pix=1_250)
    shop.sell("vestido", pix=20_000, staff=shop.manager_id)
    assert x_report(shop.station).staff == (
        Figure("Marta Gerente", 1, 20_000),
        Figure("Carlos Caixa", 1, 1_250),
    )


def test_of_the_days_new_customers_only_the_referred_count_as_referrals(
    make_shop: MakeShop,
) -> None:
    """Three customers enrolled today, one of them by another's referral code: the report
    says 3 new customers, 1 referred."""
    shop = make_shop("salon")
    rosa = shop.enrol("Rosa Lima", cpf="529.982.247-25")
    with shop.station.read() as session:
        code = session.scalar(select(Customer.referral_code).where(Customer.id == rosa))
    shop.enrol("Bia Costa", phone="11987654323", referred_by_code=code)
    shop.enrol("Caio Dias", phone="11987654324")
    report = x_report(shop.station)
    assert (report.customers_enrolled, report.referrals) == (3, 1)
