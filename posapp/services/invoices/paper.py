"""The sale's paper when it has an NFC-e: the DANFE NFC-e, then the cashback section.

`PrintService.sale_paper` calls `sale_paper` on the device thread, after the
sale has committed; issuing happens there if the sale has no note yet, so the
paper always shows the note it covers ("EMITIDA EM CONTINGÊNCIA" when offline).
A sale with no product, or whose note could not be issued, prints the usual
receipt (the Fiscal tab lists the latter). A PDF copy is the same paper drawn.
"""

from __future__ import annotations

import io
import logging

from fiscal import danfe_builder
from hardware.emulator.decoder import decode
from hardware.emulator.render_png import render_receipt
from hardware.escpos_render import render_bytes
from hardware.receipt import Receipt
from posapp.core.errors import PosError
from posapp.services.common.counter_settings import CounterSettings
from posapp.services.invoices.archive import NoNoteForSale
from posapp.services.invoices.issuing import Invoicer, SaleNote
from posapp.services.sales.receipts import append_sale_tail

log = logging.getLogger(__name__)
PRINTABLE = ("authorised", "pending")


def note_xml(note: SaleNote) -> bytes:
    """The document the DANFE is drawn from: the nfeProc once authorised, else the NFe."""
    record = note.record
    return record.proc_xml if record.status == "authorised" and record.proc_xml else record.xml


def sale_paper(invoicer: Invoicer, sale_id: int, settings: CounterSettings) -> Receipt | None:
    try:
        note = invoicer.issue_for_sale(sale_id)
    except PosError as error:
        log.warning("%s", error.message("en"))
        return None
    if note is None or note.record.status not in PRINTABLE:
        return None
    paper = 58 if settings.paper_mm == 58 else 80
    out = danfe_builder(note_xml(note), paper=paper)
    append_sale_tail(out, invoicer.station, sale_id, settings)
    return out.cut().build()


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
