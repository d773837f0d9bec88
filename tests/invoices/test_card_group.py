"""A card tender's recorded details, and a dynamic Pix's PSP and end-to-end id, become the
NFC-e's detPag/card group, schema-valid, as authorised by our local SEFAZ."""

from __future__ import annotations

from lxml import etree

from fiscal.schemas import validate
from payments.testing.psp_server import PspServer
from posapp.core.pricing import Tender
from posapp.services.invoices.issuing import Invoicer
from posapp.services.payments.dynamic_pix import DynamicPix, paid_tender
from posapp.services.payments.static_pix import static_code
from posapp.services.payments.tenders import PixTender
from posapp.services.sales.checkout import CheckoutRequest, LineRequest, TenderRequest, checkout
from tests.payments.conftest import psp, psp_certificates  # noqa: F401
from tests.services.payments_support import configure_pix, elo_debit, mastercard_3x
from tests.support import Shop

NS = {"n": "http://www.portalfiscal.inf.br/nfe"}


def test_card_details_reach_the_nfce_card_group(shop: Shop, invoicer: Invoicer) -> None:
    request = CheckoutRequest(
        staff_id=shop.cashier_id,
        lines=[LineRequest(shop.items["dipirona"], 2), LineRequest(shop.items["shampoo"])],
        payments=[
            TenderRequest(Tender.CREDIT, 3_000, card=mastercard_3x()),
            TenderRequest(Tender.DEBIT, 2_500, card=elo_debit()),
        ],
    )
    sale = checkout(shop.station, request)
    note = invoicer.issue_for_sale(sale.sale_id)
    assert note is not None and note.record.status == "authorised"
    proc = etree.fromstring(note.record.proc_xml)
    validate(proc, "nfeProc")
    groups = [
        (
            pag.findtext("n:tPag", None, NS),
            pag.findtext("n:vPag", None, NS),
            [(child.tag.split("}")[1], child.text) for child in pag.find("n:card", NS)],
        )
        for pag in proc.findall(".//n:pag/n:detPag", NS)
    ]
    assert groups == [
        (
            "03",
            "30.00",
            [
                ("tpIntegra", "1"),
                ("CNPJ", "01027058000191"),
                ("tBand", "02"),
                ("cAut", "123456"),
            ],
        ),
        ("04", "25.00", [("tpIntegra", "2"), ("tBand", "06")]),
    ]


def test_a_dynamic_pix_goes_to_the_nfce_with_the_psp_and_its_end_to_end_id(
    shop: Shop,
    invoicer: Invoicer,
    psp: PspServer,  # noqa: F811
) -> None:
    configure_pix(shop, psp)
    psp.auto_pay_after_s = 0.2
    with DynamicPix.open(shop.station, poll_interval_s=0.05) as pix:
        outcome = pix.wait(pix.start(1_250, shop.cashier_id))
    request = CheckoutRequest(
        staff_id=shop.cashier_id,
        lines=[LineRequest(shop.items["dipirona"])],
        payments=[TenderRequest(Tender.PIX, 1_250, pix=paid_tender(outcome))],
    )
    sale = checkout(shop.station, request)
    note = invoicer.issue_for_sale(sale.sale_id)
    assert note is not None and note.record.status == "authorised"
    proc = etree.fromstring(note.record.proc_xml)
    validate(proc, "nfeProc")
    (pag,) = proc.findall(".//n:pag/n:detPag", NS)
    assert outcome.payment is not None
    assert pag.findtext("n:tPag", None, NS) == "17"
    assert [(child.tag.split("}")[1], child.text) for child in pag.find("n:card", NS)] == [
        ("tpIntegra", "1"),
        ("CNPJ", "11222333000181"),
        ("cAut", outcome.payment.end_to_end_id),
    ]


def test_a_static_pix_goes_to_the_nfce_as_static(shop: Shop, invoicer: Invoicer) -> None:
    """The cashier's 'Pago' on the store's own code is tPag 20 (PIX Estático, NT 2024.002),
    not 17 (a dynamic charge the PSP confirmed): the note said 'PIX Dinâmico'."""
    configure_pix(shop)
    code = static_code(shop.station, 1_250)
    request = CheckoutRequest(
        staff_id=shop.cashier_id,
        lines=[LineRequest(shop.items["dipirona"])],
        payments=[TenderRequest(Tender.PIX, 1_250, pix=PixTender(code.txid))],
    )
    sale = checkout(shop.station, request)
    note = invoicer.issue_for_sale(sale.sale_id)
    assert note is not None and note.record.status == "authorised"
    proc = etree.fromstring(note.record.proc_xml)
    validate(proc, "nfeProc")
    (pag,) = proc.findall(".//n:pag/n:detPag", NS)
    assert (pag.findtext("n:tPag", None, NS), pag.findtext("n:vPag", None, NS)) == ("20", "12.50")
    assert [(child.tag.split("}")[1], child.text) for child in pag.find("n:card", NS)] == [
        ("tpIntegra", "2")
    ]
