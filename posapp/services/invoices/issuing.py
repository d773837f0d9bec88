"""Issuing the NFC-e of committed sales, online or in contingency, and sending later.

One `Invoicer` per running counter (app or CLI): it owns the `fiscal`
`ContingencyQueue` (whose memory of "SEFAZ is out" spares each sale the
timeout), rebuilt when the settings or the certificate change. `issue_for_sale`
is called after the sale's transaction has committed (by the print queue,
and by the background sender for any sale left without a note, e.g. after a
crash); it never issues a second note for a sale.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, Exists, and_, exists, func, select
from sqlalchemy.orm import Session

from db.models import Item, NfceNote, NfceSeries, Sale, SaleLine
from fiscal import ContingencyQueue, FiscalError, Issued, Nfce, NoteRecord, SefazClient
from fiscal.contingency import SendReport
from fiscal.sefaz_urls import ServiceUrls
from posapp.core.errors import PosError
from posapp.services.common.station import Station
from posapp.services.common.worker import BackgroundWorker, Outcome
from posapp.services.invoices.mapping import SaleForNote, nfce_of, sale_for_note
from posapp.services.invoices.settings import (
    FiscalSettings,
    credentials,
    read_secrets,
    read_settings,
    tech_responsible_in,
)
from posapp.services.invoices.storage import SqliteStorage, sale_ref, to_record

log = logging.getLogger(__name__)

WAITING = ("pending", "unanswered", "sending")
"""A note in one of these still needs SEFAZ: the background sender's work."""


class NoteNotIssued(PosError):
    code = "nfce_not_issued"
    pt_BR = "A NFC-e da venda {sale} não foi emitida: {reason_pt}"
    en = "The NFC-e of sale {sale} was not issued: {reason_en}"


class GivenProducts(PosError):
    """Every product of the sale was given (R$ 0,00 after discounts): an NFC-e cannot be
    worth nothing, nor go without a payment (tPag 90 is refused in the NFC-e). A gift
    or a bonus needs an NF-e (model 55, CFOP 5.910), which the accountant issues."""

    code = "nfce_given_products"
    pt_BR = (
        "Os produtos da venda {sale} saíram de graça (R$ 0,00): uma NFC-e não pode ter valor "
        "zero. Para brinde ou bonificação, o contador emite a NF-e (CFOP 5.910)."
    )
    en = (
        "The products of sale {sale} were given (R$ 0.00): an NFC-e cannot be worth nothing. "
        "For a gift or a bonus, the accountant issues an NF-e (CFOP 5.910)."
    )


@dataclass(frozen=True)
class SaleNote:
    """The note that covers a sale (the latest of its numbers that is not a replaced one)."""

    record: NoteRecord
    sale_id: int

    @property
    def contingency(self) -> bool:
        return self.record.tp_emis == 9


def note_of_sale(session: Session, sale_id: int) -> SaleNote | None:
    row = session.scalars(
        select(NfceNote)
        .where(
            NfceNote.sale_id == sale_id,
            NfceNote.replaced_by.is_(None),
            NfceNote.status.not_in(("voided", "unanswered")),
        )
        .order_by(NfceNote.number.desc())
        .limit(1)
    ).first()
    return SaleNote(to_record(row), sale_id) if row is not None else None


def _product_line(*more: ColumnElement[bool]) -> Exists:
    return exists().where(
        SaleLine.sale_id == Sale.id, Item.id == SaleLine.item_id, Item.kind == "product", *more
    )


def _without_note(
    session: Session, since: datetime | None, *having: ColumnElement[bool]
) -> list[int]:
    """Sales not voided, sold since NFC-e was switched on, with no note, matching `having`."""
    if since is None:
        return []
    has_note = exists().where(
        NfceNote.sale_id == Sale.id,
        NfceNote.replaced_by.is_(None),
        NfceNote.status != "voided",
    )
    return list(
        session.scalars(
            select(Sale.id)
            .where(Sale.created_at >= since, Sale.status != "voided", *having, ~has_note)
            .order_by(Sale.id)
        )
    )


def unissued_sales(session: Session, since: datetime | None) -> list[int]:
    """Sales with a paid product, not voided, sold since NFC-e was switched on, with no
    note: the background sender's work."""
    return _without_note(session, since, _product_line(SaleLine.net > 0))


def given_sales(session: Session, since: datetime | None) -> list[int]:
    """Sales since NFC-e was switched on whose products were all given: no NFC-e can
    cover them (`GivenProducts`); the manager sees them, the sender does not retry them."""
    return _without_note(session, since, _product_line(), ~_product_line(SaleLine.net > 0))


def work_waiting(session: Session) -> bool:
    """Whether the sender has anything to do: a note waiting, or a number taken and unused."""
    waiting = session.scalar(select(func.count()).where(NfceNote.status.in_(WAITING)))
    if waiting:
        return True
    for series in session.scalars(select(NfceSeries)):
        used = session.scalar(
            select(func.count()).where(
                and_(NfceNote.series == series.series, NfceNote.number >= series.first_number)
            )
        )
        if used != series.next_number - series.first_number:
            return True
    return False


