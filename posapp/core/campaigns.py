"""Campaigns: a date range that multiplies cashback or adds a bonus.

How campaigns combine (decided so that nothing compounds by surprise):

- A campaign is active on a purchase when the store's local date is within
  `starts..ends` (both inclusive) and, for a birthday-month campaign, the
  customer's birthday falls in that date's month (no birthday on file: never).
- Multipliers never multiply each other. Each line takes the best multiplier of
  the active campaigns that cover its category (`categories=None` covers every
  category); a line no campaign covers keeps 1x. Mother's Day 2x and the
  birthday month 2x together give 2x, not 4x. Ties go to the campaign listed first.
- Bonuses are per purchase, never per line, and also do not add up: the largest
  bonus among the active campaigns is added once, if the purchase earns under
  the program (minimum purchase met, an eligible line in the campaign's categories).
- Excluded categories stay excluded: a multiplier of 0 is still 0.
- Rounding is program.earn's: exact products summed over the lines and floored
  once, so with no campaign the result equals `program.earn(lines)` exactly.
- Points programs: the multiplier applies to the points; a bonus in centavos
  becomes points at the program's redemption rate, rounded down.

The result also splits the units over the lines (largest remainder), so a
refund can reverse a campaign's earning line by line like any other.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from posapp.core.commercial_dates import CommercialDate
from posapp.core.errors import PosError
from posapp.core.money import allocate
from posapp.core.program import EarnLine, LoyaltyProgram, ProgramMode

ONE_X_BPS = 10_000
MAX_MULTIPLIER_BPS = 100_000
"""10x: anything above is far more likely a typo than a promotion."""


class InvalidCampaign(PosError):
    code = "invalid_campaign"
    pt_BR = "Campanha inválida: {problems_pt}."
    en = "Invalid campaign: {problems_en}."


@dataclass(frozen=True, slots=True)
class Campaign:
    key: str
    name: str
    starts: datetime.date
    ends: datetime.date
    """Inclusive; both are the store's local dates."""
    multiplier_bps: int = ONE_X_BPS
    """10_000 = 1x (no change), 20_000 = double cashback."""
    bonus_centavos: int = 0
    categories: frozenset[str] | None = None
    """None: every category; otherwise only lines of these categories."""
    birthday_month: bool = False
    """Applies only to customers whose birthday falls in the purchase's month."""

    def __post_init__(self) -> None:
        problems = validate_campaign(self)
        if problems:
            raise InvalidCampaign(
                problems_pt="; ".join(pt for pt, _ in problems),
                problems_en="; ".join(en for _, en in problems),
            )

    def is_active(self, today: datetime.date, birthday: datetime.date | None) -> bool:
        if not self.starts <= today <= self.ends:
            return False
        if self.birthday_month:
            return birthday is not None and birthday.month == today.month
        return True

    def covers(self, category: str | None) -> bool:
        return self.categories is None or category in self.categories


def validate_campaign(campaign: Campaign) -> list[tuple[str, str]]:
    """Every problem of a campaign as (pt_BR, en) sentences; empty when sound."""
    problems: list[tuple[str, str]] = []
    if not campaign.key.strip():
        problems.append(("a campanha precisa de um código", "the campaign needs a key"))
    if campaign.ends < campaign.starts:
        problems.append(("o fim vem antes do início", "the campaign ends before it starts"))
    if not ONE_X_BPS <= campaign.multiplier_bps <= MAX_MULTIPLIER_BPS:
        problems.append(
            (
                "o multiplicador deve ficar entre 1x e 10x",
                "the multiplier must be between 1x and 10x",
            )
        )
    if campaign.bonus_centavos < 0:
        problems.append(("o bônus não pode ser negativo", "the bonus cannot be negative"))
    if campaign.multiplier_bps == ONE_X_BPS and campaign.bonus_centavos == 0:
        problems.append(
            (
                "informe um multiplicador acima de 1x ou um bônus",
                "give a multiplier above 1x or a bonus",
            )
        )
    if campaign.categories is not None and not campaign.categories:
        problems.append(
            (
                "escolha ao menos uma categoria ou todas",
                "choose at least one category, or all of them",
            )
        )
    return problems


@dataclass(frozen=True, slots=True)
class CampaignEarn:
    """What a purchase earns with the campaigns of its day."""

    units: int
    """Centavos (or points), base + campaign extra + bonus."""
    base_units: int
    """What the program alone gives: `program.earn(lines)`."""
    bonus_units: int
    applied: tuple[str, ...]
    """Keys of the campaigns that changed the result, in the order given."""
    per_line: tuple[int, ...]
    """`units` split over the input lines (sums to `units`); 0 for lines that earn nothing."""

    @property
    def extra_units(self) -> int:
        return self.units - self.base_units


