"""Checkout: a cart becomes a sale, its payments, and its cashback, in ONE transaction.

Order of work inside the unit of work: price the cart, take the vouchers, then
the cashback, then money; earn on what money paid; write the sale, the ledger
rows, any new vouchers and referral bonuses, the outbox events and the audit
row; commit. Any refusal raises before the commit, so nothing is written.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import (
    Customer,
    Item,
    LedgerEntry,
    Sale,
    SaleLine,
    SalePayment,
    Shift,
    Staff,
    Store,
    Voucher,
)
from posapp.core.cpf import mask_cpf
from posapp.core.errors import (
    CashbackAboveBalance,
    CashbackAboveCap,
    CustomerRequired,
    InvalidPrice,
    InvalidQuantity,
    NotAuthorized,
    PaymentOver,
    UnknownCustomer,
    UnknownItem,
    VoucherSpent,
)
from posapp.core.ledger import Balance, EntryKind
from posapp.core.money import allocate, format_money, percent_of
from posapp.core.pricing import CartLine, Payment, PricedCart, Tender, change_due, price_cart
from posapp.core.program import LoyaltyProgram
from posapp.services import audit, outbox
from posapp.services.auth import StaffRef, acting_staff, authorize_manager
from posapp.services.customers import account_in
from posapp.services.ledger import Book, Refs, replay_customer
from posapp.services.station import Station
from posapp.services.vouchers import (
    BALANCE,
    check_usable,
    face_value,
    issue_balance_voucher,
    issue_purchase_voucher,
    qr_payload,
    resolve,
)

DISCOUNT_LIMIT_BPS = 1_000
"""Discounts above this share of the sale need a manager."""


@dataclass(frozen=True, slots=True)
class LineRequest:
    item_id: int
    quantity: int = 1
    discount: int = 0
    professional_id: int | None = None
    unit_price: int | None = None
    """A price other than the catalogue's: a price override, which needs a manager."""


@dataclass(frozen=True, slots=True)
class TenderRequest:
    tender: Tender
    amount: int = 0
    voucher: str | None = None
    """For a voucher: the code as typed or the QR as scanned."""


@dataclass(frozen=True, slots=True)
class CheckoutRequest:
    staff_id: int
    lines: Sequence[LineRequest]
    payments: Sequence[TenderRequest]
    customer_id: int | None = None
    sale_discount: int = 0
    manager_pin: str | None = None


@dataclass(frozen=True, slots=True)
class ReceiptLine:
    description: str
    quantity: int
    unit_price: int
    discount: int
    net: int
    professional: str | None


@dataclass(frozen=True, slots=True)
class IssuedVoucher:
    code: str
    value: int
    percent_bps: int
    min_purchase: int
    expires_at: datetime
    qr: str


@dataclass(frozen=True, slots=True)
class ReceiptCustomer:
    name: str
    masked_cpf: str | None
    referral_code: str


@dataclass(frozen=True, slots=True)
class SaleResult:
    """Everything the receipt and the screen need about a committed sale."""

    sale_id: int
    uuid: str
    number: int
    created_at: datetime
    gross: int
    discount: int
    total: int
    change: int
    lines: tuple[ReceiptLine, ...]
    payments: tuple[tuple[str, int], ...]
    customer: ReceiptCustomer | None
    earned: int
    redeemed: int
    referral_bonus: int
    balance: Balance | None
    spendable_value: int
    vouchers_issued: tuple[IssuedVoucher, ...] = field(default=())


@dataclass
class _VoucherUse:
    voucher: Voucher
    value: int
    applied: int


