"""The pharmacy sells with NFC-e: the DANFE at the printer, contingency, the queue drained."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree
from sqlalchemy import func, select

from db.models import Item, NfceNote, Sale
from fiscal.contingency import SendReport
from fiscal.schemas import validate
from fiscal.testing import LocalSefaz
from hardware.emulator.server import EmulatorServer
from posapp.cli import main
from posapp.core.pricing import Tender
from posapp.services.common.worker import Outcome
from posapp.services.invoices.archive import fiscal_status
from posapp.services.invoices.issuing import GivenProducts, Invoicer, start_sender
from posapp.services.sales.catalog import MissingTaxData
from posapp.services.sales.checkout import CheckoutRequest, LineRequest, TenderRequest, checkout
from posapp.services.sales.refunds import void
from tests.invoices.conftest import fill_tax_data, print_sales, qr_codes, set_up_nfce
from tests.support import MANAGER_PIN, MovableClock, Shop, open_shop

NS = {"n": "http://www.portalfiscal.inf.br/nfe"}


def _text(xml: bytes, path: str) -> str:
    return etree.fromstring(xml).findtext(path, None, NS) or ""


def test_a_sale_prints_the_authorised_danfe_with_a_readable_qr_then_the_cashback(
    shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz, emulator: EmulatorServer
) -> None:
    maria = shop.enrol("Maria Souza", cpf="529.982.247-25")
    sale = shop.sell(("dipirona", 2), "shampoo", customer=maria, cash=10_000)

    (paper,) = print_sales(invoicer, emulator, [sale.sale_id])

    note = invoicer.note(sale.sale_id)
    assert note is not None and note.record.status == "authorised"
    assert sefaz.authorisation_count(note.record.key) == 1
    proc = note.record.proc_xml
    validate(etree.fromstring(proc), "nfeProc")
    assert _text(proc, ".//n:dest/n:CPF") == "52998224725"
    assert _text(proc, ".//n:total/n:ICMSTot/n:vNF") == "55.00"
    assert _text(proc, ".//n:pag/n:vTroco") == "45.00"
    lines = [line.strip() for line in paper.lines]
    danfe = next(i for i, line in enumerate(lines) if line.startswith("DANFE NFC-e"))
    cashback = next(i for i, line in enumerate(lines) if line.startswith("Cashback ganho"))
    assert danfe < cashback
    assert "CUPOM NÃO FISCAL" not in lines
    assert "EMITIDA EM CONTINGÊNCIA" not in lines
    assert any(note.record.protocol in line for line in lines)
    assert qr_codes(paper) == [_text(proc, ".//n:infNFeSupl/n:qrCode")]


def test_sefaz_down_prints_contingency_and_the_sender_drains_the_queue_without_gaps(
    shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz, emulator: EmulatorServer
) -> None:
    sefaz.set_mode("down")
    sales = [shop.sell("dipirona", cash=1_250).sale_id for _ in range(5)]
    (first, *_rest) = print_sales(invoicer, emulator, sales)
    assert "EMITIDA EM CONTINGÊNCIA" in [line.strip() for line in first.lines]
    status = fiscal_status(shop.station, shop.clock())
    assert [r.number for r in status.waiting] == [1, 2, 3, 4, 5]
    assert all(r.status == "pending" and r.deadline is not None for r in status.waiting)

    still_down = invoicer.send_pending()
    assert still_down is not None and not still_down.done

    sefaz.set_mode("authorise")
    report = invoicer.send_pending()
    assert report is not None and report.done and report.authorised == [1, 2, 3, 4, 5]
    with shop.station.read() as session:
        rows = session.scalars(select(NfceNote).order_by(NfceNote.number)).all()
        assert [(r.number, r.status, r.sale_id, r.tp_emis) for r in rows] == [
            (n, "authorised", sale_id, 9) for n, sale_id in zip(range(1, 6), sales, strict=True)
        ]
        assert all(sefaz.authorisation_count(r.key) == 1 for r in rows)
    assert fiscal_status(shop.station, shop.clock()).waiting == []


def test_a_sale_left_without_a_note_gets_one_from_the_background_sender(
    shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz
) -> None:
    sale = shop.sell("shampoo", pix=3_000)  # committed; the app closed before printing
    assert invoicer.note(sale.sale_id) is None
    report = invoicer.send_pending()
    assert report is not None and report.done
    note = invoicer.note(sale.sale_id)
    assert note is not None and note.record.status == "authorised"
    assert _text(note.record.proc_xml, ".//n:detPag/n:tPag") == "17"
    assert invoicer.send_pending() is not None
    assert invoicer.note(sale.sale_id) == note  # never a second note for the sale


def test_a_sale_paid_wholly_by_a_voucher_is_authorised_with_loyalty_set_as_discount(
    shop: Shop, invoicer: Invoicer, a1_bytes: bytes, sefaz: LocalSefaz
) -> None:
    """The accountant chose "discount"; Maria pays a dipirona R$ 12,50 with nothing but
    her R$ 25,00 voucher. The note cannot be a R$ 0,00 note without payment: it is
    authorised with the voucher as tPag 19 (before, it was refused as invalid data)."""
    set_up_nfce(shop, a1_bytes, sefaz, loyalty_as="discount")
    maria = shop.enrol("Maria Souza", cpf="529.982.247-25")
    (voucher,) = shop.sell(("dipirona", 40), customer=maria, pix=50_000).vouchers_issued
    assert voucher.value == 2_500
    sale = shop.sell("dipirona", customer=maria, voucher=voucher.code)
    report = invoicer.send_pending()
    assert report is not None and report.done
    note = invoicer.note(sale.sale_id)
    assert note is not None and note.record.status == "authorised"
    proc = note.record.proc_xml
    assert _text(proc, ".//n:detPag/n:tPag") == "19"
    assert _text(proc, ".//n:detPag/n:vPag") == "12.50"
    assert _text(proc, ".//n:total/n:ICMSTot/n:vNF") == "12.50"


def test_a_free_item_of_a_promotion_goes_on_the_note_at_its_price_fully_discounted(
    shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz
) -> None:
    """ "Leve o shampoo, ganhe a dipirona": the dipirona's line discount is its whole price.
    SEFAZ refuses only a discount above the item's value (483), so the note is authorised
    with the dipirona at R$ 12,50 less R$ 12,50 (before: refused, the sale left without one)."""
    lines = [LineRequest(shop.items["shampoo"]), LineRequest(shop.items["dipirona"], 1, 1_250)]
    request = CheckoutRequest(
        staff_id=shop.cashier_id,
        lines=lines,
        payments=[TenderRequest(Tender.CASH, 3_000)],
        manager_pin=MANAGER_PIN,  # a discount past the cashier's limit
    )
    sale = checkout(shop.station, request)
    report = invoicer.send_pending()
    assert report is not None and report.done
    note = invoicer.note(sale.sale_id)
    assert note is not None and note.record.status == "authorised"
    proc = etree.fromstring(note.record.proc_xml)
    items = [
        (det.findtext("n:prod/n:vProd", None, NS), det.findtext("n:prod/n:vDesc", None, NS))
        for det in proc.iterfind(".//n:det", NS)
    ]
    assert items == [("30.00", None), ("12.50", "12.50")]
    assert _text(note.record.proc_xml, ".//n:total/n:ICMSTot/n:vNF") == "30.00"


def test_a_sale_whose_products_were_all_given_has_no_note_and_the_manager_is_told(
    shop: Shop,
    invoicer: Invoicer,
    sefaz: LocalSefaz,
    emulator: EmulatorServer,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A sample given at the counter (the dipirona at 100 %, nothing to pay): an NFC-e cannot
    be worth R$ 0,00 with no payment. The receipt prints, the sender does not try the sale
    again at every round, and Gerência > Fiscal and `nfce status` name it for the accountant
    (before: refused as "venda sem pagamento" at every round, in the log only)."""
    given = LineRequest(shop.items["dipirona"], 1, 1_250)
    request = CheckoutRequest(
        staff_id=shop.cashier_id, lines=[given], payments=[], manager_pin=MANAGER_PIN
    )
    sample = checkout(shop.station, request).sale_id
    paid = shop.sell("shampoo", cash=3_000).sale_id

    with pytest.raises(GivenProducts) as refused:
        invoicer.issue_for_sale(sample)
    assert "NF-e (CFOP 5.910)" in refused.value.message("pt_BR")
    assert "accountant issues an NF-e" in refused.value.message("en")
    (paper,) = print_sales(invoicer, emulator, [sample])
    assert any("Dipirona" in line for line in paper.lines)
    caplog.clear()
    with caplog.at_level("WARNING"):
        report = invoicer.send_pending()
        again = invoicer.send_pending()
    assert report is not None and report.done and again is not None and again.done
    assert not [r for r in caplog.records if "NFC-e" in r.getMessage()]
    assert invoicer.note(sample) is None
    note = invoicer.note(paid)
    assert note is not None and note.record.status == "authorised"

    assert fiscal_status(shop.station, shop.clock()).given == [sample]
    invoicer.close()
    assert main(["nfce", "status", "--db", str(shop.station.path)]) == 0
    out = capsys.readouterr().out
    assert f"sem NFC-e: {sample}." in out and "CFOP 5.910" in out