def active_campaigns(
    campaigns: Iterable[Campaign], today: datetime.date, birthday: datetime.date | None
) -> list[Campaign]:
    return [c for c in campaigns if c.is_active(today, birthday)]


def _bonus_units(program: LoyaltyProgram, centavos: int) -> int:
    if program.mode is ProgramMode.POINTS:
        return centavos * program.points_per_redeem_block // program.redeem_block_centavos
    return centavos


def earn_with_campaigns(
    program: LoyaltyProgram,
    lines: Sequence[EarnLine],
    campaigns: Iterable[Campaign],
    *,
    today: datetime.date,
    birthday: datetime.date | None = None,
) -> CampaignEarn:
    """The purchase's earning under the program and the campaigns active `today`."""
    active = active_campaigns(campaigns, today, birthday)
    base = program.earn(lines)
    total = sum(line.amount_centavos for line in lines)
    eligible = [
        line.amount_centavos > 0 and line.category not in program.excluded_categories
        for line in lines
    ]
    if total < program.min_purchase_centavos or not any(eligible):
        return CampaignEarn(0, 0, 0, (), tuple(0 for _ in lines))

    applied: list[str] = []
    weights: list[int] = []
    for line, ok in zip(lines, eligible, strict=True):
        if not ok:
            weights.append(0)
            continue
        best: Campaign | None = None
        for campaign in active:
            if campaign.covers(line.category) and campaign.multiplier_bps > (
                best.multiplier_bps if best else ONE_X_BPS
            ):
                best = campaign
        multiplier = best.multiplier_bps if best else ONE_X_BPS
        if program.mode is ProgramMode.POINTS:
            # points = amount * points_per_real / 100; scaled so the divisor below is common
            weights.append(line.amount_centavos * program.points_per_real * 100 * multiplier)
        else:
            weights.append(line.amount_centavos * program.line_rate(line) * multiplier)
        if best is not None and weights[-1] > 0 and best.key not in applied:
            applied.append(best.key)
    multiplied = sum(weights) // (10_000 * ONE_X_BPS)

    bonus_campaign: Campaign | None = None
    for campaign in active:
        covers_a_line = any(
            ok and campaign.covers(line.category) for line, ok in zip(lines, eligible, strict=True)
        )
        if covers_a_line and campaign.bonus_centavos > (
            bonus_campaign.bonus_centavos if bonus_campaign else 0
        ):
            bonus_campaign = campaign
    bonus = _bonus_units(program, bonus_campaign.bonus_centavos) if bonus_campaign else 0
    if bonus_campaign is not None and bonus > 0 and bonus_campaign.key not in applied:
        applied.append(bonus_campaign.key)

    units = multiplied + bonus
    order = {c.key: i for i, c in enumerate(active)}
    applied.sort(key=order.__getitem__)
    if units == 0:
        per_line = [0] * len(lines)
    elif any(weights):
        per_line = allocate(units, weights)
    else:
        # only a bonus on lines earning at a 0 % rate: spread it by amount
        amounts = [
            line.amount_centavos if ok else 0 for line, ok in zip(lines, eligible, strict=True)
        ]
        per_line = allocate(units, amounts)
    return CampaignEarn(units, base, bonus, tuple(applied), tuple(per_line))


def campaign_for_date(
    date: CommercialDate,
    *,
    multiplier_bps: int = 2 * ONE_X_BPS,
    bonus_centavos: int = 0,
    categories: frozenset[str] | None = None,
    locale: str = "pt_BR",
) -> Campaign:
    """A campaign over the date's suggested window: double cashback unless told otherwise."""
    return Campaign(
        key=f"{date.key}_{date.day.year}",
        name=date.name(locale),
        starts=date.window_starts,
        ends=date.window_ends,
        multiplier_bps=multiplier_bps,
        bonus_centavos=bonus_centavos,
        categories=categories,
    )


def birthday_month_campaign(
    year: int,
    *,
    multiplier_bps: int = 2 * ONE_X_BPS,
    bonus_centavos: int = 0,
    categories: frozenset[str] | None = None,
    locale: str = "pt_BR",
) -> Campaign:
    """A year-long campaign that applies to each customer in their birthday month."""
    return Campaign(
        key=f"aniversario_{year}",
        name="Mês do aniversário" if locale.startswith("pt") else "Birthday month",
        starts=datetime.date(year, 1, 1),
        ends=datetime.date(year, 12, 31),
        multiplier_bps=multiplier_bps,
        bonus_centavos=bonus_centavos,
        categories=categories,
        birthday_month=True,
    )
