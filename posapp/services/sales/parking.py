"""Parked sales: a cart put aside and recalled later, exactly as it was.

The payload (`parked_sale.payload`, JSON) holds the lines and the whole-sale
discount as the cashier typed it: an amount in centavos (`sale_discount`) or a
percentage in basis points (`sale_discount_bps`), so a percentage still follows
the cart when lines are added after the recall. Payloads written before the
discount was kept have neither key and come back with no discount.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from db.models import Customer, ParkedSale
from posapp.services.common import audit
from posapp.services.common.station import Station
from posapp.services.sales.checkout import LineRequest

WHOLE_BPS = 10_000
"""100 % in basis points."""


@dataclass(frozen=True, slots=True)
class ParkedCart:
    id: int
    label: str
    customer_id: int | None
    customer_name: str | None
    staff_id: int
    created_at: datetime
    lines: tuple[LineRequest, ...]
    sale_discount: int = 0
    """The whole-sale discount as an amount in centavos (0: none, or a percentage)."""
    sale_discount_bps: int = 0
    """The whole-sale discount as a percentage in basis points (0: none, or an amount)."""
    left_open: bool = False
    """Parked by the counter itself, because the window closed or the cashier signed out
    with the cart in progress (the next sign-in says so)."""


def park(
    station: Station,
    *,
    label: str,
    staff_id: int,
    lines: list[LineRequest],
    customer_id: int | None = None,
    sale_discount: int = 0,
    sale_discount_bps: int = 0,
    left_open: bool = False,
) -> int:
    """Put a cart aside. The whole-sale discount is an amount or a percentage, never both.
    `left_open`: the counter parks it because the window closed or the cashier left."""
    _check_discount(sale_discount, sale_discount_bps)
    now = station.now()
    payload: dict[str, Any] = {"lines": [asdict(line) for line in lines]}
    if sale_discount:
        payload["sale_discount"] = sale_discount
    if sale_discount_bps:
        payload["sale_discount_bps"] = sale_discount_bps
    if left_open:
        payload["left_open"] = True
    with station.write() as session:
        parked = ParkedSale(
            label=label.strip() or now.strftime("%H:%M"),
            customer_id=customer_id,
            staff_id=staff_id,
            created_at=now,
            payload=json.dumps(payload),
        )
        session.add(parked)
        session.flush()
        audit.record(
            session,
            at=now,
            terminal_uuid=station.terminal(session).uuid,
            action="sale.park",
            staff_id=staff_id,
            target=f"parked:{parked.id}",
            lines=len(lines),
            **({"left_open": True} if left_open else {}),
        )
        return parked.id


def parked(station: Station) -> list[ParkedCart]:
    with station.read() as session:
        rows = session.execute(
            select(ParkedSale, Customer.name)
            .outerjoin(Customer, Customer.id == ParkedSale.customer_id)
            .order_by(ParkedSale.created_at)
        ).all()
        return [_cart(row, name) for row, name in rows]


def left_open(station: Station) -> list[ParkedCart]:
    """The carts the counter parked by itself (window closed, sign-out), oldest first."""
    return [cart for cart in parked(station) if cart.left_open]


def recall(station: Station, parked_id: int, staff_id: int) -> ParkedCart:
    """Take a parked cart back to the counter; it leaves the parked list."""
    now = station.now()
    with station.write() as session:
        row = session.get(ParkedSale, parked_id)
        if row is None:
            raise LookupError(f"parked sale {parked_id} not found")
        name = session.get(Customer, row.customer_id).name if row.customer_id else None  # type: ignore[union-attr]
        cart = _cart(row, name)
        session.delete(row)
        audit.record(
            session,
            at=now,
            terminal_uuid=station.terminal(session).uuid,
            action="sale.recall",
            staff_id=staff_id,
            target=f"parked:{parked_id}",
        )
        return cart


def _check_discount(amount: int, percent_bps: int) -> None:
    if amount < 0 or not 0 <= percent_bps <= WHOLE_BPS:
        raise ValueError(f"not a discount: amount={amount}, percent_bps={percent_bps}")
    if amount and percent_bps:
        raise ValueError("a whole-sale discount is an amount or a percentage, not both")


def _cart(row: ParkedSale, customer_name: str | None) -> ParkedCart:
    payload = json.loads(row.payload)
    return ParkedCart(
        id=row.id,
        label=row.label,
        customer_id=row.customer_id,
        customer_name=customer_name,
        staff_id=row.staff_id,
        created_at=row.created_at,
        lines=tuple(LineRequest(**line) for line in payload["lines"]),
        sale_discount=int(payload.get("sale_discount", 0)),
        sale_discount_bps=int(payload.get("sale_discount_bps", 0)),
        left_open=bool(payload.get("left_open", False)),
    )
