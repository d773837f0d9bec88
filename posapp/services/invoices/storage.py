"""`fiscal.QueueStorage` over the store's SQLite file (`nfce_note`, `nfce_series`).

Each call is its own short transaction: a number is persisted as taken before
it is returned (BEGIN IMMEDIATE through the writer session), so a crash can
leave a number unused but never hand it out twice. Rows are never deleted (a
trigger refuses it): they are the store's 5-year fiscal archive. The nfeProc
of an authorised note (any record that carries one, whatever its status) is kept
in `authorised_xml` even after a cancellation replaces `proc_xml` with the event.
"""

from __future__ import annotations

from datetime import UTC

from lxml import etree
from sqlalchemy import select

from db.models import NfceNote, NfceSeries
from fiscal import NoteRecord
from fiscal.contingency import Status
from posapp.services.common.station import Station


def is_nfe_proc(xml: bytes) -> bool:
    """Whether `xml` is an nfeProc (the note with its authorisation), not an event."""
    if not xml:
        return False
    try:
        return bool(etree.QName(etree.fromstring(xml)).localname == "nfeProc")
    except etree.XMLSyntaxError:
        return False


def sale_id_of(sale_ref: str) -> int | None:
    prefix, _, number = sale_ref.partition(":")
    return int(number) if prefix == "sale" and number.isdigit() else None


def sale_ref(sale_id: int) -> str:
    return f"sale:{sale_id}"


def to_record(row: NfceNote) -> NoteRecord:
    return NoteRecord(
        series=row.series,
        number=row.number,
        status=row.status,  # type: ignore[arg-type]
        key=row.key,
        xml=row.xml,
        tp_emis=row.tp_emis,
        issued_at=row.issued_at,
        sale_ref=row.sale_ref,
        cstat=row.cstat,
        reason=row.reason,
        protocol=row.protocol,
        proc_xml=row.proc_xml,
        deadline=row.deadline,
        replaced_by=row.replaced_by,
    )


class SqliteStorage:
    def __init__(self, station: Station) -> None:
        self.station = station

    def reserve_number(self, series: int) -> int:
        with self.station.write() as session:
            row = session.get(NfceSeries, series)
            if row is None:
                row = NfceSeries(series=series, next_number=1, first_number=1)
                session.add(row)
            number = row.next_number
            row.next_number = number + 1
            return number

    def highest_reserved(self, series: int) -> int:
        with self.station.read() as session:
            row = session.get(NfceSeries, series)
            return row.next_number - 1 if row is not None else 0

    def series(self) -> list[int]:
        with self.station.read() as session:
            return list(session.scalars(select(NfceSeries.series).order_by(NfceSeries.series)))

    def unrecorded(self, series: int, after: int = 0) -> list[int]:
        """Reads only the numbers above `after` (and from the series' first number on:
        the ones before it are another issuer's)."""
        with self.station.read() as session:
            row = session.get(NfceSeries, series)
            if row is None:
                return []
            start = max(after, row.first_number - 1)
            used = set(
                session.scalars(
                    select(NfceNote.number).where(
                        NfceNote.series == series, NfceNote.number > start
                    )
                )
            )
            return [n for n in range(start + 1, row.next_number) if n not in used]

    def save(self, record: NoteRecord) -> None:
        with self.station.write() as session:
            row = session.get(NfceNote, (record.series, record.number))
            kept = row.authorised_xml if row is not None else None
            if is_nfe_proc(record.proc_xml):  # authorised, or authorised and to be cancelled
                kept = record.proc_xml
            values = {
                "status": record.status,
                "key": record.key,
                "tp_emis": record.tp_emis,
                "issued_at": record.issued_at.astimezone(UTC) if record.issued_at else None,
                "sale_ref": record.sale_ref,
                "sale_id": sale_id_of(record.sale_ref),
                "cstat": record.cstat,
                "reason": record.reason,
                "protocol": record.protocol,
                "deadline": record.deadline.astimezone(UTC) if record.deadline else None,
                "replaced_by": record.replaced_by,
                "xml": record.xml,
                "proc_xml": record.proc_xml,
                "authorised_xml": kept,
                "updated_at": self.station.now(),
            }
            if row is None:
                session.add(NfceNote(series=record.series, number=record.number, **values))
            else:
                for name, value in values.items():
                    setattr(row, name, value)

    def get(self, series: int, number: int) -> NoteRecord | None:
        with self.station.read() as session:
            row = session.get(NfceNote, (series, number))
            if row is not None:
                return to_record(row)
            start = session.get(NfceSeries, series)
            if start is not None and number < start.first_number:
                # Another issuer's number (before posapp took the series): never ours to void.
                return NoteRecord(series, number, "voided", reason="numeração anterior ao posapp")
            return None

    def records(self, *statuses: Status) -> list[NoteRecord]:
        query = select(NfceNote).order_by(NfceNote.series, NfceNote.number)
        if statuses:
            query = query.where(NfceNote.status.in_(statuses))
        with self.station.read() as session:
            return [to_record(row) for row in session.scalars(query)]
