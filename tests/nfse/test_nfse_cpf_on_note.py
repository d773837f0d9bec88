"""CPF na nota? in a salon: the cashier's one question covers both of the sale's notes. When
she says no, the NFS-e names no taker (tomador) and the NFC-e no consumer; her CPF in the
loyalty program is no consent to have her purchases reported under it (LGPD)."""

from __future__ import annotations

from lxml import etree

from fiscal.testing import LocalSefaz, LocalSefin
from hardware.emulator.server import EmulatorServer
from posapp.core.pricing import Tender
from posapp.services.invoices.issuing import Invoicer
from posapp.services.nfse.issuing import NfseIssuer
from posapp.services.sales.checkout import CheckoutRequest, LineRequest, TenderRequest, checkout
from tests.nfse.conftest import print_sales
from tests.support import Shop

NS = {"n": "http://www.sped.fazenda.gov.br/nfse"}
NFE = {"n": "http://www.portalfiscal.inf.br/nfe"}
TOMA = ".//n:DPS/n:infDPS/n:toma"


def _sell(shop: Shop, customer: int, *, cpf_on_note: bool) -> int:
    request = CheckoutRequest(
        staff_id=shop.cashier_id,
        lines=[
            LineRequest(shop.items["corte"], professional_id=shop.professional_id),
            LineRequest(shop.items["shampoo"]),
        ],
        payments=[TenderRequest(Tender.CASH, 50_000)],
        customer_id=customer,
        cpf_on_note=cpf_on_note,
    )
    return checkout(shop.station, request).sale_id


def test_no_cpf_on_the_note_leaves_her_off_the_nfse_and_the_nfce(
    shop: Shop,
    invoicer: Invoicer,
    issuer: NfseIssuer,
    sefaz: LocalSefaz,
    sefin: LocalSefin,
    emulator: EmulatorServer,
) -> None:
    maria = shop.enrol("Maria Souza", cpf="529.982.247-25")
    said_no = _sell(shop, maria, cpf_on_note=False)
    said_yes = _sell(shop, maria, cpf_on_note=True)

    print_sales(invoicer, issuer, emulator, [said_no, said_yes])

    takers = []
    consumers = []
    for sale_id in (said_no, said_yes):
        nfse = issuer.note(sale_id)
        note = invoicer.note(sale_id)
        assert nfse is not None and nfse.status == "authorised" and nfse.nfse_xml
        assert note is not None and note.record.status == "authorised"
        takers.append(etree.fromstring(nfse.nfse_xml).findtext(f"{TOMA}/n:CPF", None, NS))
        consumers.append(
            etree.fromstring(note.record.proc_xml).findtext(".//n:dest/n:CPF", None, NFE)
        )
    assert takers == [None, "52998224725"]
    assert consumers == [None, "52998224725"]
