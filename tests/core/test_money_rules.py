"""Money, allocation, program arithmetic and the ledger's lots, as properties."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from posapp.core.errors import InvalidProgram
from posapp.core.ledger import EntryKind, Movement, replay
from posapp.core.money import Money, allocate, format_money, parse_centavos
from posapp.core.presets import PRESETS, SALON
from posapp.core.program import EarnLine, LoyaltyProgram

amounts = st.integers(min_value=-(10**9), max_value=10**9)
weights = st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=12)


@given(amounts, weights)
def test_allocation_never_loses_or_invents_a_centavo(total: int, parts: list[int]) -> None:
    shares = allocate(total, parts)
    assert sum(shares) == total
    weight_sum = sum(parts) or len(parts)
    for share, weight in zip(shares, parts if sum(parts) else [1] * len(parts), strict=True):
        exact = total * weight / weight_sum
        assert abs(share - exact) < 1


def test_money_formats_per_locale_and_parses_what_people_type() -> None:
    assert format_money(123_456) == "R$ 1.234,56"
    assert format_money(123_456, "en") == "R$1,234.56"
    assert Money(5).format() == "R$ 0,05"
    assert parse_centavos("R$ 1.234,56") == 123_456
    assert parse_centavos("12,5") == 1_250
    assert parse_centavos("7") == 700
    for bad in ("1,234,5", "abc", "1.2.3", "12,345"):
        with pytest.raises(ValueError):
            parse_centavos(bad)
    with pytest.raises(TypeError):
        Money(1.5)  # type: ignore[arg-type]


@given(st.lists(st.integers(min_value=1, max_value=10**7), min_size=1, max_size=10))
def test_splitting_a_purchase_into_lines_never_costs_cashback(parts: list[int]) -> None:
    whole = SALON.earn([EarnLine(None, sum(parts))])
    split = SALON.earn([EarnLine(None, part) for part in parts])
    assert split == whole == sum(parts) * 1_000 // 10_000


def test_category_rates_exclusions_and_minimum_purchase() -> None:
    program = SALON.with_changes(
        category_bps={"medicamentos": 200},
        excluded_categories=frozenset({"tabaco"}),
        min_purchase_centavos=1_000,
    )
    lines = [EarnLine("medicamentos", 5_000), EarnLine("tabaco", 3_000), EarnLine(None, 2_000)]
    assert program.earn(lines) == (5_000 * 200 + 2_000 * 1_000) // 10_000
    assert program.earn([EarnLine(None, 999)]) == 0
    with pytest.raises(InvalidProgram):
        SALON.with_changes(earn_bps=20_000)


@pytest.mark.parametrize("key", sorted(PRESETS))
def test_presets_survive_a_round_trip_through_storage(key: str) -> None:
    program = PRESETS[key]
    assert LoyaltyProgram.from_json(program.to_json()) == program


T0 = datetime(2026, 1, 1, tzinfo=UTC)
moves = st.lists(
    st.tuples(
        st.sampled_from([EntryKind.EARN, EntryKind.REDEEM, EntryKind.ADJUST]),
        st.integers(min_value=1, max_value=5_000),
        st.integers(min_value=0, max_value=400),
    ),
    max_size=30,
)


@given(moves)
def test_a_replayed_balance_is_always_the_sum_of_its_movements(
    raw: list[tuple[EntryKind, int, int]],
) -> None:
    movements = []
    for i, (kind, amount, day) in enumerate(sorted(raw, key=lambda m: m[2])):
        at = T0 + timedelta(days=day)
        sign = -1 if kind is EntryKind.REDEEM else 1
        movements.append(
            Movement(
                f"m{i}",
                kind,
                sign * amount,
                at,
                available_from=at if sign > 0 else None,
                expires_at=at + timedelta(days=90) if sign > 0 else None,
            )
        )
    result = replay(movements)
    now = T0 + timedelta(days=401)
    balance = result.balance(now)
    assert balance.total == sum(m.amount for m in movements)
    assert all(lot.remaining >= 0 for lot in result.lots.values())
    assert sum(lot.remaining for lot in result.lots.values()) - result.deficit == balance.total
    assert balance.spendable <= max(balance.total, 0) or result.deficit > 0
