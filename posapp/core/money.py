"""Money as an integer number of centavos, exact allocation and locale formatting.

No float ever holds money: every operation here works on ints, and the only
rounding is an explicit floor or a largest-remainder allocation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache, total_ordering

from babel.numbers import format_currency

DEFAULT_LOCALE = "pt_BR"
CURRENCY = "BRL"


@total_ordering
@dataclass(frozen=True, slots=True)
class Money:
    """An amount of Brazilian reais held as whole centavos."""

    centavos: int

    def __post_init__(self) -> None:
        if not isinstance(self.centavos, int) or isinstance(self.centavos, bool):
            raise TypeError(f"Money takes integer centavos, not {type(self.centavos).__name__}")

    @classmethod
    def zero(cls) -> Money:
        return cls(0)

    @classmethod
    def parse(cls, text: str) -> Money:
        """Read an amount typed by a person: '12,50', 'R$ 1.234,56', '12.5', '7'."""
        return cls(parse_centavos(text))

    def __add__(self, other: Money) -> Money:
        return Money(self.centavos + other.centavos)

    def __sub__(self, other: Money) -> Money:
        return Money(self.centavos - other.centavos)

    def __neg__(self) -> Money:
        return Money(-self.centavos)

    def __mul__(self, factor: int) -> Money:
        if not isinstance(factor, int):
            raise TypeError("Money is multiplied by whole numbers only")
        return Money(self.centavos * factor)

    __rmul__ = __mul__

    def __lt__(self, other: Money) -> bool:
        return self.centavos < other.centavos

    def __bool__(self) -> bool:
        return self.centavos != 0

    def format(self, locale: str = DEFAULT_LOCALE) -> str:
        return format_money(self.centavos, locale)

    def __str__(self) -> str:
        return self.format()


def format_money(centavos: int, locale: str = DEFAULT_LOCALE) -> str:
    """pt_BR 'R$ 1.234,56'; en 'R$1,234.56'."""
    shape = _shape(locale)
    return _formatted(centavos, locale) if shape is None else _joined(shape, centavos)


@lru_cache(maxsize=4096)
def _formatted(centavos: int, locale: str) -> str:
    """Babel's text (a non-breaking space made plain), remembered: Babel takes ~0.1 ms
    per amount, and a table asks for the same few amounts on every repaint."""
    text = format_currency(Decimal(centavos).scaleb(-2), CURRENCY, locale=locale)
    return text.replace("\xa0", " ")


@dataclass(frozen=True, slots=True)
class _Shape:
    positive: tuple[str, str]
    """What comes before and after the digits of an amount."""
    negative: tuple[str, str]
    group: str
    decimal: str


_SAMPLE = 123_456_789
"""R$ 1.234.567,89: every separator Babel writes for reais shows in it."""
_PROBES = (0, 1, 99, 100, 999, 123_456, 100_000_000, 999_999_999_999, -1, -123_456)


@lru_cache(maxsize=16)
def _shape(locale: str) -> _Shape | None:
    """How Babel writes reais in `locale`, read once off its own text, so an amount is
    formatted by joining strings (a scan's new price, a report's thousand figures) and not
    by Babel's pattern engine each time. None (Babel every time) for a locale whose text
    the shape does not give back exactly: other grouping, a minimum of grouping digits."""
    sample = _formatted(_SAMPLE, locale)
    digits = [i for i, char in enumerate(sample) if char.isdigit()]
    body = sample[digits[0] : digits[-1] + 1]
    negative = _formatted(-_SAMPLE, locale)
    before, found, after = negative.partition(body)
    if not found or len(body) != 12:
        return None
    shape = _Shape(
        positive=(sample[: digits[0]], sample[digits[-1] + 1 :]),
        negative=(before, after),
        group=body[1],
        decimal=body[-3],
    )
    fits = all(_joined(shape, amount) == _formatted(amount, locale) for amount in _PROBES)
    return shape if fits else None


def _joined(shape: _Shape, centavos: int) -> str:
    whole, cents = divmod(abs(centavos), 100)
    body = f"{whole:,}".replace(",", shape.group) + shape.decimal + f"{cents:02d}"
    before, after = shape.negative if centavos < 0 else shape.positive
    return before + body + after


def parse_centavos(text: str) -> int:
    """Centavos from a typed amount; ',' is the decimal mark when present.

    Raises ValueError for anything that is not a plain amount with at most two
    decimals, so '1,234' never silently becomes R$ 1.234,00.
    """
    cleaned = text.strip().replace("R$", "").replace(" ", "").replace("\xa0", "")
    negative = cleaned.startswith("-")
    if cleaned[:1] in ("+", "-"):  # one sign at most: "+-5" and "--5" are not amounts
        cleaned = cleaned[1:]
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    if not cleaned or cleaned.count(".") > 1 or not cleaned.isascii():
        raise ValueError(f"not an amount: {text!r}")
    whole, _, frac = cleaned.partition(".")
    if not whole:
        whole = "0"
    if not whole.isdigit() or (frac and not frac.isdigit()) or len(frac) > 2:
        raise ValueError(f"not an amount: {text!r}")
    value = int(whole) * 100 + int((frac + "00")[:2])
    return -value if negative else value


def percent_of(amount: int, basis_points: int) -> int:
    """The share of `amount` at `basis_points` (1 % = 100 bp), rounded down."""
    return (amount * basis_points) // 10_000


def allocate(total: int, weights: Sequence[int]) -> list[int]:
    """Split `total` over `weights` in proportion, losing or inventing no centavo.

    Largest-remainder method: each share is floored, and the centavos left over
    go to the largest remainders (ties to the earliest weight). Shares always
    add up to `total` exactly. All-zero weights split evenly.
    """
    if not weights:
        if total:
            raise ValueError("cannot allocate an amount over no weights")
        return []
    if any(w < 0 for w in weights):
        raise ValueError("weights must not be negative")
    sign = -1 if total < 0 else 1
    magnitude = abs(total)
    effective = list(weights) if sum(weights) > 0 else [1] * len(weights)
    weight_sum = sum(effective)
    shares = [magnitude * w // weight_sum for w in effective]
    remainders = [magnitude * w % weight_sum for w in effective]
    leftover = magnitude - sum(shares)
    order = sorted(range(len(effective)), key=lambda i: (-remainders[i], i))
    for i in order[:leftover]:
        shares[i] += 1
    return [sign * s for s in shares]
