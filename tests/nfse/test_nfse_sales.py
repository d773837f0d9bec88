"""The salon sells with NFS-e and NFC-e: a sale with services and a product gets both,
on the receipt and in the accountant's ZIP; the national environment down, a lost
answer, a rejection, the void, the DANFSe and the manager's settings."""

from __future__ import annotations

import io
import logging
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from lxml import etree
from sqlalchemy import select

from db.models import AuditLog, Item, Sale
from fiscal.nfse import read_nfse
from fiscal.nfse.schemas import validate
from fiscal.testing import LocalSefaz, LocalSefin
from hardware.emulator.server import EmulatorServer
from posapp.core.errors import PosError
from posapp.core.pricing import Tender
from posapp.services.invoices.issuing import Invoicer
from posapp.services.nfse.archive import export, nfse_status
from posapp.services.nfse.cancelling import cancel_sale
from posapp.services.nfse.issuing import NfseIssuer
from posapp.services.nfse.paper import NoNfseForSale, danfse_pdf
from posapp.services.nfse.settings import (
    InvalidNfseSetting,
    Partner,
    load_settings,
    save_settings,
)
from posapp.services.sales.checkout import CheckoutRequest, LineRequest, TenderRequest, checkout
from tests.invoices.conftest import qr_codes
from tests.nfse.conftest import PAULA_CPF, print_sales, salon_settings, sell_salon
from tests.support import CASHIER_PIN, MANAGER_PIN, Shop

NS = {"n": "http://www.sped.fazenda.gov.br/nfse"}
NFE = {"n": "http://www.portalfiscal.inf.br/nfe"}


def _t(xml: bytes, path: str, ns: dict[str, str] = NS) -> str:
    return etree.fromstring(xml).findtext(path, "", ns) or ""


def test_a_salon_sale_gets_its_nfse_and_nfce_on_the_receipt_and_in_the_zip(
    shop: Shop,
    invoicer: Invoicer,
    issuer: NfseIssuer,
    sefaz: LocalSefaz,
    sefin: LocalSefin,
    emulator: EmulatorServer,
    tmp_path: Path,
) -> None:
    maria = shop.enrol("Maria Souza", cpf="529.982.247-25")
    sale_id = sell_salon(shop, "corte", "shampoo", customer=maria)

    (paper,) = print_sales(invoicer, issuer, emulator, [sale_id])

    nfse = issuer.note(sale_id)
    assert nfse is not None and nfse.status == "authorised" and nfse.nfse_xml
    validate(etree.fromstring(nfse.nfse_xml))
    dps = ".//n:DPS/n:infDPS"
    assert _t(nfse.nfse_xml, f"{dps}/n:serv/n:cServ/n:xDescServ") == "Corte feminino"
    assert _t(nfse.nfse_xml, f"{dps}/n:valores/n:vServPrest/n:vServ") == "80.00"
    assert _t(nfse.nfse_xml, f"{dps}/n:toma/n:CPF") == "52998224725"
    assert _t(nfse.nfse_xml, f"{dps}/n:serv/n:cServ/n:cTribNac") == "060101"
    share = read_nfse(nfse.nfse_xml).deductions
    assert [(s.cpf, s.amount, s.name) for s in share] == [(PAULA_CPF, "48.00", "Paula Manicure")]
    assert read_nfse(nfse.nfse_xml).base == "32.00"  # the salon's own 40 %
    note = invoicer.note(sale_id)
    assert note is not None and note.record.status == "authorised"
    products = [
        e.text
        for e in etree.fromstring(note.record.proc_xml).iterfind(".//n:det/n:prod/n:cProd", NFE)
    ]
    assert products == ["7891000100103"]  # the shampoo only: the haircut is in the NFS-e
    assert sefin.state.sent[nfse.dps_id] == 1

    lines = [line.strip() for line in paper.lines]
    danfe = next(i for i, line in enumerate(lines) if line.startswith("DANFE NFC-e"))
    nfse_at = next(i for i, line in enumerate(lines) if line.startswith("NFS-e nº"))
    assert danfe < nfse_at
    codes = qr_codes(paper)
    assert _t(note.record.proc_xml, ".//n:infNFeSupl/n:qrCode", NFE) in codes
    assert any(nfse.key in code and "nfse.gov.br" in code for code in codes)

    month = nfse.issued_at.strftime("%Y-%m")
    out = tmp_path / "contador.zip"
    assert export(shop.station, month, out) == 2
    names = zipfile.ZipFile(out).namelist()
    assert sorted(names) == sorted([f"{note.record.key}-procNFe.xml", f"{nfse.key}-nfse.xml"])
    assert zipfile.ZipFile(out).read(f"{nfse.key}-nfse.xml") == nfse.nfse_xml


