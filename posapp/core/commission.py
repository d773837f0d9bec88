"""Commissions and the partner salon's split (Lei 13.352/2016, salão-parceiro) as pure rules.

A rule gives a professional a share, in basis points, of a sale line: as an employee's
commission or as the partner's cota-parte, figured on the line's gross (price times
quantity) or net (after discounts), optionally less the line's part of the card fees of
the sale. The salon keeps the rest (its cota-parte). Tips never enter the base.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

WHOLE_BPS = 10_000


class Mode(StrEnum):
    COMMISSION = "commission"
    PARTNER = "partner"


class Base(StrEnum):
    GROSS = "gross"
    NET = "net"


@dataclass(frozen=True, slots=True)
class Rule:
    share_bps: int
    mode: Mode = Mode.COMMISSION
    base: Base = Base.NET
    card_fees: bool = False

    def __post_init__(self) -> None:
        if not 0 <= self.share_bps <= WHOLE_BPS:
            raise ValueError(f"a share is 0 to 100 %: {self.share_bps} bps")


def part(amount: int, numerator: int, denominator: int) -> int:
    """amount * numerator / denominator, rounded half up (centavos)."""
    if denominator <= 0:
        return 0
    return (2 * amount * numerator + denominator) // (2 * denominator)


def card_fee(amount: int, fee_bps: int) -> int:
    return part(amount, fee_bps, WHOLE_BPS)


@dataclass(frozen=True, slots=True)
class LineShare:
    base: int
    deduction: int
    share: int


def line_share(rule: Rule, gross: int, net: int, sale_total: int, sale_fees: int) -> LineShare:
    """The professional's share of one line. `sale_fees` are the card fees of the whole sale
    (its tenders), spread over its lines by their net value.

    A partner's cota-parte is a part of what the client paid (Lei 13.352/2016): on the gross,
    the salon takes a discount on its own part, but never more than that part, so the
    partner gets at most the line's net (less its card fees when the rule takes them off)
    and the NFS-e's deduction is never above the service less its discount."""
    base = gross if rule.base is Base.GROSS else net
    deduction = part(sale_fees, net, sale_total) if rule.card_fees else 0
    deduction = min(deduction, base)
    share = part(base - deduction, rule.share_bps, WHOLE_BPS)
    if rule.mode is Mode.PARTNER:
        share = max(min(share, net - deduction), 0)
    return LineShare(base, deduction, share)
