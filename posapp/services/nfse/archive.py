"""The NFS-e archive: the accountant's monthly ZIP with NFS-e and NFC-e, and the status
the manager sees (what waits for the national environment, what was refused).

posapp never deletes an NFS-e row (`nfse_note` refuses it). The ZIP holds the
month's NFC-e as before (`<key>-procNFe.xml`) and every NFS-e of that competence,
cancelled ones with their event (`<key>-nfse.xml`, `<key>-canc-nfse.xml`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, or_, select

from db.models import NfseNote, Sale
from fiscal.nfse import add_to_zip
from posapp.services.common.station import Station
from posapp.services.invoices.archive import month_window, month_zip, write_zip
from posapp.services.nfse.storage import REJECTED, WAITING, NfseRecord, to_record


def nfse_documents(station: Station, month: str) -> list[tuple[str, bytes, bytes | None]]:
    start, end = month_window(month)
    with station.read() as session:
        rows = session.execute(
            select(NfseNote.key, NfseNote.nfse_xml, NfseNote.cancel_xml)
            .join(Sale, Sale.id == NfseNote.sale_id)
            .where(
                NfseNote.nfse_xml.is_not(None),
                # the competence is the sale's day; a DPS may have been made days later
                or_(NfseNote.issued_at.between(start, end), Sale.created_at.between(start, end)),
            )
            .order_by(NfseNote.id)
        ).all()
    return [(key, xml, cancel) for key, xml, cancel in rows if key and xml]


def export(station: Station, month: str, out: Path) -> int:
    """Write the month's ZIP (NFC-e and NFS-e); returns how many files it holds."""
    return write_zip(
        add_to_zip(month_zip(station, month), nfse_documents(station, month), month), out
    )


@dataclass(frozen=True)
class WaitingNfse:
    record: NfseRecord
    sale_number: int


@dataclass(frozen=True)
class NfseStatus:
    counts: dict[str, int]
    waiting: list[WaitingNfse]
    """DPS pending, cancellations pending and rejections, oldest first."""

    def summary(self, locale: str = "pt_BR") -> str:
        pending = sum(1 for w in self.waiting if w.record.status in WAITING)
        rejected = sum(1 for w in self.waiting if w.record.status == REJECTED)
        if locale.startswith("pt"):
            return (
                f"NFS-e: {self.counts.get('authorised', 0)} autorizada(s), "
                f"{pending} aguardando o ambiente nacional, {rejected} rejeitada(s)"
            )
        return (
            f"NFS-e: {self.counts.get('authorised', 0)} authorised, "
            f"{pending} waiting for the national environment, {rejected} rejected"
        )


def nfse_status(station: Station) -> NfseStatus:
    with station.read() as session:
        counts = dict(
            session.execute(select(NfseNote.status, func.count()).group_by(NfseNote.status)).all()
        )
        rows = session.execute(
            select(NfseNote, Sale.number)
            .join(Sale, Sale.id == NfseNote.sale_id)
            .where(NfseNote.status.in_((*WAITING, REJECTED)))
            .order_by(NfseNote.id)
        ).all()
        waiting = [WaitingNfse(to_record(row), number) for row, number in rows]
    return NfseStatus({str(k): int(v) for k, v in counts.items()}, waiting)