def test_a_note_that_cannot_be_built_is_named_to_the_manager_until_the_data_is_fixed(
    shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz
) -> None:
    """The dipirona's NCM was mistyped in the catalogue after two sales: their notes cannot
    be built. The running sender keeps why, for Gerência > Fiscal (before: a warning in the
    log every minute, nothing on any screen); a sale voided meanwhile leaves the list, and
    once the NCM is right the next round issues the other."""
    kept = shop.sell("dipirona", cash=1_250).sale_id
    voided = shop.sell("dipirona", cash=1_250).sale_id
    with shop.station.write() as session:
        session.get(Item, shop.items["dipirona"]).ncm = "3004909"  # a digit short
    report = invoicer.send_pending()
    assert report is not None
    refused = invoicer.refused()
    assert [r.params["sale"] for r in refused] == [kept, voided]
    assert "NCM" in refused[0].message("pt_BR") and f"venda {kept}" in refused[0].message("pt_BR")
    assert invoicer.note(kept) is None

    void(shop.station, voided, shop.cashier_id, MANAGER_PIN, "cliente desistiu")
    with shop.station.write() as session:
        session.get(Item, shop.items["dipirona"]).ncm = "30049099"
    report = invoicer.send_pending()
    assert report is not None and report.done
    assert invoicer.refused() == []
    note = invoicer.note(kept)
    assert note is not None and note.record.status == "authorised"