def test_a_services_only_sale_prints_the_usual_receipt_with_the_nfse_link(
    shop: Shop, issuer: NfseIssuer, emulator: EmulatorServer
) -> None:
    sale_id = sell_salon(shop, "manicure")
    (paper,) = print_sales(None, issuer, emulator, [sale_id])
    nfse = issuer.note(sale_id)
    assert nfse is not None and nfse.status == "authorised"
    lines = [line.strip() for line in paper.lines]
    assert "CUPOM NÃO FISCAL" in lines
    assert any(line.startswith(f"NFS-e nº {nfse.nfse_number}") for line in lines)
    assert [c for c in qr_codes(paper) if nfse.key in c]


def test_national_environment_down_queues_the_dps_and_the_manager_sees_it(
    shop: Shop, issuer: NfseIssuer, sefin: LocalSefin, emulator: EmulatorServer
) -> None:
    sefin.set_mode("down")
    sale_id = sell_salon(shop, "corte")
    (paper,) = print_sales(None, issuer, emulator, [sale_id])
    assert "NFS-e dos serviços em processamento" in [line.strip() for line in paper.lines]
    status = nfse_status(shop.station)
    assert [w.record.sale_id for w in status.waiting] == [sale_id]
    assert "1 aguardando o ambiente nacional" in status.summary("pt_BR")
    assert "1 waiting for the national environment" in status.summary("en")

    report = issuer.send_pending()
    assert report is not None and report.unavailable is not None

    sefin.set_mode("authorise")
    report = issuer.send_pending()
    assert report is not None and report.done and len(report.authorised) == 1
    nfse = issuer.note(sale_id)
    assert nfse is not None and nfse.status == "authorised"
    assert nfse_status(shop.station).waiting == []


def test_a_lost_answer_is_resolved_by_the_dps_id_without_a_second_nfse(
    shop: Shop, issuer: NfseIssuer, sefin: LocalSefin
) -> None:
    sefin.set_mode("timeout_after_authorise")
    sale_id = sell_salon(shop, "corte")
    first = issuer.issue_for_sale(sale_id)
    assert first is not None and first.status == "pending" and first.maybe_sent
    sefin.set_mode("authorise")
    issuer.send_pending()
    nfse = issuer.note(sale_id)
    assert nfse is not None and nfse.status == "authorised"
    assert sefin.state.sent[nfse.dps_id] == 1
    assert len(sefin.state.issued) == 1


def test_a_rejection_is_shown_and_a_new_dps_goes_after_the_fix(
    shop: Shop, issuer: NfseIssuer, sefin: LocalSefin
) -> None:
    sefin.set_mode("reject", "E0312", "Código de tributação municipal inexistente")
    sale_id = sell_salon(shop, "corte")
    rejected = issuer.issue_for_sale(sale_id)
    assert rejected is not None and rejected.status == "rejected"
    (waiting,) = nfse_status(shop.station).waiting
    assert waiting.record.code == "E0312" and "municipal" in waiting.record.reason
    sefin.set_mode("authorise")
    assert issuer.issue_for_sale(sale_id) == rejected  # no new DPS until asked
    again = issuer.issue_for_sale(sale_id, again=True)
    assert again is not None and again.status == "authorised"
    assert again.number == rejected.number + 1


