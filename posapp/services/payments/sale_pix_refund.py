"""The Pix share of a refund or void, returned to the payer by the PSP (devolução).

A sale paid by a dynamic Pix charge knows the payer's endToEndId. When a refund or a
void gives money back, the share that goes to that Pix payment (`payments.refund_split`:
the drawer's cash first, the rest to the sale's card and Pix payments in proportion) is
put on record in the refund's own transaction (`queue`), and sent once the refund is
committed (`send_pending`): PUT /pix/{e2eid}/devolucao/{id}, the id fixed per refund, so
a repeat or a lost answer never returns the money twice. A PSP out of reach leaves it
to send: the Pix upkeep sends it again every 15 minutes. One the PSP takes as "in
processing" is asked about again until it is done or not.

A devolução the PSP refuses, or the SPI does not carry out, is not retried: nothing
went back, and the store returns that money another way (the message says so, and the
audit log has it). Gerência > Pagamentos lists them (`unreturned`) until a manager says
the money went back another way (`returned_another_way`: PIN, audited, once). A static
Pix (the cashier's "Pago") leaves no endToEndId here: its share is returned by hand, as
the refund receipt says.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import PixCharge, PixSaleRefund, Refund, Sale
from payments.errors import PaymentError, format_brl
from payments.pix_api import PspRefused, RefundStatus
from payments.pix_api import Refund as PspRefund
from payments.pix_flow import RefundNotDone
from posapp.services.common import audit
from posapp.services.common.auth import acting_staff, authorize_manager
from posapp.services.common.station import Station
from posapp.services.payments.dynamic_pix import DynamicPix
from posapp.services.payments.errors import PaymentRefused, PixReturnNotOpen
from posapp.services.payments.settings import load_payment_settings
from posapp.services.payments.tenders import DYNAMIC

TO_SEND, PROCESSING, DONE = "to_send", "processing", "done"
NOT_DONE, REFUSED = "not_done", "refused"
ANOTHER_WAY = "another_way"
"""Refused or not carried out, and returned by the store another way (a manager's word)."""
DESCRIPTION = "Devolução de compra paga com Pix"
_NOT_SET_UP = (
    "API Pix não configurada em Gerência > Pagamentos",
    "API Pix not set up in Management > Payments",
)


def devolucao_id(refund_uuid: str) -> str:
    """Ours for a refund's Pix share: "rv" and the refund's uuid without its dashes (34
    of the 35 characters [a-zA-Z0-9] the API Pix allows)."""
    return "rv" + refund_uuid.replace("-", "")


@dataclass(frozen=True, slots=True)
class PixReturn:
    """Where a refund's Pix share stands after a try."""

    refund_id: int
    amount: int
    status: str
    reason: str | None = None
    reason_en: str | None = None
    """The reason in English when it was ours to say (the PSP's own words are kept as
    they came, in `reason`)."""

    def message(self, locale: str = "pt_BR") -> str:
        amount = format_brl(self.amount, locale)
        pt = locale.startswith("pt")
        reason = (self.reason if pt else self.reason_en or self.reason) or ""
        if pt:
            return {
                DONE: f"Pix: {amount} devolvidos ao pagador pelo provedor.",
                PROCESSING: f"Pix: devolução de {amount} pedida; o banco do pagador ainda"
                " processa (acompanhada a cada 15 minutos).",
                TO_SEND: f"Pix: devolução de {amount} não enviada ({reason}); será enviada"
                " de novo a cada 15 minutos.",
                NOT_DONE: f"Pix: o banco não realizou a devolução de {amount} ({reason}). Nada"
                " foi devolvido: devolva por outro meio.",
                REFUSED: f"Pix: o provedor recusou a devolução de {amount} ({reason}). Nada"
                " foi devolvido: devolva por outro meio.",
            }[self.status]
        return {
            DONE: f"Pix: {amount} returned to the payer by the provider.",
            PROCESSING: f"Pix: refund of {amount} asked; the payer's bank is still processing"
            " it (followed every 15 minutes).",
            TO_SEND: f"Pix: refund of {amount} not sent ({reason}); it is sent again every"
            " 15 minutes.",
            NOT_DONE: f"Pix: the bank did not carry out the refund of {amount} ({reason})."
            " Nothing was returned: return it another way.",
            REFUSED: f"Pix: the provider refused the refund of {amount} ({reason}). Nothing"
            " was returned: return it another way.",
        }[self.status]


def queue(session: Session, refund: Refund, payment_id: int, share: int, now: datetime) -> None:
    """In the refund's transaction: `share` of the sale's Pix payment `payment_id`, to
    return through the PSP when a dynamic charge (with the payer's endToEndId) paid it."""
    charge = session.scalars(
        select(PixCharge).where(PixCharge.sale_payment_id == payment_id)
    ).first()
    if share <= 0 or charge is None or charge.kind != DYNAMIC or not charge.end_to_end_id:
        return
    session.add(
        PixSaleRefund(
            refund_id=refund.id,
            end_to_end_id=charge.end_to_end_id,
            amount=share,
            devolucao_id=devolucao_id(refund.uuid),
            status=TO_SEND,
            created_at=now,
            updated_at=now,
        )
    )


def pix_return(station: Station, refund_id: int) -> PixReturn | None:
    """Where the refund's Pix share stands (None: nothing of it goes back by the PSP)."""
    with station.read() as session:
        row = session.get(PixSaleRefund, refund_id)
        return _as_return(row) if row is not None else None


def return_now(station: Station, refund_id: int) -> PixReturn | None:
    """Right after a refund is committed: send its Pix share, if it has one (None: it has
    not). With the PSP not set up or its certificate unreadable, it stays to send."""
    waiting = pix_return(station, refund_id)
    if waiting is None or waiting.status != TO_SEND:
        return waiting
    if not load_payment_settings(station).dynamic_ready:
        return _record(station, refund_id, TO_SEND, *_NOT_SET_UP)
    try:
        with DynamicPix.open(station) as pix:
            sent = send_pending(pix, refund_id)
    except PaymentRefused as error:
        return _record(station, refund_id, TO_SEND, *_said(error))
    return sent[0] if sent else pix_return(station, refund_id)


def send_pending(pix: DynamicPix, refund_id: int | None = None) -> list[PixReturn]:
    """Send each Pix share still to send (only `refund_id`'s when given) and ask again
    about those the PSP took as in processing. Returns where each one stands."""
    station = pix.station
    with station.read() as session:
        query = select(PixSaleRefund).where(PixSaleRefund.status.in_((TO_SEND, PROCESSING)))
        if refund_id is not None:
            query = query.where(PixSaleRefund.refund_id == refund_id)
        rows = [
            (row.refund_id, row.end_to_end_id, row.devolucao_id, row.amount, row.status)
            for row in session.scalars(query.order_by(PixSaleRefund.refund_id))
        ]
    return [_try(pix, *row) for row in rows]


def _try(
    pix: DynamicPix, refund_id: int, e2eid: str, dv_id: str, amount: int, status: str
) -> PixReturn:
    try:
        if status == PROCESSING:
            answer = pix.client.get_refund(e2eid, dv_id)
            if answer.status is RefundStatus.NOT_DONE:
                raise RefundNotDone(answer, amount, answer.reason or "NAO_REALIZADO")
        else:
            answer = pix.flow.return_money(e2eid, dv_id, amount, DESCRIPTION)
    except RefundNotDone as error:
        return _record(pix.station, refund_id, NOT_DONE, str(error.params.get("reason", "")))
    except PspRefused as error:
        return _record(pix.station, refund_id, REFUSED, *_said(error))
    except PaymentError as error:  # out of reach, or its credentials: tried again
        return _record(pix.station, refund_id, status, *_said(error))
    return _record(pix.station, refund_id, _status_of(answer), None, answer=answer)


def _said(error: PaymentError | PaymentRefused) -> tuple[str, str]:
    return error.message("pt_BR"), error.message("en")


def _status_of(answer: PspRefund) -> str:
    return PROCESSING if answer.status is RefundStatus.PROCESSING else DONE


def _record(
    station: Station,
    refund_id: int,
    status: str,
    reason: str | None,
    reason_en: str | None = None,
    answer: PspRefund | None = None,
) -> PixReturn:
    now = station.now()
    with station.write() as session:
        row = session.get(PixSaleRefund, refund_id)
        assert row is not None
        changed = row.status != status
        row.status, row.reason, row.updated_at = status, reason[:200] if reason else None, now
        refund = session.get(Refund, refund_id)
        if changed and refund is not None:
            audit.record(
                session,
                at=now,
                terminal_uuid=station.terminal(session).uuid,
                action=f"pix.sale_refund_{status}",
                staff_id=refund.staff_id,
                authorized_by_id=refund.authorized_by_id,
                target=f"pix:{row.end_to_end_id}",
                refund=refund.uuid,
                amount=row.amount,
                devolucao_id=row.devolucao_id,
                rtr_id=answer.rtr_id if answer is not None else None,
                reason=row.reason,
            )
        return replace(_as_return(row), reason_en=reason_en)


def _as_return(row: PixSaleRefund) -> PixReturn:
    return PixReturn(row.refund_id, row.amount, row.status, row.reason)


@dataclass(frozen=True, slots=True)
class UnreturnedPix:
    """A refund's Pix share the PSP did not return: the store owes it to the payer."""

    refund_id: int
    sale_number: int
    amount: int
    status: str
    """NOT_DONE or REFUSED while owed; ANOTHER_WAY once a manager said it went back."""
    reason: str | None
    at: datetime
    """When the PSP refused it (or, for ANOTHER_WAY, when the manager said so)."""

    @property
    def owed(self) -> bool:
        return self.status != ANOTHER_WAY


def unreturned(station: Station) -> tuple[UnreturnedPix, ...]:
    """Refunds' Pix shares the PSP refused or the bank did not carry out, those still owed
    first, then those returned another way; newest first."""
    with station.read() as session:
        rows = session.execute(
            select(PixSaleRefund, Sale.number)
            .join(Refund, Refund.id == PixSaleRefund.refund_id)
            .join(Sale, Sale.id == Refund.sale_id)
            .where(PixSaleRefund.status.in_((NOT_DONE, REFUSED, ANOTHER_WAY)))
            .order_by(PixSaleRefund.status == ANOTHER_WAY, PixSaleRefund.updated_at.desc())
        ).all()
        return tuple(_unreturned(row, number) for row, number in rows)


def returned_another_way(
    station: Station, refund_id: int, *, staff_id: int, manager_pin: str
) -> UnreturnedPix:
    """The manager's word that a refused Pix share went back to the payer another way
    (cash, a transfer): off the list of money owed, once; audited."""
    now = station.now()
    with station.write() as session:
        staff = acting_staff(session, staff_id)
        manager = authorize_manager(session, manager_pin, "registrar devolução", now)
        row = session.get(PixSaleRefund, refund_id)
        refund = session.get(Refund, refund_id)
        if row is None or refund is None:
            raise LookupError(f"no Pix share for refund {refund_id}")
        number = session.get_one(Sale, refund.sale_id).number
        if row.status not in (NOT_DONE, REFUSED):
            raise PixReturnNotOpen(number=number, state=row.status)
        row.status, row.updated_at = ANOTHER_WAY, now
        audit.record(
            session,
            at=now,
            terminal_uuid=station.terminal(session).uuid,
            action="pix.sale_refund_another_way",
            staff_id=staff.id,
            authorized_by_id=manager.id,
            target=f"pix:{row.end_to_end_id}",
            refund=refund.uuid,
            amount=row.amount,
            reason=row.reason,
        )
        return _unreturned(row, number)


def _unreturned(row: PixSaleRefund, sale_number: int) -> UnreturnedPix:
    return UnreturnedPix(
        row.refund_id, sale_number, row.amount, row.status, row.reason, row.updated_at
    )
