"""Rule edges in tiers, campaigns, codes and CNPJ that mutation testing showed unguarded.

Each test reads what a manager, cashier or customer sees: the error message of a
wrong tier ladder in pt_BR and en (Gerência), the suggested ladders per segment,
the progress line on the receipt. The figures are worked out by hand in the
docstrings; each test was run against the one-line bug it targets, put in by hand.
"""

from __future__ import annotations

import datetime

import pytest

from posapp.core.campaigns import (
    Campaign,
    CampaignEarn,
    InvalidCampaign,
    birthday_month_campaign,
    campaign_for_date,
    earn_with_campaigns,
)
from posapp.core.cnpj import cnpj_check_digits, format_cnpj, is_valid_cnpj, normalize_cnpj
from posapp.core.codes import (
    new_referral_code,
    new_voucher_code,
    normalize_voucher_code,
    sign_customer_card,
    sign_voucher_qr,
)
from posapp.core.commercial_dates import commercial_date
from posapp.core.errors import InvalidCNPJ, UnknownVoucher
from posapp.core.presets import COSMETICS, FASHION, PHARMACY, POINTS_BRAND, SALON
from posapp.core.program import EarnLine
from posapp.core.tiers import InvalidTiers, Tier, TierLadder, preset_ladder, progress_text

# -- tiers: what the manager reads when a ladder is wrong ------------------------------


def _refusal(*tiers: Tier) -> InvalidTiers:
    with pytest.raises(InvalidTiers) as refused:
        TierLadder(tuple(tiers))
    return refused.value


def test_an_empty_ladder_is_refused_asking_for_at_least_one_tier() -> None:
    error = _refusal()
    assert error.message("pt_BR") == "Níveis inválidos: defina ao menos um nível."
    assert error.message("en") == "Invalid tiers: define at least one tier."


def test_a_ladder_not_starting_at_zero_is_refused_with_r0_in_the_message() -> None:
    """Bronze from R$ 10,00: nobody below R$ 10,00 would have a tier."""
    error = _refusal(Tier("bronze", "Bronze", 1_000, 1_000), Tier("prata", "Prata", 5_000, 1_200))
    assert error.message("pt_BR") == ("Níveis inválidos: o primeiro nível deve começar em R$ 0,00.")
    assert error.message("en") == "Invalid tiers: the first tier must start at R$ 0.00."


def test_a_tier_needing_the_same_spend_as_the_one_before_is_refused() -> None:
    """Prata and ouro both from R$ 1.000,00: a customer could never be told which one."""
    error = _refusal(
        Tier("bronze", "Bronze", 0, 1_000),
        Tier("prata", "Prata", 100_000, 1_200),
        Tier("ouro", "Ouro", 100_000, 1_500),
    )
    assert error.message("pt_BR") == (
        "Níveis inválidos: cada nível deve exigir mais gasto que o anterior."
    )
    assert error.message("en") == (
        "Invalid tiers: each tier must need more spend than the one before."
    )


def test_rates_of_exactly_0_and_100_percent_are_accepted() -> None:
    """0 % (a tier that is only a label) and 100 % are the two ends of the allowed range."""
    ladder = TierLadder((Tier("bronze", "Bronze", 0, 0), Tier("vip", "VIP", 500_000, 10_000)))
    assert ladder.tier_for(0).rate_bps == 0
    assert ladder.tier_for(500_000).rate_bps == 10_000


def test_a_rate_above_100_percent_is_refused_and_every_problem_is_listed() -> None:
    """Three faults at once: first tier from R$ 5,00, 100,01 %, a repeated key.

    The manager sees all three, joined by "; ", in their language.
    """
    error = _refusal(
        Tier("bronze", "Bronze", 500, 1_000),
        Tier("bronze", "Prata", 100_000, 10_001),
    )
    assert error.message("pt_BR") == (
        "Níveis inválidos: o primeiro nível deve começar em R$ 0,00; "
        "as taxas devem ficar entre 0 % e 100 %; cada nível precisa de um código único."
    )
    assert error.message("en") == (
        "Invalid tiers: the first tier must start at R$ 0.00; "
        "rates must be between 0 % and 100 %; each tier needs a unique key."
    )


