"""Refunds and voids: money back, earned cashback reversed, spent cashback given back.

A refund returns some or all of a sale's lines. The part of their value that
cashback and vouchers paid goes back as cashback (or, when the whole sale is
undone at once, the very vouchers are reopened); the rest goes back as money.
The cashback the sale earned is reversed in proportion; when the sale put it in a
balance voucher still unused, the voucher is cancelled and its cashback comes back
first, with its lots' own dates (`loyalty.voucher_return`). When the customer has
already spent it and the program does not allow a negative balance, what is
missing is kept from the money back (the clawback) and the receipt says so.

Money back leaves the drawer of the shift open when the refund is made: in cash
up to the cash the sale took (less its change and earlier refunds' cash), the
rest by the sale's card or PIX. Money cannot go back with no shift open.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import (
    Customer,
    LedgerEntry,
    Refund,
    RefundLine,
    Sale,
    SaleLine,
    SalePayment,
    Voucher,
)
from posapp.core.errors import (
    InvalidQuantity,
    NoOpenShift,
    ReasonRequired,
    SaleNotRefundable,
    UnknownSale,
)
from posapp.core.ledger import Balance, EntryKind
from posapp.core.money import allocate
from posapp.core.pricing import Tender
from posapp.core.program import LoyaltyProgram
from posapp.services.cash.shifts import open_shift_id
from posapp.services.common import audit, outbox
from posapp.services.common.auth import acting_staff, authorize_manager
from posapp.services.common.station import Station
from posapp.services.loyalty.ledger import Book, Refs, replay_customer
from posapp.services.loyalty.voucher_return import (
    Undoing,
    cancel_issued,
    cover_from_issued,
    return_to_balance,
)
from posapp.services.loyalty.vouchers import BALANCE, DISCOUNT, give_back_unused
from posapp.services.payments import sale_pix_refund
from posapp.services.payments.refund_split import electronic_shares
from posapp.services.sales.referral_reversal import reverse_referral

VOID = "void"
REFUND = "refund"


@dataclass(frozen=True, slots=True)
class RefundRequest:
    sale_id: int
    staff_id: int
    manager_pin: str
    reason: str
    lines: Mapping[int, int] | None = None
    """Sale line id -> quantity to return; None returns everything not yet returned."""


@dataclass(frozen=True, slots=True)
class RefundResult:
    refund_id: int
    kind: str
    sale_number: int
    goods_amount: int
    money_back: int
    loyalty_share: int
    cashback_restored: int
    cashback_reversed: int
    clawback: int
    vouchers_reopened: tuple[str, ...]
    vouchers_cancelled: tuple[str, ...]
    balance: Balance | None
    back_by: tuple[tuple[str, int], ...]
    """Where the money back goes, as the refund receipt splits it: (tender, amount), the
    drawer's cash first, then each card or Pix payment of the sale."""


@dataclass
class _Returned:
    line: SaleLine
    quantity: int
    amount: int
    earned: int


def refund(station: Station, request: RefundRequest) -> RefundResult:
    return _undo(station, request, REFUND)


def void(
    station: Station, sale_id: int, staff_id: int, manager_pin: str, reason: str
) -> RefundResult:
    """Cancel a whole sale that has had no refund: everything is put back as it was."""
    return _undo(station, RefundRequest(sale_id, staff_id, manager_pin, reason), VOID)


