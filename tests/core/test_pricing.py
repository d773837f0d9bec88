"""A cart priced by hand: line and sale discounts, the money part that earns, the change."""

from __future__ import annotations

import pytest

from posapp.core.errors import (
    EmptyCart,
    InvalidDiscount,
    InvalidPayment,
    InvalidPrice,
    InvalidQuantity,
    PaymentOver,
    PaymentShort,
    PosError,
)
from posapp.core.pricing import CartLine, Payment, Tender, change_due, price_cart
from posapp.core.program import EarnLine
from posapp.core.tender_names import tender_name

SHAMPOO = CartLine(1, "Shampoo", 3_000, quantity=2, discount=500, category="higiene")
BATOM = CartLine(2, "Batom", 4_990, category="cosmeticos", is_product=True)


def test_a_sale_discount_is_spread_over_the_lines_by_what_they_cost_after_their_own() -> None:
    cart = price_cart([SHAMPOO, BATOM], sale_discount=1_000)
    # After line discounts: 5 500 and 4 990 of 10 490; R$ 10,00 x 5 500 / 10 490 = 524.3.
    assert [p.sale_discount_share for p in cart.lines] == [524, 476]
    assert [p.discount_total for p in cart.lines] == [1_024, 476]
    assert [p.net for p in cart.lines] == [4_976, 4_514]
    assert (cart.gross, cart.discount_total, cart.total) == (10_990, 1_500, 9_490)
    assert cart.sale_discount == 1_000


def test_what_loyalty_paid_earns_nothing_and_the_rest_is_shared_by_line() -> None:
    cart = price_cart([SHAMPOO, BATOM])
    # 10 490 - 1 049 = 9 441 paid in money; 9 441 x 5 500 / 10 490 = 4 950.05.
    assert cart.earn_lines(loyalty_paid=1_049) == [
        EarnLine("higiene", 4_950, False),
        EarnLine("cosmeticos", 4_491, True),
    ]


@pytest.mark.parametrize(
    ("line", "error"),
    [
        (CartLine(1, "x", 100, quantity=0), InvalidQuantity),
        (CartLine(1, "x", 100, quantity=True), InvalidQuantity),
        (CartLine(1, "x", 0), InvalidPrice),
        (CartLine(1, "x", 100, quantity=2, discount=201), InvalidDiscount),
        (CartLine(1, "x", 100, discount=-1), InvalidDiscount),
    ],
)
def test_a_bad_line_is_refused(line: CartLine, error: type[Exception]) -> None:
    with pytest.raises(error):
        price_cart([line])


def test_a_line_discounted_to_zero_and_a_sale_discount_of_everything_are_allowed() -> None:
    assert price_cart([CartLine(1, "x", 100, quantity=2, discount=200)]).total == 0
    assert price_cart([CartLine(1, "x", 100)], sale_discount=100).total == 0
    with pytest.raises(InvalidDiscount):
        price_cart([CartLine(1, "x", 100)], sale_discount=101)
    with pytest.raises(InvalidDiscount):
        price_cart([CartLine(1, "x", 100)], sale_discount=-1)
    with pytest.raises(EmptyCart):
        price_cart([])


def test_change_is_only_what_cash_paid_beyond_the_total() -> None:
    assert change_due(4_990, [Payment(Tender.CASH, 5_000)]) == 10
    assert change_due(4_990, [Payment(Tender.PIX, 4_990)]) == 0
    assert change_due(4_990, [Payment(Tender.PIX, 2_000), Payment(Tender.CASH, 3_000)]) == 10
    with pytest.raises(PaymentShort) as short:
        change_due(4_990, [Payment(Tender.CASH, 4_989)])
    assert short.value.params["missing_centavos"] == 1
    with pytest.raises(PaymentOver) as over:
        change_due(4_990, [Payment(Tender.CREDIT, 4_000), Payment(Tender.PIX, 1_000)])
    assert over.value.params["excess_centavos"] == 10
    with pytest.raises(InvalidPayment):
        change_due(100, [Payment(Tender.CASH, 0), Payment(Tender.CASH, 100)])


def test_tender_names_in_both_languages() -> None:
    assert [tender_name(t, "pt_BR") for t in Tender] == [
        "Dinheiro", "Débito", "Crédito", "PIX", "Cashback", "Vale",
    ]  # fmt: skip
    assert tender_name("debit", "en") == "Debit card"
    assert tender_name("cheque", "pt_BR") == "cheque"


def test_refusals_say_which_value_was_wrong() -> None:
    # The amounts come formatted for pt_BR even in the English message.
    def message(line: CartLine, sale_discount: int = 0) -> str:
        with pytest.raises(PosError) as refused:
            price_cart([line], sale_discount)
        return " ".join(refused.value.message("en").split())

    assert message(CartLine(1, "x", 100, quantity=-2)).startswith("Invalid quantity: -2.")
    assert message(CartLine(1, "x", -150)).startswith("Invalid price: -R$ 1,50.")
    assert message(CartLine(1, "x", 100, discount=101)) == "Invalid discount: R$ 1,01 on R$ 1,00."
    assert message(CartLine(1, "x", 100), 101) == "Invalid discount: R$ 1,01 on R$ 1,00."
    with pytest.raises(InvalidPayment) as refused:
        change_due(100, [Payment(Tender.PIX, -5)])
    assert refused.value.message("en") == "Invalid payment: -R$ 0,05."


def test_a_one_centavo_price_and_payment_are_accepted() -> None:
    assert price_cart([CartLine(1, "x", 1)]).total == 1
    assert change_due(1, [Payment(Tender.PIX, 1)]) == 0