def test_an_unknown_tier_key_names_the_key_looked_for() -> None:
    with pytest.raises(KeyError) as missing:
        SALON_LADDER.by_key("diamante")
    assert missing.value.args == ("diamante",)


# -- tiers: the suggested ladders ------------------------------------------------------

SALON_LADDER = preset_ladder(SALON)


def _rows(ladder: TierLadder) -> list[tuple[str, str, str, int, int]]:
    return [(t.key, t.name, t.name_en, t.min_spend_12m_centavos, t.rate_bps) for t in ladder.tiers]


def test_the_salon_is_suggested_bronze_silver_gold_at_10_12_15_percent() -> None:
    """Salon earns 10 %; silver adds two points from R$ 1.000,00, gold five from R$ 3.000,00."""
    assert _rows(SALON_LADDER) == [
        ("bronze", "Bronze", "Bronze", 0, 1_000),
        ("prata", "Prata", "Silver", 100_000, 1_200),
        ("ouro", "Ouro", "Gold", 300_000, 1_500),
    ]


def test_the_pharmacy_ladder_adds_one_and_three_points_to_its_5_percent() -> None:
    """Pharmacy earns 5 %: prata 6 % from R$ 600,00, ouro 8 % from R$ 1.500,00."""
    assert _rows(preset_ladder(PHARMACY)) == [
        ("bronze", "Bronze", "Bronze", 0, 500),
        ("prata", "Prata", "Silver", 60_000, 600),
        ("ouro", "Ouro", "Gold", 150_000, 800),
    ]


def test_a_segment_without_its_own_ladder_is_suggested_the_fashion_one() -> None:
    """A bakery at 3 %: fashion's minimums (R$ 1.500,00, R$ 4.000,00), rates 3 / 5 / 8 %."""
    bakery = FASHION.with_changes(segment="bakery", earn_bps=300)
    assert _rows(preset_ladder(bakery)) == [
        ("bronze", "Bronze", "Bronze", 0, 300),
        ("prata", "Prata", "Silver", 150_000, 500),
        ("ouro", "Ouro", "Gold", 400_000, 800),
    ]


def test_a_program_at_0_percent_keeps_its_lowest_tier_at_0_percent() -> None:
    """Salon at 0 %: shift -10 points, bronze 0 % (not clamped up), prata 2 %, ouro 5 %."""
    rates = [t.rate_bps for t in preset_ladder(SALON.with_changes(earn_bps=0)).tiers]
    assert rates == [0, 200, 500]


def test_the_cosmetics_ladder_suggests_silver_from_r800_and_gold_from_r2000() -> None:
    """Cosmetics earns 10 %: prata 12 % from R$ 800,00, ouro 15 % from R$ 2.000,00."""
    assert _rows(preset_ladder(COSMETICS)) == [
        ("bronze", "Bronze", "Bronze", 0, 1_000),
        ("prata", "Prata", "Silver", 80_000, 1_200),
        ("ouro", "Ouro", "Gold", 200_000, 1_500),
    ]


def test_a_program_near_100_percent_keeps_its_upper_tiers_at_100_percent() -> None:
    """Salon at 98 %: prata would be 100 %, ouro 103 %: both held at 100 %."""
    rates = [t.rate_bps for t in preset_ladder(SALON.with_changes(earn_bps=9_800)).tiers]
    assert rates == [9_800, 10_000, 10_000]


def test_the_top_tier_line_is_translated() -> None:
    """At ouro there is nothing left to reach: "the highest" in English."""
    assert progress_text(SALON_LADDER, 300_000, "pt_BR") == "Nível Ouro: o mais alto"
    assert progress_text(SALON_LADDER, 300_000, "en") == "Gold tier: the highest"


