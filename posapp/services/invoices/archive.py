"""The fiscal archive: each sale's XML with its protocol, the month's ZIP, the status.

posapp never deletes a note (`nfce_note` refuses it): the XMLs are kept for the
5 years the law asks. The accountant's ZIP holds every note authorised in the
month (by dhEmi), cancelled ones included with their nfeProc, as
`<key>-procNFe.xml` (fiscal.export_month), each cancelled one's event as
`<key>-procEventoNFe.xml` and the numbers voided in the month as `<Id>-procInutNFe.xml`
(fiscal.export.add_events).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, or_, select

from db.models import NfceNote
from fiscal import NoteRecord, export_month
from fiscal.export import add_events
from posapp.core.errors import PosError
from posapp.services.common.station import Station
from posapp.services.invoices.issuing import WAITING, given_sales, note_of_sale, since_on
from posapp.services.invoices.settings import read_settings
from posapp.services.invoices.storage import to_record


class NoNoteForSale(PosError):
    code = "nfce_no_note"
    pt_BR = "A venda {sale} não tem NFC-e."
    en = "Sale {sale} has no NFC-e."


class InvalidMonth(PosError):
    code = "nfce_invalid_month"
    pt_BR = "Mês inválido: {value}. Use AAAA-MM, ex.: 2026-12."
    en = "Invalid month: {value}. Use YYYY-MM, e.g. 2026-12."


def month_window(month: str) -> tuple[datetime, datetime]:
    """UTC bounds around a YYYY-MM that hold every note whose local date (dhEmi, dCompet)
    falls in it, with a day to spare either side for the time zone: the export reads
    these rows only, never the whole 5-year archive, and keeps the exact month by the XML."""
    try:
        first = datetime.strptime(month, "%Y-%m").replace(tzinfo=UTC)
    except ValueError:
        raise InvalidMonth(value=month) from None
    if len(month) != 7:
        raise InvalidMonth(value=month)
    following = (first + timedelta(days=32)).replace(day=1)
    return first - timedelta(days=1), following + timedelta(days=1)


def authorised_documents(station: Station, month: str) -> list[tuple[str, bytes]]:
    start, end = month_window(month)
    with station.read() as session:
        rows = session.execute(
            select(NfceNote.key, NfceNote.authorised_xml)
            .where(
                NfceNote.authorised_xml.is_not(None),
                or_(NfceNote.issued_at.is_(None), NfceNote.issued_at.between(start, end)),
            )
            .order_by(NfceNote.series, NfceNote.number)
        ).all()
    return [(key, xml) for key, xml in rows if xml]


def events(station: Station, month: str) -> tuple[list[bytes], list[bytes]]:
    """The cancellation events of the month's notes and the voidings done in the month."""
    start, end = month_window(month)
    with station.read() as session:
        cancelled = session.scalars(
            select(NfceNote.proc_xml).where(
                NfceNote.status == "cancelled", NfceNote.issued_at.between(start, end)
            )
        ).all()
        voided = session.scalars(
            select(NfceNote.proc_xml).where(
                NfceNote.status == "voided", NfceNote.updated_at.between(start, end)
            )
        ).all()
    return [xml for xml in cancelled if xml], [xml for xml in voided if xml]


def month_zip(station: Station, month: str) -> bytes:
    """The month's ZIP: its notes and their events."""
    notes = export_month(authorised_documents(station, month), month)
    return add_events(notes, *events(station, month), month)


def write_zip(data: bytes, out: Path) -> int:
    """Write a ZIP built in memory; returns how many files it holds."""
    out.write_bytes(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return len(archive.namelist())


def export(station: Station, month: str, out: Path) -> int:
    """Write the month's ZIP; returns how many files it holds."""
    return write_zip(month_zip(station, month), out)


def sale_xml(station: Station, sale_id: int) -> bytes:
    """The sale's note: the nfeProc (with its protocol) once authorised, else the signed NFe."""
    with station.read() as session:
        note = note_of_sale(session, sale_id)
        if note is None:
            raise NoNoteForSale(sale=sale_id)
        row = session.get(NfceNote, (note.record.series, note.record.number))
        assert row is not None
        return row.authorised_xml or row.xml


@dataclass(frozen=True)
class FiscalStatus:
    counts: dict[str, int]
    waiting: list[NoteRecord]
    """Notes that need SEFAZ or the manager (pending, unanswered, rejected), oldest first."""
    overdue: list[NoteRecord]
    given: list[int]
    """Sales whose products were all given: no NFC-e can cover them (`GivenProducts`)."""

    def given_summary(self, locale: str = "pt_BR") -> str:
        """The sales of `given` and what to do about them ("" when there are none)."""
        if not self.given:
            return ""
        sales = ", ".join(map(str, self.given))
        if locale.startswith("pt"):
            return (
                f"Vendas só com produtos dados (R$ 0,00), sem NFC-e: {sales}. "
                "Para brinde ou bonificação, o contador emite a NF-e (CFOP 5.910)."
            )
        return (
            f"Sales with only given products (R$ 0.00), no NFC-e: {sales}. "
            "For a gift or a bonus, the accountant issues an NF-e (CFOP 5.910)."
        )


def fiscal_status(station: Station, now: datetime) -> FiscalStatus:
    with station.read() as session:
        given = given_sales(session, since_on(read_settings(session)))
        counts = dict(
            session.execute(select(NfceNote.status, func.count()).group_by(NfceNote.status)).all()
        )
        rows = session.scalars(
            select(NfceNote)
            .where(NfceNote.status.in_((*WAITING, "rejected")))
            .order_by(NfceNote.series, NfceNote.number)
        )
        waiting = [to_record(row) for row in rows]
    overdue = [r for r in waiting if r.deadline is not None and r.deadline < now]
    return FiscalStatus({str(k): int(v) for k, v in counts.items()}, waiting, overdue, given)