def checkout(station: Station, request: CheckoutRequest) -> SaleResult:
    now = station.now()
    with station.write() as session:
        store = station.store(session)
        terminal = station.terminal(session)
        program = LoyaltyProgram.from_json(store.program_json)
        staff = acting_staff(session, request.staff_id)
        priced = price_cart(_cart_lines(session, request.lines), request.sale_discount)
        approver = _approval(session, request, priced, staff, now)
        customer = _customer(session, request.customer_id)

        uses, customer = _take_vouchers(session, store, request, priced.total, customer, now)
        after_vouchers = priced.total - sum(use.applied for use in uses)
        cashback = sum(t.amount for t in request.payments if t.tender is Tender.CASHBACK)
        cashback_units = _check_cashback(session, program, customer, cashback, priced, now)
        if cashback > after_vouchers:
            raise PaymentOver(excess_centavos=cashback - after_vouchers)
        tendered = _payments(request, uses, cashback)
        payments = [payment for payment, _ in tendered]
        change = change_due(priced.total, payments)

        loyalty_paid = cashback + sum(use.applied for use in uses)
        earn_lines = priced.earn_lines(loyalty_paid)
        earned = program.earn(earn_lines) if customer is not None else 0
        line_earned = allocate(
            earned, [line.amount_centavos * program.rate_for(line.category) for line in earn_lines]
        )
        sale = _write_sale(session, terminal.id, priced, request, customer, change, earned, now)
        for priced_line, share in zip(priced.lines, line_earned, strict=True):
            _write_line(session, sale, priced_line.line, priced_line.sale_discount_share, share)
        for payment, voucher_id in tendered:
            session.add(
                SalePayment(
                    sale_id=sale.id,
                    tender=payment.tender.value,
                    amount=payment.amount,
                    voucher_id=voucher_id,
                )
            )

        book = Book(session, terminal.uuid, now)
        refs = Refs(sale_id=sale.id, sale_uuid=sale.uuid, staff_id=staff.id)
        issued: list[Voucher] = []
        bonus = 0
        if customer is not None:
            _redeem_vouchers(book, customer, program, uses, sale, refs)
            if cashback_units:
                book.append(customer, EntryKind.REDEEM, -cashback_units, refs)
            if earned:
                book.credit(customer, EntryKind.EARN, earned, program, refs)
            bonus, referrer = _referral_bonus(session, book, customer, program, priced.total, refs)
            purchase_voucher = issue_purchase_voucher(
                session, book, customer, program, priced.total, refs
            )
            issued += [purchase_voucher] if purchase_voucher else []
            for holder in (customer, referrer):
                if holder is not None:
                    voucher = issue_balance_voucher(session, book, holder, program, refs)
                    issued += [voucher] if voucher and holder is customer else []

        _record(session, store, terminal.uuid, sale, staff, approver, request, now)
        account = account_in(session, customer, program, now) if customer else None
        return SaleResult(
            sale_id=sale.id,
            uuid=sale.uuid,
            number=sale.number,
            created_at=now,
            gross=priced.gross,
            discount=priced.discount_total,
            total=priced.total,
            change=change,
            lines=tuple(
                _receipt_line(session, p.line, p.discount_total, p.net) for p in priced.lines
            ),
            payments=tuple((p.tender.value, p.amount) for p in payments),
            customer=_receipt_customer(customer),
            earned=earned,
            redeemed=cashback_units,
            referral_bonus=bonus,
            balance=account.balance if account else None,
            spendable_value=account.spendable_value if account else 0,
            vouchers_issued=tuple(
                IssuedVoucher(
                    v.code,
                    v.value,
                    v.percent_bps,
                    v.min_purchase,
                    v.expires_at,
                    qr_payload(v, store),
                )
                for v in issued
            ),
        )


def _cart_lines(session: Session, requests: Sequence[LineRequest]) -> list[CartLine]:
    lines = []
    for request in requests:
        item = session.get(Item, request.item_id)
        if item is None or not item.active:
            raise UnknownItem(value=request.item_id)
        if isinstance(request.quantity, bool) or not isinstance(request.quantity, int):
            raise InvalidQuantity(value=request.quantity)
        price = item.price if request.unit_price is None else request.unit_price
        if price <= 0:
            raise InvalidPrice(value=format_money(price))
        lines.append(
            CartLine(
                item_id=item.id,
                name=item.name,
                unit_price=price,
                quantity=request.quantity,
                discount=request.discount,
                category=item.category.code if item.category else None,
                professional_id=request.professional_id,
            )
        )
    return lines