# -- campaigns: what the manager reads when a campaign is wrong -------------------------

D = datetime.date
MAY_10 = D(2026, 5, 10)


def test_a_campaign_with_five_faults_lists_them_all_in_both_languages() -> None:
    """No key, ending before it starts, 10,0001x, a negative bonus, an empty category list."""
    with pytest.raises(InvalidCampaign) as refused:
        Campaign(
            key="  ",
            name="Promo",
            starts=D(2026, 5, 10),
            ends=D(2026, 5, 9),
            multiplier_bps=100_001,
            bonus_centavos=-1,
            categories=frozenset(),
        )
    assert refused.value.message("pt_BR") == (
        "Campanha inválida: a campanha precisa de um código; o fim vem antes do início; "
        "o multiplicador deve ficar entre 1x e 10x; o bônus não pode ser negativo; "
        "escolha ao menos uma categoria ou todas."
    )
    assert refused.value.message("en") == (
        "Invalid campaign: the campaign needs a key; the campaign ends before it starts; "
        "the multiplier must be between 1x and 10x; the bonus cannot be negative; "
        "choose at least one category, or all of them."
    )


def test_a_campaign_that_changes_nothing_asks_for_a_multiplier_or_a_bonus() -> None:
    with pytest.raises(InvalidCampaign) as refused:
        Campaign(key="nada", name="Nada", starts=MAY_10, ends=MAY_10)
    assert refused.value.message("pt_BR") == (
        "Campanha inválida: informe um multiplicador acima de 1x ou um bônus."
    )
    assert refused.value.message("en") == "Invalid campaign: give a multiplier above 1x or a bonus."


def test_a_one_day_campaign_at_10x_is_accepted_and_earns_ten_times() -> None:
    """Starts and ends on 10/05 (one day), 10x: R$ 100,00 at 10 % earns R$ 10,00,
    times 10 = R$ 100,00."""
    one_day = Campaign(key="dez_x", name="10x", starts=MAY_10, ends=MAY_10, multiplier_bps=100_000)
    result = earn_with_campaigns(SALON, [EarnLine("cabelo", 10_000)], [one_day], today=MAY_10)
    assert (result.units, result.applied) == (10_000, ("dez_x",))


# -- campaigns: earning ----------------------------------------------------------------


def _bonus(key: str, centavos: int, categories: frozenset[str] | None = None) -> Campaign:
    return Campaign(
        key=key,
        name=key,
        starts=MAY_10,
        ends=MAY_10,
        bonus_centavos=centavos,
        categories=categories,
    )


HAIR_ONLY = frozenset({"cabelo"})


PHARMACY_FROM_R30 = PHARMACY.with_changes(min_purchase_centavos=3_000)


def test_a_purchase_under_the_minimum_earns_nothing_at_all() -> None:
    """Pharmacy earning from R$ 30,00: R$ 29,99 on a R$ 5,00 bonus day earns 0 on every count."""
    result = earn_with_campaigns(
        PHARMACY_FROM_R30, [EarnLine("medicamentos", 2_999)], [_bonus("dia", 500)], today=MAY_10
    )
    assert result == CampaignEarn(0, 0, 0, (), (0,))
    assert result.extra_units == 0


def test_a_purchase_of_exactly_the_minimum_earns_and_takes_the_bonus() -> None:
    """Pharmacy earning from R$ 30,00: R$ 30,00 at 5 % = R$ 1,50, + R$ 5,00 bonus = R$ 6,50."""
    result = earn_with_campaigns(
        PHARMACY_FROM_R30, [EarnLine("medicamentos", 3_000)], [_bonus("dia", 500)], today=MAY_10
    )
    assert (result.units, result.base_units, result.bonus_units) == (650, 150, 500)


