"""Cancelling a sale's NFC-e together with posapp's own void (Vendas).

Within the UF's limit after authorisation (30 minutes at most, Ajuste SINIEF
7/18; the store's setting may shorten it), with a manager's PIN and a
justification of 15+ characters: SEFAZ's cancellation event first (110111),
then the void. After the limit the store's practice applies: the void goes
ahead and the note stays authorised (the accountant issues the return note),
or the void is refused. A contingency note not yet authorised must reach SEFAZ
first. Every step is audited.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from lxml import etree
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import Refund, Sale
from fiscal import NoteRecord
from fiscal.requests import MIN_REASON
from fiscal.soap import Cancelled, CancelOutcome, Unavailable
from fiscal.text import plain
from posapp.core.errors import PosError, SaleNotRefundable, UnknownSale
from posapp.core.pricing import LOYALTY_TENDERS, Tender
from posapp.services.cash.shifts import open_shift_id
from posapp.services.common import audit
from posapp.services.common.auth import authorize_manager
from posapp.services.invoices.issuing import Invoicer
from posapp.services.sales.refunds import RefundResult, void

NS = {"n": "http://www.portalfiscal.inf.br/nfe"}


class CancelRefused(PosError):
    code = "nfce_cancel_refused"
    pt_BR = "A NFC-e {number} não foi cancelada: {reason_pt}"
    en = "NFC-e {number} was not cancelled: {reason_en}"


class ShortJustification(PosError):
    code = "nfce_short_justification"
    pt_BR = "A justificativa do cancelamento precisa de ao menos 15 caracteres (tem {size})."
    en = "The cancellation's justification needs at least 15 characters (it has {size})."


@dataclass(frozen=True)
class CancelResult:
    void: RefundResult
    nfce_cancelled: bool
    """False: the sale had no note, or the store's practice kept it (past the limit)."""
    note_number: int | None
    message_pt: str
    message_en: str


def authorised_at(record: NoteRecord) -> datetime | None:
    """SEFAZ's receipt time (protNFe/dhRecbto), where the cancellation limit starts."""
    if not record.proc_xml:
        return None
    found = etree.fromstring(record.proc_xml).findtext(
        ".//n:protNFe/n:infProt/n:dhRecbto", None, NS
    )
    return datetime.fromisoformat(found) if found else None


class ShiftClosed(PosError):
    code = "nfce_cancel_shift_closed"
    pt_BR = (
        "O turno está fechado: abra o turno para devolver o dinheiro da venda e cancele de "
        "novo. Nada foi cancelado."
    )
    en = (
        "The shift is closed: open it to give the sale's money back, then void again. "
        "Nothing was cancelled."
    )


def _void_would_go_through(session: Session, invoicer: Invoicer, sale: Sale) -> None:
    """What would make the void refuse, checked before SEFAZ cancels the note: a note
    cancelled for a sale that stays sold is a sale without a fiscal document."""
    if session.scalar(select(func.count()).where(Refund.sale_id == sale.id)):
        raise SaleNotRefundable(value=sale.number, reason="já tem devolução; faça a devolução")
    paid_in_money = any(Tender(p.tender) not in LOYALTY_TENDERS for p in sale.payments)
    terminal = invoicer.station.terminal(session)
    if paid_in_money and open_shift_id(session.connection(), terminal.id) is None:
        raise ShiftClosed()


def void_if_no_note(
    invoicer: Invoicer, sale_id: int, staff_id: int, manager_pin: str, reason: str
) -> RefundResult | None:
    """Void the sale now if it has no NFC-e (or only a cancelled one); None if it has one
    to cancel first. No note is issued meanwhile: one the print queue or the sender was
    issuing when the void found none was authorised for a voided sale, and nobody would
    have cancelled it."""
    with invoicer.issuing_held():
        note = invoicer.note(sale_id)
        if note is None or note.record.status == "cancelled":
            return void(invoicer.station, sale_id, staff_id, manager_pin, reason)
    return None


