"""Taking back the referral bonuses a purchase triggered when it no longer qualifies.

A referred customer's first qualifying purchase pays both sides a bonus. When that
purchase is voided, or refunded to below the referral's minimum, both bonuses are
reversed (each a `reverse` entry aimed at its bonus lot) and both customers are told.
A bonus the sale put in a balance voucher still unused is taken from it (the voucher
is cancelled and its cashback comes back first). What a customer has already spent
cannot be taken from the balance when the program forbids a negative one: the reversal
takes what is there.
"""

from __future__ import annotations

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from db.models import Customer, LedgerEntry, Sale
from posapp.core.ledger import EntryKind
from posapp.core.messages import MessageFacts, MessageKind
from posapp.core.program import LoyaltyProgram, ProgramMode
from posapp.services.common.station import Station
from posapp.services.loyalty.ledger import Book, Refs
from posapp.services.loyalty.voucher_return import Undoing, cover_from_issued
from posapp.services.messages.queue import enqueue


def reverse_referral(
    station: Station,
    session: Session,
    book: Book,
    buyer: Customer,
    program: LoyaltyProgram,
    sale: Sale,
    refs: Refs,
    undoing: Undoing,
) -> int:
    """Reverse the bonuses `sale` paid; returns what the buyer's balance could not cover."""
    book.flush()
    bonuses = session.scalars(
        select(LedgerEntry).where(
            LedgerEntry.sale_id == sale.id,
            LedgerEntry.kind == EntryKind.REFERRAL_BONUS.value,
            LedgerEntry.amount > 0,
        )
    ).all()
    short_for_buyer = 0
    for bonus in bonuses:
        undone = session.scalar(
            select(LedgerEntry.id).where(
                LedgerEntry.kind == EntryKind.REVERSE.value,
                or_(
                    LedgerEntry.lot_uuid == bonus.uuid,
                    and_(
                        LedgerEntry.sale_id == sale.id,
                        LedgerEntry.customer_id == bonus.customer_id,
                        LedgerEntry.related_customer_id == bonus.related_customer_id,
                    ),
                ),
            )
        )
        holder = session.get(Customer, bonus.customer_id)
        if undone is not None or holder is None:
            continue
        cover_from_issued(session, book, holder, sale, refs, undoing, bonus.amount)
        aimed = undoing.aim(bonus.uuid)
        lots = book.replay(holder.id)
        there = lots.takeable(book.now, aimed)
        take = bonus.amount if program.allow_negative_balance else min(bonus.amount, there)
        reversal = Refs(
            sale_id=refs.sale_id,
            sale_uuid=refs.sale_uuid,
            refund_id=refs.refund_id,
            related_customer_id=bonus.related_customer_id,
            staff_id=refs.staff_id,
            note="bônus de indicação estornado",
        )
        # even of nothing: the bonus is reversed once, whatever a later refund
        for lot_uuid, piece in lots.pieces(book.now, aimed, take) or [(aimed, 0)]:
            book.append(holder, EntryKind.REVERSE, -piece, reversal, lot_uuid=lot_uuid)
        if holder.id == buyer.id:
            short_for_buyer += bonus.amount - take
        _tell(station, session, book, holder, program, take, refs)
    return short_for_buyer


def _tell(
    station: Station,
    session: Session,
    book: Book,
    holder: Customer,
    program: LoyaltyProgram,
    taken: int,
    refs: Refs,
) -> None:
    enqueue(
        station,
        session,
        kind=MessageKind.REFERRAL_REVERSED,
        customer=holder,
        period=f"refund:{refs.refund_id}",
        facts=MessageFacts(
            "",
            holder.name,
            balance_centavos=book.replay(holder.id).balance(book.now).current,
            amount_centavos=taken,
            points=program.mode is ProgramMode.POINTS,
        ),
        now=book.now,
    )