def test_a_bonus_on_hair_needs_a_hair_line_that_was_paid_for() -> None:
    """A free (R$ 0,00) hair line does not bring the hair bonus; a paid one does.

    Nails R$ 30,00 at 10 % = R$ 3,00. With hair at R$ 0,01: R$ 0,001 floors to 0,
    so R$ 3,00 + R$ 5,00 bonus = R$ 8,00.
    """
    campaign = _bonus("cabelo5", 500, HAIR_ONLY)
    free = earn_with_campaigns(
        SALON, [EarnLine("unhas", 3_000), EarnLine("cabelo", 0)], [campaign], today=MAY_10
    )
    assert (free.units, free.applied) == (300, ())
    paid = earn_with_campaigns(
        SALON, [EarnLine("unhas", 3_000), EarnLine("cabelo", 1)], [campaign], today=MAY_10
    )
    assert (paid.units, paid.bonus_units, paid.applied) == (800, 500, ("cabelo5",))


def test_a_bonus_on_lines_earning_0_percent_is_spread_over_them_by_amount() -> None:
    """Salon products earn 0 %; a tip is excluded. R$ 6,00 bonus over R$ 20,00 + R$ 10,00
    of products: R$ 4,00 and R$ 2,00; the R$ 50,00 tip gets nothing."""
    program = SALON.with_changes(excluded_categories=frozenset({"gorjeta"}))
    lines = [
        EarnLine("gorjeta", 5_000),
        EarnLine("cosmeticos", 2_000, is_product=True),
        EarnLine("cosmeticos", 1_000, is_product=True),
    ]
    result = earn_with_campaigns(program, lines, [_bonus("bonus6", 600)], today=MAY_10)
    assert (result.units, result.base_units, result.per_line) == (600, 0, (0, 400, 200))


def test_a_bonus_on_a_r1_product_next_to_an_excluded_tip_all_goes_to_the_product() -> None:
    """R$ 5,00 bonus, a R$ 1,00 product (0 %) and a R$ 20,00 excluded tip: R$ 5,00 and 0."""
    program = SALON.with_changes(excluded_categories=frozenset({"gorjeta"}))
    lines = [EarnLine("cosmeticos", 100, is_product=True), EarnLine("gorjeta", 2_000)]
    result = earn_with_campaigns(program, lines, [_bonus("bonus5", 500)], today=MAY_10)
    assert result.per_line == (500, 0)


def test_a_one_centavo_bonus_is_still_given_and_put_on_the_line() -> None:
    """A R$ 0,01 bonus on a R$ 10,00 product earning 0 %: the purchase earns R$ 0,01."""
    lines = [EarnLine("cosmeticos", 1_000, is_product=True)]
    result = earn_with_campaigns(SALON, lines, [_bonus("centavo", 1)], today=MAY_10)
    assert (result.units, result.applied, result.per_line) == (1, ("centavo",), (1,))


def test_a_double_cashback_day_on_a_0_percent_product_is_not_listed_as_applied() -> None:
    """2x of 0 % is 0: the receipt must not credit the campaign with anything."""
    double = Campaign(key="dobro", name="Dobro", starts=MAY_10, ends=MAY_10, multiplier_bps=20_000)
    lines = [EarnLine("cosmeticos", 5_000, is_product=True)]
    result = earn_with_campaigns(SALON, lines, [double], today=MAY_10)
    assert (result.units, result.applied) == (0, ())


def test_the_largest_bonus_is_given_once_and_a_tie_goes_to_the_first_listed() -> None:
    """Hair R$ 100,00 at 10 % = R$ 10,00. Bonuses R$ 10,00 / R$ 5,00: R$ 10,00 is added.
    Two R$ 5,00 bonuses: R$ 5,00 once, credited to the first."""
    lines = [EarnLine("cabelo", 10_000)]
    big_first = earn_with_campaigns(
        SALON, lines, [_bonus("dez", 1_000), _bonus("cinco", 500)], today=MAY_10
    )
    assert (big_first.units, big_first.applied) == (2_000, ("dez",))
    tie = earn_with_campaigns(
        SALON, lines, [_bonus("primeiro", 500), _bonus("segundo", 500)], today=MAY_10
    )
    assert (tie.units, tie.applied) == (1_500, ("primeiro",))


