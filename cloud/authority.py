"""The endpoint's online authority: voucher claims, balance holds, the chain-wide balance."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from cloud import secrets
from cloud.chains import iso, lock_chain
from cloud.errors import ApiError
from cloud.models import Chain, Customer, CustomerBalance, Hold, LedgerEntry, Store, Voucher
from cloud.schemas import ClaimedVoucher
from cloud.secrets import WrongSecretKey
from posapp.core.codes import recased_voucher_qr, verify_voucher_qr, voucher_qr_store
from posapp.core.errors import PosError
from posapp.core.ledger import EntryKind, Movement, replay

_BRASILIA = ZoneInfo("America/Sao_Paulo")

CLAIM_TTL = timedelta(minutes=15)
HOLD_TTL = timedelta(minutes=15)


def claim_voucher(
    session: Session,
    chain_id: str,
    code: str,
    sale_uuid: str,
    now: datetime | None = None,
    *,
    qr: str | None = None,
) -> ClaimedVoucher | None:
    """Reserve a voucher for one sale until its `voucher_redeem` entry arrives (or 15 min).

    With the `qr` a counter scanned for a voucher it has not pulled yet, the QR is first
    checked against the voucher as its store issued it (`_check_qr`), and the voucher is
    answered so the counter can record it."""
    now = now or datetime.now(UTC)
    voucher = session.get(Voucher, (chain_id, code), with_for_update=True)
    if voucher is None:
        raise ApiError(
            404,
            "unknown_voucher",
            f"O servidor não conhece o vale {code}.",
            f"The server does not know voucher {code}.",
        )
    issuer = _check_qr(session, voucher, qr) if qr is not None else None
    if voucher.status == "redeemed":
        if voucher.redeemed_sale == sale_uuid:
            return _claimed(session, voucher, issuer) if issuer is not None else None
        store = (
            session.get(Store, (chain_id, voucher.redeemed_store_uuid))
            if voucher.redeemed_store_uuid
            else None
        )
        store_name = store.name if store is not None else None
        raise ApiError(
            409,
            "voucher_used",
            f"Vale {code} já usado em {store_name or 'outra loja'}.",
            f"Voucher {code} already used at {store_name or 'another store'}.",
            redeemed_at=iso(voucher.redeemed_at),
            store_name=store_name,
        )
    if voucher.status == "cancelled":
        raise ApiError(
            410,
            "voucher_cancelled",
            f"Vale {code} cancelado.",
            f"Voucher {code} was cancelled.",
        )
    if voucher.expires_at is not None and voucher.expires_at <= now:
        raise ApiError(
            410,
            "voucher_expired",
            f"Vale {code} vencido.",
            f"Voucher {code} has expired.",
            expires_at=iso(voucher.expires_at),
        )
    if (
        voucher.claim_sale not in (None, sale_uuid)
        and voucher.claimed_at is not None
        and now - voucher.claimed_at < CLAIM_TTL
    ):
        raise ApiError(
            409,
            "voucher_held",
            f"Vale {code} reservado agora por outra venda.",
            f"Voucher {code} is being used by another sale right now.",
        )
    voucher.claim_sale = sale_uuid
    voucher.claimed_at = now
    return _claimed(session, voucher, issuer) if issuer is not None else None


def _forged(code: str) -> ApiError:
    return ApiError(
        409,  # not 403: a counter reads 401/403 as its own token refused
        "forged_voucher",
        f"O QR do vale {code} não confere com o vale emitido pela loja: não aceito.",
        f"The QR of voucher {code} does not match the voucher its store issued: refused.",
    )


def _check_qr(session: Session, voucher: Voucher, qr: str) -> Store:
    """The issuing store of the voucher, when `qr` is its genuine QR: signed with that
    store's key (sealed here, as for the customer's page), naming that store, with the
    voucher's code, value and expiry as issued. Every counter of the chain holds every
    store's key, so a counter cannot tell this itself for a voucher it has not pulled."""
    data = voucher.data or {}
    named = voucher_qr_store(qr) or ""
    store = session.scalars(
        select(Store).where(
            Store.chain_id == voucher.chain_id, func.lower(Store.store_uuid) == named.lower()
        )
    ).first()
    issuer = data.get("store")
    if (
        store is None
        or not isinstance(issuer, str)
        or issuer.lower() != store.store_uuid.lower()
        or voucher.expires_at is None
    ):
        raise _forged(voucher.code)
    try:
        key = secrets.box_for(session).open(
            store.chain_id, secrets.signing_key_place(store.store_uuid), store.signing_key
        )
        claim = verify_voucher_qr(recased_voucher_qr(qr, store.store_uuid), bytes.fromhex(key))
    except (WrongSecretKey, ValueError, PosError):
        raise _forged(voucher.code) from None
    moment = voucher.expires_at
    days = {moment.astimezone(UTC).date(), moment.astimezone(_BRASILIA).date()}
    signed = int(data.get("value") or 0) or int(data.get("percent_bps") or 0)
    if claim.code != voucher.code or claim.value_centavos != signed or claim.expires_on not in days:
        raise _forged(voucher.code)
    return store