def _undo(station: Station, request: RefundRequest, kind: str) -> RefundResult:
    if not request.reason.strip():
        raise ReasonRequired()
    now = station.now()
    with station.write() as session:
        staff = acting_staff(session, request.staff_id)
        action = "cancelar venda" if kind == VOID else "devolução"
        manager = authorize_manager(session, request.manager_pin, action, now)
        program = station.program(session)
        terminal = station.terminal(session)
        sale = session.get(Sale, request.sale_id)
        if sale is None:
            raise UnknownSale(value=request.sale_id)
        if sale.status in ("voided", "refunded"):
            raise SaleNotRefundable(value=sale.number, reason="já devolvida ou cancelada")
        prior = session.scalars(select(Refund).where(Refund.sale_id == sale.id)).all()
        if kind == VOID and prior:
            raise SaleNotRefundable(value=sale.number, reason="já tem devolução; faça a devolução")
        done = _returned_so_far(session, sale)
        returned = _returned_lines(sale, done, None if kind == VOID else request.lines)
        goods = sum(r.amount for r in returned)
        all_back = _all_returned(sale, done, returned)
        whole_at_once = not prior and all_back
        kept = sale.total - sum(r.goods_amount for r in prior) - goods  # of the purchase

        record = Refund(
            uuid=str(uuid.uuid4()),
            sale_id=sale.id,
            kind=kind,
            created_at=now,
            staff_id=staff.id,
            authorized_by_id=manager.id,
            shift_id=open_shift_id(session.connection(), terminal.id),
            reason=request.reason.strip(),
            goods_amount=goods,
            money_back=0,
        )
        session.add(record)
        session.flush()
        for r in returned:
            session.add(
                RefundLine(
                    refund_id=record.id,
                    sale_line_id=r.line.id,
                    quantity=r.quantity,
                    amount=r.amount,
                    earned=r.earned,
                )
            )

        loyalty = _loyalty_share(session, sale, prior, goods)
        customer = session.get(Customer, sale.customer_id) if sale.customer_id else None
        reopened: list[str] = []
        undoing = Undoing()
        restored_units = reversed_units = clawback = 0
        if customer is not None:
            book = Book(session, terminal.uuid, now)
            refs = Refs(
                sale_id=sale.id, sale_uuid=sale.uuid, refund_id=record.id, staff_id=staff.id
            )
            if whole_at_once:
                reopened, restored_units = _reopen_vouchers(
                    session, book, customer, program, sale, refs
                )
                cancel_issued(session, book, sale, refs, undoing)
                restored_units += _restore_cashback(book, customer, program, sale, refs)
            else:
                restored_units = _restore_partial(
                    book, customer, program, sale, prior, loyalty, refs
                )
                if all_back:  # the last of several returns: the vouchers go as in one
                    reopened = _reopen_gifts(session, book, customer, sale, refs)
                    cancel_issued(session, book, sale, refs, undoing)
                elif not program.purchase_voucher_due(kept):
                    cancel_issued(session, book, sale, refs, undoing, only=DISCOUNT)
            earned = sum(r.earned for r in returned)
            reversed_units, short = _reverse_earned(
                session, book, customer, program, sale, earned, refs, undoing
            )
            if kind == VOID or all_back or _below_referral(program, kept):
                short += reverse_referral(
                    station, session, book, customer, program, sale, refs, undoing
                )
            clawback = min(program.value_of_units(short), goods - loyalty)
        record.loyalty_share = loyalty
        record.cashback_restored = restored_units
        record.cashback_reversed = reversed_units
        record.clawback = clawback
        record.money_back = goods - loyalty - clawback
        if record.money_back and record.shift_id is None:
            raise NoOpenShift()
        cash_left = _paid_with(session, sale.id, Tender.CASH) - sale.change
        cash_left -= sum(r.cash_back for r in prior)
        record.cash_back = max(0, min(record.money_back, cash_left))
        shares = electronic_shares(session, sale, record)
        for payment, share in shares:
            if payment.tender == Tender.PIX.value:
                sale_pix_refund.queue(session, record, payment.id, share, now)
        back_by = _back_by(record, [(p.tender, share) for p, share in shares])
        sale.status = "voided" if kind == VOID else "refunded" if all_back else "partially_refunded"
        if kind == VOID:
            sale.voided_at = now

        outbox.emit(
            session,
            "sale.refunded",
            now,
            {
                "sale": sale.uuid,
                "refund": record.uuid,
                "kind": kind,
                "goods": goods,
                "money_back": record.money_back,
                "cash_back": record.cash_back,
            },
        )
        audit.record(
            session,
            at=now,
            terminal_uuid=terminal.uuid,
            action=f"sale.{kind}",
            staff_id=staff.id,
            authorized_by_id=manager.id,
            target=f"sale:{sale.number}",
            reason=record.reason,
            goods=goods,
            money_back=record.money_back,
            clawback=clawback,
        )
        balance = replay_customer(session, customer.id).balance(now) if customer else None
        return RefundResult(
            refund_id=record.id,
            kind=kind,
            sale_number=sale.number,
            goods_amount=goods,
            money_back=record.money_back,
            loyalty_share=loyalty,
            cashback_restored=restored_units,
            cashback_reversed=reversed_units,
            clawback=clawback,
            vouchers_reopened=tuple(reopened),
            vouchers_cancelled=tuple(undoing.cancelled),
            balance=balance,
            back_by=back_by,
        )


