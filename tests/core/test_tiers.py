import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posapp.core.campaigns import earn_with_campaigns
from posapp.core.presets import FASHION, PHARMACY, POINTS_BRAND, SALON
from posapp.core.program import EarnLine
from posapp.core.tiers import (
    InvalidTiers,
    Tier,
    TierLadder,
    apply_tier,
    preset_ladder,
    progress_text,
    spend_window,
)

D = datetime.date
LADDER = preset_ladder(SALON)  # bronze 0 (10 %), prata R$ 1.000 (12 %), ouro R$ 3.000 (15 %)


def test_tier_for_each_boundary() -> None:
    assert LADDER.tier_for(0).key == "bronze"
    assert LADDER.tier_for(99_999).key == "bronze"
    assert LADDER.tier_for(100_000).key == "prata"
    assert LADDER.tier_for(299_999).key == "prata"
    assert LADDER.tier_for(300_000).key == "ouro"
    assert LADDER.tier_for(10**9).key == "ouro"
    assert LADDER.tier_for(-5_000).key == "bronze"  # refunds can make a window net negative


def test_next_tier_gap() -> None:
    upper, left = LADDER.next_tier_gap(87_550)
    assert upper is not None and upper.key == "prata" and left == 12_450
    upper, left = LADDER.next_tier_gap(100_000)
    assert upper is not None and upper.key == "ouro" and left == 200_000
    assert LADDER.next_tier_gap(300_000) == (None, 0)
    assert LADDER.next_tier_gap(-100)[1] == 100_000


def test_progress_text_for_counter_and_receipt() -> None:
    assert progress_text(LADDER, 87_550, "pt_BR") == "Nível Bronze: faltam R$ 124,50 para Prata"
    assert progress_text(LADDER, 87_550, "en") == "Bronze tier: R$124.50 to Silver"
    assert progress_text(LADDER, 400_000, "pt_BR") == "Nível Ouro: o mais alto"


def test_a_tier_change_changes_the_rate_from_the_next_sale_on() -> None:
    ladder = preset_ladder(SALON)
    lines = [EarnLine("cabelo", 10_000)]
    spend = 95_000
    first = apply_tier(SALON, ladder.tier_for(spend))
    assert first.earn(lines) == 1_000  # bronze 10 %: this sale crosses into prata...
    spend += 10_000
    second = apply_tier(SALON, ladder.tier_for(spend))
    assert second.earn(lines) == 1_200  # ...and the next one earns 12 %
    # campaigns work on top of the tier's program
    assert earn_with_campaigns(second, lines, [], today=D(2026, 1, 1)).units == 1_200


def test_refunds_undo_tier_progress() -> None:
    spend = 310_000
    assert LADDER.tier_for(spend).key == "ouro"
    spend -= 20_000  # a refunded R$ 200,00 purchase comes off the 12-month spend
    assert LADDER.tier_for(spend).key == "prata"
    assert apply_tier(SALON, LADDER.tier_for(spend)).earn_bps == 1_200


def test_presets_start_at_the_program_rate_and_points_keep_their_rate() -> None:
    for program in (SALON, PHARMACY):
        ladder = preset_ladder(program)
        assert ladder.tiers[0].rate_bps == program.earn_bps
        assert [t.rate_bps for t in ladder.tiers] == sorted(t.rate_bps for t in ladder.tiers)
    assert preset_ladder(PHARMACY.with_changes(earn_bps=800)).tiers[2].rate_bps == 1_100
    assert apply_tier(POINTS_BRAND, preset_ladder(FASHION).tiers[2]) is POINTS_BRAND
    custom = SALON.with_changes(
        category_bps={"produtos": 300}, excluded_categories=frozenset({"x"})
    )
    gold = apply_tier(custom, LADDER.by_key("ouro"))
    assert gold.rate_for(None) == 1_500 and gold.rate_for("produtos") == 300
    assert gold.rate_for("x") == 0


def test_spend_window_is_one_year_to_the_day() -> None:
    assert spend_window(D(2026, 5, 10)) == (D(2025, 5, 11), D(2026, 5, 10))
    assert spend_window(D(2028, 2, 29)) == (D(2027, 3, 1), D(2028, 2, 29))


def test_invalid_ladders_are_refused() -> None:
    with pytest.raises(InvalidTiers) as refused:
        TierLadder((Tier("a", "A", 100, 1_000), Tier("a", "B", 50, 20_000)))
    text = refused.value.message("en")
    assert "start at R$ 0.00" in text and "more spend" in text and "unique" in text
    assert "0 % and 100 %" in text
    with pytest.raises(InvalidTiers):
        TierLadder(())


@given(st.integers(-(10**6), 10**8))
def test_gap_reaches_exactly_the_next_tier(spend: int) -> None:
    upper, left = LADDER.next_tier_gap(spend)
    if upper is None:
        assert LADDER.tier_for(spend) is LADDER.tiers[-1] and left == 0
    else:
        assert left > 0
        assert LADDER.tier_for(max(spend, 0) + left) is upper
        assert LADDER.tier_for(max(spend, 0) + left - 1) is LADDER.tier_for(spend)
