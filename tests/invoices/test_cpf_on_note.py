"""CPF na nota? The customer's CPF goes on the sale's NFC-e only when she said yes at the
counter (the cashier's box in the payment dialog, checked by default). Her CPF in the loyalty
program is no consent to have her purchases reported under it (LGPD); the note and its
DANFE then name no consumer, and every later issue of the note reads the choice from the sale."""

from __future__ import annotations

from lxml import etree
from sqlalchemy import select

from db.models import Item, Sale
from fiscal.testing import LocalSefaz
from hardware.emulator.server import EmulatorServer
from posapp.core.pricing import Tender
from posapp.services.invoices.fixes import resend_corrected
from posapp.services.invoices.issuing import Invoicer
from posapp.services.sales.checkout import (
    CheckoutRequest,
    LineRequest,
    SaleResult,
    TenderRequest,
    checkout,
)
from tests.invoices.conftest import print_sales
from tests.support import MANAGER_PIN, Shop

NS = {"n": "http://www.portalfiscal.inf.br/nfe"}
MARIA_CPF = "529.982.247-25"


def _sell(shop: Shop, customer: int | None, *, cpf_on_note: bool = True) -> SaleResult:
    request = CheckoutRequest(
        staff_id=shop.cashier_id,
        lines=[LineRequest(shop.items["dipirona"], 2)],
        payments=[TenderRequest(Tender.CASH, 3_000)],
        customer_id=customer,
        cpf_on_note=cpf_on_note,
    )
    return checkout(shop.station, request)


def _dest_cpf(xml: bytes) -> str:
    return etree.fromstring(xml).findtext(".//n:dest/n:CPF", None, NS) or ""


def _stored(shop: Shop, sale_id: int) -> bool:
    with shop.station.read() as session:
        return session.scalars(select(Sale.cpf_on_note).where(Sale.id == sale_id)).one()


def _consumer(lines: list[str]) -> list[str]:
    return [line.strip() for line in lines if line.strip().startswith("CONSUMIDOR")]


def test_unchecked_the_note_and_its_danfe_name_no_consumer_checked_as_before(
    shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz, emulator: EmulatorServer
) -> None:
    maria = shop.enrol("Maria Souza", cpf=MARIA_CPF)
    said_no = _sell(shop, maria, cpf_on_note=False)
    said_yes = _sell(shop, maria)
    nobody = _sell(shop, None)
    assert [_stored(shop, s.sale_id) for s in (said_no, said_yes, nobody)] == [False, True, True]

    papers = print_sales(invoicer, emulator, [said_no.sale_id, said_yes.sale_id, nobody.sale_id])

    notes = [invoicer.note(s.sale_id) for s in (said_no, said_yes, nobody)]
    assert all(n is not None and n.record.status == "authorised" for n in notes)
    procs = [n.record.proc_xml for n in notes if n is not None]
    assert [_dest_cpf(xml) for xml in procs] == ["", "52998224725", ""]
    assert [b"<dest>" in xml for xml in procs] == [False, True, False]
    assert [_consumer(paper.lines) for paper in papers] == [
        ["CONSUMIDOR NÃO IDENTIFICADO"],
        ["CONSUMIDOR - CPF: ***.982.247-**"],
        ["CONSUMIDOR NÃO IDENTIFICADO"],
    ]
    assert not any("982.247" in line for line in papers[0].lines[: _danfe_end(papers[0].lines)])


def _danfe_end(lines: list[str]) -> int:
    """Where the DANFE ends and the loyalty section (her name, her balance) begins."""
    return next(i for i, line in enumerate(lines) if line.strip().startswith("Cliente:"))


def test_a_contingency_note_and_a_corrected_resend_keep_the_sales_choice(
    shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz, emulator: EmulatorServer
) -> None:
    maria = shop.enrol("Maria Souza", cpf=MARIA_CPF)
    sefaz.set_mode("down")
    offline = _sell(shop, maria, cpf_on_note=False)
    (paper,) = print_sales(invoicer, emulator, [offline.sale_id])
    lines = [line.strip() for line in paper.lines]
    assert "EMITIDA EM CONTINGÊNCIA" in lines and "CONSUMIDOR NÃO IDENTIFICADO" in lines
    sefaz.set_mode("authorise")
    report = invoicer.send_pending()
    assert report is not None and report.done
    note = invoicer.note(offline.sale_id)
    assert note is not None and note.record.status == "authorised"
    assert _dest_cpf(note.record.proc_xml) == ""

    sefaz.set_mode("reject", 778, "Rejeição: Informado NCM inexistente")
    rejected = _sell(shop, maria, cpf_on_note=False)
    first = invoicer.issue_for_sale(rejected.sale_id)
    assert first is not None and first.record.status == "rejected"
    with shop.station.write() as session:
        item = session.get(Item, shop.items["dipirona"])
        assert item is not None
        item.ncm = "30049069"
    sefaz.set_mode("authorise")
    fixed = resend_corrected(invoicer, 1, first.record.number, shop.cashier_id, MANAGER_PIN)
    assert fixed.status == "authorised" and _dest_cpf(fixed.proc_xml) == ""
