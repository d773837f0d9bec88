"""Customer data rights (LGPD): a customer's data exported, or anonymized on request.

The export is everything this counter holds about one customer: the profile,
the consent, every ledger entry, the vouchers, a summary of every sale, and the
customers they referred (by uuid and date only: those are other people's data).

Anonymizing clears what identifies the person (name, CPF, mobile, e-mail,
birthday), withdraws the marketing consent and replaces the referral code (it
starts with the first name). The ledger keys customers by uuid and id, so no
ledger row, sale or voucher changes: the chain and every balance stay whole and
`verify` stays clean. It is a manager's action, audited (with the reason, never
the data removed), and announced to the other counters ("customer.anonymized").

Copies of the data elsewhere in the file go too: a message not sent yet is
dropped (skipped, reason "anonymized") and every message of the customer loses
its address and figures; old outbox events about the customer keep only its uuid.

Name search is an FTS5 index, which keeps a changed name's terms in its segments
(only marked deleted) until they are merged: anonymizing merges them at once
('optimize'), with SQLite's secure_delete on, so the old name is neither found
nor left in the index or the freed pages of this database file. Backups taken
before still hold it until they age out (`backup_keep_days`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select, text, update
from sqlalchemy.orm import Session

from db.models import (
    Customer,
    CustomerBalance,
    LedgerEntry,
    Message,
    OutboxEvent,
    Sale,
    Voucher,
)
from db.schema_sql import FTS_TABLE
from posapp.core.codes import new_referral_code
from posapp.core.cpf import is_valid_cpf, normalize_cpf
from posapp.core.errors import InvalidCPF, UnknownCustomer
from posapp.services.common import audit, outbox
from posapp.services.common.auth import authorize_manager
from posapp.services.common.station import Station
from posapp.services.messages.queue import DEFERRED, QUEUED, SKIPPED

ANONYMOUS_NAME = "Cliente anonimizado"
EXPORT_FORMAT = "posapp.customer-export/1"
ERASED_FIELDS = ("name", "cpf", "phone", "email", "birthday", "marketing_consent")
WAITING = (QUEUED, DEFERRED)
"""Message statuses that could still go out."""
ANONYMIZED_DETAIL = "Cliente anonimizado (LGPD): mensagem descartada."
KEPT = frozenset({"message", "idempotency_key", "kind", "channel", "customer", "store"})
"""What stays of a pushed-or-pending `message.queued` event: no address, text or figures."""


FIELD_NAMES = {
    "name": ("nome", "name"),
    "cpf": ("CPF", "CPF"),
    "phone": ("celular", "mobile"),
    "email": ("e-mail", "e-mail"),
    "birthday": ("aniversário", "birthday"),
    "marketing_consent": ("consentimento de ofertas", "marketing consent"),
}


@dataclass(frozen=True, slots=True)
class Anonymized:
    """Which of `ERASED_FIELDS` held something and were erased; the customer's uuid stays."""

    customer_uuid: str
    cleared: tuple[str, ...]

    def cleared_text(self, locale: str = "pt_BR") -> str:
        """The erased fields in words ("nome, CPF, celular"), "-" when nothing was left."""
        index = 0 if locale.startswith("pt") else 1
        return ", ".join(FIELD_NAMES[key][index] for key in self.cleared) or "-"


