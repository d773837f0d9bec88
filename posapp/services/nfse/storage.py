"""The `nfse_note` rows: one per DPS, read back as plain records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import NfseNote, Setting

NFSE_NUMBERED = "nfse.numbered_to."
"""A `setting` key, then the series: the highest DPS number a file replaced by a restore
had used (posapp.services.admin.fiscal_carry)."""

PENDING = "pending"  # built and signed, waiting for the national environment
AUTHORISED = "authorised"
REJECTED = "rejected"
WITHDRAWN = "withdrawn"  # the sale was voided before the DPS ever left
CANCEL_PENDING = "cancel_pending"  # the sale was voided, the event still has to go
"""`reason` holds the justification the event sends; `code`, the last refusal's code."""
CANCELLED = "cancelled"
WAITING = (PENDING, CANCEL_PENDING)


@dataclass(frozen=True)
class NfseRecord:
    id: int
    sale_id: int
    series: int
    number: int
    dps_id: str
    status: str
    key: str
    nfse_number: str
    dps_xml: bytes
    nfse_xml: bytes | None
    cancel_xml: bytes | None
    code: str
    reason: str
    maybe_sent: bool
    attempts: int
    issued_at: datetime


def to_record(row: NfseNote) -> NfseRecord:
    return NfseRecord(
        row.id,
        row.sale_id,
        row.series,
        row.number,
        row.dps_id,
        row.status,
        row.key or "",
        row.nfse_number or "",
        row.dps_xml,
        row.nfse_xml,
        row.cancel_xml,
        row.code or "",
        row.reason,
        row.maybe_sent,
        row.attempts,
        row.issued_at,
    )


def note_of_sale(session: Session, sale_id: int) -> NfseRecord | None:
    """The sale's NFS-e row (the latest DPS that was not rejected, else the latest)."""
    rows = list(
        session.scalars(select(NfseNote).where(NfseNote.sale_id == sale_id).order_by(NfseNote.id))
    )
    live = [r for r in rows if r.status != REJECTED]
    chosen = (live or rows)[-1:] if rows else []
    return to_record(chosen[0]) if chosen else None


def next_number(session: Session, series: int) -> int:
    """One more than the series' last number. Numbers are taken with their row in one
    write, and rows are never deleted, so the series' newest row holds its highest number:
    read back from the newest row, not by sorting the whole archive (no index on number).
    After a restore, the numbers the replaced file had used count too (`fiscal_carry`)."""
    last = session.scalar(
        select(NfseNote.number)
        .where(NfseNote.series == series)
        .order_by(NfseNote.id.desc())
        .limit(1)
    )
    numbered = session.get(Setting, f"{NFSE_NUMBERED}{series}")
    return max(last or 0, int(numbered.value) if numbered is not None else 0) + 1
