"""A card tender's recorded details become the NFC-e's detPag/card group, schema-valid,
as authorised by our local SEFAZ."""

from __future__ import annotations

from lxml import etree

from fiscal.schemas import validate
from posapp.core.pricing import Tender
from posapp.services.invoices.issuing import Invoicer
from posapp.services.sales.checkout import CheckoutRequest, LineRequest, TenderRequest, checkout
from tests.services.payments_support import elo_debit, mastercard_3x
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
