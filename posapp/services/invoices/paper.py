"""The sale's paper when it has an NFC-e: the DANFE NFC-e, then the cashback section.

`PrintService.sale_paper` calls `sale_paper` on the device thread, after the
sale has committed; issuing happens there if the sale has no note yet, so the
paper always shows the note it covers ("EMITIDA EM CONTINGÊNCIA" when offline).
A sale with no product prints the usual receipt; so does a sale whose note could
not be issued or was rejected, and the print says why (`FiscalPaper.missing`), for
the cashier at the counter (the Fiscal tab lists such sales). A PDF copy is the same
paper drawn.
"""

from __future__ import annotations

import io

from fiscal import danfe_builder
from hardware.emulator.decoder import decode
from hardware.emulator.render_png import render_receipt
from hardware.escpos_render import render_bytes
from posapp.core.errors import PosError
from posapp.services.common.counter_settings import CounterSettings
from posapp.services.invoices.archive import NoNoteForSale
from posapp.services.invoices.issuing import Invoicer, SaleNote
from posapp.services.sales.printing import FiscalPaper
from posapp.services.sales.receipts import append_sale_tail

PRINTABLE = ("authorised", "pending")


class NoteRejected(PosError):
    code = "nfce_rejected"
    pt_BR = "A NFC-e da venda {sale} foi rejeitada pela SEFAZ ({cstat}: {motive})."
    en = "SEFAZ rejected the NFC-e of sale {sale} ({cstat}: {motive})."


def note_xml(note: SaleNote) -> bytes:
    """The document the DANFE is drawn from: the nfeProc once authorised, else the NFe."""
    record = note.record
    return record.proc_xml if record.status == "authorised" and record.proc_xml else record.xml


def printable_note(invoicer: Invoicer, sale_id: int) -> tuple[SaleNote | None, PosError | None]:
    """The sale's note for its paper (issued now if it has none), or why it has none that
    can be printed; (None, None): the sale needs no NFC-e."""
    try:
        note = invoicer.issue_for_sale(sale_id)
    except PosError as error:
        return None, error
    if note is None or note.record.status in PRINTABLE:
        return note, None
    record = note.record
    if record.status == "rejected":
        return None, NoteRejected(sale=sale_id, cstat=record.cstat, motive=record.reason)
    return None, None


def sale_paper(invoicer: Invoicer, sale_id: int, settings: CounterSettings) -> FiscalPaper:
    note, missing = printable_note(invoicer, sale_id)
    if note is None:
        return FiscalPaper(None, (missing,) if missing else ())
    paper = 58 if settings.paper_mm == 58 else 80
    out = danfe_builder(note_xml(note), paper=paper)
    append_sale_tail(out, invoicer.station, sale_id, settings)
    return FiscalPaper(out.cut().build())


def danfe_pdf(invoicer: Invoicer, sale_id: int, settings: CounterSettings) -> bytes:
    """The sale's DANFE NFC-e as a PDF page (the paper as the printer would print it)."""
    note = invoicer.note(sale_id)
    if note is None or note.record.status not in PRINTABLE:
        raise NoNoteForSale(sale=sale_id)
    paper = 58 if settings.paper_mm == 58 else 80
    receipt = danfe_builder(note_xml(note), paper=paper).cut().build()
    (printed,) = decode(render_bytes(receipt).data)[:1]
    image = render_receipt(printed, paper_dots=384 if paper == 58 else 576).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="PDF", resolution=203.0)
    return buffer.getvalue()
