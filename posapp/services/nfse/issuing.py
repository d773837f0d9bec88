"""Issuing the NFS-e of committed sales' services, and sending what waits.

One `NfseIssuer` per running counter. `issue_for_sale` runs after the sale's
transaction has committed (the print queue, the background sender): it writes the
signed DPS as a `pending` row first (its number is taken in that write, never
given twice), then sends it. When the national environment does not answer the row
stays pending and the manager sees it in Gerência > Fiscal; `send_pending` (the
background sender) sends it later. A DPS whose answer was lost (`maybe_sent`) is
looked up by its Id before it is sent again, so no service gets two NFS-e. After the
environment failed to answer, the counter stops trying for `OUT_FOR` (the DPS of the
next sales wait as pending, so no sale is held up by a timeout); the background
sender keeps trying and clears it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from db.models import Item, NfseNote, Sale, SaleLine
from fiscal import A1Certificate, FiscalError
from fiscal.nfse import (
    Authorised,
    NotFound,
    Rejected,
    SefinClient,
    Unavailable,
    build_dps,
    cancellation_request,
)
from posapp.core.errors import PosError
from posapp.services.common.station import Station
from posapp.services.common.worker import BackgroundWorker, Outcome
from posapp.services.invoices.settings import (
    FiscalSettings,
    Secrets,
    certificate_of,
    read_secrets,
)
from posapp.services.invoices.settings import read_settings as read_fiscal_settings
from posapp.services.nfse.mapping import dps_of, services_of
from posapp.services.nfse.settings import NfseSettings, read_settings
from posapp.services.nfse.storage import (
    AUTHORISED,
    CANCEL_PENDING,
    CANCELLED,
    PENDING,
    REJECTED,
    WAITING,
    WITHDRAWN,
    NfseRecord,
    next_number,
    note_of_sale,
    to_record,
)

log = logging.getLogger(__name__)
OUT_FOR = timedelta(seconds=60)
VOIDED_AT_THE_COUNTER = "Venda cancelada no caixa"
"""The cancellation's justification when the void did not give one."""


class NfseNotIssued(PosError):
    code = "nfse_not_issued"
    pt_BR = "A NFS-e dos serviços da venda {sale} não foi emitida: {reason_pt}"
    en = "The NFS-e for the services of sale {sale} was not issued: {reason_en}"


@dataclass
class NfseReport:
    authorised: list[int] = field(default_factory=list)  # nfse_note ids
    rejected: list[int] = field(default_factory=list)
    cancelled: list[int] = field(default_factory=list)
    unavailable: Unavailable | None = None

    @property
    def done(self) -> bool:
        return self.unavailable is None


def unissued_sales(session: Session, since: datetime) -> list[int]:
    """Sales with a paid service, not voided, sold since NFS-e was switched on, with no
    DPS (a sale whose services were all given has none to issue, `services_of`)."""
    has_service = exists().where(
        SaleLine.sale_id == Sale.id,
        Item.id == SaleLine.item_id,
        Item.kind == "service",
        SaleLine.net > 0,
    )
    has_dps = exists().where(NfseNote.sale_id == Sale.id)
    return list(
        session.scalars(
            select(Sale.id)
            .where(Sale.created_at >= since, Sale.status != "voided", has_service, ~has_dps)
            .order_by(Sale.id)
        )
    )


