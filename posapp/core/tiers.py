"""Tiers: a customer's level by what they spent over the last 12 months.

The caller sums the customer's spend over the window `spend_window(today)`
(net of refunds: a returned purchase takes its progress back), and the ladder
says which tier that is, its earn rate, and how much is left to the next one.
A tier is recomputed from the spend at each sale, so a tier change changes the
rate from the next sale on (the sale that crosses the line earns at the old rate).

The rate replaces the program's base rate (`earn_bps`); rates set for a single
category and excluded categories stay as the manager set them. Points programs
keep their points per real: a tier there is a label and a goal, not a rate.

The presets per segment are our guesses, not figures from the seeds: the lowest
tier earns exactly the program's preset rate (turning tiers on never lowers
anyone's cashback), silver and gold add two and five points (pharmacy: one and
three, its margins being thinner), at spends we think a regular customer of the
segment reaches in a year.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from posapp.core.errors import PosError
from posapp.core.money import DEFAULT_LOCALE, format_money
from posapp.core.program import FULL_SHARE_BPS, LoyaltyProgram, ProgramMode


class InvalidTiers(PosError):
    code = "invalid_tiers"
    pt_BR = "Níveis inválidos: {problems_pt}."
    en = "Invalid tiers: {problems_en}."


@dataclass(frozen=True, slots=True)
class Tier:
    key: str
    name: str
    """pt_BR name, shown at the counter and on the receipt."""
    min_spend_12m_centavos: int
    rate_bps: int
    name_en: str = ""

    def display_name(self, locale: str = DEFAULT_LOCALE) -> str:
        return self.name if locale.startswith("pt") or not self.name_en else self.name_en


@dataclass(frozen=True, slots=True)
class TierProgress:
    tier: Tier
    next_tier: Tier | None
    left_centavos: int
    """Spend still needed to reach `next_tier` (0 at the top)."""


@dataclass(frozen=True, slots=True)
class TierLadder:
    """Tiers from the lowest up; the lowest starts at zero so every customer has one."""

    tiers: tuple[Tier, ...]

    def __post_init__(self) -> None:
        problems = validate_tiers(self.tiers)
        if problems:
            raise InvalidTiers(
                problems_pt="; ".join(pt for pt, _ in problems),
                problems_en="; ".join(en for _, en in problems),
            )

    def tier_for(self, spend_12m_centavos: int) -> Tier:
        """The highest tier whose minimum the spend reaches (the lowest for a net negative)."""
        found = self.tiers[0]
        for tier in self.tiers:
            if spend_12m_centavos >= tier.min_spend_12m_centavos:
                found = tier
        return found

    def next_tier_gap(self, spend_12m_centavos: int) -> tuple[Tier | None, int]:
        """(the next tier, centavos left to reach it); (None, 0) at the top."""
        current = self.tier_for(spend_12m_centavos)
        index = self.tiers.index(current)
        if index + 1 == len(self.tiers):
            return None, 0
        upper = self.tiers[index + 1]
        return upper, upper.min_spend_12m_centavos - max(spend_12m_centavos, 0)

    def progress(self, spend_12m_centavos: int) -> TierProgress:
        upper, left = self.next_tier_gap(spend_12m_centavos)
        return TierProgress(self.tier_for(spend_12m_centavos), upper, left)

    def by_key(self, key: str) -> Tier:
        for tier in self.tiers:
            if tier.key == key:
                return tier
        raise KeyError(key)


def validate_tiers(tiers: Sequence[Tier]) -> list[tuple[str, str]]:
    """Every problem of a ladder as (pt_BR, en) sentences; empty when sound."""
    problems: list[tuple[str, str]] = []
    if not tiers:
        return [("defina ao menos um nível", "define at least one tier")]
    if tiers[0].min_spend_12m_centavos != 0:
        problems.append(
            ("o primeiro nível deve começar em R$ 0,00", "the first tier must start at R$ 0.00")
        )
    minimums = [t.min_spend_12m_centavos for t in tiers]
    if any(b <= a for a, b in itertools.pairwise(minimums)):
        problems.append(
            (
                "cada nível deve exigir mais gasto que o anterior",
                "each tier must need more spend than the one before",
            )
        )
    if any(not 0 <= t.rate_bps <= FULL_SHARE_BPS for t in tiers):
        problems.append(
            ("as taxas devem ficar entre 0 % e 100 %", "rates must be between 0 % and 100 %")
        )
    keys = [t.key for t in tiers]
    if len(set(keys)) != len(keys) or any(not k.strip() for k in keys):
        problems.append(("cada nível precisa de um código único", "each tier needs a unique key"))
    return problems


def spend_window(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The inclusive local-date range of "the last 12 months" ending today.

    From the day after the same date a year earlier (29 February falls back to
    the 28th), so a purchase counts for exactly one year.
    """
    try:
        year_ago = today.replace(year=today.year - 1)
    except ValueError:
        year_ago = today.replace(year=today.year - 1, day=28)
    return year_ago + datetime.timedelta(days=1), today


def apply_tier(program: LoyaltyProgram, tier: Tier) -> LoyaltyProgram:
    """The program as a customer of `tier` earns it (see the module's note)."""
    if program.mode is ProgramMode.POINTS:
        return program
    return program.with_changes(earn_bps=tier.rate_bps)


def progress_text(ladder: TierLadder, spend_12m_centavos: int, locale: str = DEFAULT_LOCALE) -> str:
    """One line for the counter and the receipt: the tier and what is left to the next."""
    status = ladder.progress(spend_12m_centavos)
    pt = locale.startswith("pt")
    name = status.tier.display_name(locale)
    if status.next_tier is None:
        return f"Nível {name}: o mais alto" if pt else f"{name} tier: the highest"
    left = format_money(status.left_centavos, locale)
    upper = status.next_tier.display_name(locale)
    if pt:
        return f"Nível {name}: faltam {left} para {upper}"
    return f"{name} tier: {left} to {upper}"


PRESET_STEPS: dict[str, tuple[int, int, int, int]] = {
    # segment: silver and gold minimums over 12 months, and the points each adds to the
    # program's own rate (bronze, from R$ 0, earns the program's rate)
    "salon": (100_000, 300_000, 200, 500),
    "fashion": (150_000, 400_000, 200, 500),
    "cosmetics": (80_000, 200_000, 200, 500),
    "pharmacy": (60_000, 150_000, 100, 300),
}


def preset_ladder(program: LoyaltyProgram) -> TierLadder:
    """The suggested ladder for the program's segment (fashion's for a segment without
    one): bronze at the program's rate, silver and gold a few points above it."""
    silver, gold, step_s, step_g = PRESET_STEPS.get(program.segment, PRESET_STEPS["fashion"])

    def rate(step: int) -> int:
        return min(FULL_SHARE_BPS, max(0, program.earn_bps + step))

    return TierLadder(
        (
            Tier("bronze", "Bronze", 0, rate(0), "Bronze"),
            Tier("prata", "Prata", silver, rate(step_s), "Silver"),
            Tier("ouro", "Ouro", gold, rate(step_g), "Gold"),
        )
    )