def _approval(
    session: Session, request: CheckoutRequest, priced: PricedCart, staff: StaffRef, now: datetime
) -> StaffRef | None:
    """The manager who approved a price override or a discount above the limit, if needed."""
    overridden = any(line.unit_price is not None for line in request.lines)
    over_limit = priced.discount_total > percent_of(priced.gross, DISCOUNT_LIMIT_BPS)
    if not (overridden or over_limit):
        return None
    action = "alterar preço" if overridden else "desconto acima do limite"
    if staff.is_manager and request.manager_pin is None:
        return staff
    if request.manager_pin is None:
        raise NotAuthorized(action=action)
    return authorize_manager(session, request.manager_pin, action, now)


def _customer(session: Session, customer_id: int | None) -> Customer | None:
    if customer_id is None:
        return None
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise UnknownCustomer(value=customer_id)
    return customer


def _take_vouchers(
    session: Session,
    store: Store,
    request: CheckoutRequest,
    total: int,
    customer: Customer | None,
    now: datetime,
) -> tuple[list[_VoucherUse], Customer | None]:
    """Check each voucher offered; a voucher names its customer when none was attached."""
    uses: list[_VoucherUse] = []
    due = total
    for tender in request.payments:
        if tender.tender is not Tender.VOUCHER:
            continue
        voucher = resolve(session, tender.voucher or "", store)
        if any(use.voucher.id == voucher.id for use in uses):
            raise VoucherSpent(value=voucher.code)
        if customer is None:
            customer = session.get(Customer, voucher.customer_id)
        check_usable(voucher, customer.id if customer else None, total, now)
        value = face_value(voucher, total)
        if due == 0:
            raise PaymentOver(excess_centavos=value)
        applied = min(value, due)
        due -= applied
        uses.append(_VoucherUse(voucher, value, applied))
    return uses, customer


def _check_cashback(
    session: Session,
    program: LoyaltyProgram,
    customer: Customer | None,
    amount: int,
    priced: PricedCart,
    now: datetime,
) -> int:
    """The units to take from the balance to pay `amount`, within balance and cap."""
    if amount == 0:
        return 0
    if customer is None:
        raise CustomerRequired()
    cap = program.redeem_cap(priced.total)
    if amount > cap:
        raise CashbackAboveCap(cap_centavos=cap, asked_centavos=amount)
    spendable = max(replay_customer(session, customer.id).balance(now).spendable, 0)
    units = program.units_for_value(amount)
    if units > spendable:
        raise CashbackAboveBalance(
            asked_centavos=amount, available_centavos=program.value_of_units(spendable)
        )
    return units


def _payments(
    request: CheckoutRequest, uses: list[_VoucherUse], cashback: int
) -> list[tuple[Payment, int | None]]:
    """Every tender with the voucher that paid it, money first."""
    tendered: list[tuple[Payment, int | None]] = [
        (Payment(t.tender, t.amount), None)
        for t in request.payments
        if t.tender not in (Tender.CASHBACK, Tender.VOUCHER)
    ]
    if cashback:
        tendered.append((Payment(Tender.CASHBACK, cashback), None))
    tendered += [(Payment(Tender.VOUCHER, use.applied), use.voucher.id) for use in uses]
    return tendered


def _write_sale(
    session: Session,
    terminal_id: int,
    priced: PricedCart,
    request: CheckoutRequest,
    customer: Customer | None,
    change: int,
    earned: int,
    now: datetime,
) -> Sale:
    last = session.scalar(select(func.max(Sale.number)).where(Sale.terminal_id == terminal_id))
    shift_id = session.scalar(
        select(Shift.id).where(Shift.terminal_id == terminal_id, Shift.closed_at.is_(None))
    )
    sale = Sale(
        uuid=str(uuid.uuid4()),
        terminal_id=terminal_id,
        number=(last or 0) + 1,
        status="completed",
        customer_id=customer.id if customer else None,
        staff_id=request.staff_id,
        shift_id=shift_id,
        gross=priced.gross,
        discount=priced.discount_total,
        total=priced.total,
        change=change,
        earned=earned,
        created_at=now,
    )
    session.add(sale)
    session.flush()
    return sale


def _write_line(session: Session, sale: Sale, line: CartLine, share: int, earned: int) -> None:
    session.add(
        SaleLine(
            sale_id=sale.id,
            item_id=line.item_id,
            description=line.name,
            category_code=line.category,
            quantity=line.quantity,
            unit_price=line.unit_price,
            line_discount=line.discount,
            sale_discount_share=share,
            net=line.gross - line.discount - share,
            earned=earned,
            professional_id=line.professional_id,
        )
    )


