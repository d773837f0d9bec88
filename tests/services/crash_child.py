"""The child of the crash test: rings up sales on a shop database until it is killed.

Run as `python -m tests.services.crash_child DB SEED`. It prints, flushing each line:

    ready                    once the station is open
    begin                    just before calling checkout()
    done NUMBER UUID         only after checkout() has returned (the sale is committed)

and never stops on its own: any refusal from checkout is a bug of this script or of
the services, so it is left to crash the child (the parent then sees an early exit).
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from sqlalchemy import select

from db.models import Customer, Item, Staff
from posapp.core.pricing import Tender
from posapp.core.program import LoyaltyProgram
from posapp.services.common.station import Station, open_station
from posapp.services.customers.registry import account
from posapp.services.sales.checkout import CheckoutRequest, LineRequest, TenderRequest, checkout

MONEY = (Tender.CASH, Tender.PIX, Tender.DEBIT, Tender.CREDIT)


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def next_request(
    station: Station,
    rng: random.Random,
    items: list[tuple[int, int]],
    staff_ids: list[int],
    customer_ids: list[int],
) -> CheckoutRequest:
    """A random sale of 1-5 lines, paid as far as possible with a voucher and cashback."""
    lines = []
    gross = 0
    for item_id, price in rng.sample(items, rng.randint(1, min(5, len(items)))):
        quantity = rng.randint(1, 3)
        discount = rng.choice((0, 0, 0, price * quantity // 20))
        lines.append(LineRequest(item_id, quantity, discount))
        gross += price * quantity - discount
    sale_discount = rng.choice((0, 0, 0, gross // 50))
    total = gross - sale_discount

    customer_id = rng.choice(customer_ids) if rng.random() < 0.9 else None
    payments: list[TenderRequest] = []
    due = total
    if customer_id is not None:
        program = station_program(station)
        holder = account(station, customer_id)
        usable = [v for v in holder.open_vouchers if v.min_purchase <= total and v.value > 0]
        if usable and rng.random() < 0.8:
            voucher = usable[0]
            payments.append(TenderRequest(Tender.VOUCHER, voucher=voucher.code))
            due -= min(voucher.value, due)
        cashback = min(holder.spendable_value, program.redeem_cap(total), due)
        if cashback > 0 and rng.random() < 0.8:
            payments.append(TenderRequest(Tender.CASHBACK, cashback))
            due -= cashback
    if due > 0:
        tender = rng.choice(MONEY)
        # cash is often more than due, so change is given
        paid = -(-due // 5_000) * 5_000 if tender is Tender.CASH and rng.random() < 0.5 else due
        payments.append(TenderRequest(tender, paid))
    return CheckoutRequest(
        staff_id=rng.choice(staff_ids),
        lines=lines,
        payments=payments,
        customer_id=customer_id,
        sale_discount=sale_discount,
    )


def station_program(station: Station) -> LoyaltyProgram:
    with station.read() as session:
        return station.program(session)


def main(argv: list[str]) -> None:
    path, seed = Path(argv[0]), int(argv[1])
    rng = random.Random(seed)
    station = open_station(path)
    with station.read() as session:
        items = [(row.id, row.price) for row in session.execute(select(Item.id, Item.price))]
        staff_ids = list(session.scalars(select(Staff.id).where(Staff.role == "cashier")))
        customer_ids = list(session.scalars(select(Customer.id)))
    _say("ready")
    while True:
        request = next_request(station, rng, items, staff_ids, customer_ids)
        _say("begin")
        result = checkout(station, request)
        _say(f"done {result.number} {result.uuid}")


if __name__ == "__main__":
    main(sys.argv[1:])
