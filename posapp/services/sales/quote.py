"""What a cart will cost and earn, live at the counter, before anything is written."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from db.models import Customer
from posapp.core.errors import UnknownCustomer
from posapp.core.pricing import price_cart
from posapp.core.program import ProgramMode
from posapp.services.common.station import Station
from posapp.services.loyalty.earning import earn_rules, sale_earn
from posapp.services.loyalty.ledger import replay_customer
from posapp.services.loyalty.tiers import CustomerTier, describe
from posapp.services.sales.checkout import LineRequest, cart_lines


@dataclass(frozen=True, slots=True)
class Quote:
    gross: int
    discount: int
    total: int
    line_nets: tuple[int, ...]
    earn_units: int
    """What this sale will earn if paid in money (less what loyalty pays)."""
    earn_value: int
    redeem_cap: int
    """The most cashback may pay of this sale."""
    spendable_units: int
    spendable_value: int
    points: bool
    tier: CustomerTier | None = None
    """The customer's tier before this sale and what is left to the next (None: tiers off)."""
    campaigns: tuple[str, ...] = field(default=())
    """The campaigns that raise this sale's earning."""
    cashback_cap: int = 0
    """The most the program lets cashback pay of this sale, whatever the balance (checkout's
    first cashback rule; `redeem_cap` is the lower of this and the balance)."""
    loyalty_paid: int = 0
    """What cashback and vouchers pay of this sale in this quote (they earn nothing)."""


def quote(
    station: Station,
    lines: Sequence[LineRequest],
    *,
    customer_id: int | None = None,
    sale_discount: int = 0,
    loyalty_paid: int = 0,
) -> Quote:
    with station.read() as session:
        program = station.program(session)
        cart = cart_lines(session.connection(), lines)
        priced = price_cart(cart, sale_discount)
        spendable = earn = 0
        tier: CustomerTier | None = None
        campaigns: tuple[str, ...] = ()
        if customer_id is not None:
            customer = session.get(Customer, customer_id)
            if customer is None:
                raise UnknownCustomer(value=customer_id)
            now = station.now()
            spendable = max(replay_customer(session, customer_id).balance(now).spendable, 0)
            rules = earn_rules(station, session)
            earning = sale_earn(
                session,
                rules,
                program,
                customer.id,
                customer.birthday,
                priced.earn_lines(min(loyalty_paid, priced.total)),
                now,
            )
            earn, campaigns = earning.units, earning.campaigns
            if rules.ladder is not None and earning.spend_12m is not None:
                tier = describe(rules.ladder, earning.spend_12m)
        return Quote(
            gross=priced.gross,
            discount=priced.discount_total,
            total=priced.total,
            line_nets=tuple(p.net for p in priced.lines),
            earn_units=earn,
            earn_value=program.value_of_units(earn) if program.mode is ProgramMode.POINTS else earn,
            redeem_cap=min(program.redeem_cap(priced.total), program.value_of_units(spendable)),
            spendable_units=spendable,
            spendable_value=program.value_of_units(spendable),
            points=program.mode is ProgramMode.POINTS,
            tier=tier,
            campaigns=campaigns,
            cashback_cap=program.redeem_cap(priced.total),
            loyalty_paid=min(loyalty_paid, priced.total),
        )
