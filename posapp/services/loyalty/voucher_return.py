"""A balance voucher's cashback back in the balance, lot by lot, with the lots' own dates.

A balance voucher holds cashback taken from the customer's lots when it was issued. When
it can no longer be used (it lapsed, or the sale that issued it was undone), its value
goes back in pieces, each with the dates of the lot it was taken from: a voucher never
stretches (or shortens) the life of the cashback in it, and buying then undoing a sale
does not renew old cashback.

An undo also reverses what the sale credited (its cashback, its referral bonuses); when
those lots went into a voucher of the same sale, the reversal is aimed at the piece that
came back from them (`Undoing.aim`), so the older cashback keeps its dates.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Customer, LedgerEntry, Sale, Voucher
from posapp.core.ledger import EntryKind, taken_from
from posapp.services.loyalty.ledger import Book, Refs

BALANCE = "balance"


@dataclass
class Undoing:
    """What an undo did to vouchers so far: the codes it cancelled, and for each lot a
    cancelled voucher had emptied, the entry that gave its cashback back."""

    cancelled: list[str] = field(default_factory=list)
    moved: dict[str, str] = field(default_factory=dict)

    def aim(self, lot_uuid: str | None) -> str | None:
        """The lot a reversal of `lot_uuid` takes from: the piece that came back from it."""
        return self.moved.get(lot_uuid, lot_uuid) if lot_uuid is not None else None


def return_to_balance(
    session: Session,
    book: Book,
    holder: Customer,
    voucher: Voucher,
    refs: Refs,
    note: str,
    amount: int | None = None,
) -> dict[str, str]:
    """Give `amount` (the voucher's value by default) of the voucher's cashback back to
    `holder`, piece by piece with the dates of the lots it was taken from. Returns, for
    each lot a piece came from, the entry that gave it back."""
    value = voucher.value if amount is None else amount
    issue = session.scalars(
        select(LedgerEntry.uuid)
        .where(
            LedgerEntry.voucher_code == voucher.code,
            LedgerEntry.kind == EntryKind.VOUCHER_ISSUE.value,
            LedgerEntry.amount < 0,
        )
        .order_by(LedgerEntry.id)
    ).first()
    voucher_refs = refs.of_voucher(voucher.id, voucher.code, note)
    lots = taken_from(book.movements(holder.id), issue) if issue is not None else []
    moved: dict[str, str] = {}
    given = 0
    for lot, taken in lots:
        piece = min(taken, value - given)
        if piece <= 0:
            break
        entry = book.append(
            holder,
            EntryKind.VOUCHER_CANCEL,
            piece,
            voucher_refs,
            available_from=lot.available_from,
            expires_at=lot.expires_at,
        )
        moved[lot.uuid] = entry.uuid
        given += piece
    if given < value:  # the issue entry is not on this counter's ledger: no dates known
        book.append(holder, EntryKind.VOUCHER_CANCEL, value - given, voucher_refs)
    return moved


def cancel_issued(
    session: Session,
    book: Book,
    sale: Sale,
    refs: Refs,
    undoing: Undoing,
    *,
    only: str | None = None,
    holder_id: int | None = None,
) -> None:
    """Cancel the unspent vouchers `sale` issued (`only` of that kind, `holder_id`'s only);
    a balance voucher's value returns to its holder with its lots' dates."""
    for voucher in _open_issued(session, sale, kind=only, holder_id=holder_id):
        _cancel(session, book, voucher, refs, undoing)


def cover_from_issued(
    session: Session,
    book: Book,
    holder: Customer,
    sale: Sale,
    refs: Refs,
    undoing: Undoing,
    needed: int,
) -> None:
    """Before `needed` is reversed from `holder`'s balance: when the balance is short and
    `sale` put the holder's cashback in balance vouchers still unused, cancel them (newest
    first) until it is covered, rather than keep the refund's money (the clawback) while
    the cashback sits in a voucher."""
    newest_first = _open_issued(session, sale, kind=BALANCE, holder_id=holder.id)[::-1]
    for voucher in newest_first:
        if book.replay(holder.id).takeable(book.now) >= needed:
            return
        _cancel(session, book, voucher, refs, undoing)


def _open_issued(
    session: Session, sale: Sale, *, kind: str | None, holder_id: int | None
) -> list[Voucher]:
    """The vouchers `sale` issued that are still open (of `kind`, `holder_id`'s), oldest
    first."""
    query = select(Voucher).where(Voucher.issue_sale_id == sale.id, Voucher.status == "open")
    if kind is not None:
        query = query.where(Voucher.kind == kind)
    if holder_id is not None:
        query = query.where(Voucher.customer_id == holder_id)
    return list(session.scalars(query.order_by(Voucher.id)))


def _cancel(session: Session, book: Book, voucher: Voucher, refs: Refs, undoing: Undoing) -> None:
    holder = session.get(Customer, voucher.customer_id)
    assert holder is not None
    voucher.status = "cancelled"
    if voucher.kind == BALANCE and voucher.value > 0:
        note = "venda desfeita: vale cancelado, cashback de volta ao saldo"
        undoing.moved.update(return_to_balance(session, book, holder, voucher, refs, note))
    else:
        voucher_refs = refs.of_voucher(voucher.id, voucher.code)
        book.append(holder, EntryKind.VOUCHER_CANCEL, 0, voucher_refs)
    undoing.cancelled.append(voucher.code)
