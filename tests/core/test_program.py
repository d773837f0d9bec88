"""The program's rules worked out by hand: rates, caps, points, vouchers, storage, checks."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest

from posapp.core.errors import InvalidProgram
from posapp.core.program import (
    EarnLine,
    LoyaltyProgram,
    ProgramMode,
    ReferralRule,
    VoucherRule,
    VoucherTrigger,
    validate_program,
)

BASE = LoyaltyProgram(key="t", name="Teste", segment="salon", earn_bps=1_000)
POINTS = LoyaltyProgram(
    key="p",
    name="Pontos",
    segment="fashion",
    mode=ProgramMode.POINTS,
    points_per_real=2,
    points_per_redeem_block=100,
    redeem_block_centavos=500,
)


def program(**changes: Any) -> LoyaltyProgram:
    return replace(BASE, **changes)


def test_earning_uses_category_then_product_then_the_general_rate() -> None:
    rules = program(category_bps={"perfume": 2_000}, product_bps=0, excluded_categories={"x"})
    lines = [
        EarnLine("perfume", 1_000, True),  # 20 %: 200
        EarnLine("corte", 3_000, False),  # a service at 10 %: 300
        EarnLine("esmalte", 999, True),  # a product at 0 %
        EarnLine("x", 5_000, False),  # excluded
        EarnLine("corte", -100, False),  # nothing paid in money
    ]
    assert [rules.line_rate(line) for line in lines] == [2_000, 1_000, 0, 0, 1_000]
    assert rules.earn_weights(lines) == [2_000_000, 3_000_000, 0, 0, 0]
    assert rules.earn(lines) == 500
    assert rules.rate_for("corte") == 1_000  # a service unless told it is a product
    assert rules.rate_for("corte", is_product=True) == 0
    assert rules.earn([EarnLine("corte", 19, False)]) == 1  # 1.9 floored once
    full = program(earn_bps=10_000)
    assert full.earn([EarnLine("a", 1, False)]) == 1
    assert full.earn_weights([EarnLine("a", 1, False), EarnLine("b", 0, False)]) == [10_000, 0]
    assert rules.earn([EarnLine("corte", 5, False), EarnLine("corte", 5, False)]) == 1


def test_a_minimum_purchase_counts_every_line_and_is_reached_at_its_value() -> None:
    rules = program(min_purchase_centavos=3_000, excluded_categories={"x"})
    assert rules.earn([EarnLine("a", 2_000, False), EarnLine("x", 1_000, False)]) == 200
    assert rules.earn([EarnLine("a", 2_999, False)]) == 0
    assert rules.earn([EarnLine("x", 5_000, False)]) == 0


def test_points_earn_per_real_and_convert_both_ways_in_the_customers_favour() -> None:
    assert POINTS.earn([EarnLine("a", 1_050, False), EarnLine("b", 99, False)]) == 22
    assert POINTS.earn_weights([EarnLine("a", 1_050, False), EarnLine("b", 0, False)]) == [
        1_050,
        0,
    ]
    assert POINTS.value_of_units(150) == 750
    assert POINTS.value_of_units(1) == 5
    assert POINTS.earn([EarnLine("a", 10_000, False)]) == 200
    odd = replace(POINTS, points_per_redeem_block=300)  # 300 points = R$ 5,00
    assert odd.value_of_units(1) == 1 and isinstance(odd.value_of_units(1), int)
    assert odd.units_for_value(1) == 1
    assert POINTS.units_for_value(750) == 150
    assert POINTS.units_for_value(751) == 151  # 150.2 points: 151 taken
    assert BASE.value_of_units(150) == BASE.units_for_value(150) == 150


def test_cashback_may_pay_only_its_share_of_a_purchase() -> None:
    assert program(max_redeem_bps=5_000).redeem_cap(4_999) == 2_499
    assert program(max_redeem_bps=10_000).redeem_cap(4_999) == 4_999
    assert program(max_redeem_bps=0).redeem_cap(4_999) == 0


def test_a_balance_voucher_is_due_from_its_threshold_in_whole_steps() -> None:
    stepped = program(
        voucher=VoucherRule(
            VoucherTrigger.BALANCE_THRESHOLD, threshold_centavos=500, step_centavos=500
        )
    )
    assert [stepped.balance_voucher_value(v) for v in (499, 500, 1_499, 1_500)] == [
        0, 500, 1_000, 1_500,
    ]  # fmt: skip
    whole = program(voucher=VoucherRule(VoucherTrigger.BALANCE_THRESHOLD, threshold_centavos=2_000))
    assert [whole.balance_voucher_value(v) for v in (1_999, 2_000, 2_345)] == [0, 2_000, 2_345]
    assert BASE.balance_voucher_value(10_000) == 0
    one = program(voucher=VoucherRule(VoucherTrigger.BALANCE_THRESHOLD, threshold_centavos=1))
    assert one.balance_voucher_value(1) == 1


def test_a_purchase_voucher_is_due_only_above_its_threshold() -> None:
    rules = program(
        voucher=VoucherRule(
            VoucherTrigger.PURCHASE_ABOVE, threshold_centavos=2_000, value_centavos=500
        )
    )
    assert [rules.purchase_voucher_due(v) for v in (2_000, 2_001)] == [False, True]
    assert not BASE.purchase_voucher_due(100_000)


def test_a_program_survives_storage_with_every_rule() -> None:
    rules = program(
        category_bps={"perfume": 2_000},
        excluded_categories=frozenset({"b", "a"}),
        product_bps=500,
        voucher=VoucherRule(VoucherTrigger.PURCHASE_ABOVE, threshold_centavos=1, percent_bps=1_000),
        referral=ReferralRule(1_000, 500, 3_000),
    )
    text = replace(rules, name="Cosméticos").to_json()
    assert '"excluded_categories": ["a", "b"]' in text and '"Cosméticos"' in text
    assert list(json.loads(text)) == sorted(json.loads(text))
    text = rules.to_json()
    assert LoyaltyProgram.from_json(text) == rules
    assert LoyaltyProgram.from_json(POINTS.to_json()) == POINTS
    assert rules.with_changes(earn_bps=300).earn_bps == 300
    older = json.loads(BASE.to_json())  # as an older release stored it: keys it lacked
    del older["excluded_categories"]
    older["voucher"] = {}
    assert LoyaltyProgram.from_json(json.dumps(older)) == BASE


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"earn_bps": 10_001}, "earn rates must be between 0 % and 100 %"),
        ({"earn_bps": -1}, "earn rates must be between 0 % and 100 %"),
        ({"category_bps": {"a": 10_001}}, "earn rates must be between 0 % and 100 %"),
        ({"product_bps": -1}, "earn rates must be between 0 % and 100 %"),
        ({"max_redeem_bps": 10_001}, "the share cashback may pay must be between 0 % and 100 %"),
        ({"max_redeem_bps": -1}, "the share cashback may pay must be between 0 % and 100 %"),
        (
            {"min_purchase_centavos": -1},
            "minimum purchase, pending days and expiry days cannot be negative",
        ),
        ({"pending_days": -1}, "minimum purchase, pending days and expiry days cannot be negative"),
        ({"expiry_days": -1}, "minimum purchase, pending days and expiry days cannot be negative"),
        ({"mode": ProgramMode.POINTS}, "points mode needs points per real and a redemption rate"),
        (
            {"voucher": VoucherRule(VoucherTrigger.BALANCE_THRESHOLD)},
            "a balance voucher needs a threshold above zero",
        ),
        (
            {"voucher": VoucherRule(VoucherTrigger.PURCHASE_ABOVE)},
            "a purchase voucher needs a value or a percent",
        ),
        (
            {"voucher": VoucherRule(VoucherTrigger.PURCHASE_ABOVE, percent_bps=10_001)},
            "a purchase voucher needs a value or a percent",
        ),
        (
            {
                "voucher": VoucherRule(
                    VoucherTrigger.PURCHASE_ABOVE, value_centavos=1, validity_days=0
                )
            },
            "vouchers need a validity of at least one day",
        ),
        ({"referral": ReferralRule(-1, 0)}, "referral bonuses cannot be negative"),
        ({"referral": ReferralRule(0, -1)}, "referral bonuses cannot be negative"),
    ],
)
def test_each_rule_that_makes_no_sense_is_named(changes: dict[str, Any], problem: str) -> None:
    with pytest.raises(InvalidProgram) as refused:
        program(**changes)
    assert refused.value.message("en") == f"Invalid program rule: {problem}."
    assert refused.value.message("pt_BR") == f"Regra do programa inválida: {problem}."


@pytest.mark.parametrize(
    "changes",
    [
        {"earn_bps": 0, "max_redeem_bps": 0},
        {"earn_bps": 10_000, "max_redeem_bps": 10_000, "category_bps": {"a": 10_000}},
        {"product_bps": 0, "min_purchase_centavos": 0, "pending_days": 0, "expiry_days": 0},
        {"voucher": VoucherRule(VoucherTrigger.BALANCE_THRESHOLD, threshold_centavos=1)},
        {"voucher": VoucherRule(VoucherTrigger.PURCHASE_ABOVE, percent_bps=10_000)},
        {"voucher": VoucherRule(VoucherTrigger.PURCHASE_ABOVE, percent_bps=1)},
        {"voucher": VoucherRule(VoucherTrigger.PURCHASE_ABOVE, value_centavos=1, validity_days=1)},
        {"voucher": VoucherRule(validity_days=0), "referral": ReferralRule(0, 0)},
    ],
)
def test_the_edges_of_each_rule_are_allowed(changes: dict[str, Any]) -> None:
    assert validate_program(program(**changes)) == []


def test_points_programs_take_no_balance_vouchers_and_need_their_rates() -> None:
    balance_rule = VoucherRule(VoucherTrigger.BALANCE_THRESHOLD, threshold_centavos=500)
    with pytest.raises(InvalidProgram) as refused:
        replace(POINTS, voucher=balance_rule)
    assert refused.value.message("en") == (
        "Invalid program rule: points programs redeem points at the counter, not balance vouchers."
    )
    for field_name in ("points_per_real", "points_per_redeem_block", "redeem_block_centavos"):
        with pytest.raises(InvalidProgram, match="points per real"):
            replace(POINTS, **{field_name: 0})
    assert validate_program(replace(POINTS, points_per_real=1)) == []
    assert (
        validate_program(replace(POINTS, points_per_redeem_block=1, redeem_block_centavos=1)) == []
    )
