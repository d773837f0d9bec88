"""Issue NFC-e online or, when SEFAZ does not answer in time, in off-line contingency.

A pure component over a small storage protocol (`QueueStorage`), so posapp can
keep the records in its SQLite file; `MemoryStorage` is the reference
implementation the tests use.

    queue = ContingencyQueue(storage, client, a1, csc)   # client: SefazClient(timeout_s=N)
    issued = queue.issue(note, sale_ref="sale-42")       # never raises for SEFAZ trouble
    issued.contingency  -> print "EMITIDA EM CONTINGÊNCIA" (fiscal.danfe does)
    queue.send_pending()                                 # later, from a background worker
    queue.pending()                                      # what the manager sees, with deadlines

Numbering rules (Ajuste SINIEF 19/16 cl. 11ª §2º, SEF-MG FAQ; FISCAL_FACTS §1):
- a number is reserved from storage before anything is built and is never reused;
- a normal note whose request may have reached SEFAZ but got no answer is kept
  `unanswered`; the sale is issued again in contingency under a NEW number;
  `send_pending` later consults the unanswered key: cancelled if SEFAZ had
  authorised it, its number voided (inutilização) if SEFAZ never saw it; past the
  cancellation window (30 min, 501) it is cancelled by substitution (110112) when its
  contingency note qualifies (`substitute_for`), else the manager sees both notes;
- a request that certainly never reached SEFAZ (connection refused, 108/109)
  leaves the number unused, so the contingency note takes that same number;
- a contingency number is never voided: a rejected contingency note is corrected
  and sent again with its number (`resend_corrected`);
- numbers reserved but never recorded (a crash) are voided by `send_pending`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Literal, Protocol

from lxml import etree

from fiscal.certificate import A1Certificate
from fiscal.deadline import contingency_deadline
from fiscal.model import Contingency, Csc, Nfce, TpEmis
from fiscal.soap import (
    AUTHORISED,
    Authorized,
    AuthorizeOutcome,
    Cancelled,
    CancelOutcome,
    NotFound,
    Rejected,
    SefazClient,
    Unavailable,
    Voided,
)
from fiscal.xml_build import QrVersion, SignedNfce, build_nfce

NS = {"n": "http://www.portalfiscal.inf.br/nfe"}

Status = Literal[
    "sending", "authorised", "pending", "rejected", "unanswered", "cancelled", "voided"
]
CONTINGENCY_REASON = "Falha de comunicacao com a SEFAZ; NFC-e emitida em contingencia off-line"
REPLACED_REASON = "NFC-e sem resposta da SEFAZ; venda emitida em contingencia sob o numero {number}"
SKIPPED_REASON = "Numeracao reservada e nao utilizada por falha do sistema emissor"
SUBSTITUTED_REASON = (
    "NFC-e sem resposta da SEFAZ; venda emitida em contingencia off-line na NFC-e {number}"
)
TOO_LATE = 501
"""cStat of a cancellation past the UF's limit (FISCAL_FACTS §1)."""
CANCEL_WINDOW = timedelta(minutes=30)
"""Cancellation (110111) after authorisation: 30 min at most, Ajuste SINIEF 7/18
(a state may shorten it, SEFAZ then answers 501 sooner)."""
SUBSTITUTE_WITHIN = timedelta(hours=2)
"""110112: the substitute is issued at most 2 h after the original (NT 2018.004)."""
SUBSTITUTION_HOURS = 168
SUBSTITUTION_HOURS_BY_UF: dict[str, int] = {}
"""110112 up to 168 h after the original (NT 2018.004); "a state may cut it to 24 h"
(FISCAL_FACTS §1), but no state is named there: add one here, with its source, when
its rule is known (the same way fiscal.deadline.HOURS_BY_UF keeps PA's 24 h)."""


@dataclass(frozen=True)
class NoteRecord:
    """One number of one series and what became of it."""

    series: int
    number: int
    status: Status
    key: str = ""
    xml: bytes = b""  # the signed NFe as sent (or to send)
    tp_emis: int = 1
    issued_at: datetime | None = None
    sale_ref: str = ""
    cstat: int | None = None
    reason: str = ""
    protocol: str = ""
    proc_xml: bytes = b""  # nfeProc when authorised; procEventoNFe / ProcInutNFe otherwise
    deadline: datetime | None = None  # contingency notes: last moment to transmit
    replaced_by: int | None = None  # unanswered normal note: the number that covers its sale