class Invoicer:
    def __init__(
        self,
        station: Station,
        *,
        holidays: Collection[date] = (),
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.station = station
        self.holidays = holidays
        self.clock = clock or station.now
        self.storage = SqliteStorage(station)
        self._lock = threading.RLock()
        self._queue: ContingencyQueue | None = None
        self._built_for: tuple[object, ...] | None = None
        self._refused: dict[int, NoteNotIssued] = {}
        self._refused_lock = threading.Lock()
        """Its own lock: the manager's screen never waits behind a call to SEFAZ."""

    def refused(self) -> list[NoteNotIssued]:
        """Sales whose note could not be built at the last try (bad data: an item's tax
        data changed after the sale, the store's address...), oldest sale first. The
        sender tries them again every round; the manager sees why in Gerência > Fiscal."""
        with self._refused_lock:
            return [self._refused[sale_id] for sale_id in sorted(self._refused)]

    def _note_refusal(self, sale_id: int, refusal: NoteNotIssued | None) -> None:
        with self._refused_lock:
            if refusal is None:
                self._refused.pop(sale_id, None)
            else:
                self._refused[sale_id] = refusal

    def _forget_refusals_but(self, sale_ids: Collection[int]) -> None:
        """A refused sale voided, or issued meanwhile, is no longer waiting."""
        with self._refused_lock:
            self._refused = {k: v for k, v in self._refused.items() if k in sale_ids}

    # the queue ------------------------------------------------------------------
    def settings(self) -> FiscalSettings:
        with self.station.read() as session:
            return read_settings(session)

    def enabled(self) -> bool:
        return self.settings().enabled

    def nfce(self, data: SaleForNote, when: datetime) -> Nfce:
        """The sale's note as the settings say now, with the responsável técnico (and its
        CSRT) when filled: issued, or corrected and sent again (fixes)."""
        with self.station.read() as session:
            settings = read_settings(session)
            tech = tech_responsible_in(session)
        return nfce_of(data, settings, when, tech)

    def queue(self) -> ContingencyQueue:
        """The contingency queue for the current settings (rebuilt when they change)."""
        with self._lock, self.station.read() as session:
            settings = read_settings(session)
            fingerprint = (settings, read_secrets(session))
            if self._queue is not None and fingerprint == self._built_for:
                return self._queue
            a1, csc = credentials(session)
        self.close()
        urls = ServiceUrls.at(settings.sefaz_url) if settings.sefaz_url else None
        client = SefazClient(
            a1,
            settings.uf,
            settings.env,
            settings.cnpj,
            urls=urls,
            timeout_s=settings.timeout_s,
            ca_file=settings.sefaz_ca_file or None,
        )
        self._queue = ContingencyQueue(
            self.storage,
            client,
            a1,
            csc,
            clock=self.clock,
            holidays=self.holidays,
            cancel_window=timedelta(minutes=settings.cancel_limit_min),
        )
        self._built_for = fingerprint
        return self._queue

    def close(self) -> None:
        with self._lock:
            if self._queue is not None:
                self._queue.client.close()
            self._queue, self._built_for = None, None

    # issuing --------------------------------------------------------------------
    @contextmanager
    def issuing_held(self) -> Iterator[None]:
        """No note is issued while this is held: what a caller finds (a sale without a
        note) stays true until it lets go."""
        with self._lock:
            yield

    def note(self, sale_id: int) -> SaleNote | None:
        with self.station.read() as session:
            return note_of_sale(session, sale_id)

    def issue_for_sale(self, sale_id: int) -> SaleNote | None:
        """The sale's note, issued now if it has none (None: NFC-e off, or no product).
        Never raises for SEFAZ trouble (contingency); bad data raises NoteNotIssued."""
        with self._lock:
            settings = self.settings()
            if not settings.enabled:
                return None
            found = self.note(sale_id)
            if found is not None:
                return found
            since = since_on(settings)
            with self.station.read() as session:
                sale = session.get(Sale, sale_id)
                if sale is None or sale.status == "voided":
                    return None
                if since is None or sale.created_at < since:
                    return None  # sold before NFC-e was on: a reprint issues nothing
                data = sale_for_note(session, sale_id)
            if data is None:
                return None
            if data.all_given:
                raise GivenProducts(sale=sale_id)
            note = self.nfce(data, self.clock())
            try:
                issued: Issued = self.queue().issue(note, sale_ref(sale_id))
            except FiscalError as error:
                refused = NoteNotIssued(
                    sale=sale_id, reason_pt=error.message("pt_BR"), reason_en=error.message("en")
                )
                self._note_refusal(sale_id, refused)
                raise refused from None
            self._note_refusal(sale_id, None)
            log.info("NFC-e %s of sale %s: %s", issued.record.number, sale_id, issued.record.status)
            return SaleNote(issued.record, sale_id)

    def send_pending(self) -> SendReport | None:
        """Issue notes for sales left without one, then transmit what waits (None: off)."""
        settings = self.settings()
        if not settings.enabled:
            return None
        with self.station.read() as session:
            since = since_on(settings)
            missing = unissued_sales(session, since)
            busy = work_waiting(session)
        self._forget_refusals_but(set(missing))
        for sale_id in missing:
            try:
                self.issue_for_sale(sale_id)
            except PosError as error:
                log.warning("%s", error.message("en"))
        if not (missing or busy):
            return SendReport()
        with self._lock:
            queue = self.queue()
        return queue.send_pending()


def since_on(settings: FiscalSettings) -> datetime | None:
    """When NFC-e was switched on (None: never): sales before it need no note."""
    return datetime.fromisoformat(settings.enabled_since) if settings.enabled_since else None


def start_sender(
    invoicer: Invoicer,
    report: Callable[[Outcome[SendReport | None]], None],
    *,
    interval: float = 60.0,
) -> BackgroundWorker[SendReport | None]:
    """The background sender: issues notes for sales left without one and transmits what
    waits, every `interval` seconds (sooner after `wake()`), backing off while SEFAZ is
    out. `report` runs on the worker's thread."""
    worker: BackgroundWorker[SendReport | None] = BackgroundWorker(
        invoicer.send_pending,
        report,
        interval=interval,
        failed=lambda result: result is not None and not result.done,
    )
    worker.start()
    return worker