def test_a_campaign_doubling_and_giving_a_bonus_is_listed_once() -> None:
    """Hair R$ 100,00 at 10 % x2 = R$ 20,00, + R$ 3,00 bonus of the same campaign = R$ 23,00."""
    both = Campaign(
        key="maes",
        name="Mães",
        starts=MAY_10,
        ends=MAY_10,
        multiplier_bps=20_000,
        bonus_centavos=300,
        categories=HAIR_ONLY,
    )
    result = earn_with_campaigns(SALON, [EarnLine("cabelo", 10_000)], [both], today=MAY_10)
    assert (result.units, result.bonus_units, result.applied) == (2_300, 300, ("maes",))


def test_a_bonus_worth_less_than_a_point_gives_no_point_and_is_not_listed() -> None:
    """Points brand: 100 points = R$ 5,00, so R$ 0,04 is 0,8 point, rounded down to 0.
    R$ 10,00 at 1 point per real = 10 points, nothing more."""
    result = earn_with_campaigns(
        POINTS_BRAND, [EarnLine("roupas", 1_000)], [_bonus("quase", 4)], today=MAY_10
    )
    assert (result.units, result.bonus_units, result.applied) == (10, 0, ())


# -- campaigns: the suggested ones -------------------------------------------------------


def test_the_suggested_mothers_day_campaign_doubles_cashback_in_its_window() -> None:
    """Mother's Day 2026 is Sunday 10/05; we suggest the two weeks up to it, 27/04 to 10/05."""
    suggested = campaign_for_date(commercial_date("dia_das_maes", 2026))
    assert suggested == Campaign(
        key="dia_das_maes_2026",
        name="Dia das Mães",
        starts=D(2026, 4, 27),
        ends=D(2026, 5, 10),
        multiplier_bps=20_000,
        bonus_centavos=0,
        categories=None,
    )


def test_a_date_campaign_keeps_the_managers_bonus_categories_and_language() -> None:
    chosen = campaign_for_date(
        commercial_date("dia_das_maes", 2026),
        multiplier_bps=30_000,
        bonus_centavos=500,
        categories=HAIR_ONLY,
        locale="en",
    )
    assert (chosen.name, chosen.multiplier_bps, chosen.bonus_centavos, chosen.categories) == (
        "Mother's Day",
        30_000,
        500,
        HAIR_ONLY,
    )
    assert (chosen.starts, chosen.ends) == (D(2026, 4, 27), D(2026, 5, 10))


def test_the_birthday_month_campaign_runs_all_year_named_in_pt_br_by_default() -> None:
    suggested = birthday_month_campaign(2026)
    assert suggested == Campaign(
        key="aniversario_2026",
        name="Mês do aniversário",
        starts=D(2026, 1, 1),
        ends=D(2026, 12, 31),
        multiplier_bps=20_000,
        bonus_centavos=0,
        categories=None,
        birthday_month=True,
    )


def test_a_birthday_month_campaign_in_english_with_a_bonus_on_hair() -> None:
    """A customer born in January buying hair on 1 January: R$ 100,00 at 10 % x2 + R$ 5,00."""
    chosen = birthday_month_campaign(2026, bonus_centavos=500, categories=HAIR_ONLY, locale="en_US")
    assert chosen.name == "Birthday month"
    assert chosen.categories == HAIR_ONLY
    result = earn_with_campaigns(
        SALON, [EarnLine("cabelo", 10_000)], [chosen], today=D(2026, 1, 1), birthday=D(1990, 1, 20)
    )
    assert result.units == 2_500