class QueueStorage(Protocol):
    """What the queue needs from storage; posapp implements it over SQLite."""

    def reserve_number(self, series: int) -> int:
        """The next number of `series`, persisted before it is returned; never given twice."""
        ...

    def highest_reserved(self, series: int) -> int: ...

    def series(self) -> list[int]:
        """The series that have handed out a number."""
        ...

    def unrecorded(self, series: int, after: int = 0) -> list[int]:
        """Numbers of `series` above `after`, reserved but with no record, ascending."""
        ...

    def save(self, record: NoteRecord) -> None:
        """Insert or replace the record of (series, number)."""
        ...

    def get(self, series: int, number: int) -> NoteRecord | None: ...

    def records(self, *statuses: Status) -> list[NoteRecord]:
        """The records in one of `statuses` (every record when none is given), by
        series and number: the sender asks only for what waits, never the archive."""
        ...


@dataclass
class MemoryStorage:
    """QueueStorage in memory (tests; the shape posapp's SQLite table follows)."""

    next_numbers: dict[int, int] = field(default_factory=dict)
    rows: dict[tuple[int, int], NoteRecord] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def reserve_number(self, series: int) -> int:
        with self.lock:
            number = self.next_numbers.get(series, 1)
            self.next_numbers[series] = number + 1
            return number

    def highest_reserved(self, series: int) -> int:
        with self.lock:
            return self.next_numbers.get(series, 1) - 1

    def series(self) -> list[int]:
        with self.lock:
            return sorted(self.next_numbers)

    def unrecorded(self, series: int, after: int = 0) -> list[int]:
        with self.lock:
            top = self.next_numbers.get(series, 1)
            return [n for n in range(after + 1, top) if (series, n) not in self.rows]

    def save(self, record: NoteRecord) -> None:
        with self.lock:
            self.rows[(record.series, record.number)] = record

    def get(self, series: int, number: int) -> NoteRecord | None:
        with self.lock:
            return self.rows.get((series, number))

    def records(self, *statuses: Status) -> list[NoteRecord]:
        with self.lock:
            rows = [r for r in self.rows.values() if not statuses or r.status in statuses]
        return sorted(rows, key=lambda r: (r.series, r.number))


@dataclass(frozen=True)
class Issued:
    """What `issue` did: the record, the signed note to print, and SEFAZ's answer."""

    record: NoteRecord
    signed: SignedNfce
    outcome: AuthorizeOutcome | None  # None when issued straight in contingency

    @property
    def contingency(self) -> bool:
        return self.signed.tp_emis is TpEmis.OFFLINE

    @property
    def authorised(self) -> bool:
        return self.record.status == "authorised"


@dataclass
class SendReport:
    authorised: list[int] = field(default_factory=list)
    rejected: list[int] = field(default_factory=list)
    cancelled: list[int] = field(default_factory=list)
    voided: list[int] = field(default_factory=list)
    unavailable: Unavailable | None = None  # SEFAZ still out: the rest waits

    @property
    def done(self) -> bool:
        return self.unavailable is None


