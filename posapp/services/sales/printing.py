"""The print queue: receipts wait in the database until the printer has taken them.

Every print is a `print_job` row first. The receipt is rebuilt from the
committed rows and sent on the device thread; the row ends `printed`, or
`failed` with the printer's own words, and can be sent again at any time.
Nothing here can undo or hold up a sale: the sale was committed before.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from db.models import PrintJob, Staff, ZReport
from hardware.device_thread import DeviceThread
from hardware.emulator.decoder import decode
from hardware.emulator.render_png import render_receipt
from hardware.errors import HardwareError
from hardware.printer import Printer
from hardware.receipt import Receipt
from posapp.core.errors import PosError
from posapp.services.cash.report_output import report_receipt
from posapp.services.cash.reports import Report, stored_z
from posapp.services.common.counter_settings import CounterSettings
from posapp.services.common.station import Station
from posapp.services.sales.receipts import balance_slip, refund_receipt, sale_receipt, second_copy

SALE = "sale"
SLIP = "slip"
REPORT = "report"
"""A Z report, by its id (an X report is printed at once, without the queue)."""
REFUND = "refund"
"""A refund's or a void's receipt, by the refund's id."""
PENDING, PRINTED, FAILED = "pending", "printed", "failed"


@dataclass(frozen=True, slots=True)
class FiscalPaper:
    """What the fiscal notes make of a sale's paper."""

    receipt: Receipt | None
    """The sale's fiscal paper; None: the sale's usual receipt."""
    missing: tuple[PosError, ...] = ()
    """Why a note the sale needs is not on the paper (refused, rejected): the cashier is
    told at the counter, where the customer still is."""


SalePaper = Callable[[int, CounterSettings], FiscalPaper]
"""(sale id, settings) -> the sale's fiscal paper."""


@dataclass(frozen=True, slots=True)
class PrintOutcome:
    job_id: int
    kind: str
    ref_id: int
    printed: bool
    error_pt: str | None = None
    error_en: str | None = None
    missing_pt: str | None = None
    """A sale's paper went out without a fiscal note it needs: why (`FiscalPaper.missing`)."""
    missing_en: str | None = None

    def error(self, locale: str = "pt_BR") -> str | None:
        return self.error_pt if locale.startswith("pt") else self.error_en

    def missing(self, locale: str = "pt_BR") -> str | None:
        return self.missing_pt if locale.startswith("pt") else self.missing_en


@dataclass(frozen=True, slots=True)
class QueuedJob:
    id: int
    kind: str
    ref_id: int
    status: str
    attempts: int
    last_error: str | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class StoredZ:
    """One of this terminal's Z reports, as listed for a reprint."""

    id: int
    number: int
    day: date
    sales_count: int
    net: int
    closed_by: str
    authorized_by: str
    created_at: datetime


def stored_z_reports(station: Station, limit: int = 366) -> list[StoredZ]:
    """This terminal's Z reports, newest first: what can be printed again.

    Read-only; a reprint prints the figures stored with the Z (`stored_z`), so the
    listing needs no permission beyond being at the counter.
    """
    with station.read() as session:
        terminal = station.terminal(session)
        closer = aliased(Staff)
        approver = aliased(Staff)
        rows = session.execute(
            select(ZReport, closer.name, approver.name)
            .join(closer, closer.id == ZReport.staff_id)
            .join(approver, approver.id == ZReport.authorized_by_id)
            .where(ZReport.terminal_id == terminal.id)
            .order_by(ZReport.number.desc())
            .limit(limit)
        )
        return [
            StoredZ(z.id, z.number, z.day, z.sales_count, z.net, made, approved, z.created_at)
            for z, made, approved in rows
        ]


COPIES_MARKED = frozenset({SALE, REFUND})
"""Receipts whose reprint says "2ª VIA" and leaves the drawer shut (a Z reprint is the
same paper as the first, by design)."""


def _printed_before(session: Session, job: PrintJob) -> bool:
    """Whether the same paper already came out of the printer (this job is a reprint)."""
    return (
        session.scalar(
            select(PrintJob.id)
            .where(
                PrintJob.kind == job.kind,
                PrintJob.ref_id == job.ref_id,
                PrintJob.status == PRINTED,
                PrintJob.id != job.id,
            )
            .limit(1)
        )
        is not None
    )