def _claimed(session: Session, voucher: Voucher, store: Store) -> ClaimedVoucher:
    data = voucher.data or {}
    customer = (
        session.get(Customer, (voucher.chain_id, voucher.customer_uuid))
        if voucher.customer_uuid
        else None
    )
    return ClaimedVoucher(
        uuid=data.get("uuid"),
        code=voucher.code,
        kind=data.get("kind"),
        value=int(data.get("value") or 0),
        percent_bps=int(data.get("percent_bps") or 0),
        max_discount=int(data.get("max_discount") or 0),
        min_purchase=int(data.get("min_purchase") or 0),
        issued_at=data.get("issued_at"),
        expires_at=iso(voucher.expires_at),
        store=store.store_uuid,
        store_name=store.name,
        customer=voucher.customer_uuid,
        customer_name=str(customer.data.get("name") or "") or None if customer else None,
    )


def customer_known(session: Session, chain_id: str, customer_uuid: str) -> bool:
    return (
        session.get(Customer, (chain_id, customer_uuid)) is not None
        or session.get(CustomerBalance, (chain_id, customer_uuid)) is not None
    )


def unknown_customer(customer_uuid: str) -> ApiError:
    return ApiError(
        404,
        "unknown_customer",
        f"O servidor não conhece o cliente {customer_uuid}.",
        f"The server does not know customer {customer_uuid}.",
    )


def spendable(session: Session, chain_id: str, customer_uuid: str, now: datetime) -> int:
    """The chain-wide spendable balance: a replay of the customer's entries in applied order."""
    rows = session.execute(
        select(
            LedgerEntry.uuid,
            LedgerEntry.kind,
            LedgerEntry.amount,
            LedgerEntry.created_at,
            LedgerEntry.available_from,
            LedgerEntry.expires_at,
            LedgerEntry.lot_uuid,
        )
        .where(LedgerEntry.chain_id == chain_id, LedgerEntry.customer_uuid == customer_uuid)
        .order_by(LedgerEntry.id)
    )
    moves = [
        Movement(uuid_, EntryKind(kind), amount, created, available, expires, lot)
        for uuid_, kind, amount, created, available, expires, lot in rows
    ]
    return replay(moves).balance(now).spendable


def hold(
    session: Session,
    chain_id: str,
    customer_uuid: str,
    sale_uuid: str,
    amount: int,
    now: datetime | None = None,
) -> int:
    """Hold `amount` for the sale; returns what was available to it (balance less others' holds)."""
    now = now or datetime.now(UTC)
    lock_chain(session, chain_id)  # holds of one chain are decided one at a time
    if not customer_known(session, chain_id, customer_uuid):
        raise unknown_customer(customer_uuid)
    session.execute(
        delete(Hold).where(Hold.chain_id == chain_id, Hold.created_at <= now - HOLD_TTL)
    )
    others = session.scalar(
        select(func.coalesce(func.sum(Hold.amount), 0)).where(
            Hold.chain_id == chain_id,
            Hold.customer_uuid == customer_uuid,
            Hold.sale_uuid != sale_uuid,
        )
    )
    available = max(spendable(session, chain_id, customer_uuid, now) - int(others or 0), 0)
    if amount > available:
        raise ApiError(
            409,
            "insufficient_balance",
            "Saldo da rede insuficiente para este resgate.",
            "The chain-wide balance is not enough for this spend.",
            available=available,
        )
    existing = session.get(Hold, (chain_id, customer_uuid, sale_uuid))
    if existing is None:
        session.add(
            Hold(
                chain_id=chain_id,
                customer_uuid=customer_uuid,
                sale_uuid=sale_uuid,
                amount=amount,
                created_at=now,
            )
        )
    else:
        existing.amount = amount
        existing.created_at = now
    return available


def balance(
    session: Session, chain_id: str, customer_uuid: str, now: datetime | None = None
) -> tuple[int, int, int]:
    """(total, spendable, applied_seq): the chain-wide balance and the seq it includes."""
    now = now or datetime.now(UTC)
    applied_seq = session.scalar(select(Chain.last_seq).where(Chain.id == chain_id)) or 0
    if not customer_known(session, chain_id, customer_uuid):
        raise unknown_customer(customer_uuid)
    row = session.get(CustomerBalance, (chain_id, customer_uuid))
    total = row.total if row is not None else 0
    return total, spendable(session, chain_id, customer_uuid, now), applied_seq
