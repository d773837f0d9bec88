"""Sane bounds on what a person may type: a price, a quantity, a cart, a payment.

No salon or pharmacy sells an item above R$ 1.000.000,00, more than 10.000 units of
one item in one sale, or a sale above R$ 10.000.000,00: a figure beyond these is a
slip of the finger (or a pasted barcode), refused with a message before it can earn
cashback or reach SQLite's 64-bit integers.
"""

from __future__ import annotations

MAX_PRICE_CENTAVOS = 100_000_000
"""R$ 1.000.000,00: the most one unit may cost."""
MAX_QUANTITY = 10_000
"""The most units of one item in one sale line."""
MAX_CART_CENTAVOS = 1_000_000_000
"""R$ 10.000.000,00: the most one sale (and one payment) may be."""