class ContingencyQueue:
    def __init__(
        self,
        storage: QueueStorage,
        client: SefazClient,
        a1: A1Certificate,
        csc: Csc,
        *,
        qr_version: QrVersion = 2,
        retry_online_after_s: float = 60.0,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        holidays: Collection[date] = (),
        cancel_window: timedelta = CANCEL_WINDOW,
    ) -> None:
        self.storage = storage
        self.client = client
        self.a1 = a1
        self.csc = csc
        self.qr_version: QrVersion = qr_version
        self.retry_online_after = timedelta(seconds=retry_online_after_s)
        self.clock = clock
        self.holidays = holidays
        self.cancel_window = min(cancel_window, CANCEL_WINDOW)
        """The UF's cancellation limit (the store's setting): past it no 110111 is sent."""
        self.offline_since: datetime | None = None
        self._last_online_try: datetime | None = None
        self._sending = threading.Lock()
        self._flight = threading.Lock()  # numbers taken by an issue() still running
        self._in_flight: set[tuple[int, int]] = set()
        self._recorded_upto: dict[int, int] = {}
        """Per series, a number up to which every number has a record (rows are never
        deleted): the skipped-number check starts above it."""

    # issuing ------------------------------------------------------------------
    def _reserve(self, series: int, taken: list[tuple[int, int]]) -> int:
        with self._flight:
            number = self.storage.reserve_number(series)
            self._in_flight.add((series, number))
            taken.append((series, number))
            return number

    def _busy(self, series: int, number: int) -> bool:
        with self._flight:
            return (series, number) in self._in_flight

    def _try_online(self) -> bool:
        if self.offline_since is None or self._last_online_try is None:
            return True
        return self.clock() - self._last_online_try >= self.retry_online_after

    def _build(self, note: Nfce, number: int, contingency: Contingency | None) -> SignedNfce:
        return build_nfce(
            replace(note, number=number, contingency=contingency),
            self.a1,
            self.csc,
            self.qr_version,
        )

    def _record(
        self, signed: SignedNfce, status: Status, sale_ref: str, **kw: object
    ) -> NoteRecord:
        return NoteRecord(
            series=signed.series,
            number=signed.number,
            status=status,
            key=signed.key,
            xml=signed.xml,
            tp_emis=int(signed.tp_emis),
            issued_at=signed.issued_at,
            sale_ref=sale_ref,
            **kw,  # type: ignore[arg-type]
        )

    def issue(self, note: Nfce, sale_ref: str = "") -> Issued:
        """Issue the note for a committed sale. `note.number` and `note.contingency` are
        set here. Bad data raises fiscal.errors.InvalidInput before a number is taken."""
        self._build(note, 999_999_999, None)  # validates the data before a number is taken
        taken: list[tuple[int, int]] = []
        try:
            return self._issue(note, sale_ref, taken)
        finally:
            with self._flight:
                self._in_flight.difference_update(taken)

    def _issue(self, note: Nfce, sale_ref: str, taken: list[tuple[int, int]]) -> Issued:
        number = self._reserve(note.series, taken)
        outcome: AuthorizeOutcome | None = None
        if self._try_online():
            signed = self._build(note, number, None)
            self.storage.save(self._record(signed, "sending", sale_ref))
            self._last_online_try = self.clock()
            outcome = self.client.authorize(signed.xml)
            if isinstance(outcome, Authorized):
                self.offline_since = None
                record = self._record(
                    signed,
                    "authorised",
                    sale_ref,
                    cstat=outcome.cstat,
                    reason=outcome.reason,
                    protocol=outcome.protocol,
                    proc_xml=outcome.proc_xml,
                )
                self.storage.save(record)
                return Issued(record, signed, outcome)
            if isinstance(outcome, Rejected):
                record = self._record(
                    signed, "rejected", sale_ref, cstat=outcome.cstat, reason=outcome.reason
                )
                self.storage.save(record)
                return Issued(record, signed, outcome)
            if self.offline_since is None:
                self.offline_since = self.clock()
            if outcome.sent:
                covering = self._reserve(note.series, taken)
                self.storage.save(
                    self._record(
                        signed,
                        "unanswered",
                        sale_ref,
                        cstat=outcome.cstat,
                        reason=outcome.reason,
                        replaced_by=covering,
                    )
                )
                number = covering
        started = self.offline_since or self.clock()
        signed = self._build(note, number, Contingency(started, CONTINGENCY_REASON))
        deadline = contingency_deadline(
            note.emitter.uf, signed.issued_at, note.emitter.timezone, self.holidays
        )
        record = self._record(signed, "pending", sale_ref, deadline=deadline)
        self.storage.save(record)
        return Issued(record, signed, outcome)

    # transmitting later ---------------------------------------------------------
    def send_pending(self) -> SendReport:
        """Transmit contingency notes, resolve unanswered numbers, void skipped ones.
        Stops at the first sign that SEFAZ is still out; safe to call again any time."""
        report = SendReport()
        with self._sending:
            self._send_contingency(report)
            if report.done:
                self._resolve_unanswered(report)
            if report.done:
                self._void_skipped(report)
            if report.done:
                self.offline_since = None
        return report

    def _send_contingency(self, report: SendReport) -> None:
        for record in self.storage.records("pending"):
            outcome = self.client.authorize(record.xml)
            if isinstance(outcome, Unavailable):
                report.unavailable = outcome
                return
            if isinstance(outcome, Authorized):
                self.storage.save(_authorised(record, outcome))
                report.authorised.append(record.number)
            else:
                self.storage.save(
                    replace(record, status="rejected", cstat=outcome.cstat, reason=outcome.reason)
                )
                report.rejected.append(record.number)

    def _resolve_unanswered(self, report: SendReport) -> None:
        for record in self.storage.records("unanswered", "sending"):
            if self._busy(record.series, record.number):  # its issue() is still talking
                continue
            if cancellation_refused(record):  # the manager's now: never asked again
                continue
            if record.protocol and self._awaits_substitute(
                record, self._covering(record), self.clock()
            ):
                continue  # found authorised already; nothing to ask until it is corrected
            found = self.client.query(record.key, record.xml)
            if isinstance(found, Unavailable):
                report.unavailable = found
                return
            if isinstance(found, Authorized):
                if record.replaced_by is None:  # a crash after sending: the sale has this note
                    self.storage.save(_authorised(record, found))
                    report.authorised.append(record.number)
                    continue
                self._cancel_replaced(record, found, report)
            elif isinstance(found, NotFound):
                self._void(record, record.issued_at or self.clock(), report)
            elif isinstance(found, Cancelled):
                # an earlier answer was lost: SEFAZ's event (110111 or 110112) is kept for
                # the accountant when the query carries it
                self.storage.save(
                    replace(
                        record,
                        status="cancelled",
                        cstat=found.cstat,
                        reason=found.reason,
                        proc_xml=found.proc_xml or record.proc_xml,
                    )
                )
                report.cancelled.append(record.number)
            else:
                self.storage.save(replace(record, cstat=found.cstat, reason=found.reason))
            if report.unavailable:
                return

    def _cancel_replaced(self, record: NoteRecord, found: Authorized, report: SendReport) -> None:
        """SEFAZ authorised a note whose sale another number covers: it is cancelled. Its
        nfeProc is saved first (still `unanswered`): an authorised note's XML is kept for
        5 years and goes to the accountant with its cancellation event.

        Past the cancellation window (SEFAZ answers 501, or the note is older than
        `cancel_window`) the note is cancelled by substitution (110112) when the contingency
        note covering its sale qualifies (`substitute_for`); otherwise SEFAZ's refusal is
        kept and the manager sees the two notes (`cancellation_refused`)."""
        record = replace(
            record,
            cstat=found.cstat,
            reason=found.reason,
            protocol=found.protocol,
            proc_xml=found.proc_xml,
        )
        self.storage.save(record)
        now = self.clock()
        covering = self._covering(record)
        substitute = substitute_for(record, covering, now, self.client.uf)
        if substitute is None and self._awaits_substitute(record, covering, now):
            return  # its substitute is being corrected: no 110111 for SEFAZ to refuse
        outcome: CancelOutcome
        if substitute is not None and self._past_cancel_window(record, now):
            outcome = self._cancel_by_substitution(record, substitute, now)
        else:
            reason = REPLACED_REASON.format(number=record.replaced_by)
            outcome = self.client.cancel(record.key, found.protocol, reason, now)
            if isinstance(outcome, Rejected) and outcome.cstat == TOO_LATE and substitute:
                outcome = self._cancel_by_substitution(record, substitute, now)
        if isinstance(outcome, Unavailable):
            report.unavailable = outcome
        elif isinstance(outcome, Cancelled):
            self.storage.save(
                replace(
                    record,
                    status="cancelled",
                    cstat=outcome.cstat,
                    reason=outcome.reason,
                    protocol=found.protocol,
                    proc_xml=outcome.proc_xml,
                )
            )
            report.cancelled.append(record.number)
        else:  # e.g. 501, past the cancellation window: the manager must act
            self.storage.save(replace(record, cstat=outcome.cstat, reason=outcome.reason))
            report.rejected.append(record.number)

    def _covering(self, record: NoteRecord) -> NoteRecord | None:
        if record.replaced_by is None:
            return None
        return self.storage.get(record.series, record.replaced_by)

    def _awaits_substitute(
        self, record: NoteRecord, covering: NoteRecord | None, now: datetime
    ) -> bool:
        """`record`, past the cancellation window, waits for the contingency note covering
        its sale, which SEFAZ refused and the manager may still correct (resent under its
        number, key and dhEmi): a 110111 now would only be refused (501) and, refused, is
        never asked again, leaving the sale two authorised notes once the substitute is
        corrected. Past the substitution window it no longer waits."""
        return (
            covering is not None
            and covering.status == "rejected"
            and covering.tp_emis == TpEmis.OFFLINE
            and record.issued_at is not None
            and self._past_cancel_window(record, now)
            and now - record.issued_at <= timedelta(hours=substitution_hours(self.client.uf))
        )

    def _past_cancel_window(self, record: NoteRecord, now: datetime) -> bool:
        return record.issued_at is not None and now - record.issued_at > self.cancel_window

    def _cancel_by_substitution(
        self, record: NoteRecord, substitute: NoteRecord, now: datetime
    ) -> CancelOutcome:
        return self.client.cancel_by_substitution(
            record.key,
            record.protocol,
            SUBSTITUTED_REASON.format(number=substitute.number),
            substitute.key,
            _text(_inf(substitute.xml), "n:ide/n:verProc") or "posapp",
            now,
        )

    def _void(self, record: NoteRecord, when: datetime, report: SendReport) -> None:
        outcome = self.client.void_range(
            record.series, record.number, record.number, SKIPPED_REASON, when.year
        )
        if isinstance(outcome, Unavailable):
            report.unavailable = outcome
        elif isinstance(outcome, Voided):
            self.storage.save(
                replace(
                    record,
                    status="voided",
                    cstat=outcome.cstat,
                    reason=outcome.reason,
                    protocol=outcome.protocol,
                    proc_xml=outcome.proc_xml,
                )
            )
            report.voided.append(record.number)
        else:
            self.storage.save(replace(record, cstat=outcome.cstat, reason=outcome.reason))
            report.rejected.append(record.number)

    def _void_skipped(self, report: SendReport) -> None:
        for series in self.storage.series():
            with self._flight:
                highest = self.storage.highest_reserved(series)
                gaps = self.storage.unrecorded(series, self._recorded_upto.get(series, 0))
                self._recorded_upto[series] = gaps[0] - 1 if gaps else highest
                skipped = [n for n in gaps if (series, n) not in self._in_flight]
            for number in skipped:
                self._void(NoteRecord(series, number, "sending"), self.clock(), report)
                if report.unavailable:
                    return

    # the manager's fix paths ------------------------------------------------------
    def resend_corrected(self, series: int, number: int, note: Nfce) -> Issued:
        """A rejected note, corrected, sent again under its own number (and tpEmis); a
        contingency note also keeps its dhEmi and cNF, so its access key does not change
        (Ajuste SINIEF 19/16: the issue date is not corrected)."""
        record = self.storage.get(series, number)
        if record is None or record.status != "rejected":
            raise ValueError(f"nota {series}/{number} não está rejeitada / is not rejected")
        contingency = None
        if record.tp_emis == TpEmis.OFFLINE:
            # Printed before SEFAZ saw it: the same date and cNF keep the consumer's key.
            contingency = Contingency(record.issued_at or self.clock(), CONTINGENCY_REASON)
            if record.issued_at is not None:
                note = replace(note, issued_at=record.issued_at)
            note = replace(note, cnf=record.key[35:43] if len(record.key) == 44 else note.cnf)
        signed = self._build(note, number, contingency)
        outcome = self.client.authorize(signed.xml)
        if isinstance(outcome, Authorized):
            new = self._record(
                signed,
                "authorised",
                record.sale_ref,
                cstat=outcome.cstat,
                reason=outcome.reason,
                protocol=outcome.protocol,
                proc_xml=outcome.proc_xml,
            )
        elif isinstance(outcome, Rejected):
            new = self._record(
                signed, "rejected", record.sale_ref, cstat=outcome.cstat, reason=outcome.reason
            )
        else:
            status: Status = "pending" if contingency else "unanswered"
            new = self._record(signed, status, record.sale_ref, deadline=record.deadline)
        self.storage.save(new)
        return Issued(new, signed, outcome)

    def void_rejected(self, series: int, number: int) -> SendReport:
        """Give up a rejected normal note: void its number (never a contingency number)."""
        record = self.storage.get(series, number)
        if record is None or record.status != "rejected" or record.tp_emis == TpEmis.OFFLINE:
            raise ValueError(
                f"só uma nota normal rejeitada pode ser inutilizada ({series}/{number}) / "
                "only a rejected normal note can be voided"
            )
        report = SendReport()
        self._void(record, record.issued_at or self.clock(), report)
        return report

    def pending(self) -> list[NoteRecord]:
        """Notes that still need SEFAZ or the manager, oldest first."""
        return self.storage.records("pending", "unanswered", "sending", "rejected")


