"""What the customers screen reads: a profile, the ledger with its sales, referrals.

Read-only companions of `posapp.services.customers.registry` for the counter's customer
screen: every row carries the ids the screen needs to open what it names (the
sale behind a ledger row, the customer behind a referral).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select

from db.models import Customer, LedgerEntry, Sale
from posapp.core.errors import UnknownCustomer
from posapp.core.ledger import EntryKind
from posapp.services.common.station import Station


@dataclass(frozen=True, slots=True)
class CustomerProfile:
    id: int
    uuid: str
    name: str
    cpf: str | None
    phone: str | None
    email: str | None
    birthday: date | None
    marketing_consent: bool
    consent_at: datetime | None
    referral_code: str
    referred_by: str | None
    """The name of whoever referred this customer."""
    created_at: datetime


@dataclass(frozen=True, slots=True)
class LedgerRow:
    """One ledger movement; `value` is `amount` (program units) in centavos."""

    id: int
    at: datetime
    kind: str
    amount: int
    value: int
    sale_id: int | None
    sale_number: int | None
    voucher_code: str | None
    note: str | None


@dataclass(frozen=True, slots=True)
class Referral:
    customer_id: int
    name: str
    enrolled_at: datetime
    purchases: int
    bonus: int
    """The referral bonus their purchases earned the referrer, in centavos."""


def profile(station: Station, customer_id: int) -> CustomerProfile:
    with station.read() as session:
        customer = session.get(Customer, customer_id)
        if customer is None:
            raise UnknownCustomer(value=customer_id)
        referrer = customer.referred_by
        return CustomerProfile(
            id=customer.id,
            uuid=customer.uuid,
            name=customer.name,
            cpf=customer.cpf,
            phone=customer.phone,
            email=customer.email,
            birthday=customer.birthday,
            marketing_consent=customer.marketing_consent,
            consent_at=customer.consent_at,
            referral_code=customer.referral_code,
            referred_by=referrer.name if referrer is not None else None,
            created_at=customer.created_at,
        )


def ledger(station: Station, customer_id: int) -> list[LedgerRow]:
    """Every movement of the customer's cashback, newest first, with the sale behind it."""
    with station.read() as session:
        program = station.program(session)
        rows = session.execute(
            select(LedgerEntry, Sale.number)
            .outerjoin(Sale, Sale.id == LedgerEntry.sale_id)
            .where(LedgerEntry.customer_id == customer_id)
            .order_by(LedgerEntry.id.desc())
        )
        return [
            LedgerRow(
                id=entry.id,
                at=entry.created_at,
                kind=entry.kind,
                amount=entry.amount,
                value=program.value_of_units(entry.amount),
                sale_id=entry.sale_id,
                sale_number=number,
                voucher_code=entry.voucher_code,
                note=entry.note,
            )
            for entry, number in rows
        ]


def referrals(station: Station, customer_id: int) -> list[Referral]:
    """The customers this one referred, oldest first, with what each earned them."""
    with station.read() as session:
        program = station.program(session)
        purchases = (
            select(func.count(Sale.id))
            .where(Sale.customer_id == Customer.id, Sale.voided_at.is_(None))
            .correlate(Customer)
            .scalar_subquery()
        )
        referred = session.execute(
            select(Customer, purchases)
            .where(Customer.referred_by_id == customer_id)
            .order_by(Customer.created_at, Customer.id)
        ).all()
        bonuses = dict(
            session.execute(
                select(LedgerEntry.related_customer_id, func.sum(LedgerEntry.amount))
                .where(
                    LedgerEntry.customer_id == customer_id,
                    LedgerEntry.kind == EntryKind.REFERRAL_BONUS.value,
                )
                .group_by(LedgerEntry.related_customer_id)
            ).all()
        )
        return [
            Referral(
                customer_id=customer.id,
                name=customer.name,
                enrolled_at=customer.created_at,
                purchases=int(count or 0),
                bonus=program.value_of_units(int(bonuses.get(customer.id) or 0)),
            )
            for customer, count in referred
        ]
