"""Money worked out by hand: arithmetic in centavos, what people type, shares and splits."""

from __future__ import annotations

import random
import re
from decimal import Decimal

import pytest
from babel.numbers import format_currency

from posapp.core.money import Money, allocate, format_money, parse_centavos, percent_of


def test_money_adds_subtracts_negates_and_multiplies_in_centavos() -> None:
    a, b = Money(1_250), Money(399)
    assert (a + b, a - b, -a, a * 3, 3 * a) == (
        Money(1_649), Money(851), Money(-1_250), Money(3_750), Money(3_750),
    )  # fmt: skip
    assert Money.zero() == Money(0) and not Money.zero() and Money(1) and Money(-1)
    assert Money.parse("R$ 12,50") == Money(1_250)
    assert b < a and not a < a and a <= a and a > b
    assert str(Money(123_456)) == "R$ 1.234,56"
    assert Money(123_456).format("en") == "R$1,234.56"


def test_money_refuses_anything_but_whole_centavos() -> None:
    with pytest.raises(TypeError, match="Money takes integer centavos, not float"):
        Money(1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="not bool"):
        Money(True)
    with pytest.raises(TypeError, match=r"^Money is multiplied by whole numbers only$"):
        Money(100) * 1.5  # type: ignore[operator]


@pytest.mark.parametrize(
    ("typed", "centavos"),
    [
        ("12,50", 1_250),
        ("R$\xa01.234,56", 123_456),
        (" 12.5 ", 1_250),
        ("7", 700),
        (",5", 50),
        ("-R$ 3,10", -310),
        ("-3,10", -310),
        ("+3,10", 310),
        ("0,01", 1),
    ],
)
def test_amounts_as_people_type_them(typed: str, centavos: int) -> None:
    assert parse_centavos(typed) == centavos


@pytest.mark.parametrize(
    "typed",
    [
        *("", "R$", "1.2.3", "1,234", "12,5x", "a", "1,2,3", "3-", "X5", "5X"),
        *("+-5", "--5", "-+5", "++5", "- -5"),  # one sign at most (were 500 and -500)
        *("\u0661\u0662", "5,\u0665"),  # Arabic-Indic digits (were 1200 and 550)
    ],
)
def test_what_is_not_an_amount_is_refused_and_quoted(typed: str) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(f'not an amount: {typed!r}')}$"):
        parse_centavos(typed)


def test_a_share_in_basis_points_is_rounded_down() -> None:
    assert percent_of(4_999, 5_000) == 2_499
    assert percent_of(10_000, 1) == 1
    assert percent_of(9_999, 1) == 0
    assert percent_of(-4_999, 5_000) == -2_500  # floored, not towards zero
    assert isinstance(percent_of(3, 3_333), int)


def test_a_split_by_largest_remainder() -> None:
    assert allocate(100, [1, 1, 1]) == [34, 33, 33]
    assert allocate(-100, [1, 1, 1]) == [-34, -33, -33]
    assert allocate(0, [5, 0]) == [0, 0]
    assert allocate(7, [0, 0]) == [4, 3]
    assert allocate(10, [0, 3]) == [0, 10]
    assert allocate(10, [0, 1]) == [0, 10]
    assert allocate(2, [1, 3]) == [1, 1]  # remainders 2 and 2: the tie goes to the first
    assert allocate(0, []) == []
    with pytest.raises(ValueError, match=r"^cannot allocate an amount over no weights$"):
        allocate(1, [])
    with pytest.raises(ValueError, match=r"^weights must not be negative$"):
        allocate(1, [2, -1])


def _babel(centavos: int, locale: str) -> str:
    text = format_currency(Decimal(centavos).scaleb(-2), "BRL", locale=locale)
    return text.replace("\xa0", " ")


@pytest.mark.parametrize("locale", ["pt_BR", "en", "pt_PT", "hi_IN", "de_CH"])
def test_every_amount_reads_as_babel_writes_it(locale: str) -> None:
    """The counter joins Babel's own pieces for pt_BR and en (fast enough for a scan's
    new price); for a locale whose pieces do not rebuild Babel's text (Indian grouping,
    Swiss signs) it asks Babel. Either way the text is Babel's, to the character."""
    rng = random.Random(locale)
    amounts = [rng.randrange(-(10**12), 10**12) for _ in range(2_000)]
    amounts += [rng.randrange(-(10**5), 10**5) for _ in range(2_000)]
    amounts += [0, 1, -1, 9, 10, 99, 100, 101, 999, 1_000, 99_999, 100_000, 10**15, -(10**15)]
    assert [format_money(a, locale) for a in amounts] == [_babel(a, locale) for a in amounts]
