"""A dynamic Pix at the counter: the charge recorded, created at the PSP, waited for.

    charge = DynamicPix.open(station)              # PixNotConfigured without a PSP
    pending = charge.start(8990, staff_id)        # row 'waiting' committed BEFORE PUT /cob
    outcome = charge.wait(pending, should_stop)   # off the GUI thread
    PAID -> checkout with PixTender(txid, dynamic=True, end_to_end_id=...)

Every outcome is written at once: 'paid' (with the endToEndId; checkout turns it 'sold'
and links the sale), 'expired', 'cancelled', or 'unsettled' when the PSP could not be
reached to cancel (`late_pix.settle_charges` looks again), 'mismatch' when the money
received was not the charge's amount (it pays nothing). Money found for a charge that
completed no sale is written to `pix_late_payment` for a manager to return.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from db.models import PixCharge, PixLatePayment
from payments.errors import PaymentError
from payments.pix_api import PixApiClient
from payments.pix_flow import LatePayment, PendingCharge, Phase, PixCheckout, PixOutcome, new_txid
from posapp.services.common.station import Station
from posapp.services.payments.errors import PaymentRefused
from posapp.services.payments.settings import PaymentSettings, load_payment_settings
from posapp.services.payments.tenders import (
    CANCELLED,
    DYNAMIC,
    EXPIRED,
    FAILED,
    MISMATCH,
    PAID,
    UNSETTLED,
    WAITING,
    PixTender,
)

_LIVE: set[str] = set()
"""txids this process is showing right now: the upkeep leaves them to their dialog."""
_HELD: set[str] = set()
"""Paid charges a payment dialog here still holds for its sale (`hold`)."""
_LIVE_LOCK = threading.Lock()


def live_txids() -> frozenset[str]:
    with _LIVE_LOCK:
        return frozenset(_LIVE | _HELD)


def hold(txid: str) -> None:
    """A paid charge the cashier is still finishing a sale with (checkout refused
    something else and she is fixing it): the upkeep must not take its money for one no
    sale took, however long she takes, until `let_go`. A restart lets go of it (the cart
    is gone with the process)."""
    with _LIVE_LOCK:
        _HELD.add(txid)


def let_go(txid: str) -> None:
    with _LIVE_LOCK:
        _HELD.discard(txid)


def _live(txid: str, on: bool) -> None:
    with _LIVE_LOCK:
        if on:
            _LIVE.add(txid)
        else:
            _LIVE.discard(txid)


def note_late(session: Session, late: LatePayment, now: datetime) -> None:
    """Keep a late payment on record once (its endToEndId is the key)."""
    if session.get(PixLatePayment, late.end_to_end_id) is None:
        session.add(
            PixLatePayment(
                end_to_end_id=late.end_to_end_id,
                txid=late.txid,
                amount=late.amount_centavos,
                found_at=now,
                refund_id=late.refund_id if late.refund else None,
                refund_status=late.refund.status.value if late.refund else None,
            )
        )


def record_outcome(station: Station, outcome: PixOutcome) -> None:
    now = station.now()
    status = {
        Phase.PAID: PAID,
        Phase.EXPIRED: EXPIRED,
        Phase.CANCELLED: CANCELLED,
        Phase.WRONG_AMOUNT: MISMATCH,
    }[outcome.phase]
    if not outcome.cancel_confirmed:
        status = UNSETTLED
    _live(outcome.txid, False)
    with station.write() as session:
        row = session.get(PixCharge, outcome.txid)
        if row is not None and row.sale_id is None:
            row.status = status
            row.updated_at = now
            if outcome.payment is not None:
                row.end_to_end_id = outcome.payment.end_to_end_id
        for late in outcome.late_payments:
            note_late(session, late, now)


@dataclass
class DynamicPix:
    """One PSP connection for the charges of a counter; `close()` when done."""

    station: Station
    settings: PaymentSettings
    client: PixApiClient
    flow: PixCheckout
    started: list[str] = field(default_factory=list)

    @classmethod
    def open(
        cls,
        station: Station,
        *,
        timeout_s: float | None = None,
        poll_interval_s: float | None = None,
        sleep: Callable[[float], None] | None = None,
    ) -> DynamicPix:
        settings = load_payment_settings(station)
        try:
            client = PixApiClient(settings.api_config())
        except (OSError, ValueError) as error:  # unreadable certificate or key file
            raise PaymentRefused(_CertificateError(detail=str(error))) from None
        extra = {"sleep": sleep} if sleep is not None else {}
        merchant = (settings.merchant_name, settings.merchant_city)
        flow = PixCheckout(
            client,
            settings.pix_key,
            timeout_s=timeout_s if timeout_s is not None else float(settings.charge_timeout_s),
            poll_interval_s=(
                poll_interval_s if poll_interval_s is not None else settings.poll_interval_s
            ),
            merchant=merchant if all(merchant) else None,
            **extra,  # type: ignore[arg-type]
        )
        return cls(station, settings, client, flow)

    def close(self) -> None:
        """Done with this connection: its charges are no longer on screen here."""
        for txid in self.started:
            _live(txid, False)
        self.client.close()

    def __enter__(self) -> DynamicPix:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self, amount_centavos: int, staff_id: int | None) -> PendingCharge:
        """Record the charge, then create it at the PSP (a refusal marks it 'failed')."""
        txid = new_txid()
        now = self.station.now()
        with self.station.write() as session:
            session.add(
                PixCharge(
                    txid=txid,
                    kind=DYNAMIC,
                    amount=amount_centavos,
                    status=WAITING,
                    created_at=now,
                    updated_at=now,
                    staff_id=staff_id,
                )
            )
        _live(txid, True)
        self.started.append(txid)
        try:
            return self.flow.start(amount_centavos, txid=txid)
        except PaymentError as error:
            _live(txid, False)
            with self.station.write() as session:
                row = session.get(PixCharge, txid)
                if row is not None:
                    row.status = FAILED
                    row.updated_at = self.station.now()
            raise PaymentRefused(error) from None

    def wait(
        self, pending: PendingCharge, should_stop: Callable[[], bool] | None = None
    ) -> PixOutcome:
        try:
            outcome = self.flow.wait(pending, should_stop)
        except PaymentError as error:
            raise PaymentRefused(error) from None
        record_outcome(self.station, outcome)
        return outcome

    def give_up(self, pending: PendingCharge) -> PixOutcome:
        try:
            outcome = self.flow.give_up(pending)
        except PaymentError as error:  # the charge stays 'waiting': the upkeep settles it
            raise PaymentRefused(error) from None
        record_outcome(self.station, outcome)
        return outcome


def paid_tender(outcome: PixOutcome) -> PixTender:
    """The Pix tender checkout takes for a PAID outcome."""
    if outcome.phase is not Phase.PAID or outcome.payment is None:
        raise ValueError("only a paid charge pays a sale")
    return PixTender(outcome.txid, dynamic=True, end_to_end_id=outcome.payment.end_to_end_id)


class _CertificateError(PaymentError):
    code = "psp_certificate_unreadable"
    pt_BR = "Não foi possível ler o certificado do cliente Pix ({detail}). Confira em Gerência."
    en = "The Pix client certificate could not be read ({detail}). Check it in Management."
