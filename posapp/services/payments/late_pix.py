"""Pix money that completed no sale, found and returned.

`settle_charges` runs at start-up, every 15 minutes and from Gerência > Pagamentos: a
charge a restart left 'waiting' (or whose cancel never reached the PSP) is picked up
(`resume`; a charge this process still shows is left to its dialog): paid,
its money completed no sale (the cart did not survive the restart) and is to be
returned; unpaid, it is cancelled; unknown to the PSP (the counter stopped before the
PSP had it), it is closed as failed, not asked about forever. A charge reported paid
that no sale took within `paid_grace_s` is the same. Charges ended in the last
`recent_hours` are asked again for money that arrived after the cancel (`check_late`),
and so are those that paid a sale: a second payment of the same QR (two phones paid it
at once) is money no sale took.

`refund_late_payment` is a manager's action (PIN, audited) and returns a payment at
most once: the row says it was returned, and the PSP's devolução id is fixed per
payment (`payments.pix_flow.refund_id_for`), so a repeat cannot send money twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select

from db.models import PixCharge, PixLatePayment
from payments.errors import PaymentError
from payments.pix_api import PspNotFound, RefundStatus
from payments.pix_flow import LatePayment, Phase, RefundNotDone, refund_attempt
from posapp.services.common import audit
from posapp.services.common.auth import acting_staff, authorize_manager
from posapp.services.common.station import Station
from posapp.services.payments.dynamic_pix import (
    DynamicPix,
    live_txids,
    note_late,
    record_outcome,
)
from posapp.services.payments.errors import (
    LatePixAlreadyRefunded,
    LatePixNotFound,
    PaymentRefused,
)
from posapp.services.payments.sale_pix_refund import (
    NOT_DONE,
    REFUSED,
    TO_SEND,
    PixReturn,
    send_pending,
)
from posapp.services.payments.tenders import (
    CANCELLED,
    DYNAMIC,
    EXPIRED,
    FAILED,
    MISMATCH,
    PAID,
    SOLD,
    UNSETTLED,
    WAITING,
)

PAID_GRACE_S = 600
RECENT_HOURS = 24
SOLD_HOURS = 2
"""A sold charge is asked about for this long: a second payment of its QR can only come
while the charge is payable (at most the longest charge time, 1 h, plus its margin); a
busy counter's every sale of the day asked every 15 minutes would hammer the PSP."""


@dataclass(frozen=True, slots=True)
class LatePixRow:
    end_to_end_id: str
    txid: str
    amount: int
    found_at: datetime
    refunded_at: datetime | None
    refund_status: str | None

    @property
    def refunded(self) -> bool:
        return self.refunded_at is not None


@dataclass(frozen=True, slots=True)
class SettleResult:
    resumed: int
    found: int
    """Late payments newly on record, and devoluções the SPI did not carry out (their
    payment is to return again)."""
    unreachable: int
    """Charges the PSP could not be asked about this time (and refunds' Pix shares it
    could not be sent)."""
    refused: tuple[PixReturn, ...] = ()
    """Refunds' Pix shares the PSP refused or the SPI did not carry out this time: to
    return another way."""


def settle_charges(
    pix: DynamicPix,
    *,
    paid_grace_s: int = PAID_GRACE_S,
    recent_hours: int = RECENT_HOURS,
    sold_hours: int = SOLD_HOURS,
) -> SettleResult:
    station, flow = pix.station, pix.flow
    now = station.now()
    with station.read() as session:
        known = set(session.scalars(select(PixLatePayment.end_to_end_id)))
        open_rows = session.scalars(
            select(PixCharge).where(
                PixCharge.kind == DYNAMIC,
                or_(
                    PixCharge.status.in_((WAITING, UNSETTLED)),
                    (PixCharge.status == PAID)
                    & PixCharge.sale_id.is_(None)
                    & (PixCharge.updated_at < now - timedelta(seconds=paid_grace_s)),
                ),
            )
        ).all()
        ended = session.scalars(
            select(PixCharge).where(
                PixCharge.kind == DYNAMIC,
                or_(
                    PixCharge.status.in_((EXPIRED, CANCELLED, MISMATCH))
                    & (PixCharge.created_at >= now - timedelta(hours=recent_hours)),
                    (PixCharge.status == SOLD)
                    & (PixCharge.created_at >= now - timedelta(hours=sold_hours)),
                ),
            )
        ).all()
        live = live_txids()
        open_charges = [
            (row.txid, row.amount, row.status) for row in open_rows if row.txid not in live
        ]
        ended_txids = [
            (row.txid, row.end_to_end_id if row.status == SOLD else None)
            for row in ended
            if row.status != SOLD or row.end_to_end_id
        ]
    resumed = unreachable = 0
    for txid, amount, status in open_charges:
        try:
            outcome = flow.wait(flow.resume(txid, amount))
        except PspNotFound:
            if status == PAID:
                unreachable += 1
            else:  # the PSP never got it (the counter stopped mid-start): nobody can pay it
                _close_unknown(station, txid)
            continue
        except PaymentError:
            unreachable += 1
            continue
        resumed += 1
        if status != PAID:
            record_outcome(station, outcome)
        if outcome.phase is Phase.PAID and outcome.payment is not None:
            paid = outcome.payment
            with station.write() as session:
                row = session.get(PixCharge, txid)
                if row is not None and row.sale_id is None:
                    row.status = EXPIRED
                    row.updated_at = station.now()
                    note_late(
                        session,
                        LatePayment(txid, paid.end_to_end_id, paid.amount_centavos, None),
                        station.now(),
                    )
    for txid, sale_paid_by in ended_txids:
        try:
            found = flow.check_late(txid, sale_paid_by=sale_paid_by)
        except PaymentError:
            unreachable += 1
            continue
        if found:
            with station.write() as session:
                for late in found:
                    note_late(session, late, station.now())
    undone, missed = _follow_refunds(pix)
    returns = send_pending(pix)
    missed += sum(1 for r in returns if r.status == TO_SEND)
    with station.read() as session:
        after = set(session.scalars(select(PixLatePayment.end_to_end_id)))
    failed = tuple(r for r in returns if r.status in (NOT_DONE, REFUSED))
    return SettleResult(resumed, len(after - known) + undone, unreachable + missed, failed)


