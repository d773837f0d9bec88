"""Cart pricing: line totals, discounts spread over lines, tenders and change."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from posapp.core.errors import (
    AmountTooHigh,
    EmptyCart,
    InvalidDiscount,
    InvalidPayment,
    InvalidPrice,
    InvalidQuantity,
    PaymentOver,
    PaymentShort,
    PriceTooHigh,
    QuantityTooHigh,
)
from posapp.core.limits import MAX_CART_CENTAVOS, MAX_PRICE_CENTAVOS, MAX_QUANTITY
from posapp.core.money import allocate, format_money
from posapp.core.program import EarnLine


class Tender(StrEnum):
    CASH = "cash"
    DEBIT = "debit"
    CREDIT = "credit"
    PIX = "pix"
    CASHBACK = "cashback"
    VOUCHER = "voucher"


LOYALTY_TENDERS = frozenset({Tender.CASHBACK, Tender.VOUCHER})


@dataclass(frozen=True, slots=True)
class CartLine:
    item_id: int
    name: str
    unit_price: int
    quantity: int = 1
    discount: int = 0
    category: str | None = None
    professional_id: int | None = None
    is_product: bool = False

    @property
    def gross(self) -> int:
        return self.unit_price * self.quantity


@dataclass(frozen=True, slots=True)
class PricedLine:
    line: CartLine
    sale_discount_share: int

    @property
    def discount_total(self) -> int:
        return self.line.discount + self.sale_discount_share

    @property
    def net(self) -> int:
        return self.line.gross - self.discount_total


@dataclass(frozen=True, slots=True)
class PricedCart:
    lines: tuple[PricedLine, ...]
    sale_discount: int

    @property
    def gross(self) -> int:
        return sum(p.line.gross for p in self.lines)

    @property
    def discount_total(self) -> int:
        return sum(p.discount_total for p in self.lines)

    @property
    def total(self) -> int:
        return sum(p.net for p in self.lines)

    def earn_lines(self, loyalty_paid: int) -> list[EarnLine]:
        """The money part of each line: what cashback and vouchers paid earns nothing."""
        paid = allocate(self.total - loyalty_paid, [p.net for p in self.lines])
        return [
            EarnLine(p.line.category, amount, p.line.is_product)
            for p, amount in zip(self.lines, paid, strict=True)
        ]


def price_cart(lines: Sequence[CartLine], sale_discount: int = 0) -> PricedCart:
    """Check every line and spread the sale discount over the lines by their value."""
    if not lines:
        raise EmptyCart()
    for line in lines:
        if (
            isinstance(line.quantity, bool)
            or not isinstance(line.quantity, int)
            or line.quantity <= 0
        ):
            raise InvalidQuantity(value=line.quantity)
        if line.quantity > MAX_QUANTITY:
            raise QuantityTooHigh(value=line.quantity)
        if line.unit_price <= 0:
            raise InvalidPrice(value=format_money(line.unit_price))
        if line.unit_price > MAX_PRICE_CENTAVOS:
            raise PriceTooHigh(value=format_money(line.unit_price))
        if not 0 <= line.discount <= line.gross:
            raise InvalidDiscount(amount=format_money(line.discount), base=format_money(line.gross))
    after_line_discounts = [line.gross - line.discount for line in lines]
    subtotal = sum(after_line_discounts)
    if subtotal > MAX_CART_CENTAVOS:
        raise AmountTooHigh(value=format_money(subtotal))
    if not 0 <= sale_discount <= subtotal:
        raise InvalidDiscount(amount=format_money(sale_discount), base=format_money(subtotal))
    shares = allocate(sale_discount, after_line_discounts)
    priced = tuple(PricedLine(line, share) for line, share in zip(lines, shares, strict=True))
    return PricedCart(priced, sale_discount)


@dataclass(frozen=True, slots=True)
class Payment:
    tender: Tender
    amount: int


def change_due(total: int, payments: Sequence[Payment]) -> int:
    """The change to give, after checking the payments cover the total exactly.

    Only cash may exceed what is due; every other tender must fit inside the
    total, so a card is never charged more than the sale.
    """
    for payment in payments:
        if payment.amount <= 0:
            raise InvalidPayment(value=format_money(payment.amount))
        if payment.amount > MAX_CART_CENTAVOS:
            raise AmountTooHigh(value=format_money(payment.amount))
    paid = sum(p.amount for p in payments)
    if paid < total:
        raise PaymentShort(missing_centavos=total - paid)
    non_cash = sum(p.amount for p in payments if p.tender is not Tender.CASH)
    if non_cash > total:
        raise PaymentOver(excess_centavos=non_cash - total)
    return paid - total
