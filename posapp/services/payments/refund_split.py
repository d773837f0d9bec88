"""Where a refund's money back goes: the drawer's cash, then the sale's card and Pix.

The refund service pays `cash_back` from the drawer (up to the cash the sale took); the
rest goes back to the sale's card and Pix payments in proportion to what each paid,
worked out on the refunds so far less what earlier refunds sent, so successive refunds
of one sale add up exactly. The refund receipt prints this split, and the Pix share of a
dynamic charge is what the PSP returns to the payer (`payments.sale_pix_refund`).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Refund, Sale, SalePayment
from posapp.core.money import allocate
from posapp.core.pricing import Tender

ELECTRONIC = frozenset({Tender.DEBIT.value, Tender.CREDIT.value, Tender.PIX.value})


def electronic_shares(
    session: Session, sale: Sale, record: Refund
) -> list[tuple[SalePayment, int]]:
    """Each card or Pix payment of `sale` with its share of `record`'s money back that
    does not leave the drawer (none when the sale had no such payment: all cash)."""
    electronic = [p for p in sale.payments if p.tender in ELECTRONIC]
    rest = record.money_back - record.cash_back
    if rest <= 0 or not electronic:
        return []
    earlier = session.scalars(
        select(Refund).where(Refund.sale_id == sale.id, Refund.id < record.id)
    ).all()
    before = sum(r.money_back - r.cash_back for r in earlier)
    weights = [p.amount for p in electronic]
    after, then = allocate(before + rest, weights), allocate(before, weights)
    return [(p, now - was) for p, now, was in zip(electronic, after, then, strict=True)]