class PrintService:
    """Owns the counter's printer and its device thread."""

    def __init__(
        self,
        station: Station,
        settings: CounterSettings,
        devices: DeviceThread | None = None,
        timeout: float = 5.0,
    ) -> None:
        self.station = station
        self.settings = settings
        self.devices = devices or DeviceThread()
        self._own_devices = devices is None
        self.timeout = timeout
        self._printer: Printer | None = None
        self.sale_paper: SalePaper | None = None
        """Set by the composition root when the store issues NFC-e: the sale's paper
        (the DANFE NFC-e and the cashback section), or None for the usual receipt."""

    @property
    def printer(self) -> Printer:
        if self._printer is None:
            self._printer = Printer(
                self.settings.printer_uri,
                paper=self.settings.paper_mm,
                profile=self.settings.printer_profile,
                devices=self.devices,
                timeout=self.timeout,
            )
        return self._printer

    def reconfigure(self, settings: CounterSettings) -> None:
        old, self._printer = self._printer, None
        self.settings = settings
        if old is not None:
            old.close()

    def print_sale(self, sale_id: int) -> Future[PrintOutcome]:
        return self._enqueue(SALE, sale_id)

    def print_slip(self, customer_id: int) -> Future[PrintOutcome]:
        return self._enqueue(SLIP, customer_id)

    def print_z(self, z_id: int) -> Future[PrintOutcome]:
        """Print (or print again) a Z from its stored figures: a reprint is the same paper."""
        return self._enqueue(REPORT, z_id)

    def print_refund(self, refund_id: int) -> Future[PrintOutcome]:
        return self._enqueue(REFUND, refund_id)

    def print_report_now(self, report: Report) -> Future[PrintOutcome]:
        """An X report (or any report held in hand): straight to the printer, no queue row."""
        return self.devices.submit(self._send_report, report)

    def print_now(self, receipt: Receipt) -> Future[PrintOutcome]:
        """A paper held in hand (the Pix QR for the customer to scan): straight to the
        printer, no queue row."""
        return self.devices.submit(self._send_now, receipt)

    def retry(self, job_id: int) -> Future[PrintOutcome]:
        return self.devices.submit(self._run, job_id)

    def retry_failed(self) -> list[Future[PrintOutcome]]:
        return [self.retry(job.id) for job in self.queue() if job.status != PRINTED]

    def last_sale_id(self) -> int | None:
        with self.station.read() as session:
            return session.scalar(
                select(PrintJob.ref_id)
                .where(PrintJob.kind == SALE)
                .order_by(PrintJob.id.desc())
                .limit(1)
            )

    def queue(self) -> list[QueuedJob]:
        """Jobs not printed yet, oldest first."""
        with self.station.read() as session:
            rows = session.scalars(
                select(PrintJob).where(PrintJob.status != PRINTED).order_by(PrintJob.id)
            )
            return [
                QueuedJob(r.id, r.kind, r.ref_id, r.status, r.attempts, r.last_error, r.created_at)
                for r in rows
            ]

    def receipt(self, kind: str, ref_id: int) -> Receipt:
        return self._paper(kind, ref_id)[0]

    def _paper(self, kind: str, ref_id: int) -> tuple[Receipt, tuple[PosError, ...]]:
        """The job's receipt, and the fiscal notes a sale's paper lacks."""
        missing: tuple[PosError, ...] = ()
        if kind == SALE and self.sale_paper is not None:
            fiscal = self.sale_paper(ref_id, self.settings)
            if fiscal.receipt is not None:
                return fiscal.receipt, fiscal.missing
            missing = fiscal.missing
        return self._usual(kind, ref_id), missing

    def _usual(self, kind: str, ref_id: int) -> Receipt:
        if kind == REPORT:
            report = stored_z(self.station, ref_id)
            return report_receipt(report, self.settings.language, self.settings.paper_mm)
        builders: dict[str, Callable[[Station, int, CounterSettings], Receipt]] = {
            SALE: sale_receipt,
            SLIP: balance_slip,
            REFUND: refund_receipt,
        }
        return builders[kind](self.station, ref_id, self.settings)

    def preview_png(self, kind: str, ref_id: int) -> bytes:
        """The receipt as the paper would show it: rendered, decoded back, drawn."""
        data = self.printer.render(self.receipt(kind, ref_id)).data
        (paper,) = decode(data)[:1]
        image = render_receipt(paper, paper_dots=384 if self.settings.paper_mm == 58 else 576)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        return buffer.getvalue()

    def close(self) -> None:
        if self._printer is not None:
            self._printer.close()
        if self._own_devices:
            self.devices.stop()

    def _enqueue(self, kind: str, ref_id: int) -> Future[PrintOutcome]:
        with self.station.write() as session:
            job = PrintJob(
                kind=kind, ref_id=ref_id, status=PENDING, attempts=0, created_at=self.station.now()
            )
            session.add(job)
            session.flush()
            job_id = job.id
        return self.devices.submit(self._run, job_id)

    def _send_report(self, report: Report) -> PrintOutcome:
        """On the device thread: render and send a report, and say how it went."""
        receipt = report_receipt(report, self.settings.language, self.settings.paper_mm)
        try:
            self.printer.send_now(self.printer.render(receipt))
        except HardwareError as error:
            return PrintOutcome(0, REPORT, 0, False, error.message("pt_BR"), error.message("en"))
        return PrintOutcome(0, REPORT, 0, True)

    def _send_now(self, receipt: Receipt) -> PrintOutcome:
        try:
            self.printer.send_now(self.printer.render(receipt))
        except HardwareError as error:
            return PrintOutcome(0, "", 0, False, error.message("pt_BR"), error.message("en"))
        return PrintOutcome(0, "", 0, True)

    def _run(self, job_id: int) -> PrintOutcome:
        """On the device thread: build, render and send one job, then record how it went."""
        with self.station.read() as session:
            job = session.get(PrintJob, job_id)
            assert job is not None
            kind, ref_id = job.kind, job.ref_id
            printed_before = kind in COPIES_MARKED and _printed_before(session, job)
        receipt, missing = self._paper(kind, ref_id)
        try:
            if printed_before:
                receipt = second_copy(receipt, self.settings.language)
            rendered = self.printer.render(receipt)
            self.printer.send_now(rendered)
        except HardwareError as error:
            outcome = PrintOutcome(
                job_id, kind, ref_id, False, error.message("pt_BR"), error.message("en")
            )
        else:
            outcome = PrintOutcome(
                job_id,
                kind,
                ref_id,
                True,
                missing_pt=_said(missing, "pt_BR"),
                missing_en=_said(missing, "en"),
            )
        with self.station.write() as session:
            job = session.get(PrintJob, job_id)
            assert job is not None
            job.attempts += 1
            job.status = PRINTED if outcome.printed else FAILED
            job.last_error = outcome.error_pt
            job.printed_at = self.station.now() if outcome.printed else None
        return outcome


def _said(errors: tuple[PosError, ...], locale: str) -> str | None:
    return " ".join(error.message(locale) for error in errors) or None
