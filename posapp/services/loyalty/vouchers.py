"""Vouchers: issuing them by the program's rule, and checking one offered at the counter."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, func, insert, select
from sqlalchemy.orm import Session

from db.direct import Direct
from db.models import (
    Customer,
    Store,
    StoreKey,
    Voucher,
    loaded_row,
    table_of,
    written_row,
)
from posapp.core.codes import (
    is_voucher_qr,
    new_voucher_code,
    normalize_voucher_code,
    recased_voucher_qr,
    sign_voucher_qr,
    verify_voucher_qr,
    voucher_qr_store,
)
from posapp.core.errors import (
    ForeignVoucherNotKnown,
    ForgedVoucher,
    UnknownVoucher,
    VoucherCancelled,
    VoucherExpired,
    VoucherMinimumNotMet,
    VoucherNotForCustomer,
    VoucherSpent,
)
from posapp.core.ledger import EntryKind
from posapp.core.money import percent_of
from posapp.core.program import LoyaltyProgram
from posapp.services.common import outbox
from posapp.services.loyalty.ledger import Book, Refs
from posapp.services.loyalty.voucher_return import BALANCE as BALANCE
from posapp.services.loyalty.voucher_return import return_to_balance

_BRASILIA = ZoneInfo("America/Sao_Paulo")

DISCOUNT = "discount"

_BY_CODE = Direct(select(table_of(Voucher)).where(table_of(Voucher).c.code == bindparam("code")))
"""A voucher by its code, read without the ORM's query machinery (see `_by_code`)."""
_INSERT = Direct(insert(table_of(Voucher)))


def resolve(session: Session, offered: str, store: Store) -> Voucher:
    """The voucher a typed code or a scanned QR names; forged or unknown ones are refused."""
    offered = offered.strip()
    if is_voucher_qr(offered):
        return _by_qr(session, offered, store)
    code = normalize_voucher_code(offered)
    voucher = _by_code(session, code)
    if voucher is None:
        raise UnknownVoucher(value=offered)
    return voucher


def _by_qr(session: Session, qr: str, store: Store) -> Voucher:
    """The voucher of a QR signed by the store that issued it, for the value and the
    expiry it was issued with.

    The key that verifies is the named store's, and every store of the chain has its
    key here (sync): without the binding to the voucher's own store, any store of the
    chain could sign a QR, worth anything until any date, for another store's voucher.
    """
    foreign = foreign_unknown_code(session, qr, store)
    if foreign is not None:
        raise ForeignVoucherNotKnown(value=foreign)
    signer = _signer(session, voucher_qr_store(qr), store)
    if signer is None:
        raise ForgedVoucher()
    signer_uuid, key = signer
    claim = verify_voucher_qr(recased_voucher_qr(qr, signer_uuid), key)
    voucher = _by_code(session, claim.code)
    if (
        voucher is None
        or issuing_store(voucher, store).lower() != signer_uuid.lower()
        or signed_value(voucher) != claim.value_centavos
        or claim.expires_on not in signed_days(voucher)
    ):
        raise ForgedVoucher()
    return voucher


def foreign_unknown_code(
    session: Session, qr: str, store: Store, *, or_key_unknown: bool = False
) -> str | None:
    """The code of a voucher QR that names another store and a code no voucher here has
    (not pulled yet), or with `or_key_unknown` a store whose key is not here either (it
    joined the chain after this counter last pulled); None for any other text.

    Such a QR cannot be judged here: its store's key is known to every counter of the
    chain, so only the endpoint, which holds the voucher as its store issued it, can
    (`posapp.services.sales.authority.Authority.learn_voucher`)."""
    fields = qr.strip().split("|")
    if not is_voucher_qr(qr) or len(fields) != 6 or fields[1].lower() == store.uuid.lower():
        return None
    try:
        code = normalize_voucher_code(fields[2].upper())
    except UnknownVoucher:
        return None  # not a code at all: refused as forged
    if _by_code(session, code) is None:
        return code
    if or_key_unknown and _signer(session, fields[1], store) is None:
        return code
    return None


def _by_code(session: Session, code: str) -> Voucher | None:
    """The voucher in the session, as an ORM query would give it (changes pending in the
    session are written first; an object the session holds already is the one returned)."""
    session.flush()
    row = _BY_CODE.first(session.connection(), {"code": code})
    return loaded_row(session, Voucher, row) if row is not None else None


def _signer(session: Session, named: str | None, store: Store) -> tuple[str, bytes] | None:
    """(uuid as recorded, signing key) of the store a QR names, in any case: this store,
    or another of the chain learned by sync (table store_key); None for a store unknown."""
    if named is None:
        return None
    if named.lower() == store.uuid.lower():
        return store.uuid, store.signing_key
    other = session.scalars(
        select(StoreKey).where(func.lower(StoreKey.store_uuid) == named.lower())
    ).first()
    return (other.store_uuid, other.signing_key) if other is not None else None


def issuing_store(voucher: Voucher, store: Store) -> str:
    """The uuid of the store that issued the voucher: its own, for one sync brought from
    another store of the chain; this store's otherwise."""
    return voucher.store_uuid or store.uuid


def signed_days(voucher: Voucher) -> frozenset[date]:
    """The expiry days a genuine QR of the voucher may carry: the UTC date of its expiry
    (what counters sign, `qr_payload`) or its date in Brasília time (what the customer's
    page of the endpoint signs)."""
    moment = voucher.expires_at
    return frozenset({moment.astimezone(UTC).date(), moment.astimezone(_BRASILIA).date()})


