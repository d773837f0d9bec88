"""Customers: enrolment, look-up, balances, history and vouchers."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from db.models import Customer, LedgerEntry, Sale, Voucher
from posapp.core.codes import new_referral_code
from posapp.core.cpf import cpf_or_none, is_valid_cpf, normalize_cpf
from posapp.core.errors import (
    CustomerIdentityRequired,
    DuplicateCustomer,
    UnknownCustomer,
    UnknownReferralCode,
)
from posapp.core.ledger import Balance, Replay
from posapp.core.messages import MessageFacts, MessageKind
from posapp.core.phone import VALID_DDDS, is_valid_mobile, mobile_or_none, normalize_mobile
from posapp.core.program import LoyaltyProgram
from posapp.services.common import lookups, outbox
from posapp.services.common.station import Station
from posapp.services.loyalty.ledger import replay_customer, replay_customers
from posapp.services.messages.queue import enqueue

SEARCH_LIMIT = 20


@dataclass(frozen=True, slots=True)
class Enrolment:
    name: str
    cpf: str | None = None
    phone: str | None = None
    email: str | None = None
    birthday: date | None = None
    marketing_consent: bool = False
    referred_by_code: str | None = None


class CustomerSummary(NamedTuple):
    """A customer as a search finds them (a tuple: made from each found row without the
    cost of a frozen dataclass's __init__)."""

    id: int
    uuid: str
    name: str
    cpf: str | None
    phone: str | None
    referral_code: str
    balance_units: int


@dataclass(frozen=True, slots=True)
class VoucherView:
    code: str
    kind: str
    value: int
    percent_bps: int
    min_purchase: int
    expires_at: datetime
    status: str


@dataclass(frozen=True, slots=True)
class HistoryRow:
    at: datetime
    kind: str
    amount: int
    sale_number: int | None
    voucher_code: str | None
    note: str | None


@dataclass(frozen=True, slots=True)
class CustomerAccount:
    """What the counter shows about a customer: balance in units and in money."""

    summary: CustomerSummary
    balance: Balance
    spendable_value: int
    open_vouchers: tuple[VoucherView, ...]


def enrol(station: Station, data: Enrolment, staff_id: int | None = None) -> CustomerSummary:
    """Register a customer; a CPF or a mobile number is required, consent is recorded."""
    cpf = normalize_cpf(data.cpf) if data.cpf else None
    phone = normalize_mobile(data.phone) if data.phone else None
    if cpf is None and phone is None:
        raise CustomerIdentityRequired()
    name = " ".join(data.name.split())
    now = station.now()
    with station.write() as session:
        _refuse_duplicates(session, cpf, phone)
        referrer = _referrer(session, data.referred_by_code)
        customer = Customer(
            uuid=str(uuid.uuid4()),
            cpf=cpf,
            phone=phone,
            name=name,
            email=data.email or None,
            birthday=data.birthday,
            marketing_consent=data.marketing_consent,
            consent_at=now if data.marketing_consent else None,
            consent_changed_at=now if data.marketing_consent else None,
            details_changed_at=now,
            referral_code=_unique_referral_code(session, name),
            referred_by_id=referrer.id if referrer else None,
            created_at=now,
        )
        session.add(customer)
        session.flush()
        outbox.emit(
            session,
            "customer.enrolled",
            now,
            {
                "customer": customer.uuid,
                "name": name,
                "cpf": cpf,
                "phone": phone,
                "email": customer.email,
                "consent": data.marketing_consent,
                "referred_by": referrer.uuid if referrer else None,
                "staff_id": staff_id,
            },
        )
        enqueue(
            station,
            session,
            kind=MessageKind.WELCOME,
            customer=customer,
            period="enrolment",
            facts=MessageFacts("", name, earn_rate_bps=station.program(session).earn_bps),
            now=now,
        )
        return _summary(customer, 0)


def _refuse_duplicates(session: Session, cpf: str | None, phone: str | None) -> None:
    if cpf and session.scalar(select(Customer.id).where(Customer.cpf == cpf)):
        raise DuplicateCustomer(field="CPF", value=cpf)
    if phone and session.scalar(select(Customer.id).where(Customer.phone == phone)):
        raise DuplicateCustomer(field="celular", value=phone)


def _referrer(session: Session, code: str | None) -> Customer | None:
    if not code:
        return None
    referrer = session.scalars(
        select(Customer).where(Customer.referral_code == code.strip().upper())
    ).first()
    if referrer is None:
        raise UnknownReferralCode(value=code)
    return referrer


def _unique_referral_code(session: Session, name: str) -> str:
    for _ in range(20):
        code = new_referral_code(name)
        if not session.scalar(select(Customer.id).where(Customer.referral_code == code)):
            return code
    raise RuntimeError("could not find a free referral code")


def find(session: Session, query: str) -> Customer | None:
    """The one customer a CPF or mobile number names, or None."""
    if is_valid_cpf(query):
        return session.scalars(select(Customer).where(Customer.cpf == normalize_cpf(query))).first()
    if is_valid_mobile(query):
        phone = normalize_mobile(query)
        return session.scalars(select(Customer).where(Customer.phone == phone)).first()
    return None


def search(station: Station, query: str, limit: int = SEARCH_LIMIT) -> list[CustomerSummary]:
    """By CPF, by mobile, by the start of either, or by fragments of the name (accents ignored).

    One statement each time, customer and balance together. CPF and mobile are found
    by index range (the start of the number as typed, the mobile with its DDD); the
    name through the full-text index: its first `limit` matches, shown by name (those
    starting as typed first). FTS5's rank (bm25) is not used: it counts every match
    of every term, which for a short prefix ("ma") is most of the customers.
    """
    query = query.strip()
    if not query:
        return []
    shown = _shown_number(query)
    if shown is not None:
        statement, number = shown
        return _summaries(station, statement, (number,))
    params: dict[str, object] = {"n": limit}
    digits = _NOT_DIGIT.sub("", query) if _NUMBER.fullmatch(query) is not None else ""
    numeric = len(digits) >= 4
    cpf = cpf_or_none(query) if numeric and len(digits) == 11 else None
    mobile = len(digits) in (12, 13) or (len(digits) == 11 and digits[2] == "9")
    phone = mobile_or_none(query) if numeric and mobile else None
    if cpf is not None or phone is not None:
        params |= {"cpf": cpf, "phone": phone}
        statement = _BY_CPF if phone is None else _BY_PHONE if cpf is None else _BY_NUMBER
    elif numeric and len(digits) in (8, 9) and not digits.startswith("0"):
        params |= {"cpf_lo": digits, "cpf_hi": digits + _AFTER_DIGITS}
        statement = _by_local_number(digits)
    elif numeric:
        phone = "+" + digits if digits.startswith("55") and len(digits) > 11 else "+55" + digits
        params |= {"cpf_lo": digits, "cpf_hi": digits + _AFTER_DIGITS}
        params |= {"phone_lo": phone, "phone_hi": phone + _AFTER_DIGITS}
        statement = _BY_NUMBER_START
    else:
        tokens = re.findall(r"\w+", query)
        if not tokens:
            return []
        params |= {"m": " ".join(f'"{token}"*' for token in tokens)}
        params |= {"starts": query.replace("%", "").replace("_", "") + "%"}
        statement = _BY_NAME
    return _summaries(station, statement, params)


def _summaries(
    station: Station, statement: str, params: tuple[str] | dict[str, object]
) -> list[CustomerSummary]:
    return list(map(CustomerSummary._make, lookups.rows(station, statement, params)))


@dataclass(frozen=True, slots=True)
class SearchPage:
    """Search results with each customer's replayed balance, for the Clientes table."""

    program: LoyaltyProgram
    found: tuple[tuple[CustomerSummary, Balance], ...]


def _shown_number(query: str) -> tuple[str, str] | None:
    """A mobile or a CPF written as posapp shows them, "(11) 91234-5678" or
    "529.982.247-25" (the numbers typed most): the one statement that finds it and its
    normalised number. The general path of `search` gives the same answer, slower. None
    for anything else, a wrong area code, or a CPF whose digits are a mobile's too (both
    are asked for there).

    A CPF's check digits are not computed: the general path looks an invalid one up by
    its start, which for all 11 digits is the same equality (and finds no one)."""
    mobile = _MOBILE_SHOWN.fullmatch(query)
    if mobile is not None:
        return (_ONE_PHONE, "+55" + "".join(mobile.groups())) if mobile[1] in VALID_DDDS else None
    cpf = _CPF_SHOWN.fullmatch(query)
    if cpf is None:
        return None
    digits = "".join(cpf.groups())
    if digits[2] == "9" and digits[:2] in VALID_DDDS:
        return None
    return _ONE_CPF, digits


def search_with_balances(station: Station, query: str, limit: int = SEARCH_LIMIT) -> SearchPage:
    """`search`, then every found customer's ledger in one statement and one session."""
    found = search(station, query, limit)
    with station.read() as session:
        program = station.program(session)
        replays = replay_customers(session, (summary.id for summary in found))
    now = station.now()
    return SearchPage(
        program, tuple((summary, replays[summary.id].balance(now)) for summary in found)
    )


_NOT_DIGIT = re.compile(r"\D")
_NUMBER = re.compile(r"[\d\s.()+/-]+")
"""A CPF or phone number as people type them: digits and separators only."""


_AFTER_DIGITS = ":"
"""The character after '9': `x <= v < x + ':'` holds for every digit string v starting with x."""

_SUMMARY = (
    "SELECT c.id, c.uuid, c.name, c.cpf, c.phone, c.referral_code, coalesce(b.units, 0) "
    "FROM {source} LEFT JOIN customer_balance AS b ON b.customer_id = c.id "
)
_BY_CPF = _SUMMARY.format(source="customer AS c") + "WHERE c.cpf = :cpf LIMIT :n"
_BY_PHONE = _SUMMARY.format(source="customer AS c") + "WHERE c.phone = :phone LIMIT :n"
_ONE_PHONE = _SUMMARY.format(source="customer AS c") + "WHERE c.phone = ?"
_ONE_CPF = _SUMMARY.format(source="customer AS c") + "WHERE c.cpf = ?"
_MOBILE_SHOWN = re.compile(r"\(([0-9]{2})\) ?(9[0-9]{4})-?([0-9]{4})")
_CPF_SHOWN = re.compile(r"([0-9]{3})\.([0-9]{3})\.([0-9]{3})-([0-9]{2})")
_BY_NUMBER = (
    _SUMMARY.format(source="customer AS c")
    + "WHERE c.cpf = :cpf OR c.phone = :phone ORDER BY c.cpf = :cpf DESC LIMIT :n"
)
_BY_NUMBER_START = (
    _SUMMARY.format(source="customer AS c") + "WHERE (c.cpf >= :cpf_lo AND c.cpf < :cpf_hi) "
    "OR (c.phone >= :phone_lo AND c.phone < :phone_hi) LIMIT :n"
)
# Brazil's area codes (Anatel): a mobile typed without its DDD ("98765-4321") is looked
# up under each of them, one index probe apiece, rather than by a scan of every phone.
_DDDS = (
    *range(11, 20),
    21,
    22,
    24,
    27,
    28,
    *range(31, 36),
    37,
    38,
    *range(41, 50),
    51,
    *range(53, 56),
    *range(61, 70),
    71,
    *range(73, 76),
    77,
    79,
    *range(81, 90),
    *range(91, 100),
)


def _by_local_number(digits: str) -> str:
    """The start of a CPF, or a mobile typed without its DDD (8 digits: the 9 in front)."""
    local = digits if len(digits) == 9 else "9" + digits
    phones = ", ".join(f"'+55{ddd}{local}'" for ddd in _DDDS)
    return (
        _SUMMARY.format(source="customer AS c")
        + f"WHERE (c.cpf >= :cpf_lo AND c.cpf < :cpf_hi) OR c.phone IN ({phones}) LIMIT :n"
    )


_BY_NAME = (
    "SELECT c.id, c.uuid, c.name, c.cpf, c.phone, c.referral_code, coalesce(b.units, 0) "
    "FROM (SELECT c.id, c.uuid, c.name, c.cpf, c.phone, c.referral_code "
    "      FROM (SELECT rowid AS id FROM customer_fts WHERE customer_fts MATCH :m "
    "            LIMIT :n) AS f "
    "      JOIN customer AS c ON c.id = f.id "
    "      ORDER BY c.name LIKE :starts DESC, c.name LIMIT :n) AS c "
    "LEFT JOIN customer_balance AS b ON b.customer_id = c.id "
    "ORDER BY c.name LIKE :starts DESC, c.name"
)


def account(station: Station, customer_id: int) -> CustomerAccount:
    with station.read() as session:
        customer = session.get(Customer, customer_id)
        if customer is None:
            raise UnknownCustomer(value=customer_id)
        program = station.program(session)
        return account_in(session, customer, program, station.now())


_OPEN_VOUCHERS = (
    select(
        Voucher.code,
        Voucher.kind,
        Voucher.value,
        Voucher.percent_bps,
        Voucher.min_purchase,
        Voucher.expires_at,
        Voucher.status,
    )
    .where(Voucher.customer_id == bindparam("customer_id"), Voucher.status == "open")
    .where(Voucher.expires_at > bindparam("now"))
    .order_by(Voucher.expires_at)
)
"""A customer's usable vouchers, as the columns of a `VoucherView`."""


def account_in(
    session: Session,
    customer: Customer,
    program: LoyaltyProgram,
    now: datetime,
    *,
    lots: Replay | None = None,
) -> CustomerAccount:
    """The account as this session sees it; `lots`: the customer's replay, when already made."""
    balance = (replay_customer(session, customer.id) if lots is None else lots).balance(now)
    vouchers = session.execute(_OPEN_VOUCHERS, {"customer_id": customer.id, "now": now})
    return CustomerAccount(
        summary=_summary(customer, balance.total),
        balance=balance,
        spendable_value=program.value_of_units(max(balance.spendable, 0)),
        open_vouchers=tuple(VoucherView(*row) for row in vouchers),
    )


def history(station: Station, customer_id: int) -> list[HistoryRow]:
    with station.read() as session:
        rows = session.execute(
            select(LedgerEntry, Sale.number)
            .outerjoin(Sale, Sale.id == LedgerEntry.sale_id)
            .where(LedgerEntry.customer_id == customer_id)
            .order_by(LedgerEntry.id)
        )
        return [
            HistoryRow(e.created_at, e.kind, e.amount, number, e.voucher_code, e.note)
            for e, number in rows
        ]


def vouchers(station: Station, customer_id: int) -> list[VoucherView]:
    with station.read() as session:
        rows = session.scalars(
            select(Voucher).where(Voucher.customer_id == customer_id).order_by(Voucher.id)
        )
        now = station.now()
        return [_voucher_view(v, now) for v in rows]


def _voucher_view(voucher: Voucher, now: datetime | None = None) -> VoucherView:
    status = voucher.status
    if status == "open" and now is not None and voucher.expires_at <= now:
        status = "expired"
    return VoucherView(
        voucher.code,
        voucher.kind,
        voucher.value,
        voucher.percent_bps,
        voucher.min_purchase,
        voucher.expires_at,
        status,
    )


def _summary(customer: Customer, units: int) -> CustomerSummary:
    return CustomerSummary(
        customer.id,
        customer.uuid,
        customer.name,
        customer.cpf,
        customer.phone,
        customer.referral_code,
        units,
    )
