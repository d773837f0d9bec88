"""What a purchase earns for a customer: the program, their tier and the day's campaigns.

Shared by the checkout (which writes it) and the quote (which shows it live), so the
screen shows exactly what the sale will credit. The per-line split is stored in
`sale_line.earned`, which is what a refund reverses line by line.

The ladder, the campaigns and the store's time zone are cached on the station: a
sale with tiers and campaigns off costs nothing more than before, one with tiers on
one aggregate query (the customer's 12-month spend).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from posapp.core.campaigns import Campaign, earn_with_campaigns
from posapp.core.money import allocate
from posapp.core.program import EarnLine, LoyaltyProgram
from posapp.core.tiers import Tier, TierLadder, apply_tier
from posapp.services.common.station import Station
from posapp.services.loyalty.campaigns import active_campaigns
from posapp.services.loyalty.tiers import ladder_for, spend_12m, store_zone


@dataclass(frozen=True, slots=True)
class EarnRules:
    ladder: TierLadder | None
    campaigns: tuple[Campaign, ...]
    zone: ZoneInfo


def earn_rules(station: Station, session: Session) -> EarnRules:
    return EarnRules(
        ladder_for(station, session),
        active_campaigns(station, session),
        station.cached("timezone", session, store_zone),
    )


@dataclass(frozen=True, slots=True)
class SaleEarn:
    units: int
    per_line: tuple[int, ...]
    tier: Tier | None
    """The tier the purchase earned at (None: tiers off)."""
    spend_12m: int | None
    """The spend before this purchase (None: tiers off)."""
    campaigns: tuple[str, ...]
    """Keys of the campaigns that changed the result."""


def sale_earn(
    session: Session,
    rules: EarnRules,
    program: LoyaltyProgram,
    customer_id: int,
    birthday: datetime.date | None,
    lines: Sequence[EarnLine],
    now: datetime.datetime,
) -> SaleEarn:
    """The earning of a purchase by `customer_id` made at `now` (not yet written)."""
    tier: Tier | None = None
    spend: int | None = None
    if rules.ladder is None and not rules.campaigns:
        return _plain(program, lines)
    today = now.astimezone(rules.zone).date()
    if rules.ladder is not None:
        spend = spend_12m(session.connection(), customer_id, today, rules.zone, now)
        tier = rules.ladder.tier_for(spend)
        program = apply_tier(program, tier)
    if not rules.campaigns:
        plain = _plain(program, lines)
        return SaleEarn(plain.units, plain.per_line, tier, spend, ())
    earned = earn_with_campaigns(program, lines, rules.campaigns, today=today, birthday=birthday)
    return SaleEarn(earned.units, earned.per_line, tier, spend, earned.applied)


def _plain(program: LoyaltyProgram, lines: Sequence[EarnLine]) -> SaleEarn:
    units = program.earn(lines)
    weights = program.earn_weights(lines)
    per_line = allocate(units, weights) if units and any(weights) else [0] * len(lines)
    return SaleEarn(units, tuple(per_line), None, None, ())