def _follow_refunds(pix: DynamicPix) -> tuple[int, int]:
    """Devoluções the PSP took EM_PROCESSAMENTO: asked again. One the SPI did not carry
    out (NAO_REALIZADO) puts its payment back to return: nothing went back to the payer.
    Gives (undone, unreachable)."""
    station = pix.station
    with station.read() as session:
        processing = [
            (row.end_to_end_id, row.refund_id)
            for row in session.scalars(
                select(PixLatePayment).where(
                    PixLatePayment.refund_status == RefundStatus.PROCESSING.value,
                    PixLatePayment.refund_id.is_not(None),
                )
            )
        ]
    undone = unreachable = 0
    for e2eid, refund_id in processing:
        assert refund_id is not None
        try:
            refund = pix.client.get_refund(e2eid, refund_id)
        except PaymentError:
            unreachable += 1
            continue
        with station.write() as session:
            row = session.get(PixLatePayment, e2eid)
            if row is None or row.refund_id != refund_id:
                continue
            row.refund_status = refund.status.value
            if refund.status is RefundStatus.NOT_DONE:
                row.refunded_at = None
                row.refunded_by_id = None
                undone += 1
    return undone, unreachable


def _next_attempt(row: PixLatePayment) -> int:
    """The devolução attempt to ask for: the same id again unless the SPI refused it."""
    if row.refund_id is None:
        return 0
    attempt = refund_attempt(row.end_to_end_id, row.refund_id) or 0
    return attempt + 1 if row.refund_status == RefundStatus.NOT_DONE.value else attempt


def _close_unknown(station: Station, txid: str) -> None:
    with station.write() as session:
        row = session.get(PixCharge, txid)
        if row is not None and row.status in (WAITING, UNSETTLED):
            row.status = FAILED
            row.updated_at = station.now()


def late_payments(station: Station) -> tuple[LatePixRow, ...]:
    """Every late payment on record, those still to return first."""
    with station.read() as session:
        rows = session.scalars(
            select(PixLatePayment).order_by(
                PixLatePayment.refunded_at.is_not(None), PixLatePayment.found_at.desc()
            )
        ).all()
        return tuple(
            LatePixRow(
                r.end_to_end_id, r.txid, r.amount, r.found_at, r.refunded_at, r.refund_status
            )
            for r in rows
        )


def refund_late_payment(
    pix: DynamicPix, end_to_end_id: str, *, staff_id: int | None, manager_pin: str
) -> LatePixRow:
    """Return a late payment in full (PUT /pix/{e2eid}/devolucao/{id}), once."""
    station = pix.station
    now = station.now()
    with station.read() as session:
        manager = authorize_manager(session, manager_pin, "devolver Pix", now)
        staff = acting_staff(session, staff_id) if staff_id is not None else manager
        row = session.get(PixLatePayment, end_to_end_id)
        if row is None:
            raise LatePixNotFound(e2eid=end_to_end_id)
        if row.refunded_at is not None:
            raise LatePixAlreadyRefunded(e2eid=end_to_end_id)
        late = LatePayment(row.txid, row.end_to_end_id, row.amount, None, _next_attempt(row))
    try:
        refund = pix.flow.refund_late(late)
    except RefundNotDone as error:
        if error.refund is not None:
            _not_done(station, end_to_end_id, error.refund.id, staff.id, manager.id)
        raise PaymentRefused(error) from None
    except PaymentError as error:
        raise PaymentRefused(error) from None
    with station.write() as session:
        stored = session.get(PixLatePayment, end_to_end_id)
        assert stored is not None
        if stored.refunded_at is not None:  # another counter got there first
            raise LatePixAlreadyRefunded(e2eid=end_to_end_id)
        stored.refund_id = refund.id
        stored.refund_status = refund.status.value
        stored.refunded_at = now
        stored.refunded_by_id = manager.id
        audit.record(
            session,
            at=now,
            terminal_uuid=station.terminal(session).uuid,
            action="pix.refund",
            staff_id=staff.id,
            authorized_by_id=manager.id,
            target=f"pix:{end_to_end_id}",
            txid=stored.txid,
            amount=stored.amount,
            refund_id=refund.id,
            rtr_id=refund.rtr_id,
            status=refund.status.value,
        )
        return LatePixRow(
            stored.end_to_end_id,
            stored.txid,
            stored.amount,
            stored.found_at,
            stored.refunded_at,
            stored.refund_status,
        )


def _not_done(
    station: Station, end_to_end_id: str, refund_id: str, staff_id: int, manager_id: int
) -> None:
    """The SPI did not carry out this devolução: on record (the next try takes a new id),
    still to return."""
    now = station.now()
    with station.write() as session:
        stored = session.get(PixLatePayment, end_to_end_id)
        if stored is None or stored.refunded_at is not None:
            return
        stored.refund_id = refund_id
        stored.refund_status = RefundStatus.NOT_DONE.value
        audit.record(
            session,
            at=now,
            terminal_uuid=station.terminal(session).uuid,
            action="pix.refund_not_done",
            staff_id=staff_id,
            authorized_by_id=manager_id,
            target=f"pix:{end_to_end_id}",
            txid=stored.txid,
            amount=stored.amount,
            refund_id=refund_id,
        )