def check_usable(voucher: Voucher, customer_id: int | None, purchase: int, now: datetime) -> None:
    """Refuse the voucher for what it is, as the cashier will tell the customer: used
    only when redeemed; expired (with its date) when past its date or lapsed by the daily
    upkeep; cancelled (a voided sale's, or as sync says) for any other state but open."""
    if voucher.status == "redeemed":
        raise VoucherSpent(value=voucher.code)
    if voucher.status == "expired" or voucher.expires_at <= now:
        raise VoucherExpired(
            value=voucher.code, date_day=voucher.expires_at.astimezone(_BRASILIA).date()
        )
    if voucher.status != "open":
        raise VoucherCancelled(value=voucher.code)
    if customer_id is not None and voucher.customer_id != customer_id:
        raise VoucherNotForCustomer(value=voucher.code)
    if purchase < voucher.min_purchase:
        raise VoucherMinimumNotMet(value=voucher.code, minimum_centavos=voucher.min_purchase)


def face_value(voucher: Voucher, purchase: int) -> int:
    """What the voucher is worth on a purchase of this value."""
    if voucher.percent_bps:
        value = percent_of(purchase, voucher.percent_bps)
        return min(value, voucher.max_discount) if voucher.max_discount else value
    return voucher.value


def signed_value(voucher: Voucher) -> int:
    """The number the QR carries: centavos, or basis points for a percent voucher."""
    return voucher.value or voucher.percent_bps


def qr_payload(voucher: Voucher, store: Store) -> str:
    return sign_voucher_qr(
        voucher.code,
        signed_value(voucher),
        voucher.expires_at.date(),
        store.uuid,
        store.signing_key,
    )


def _new_voucher(
    session: Session,
    customer: Customer,
    kind: str,
    program: LoyaltyProgram,
    now: datetime,
    sale_id: int | None,
    value: int = 0,
    percent_bps: int = 0,
) -> Voucher:
    """Written at once (a Core INSERT, no flush); returned attached to the session."""
    rule = program.voucher
    values: dict[str, Any] = {
        "uuid": str(uuid.uuid4()),
        "code": new_voucher_code(),
        "customer_id": customer.id,
        "kind": kind,
        "value": value,
        "percent_bps": percent_bps,
        "max_discount": rule.max_discount_centavos if percent_bps else 0,
        "min_purchase": rule.min_purchase_to_use_centavos if kind == DISCOUNT else 0,
        "issued_at": now,
        "expires_at": now + timedelta(days=rule.validity_days),
        "issue_sale_id": sale_id,
        "status": "open",
        "redeemed_sale_id": None,
        "redeemed_at": None,
        "redeemed_amount": 0,
    }
    values["id"] = _INSERT.execute(session.connection(), values).lastrowid
    voucher = written_row(Voucher, values)
    session.add(voucher)
    return voucher


def issue_balance_voucher(
    session: Session,
    book: Book,
    customer: Customer,
    program: LoyaltyProgram,
    refs: Refs,
) -> Voucher | None:
    """Turn the spendable balance into a voucher when the threshold rule says so."""
    spendable = book.replay(customer.id).balance(book.now).spendable
    value = program.balance_voucher_value(spendable)
    if value <= 0:
        return None
    voucher = _new_voucher(session, customer, BALANCE, program, book.now, refs.sale_id, value)
    book.append(
        customer,
        EntryKind.VOUCHER_ISSUE,
        -value,
        Refs(
            sale_id=refs.sale_id,
            sale_uuid=refs.sale_uuid,
            voucher_id=voucher.id,
            voucher_code=voucher.code,
            staff_id=refs.staff_id,
        ),
    )
    _announce(session, voucher, customer, book.now)
    return voucher


def issue_purchase_voucher(
    session: Session,
    book: Book,
    customer: Customer,
    program: LoyaltyProgram,
    purchase: int,
    refs: Refs,
) -> Voucher | None:
    """A discount voucher for a purchase above the program's threshold."""
    if not program.purchase_voucher_due(purchase):
        return None
    rule = program.voucher
    voucher = _new_voucher(
        session,
        customer,
        DISCOUNT,
        program,
        book.now,
        refs.sale_id,
        value=rule.value_centavos,
        percent_bps=0 if rule.value_centavos else rule.percent_bps,
    )
    book.append(
        customer,
        EntryKind.VOUCHER_ISSUE,
        0,
        Refs(
            sale_id=refs.sale_id,
            sale_uuid=refs.sale_uuid,
            voucher_id=voucher.id,
            voucher_code=voucher.code,
            staff_id=refs.staff_id,
        ),
    )
    _announce(session, voucher, customer, book.now)
    return voucher


def _announce(session: Session, voucher: Voucher, customer: Customer, now: datetime) -> None:
    outbox.emit(
        session,
        "voucher.issued",
        now,
        {
            "voucher": voucher.uuid,
            "code": voucher.code,
            "customer": customer.uuid,
            "kind": voucher.kind,
            "value": voucher.value,
            "percent_bps": voucher.percent_bps,
            "expires_at": voucher.expires_at,
        },
    )


def give_back_unused(
    session: Session, book: Book, customer: Customer, voucher: Voucher, refs: Refs
) -> int:
    """A balance voucher that can no longer be used returns its cashback to the balance,
    with its lots' own dates (`return_to_balance`); a lot already past its date is written
    off by the daily upkeep. The voucher is marked expired. Returns the centavos given back."""
    voucher.status = "expired"
    if voucher.kind != BALANCE or voucher.value <= 0:
        return 0
    note = "vale vencido sem uso: cashback de volta ao saldo"
    return_to_balance(session, book, customer, voucher, refs, note)
    return voucher.value