# -- codes -----------------------------------------------------------------------------


def test_a_voucher_code_with_a_known_check_symbol_is_accepted_and_a_typo_refused() -> None:
    """Body 0000 0000 0011: weights are α^1..α^12 in GF(32), x^5 + x^2 + 1.

    α^5 = 5, α^6 = 10, α^7 = 20, α^8 = 40 ^ 37 = 13, α^9 = 26, α^10 = 52 ^ 37 = 17,
    α^11 = 34 ^ 37 = 7, α^12 = 14; check = 7 ^ 14 = 9, the symbol '9'.
    The cashier typing 8 instead sees the code as typed in the refusal.
    """
    assert normalize_voucher_code("0000 0000 0011 9") == "0000-0000-0011-9"
    with pytest.raises(UnknownVoucher) as refused:
        normalize_voucher_code("0000-0000-0011-8")
    assert refused.value.message("pt_BR") == "Vale não encontrado: 0000-0000-0011-8."


def test_a_referral_code_keeps_a_z_in_the_first_name() -> None:
    """'Zélia Souza': Z, E (the accent dropped), L, I, then 4 random symbols."""
    code = new_referral_code("Zélia Souza")
    assert code[:4] == "ZELI" and len(code) == 8


def test_a_referral_code_without_a_name_is_four_random_symbols() -> None:
    assert len(new_referral_code()) == 4


KEY = b"k" * 32


def test_a_short_signing_key_is_refused_saying_how_long_it_must_be() -> None:
    with pytest.raises(ValueError, match="at least 16 bytes"):
        sign_customer_card("42", "loja1", b"short")


def test_a_store_id_with_a_bar_cannot_be_put_in_a_qr() -> None:
    with pytest.raises(ValueError, match=r"cannot put 'loja\|1' in a QR payload"):
        sign_customer_card("42", "loja|1", KEY)


def test_a_voucher_qr_refuses_a_value_that_is_not_positive_centavos() -> None:
    code = new_voucher_code()
    day = datetime.date(2026, 6, 30)
    with pytest.raises(TypeError, match=r"^value_centavos must be an int$"):
        sign_voucher_qr(code, 5.0, day, "loja1", KEY)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"^a voucher is worth more than zero$"):
        sign_voucher_qr(code, 0, day, "loja1", KEY)


# -- CNPJ ------------------------------------------------------------------------------


def test_a_cnpj_whose_first_check_digit_is_0_is_valid() -> None:
    """33.000.167/0001-01. First digit: 3·5 + 3·4 + 1·8 + 6·7 + 7·6 + 1·2 = 121,
    121 mod 11 = 0, below 2, so 0. Second: 18 + 15 + 9 + 48 + 49 + 3 + 0·2 = 142,
    142 mod 11 = 10, 11 - 10 = 1."""
    assert is_valid_cnpj("33.000.167/0001-01")
    assert cnpj_check_digits("330001670001") == "01"
    assert format_cnpj("33000167000101") == "33.000.167/0001-01"


@pytest.mark.parametrize(
    "typed",
    [
        "33.000.167/0001-0#",  # a symbol that is no digit, letter or separator
        "33.000.167/0001-0",  # 13 characters
        "11.111.111/1111-11",  # passes the checksum, but is not a CNPJ
        "33.000.167/0001-02",  # wrong second check digit
    ],
)
def test_a_wrong_cnpj_is_refused_showing_what_was_typed(typed: str) -> None:
    with pytest.raises(InvalidCNPJ) as refused:
        normalize_cnpj(typed)
    assert refused.value.message("pt_BR") == f"CNPJ inválido: {typed}. Confira os dígitos."
    assert not is_valid_cnpj(typed)


def test_check_digits_are_refused_for_a_base_with_a_symbol() -> None:
    with pytest.raises(ValueError, match=r"got '33000167000\*'"):
        cnpj_check_digits("33000167000*")
