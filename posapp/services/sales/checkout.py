"""Checkout: a cart becomes a sale, its payments, and its cashback, in ONE transaction.

Order of work inside the unit of work: price the cart, take the vouchers, then
the cashback, then money; earn on what money paid; write the sale, the ledger
rows, any new vouchers and referral bonuses, the outbox events and the audit
row; commit. Any refusal raises before the commit, so nothing is written.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from db import append_only
from db.direct import Direct
from db.models import (
    Category,
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
    loaded_row,
    table_of,
)
from payments.card import CardDetails
from posapp.core.cpf import mask_cpf
from posapp.core.errors import (
    CashbackAboveBalance,
    CashbackAboveCap,
    CustomerRequired,
    InvalidPrice,
    InvalidQuantity,
    NoOpenShift,
    NotAuthorized,
    PaymentOver,
    UnknownCustomer,
    UnknownItem,
    VoucherSpent,
)
from posapp.core.ledger import Balance, EntryKind, Replay
from posapp.core.messages import MessageFacts, MessageKind
from posapp.core.money import format_money, percent_of
from posapp.core.pricing import CartLine, Payment, PricedCart, Tender, change_due, price_cart
from posapp.core.program import LoyaltyProgram, ProgramMode
from posapp.services.common import audit, outbox
from posapp.services.common.auth import StaffRef, acting_staff, authorize_manager
from posapp.services.common.station import Station
from posapp.services.loyalty.earning import earn_rules, sale_earn
from posapp.services.loyalty.ledger import Book, Refs
from posapp.services.loyalty.vouchers import (
    BALANCE,
    check_usable,
    face_value,
    foreign_unknown_code,
    issue_balance_voucher,
    issue_purchase_voucher,
    qr_payload,
    resolve,
)
from posapp.services.messages.config import messaging_settings
from posapp.services.messages.queue import enqueue
from posapp.services.messages.voucher_notice import announce_voucher
from posapp.services.payments.tenders import PixTender, TenderDetail, record_tender_details
from posapp.services.sales.catalog import SERVICE, check_tax_data

if TYPE_CHECKING:  # the sync modules load only where sync is used
    from posapp.services.sales.authority import Authority

DISCOUNT_LIMIT_BPS = 1_000
"""Discounts above this share of the sale need a manager."""

# The statements of a sale, built once and run on the unit of work's sqlite3 connection
# (db.direct). The sale and its lines and payments are plain INSERTs (lines and payments
# one executemany each): nothing reads them back as objects in the unit of work.
_ITEM, _CATEGORY, _ENTRY = table_of(Item), table_of(Category), table_of(LedgerEntry)
_SALE, _SHIFT = table_of(Sale), table_of(Shift)
_CART_ITEMS = Direct(
    select(_ITEM.c.id, _ITEM.c.name, _ITEM.c.price, _ITEM.c.active, _ITEM.c.kind, _CATEGORY.c.code)
    .outerjoin(_CATEGORY, _CATEGORY.c.id == _ITEM.c.category_id)
    .where(_ITEM.c.id.in_(bindparam("ids", expanding=True)))
)
_NUMBER_AND_SHIFT = Direct(
    select(
        # The terminal's last sale number and its open shift, in one statement.
        select(func.max(_SALE.c.number))
        .where(_SALE.c.terminal_id == bindparam("terminal_id"))
        .scalar_subquery(),
        select(_SHIFT.c.id)
        .where(_SHIFT.c.terminal_id == bindparam("terminal_id"), _SHIFT.c.closed_at.is_(None))
        .limit(1)
        .scalar_subquery(),
    )
)
_CUSTOMER = select(Customer).where(Customer.id == bindparam("customer_id"))
"""`session.get` without its per-call statement building: the first read of a fresh session."""
_CUSTOMER_TABLE, _STAFF_TABLE = table_of(Customer), table_of(Staff)
_CUSTOMER_AND_STAFF = Direct(
    select(_CUSTOMER_TABLE, _STAFF_TABLE)
    .join(_STAFF_TABLE, _STAFF_TABLE.c.id == bindparam("staff_id"))
    .where(_CUSTOMER_TABLE.c.id == bindparam("customer_id"))
)
_CUSTOMER_WIDTH = len(_CUSTOMER_TABLE.c)
_INSERT_SALE = Direct(insert(_SALE))
_STAFF_NAMES = select(Staff.id, Staff.name).where(Staff.id.in_(bindparam("ids", expanding=True)))
_VOUCHER = table_of(Voucher)
_REDEEM_VOUCHER = Direct(update(_VOUCHER).where(_VOUCHER.c.id == bindparam("voucher_id")))
_INSERT_LINES = Direct(insert(table_of(SaleLine)))
_INSERT_PAYMENTS = Direct(insert(table_of(SalePayment)))
_REFERRAL_PAID = (
    select(_ENTRY.c.id)
    .where(
        # Both bonus rows of a referral name the referred customer as related_customer_id,
        # one held by the referred customer, the other by the referrer: looking only at
        # those two customers' entries lets the (customer_id, id) index serve the query.
        _ENTRY.c.customer_id.in_(bindparam("holders", expanding=True)),
        _ENTRY.c.kind == EntryKind.REFERRAL_BONUS.value,
        _ENTRY.c.related_customer_id == bindparam("customer_id"),
    )
    .limit(1)
)


class _CartItem(NamedTuple):
    """A row of `_CART_ITEMS`."""

    id: int
    name: str
    price: int
    active: bool
    kind: str
    category: str | None


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
    card: CardDetails | None = None
    """For a debit or credit tender: brand, NSU/DOC, authorisation, acquirer, instalments."""
    pix: PixTender | None = None
    """For a Pix tender: the static code's txid, or the paid dynamic charge."""