def cancel_sale(
    invoicer: Invoicer, sale_id: int, staff_id: int, manager_pin: str, reason: str
) -> CancelResult:
    station = invoicer.station
    reason = " ".join(reason.split())
    carried = len(plain(reason))  # as the events carry it: emoji and the like left out
    if carried < MIN_REASON:
        raise ShortJustification(size=carried)
    now = invoicer.clock()
    with station.write() as session:
        authorize_manager(session, manager_pin, "cancelar NFC-e", now)
        sale = session.get(Sale, sale_id)
        if sale is None:
            raise UnknownSale(value=sale_id)
        if sale.status in ("voided", "refunded"):
            raise SaleNotRefundable(value=sale.number, reason="já devolvida ou cancelada")
        _void_would_go_through(session, invoicer, sale)
    settings = invoicer.settings()
    voided = void_if_no_note(invoicer, sale_id, staff_id, manager_pin, reason)
    if voided is not None:
        return CancelResult(voided, False, None, "Venda cancelada.", "Sale voided.")
    note = invoicer.note(sale_id)
    assert note is not None
    record = note.record
    if record.status != "authorised":
        raise CancelRefused(
            number=record.number,
            reason_pt="ela ainda não foi autorizada pela SEFAZ (contingência ou rejeição); "
            "transmita-a em Gerência > Fiscal e tente de novo",
            reason_en="SEFAZ has not authorised it yet (contingency or rejection); "
            "send it from Management > Fiscal and try again",
        )
    started = authorised_at(record) or record.issued_at or now
    limit = timedelta(minutes=settings.cancel_limit_min)
    client = invoicer.queue().client
    if now - started > limit:
        # A try within the limit whose answer was lost ('tente de novo para confirmar')
        # may have cancelled it: SEFAZ is asked before the store's late practice applies.
        found = client.query(record.key)
        if not isinstance(found, Cancelled):
            return _late(
                invoicer, sale_id, staff_id, manager_pin, reason, record, settings.late_refund
            )
        outcome: CancelOutcome = found
    else:
        outcome = client.cancel(record.key, record.protocol, reason, now)
    if isinstance(outcome, Unavailable) and outcome.sent:
        raise CancelRefused(
            number=record.number,
            reason_pt="a SEFAZ não respondeu a tempo e pode ter registrado o cancelamento; "
            "a venda não foi cancelada: tente de novo para confirmar",
            reason_en="SEFAZ did not answer in time and may have registered the cancellation; "
            "the sale was not voided: try again to confirm",
        )
    if isinstance(outcome, Unavailable):
        raise CancelRefused(
            number=record.number,
            reason_pt="a SEFAZ não respondeu; nada foi cancelado, tente de novo",
            reason_en="SEFAZ did not answer; nothing was cancelled, try again",
        )
    if not isinstance(outcome, Cancelled):
        raise CancelRefused(
            number=record.number,
            reason_pt=f"SEFAZ {outcome.cstat}: {outcome.reason}",
            reason_en=f"SEFAZ {outcome.cstat}: {outcome.reason}",
        )
    invoicer.storage.save(
        replace(
            record,
            status="cancelled",
            cstat=outcome.cstat,
            reason=outcome.reason,
            proc_xml=outcome.proc_xml,
        )
    )
    _audit(invoicer, staff_id, manager_pin, "fiscal.cancel", record, reason, outcome.protocol)
    result = void(station, sale_id, staff_id, manager_pin, reason)
    return CancelResult(
        result,
        True,
        record.number,
        f"NFC-e {record.number} cancelada na SEFAZ e venda cancelada.",
        f"NFC-e {record.number} cancelled at SEFAZ and the sale voided.",
    )


def _late(
    invoicer: Invoicer,
    sale_id: int,
    staff_id: int,
    manager_pin: str,
    reason: str,
    record: NoteRecord,
    practice: str,
) -> CancelResult:
    minutes = invoicer.settings().cancel_limit_min
    if practice == "refuse":
        raise CancelRefused(
            number=record.number,
            reason_pt=f"passou o prazo de {minutes} min; a loja não cancela vendas depois dele "
            "(fale com o contador: nota de devolução)",
            reason_en=f"the {minutes}-minute limit has passed and the store does not void "
            "sales after it (ask the accountant for a return note)",
        )
    _audit(invoicer, staff_id, manager_pin, "fiscal.late_void", record, reason, "")
    result = void(invoicer.station, sale_id, staff_id, manager_pin, reason)
    return CancelResult(
        result,
        False,
        record.number,
        f"Venda cancelada. A NFC-e {record.number} passou do prazo de {minutes} min e continua "
        "autorizada: o contador emite a nota de devolução.",
        f"Sale voided. NFC-e {record.number} is past the {minutes}-minute limit and stays "
        "authorised: the accountant issues the return note.",
    )


def _audit(
    invoicer: Invoicer,
    staff_id: int,
    manager_pin: str,
    action: str,
    record: NoteRecord,
    reason: str,
    protocol: str,
) -> None:
    station = invoicer.station
    now = invoicer.clock()
    with station.write() as session:
        manager = authorize_manager(session, manager_pin, "cancelar NFC-e", now)
        audit.record(
            session,
            at=now,
            terminal_uuid=station.terminal(session).uuid,
            action=action,
            staff_id=staff_id,
            authorized_by_id=manager.id,
            target=f"nfce:{record.series}/{record.number}",
            key=record.key,
            reason=reason,
            protocol=protocol,
        )