class NfseIssuer:
    def __init__(self, station: Station, *, clock: Callable[[], datetime] | None = None) -> None:
        self.station = station
        self.clock = clock or station.now
        self._lock = threading.RLock()
        self._client: SefinClient | None = None
        self._built_for: tuple[object, ...] | None = None
        self._out_until: datetime | None = None
        self._secrets: Secrets | None = None
        self._a1: A1Certificate | None = None

    @property
    def environment_out(self) -> bool:
        """The national environment did not answer a moment ago: the counter does not wait."""
        return self._out_until is not None and self.clock() < self._out_until

    def settings(self) -> NfseSettings:
        with self.station.read() as session:
            return read_settings(session)

    def provider(self) -> tuple[FiscalSettings, A1Certificate | None]:
        """The store's fiscal set-up and its A1, opened once per certificate loaded: opening
        the PKCS#12 takes tens of milliseconds, too long to repeat for each DPS."""
        with self._lock, self.station.read() as session:
            fiscal, secrets = read_fiscal_settings(session), read_secrets(session)
            if secrets != self._secrets:
                self._a1, self._secrets = certificate_of(secrets), secrets
            return fiscal, self._a1

    def client(self) -> SefinClient:
        with self._lock:
            settings = self.settings()
            fiscal, a1 = self.provider()
            fingerprint = (settings, fiscal, self._secrets)
            if self._client is not None and fingerprint == self._built_for:
                return self._client
            if a1 is None:
                raise NfseNotIssued(
                    sale="-",
                    reason_pt="sem certificado A1 (Gerência > Fiscal)",
                    reason_en="no A1 certificate (Management > Fiscal)",
                )
            self.close()
            self._client = SefinClient(
                a1,
                fiscal.env,
                base_url=settings.sefin_url or None,
                timeout_s=settings.timeout_s,
                ca_file=settings.sefin_ca_file or None,
            )
            self._built_for = fingerprint
            return self._client

    def close(self) -> None:
        with self._lock:
            if self._client is not None:
                self._client.close()
            self._client, self._built_for = None, None

    def note(self, sale_id: int) -> NfseRecord | None:
        with self.station.read() as session:
            return note_of_sale(session, sale_id)

    @contextmanager
    def issuing_held(self) -> Iterator[None]:
        """No DPS is built or sent while this is held: what a caller finds (a DPS pending,
        none at all) stays true until it lets go."""
        with self._lock:
            yield

    # issuing ------------------------------------------------------------------------
    def issue_for_sale(self, sale_id: int, *, again: bool = False) -> NfseRecord | None:
        """The sale's NFS-e row, the DPS built and sent now if it has none (None: NFS-e off
        or no service). `again`: a new DPS after a rejection the manager has fixed. Never
        raises for the national environment being out; bad data raises NfseNotIssued."""
        settings = self.settings()
        if not settings.enabled:  # read without the lock: a void may hold it (issuing_held)
            return None
        with self._lock:
            found = self.note(sale_id)
            if found is not None and not (again and found.status == REJECTED):
                return found
            row_id = self._build(sale_id, settings)
            if row_id is None:
                return None
            if self.environment_out:
                return self.note(sale_id)
            return self._send(row_id)

    def _build(self, sale_id: int, settings: NfseSettings) -> int | None:
        now = self.clock()
        fiscal, a1 = self.provider()
        with self.station.write() as session:
            sale = session.get(Sale, sale_id)
            if sale is None or sale.status == "voided":
                return None
            since = datetime.fromisoformat(settings.enabled_since)
            if sale.created_at < since:
                return None
            services = services_of(session, sale_id)
            if services is None:
                return None
            if a1 is None:
                raise NfseNotIssued(
                    sale=sale_id, reason_pt="sem certificado A1", reason_en="no A1 certificate"
                )
            number = next_number(session, settings.series)
            try:
                dps = dps_of(services, settings, fiscal, settings.series, number, now)
                signed = build_dps(dps, a1)
            except FiscalError as error:
                raise NfseNotIssued(
                    sale=sale_id, reason_pt=error.message("pt_BR"), reason_en=error.message("en")
                ) from None
            row = NfseNote(
                sale_id=sale_id,
                series=settings.series,
                number=number,
                dps_id=signed.id,
                status=PENDING,
                dps_xml=signed.xml,
                reason="",
                maybe_sent=False,
                attempts=0,
                issued_at=now,
                updated_at=now,
            )
            session.add(row)
            session.flush()
            return row.id

    def _send(self, row_id: int) -> NfseRecord:
        with self.station.read() as session:
            row = session.get(NfseNote, row_id)
            assert row is not None
            record = to_record(row)
        client = self.client()
        if record.maybe_sent:
            found = client.find_dps(record.dps_id)
            if isinstance(found, Authorised):
                return self._store(row_id, found)
            if isinstance(found, Unavailable):
                return self._unanswered(row_id, found)
        outcome = client.send(record.dps_xml)
        if isinstance(outcome, Authorised):
            return self._store(row_id, outcome)
        if isinstance(outcome, Unavailable):
            return self._unanswered(row_id, outcome)
        return self._rejected(row_id, outcome)

    def _update(self, row_id: int, **values: object) -> NfseRecord:
        with self.station.write() as session:
            row = session.get(NfseNote, row_id)
            assert row is not None
            for name, value in values.items():
                setattr(row, name, value)
            row.attempts += 1
            row.updated_at = self.clock()
            return to_record(row)

    def _store(self, row_id: int, outcome: Authorised) -> NfseRecord:
        self._out_until = None
        log.info("NFS-e %s authorised (%s)", outcome.number, outcome.key)
        return self._update(
            row_id,
            status=AUTHORISED,
            key=outcome.key,
            nfse_number=outcome.number,
            nfse_xml=outcome.nfse_xml,
            code=None,
            reason="",
        )

    def _unanswered(self, row_id: int, outcome: Unavailable) -> NfseRecord:
        self._out_until = self.clock() + OUT_FOR
        with self.station.read() as session:
            row = session.get(NfseNote, row_id)
            assert row is not None
            maybe = row.maybe_sent or outcome.sent
        return self._update(row_id, maybe_sent=maybe, reason=f"{outcome.reason} {outcome.detail}")

    def _rejected(self, row_id: int, outcome: Rejected) -> NfseRecord:
        self._out_until = None
        log.warning("DPS %s rejected: %s %s", row_id, outcome.code, outcome.reason)
        return self._update(row_id, status=REJECTED, code=outcome.code, reason=outcome.reason)

    # the background sender ---------------------------------------------------------------
    def send_pending(self) -> NfseReport | None:
        """Build DPS for sales left without one, send what waits, and send the cancellation
        of NFS-e whose sale was voided while the national environment was out."""
        settings = self.settings()
        if not settings.enabled:
            return None
        report = NfseReport()
        with self.station.read() as session:
            missing = unissued_sales(session, datetime.fromisoformat(settings.enabled_since))
        for sale_id in missing:
            try:
                self.issue_for_sale(sale_id)
            except PosError as error:
                log.warning("%s", error.message("en"))
        with self.station.read() as session:
            waiting = [
                (row.id, row.status, row.sale_id)
                for row in session.scalars(
                    select(NfseNote).where(NfseNote.status.in_(WAITING)).order_by(NfseNote.id)
                )
            ]
        for row_id, status, sale_id in waiting:
            with self._lock:
                if status == PENDING and self._sale_voided(sale_id):
                    self._withdraw_or_cancel(row_id)
                    continue
                if status == CANCEL_PENDING:
                    done = self.send_cancellation(row_id)
                    if isinstance(done, Unavailable):
                        report.unavailable = done
                        break
                    if done:
                        report.cancelled.append(row_id)
                    continue
                record = self._send(row_id)
            if record.status == AUTHORISED:
                report.authorised.append(row_id)
            elif record.status == REJECTED:
                report.rejected.append(row_id)
            else:
                report.unavailable = Unavailable(record.reason.split(" ")[0], record.maybe_sent)
                break
        return report

    def _sale_voided(self, sale_id: int) -> bool:
        with self.station.read() as session:
            sale = session.get(Sale, sale_id)
            return sale is not None and sale.status == "voided"

    def _withdraw_or_cancel(self, row_id: int) -> None:
        """A pending DPS of a voided sale: never sent, it is withdrawn; maybe sent, it
        becomes a cancellation to send (resolved by its Id first)."""
        with self.station.write() as session:
            row = session.get(NfseNote, row_id)
            assert row is not None
            row.status = CANCEL_PENDING if row.maybe_sent else WITHDRAWN
            row.reason = VOIDED_AT_THE_COUNTER  # the justification, not the last timeout
            row.updated_at = self.clock()

    def send_cancellation(self, row_id: int) -> bool | Unavailable:
        """Send the cancellation event of a voided sale's NFS-e (True: cancelled; False:
        refused or nothing to cancel, the row says why). The justification is the void's,
        kept in `reason` when the row became `cancel_pending`."""
        with self.station.read() as session:
            row = session.get(NfseNote, row_id)
            assert row is not None
            record = to_record(row)
        fiscal, a1 = self.provider()
        if a1 is None:
            return False
        client = self.client()
        key = record.key
        if not key:
            found = client.find_dps(record.dps_id)
            if isinstance(found, Unavailable):
                return found
            if isinstance(found, NotFound):
                self._update(row_id, status=WITHDRAWN)
                return False
            self._update(row_id, key=found.key, nfse_number=found.number, nfse_xml=found.nfse_xml)
            key = found.key
        request = cancellation_request(
            key,
            fiscal.cnpj,
            fiscal.env,
            self.clock().astimezone(ZoneInfo(fiscal.timezone)),
            record.reason or VOIDED_AT_THE_COUNTER,
            a1=a1,
        )
        outcome = client.cancel(key, request)
        if isinstance(outcome, Unavailable):
            return outcome
        if isinstance(outcome, Rejected):
            # `reason` stays the justification the next try sends; the refusal's code is
            # what the manager sees, its text goes to the log.
            log.warning("NFS-e %s cancellation refused: %s %s", key, outcome.code, outcome.reason)
            self._update(row_id, code=outcome.code)
            return False
        self._update(row_id, status=CANCELLED, cancel_xml=outcome.event_xml, code=None)
        return True


def start_nfse_sender(
    issuer: NfseIssuer,
    report: Callable[[Outcome[NfseReport | None]], None],
    *,
    interval: float = 60.0,
) -> BackgroundWorker[NfseReport | None]:
    worker: BackgroundWorker[NfseReport | None] = BackgroundWorker(
        issuer.send_pending,
        report,
        interval=interval,
        failed=lambda result: result is not None and not result.done,
    )
    worker.start()
    return worker
