"""The sale's paper with its NFS-e: the DANFE NFC-e (products) and the NFS-e (services).

`PrintService.sale_paper` calls `sale_paper` on the device thread, after the sale
has committed. The services' NFS-e is issued there if the sale has none yet, then
the products' NFC-e (`invoices`). A sale with an NFC-e prints the DANFE, the NFS-e
section (number, access key, the public query link and its QR) and the cashback
section; a sale with services only prints the usual receipt with the NFS-e section
before its end. A DPS still waiting for the national environment prints "NFS-e em
processamento". A note that could not be issued or was rejected is left off, and the
print says why (`FiscalPaper.missing`). The DANFSe (the NFS-e's own document) is a PDF
on demand.
"""

from __future__ import annotations

from fiscal import danfe_builder
from fiscal.nfse import danfse_pdf as draw_danfse
from fiscal.nfse import nfse_section, pending_section
from hardware.receipt import Block, Cut, DrawerPulse, Feed, Receipt, ReceiptBuilder
from posapp.core.errors import PosError
from posapp.services.common.counter_settings import CounterSettings
from posapp.services.invoices.issuing import Invoicer, SaleNote
from posapp.services.invoices.paper import note_xml, printable_note
from posapp.services.nfse.issuing import NfseIssuer
from posapp.services.nfse.storage import (
    AUTHORISED,
    CANCEL_PENDING,
    CANCELLED,
    PENDING,
    REJECTED,
    NfseRecord,
)
from posapp.services.sales.printing import FiscalPaper
from posapp.services.sales.receipts import append_sale_tail, sale_receipt


class NoNfseForSale(PosError):
    code = "nfse_no_note"
    pt_BR = "A venda {sale} não tem NFS-e autorizada."
    en = "Sale {sale} has no authorised NFS-e."


class NfseRejected(PosError):
    code = "nfse_rejected"
    pt_BR = "A NFS-e dos serviços da venda {sale} foi rejeitada ({nfse_code}: {motive})."
    en = "The NFS-e for the services of sale {sale} was rejected ({nfse_code}: {motive})."


def _nfse(issuer: NfseIssuer, sale_id: int) -> tuple[NfseRecord | None, PosError | None]:
    try:
        record = issuer.issue_for_sale(sale_id)
    except PosError as error:
        return None, error
    if record is not None and record.status == REJECTED:
        return None, NfseRejected(sale=sale_id, nfse_code=record.code, motive=record.reason)
    return record, None


def _nfce(invoicer: Invoicer | None, sale_id: int) -> tuple[SaleNote | None, PosError | None]:
    if invoicer is None:
        return None, None
    return printable_note(invoicer, sale_id)


def _section(out: ReceiptBuilder, record: NfseRecord) -> bool:
    if record.status == AUTHORISED and record.nfse_xml:
        nfse_section(out, record.nfse_xml)
        return True
    if record.status == PENDING:
        pending_section(out, record.dps_id)
        return True
    return False


def _tail_start(blocks: tuple[Block, ...]) -> int:
    """Where the receipt's end (feed, drawer pulse, cut) begins."""
    index = len(blocks)
    while index > 0 and isinstance(blocks[index - 1], Feed | DrawerPulse | Cut):
        index -= 1
    return index


def sale_paper(
    invoicer: Invoicer | None, issuer: NfseIssuer, sale_id: int, settings: CounterSettings
) -> FiscalPaper:
    record, nfse_missing = _nfse(issuer, sale_id)
    note, nfce_missing = _nfce(invoicer, sale_id)
    missing = tuple(error for error in (nfce_missing, nfse_missing) if error is not None)
    return FiscalPaper(_receipt(invoicer, issuer, sale_id, settings, record, note), missing)


def _receipt(
    invoicer: Invoicer | None,
    issuer: NfseIssuer,
    sale_id: int,
    settings: CounterSettings,
    record: NfseRecord | None,
    note: SaleNote | None,
) -> Receipt | None:
    paper = 58 if settings.paper_mm == 58 else 80
    if note is not None and invoicer is not None:
        out = danfe_builder(note_xml(note), paper=paper)
        if record is not None:
            _section(out, record)
        append_sale_tail(out, invoicer.station, sale_id, settings)
        return out.cut().build()
    if record is None:
        return None
    section = ReceiptBuilder(paper)
    if not _section(section, record):
        return None
    receipt = sale_receipt(issuer.station, sale_id, settings)
    at = _tail_start(receipt.blocks)
    blocks = receipt.blocks[:at] + section.build().blocks + receipt.blocks[at:]
    return Receipt(blocks, receipt.paper)


def danfse_pdf(issuer: NfseIssuer, sale_id: int) -> bytes:
    """The sale's DANFSe as a PDF (an authorised NFS-e, cancelled ones included)."""
    record = issuer.note(sale_id)
    if record is None or record.status not in (AUTHORISED, CANCELLED, CANCEL_PENDING):
        raise NoNfseForSale(sale=sale_id)
    if not record.nfse_xml:
        raise NoNfseForSale(sale=sale_id)
    return draw_danfse(record.nfse_xml)