def test_the_void_cancels_the_nfse_and_the_zip_keeps_both_documents(
    shop: Shop, invoicer: Invoicer, issuer: NfseIssuer, sefin: LocalSefin, tmp_path: Path
) -> None:
    sale_id = sell_salon(shop, "corte", "shampoo")
    issuer.issue_for_sale(sale_id)
    invoicer.issue_for_sale(sale_id)
    result = cancel_sale(
        invoicer, issuer, sale_id, shop.cashier_id, MANAGER_PIN, "Cliente desistiu do serviço"
    )
    assert result.nfse_status == "cancelled" and result.nfce.nfce_cancelled
    nfse = issuer.note(sale_id)
    assert nfse is not None and nfse.status == "cancelled" and nfse.cancel_xml
    validate(etree.fromstring(nfse.cancel_xml))
    assert _t(nfse.cancel_xml, ".//n:e101101/n:xMotivo") == "Cliente desistiu do serviço"
    with shop.station.read() as session:
        sale = session.get(Sale, sale_id)
        assert sale is not None and sale.status == "voided"
        actions = session.scalars(select(AuditLog.action)).all()
    assert "nfse.cancel" in actions
    out = tmp_path / "z.zip"
    export(shop.station, nfse.issued_at.strftime("%Y-%m"), out)
    assert f"{nfse.key}-canc-nfse.xml" in zipfile.ZipFile(out).namelist()


def test_a_void_while_the_national_environment_is_down_sends_the_cancellation_later(
    shop: Shop, invoicer: Invoicer, issuer: NfseIssuer, sefin: LocalSefin
) -> None:
    sale_id = sell_salon(shop, "corte")
    issuer.issue_for_sale(sale_id)
    sefin.set_mode("down")
    result = cancel_sale(
        invoicer, issuer, sale_id, shop.cashier_id, MANAGER_PIN, "Serviço não foi prestado"
    )
    assert result.nfse_status == "cancel_pending"
    assert "quando o ambiente nacional responder" in result.message_pt
    sefin.set_mode("authorise")
    report = issuer.send_pending()
    assert report is not None and len(report.cancelled) == 1
    nfse = issuer.note(sale_id)
    assert nfse is not None and nfse.status == "cancelled"


def test_a_dps_never_sent_is_withdrawn_with_the_void(
    shop: Shop, invoicer: Invoicer, issuer: NfseIssuer, sefin: LocalSefin
) -> None:
    sefin.set_mode("down")
    sale_id = sell_salon(shop, "corte")
    issuer.issue_for_sale(sale_id)
    result = cancel_sale(
        invoicer, issuer, sale_id, shop.cashier_id, MANAGER_PIN, "Serviço não foi prestado"
    )
    assert result.nfse_status == "withdrawn"
    sefin.set_mode("authorise")
    issuer.send_pending()
    assert sefin.state.sent == {}


def test_the_danfse_pdf_is_there_on_demand(
    shop: Shop, issuer: NfseIssuer, sefin: LocalSefin
) -> None:
    sale_id = sell_salon(shop, "corte")
    with pytest.raises(NoNfseForSale):
        danfse_pdf(issuer, sale_id)
    issuer.issue_for_sale(sale_id)
    pdf = danfse_pdf(issuer, sale_id)
    assert pdf.startswith(b"%PDF")


