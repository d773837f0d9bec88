"""The manager's fix paths for a note SEFAZ rejected (Gerência > Fiscal).

Correct and resend: fix the cause (usually an item's tax data in the catalogue),
then the sale is mapped again and sent under the same number (and tpEmis).
Void the number: only a normal (tpEmis 1) note; its number is voided at SEFAZ
(inutilização) and the background sender issues the sale a new note. A
contingency number is never voided (Ajuste SINIEF 19/16): it must be corrected.
Both need a manager's PIN and are audited. A note refused for lacking the responsável
técnico (972, or 973: its CNPJ) is fixed in the settings, then sent again the same way
(`resend_missing_tech`, right after the manager saves them).
"""

from __future__ import annotations

import logging

from fiscal import FiscalError, NoteRecord
from fiscal.contingency import SendReport
from posapp.core.errors import PosError
from posapp.services.common import audit
from posapp.services.common.auth import acting_staff, authorize_manager
from posapp.services.invoices.issuing import Invoicer, NoteNotIssued
from posapp.services.invoices.mapping import sale_for_note
from posapp.services.invoices.storage import sale_id_of

log = logging.getLogger(__name__)


TECH_REFUSALS = frozenset({972, 973})
"""SEFAZ's refusals the responsável técnico fixes (NT 2018.005): 972 the group is
required in the UF, 973 its CNPJ is invalid."""


def needs_tech(record: NoteRecord) -> bool:
    """A note SEFAZ refused for want of the responsável técnico (Gerência > Fiscal)."""
    return record.status == "rejected" and record.cstat in TECH_REFUSALS


class NoteWithoutSale(PosError):
    code = "nfce_without_sale"
    pt_BR = (
        "A NFC-e {series}/{number} é de uma venda que não está neste arquivo (restaurado de "
        "uma cópia anterior): não pode ser corrigida nem reenviada daqui."
    )
    en = (
        "NFC-e {series}/{number} is for a sale this file does not hold (restored from an "
        "earlier copy): it cannot be corrected or resent from here."
    )


class NotRejected(PosError):
    code = "nfce_not_rejected"
    pt_BR = "A NFC-e {series}/{number} não está rejeitada ({status})."
    en = "NFC-e {series}/{number} is not rejected ({status})."


def _rejected(invoicer: Invoicer, series: int, number: int) -> NoteRecord:
    record = invoicer.storage.get(series, number)
    if record is None or record.status != "rejected":
        raise NotRejected(
            series=series, number=number, status=record.status if record else "sem nota"
        )
    return record


def _approve(
    invoicer: Invoicer,
    staff_id: int,
    manager_pin: str,
    action: str,
    record: NoteRecord,
    **kw: object,
) -> None:
    station = invoicer.station
    now = invoicer.clock()
    with station.write() as session:
        acting_staff(session, staff_id)
        manager = authorize_manager(session, manager_pin, "corrigir NFC-e rejeitada", now)
        audit.record(
            session,
            at=now,
            terminal_uuid=station.terminal(session).uuid,
            action=action,
            staff_id=staff_id,
            authorized_by_id=manager.id,
            target=f"nfce:{record.series}/{record.number}",
            key=record.key,
            cstat=record.cstat,
            reason=record.reason,
            **kw,
        )


def resend_corrected(
    invoicer: Invoicer, series: int, number: int, staff_id: int, manager_pin: str
) -> NoteRecord:
    """Map the sale again (with the corrected data) and send it under its own number."""
    record = _rejected(invoicer, series, number)
    sale_id = sale_id_of(record.sale_ref)
    if sale_id is None:
        raise NoteWithoutSale(series=series, number=number)
    _approve(invoicer, staff_id, manager_pin, "fiscal.resend", record)
    with invoicer.station.read() as session:
        data = sale_for_note(session, sale_id)
    assert data is not None
    # a contingency note keeps its moment; a normal one is issued again now (SEFAZ
    # refuses an online dhEmi far from its clock)
    when = record.issued_at if record.tp_emis == 9 and record.issued_at else invoicer.clock()
    note = invoicer.nfce(data, when)
    try:
        with invoicer._lock:
            issued = invoicer.queue().resend_corrected(series, number, note)
    except FiscalError as error:
        raise NoteNotIssued(
            sale=sale_id, reason_pt=error.message("pt_BR"), reason_en=error.message("en")
        ) from None
    return issued.record


def void_rejected(
    invoicer: Invoicer, series: int, number: int, staff_id: int, manager_pin: str
) -> SendReport:
    """Void a rejected normal note's number; the sale gets a new note from the sender."""
    record = _rejected(invoicer, series, number)
    if record.tp_emis == 9:
        raise NotRejected(series=series, number=number, status="contingência: corrija e reenvie")
    _approve(invoicer, staff_id, manager_pin, "fiscal.void_number", record)
    with invoicer._lock:
        return invoicer.queue().void_rejected(series, number)


def resend_missing_tech(invoicer: Invoicer, staff_id: int, manager_pin: str) -> list[NoteRecord]:
    """Once the responsável técnico is filled: every note refused for lacking it, corrected
    and sent again under its number (each audited as a resend). A note that still cannot
    go stays rejected in the list, with SEFAZ's reason."""
    if invoicer.settings().tech_cnpj == "":
        return []
    sent: list[NoteRecord] = []
    for record in invoicer.storage.records("rejected"):
        if not needs_tech(record):
            continue
        try:
            sent.append(
                resend_corrected(invoicer, record.series, record.number, staff_id, manager_pin)
            )
        except PosError as error:  # e.g. SEFAZ refused it again: it stays in the list
            log.warning("%s", error.message("en"))
    return sent
