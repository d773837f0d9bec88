"""A loyalty program is data: the rules a store sets, and the sums they imply.

Everything here is pure: given a program and a purchase, it says what the
customer earns, what voucher is due and how much cashback may pay. The ledger
and the database live elsewhere.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from typing import Any

from posapp.core.errors import InvalidProgram
from posapp.core.money import percent_of

FULL_SHARE_BPS = 10_000


class ProgramMode(StrEnum):
    CASHBACK = "cashback"
    POINTS = "points"


class VoucherTrigger(StrEnum):
    NONE = "none"
    BALANCE_THRESHOLD = "balance_threshold"
    """When the spendable balance reaches the threshold, it becomes a voucher."""
    PURCHASE_ABOVE = "purchase_above"
    """After a purchase above the threshold, a discount voucher is issued."""


@dataclass(frozen=True, slots=True)
class VoucherRule:
    trigger: VoucherTrigger = VoucherTrigger.NONE
    threshold_centavos: int = 0
    step_centavos: int = 0
    """BALANCE_THRESHOLD: vouchers are issued in whole steps; 0 takes the whole balance."""
    value_centavos: int = 0
    """PURCHASE_ABOVE: a voucher of this fixed value..."""
    percent_bps: int = 0
    """...or of this share of the next purchase (max_discount_centavos caps it)."""
    max_discount_centavos: int = 0
    min_purchase_to_use_centavos: int = 0
    validity_days: int = 30


@dataclass(frozen=True, slots=True)
class ReferralRule:
    referrer_bonus_centavos: int
    referred_bonus_centavos: int
    min_purchase_centavos: int = 0


@dataclass(frozen=True, slots=True)
class EarnLine:
    """The part of one sale line that may earn: its category and its paid amount."""

    category: str | None
    amount_centavos: int
    is_product: bool = False
    """A product (not a service): earns `product_bps` when its category has no rate."""


@dataclass(frozen=True, slots=True)
class LoyaltyProgram:
    key: str
    name: str
    segment: str
    mode: ProgramMode = ProgramMode.CASHBACK
    earn_bps: int = 1_000
    category_bps: Mapping[str, int] = field(default_factory=dict)
    product_bps: int | None = None
    """The rate of a product whose category has no rate of its own; None: `earn_bps`
    (products and services alike). A salon earns on services: its products earn 0 %
    unless the manager gives their category a rate."""
    excluded_categories: frozenset[str] = frozenset()
    min_purchase_centavos: int = 0
    pending_days: int = 0
    expiry_days: int = 180
    max_redeem_bps: int = FULL_SHARE_BPS
    voucher: VoucherRule = VoucherRule()
    referral: ReferralRule | None = None
    points_per_real: int = 0
    points_per_redeem_block: int = 100
    redeem_block_centavos: int = 500
    reminder_idle_days: int = 30
    allow_negative_balance: bool = False

    def __post_init__(self) -> None:
        for problem in validate_program(self):
            raise InvalidProgram(value=problem)

    # -- earning -----------------------------------------------------------

    def earn(self, lines: Iterable[EarnLine]) -> int:
        """Units earned (centavos, or points in points mode) for a paid purchase.

        Cashback is computed on exact basis-point products summed over the
        lines and floored once, so splitting a purchase into lines never costs
        the customer a centavo.
        """
        eligible = [
            line
            for line in lines
            if line.amount_centavos > 0 and line.category not in self.excluded_categories
        ]
        total = sum(line.amount_centavos for line in lines)
        if total < self.min_purchase_centavos or not eligible:
            return 0
        if self.mode is ProgramMode.POINTS:
            return sum(line.amount_centavos for line in eligible) * self.points_per_real // 100
        numerator = sum(line.amount_centavos * self.line_rate(line) for line in eligible)
        return numerator // 10_000

    def rate_for(self, category: str | None, *, is_product: bool = False) -> int:
        if category in self.excluded_categories:
            return 0
        if category is not None and category in self.category_bps:
            return self.category_bps[category]
        if is_product and self.product_bps is not None:
            return self.product_bps
        return self.earn_bps

    def line_rate(self, line: EarnLine) -> int:
        return self.rate_for(line.category, is_product=line.is_product)

    def earn_weights(self, lines: Iterable[EarnLine]) -> list[int]:
        """Each line's share of what the purchase earns, for splitting it over the lines:
        amount x rate (amount alone in points mode); 0 for a line that earns nothing."""
        weights = []
        for line in lines:
            if line.amount_centavos <= 0 or line.category in self.excluded_categories:
                weights.append(0)
            elif self.mode is ProgramMode.POINTS:
                weights.append(line.amount_centavos)
            else:
                weights.append(line.amount_centavos * self.line_rate(line))
        return weights

    # -- spending ----------------------------------------------------------

    def redeem_cap(self, purchase_centavos: int) -> int:
        """The most that cashback may pay of a purchase of this value."""
        return percent_of(purchase_centavos, self.max_redeem_bps)

    def value_of_units(self, units: int) -> int:
        """What a balance in the program's unit is worth in centavos."""
        if self.mode is ProgramMode.POINTS:
            return units * self.redeem_block_centavos // self.points_per_redeem_block
        return units

    def units_for_value(self, centavos: int) -> int:
        """The units to take from a balance to pay `centavos` (rounded in the customer's favour)."""
        if self.mode is ProgramMode.POINTS:
            blocks = self.points_per_redeem_block * centavos
            return -(-blocks // self.redeem_block_centavos)
        return centavos

    # -- vouchers ----------------------------------------------------------

    def balance_voucher_value(self, spendable_centavos: int) -> int:
        """The voucher due for a spendable balance under a threshold rule (0 when none)."""
        rule = self.voucher
        if rule.trigger is not VoucherTrigger.BALANCE_THRESHOLD:
            return 0
        if spendable_centavos < rule.threshold_centavos or spendable_centavos <= 0:
            return 0
        if rule.step_centavos:
            return spendable_centavos // rule.step_centavos * rule.step_centavos
        return spendable_centavos

    def purchase_voucher_due(self, purchase_centavos: int) -> bool:
        rule = self.voucher
        return (
            rule.trigger is VoucherTrigger.PURCHASE_ABOVE
            and purchase_centavos > rule.threshold_centavos
        )

    # -- storage -----------------------------------------------------------

    def with_changes(self, **changes: Any) -> LoyaltyProgram:
        return replace(self, **changes)

    def to_json(self) -> str:
        data = asdict(self)
        data["excluded_categories"] = sorted(self.excluded_categories)
        data["category_bps"] = dict(self.category_bps)
        return json.dumps(data, sort_keys=True, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> LoyaltyProgram:
        data = json.loads(text)
        data["mode"] = ProgramMode(data["mode"])
        data["excluded_categories"] = frozenset(data.get("excluded_categories", ()))
        voucher = dict(data.get("voucher") or {})
        voucher["trigger"] = VoucherTrigger(voucher.get("trigger", "none"))
        data["voucher"] = VoucherRule(**voucher)
        referral = data.get("referral")
        data["referral"] = ReferralRule(**referral) if referral else None
        return cls(**data)


def validate_program(program: LoyaltyProgram) -> list[str]:
    """Every rule that does not make sense, as plain sentences (empty when sound)."""
    problems: list[str] = []
    rates = [program.earn_bps, *program.category_bps.values()]
    rates += [program.product_bps] if program.product_bps is not None else []
    if any(not 0 <= rate <= FULL_SHARE_BPS for rate in rates):
        problems.append("earn rates must be between 0 % and 100 %")
    if not 0 <= program.max_redeem_bps <= FULL_SHARE_BPS:
        problems.append("the share cashback may pay must be between 0 % and 100 %")
    if program.min_purchase_centavos < 0 or program.pending_days < 0 or program.expiry_days < 0:
        problems.append("minimum purchase, pending days and expiry days cannot be negative")
    if program.mode is ProgramMode.POINTS and (
        program.points_per_real <= 0
        or program.points_per_redeem_block <= 0
        or program.redeem_block_centavos <= 0
    ):
        problems.append("points mode needs points per real and a redemption rate")
    rule = program.voucher
    if rule.trigger is VoucherTrigger.BALANCE_THRESHOLD and rule.threshold_centavos <= 0:
        problems.append("a balance voucher needs a threshold above zero")
    if rule.trigger is VoucherTrigger.PURCHASE_ABOVE and not (
        rule.value_centavos > 0 or 0 < rule.percent_bps <= FULL_SHARE_BPS
    ):
        problems.append("a purchase voucher needs a value or a percent")
    if rule.trigger is not VoucherTrigger.NONE and rule.validity_days <= 0:
        problems.append("vouchers need a validity of at least one day")
    if program.mode is ProgramMode.POINTS and rule.trigger is VoucherTrigger.BALANCE_THRESHOLD:
        problems.append("points programs redeem points at the counter, not balance vouchers")
    referral = program.referral
    if (
        referral is not None
        and min(referral.referrer_bonus_centavos, referral.referred_bonus_centavos) < 0
    ):
        problems.append("referral bonuses cannot be negative")
    return problems