def test_services_stay_out_and_a_product_without_tax_data_is_refused_naming_it(
    shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz, emulator: EmulatorServer
) -> None:
    with shop.station.read() as session:
        before = session.scalar(select(func.count()).select_from(Sale))
    with pytest.raises(MissingTaxData) as refused:
        shop.sell("batom", "dipirona", cash=10_000)
    assert "Batom matte" in refused.value.message("pt_BR")
    assert "NCM" in refused.value.message("en")
    with shop.station.read() as session:
        assert session.scalar(select(func.count()).select_from(Sale)) == before

    service_only = shop.sell("corte", cash=8_000)
    (paper,) = print_sales(invoicer, emulator, [service_only.sale_id])
    assert invoicer.note(service_only.sale_id) is None
    assert "CUPOM NÃO FISCAL" in [line.strip() for line in paper.lines]

    mixed = shop.sell("corte", "shampoo", cash=11_000)
    note = invoicer.issue_for_sale(mixed.sale_id)
    assert note is not None and note.record.status == "authorised"
    proc = note.record.proc_xml
    # homologação writes its own xProd on the first line; cProd names the product
    assert [e.text for e in etree.fromstring(proc).iterfind(".//n:det/n:prod/n:cProd", NS)] == [
        "7891000100103"
    ]
    assert _text(proc, ".//n:total/n:ICMSTot/n:vNF") == "30.00"
    assert _text(proc, ".//n:detPag/n:vPag") == "30.00"


def test_a_store_without_nfce_sells_products_without_tax_data(shop: Shop) -> None:
    sale = shop.sell("batom", cash=4_990)
    assert sale.total == 4_990


def test_the_background_sender_sends_the_contingency_notes_when_sefaz_is_back(
    shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz
) -> None:
    sefaz.set_mode("down")
    sales = [shop.sell("dipirona", cash=1_250).sale_id for _ in range(3)]
    for sale_id in sales:
        invoicer.issue_for_sale(sale_id)
    sefaz.set_mode("authorise")
    outcomes: list[Outcome[SendReport | None]] = []
    worker = start_sender(invoicer, outcomes.append, interval=0.1)
    try:
        deadline = time.monotonic() + 10
        while fiscal_status(shop.station, shop.clock()).waiting and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        worker.stop()
    assert fiscal_status(shop.station, shop.clock()).waiting == []
    notes = [invoicer.note(sale_id) for sale_id in sales]
    assert [(n.record.number, n.record.status) for n in notes if n] == [
        (1, "authorised"),
        (2, "authorised"),
        (3, "authorised"),
    ]
    assert any(o.result is not None and o.result.authorised == [1, 2, 3] for o in outcomes)