@dataclass(frozen=True, slots=True)
class CheckoutRequest:
    staff_id: int
    lines: Sequence[LineRequest]
    payments: Sequence[TenderRequest]
    customer_id: int | None = None
    sale_discount: int = 0
    manager_pin: str | None = None
    sale_uuid: str | None = None
    """Chosen before the sale when the sync endpoint is asked first (a voucher's claim names
    it); keep it when the same cart is tried again. None: a new uuid."""
    cpf_on_note: bool = True
    """The customer's answer to "CPF na nota?": her CPF identifies her on the sale's NFC-e
    only when she says yes (a CPF given to the loyalty program is no consent to report her
    purchases under it, LGPD). Kept on the sale; no effect without a customer's CPF."""


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
    tier: str | None = None
    """The key of the tier the sale earned at (None: no customer, or tiers off)."""
    campaigns: tuple[str, ...] = ()
    """The keys of the campaigns that changed what the sale earned."""
    points: bool = False
    """The program counts in points: `earned`, `redeemed` and `balance` are points."""


@dataclass
class _VoucherUse:
    voucher: Voucher
    value: int
    applied: int


@dataclass(frozen=True, slots=True)
class _WrittenSale:
    id: int
    uuid: str
    number: int


def checkout(
    station: Station, request: CheckoutRequest, authority: Authority | None = None
) -> SaleResult:
    """Write the sale. With an `authority` (sync configured), vouchers are claimed and a
    large cashback spend held on the endpoint first, before the write lock is taken."""
    if authority is not None:
        request = _ask_authority(station, request, authority)
    now = station.now()
    with station.write() as session:
        append_only.collect(session)  # the outbox events and the audit row: written at the end
        snapshot = station.snapshot(session)
        store, terminal, program = snapshot.store, snapshot.terminal, snapshot.program
        connection = session.connection()
        people = _customer_and_staff(session, request)
        staff = acting_staff(session, request.staff_id)
        priced = price_cart(cart_lines(connection, request.lines), request.sale_discount)
        check_tax_data(station, session, (line.item_id for line in request.lines))
        total = priced.total
        approver = _approval(session, request, priced, staff, now)
        customer = people[0] if people else _customer(session, request.customer_id)

        uses, customer = _take_vouchers(session, store, request, total, customer, now)
        after_vouchers = total - sum(use.applied for use in uses)
        cashback = sum(t.amount for t in request.payments if t.tender is Tender.CASHBACK)
        # All reads come before the first write; the book reads the chain's head and, once,
        # the customer's ledger, which it then keeps up to date as it appends.
        book = Book(session, terminal.uuid, now) if customer is not None else None
        cashback_units = _check_cashback(book, program, customer, cashback, priced, now)
        if cashback > after_vouchers:
            raise PaymentOver(excess_centavos=cashback - after_vouchers)
        tendered = _payments(request, uses, cashback)
        payments = [payment for payment, _ in tendered]
        change = change_due(total, payments)

        loyalty_paid = cashback + sum(use.applied for use in uses)
        earn_lines = priced.earn_lines(loyalty_paid)
        # The program at the customer's tier (their spend before this sale) with the day's
        # campaigns; the split per line is what a refund reverses.
        earning = (
            sale_earn(
                session,
                earn_rules(station, session),
                program,
                customer.id,
                customer.birthday,
                earn_lines,
                now,
            )
            if customer is not None
            else None
        )
        earned = earning.units if earning is not None else 0
        line_earned = list(earning.per_line) if earning is not None else [0] * len(earn_lines)
        sale = _write_sale(connection, terminal.id, priced, request, customer, change, earned, now)
        _write_lines(connection, sale, priced, line_earned)
        _INSERT_PAYMENTS.executemany(
            connection,
            [
                {
                    "sale_id": sale.id,
                    "tender": payment.tender.value,
                    "amount": payment.amount,
                    "voucher_id": voucher_id,
                }
                for payment, voucher_id in tendered
            ],
        )
        record_tender_details(
            connection,
            sale.id,
            [
                TenderDetail(t.tender.value, t.amount, t.card, t.pix)
                for t in request.payments
                if t.tender not in (Tender.CASHBACK, Tender.VOUCHER)
            ],
            staff.id,
            now,
        )

        refs = Refs(sale_id=sale.id, sale_uuid=sale.uuid, staff_id=staff.id)
        issued: list[Voucher] = []
        issued_to: list[tuple[Customer, Voucher]] = []
        bonus = 0
        referrer = None
        if customer is not None and book is not None:
            with book.batched():  # the sale's entries: one INSERT and one balance UPDATE
                _redeem_vouchers(book, customer, program, uses, refs)
                if cashback_units:
                    book.append(customer, EntryKind.REDEEM, -cashback_units, refs)
                if earned:
                    book.credit(customer, EntryKind.EARN, earned, program, refs)
                bonus, referrer = _referral_bonus(session, book, customer, program, total, refs)
                purchase_voucher = issue_purchase_voucher(
                    session, book, customer, program, total, refs
                )
                issued += [purchase_voucher] if purchase_voucher else []
                issued_to += [(customer, purchase_voucher)] if purchase_voucher else []
                for holder in (customer, referrer):
                    if holder is not None:
                        voucher = issue_balance_voucher(session, book, holder, program, refs)
                        issued += [voucher] if voucher and holder is customer else []
                        issued_to += [(holder, voucher)] if voucher else []
            if messaging_settings(station, session).enabled:
                _messages(
                    station,
                    session,
                    book,
                    sale.uuid,
                    customer,
                    referrer,
                    program,
                    earned,
                    issued_to,
                )

        _record(
            session,
            store,
            terminal.uuid,
            sale,
            priced,
            customer,
            earned,
            staff,
            approver,
            request,
            now,
        )
        append_only.write(session)
        balance = (
            book.replay(customer.id).balance(now)
            if customer is not None and book is not None
            else None
        )
        professionals = _professional_names(connection, request.lines)
        return SaleResult(
            sale_id=sale.id,
            uuid=sale.uuid,
            number=sale.number,
            created_at=now,
            gross=priced.gross,
            discount=priced.discount_total,
            total=total,
            change=change,
            lines=tuple(
                ReceiptLine(
                    p.line.name,
                    p.line.quantity,
                    p.line.unit_price,
                    p.discount_total,
                    p.net,
                    professionals.get(p.line.professional_id),
                )
                for p in priced.lines
            ),
            payments=tuple((p.tender.value, p.amount) for p in payments),
            customer=_receipt_customer(customer),
            earned=earned,
            redeemed=cashback_units,
            referral_bonus=bonus,
            balance=balance,
            spendable_value=program.value_of_units(max(balance.spendable, 0)) if balance else 0,
            tier=earning.tier.key if earning is not None and earning.tier else None,
            campaigns=earning.campaigns if earning is not None else (),
            points=program.mode is ProgramMode.POINTS,
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


def _ask_authority(
    station: Station, request: CheckoutRequest, authority: Authority
) -> CheckoutRequest:
    """Claim the vouchers and hold a large cashback spend on the endpoint (no lock held)."""
    request = replace(request, sale_uuid=request.sale_uuid or str(uuid.uuid4()))
    offered = [t.voucher or "" for t in request.payments if t.tender is Tender.VOUCHER]
    cashback = sum(t.amount for t in request.payments if t.tender is Tender.CASHBACK)
    if not offered and not (cashback and request.customer_id is not None):
        return request
    with station.read() as session:
        store = station.snapshot(session).store
        codes: list[str] = []
        foreign: dict[str, str] = {}
        for text in offered:
            code = foreign_unknown_code(session, text, store, or_key_unknown=True)
            if code is None:
                codes.append(resolve(session, text, store).code)
            else:
                foreign[text] = code
        customer_uuid = (
            session.scalar(select(Customer.uuid).where(Customer.id == request.customer_id))
            if request.customer_id is not None
            else None
        )
        units = station.program(session).units_for_value(cashback)
    sale_uuid = request.sale_uuid
    assert sale_uuid is not None
    for text, code in foreign.items():
        authority.learn_voucher(text, code, sale_uuid)
    if foreign:  # verified by the endpoint (its store's key may not be here yet): by code
        payments = [
            replace(t, voucher=foreign.get(t.voucher or "", t.voucher))
            if t.tender is Tender.VOUCHER
            else t
            for t in request.payments
        ]
        request = replace(request, payments=payments)
    for code in codes:
        authority.claim_voucher(code, sale_uuid)
    if cashback and customer_uuid is not None:
        authority.hold_cashback(customer_uuid, sale_uuid, cashback, units)
    return request


def cart_lines(connection: Connection, requests: Sequence[LineRequest]) -> list[CartLine]:
    """The cart's items and their categories, read in one query; checked line by line.

    Shared with the live quote, so the screen refuses what checkout would.
    """
    items = {
        row[0]: _CartItem(*row)
        for row in _CART_ITEMS.rows(
            connection, {"ids": list({request.item_id for request in requests})}
        )
    }
    lines = []
    for request in requests:
        item = items.get(request.item_id)
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
                category=item.category,
                professional_id=request.professional_id,
                is_product=item.kind != SERVICE,
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


def _customer_and_staff(
    session: Session, request: CheckoutRequest
) -> tuple[Customer, Staff] | None:
    """The customer and the staff member, read in one query when there is a customer.

    Both are put in the session as loaded: `acting_staff` then finds the staff member
    there without a query of its own. None when either is missing: the usual look-ups
    then run, and refuse, in their usual order.
    """
    if request.customer_id is None:
        return None
    row = _CUSTOMER_AND_STAFF.first(
        session.connection(),
        {"customer_id": request.customer_id, "staff_id": request.staff_id},
    )
    if row is None:
        return None
    return (
        loaded_row(session, Customer, row[:_CUSTOMER_WIDTH]),
        loaded_row(session, Staff, row[_CUSTOMER_WIDTH:]),
    )


def _customer(session: Session, customer_id: int | None) -> Customer | None:
    if customer_id is None:
        return None
    customer = session.scalars(_CUSTOMER, {"customer_id": customer_id}).first()
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
    book: Book | None,
    program: LoyaltyProgram,
    customer: Customer | None,
    amount: int,
    priced: PricedCart,
    now: datetime,
) -> int:
    """The units to take from the balance to pay `amount`, within balance and cap."""
    if amount == 0:
        return 0
    if customer is None or book is None:
        raise CustomerRequired()
    cap = program.redeem_cap(priced.total)
    if amount > cap:
        raise CashbackAboveCap(cap_centavos=cap, asked_centavos=amount)
    spendable = max(book.replay(customer.id).balance(now).spendable, 0)
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
    connection: Connection,
    terminal_id: int,
    priced: PricedCart,
    request: CheckoutRequest,
    customer: Customer | None,
    change: int,
    earned: int,
    now: datetime,
) -> _WrittenSale:
    found = _NUMBER_AND_SHIFT.first(connection, {"terminal_id": terminal_id})
    assert found is not None  # two scalar subqueries: always one row
    last, shift_id = found
    if shift_id is None:  # no sale outside an open shift; nothing is written yet
        raise NoOpenShift()
    sale_uuid = request.sale_uuid or str(uuid.uuid4())
    number = (last or 0) + 1
    written = _INSERT_SALE.execute(
        connection,
        {
            "uuid": sale_uuid,
            "terminal_id": terminal_id,
            "number": number,
            "status": "completed",
            "customer_id": customer.id if customer else None,
            "staff_id": request.staff_id,
            "shift_id": shift_id,
            "gross": priced.gross,
            "discount": priced.discount_total,
            "total": priced.total,
            "change": change,
            "earned": earned,
            "created_at": now,
            "cpf_on_note": request.cpf_on_note,
        },
    )
    assert written.lastrowid is not None
    return _WrittenSale(written.lastrowid, sale_uuid, number)