def _redeem_vouchers(
    book: Book,
    customer: Customer,
    program: LoyaltyProgram,
    uses: list[_VoucherUse],
    sale: Sale,
    refs: Refs,
) -> None:
    for use in uses:
        voucher = use.voucher
        voucher.status = "redeemed"
        voucher.redeemed_sale_id = sale.id
        voucher.redeemed_at = book.now
        voucher.redeemed_amount = use.applied
        voucher_refs = Refs(
            sale_id=refs.sale_id,
            sale_uuid=refs.sale_uuid,
            voucher_id=voucher.id,
            voucher_code=voucher.code,
            staff_id=refs.staff_id,
        )
        book.append(customer, EntryKind.VOUCHER_REDEEM, 0, voucher_refs)
        if voucher.kind == BALANCE and use.applied < use.value:
            book.credit(
                customer,
                EntryKind.VOUCHER_CHANGE,
                use.value - use.applied,
                program,
                voucher_refs,
                pending=False,
            )


def _referral_bonus(
    session: Session,
    book: Book,
    customer: Customer,
    program: LoyaltyProgram,
    total: int,
    refs: Refs,
) -> tuple[int, Customer | None]:
    """On a referred customer's first qualifying purchase, both sides get their bonus."""
    rule = program.referral
    if rule is None or customer.referred_by_id is None or total < rule.min_purchase_centavos:
        return 0, None
    already = session.scalar(
        select(LedgerEntry.id).where(
            LedgerEntry.kind == EntryKind.REFERRAL_BONUS.value,
            LedgerEntry.related_customer_id == customer.id,
        )
    )
    referrer = session.get(Customer, customer.referred_by_id)
    if already is not None or referrer is None:
        return 0, None
    bonus_refs = Refs(
        sale_id=refs.sale_id,
        sale_uuid=refs.sale_uuid,
        related_customer_id=customer.id,
        staff_id=refs.staff_id,
    )
    if rule.referrer_bonus_centavos:
        book.credit(
            referrer, EntryKind.REFERRAL_BONUS, rule.referrer_bonus_centavos, program, bonus_refs
        )
        outbox.emit(
            session,
            "referral.rewarded",
            book.now,
            {
                "referrer": referrer.uuid,
                "referred": customer.uuid,
                "bonus": rule.referrer_bonus_centavos,
            },
        )
    if rule.referred_bonus_centavos:
        book.credit(
            customer, EntryKind.REFERRAL_BONUS, rule.referred_bonus_centavos, program, bonus_refs
        )
    return rule.referred_bonus_centavos, referrer


def _record(
    session: Session,
    store: Store,
    terminal_uuid: str,
    sale: Sale,
    staff: StaffRef,
    approver: StaffRef | None,
    request: CheckoutRequest,
    now: datetime,
) -> None:
    outbox.emit(
        session,
        "sale.completed",
        now,
        {
            "sale": sale.uuid,
            "store": store.uuid,
            "terminal": terminal_uuid,
            "number": sale.number,
            "total": sale.total,
            "customer": sale.customer.uuid if sale.customer else None,
            "earned": sale.earned,
        },
    )
    audit.record(
        session,
        at=now,
        terminal_uuid=terminal_uuid,
        action="sale.complete",
        staff_id=staff.id,
        authorized_by_id=approver.id if approver else None,
        target=f"sale:{sale.number}",
        total=sale.total,
        price_overrides=[
            {"item": line.item_id, "price": line.unit_price}
            for line in request.lines
            if line.unit_price is not None
        ],
        discount=sale.discount,
    )


def _receipt_line(session: Session, line: CartLine, discount: int, net: int) -> ReceiptLine:
    professional = session.get(Staff, line.professional_id) if line.professional_id else None
    return ReceiptLine(
        line.name,
        line.quantity,
        line.unit_price,
        discount,
        net,
        professional.name if professional else None,
    )


def _receipt_customer(customer: Customer | None) -> ReceiptCustomer | None:
    if customer is None:
        return None
    return ReceiptCustomer(
        customer.name, mask_cpf(customer.cpf) if customer.cpf else None, customer.referral_code
    )
