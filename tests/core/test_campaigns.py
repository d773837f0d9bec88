import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posapp.core.campaigns import (
    Campaign,
    InvalidCampaign,
    birthday_month_campaign,
    campaign_for_date,
    earn_with_campaigns,
)
from posapp.core.commercial_dates import commercial_date
from posapp.core.presets import PHARMACY, POINTS_BRAND, SALON
from posapp.core.program import EarnLine

D = datetime.date
MAES = campaign_for_date(
    commercial_date("dia_das_maes", 2026), categories=frozenset({"cabelo"})
)  # 2026-04-27 .. 2026-05-10, double cashback on hair only
LINES = [EarnLine("cabelo", 10_000), EarnLine("unhas", 5_000)]
SALON_PROGRAM = SALON.with_changes(excluded_categories=frozenset({"gorjeta"}))


def test_mothers_day_doubles_cashback_on_hair_only() -> None:
    result = earn_with_campaigns(SALON_PROGRAM, LINES, [MAES], today=D(2026, 5, 10))
    # hair R$ 100 at 10 % x2 = R$ 20; nails R$ 50 at 10 % = R$ 5
    assert result.units == 2_500
    assert result.base_units == 1_500
    assert result.extra_units == 1_000
    assert result.applied == (MAES.key,)
    assert result.per_line == (2_000, 500)


@pytest.mark.parametrize("day", [D(2026, 4, 26), D(2026, 5, 11)])
def test_outside_the_range_nothing_changes(day: datetime.date) -> None:
    result = earn_with_campaigns(SALON_PROGRAM, LINES, [MAES], today=day)
    assert result.units == SALON_PROGRAM.earn(LINES) == 1_500
    assert result.applied == ()


def test_birthday_month_applies_only_in_the_customers_month() -> None:
    birthday = birthday_month_campaign(2026, multiplier_bps=15_000)
    lines = [EarnLine(None, 3_333)]
    may_birthday = D(1990, 5, 20)
    in_may = earn_with_campaigns(
        SALON, lines, [birthday], today=D(2026, 5, 2), birthday=may_birthday
    )
    assert in_may.units == 499  # 3333 * 10 % * 1.5 = 499.95, floored like program.earn
    assert in_may.applied == (birthday.key,)
    in_june = earn_with_campaigns(
        SALON, lines, [birthday], today=D(2026, 6, 2), birthday=may_birthday
    )
    assert in_june.units == 333 and in_june.applied == ()
    unknown = earn_with_campaigns(SALON, lines, [birthday], today=D(2026, 5, 2), birthday=None)
    assert unknown.units == 333


def test_multipliers_do_not_compound_the_best_wins_per_line() -> None:
    everything_2x = Campaign(
        "consumidor", "Dia do Consumidor", D(2026, 5, 1), D(2026, 5, 31), 20_000
    )
    hair_3x = Campaign(
        "cabelo3",
        "Cabelo 3x",
        D(2026, 5, 1),
        D(2026, 5, 31),
        30_000,
        categories=frozenset({"cabelo"}),
    )
    birthday_2x = birthday_month_campaign(2026)
    result = earn_with_campaigns(
        SALON,
        LINES,
        [everything_2x, hair_3x, birthday_2x],
        today=D(2026, 5, 5),
        birthday=D(1980, 5, 1),
    )
    assert result.units == 3_000 + 1_000  # hair 3x, nails 2x (not 2x * 2x)
    assert result.applied == ("consumidor", "cabelo3")  # the birthday 2x changed nothing


def test_bonus_is_added_once_per_purchase_and_only_the_largest() -> None:
    small = Campaign("b5", "Bônus 5", D(2026, 3, 1), D(2026, 3, 31), bonus_centavos=500)
    large = Campaign("b10", "Bônus 10", D(2026, 3, 1), D(2026, 3, 31), bonus_centavos=1_000)
    lines = [EarnLine(None, 1_000)] * 4
    result = earn_with_campaigns(SALON, lines, [small, large], today=D(2026, 3, 15))
    assert result.units == 400 + 1_000
    assert result.bonus_units == 1_000
    assert result.applied == ("b10",)
    assert sum(result.per_line) == result.units
    assert result.per_line == (350, 350, 350, 350)