def test_settings_need_the_managers_pin_are_audited_and_explain_bad_input(
    shop: Shop, issuer: NfseIssuer, sefin: LocalSefin
) -> None:
    settings = salon_settings(shop, sefin, iss_rate_bp=300)
    with pytest.raises(PosError):
        save_settings(shop.station, shop.cashier_id, CASHIER_PIN, settings)
    assert load_settings(shop.station).iss_rate_bp == 500
    save_settings(shop.station, shop.cashier_id, MANAGER_PIN, settings)
    assert load_settings(shop.station).iss_rate_bp == 300
    with shop.station.read() as session:
        rows = session.scalars(select(AuditLog).where(AuditLog.action == "nfse.settings")).all()
    assert rows and "iss_rate_bp" in (rows[-1].details or "")
    with pytest.raises(InvalidNfseSetting) as bad:
        save_settings(
            shop.station,
            shop.cashier_id,
            MANAGER_PIN,
            salon_settings(shop, sefin, national_code="6.1"),
        )
    assert "06.01 → 060101" in bad.value.message("pt_BR")
    assert "LC 116" in bad.value.message("en")


def test_a_sale_without_services_gets_no_dps(shop: Shop, issuer: NfseIssuer) -> None:
    sale_id = sell_salon(shop, "shampoo")
    assert issuer.issue_for_sale(sale_id) is None


def _sell_with_given(shop: Shop, paid: list[str], given: list[str]) -> int:
    """A sale where the `given` services are on the house (a 100 % line discount)."""
    with shop.station.read() as session:
        prices = {name: session.get(Item, shop.items[name]).price for name in given}
    professional = {"corte": shop.professional_id, "manicure": shop.professional_id}
    lines = [LineRequest(shop.items[name], professional_id=professional.get(name)) for name in paid]
    lines += [
        LineRequest(shop.items[name], discount=prices[name], professional_id=professional[name])
        for name in given
    ]
    request = CheckoutRequest(
        staff_id=shop.cashier_id,
        lines=lines,
        payments=[TenderRequest(Tender.CASH, 50_000)],
        manager_pin=MANAGER_PIN,
    )
    return checkout(shop.station, request).sale_id