def test_a_sale_from_before_nfce_was_switched_on_gets_no_note_on_a_reprint(
    tmp_path: Path, a1_bytes: bytes, sefaz: LocalSefaz, emulator: EmulatorServer
) -> None:
    shop = open_shop(tmp_path / "antiga.sqlite", "pharmacy", MovableClock(datetime.now(UTC)))
    fill_tax_data(shop)
    before = shop.sell("dipirona", cash=1_250)
    shop.clock.advance(minutes=1)
    set_up_nfce(shop, a1_bytes, sefaz)
    invoicer = Invoicer(shop.station)
    try:
        (paper,) = print_sales(invoicer, emulator, [before.sale_id])
        assert invoicer.note(before.sale_id) is None
        assert "CUPOM NÃO FISCAL" in [line.strip() for line in paper.lines]
        report = invoicer.send_pending()
        assert report is not None and report.authorised == []
        assert invoicer.note(before.sale_id) is None
    finally:
        invoicer.close()


@pytest.mark.slow
def test_fifty_sales_with_sefaz_down_then_up_are_each_authorised_once_without_gaps(
    shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz
) -> None:
    sefaz.set_mode("down")
    sales = [shop.sell("dipirona", cash=1_250).sale_id for _ in range(50)]
    for sale_id in sales:
        note = invoicer.issue_for_sale(sale_id)
        assert note is not None and note.contingency
    sefaz.set_mode("authorise")
    report = invoicer.send_pending()
    assert report is not None and report.done and report.authorised == list(range(1, 51))
    with shop.station.read() as session:
        rows = session.execute(
            select(NfceNote.number, NfceNote.status, NfceNote.sale_id, NfceNote.key).order_by(
                NfceNote.number
            )
        ).all()
    assert [(r.number, r.status, r.sale_id) for r in rows] == [
        (n, "authorised", sale_id) for n, sale_id in zip(range(1, 51), sales, strict=True)
    ]
    assert all(sefaz.authorisation_count(r.key) == 1 for r in rows)


def test_a_product_named_with_a_curly_apostrophe_and_a_dash_gets_its_note(
    shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz
) -> None:
    """A name pasted from a supplier's list ("D’Água – 300 ml") carries characters the
    NFC-e layout does not take. The note is authorised with the plain ones; before, it
    failed the XSD and the sale stayed without a note (its line keeps the name it was
    sold with, so fixing the catalogue did not help)."""
    with shop.station.write() as session:
        shampoo = session.get(Item, shop.items["shampoo"])
        assert shampoo is not None
        shampoo.name = "Shampoo D’Água – 300 ml"
    sale = shop.sell("dipirona", "shampoo", cash=5_000)
    report = invoicer.send_pending()
    assert report is not None and report.done
    assert invoicer.refused() == []
    note = invoicer.note(sale.sale_id)
    assert note is not None and note.record.status == "authorised"
    names = [e.text for e in etree.fromstring(note.record.proc_xml).iterfind(".//n:xProd", NS)]
    assert names[1] == "Shampoo D'Água - 300 ml"


def test_a_product_named_only_in_emoji_gets_its_note_under_its_code(
    shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz
) -> None:
    """A salon's product named "💆‍♀️✨" with the SKU "✂️": nothing of either is a character
    the layout takes, xProd and cProd came out empty, the XSD refused the note and the
    sale stayed without its NFC-e. Now the note names it by its code: the SKU when it has
    one the layout takes, else its catalogue number."""
    with shop.station.write() as session:
        shampoo = session.get(Item, shop.items["shampoo"])
        assert shampoo is not None
        shampoo.name, shampoo.sku, shampoo.gtin = "💆‍♀️✨", "✂️", None
        item_id = shampoo.id
    sale = shop.sell("dipirona", "shampoo", cash=5_000)
    report = invoicer.send_pending()
    assert report is not None and report.done
    assert invoicer.refused() == []
    note = invoicer.note(sale.sale_id)
    assert note is not None and note.record.status == "authorised"
    root = etree.fromstring(note.record.proc_xml)
    second = root.findall(".//n:det", NS)[1]
    assert second.findtext("n:prod/n:cProd", None, NS) == str(item_id)
    assert second.findtext("n:prod/n:xProd", None, NS) == f"Produto {item_id}"