def _write_lines(
    connection: Connection, sale: _WrittenSale, priced: PricedCart, line_earned: list[int]
) -> None:
    rows = []
    for priced_line, earned in zip(priced.lines, line_earned, strict=True):
        line, share = priced_line.line, priced_line.sale_discount_share
        rows.append(
            {
                "sale_id": sale.id,
                "item_id": line.item_id,
                "description": line.name,
                "category_code": line.category,
                "quantity": line.quantity,
                "unit_price": line.unit_price,
                "line_discount": line.discount,
                "sale_discount_share": share,
                "net": line.gross - line.discount - share,
                "earned": earned,
                "professional_id": line.professional_id,
            }
        )
    _INSERT_LINES.executemany(connection, rows)


def _redeem_vouchers(
    book: Book,
    customer: Customer,
    program: LoyaltyProgram,
    uses: list[_VoucherUse],
    refs: Refs,
) -> None:
    for use in uses:
        voucher = use.voucher
        redeemed = {
            "status": "redeemed",
            "redeemed_sale_id": refs.sale_id,
            "redeemed_at": book.now,
            "redeemed_amount": use.applied,
        }
        # Written now; the loaded object is given the same values as clean ones.
        _REDEEM_VOUCHER.execute(book.session.connection(), {"voucher_id": voucher.id, **redeemed})
        for key, value in redeemed.items():
            set_committed_value(voucher, key, value)
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
    book.flush()  # the look-up reads the ledger: what this sale appended is written first
    already = (
        session.connection()
        .execute(
            _REFERRAL_PAID,
            {"holders": [customer.id, customer.referred_by_id], "customer_id": customer.id},
        )
        .scalar()
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
    # The rule's bonuses are money; a points program credits the points they are worth.
    if rule.referrer_bonus_centavos:
        book.credit(
            referrer,
            EntryKind.REFERRAL_BONUS,
            program.units_for_value(rule.referrer_bonus_centavos),
            program,
            bonus_refs,
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
            customer,
            EntryKind.REFERRAL_BONUS,
            program.units_for_value(rule.referred_bonus_centavos),
            program,
            bonus_refs,
        )
    return rule.referred_bonus_centavos, referrer


def _messages(
    station: Station,
    session: Session,
    book: Book,
    sale_uuid: str,
    customer: Customer,
    referrer: Customer | None,
    program: LoyaltyProgram,
    earned: int,
    issued_to: list[tuple[Customer, Voucher]],
) -> None:
    """The sale's customer messages, in its transaction: cashback credited, each voucher
    issued (with its QR), the referrer's reward. The balances are the book's (no query)."""
    store = station.snapshot(session).store
    zone = earn_rules(station, session).zone
    now = book.now
    points = program.mode is ProgramMode.POINTS

    def balance(lots: Replay) -> int:
        return lots.balance(now).current

    if earned:
        available = now + timedelta(days=program.pending_days)
        expires = available + timedelta(days=program.expiry_days) if program.expiry_days else None
        enqueue(
            station,
            session,
            kind=MessageKind.CASHBACK_CREDITED,
            customer=customer,
            period=sale_uuid,
            facts=MessageFacts(
                store.name,
                customer.name,
                balance_centavos=balance(book.replay(customer.id)),
                amount_centavos=earned,
                points=points,
                available_on=available.astimezone(zone).date(),
                expires_on=expires.astimezone(zone).date() if expires else None,
            ),
            now=now,
        )
    for holder, voucher in issued_to:
        announce_voucher(station, session, book, holder, voucher, program)
    rule = program.referral
    if referrer is not None and rule is not None and rule.referrer_bonus_centavos:
        enqueue(
            station,
            session,
            kind=MessageKind.REFERRAL_REWARD,
            customer=referrer,
            period=customer.uuid,
            facts=MessageFacts(
                store.name,
                referrer.name,
                balance_centavos=balance(book.replay(referrer.id)),
                amount_centavos=program.units_for_value(rule.referrer_bonus_centavos),
                points=points,
                referred_name=customer.name,
            ),
            now=now,
        )


def _record(
    session: Session,
    store: Store,
    terminal_uuid: str,
    sale: _WrittenSale,
    priced: PricedCart,
    customer: Customer | None,
    earned: int,
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
            "total": priced.total,
            "customer": customer.uuid if customer else None,
            "earned": earned,
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
        total=priced.total,
        price_overrides=[
            {"item": line.item_id, "price": line.unit_price}
            for line in request.lines
            if line.unit_price is not None
        ],
        discount=priced.discount_total,
    )


def _professional_names(
    connection: Connection, lines: Sequence[LineRequest]
) -> dict[int | None, str]:
    """The names of the professionals of the cart's lines, in one query."""
    ids = {line.professional_id for line in lines if line.professional_id is not None}
    if not ids:
        return {}
    rows = connection.execute(_STAFF_NAMES, {"ids": list(ids)})
    return {staff_id: name for staff_id, name in rows}


def _receipt_customer(customer: Customer | None) -> ReceiptCustomer | None:
    if customer is None:
        return None
    return ReceiptCustomer(
        customer.name, mask_cpf(customer.cpf) if customer.cpf else None, customer.referral_code
    )