def _back_by(record: Refund, shares: Sequence[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    """The drawer's cash, then each card or Pix share (a sale with none: all in cash)."""
    if not shares:
        return ((Tender.CASH.value, record.money_back),)
    return ((Tender.CASH.value, record.cash_back), *((t, a) for t, a in shares if a))


def _returned_so_far(session: Session, sale: Sale) -> dict[int, tuple[int, int, int]]:
    """What earlier refunds took back of each line of the sale: quantity, amount, earned."""
    rows = session.execute(
        select(
            RefundLine.sale_line_id,
            func.sum(RefundLine.quantity),
            func.sum(RefundLine.amount),
            func.sum(RefundLine.earned),
        )
        .join(Refund, Refund.id == RefundLine.refund_id)
        .where(Refund.sale_id == sale.id)
        .group_by(RefundLine.sale_line_id)
    )
    return {line_id: (int(qty), int(amount), int(earned)) for line_id, qty, amount, earned in rows}


def _returned_lines(
    sale: Sale, done: Mapping[int, tuple[int, int, int]], wanted: Mapping[int, int] | None
) -> list[_Returned]:
    """What comes back from each line; the last unit of a line takes what is left of it."""
    lines = {line.id: line for line in sale.lines}
    if wanted is None:
        wanted = {
            line_id: line.quantity - done.get(line_id, _NONE)[0] for line_id, line in lines.items()
        }
        wanted = {line_id: qty for line_id, qty in wanted.items() if qty > 0}
        if not wanted:
            raise SaleNotRefundable(value=sale.number, reason="nada a devolver")
    returned = []
    for line_id, quantity in wanted.items():
        line = lines.get(line_id)
        if line is None:
            raise SaleNotRefundable(
                value=sale.number, reason="item {item} não é desta venda", item=line_id
            )
        done_qty, done_amount, done_earned = done.get(line_id, _NONE)
        left = line.quantity - done_qty
        if isinstance(quantity, bool) or quantity <= 0:
            raise InvalidQuantity(value=quantity)
        if quantity > left:
            reason = (
                "{item} já foi devolvido"
                if left == 0
                else "de {item} resta(m) {left} para devolver"
            )
            raise SaleNotRefundable(
                value=sale.number, reason=reason, item=line.description, left=left
            )
        if quantity == left:
            amount, earned = line.net - done_amount, line.earned - done_earned
        else:
            amount = line.net * quantity // line.quantity
            earned = line.earned * quantity // line.quantity
        returned.append(_Returned(line, quantity, amount, earned))
    if not returned:
        raise SaleNotRefundable(value=sale.number, reason="nada a devolver")
    return returned


_NONE = (0, 0, 0)


def _all_returned(
    sale: Sale, done: Mapping[int, tuple[int, int, int]], returned: list[_Returned]
) -> bool:
    now_returned = {r.line.id: r.quantity for r in returned}
    return all(
        done.get(line.id, _NONE)[0] + now_returned.get(line.id, 0) == line.quantity
        for line in sale.lines
    )


def _paid_with(session: Session, sale_id: int, tender: Tender) -> int:
    return int(
        session.scalar(
            select(func.coalesce(func.sum(SalePayment.amount), 0)).where(
                SalePayment.sale_id == sale_id, SalePayment.tender == tender.value
            )
        )
        or 0
    )


def _loyalty_share(session: Session, sale: Sale, prior: Sequence[Refund], goods: int) -> int:
    """The part of the goods returned that loyalty paid, exact over successive refunds."""
    loyalty_paid = _paid_with(session, sale.id, Tender.CASHBACK) + _paid_with(
        session, sale.id, Tender.VOUCHER
    )
    if sale.total == 0 or loyalty_paid == 0:
        return 0
    cumulative = sum(r.goods_amount for r in prior) + goods
    share_so_far = allocate(cumulative, [loyalty_paid, sale.total - loyalty_paid])[0]
    return share_so_far - sum(r.loyalty_share for r in prior)


def _redeemed_units(session: Session, sale: Sale) -> int:
    return -int(
        session.scalar(
            select(func.coalesce(func.sum(LedgerEntry.amount), 0)).where(
                LedgerEntry.sale_id == sale.id, LedgerEntry.kind == EntryKind.REDEEM.value
            )
        )
        or 0
    )


def _restore_cashback(
    book: Book, customer: Customer, program: LoyaltyProgram, sale: Sale, refs: Refs
) -> int:
    units = _redeemed_units(book.session, sale)
    if units:
        book.credit(customer, EntryKind.RESTORE, units, program, refs, pending=False)
    return units


def _restore_partial(
    book: Book,
    customer: Customer,
    program: LoyaltyProgram,
    sale: Sale,
    prior: Sequence[Refund],
    loyalty: int,
    refs: Refs,
) -> int:
    """Loyalty's share of a partial refund comes back as cashback, not as money.

    A store's discount voucher is the exception: what it paid was a gift, so its
    share is neither paid out nor credited (the last return reopens the voucher).
    Worked out on the returns so far and less what earlier ones credited, so that
    returns one by one give back exactly what one return of everything would: a
    share rounded on each return drifted (R$ 10,03 back for R$ 10,01 spent).
    """
    gift = sum(
        payment.amount
        for payment in sale.payments
        if payment.tender == Tender.VOUCHER.value
        and payment.voucher_id is not None
        and (voucher := book.session.get(Voucher, payment.voucher_id)) is not None
        and voucher.kind != BALANCE
    )
    loyalty_paid = _paid_with(book.session, sale.id, Tender.CASHBACK) + _paid_with(
        book.session, sale.id, Tender.VOUCHER
    )
    if loyalty == 0 or loyalty_paid == 0:
        return 0
    so_far = sum(r.loyalty_share for r in prior) + loyalty
    value = so_far - gift * so_far // loyalty_paid
    so_far_units = program.units_for_value(value) if value > 0 else 0
    units = max(so_far_units - sum(r.cashback_restored for r in prior), 0)
    if units:
        book.credit(customer, EntryKind.RESTORE, units, program, refs, pending=False)
    return units


def _reopen_vouchers(
    session: Session,
    book: Book,
    customer: Customer,
    program: LoyaltyProgram,
    sale: Sale,
    refs: Refs,
) -> tuple[list[str], int]:
    """The vouchers that paid this sale are open again, as they were: (their codes, units).

    A balance voucher's change went back to the balance; when the customer has spent
    it since (the balance is below it), the voucher stays used and what it paid on
    this sale comes back as cashback instead: the same value, and no balance below zero.
    """
    codes = []
    restored = 0
    used = session.scalars(select(Voucher).where(Voucher.redeemed_sale_id == sale.id))
    for voucher in used:
        change = session.scalars(
            select(LedgerEntry).where(
                LedgerEntry.sale_id == sale.id,
                LedgerEntry.voucher_id == voucher.id,
                LedgerEntry.kind == EntryKind.VOUCHER_CHANGE.value,
            )
        ).first()
        voucher_refs = refs.of_voucher(voucher.id, voucher.code)
        if change is not None and book.replay(customer.id).takeable(book.now) < change.amount:
            restored += _give_back_paid(session, book, customer, program, voucher, voucher_refs)
            continue
        if change is not None:
            book.append(
                customer, EntryKind.REVERSE, -change.amount, voucher_refs, lot_uuid=change.uuid
            )
        voucher.status = "open"
        voucher.redeemed_sale_id = None
        voucher.redeemed_at = None
        voucher.redeemed_amount = 0
        book.append(customer, EntryKind.VOUCHER_RESTORE, 0, voucher_refs)
        if voucher.expires_at <= book.now:  # reopened past its date: it lapses at once
            holder = session.get(Customer, voucher.customer_id) or customer
            give_back_unused(session, book, holder, voucher, refs)
        codes.append(voucher.code)
    return codes, restored


def _give_back_paid(
    session: Session,
    book: Book,
    customer: Customer,
    program: LoyaltyProgram,
    voucher: Voucher,
    refs: Refs,
) -> int:
    """What a balance voucher paid on the sale, as cashback: the voucher stays used (its
    change was spent). Past the voucher's date, it lapses as an unused voucher would: the
    cashback comes back with its lots' own dates; before it, as a fresh lot."""
    if voucher.expires_at > book.now:
        units = program.units_for_value(voucher.redeemed_amount)
        book.credit(customer, EntryKind.RESTORE, units, program, refs, pending=False)
        return units
    holder = session.get(Customer, voucher.customer_id) or customer
    note = "venda desfeita: o que o vale vencido pagou volta ao saldo"
    return_to_balance(session, book, holder, voucher, refs, note, voucher.redeemed_amount)
    return voucher.redeemed_amount


def _reopen_gifts(
    session: Session, book: Book, customer: Customer, sale: Sale, refs: Refs
) -> list[str]:
    """The last of several returns: the store's discount vouchers that paid the sale are
    open again, as one return of everything would leave them (their share was never
    credited). One past its date lapses at once. Returns their codes."""
    codes = []
    used = session.scalars(
        select(Voucher).where(Voucher.redeemed_sale_id == sale.id, Voucher.kind != BALANCE)
    )
    for voucher in used:
        voucher.status = "open"
        voucher.redeemed_sale_id = None
        voucher.redeemed_at = None
        voucher.redeemed_amount = 0
        voucher_refs = refs.of_voucher(voucher.id, voucher.code)
        book.append(customer, EntryKind.VOUCHER_RESTORE, 0, voucher_refs)
        if voucher.expires_at <= book.now:
            give_back_unused(session, book, customer, voucher, refs)
        codes.append(voucher.code)
    return codes


def _reverse_earned(
    session: Session,
    book: Book,
    customer: Customer,
    program: LoyaltyProgram,
    sale: Sale,
    earned: int,
    refs: Refs,
    undoing: Undoing,
) -> tuple[int, int]:
    """Take back what the returned lines earned; returns (reversed, short) in units.
    Cashback of the sale's own unused balance vouchers covers it before the money does."""
    if earned <= 0:
        return 0, 0
    cover_from_issued(session, book, customer, sale, refs, undoing, earned)
    lot = session.scalar(
        select(LedgerEntry.uuid).where(
            LedgerEntry.sale_id == sale.id, LedgerEntry.kind == EntryKind.EARN.value
        )
    )
    aimed = undoing.aim(lot)
    lots = replay_customer(session, customer.id)
    take = earned if program.allow_negative_balance else min(earned, lots.takeable(book.now, aimed))
    for lot_uuid, piece in lots.pieces(book.now, aimed, take):
        book.append(customer, EntryKind.REVERSE, -piece, refs, lot_uuid=lot_uuid)
    return take, earned - take


def _below_referral(program: LoyaltyProgram, kept: int) -> bool:
    rule = program.referral
    return rule is not None and kept < rule.min_purchase_centavos