def test_bonus_needs_a_line_of_its_categories_and_the_minimum_purchase() -> None:
    hair_bonus = Campaign(
        "hb",
        "Cabelo",
        D(2026, 3, 1),
        D(2026, 3, 31),
        bonus_centavos=500,
        categories=frozenset({"cabelo"}),
    )
    nails = [EarnLine("unhas", 5_000)]
    assert earn_with_campaigns(SALON, nails, [hair_bonus], today=D(2026, 3, 2)).units == 500
    minimum = SALON.with_changes(min_purchase_centavos=6_000)
    result = earn_with_campaigns(
        minimum, [EarnLine("cabelo", 5_000)], [hair_bonus], today=D(2026, 3, 2)
    )
    assert result.units == 0 and result.applied == () and result.per_line == (0,)


def test_excluded_categories_stay_excluded() -> None:
    double = Campaign("x2", "2x", D(2026, 1, 1), D(2026, 1, 31), 20_000)
    lines = [EarnLine("gorjeta", 2_000), EarnLine("cabelo", 1_000)]
    result = earn_with_campaigns(SALON_PROGRAM, lines, [double], today=D(2026, 1, 10))
    assert result.units == 200
    assert result.per_line == (0, 200)


def test_points_program_multiplies_points_and_converts_the_bonus() -> None:
    promo = Campaign(
        "bf", "Black Friday", D(2026, 11, 23), D(2026, 11, 29), 20_000, bonus_centavos=500
    )
    result = earn_with_campaigns(
        POINTS_BRAND, [EarnLine(None, 12_345)], [promo], today=D(2026, 11, 27)
    )
    # 123 points x2 = 246, plus R$ 5,00 = 100 points at 100 points per R$ 5
    assert result.base_units == 123
    assert result.units == 246 + 100


def test_pharmacy_category_rate_is_multiplied_too() -> None:
    program = PHARMACY.with_changes(category_bps={"medicamentos": 200})
    double = Campaign("x2", "2x", D(2026, 1, 1), D(2026, 1, 31), 20_000)
    result = earn_with_campaigns(
        program, [EarnLine("medicamentos", 10_000)], [double], today=D(2026, 1, 1)
    )
    assert result.units == 400


def test_invalid_campaigns_are_refused_with_every_problem() -> None:
    with pytest.raises(InvalidCampaign) as refused:
        Campaign("", "x", D(2026, 2, 1), D(2026, 1, 1), multiplier_bps=5_000)
    text = refused.value.message("pt_BR")
    assert "código" in text and "fim vem antes" in text and "1x e 10x" in text
    with pytest.raises(InvalidCampaign):
        Campaign("nada", "Nada", D(2026, 1, 1), D(2026, 1, 1))  # 1x and no bonus
    with pytest.raises(InvalidCampaign):
        Campaign("vazio", "x", D(2026, 1, 1), D(2026, 1, 1), 20_000, categories=frozenset())


amounts = st.lists(
    st.tuples(st.sampled_from([None, "cabelo", "unhas", "gorjeta"]), st.integers(-500, 50_000)),
    min_size=1,
    max_size=8,
)


@given(amounts)
def test_without_an_active_campaign_it_is_exactly_program_earn(
    items: list[tuple[str | None, int]],
) -> None:
    lines = [EarnLine(c, a) for c, a in items]
    result = earn_with_campaigns(SALON_PROGRAM, lines, [MAES], today=D(2026, 1, 1))
    assert result.units == SALON_PROGRAM.earn(lines)
    assert sum(result.per_line) == result.units


@given(amounts, st.integers(10_000, 50_000))
def test_a_campaign_never_lowers_the_earn_and_per_line_adds_up(
    items: list[tuple[str | None, int]], mult: int
) -> None:
    lines = [EarnLine(c, a) for c, a in items]
    promo = Campaign("p", "P", D(2026, 1, 1), D(2026, 1, 31), mult, bonus_centavos=100)
    result = earn_with_campaigns(SALON_PROGRAM, lines, [promo], today=D(2026, 1, 1))
    assert result.units >= SALON_PROGRAM.earn(lines)
    assert sum(result.per_line) == result.units
    assert all(p >= 0 for p in result.per_line)
