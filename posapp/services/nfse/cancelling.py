"""Cancelling a sale's NFS-e together with posapp's void (and the NFC-e, as before).

The NFC-e's rules go first (`invoices.cancelling.cancel_sale`: manager PIN, the
justification, SEFAZ's event, the void); nothing of the NFS-e is touched when they
refuse. Once the sale is voided, the NFS-e follows: an authorised one gets its
cancellation event (e101101, "serviço não prestado") now, or from the background
sender when the national environment is out; a DPS that never left is withdrawn.
Every step is audited.
"""

from __future__ import annotations

from dataclasses import dataclass

from db.models import NfseNote
from fiscal.nfse import Unavailable
from posapp.services.common import audit
from posapp.services.common.auth import authorize_manager
from posapp.services.common.station import Station
from posapp.services.invoices.cancelling import CancelResult, void_if_no_note
from posapp.services.invoices.cancelling import cancel_sale as cancel_nfce_sale
from posapp.services.invoices.issuing import Invoicer
from posapp.services.nfse.issuing import NfseIssuer
from posapp.services.nfse.storage import (
    AUTHORISED,
    CANCEL_PENDING,
    CANCELLED,
    PENDING,
    WITHDRAWN,
)
from posapp.services.sales.refunds import RefundResult, void


@dataclass(frozen=True)
class SaleCancelled:
    nfce: CancelResult
    nfse_status: str | None  # cancelled | cancel_pending | withdrawn | None (no NFS-e)
    message_pt: str
    message_en: str


@dataclass(frozen=True)
class Voided:
    """A void from Vendas, and what became of the sale's fiscal notes (empty: it had none)."""

    void: RefundResult
    message_pt: str = ""
    message_en: str = ""

    def message(self, locale: str) -> str:
        return self.message_pt if locale.startswith("pt") else self.message_en


def void_sale(
    station: Station,
    invoicer: Invoicer | None,
    issuer: NfseIssuer | None,
    sale_id: int,
    staff_id: int,
    manager_pin: str,
    reason: str,
) -> Voided:
    """Void a sale with whatever fiscal notes it has: none (NFC-e off), an NFC-e (cancelled
    at SEFAZ, or the store's practice past the limit), an NFS-e too. No DPS is made or sent
    between looking for the NFS-e and the void, nor an NFC-e between looking for it and a
    void without one (`void_if_no_note`): a note issued meanwhile would be authorised for a
    voided sale that nobody cancels."""
    if invoicer is None:
        return Voided(void(station, sale_id, staff_id, manager_pin, reason))
    if issuer is None:
        return _void_with_nfce(invoicer, sale_id, staff_id, manager_pin, reason)
    with issuer.issuing_held():
        if issuer.note(sale_id) is None:
            return _void_with_nfce(invoicer, sale_id, staff_id, manager_pin, reason)
        both = cancel_sale(invoicer, issuer, sale_id, staff_id, manager_pin, reason)
        return Voided(both.nfce.void, both.message_pt, both.message_en)


def _void_with_nfce(
    invoicer: Invoicer, sale_id: int, staff_id: int, manager_pin: str, reason: str
) -> Voided:
    voided = void_if_no_note(invoicer, sale_id, staff_id, manager_pin, reason)
    if voided is not None:
        return Voided(voided)
    done = cancel_nfce_sale(invoicer, sale_id, staff_id, manager_pin, reason)
    return Voided(done.void, done.message_pt, done.message_en)


def cancel_sale(
    invoicer: Invoicer,
    issuer: NfseIssuer,
    sale_id: int,
    staff_id: int,
    manager_pin: str,
    reason: str,
) -> SaleCancelled:
    """The void with the NFC-e's rules, then the NFS-e's cancellation. No DPS is sent
    meanwhile: one on its way when the void found it pending (never sent) was withdrawn
    here and then authorised, an NFS-e for a voided sale that nobody cancelled."""
    with issuer.issuing_held():
        return _cancel_sale(invoicer, issuer, sale_id, staff_id, manager_pin, reason)


def _cancel_sale(
    invoicer: Invoicer,
    issuer: NfseIssuer,
    sale_id: int,
    staff_id: int,
    manager_pin: str,
    reason: str,
) -> SaleCancelled:
    nfce = cancel_nfce_sale(invoicer, sale_id, staff_id, manager_pin, reason)
    reason = " ".join(reason.split())
    record = issuer.note(sale_id)
    if record is None or record.status not in (AUTHORISED, PENDING):
        return SaleCancelled(nfce, None, nfce.message_pt, nfce.message_en)
    station, now = issuer.station, issuer.clock()
    with station.write() as session:
        manager = authorize_manager(session, manager_pin, "cancelar NFS-e", now)
        row = session.get(NfseNote, record.id)
        assert row is not None
        never_sent = row.status == PENDING and not row.maybe_sent
        row.status = WITHDRAWN if never_sent else CANCEL_PENDING
        row.reason = reason
        row.updated_at = now
        audit.record(
            session,
            at=now,
            terminal_uuid=station.terminal(session).uuid,
            action="nfse.withdraw" if never_sent else "nfse.cancel",
            staff_id=staff_id,
            authorized_by_id=manager.id,
            target=f"nfse:{record.dps_id}",
            key=record.key,
            reason=reason,
        )
    if never_sent:
        return SaleCancelled(
            nfce,
            WITHDRAWN,
            f"{nfce.message_pt} A DPS dos serviços não chegou a ser enviada: retirada.",
            f"{nfce.message_en} The services' DPS had not been sent: withdrawn.",
        )
    sent = issuer.send_cancellation(record.id)
    if sent is True:
        return SaleCancelled(
            nfce,
            CANCELLED,
            f"{nfce.message_pt} NFS-e {record.nfse_number} cancelada.",
            f"{nfce.message_en} NFS-e {record.nfse_number} cancelled.",
        )
    waiting = isinstance(sent, Unavailable)
    return SaleCancelled(
        nfce,
        CANCEL_PENDING,
        f"{nfce.message_pt} O cancelamento da NFS-e "
        + (
            "será enviado quando o ambiente nacional responder."
            if waiting
            else "foi recusado: veja Gerência > Fiscal."
        ),
        f"{nfce.message_en} The NFS-e's cancellation "
        + (
            "will be sent when the national environment answers."
            if waiting
            else "was refused: see Management > Fiscal."
        ),
    )