def test_a_sale_whose_services_were_all_given_gets_no_nfse_and_is_not_tried_again(
    shop: Shop,
    invoicer: Invoicer,
    issuer: NfseIssuer,
    sefin: LocalSefin,
    emulator: EmulatorServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    sale_id = _sell_with_given(shop, paid=["shampoo"], given=["corte"])

    with caplog.at_level(logging.WARNING):
        (paper,) = print_sales(invoicer, issuer, emulator, [sale_id])
        report = issuer.send_pending()

    assert issuer.note(sale_id) is None
    assert report is not None and report.done and report.authorised == []
    assert sefin.state.sent == {}
    assert not [r for r in caplog.records if "NFS-e" in r.getMessage()]
    lines = [line.strip() for line in paper.lines]
    assert any(line.startswith("DANFE NFC-e") for line in lines)  # the shampoo's note
    assert not any(line.startswith("NFS-e") for line in lines)


def test_a_given_service_beside_a_paid_one_is_stated_as_a_discount(
    shop: Shop, issuer: NfseIssuer
) -> None:
    sale_id = _sell_with_given(shop, paid=["corte"], given=["manicure"])
    nfse = issuer.issue_for_sale(sale_id)
    assert nfse is not None and nfse.status == "authorised" and nfse.nfse_xml
    with shop.station.read() as session:
        corte = session.get(Item, shop.items["corte"]).price
        manicure = session.get(Item, shop.items["manicure"]).price
    values = ".//n:DPS/n:infDPS/n:valores"
    assert _t(nfse.nfse_xml, f"{values}/n:vServPrest/n:vServ") == f"{(corte + manicure) / 100:.2f}"
    assert _t(nfse.nfse_xml, f"{values}/n:vDescCondIncond/n:vDescIncond") == (
        f"{manicure / 100:.2f}"
    )


def test_the_zip_of_another_month_has_no_nfse(
    shop: Shop, issuer: NfseIssuer, tmp_path: Path
) -> None:
    sale_id = sell_salon(shop, "corte")
    nfse = issuer.issue_for_sale(sale_id)
    assert nfse is not None
    out = tmp_path / "old.zip"
    assert export(shop.station, "2020-01", out) == 0
    assert zipfile.ZipFile(io.BytesIO(out.read_bytes())).namelist() == []


def test_the_command_line_lists_sends_exports_and_draws_the_nfse(
    shop: Shop,
    issuer: NfseIssuer,
    sefin: LocalSefin,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from posapp.cli import main

    sefin.set_mode("down")
    sale_id = sell_salon(shop, "corte")
    issuer.issue_for_sale(sale_id)
    issuer.close()
    db = ["--db", str(shop.station.path)]
    assert main(["nfce", "status", *db]) == 0
    out = capsys.readouterr().out
    assert "1 aguardando o ambiente nacional" in out and "DPS 1: pending" in out
    assert main(["nfce", "send-pending", *db]) == 2
    assert "continua sem responder" in capsys.readouterr().out
    sefin.set_mode("authorise")
    assert main(["nfce", "send-pending", *db, "--lang", "en"]) == 0
    assert "NFS-e authorised: 1" in capsys.readouterr().out
    nfse = issuer.note(sale_id)
    assert nfse is not None and nfse.status == "authorised"
    zip_path, pdf_path = tmp_path / "mes.zip", tmp_path / "danfse.pdf"
    month = nfse.issued_at.strftime("%Y-%m")
    assert main(["nfce", "export", *db, "--month", month, "--out", str(zip_path)]) == 0
    assert "1 NFS-e de" in capsys.readouterr().out
    assert zipfile.ZipFile(zip_path).namelist() == [f"{nfse.key}-nfse.xml"]
    assert main(["nfce", "danfse", *db, "--sale", str(sale_id), "--out", str(pdf_path)]) == 0
    assert pdf_path.read_bytes().startswith(b"%PDF")


def test_after_a_timeout_the_counter_does_not_wait_on_the_next_sales(
    shop: Shop, issuer: NfseIssuer, sefin: LocalSefin
) -> None:
    sefin.set_mode("down")
    first = sell_salon(shop, "corte")
    issuer.issue_for_sale(first)
    sefin.set_mode("authorise")
    second = sell_salon(shop, "manicure")
    waiting = issuer.issue_for_sale(second)
    assert waiting is not None and waiting.status == "pending"
    assert sefin.state.sent == {}  # the second sale did not try the environment
    report = issuer.send_pending()
    assert report is not None and len(report.authorised) == 2
    shop.clock.advance(seconds=61)
    third = issuer.issue_for_sale(sell_salon(shop, "corte"))
    assert third is not None and third.status == "authorised"


def test_the_salons_partner_rule_sets_the_share_the_nfse_states(
    shop: Shop, issuer: NfseIssuer, sefin: LocalSefin
) -> None:
    from posapp.core.commission import Mode
    from posapp.services.salon.rules import set_rule

    # the salon's own rule (what Paula's statement and the Z report use): 50 %, not the
    # 60 % kept with her CPF in the NFS-e settings
    set_rule(
        shop.station,
        manager_pin=MANAGER_PIN,
        share_bps=5000,
        staff_id=shop.professional_id,
        mode=Mode.PARTNER,
    )
    sale_id = sell_salon(shop, "corte")
    nfse = issuer.issue_for_sale(sale_id)
    assert nfse is not None and nfse.nfse_xml
    (share,) = read_nfse(nfse.nfse_xml).deductions
    assert (share.cpf, share.amount) == (PAULA_CPF, "40.00")
    assert read_nfse(nfse.nfse_xml).base == "40.00"


def test_a_dps_sent_again_after_the_partner_share_changed_states_the_share_of_the_sale(
    shop: Shop, issuer: NfseIssuer, sefin: LocalSefin
) -> None:
    """Paula's share is 50 % when her corte is sold; the DPS is rejected, the owner sets
    her share to 70 % the next day, and the DPS goes again: it states R$ 40,00, the share
    her statement paid for that sale (before: R$ 56,00, today's share)."""
    from posapp.core.commission import Mode
    from posapp.services.salon.rules import set_rule

    def partner_share(bps: int) -> None:
        set_rule(shop.station, manager_pin=MANAGER_PIN, share_bps=bps,
                 staff_id=shop.professional_id, mode=Mode.PARTNER)  # fmt: skip

    partner_share(5000)
    sefin.set_mode("reject", "E0312", "Código de tributação municipal inexistente")
    sale_id = sell_salon(shop, "corte")
    rejected = issuer.issue_for_sale(sale_id)
    assert rejected is not None and rejected.status == "rejected"
    shop.clock.advance(days=1)
    partner_share(7000)
    sefin.set_mode("authorise")
    again = issuer.issue_for_sale(sale_id, again=True)
    assert again is not None and again.status == "authorised" and again.nfse_xml
    (share,) = read_nfse(again.nfse_xml).deductions
    assert (share.cpf, share.amount) == (PAULA_CPF, "40.00")


def test_a_refused_cancellation_is_sent_again_with_the_cashiers_justification(
    shop: Shop, invoicer: Invoicer, issuer: NfseIssuer, sefin: LocalSefin
) -> None:
    """The national environment refuses the NFS-e's cancellation once (its reason a long
    sentence). The manager sees the refusal's code, and the next try sends the void's own
    justification. Before, the refusal's text replaced the justification: the next try
    sent 'cancelamento: <the refusal>' as the store's reason, and a refusal longer than
    the event takes made every later round of the NFS-e sender raise (nothing else sent)."""
    sale_id = sell_salon(shop, "corte")
    issued = issuer.issue_for_sale(sale_id)
    assert issued is not None and issued.status == "authorised"
    refusal = "Evento de cancelamento não aceito neste momento: " + "tente novamente " * 14
    sefin.set_mode("reject", "E0840", refusal.strip())
    justification = "Cliente desistiu do serviço"
    result = cancel_sale(invoicer, issuer, sale_id, shop.cashier_id, MANAGER_PIN, justification)
    assert result.nfse_status == "cancel_pending" and "recusado" in result.message_pt
    (waiting,) = nfse_status(shop.station).waiting
    assert waiting.record.status == "cancel_pending" and waiting.record.code == "E0840"

    sefin.set_mode("authorise")
    report = issuer.send_pending()
    assert report is not None and report.cancelled == [issued.id]
    nfse = issuer.note(sale_id)
    assert nfse is not None and nfse.status == "cancelled" and nfse.cancel_xml
    assert _t(nfse.cancel_xml, ".//n:e101101/n:xMotivo") == justification


def test_a_dps_made_days_after_the_service_keeps_the_month_it_was_rendered(
    shop: Shop, issuer: NfseIssuer, sefin: LocalSefin, tmp_path: Path
) -> None:
    """A haircut on a month's last day, 22:00 in São Paulo; the DPS is rejected and the
    manager sends a new one two days later. The competence (dCompet) is the day the
    service was rendered, so the ISS and the accountant's ZIP of that month count it.
    Before, it was the day the DPS was made: the next month, and in neither month's ZIP."""
    soon = (shop.clock() + timedelta(days=40)).replace(day=1, hour=1, minute=0, second=0)
    shop.clock.moment = soon  # the 1st, 01:00 UTC: the last day of the month before, 22:00
    last_day = (soon - timedelta(days=1)).date()
    month, next_month = last_day.strftime("%Y-%m"), soon.strftime("%Y-%m")
    sefin.set_mode("reject", "E0312", "Código de tributação municipal inexistente")
    sale_id = sell_salon(shop, "corte")
    rejected = issuer.issue_for_sale(sale_id)
    assert rejected is not None and rejected.status == "rejected"
    sefin.set_mode("authorise")
    shop.clock.advance(days=2)
    again = issuer.issue_for_sale(sale_id, again=True)
    assert again is not None and again.status == "authorised" and again.nfse_xml
    assert _t(again.dps_xml, ".//n:dCompet") == last_day.isoformat()
    assert _t(again.nfse_xml, ".//n:DPS/n:infDPS/n:dCompet") == last_day.isoformat()

    rendered, made = tmp_path / "rendered.zip", tmp_path / "made.zip"
    export(shop.station, month, rendered)
    export(shop.station, next_month, made)
    assert zipfile.ZipFile(rendered).namelist() == [f"{again.key}-nfse.xml"]
    assert zipfile.ZipFile(made).namelist() == []


def test_a_partner_contract_typed_with_curly_quotes_and_a_dash_gets_the_nfse(
    shop: Shop, invoicer: Invoicer, issuer: NfseIssuer, sefin: LocalSefin
) -> None:
    """The manager typed Paula's contract as 'Contrato “7/2026” – sindicato' (a phone or a
    word processor writes those quotes and that dash). The layout's document number takes
    U+0020-U+00FF only: the DPS states it with plain ones and is authorised. Before, every
    sale of Paula's services failed the schema and got no NFS-e."""
    contract = "Contrato “7/2026” – sindicato"
    partner = Partner(shop.professional_id, PAULA_CPF, 6000, contract, "2026-01-05")
    save_settings(
        shop.station, shop.manager_id, MANAGER_PIN, salon_settings(shop, sefin, partners=(partner,))
    )
    sale_id = sell_salon(shop, "corte")
    nfse = issuer.issue_for_sale(sale_id)
    assert nfse is not None and nfse.status == "authorised" and nfse.nfse_xml
    assert _t(nfse.dps_xml, ".//n:docDedRed/n:nDoc") == 'Contrato "7/2026" - sindicato'


def test_a_salon_sale_paid_with_two_cash_amounts_gets_its_nfce(
    shop: Shop, invoicer: Invoicer, issuer: NfseIssuer
) -> None:
    """A haircut and a shampoo paid with R$ 5,00 and then R$ 200,00 in cash: the change
    (more than the first amount) comes out of the cash as a whole. Before, it was taken
    from the first cash amount alone, which went below zero: the mapping raised
    ValueError, and the NFC-e sender's round stopped there for every sale after it."""
    lines = [
        LineRequest(shop.items["corte"], professional_id=shop.professional_id),
        LineRequest(shop.items["shampoo"]),
    ]
    cash = [TenderRequest(Tender.CASH, 500), TenderRequest(Tender.CASH, 20_000)]
    request = CheckoutRequest(staff_id=shop.cashier_id, lines=lines, payments=cash)
    sale = checkout(shop.station, request)
    later = shop.sell("shampoo", cash=3_000).sale_id
    report = invoicer.send_pending()
    assert report is not None and report.done
    note = invoicer.note(sale.sale_id)
    assert note is not None and note.record.status == "authorised"
    proc = etree.fromstring(note.record.proc_xml)
    paid = sum(int(v.text.replace(".", "")) for v in proc.iterfind(".//n:detPag/n:vPag", NFE))
    assert paid == int(_t(note.record.proc_xml, ".//n:ICMSTot/n:vNF", NFE).replace(".", ""))
    after = invoicer.note(later)
    assert after is not None and after.record.status == "authorised"


def test_a_void_justified_with_a_dash_and_quotes_cancels_both_notes(
    shop: Shop, invoicer: Invoicer, issuer: NfseIssuer, sefin: LocalSefin
) -> None:
    """'Cliente desistiu – “não gostou”': the events' justification takes U+0020-U+00FF
    only, so it goes with a plain dash and quotes. Before, the NFC-e's event failed the
    XSD (the void refused), and with the NFC-e's limits passed the NFS-e's event failed
    after the void: the cancellation stayed pending and raised at every round of the
    NFS-e sender, holding back every other DPS."""
    sale_id = sell_salon(shop, "corte", "shampoo")
    issuer.issue_for_sale(sale_id)
    invoicer.issue_for_sale(sale_id)
    reason = "Cliente desistiu – “não gostou”"
    result = cancel_sale(invoicer, issuer, sale_id, shop.cashier_id, MANAGER_PIN, reason)
    assert result.nfse_status == "cancelled" and result.nfce.nfce_cancelled
    nfse = issuer.note(sale_id)
    assert nfse is not None and nfse.cancel_xml
    assert _t(nfse.cancel_xml, ".//n:e101101/n:xMotivo") == 'Cliente desistiu - "não gostou"'


@pytest.mark.parametrize(
    ("line_discount", "sale_discount", "share", "base"),
    [(5_000, 0, "30.00", "0.00"), (0, 5_000, "30.00", "0.00"), (2_000, 0, "48.00", "12.00")],
)
def test_a_partner_share_on_the_gross_of_a_discounted_service_is_never_above_what_was_paid(
    shop: Shop,
    issuer: NfseIssuer,
    sefin: LocalSefin,
    line_discount: int,
    sale_discount: int,
    share: str,
    base: str,
) -> None:
    """Paula's rule: 60 % of the gross (the salon takes the discounts on its own part). A
    R$ 80,00 corte sold for R$ 30,00 (a line or a sale discount): 60 % of the gross is
    R$ 48,00, more than the client paid. Her share is what was paid, R$ 30,00, the salon
    keeps R$ 0,00, and the DPS's deduction is not above the service less its discount
    (before: R$ 48,00, a DPS the national environment refuses). A smaller discount, R$ 20,00,
    leaves her R$ 48,00 and the salon R$ 12,00."""
    from posapp.core.commission import Base, Mode
    from posapp.services.salon.rules import set_rule

    set_rule(shop.station, manager_pin=MANAGER_PIN, share_bps=6000, base=Base.GROSS,
             staff_id=shop.professional_id, mode=Mode.PARTNER)  # fmt: skip
    line = LineRequest(shop.items["corte"], discount=line_discount,
                       professional_id=shop.professional_id)  # fmt: skip
    sale_id = checkout(
        shop.station,
        CheckoutRequest(
            staff_id=shop.cashier_id,
            lines=[line],
            payments=[TenderRequest(Tender.CASH, 8_000 - line_discount - sale_discount)],
            sale_discount=sale_discount,
            manager_pin=MANAGER_PIN,
        ),
    ).sale_id
    nfse = issuer.issue_for_sale(sale_id)
    assert nfse is not None and nfse.status == "authorised" and nfse.nfse_xml
    note = read_nfse(nfse.nfse_xml)
    (deduction,) = note.deductions
    assert (deduction.cpf, deduction.amount) == (PAULA_CPF, share)
    assert note.base == base


def test_a_justification_short_once_its_emoji_are_left_out_is_refused_before_the_void(
    shop: Shop, invoicer: Invoicer, issuer: NfseIssuer, sefin: LocalSefin
) -> None:
    """'Desistiu 🙁🙁🙁🙁🙁🙁🙁' has 16 characters as typed but 8 as the events carry it
    (U+0020-U+00FF only): the void is refused with the count the note will carry, and
    nothing is voided. Before, the sale was voided, the NFS-e's event raised (15 to 255
    characters) in the cashier's face and then at every round of the NFS-e sender,
    holding back every other DPS."""
    sale_id = sell_salon(shop, "corte")
    issuer.issue_for_sale(sale_id)
    with pytest.raises(PosError) as refused:
        cancel_sale(
            invoicer, issuer, sale_id, shop.cashier_id, MANAGER_PIN, "Desistiu 🙁🙁🙁🙁🙁🙁🙁"
        )
    assert refused.value.message("pt_BR") == (
        "A justificativa do cancelamento precisa de ao menos 15 caracteres (tem 8)."
    )
    assert refused.value.message("en") == (
        "The cancellation's justification needs at least 15 characters (it has 8)."
    )
    with shop.station.read() as session:
        sale = session.get(Sale, sale_id)
        assert sale is not None and sale.status != "voided"
    nfse = issuer.note(sale_id)
    assert nfse is not None and nfse.status == "authorised"
    assert issuer.send_pending() is not None