def _iso(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


def customer_id_by_cpf(station: Station, cpf: str) -> int:
    if not is_valid_cpf(cpf):
        raise InvalidCPF(value=cpf)
    with station.read() as session:
        found = session.scalar(select(Customer.id).where(Customer.cpf == normalize_cpf(cpf)))
    if found is None:
        raise UnknownCustomer(value=cpf)
    return int(found)


def export_customer(station: Station, customer_id: int) -> dict[str, Any]:
    """All the customer's data, as JSON-ready values (dates in ISO 8601, money in centavos)."""
    with station.read() as session:
        customer = session.get(Customer, customer_id)
        if customer is None:
            raise UnknownCustomer(value=customer_id)
        store = station.snapshot(session).store
        balance = session.get(CustomerBalance, customer.id)
        return {
            "format": EXPORT_FORMAT,
            "exported_at": _iso(station.now()),
            "controller": {"store": store.name, "cnpj": store.cnpj},
            "profile": {
                "uuid": customer.uuid,
                "name": customer.name,
                "cpf": customer.cpf,
                "phone": customer.phone,
                "email": customer.email,
                "birthday": _iso(customer.birthday),
                "created_at": _iso(customer.created_at),
                "referral_code": customer.referral_code,
                "referred_by": customer.referred_by.uuid if customer.referred_by else None,
            },
            "consent": {
                "marketing": customer.marketing_consent,
                "given_at": _iso(customer.consent_at),
            },
            "balance_units": balance.units if balance else 0,
            "ledger": _entries(session, customer.id),
            "vouchers": _vouchers(session, customer.id),
            "sales": _sales(session, customer.id),
            "referrals": [
                {"customer": uuid, "enrolled_at": _iso(at)}
                for uuid, at in session.execute(
                    select(Customer.uuid, Customer.created_at)
                    .where(Customer.referred_by_id == customer.id)
                    .order_by(Customer.id)
                )
            ],
        }


def save_export(station: Station, customer_id: int, manager_pin: str, out: Path) -> Path:
    """The export written to `out` as JSON (UTF-8), with a manager's PIN, audited.

    Handing a person's data over is a manager's act: the audit row names who did it
    and the file's name, never the data. The file is written beside and then renamed,
    so a failed write leaves no half-file behind.
    """
    now = station.now()
    with station.write() as session:
        manager = authorize_manager(session, manager_pin, "exportar dados de cliente", now)
        customer = session.get(Customer, customer_id)
        if customer is None:
            raise UnknownCustomer(value=customer_id)
        audit.record(
            session,
            at=now,
            terminal_uuid=station.terminal(session).uuid,
            action="customer.export",
            staff_id=manager.id,
            authorized_by_id=manager.id,
            target=f"customer:{customer.uuid}",
            file=Path(out).name,
        )
        data = export_customer(station, customer_id)
        out = Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        temp = out.with_name(f".{out.name}.tmp")
        try:
            temp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            os.replace(temp, out)
        finally:
            temp.unlink(missing_ok=True)
    return out


def _entries(session: Session, customer_id: int) -> list[dict[str, Any]]:
    rows = session.scalars(
        select(LedgerEntry).where(LedgerEntry.customer_id == customer_id).order_by(LedgerEntry.id)
    )
    return [
        {
            "uuid": e.uuid,
            "kind": e.kind,
            "amount": e.amount,
            "created_at": _iso(e.created_at),
            "available_from": _iso(e.available_from),
            "expires_at": _iso(e.expires_at),
            "sale": e.sale_uuid,
            "voucher": e.voucher_code,
            "note": e.note,
        }
        for e in rows
    ]


def _vouchers(session: Session, customer_id: int) -> list[dict[str, Any]]:
    rows = session.scalars(
        select(Voucher).where(Voucher.customer_id == customer_id).order_by(Voucher.id)
    )
    return [
        {
            "code": v.code,
            "kind": v.kind,
            "value": v.value,
            "percent_bps": v.percent_bps,
            "min_purchase": v.min_purchase,
            "issued_at": _iso(v.issued_at),
            "expires_at": _iso(v.expires_at),
            "status": v.status,
            "redeemed_at": _iso(v.redeemed_at),
            "redeemed_amount": v.redeemed_amount,
        }
        for v in rows
    ]


def _sales(session: Session, customer_id: int) -> list[dict[str, Any]]:
    rows = session.scalars(select(Sale).where(Sale.customer_id == customer_id).order_by(Sale.id))
    return [
        {
            "uuid": s.uuid,
            "number": s.number,
            "at": _iso(s.created_at),
            "status": s.status,
            "gross": s.gross,
            "discount": s.discount,
            "total": s.total,
            "earned": s.earned,
            "items": [
                {"description": line.description, "quantity": line.quantity, "net": line.net}
                for line in s.lines
            ],
            "payments": [{"tender": p.tender, "amount": p.amount} for p in s.payments],
        }
        for s in rows
    ]


def anonymize_customer(
    station: Station, customer_id: int, manager_pin: str, reason: str
) -> Anonymized:
    """Clear what identifies the customer; their ledger, sales and vouchers stay as they are."""
    now = station.now()
    with station.write() as session, _secure_delete(session):
        manager = authorize_manager(session, manager_pin, "anonimizar cliente", now)
        customer = session.get(Customer, customer_id)
        if customer is None:
            raise UnknownCustomer(value=customer_id)
        cleared = [
            key
            for key in ERASED_FIELDS
            if getattr(customer, key) not in (None, False, ANONYMOUS_NAME)
        ]
        customer.name = ANONYMOUS_NAME
        customer.cpf = None
        customer.phone = None
        customer.email = None
        customer.birthday = None
        customer.marketing_consent = False
        customer.consent_at = None
        customer.consent_changed_at = now
        customer.details_changed_at = now
        customer.referral_code = _fresh_code(session)
        session.flush()
        _scrub_copies(session, customer, now)
        outbox.emit(
            session,
            "customer.anonymized",
            now,
            {
                "customer": customer.uuid,
                "referral_code": customer.referral_code,
                "staff_id": manager.id,
            },
        )
        audit.record(
            session,
            at=now,
            terminal_uuid=station.terminal(session).uuid,
            action="customer.anonymize",
            staff_id=manager.id,
            authorized_by_id=manager.id,
            target=f"customer:{customer.uuid}",
            reason=" ".join(reason.split()),
            cleared=cleared,
        )
        session.flush()
        # The index still holds the old name's terms, marked deleted: merge them away.
        session.execute(text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')"))
        done = Anonymized(customer.uuid, tuple(cleared))
    return done


def _scrub_copies(session: Session, customer: Customer, now: datetime) -> None:
    """The person's data copied elsewhere in this file: messages and old outbox payloads.

    A message not sent yet is dropped (kept as skipped, reason "anonymized"); every
    message loses its address and figures. Outbox events about the customer keep only
    the uuid (sync builds what it sends from the customer row, which is cleared now).
    """
    connection = session.connection()
    connection.execute(
        update(Message)
        .where(Message.customer_id == customer.id, Message.status.in_(WAITING))
        .values(status=SKIPPED, reason="anonymized", reason_detail=ANONYMIZED_DETAIL)
    )
    connection.execute(
        update(Message)
        .where(Message.customer_id == customer.id)
        .values(to_address=None, facts_json="{}", qr_payload=None)
    )
    connection.execute(
        update(OutboxEvent)
        .where(
            OutboxEvent.kind.like("customer.%"),
            OutboxEvent.payload.contains(customer.uuid),
        )
        .values(payload=json.dumps({"customer": customer.uuid, "anonymized": now.isoformat()}))
    )
    queued = connection.execute(
        select(OutboxEvent.id, OutboxEvent.payload).where(
            OutboxEvent.kind == "message.queued", OutboxEvent.payload.contains(customer.uuid)
        )
    ).all()
    for event_id, payload in queued:
        # The endpoint keeps a message without its text as failed ("incomplete"): nothing
        # of the person travels or stays, and the key still names the message.
        body = {key: value for key, value in json.loads(payload).items() if key in KEPT}
        connection.execute(
            update(OutboxEvent)
            .where(OutboxEvent.id == event_id)
            .values(payload=json.dumps({**body, "anonymized": now.isoformat()}))
        )


@contextmanager
def _secure_delete(session: Session) -> Iterator[None]:
    """SQLite zeroes what it deletes meanwhile (old name cells, merged index segments)."""
    before = session.execute(text("PRAGMA secure_delete")).scalar()
    session.execute(text("PRAGMA secure_delete = ON"))
    try:
        yield
    finally:
        session.execute(text(f"PRAGMA secure_delete = {int(before or 0)}"))


def _fresh_code(session: Session) -> str:
    for _ in range(20):
        code = new_referral_code()
        if not session.scalar(select(Customer.id).where(Customer.referral_code == code)):
            return code
    raise RuntimeError("could not find a free referral code")