def _authorised(record: NoteRecord, answer: Authorized) -> NoteRecord:
    return replace(
        record,
        status="authorised",
        cstat=answer.cstat,
        reason=answer.reason,
        protocol=answer.protocol,
        proc_xml=answer.proc_xml,
    )


def cancellation_refused(record: NoteRecord) -> bool:
    """An unanswered note SEFAZ had authorised whose cancellation SEFAZ refused (e.g. 501,
    past the limit): its sale has two authorised notes. The same refused request is never
    sent again (SEFAZ blocks an issuer that repeats it, 656 "consumo indevido"); the
    manager sees it with its cStat and takes it to the accountant."""
    return (
        record.status == "unanswered"
        and record.replaced_by is not None
        and bool(record.proc_xml)
        and record.cstat is not None
        and record.cstat not in AUTHORISED
    )


def substitution_hours(uf: str) -> int:
    """How long after the original a cancellation by substitution (110112) is taken."""
    return SUBSTITUTION_HOURS_BY_UF.get(uf, SUBSTITUTION_HOURS)


def substitute_for(
    record: NoteRecord, covering: NoteRecord | None, now: datetime, uf: str
) -> NoteRecord | None:
    """The note that may replace `record` in a cancellation by substitution (110112), or
    None. NT 2018.004's conditions (FISCAL_FACTS §1): `record` is an authorised normal
    note still within `substitution_hours(uf)` of its issue; `covering` is the note its
    sale was issued again under, authorised, off-line contingency (tpEmis 9), issued at
    most 2 h after it, with the same recipient, vNF, vICMS and first item.

    The times are the notes' dhEmi (ours, never SEFAZ's clock): the original's
    authorisation comes after its dhEmi, so its window is never overstated."""
    if covering is None or record.replaced_by != covering.number:
        return None
    if (
        covering.status != "authorised"
        or covering.tp_emis != TpEmis.OFFLINE
        or record.tp_emis != TpEmis.NORMAL
        or not record.protocol
        or record.issued_at is None
        or covering.issued_at is None
    ):
        return None
    if not timedelta(0) <= covering.issued_at - record.issued_at <= SUBSTITUTE_WITHIN:
        return None
    if now - record.issued_at > timedelta(hours=substitution_hours(uf)):
        return None
    if _same_sale(record.xml) != _same_sale(covering.xml):
        return None
    return covering


def _inf(xml: bytes) -> etree._Element | None:
    """The note's infNFe (None without XML)."""
    return etree.fromstring(xml).find("n:infNFe", NS) if xml else None


def _text(inf: etree._Element | None, path: str) -> str:
    return "" if inf is None else (inf.findtext(path, "", NS) or "").strip()


def _same_sale(xml: bytes) -> tuple[str, ...]:
    """What NT 2018.004 requires a substitute to share with the note it replaces: the
    recipient (CPF/CNPJ), vNF, vICMS and the first item (product, quantity, value)."""
    inf = _inf(xml)
    if inf is None:
        return ("",)

    def text(path: str) -> str:
        return _text(inf, path)

    return (
        text("n:dest/n:CPF") + text("n:dest/n:CNPJ") + text("n:dest/n:idEstrangeiro"),
        text("n:total/n:ICMSTot/n:vNF"),
        text("n:total/n:ICMSTot/n:vICMS"),
        *(
            text(f"n:det[@nItem='1']/n:prod/n:{tag}")
            for tag in ("cProd", "cEAN", "xProd", "NCM", "CFOP", "uCom", "qCom", "vProd")
        ),
    )
