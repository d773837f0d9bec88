"""Cancelling from Vendas with the void; the accountant's ZIP; the CLI over the archive."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from lxml import etree
from sqlalchemy import select

from db.models import AuditLog, NfceNote, Sale
from fiscal.schemas import validate
from fiscal.testing import LocalSefaz
from posapp.cli import main
from posapp.core.errors import NotAuthorized
from posapp.services.cash.shifts import close_shift, open_shift
from posapp.services.invoices.archive import export
from posapp.services.invoices.cancelling import (
    CancelRefused,
    ShiftClosed,
    ShortJustification,
    cancel_sale,
)
from posapp.services.invoices.issuing import Invoicer
from tests.invoices.conftest import answer_lost, set_up_nfce
from tests.support import MANAGER_PIN, Shop

REASON = "Cliente desistiu da compra no caixa"
NS = {"n": "http://www.portalfiscal.inf.br/nfe"}


def _status(shop: Shop, sale_id: int) -> str:
    with shop.station.read() as session:
        sale = session.get(Sale, sale_id)
        assert sale is not None
        return sale.status


def test_cancel_within_the_limit_cancels_at_sefaz_and_voids_the_sale(
    shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz
) -> None:
    sale = shop.sell("dipirona", cash=2_000)
    note = invoicer.issue_for_sale(sale.sale_id)
    assert note is not None and note.record.status == "authorised"

    with pytest.raises(ShortJustification):
        cancel_sale(invoicer, sale.sale_id, shop.cashier_id, MANAGER_PIN, "desistiu")
    with pytest.raises(NotAuthorized):
        cancel_sale(invoicer, sale.sale_id, shop.cashier_id, "0001", REASON)
    assert _status(shop, sale.sale_id) != "voided"
    assert note.record.key not in sefaz.state.cancelled

    result = cancel_sale(invoicer, sale.sale_id, shop.cashier_id, MANAGER_PIN, REASON)
    assert result.nfce_cancelled and result.void.kind == "void"
    assert note.record.key in sefaz.state.cancelled
    assert _status(shop, sale.sale_id) == "voided"
    with shop.station.read() as session:
        row = session.get(NfceNote, (1, note.record.number))
        assert row is not None and row.status == "cancelled"
        validate(etree.fromstring(row.proc_xml), "procEventoNFe")
        assert row.authorised_xml == note.record.proc_xml  # the nfeProc is kept
        actions = [a.action for a in session.scalars(select(AuditLog).order_by(AuditLog.id))]
        assert "fiscal.cancel" in actions and actions.index("fiscal.cancel") < len(actions) - 1


def test_after_the_limit_the_store_practice_decides(
    shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz, a1_bytes: bytes
) -> None:
    first = shop.sell("shampoo", cash=3_000)
    second = shop.sell("shampoo", cash=3_000)
    for sale in (first, second):
        invoicer.issue_for_sale(sale.sale_id)
    shop.clock.advance(minutes=31)

    set_up_nfce(shop, a1_bytes, sefaz, late_refund="refuse")
    with pytest.raises(CancelRefused) as refused:
        cancel_sale(invoicer, first.sale_id, shop.cashier_id, MANAGER_PIN, REASON)
    assert "30 min" in refused.value.message("pt_BR")
    assert _status(shop, first.sale_id) != "voided"

    set_up_nfce(shop, a1_bytes, sefaz, late_refund="refund")
    result = cancel_sale(invoicer, second.sale_id, shop.cashier_id, MANAGER_PIN, REASON)
    assert not result.nfce_cancelled and "nota de devolução" in result.message_pt
    assert _status(shop, second.sale_id) == "voided"
    assert sefaz.state.cancelled == {}
    note = invoicer.note(second.sale_id)
    assert note is not None and note.record.status == "authorised"


def test_a_contingency_note_is_not_cancelled_before_sefaz_has_it(
    shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz
) -> None:
    sefaz.set_mode("down")
    sale = shop.sell("dipirona", cash=1_250)
    invoicer.issue_for_sale(sale.sale_id)
    with pytest.raises(CancelRefused) as refused:
        cancel_sale(invoicer, sale.sale_id, shop.cashier_id, MANAGER_PIN, REASON)
    assert "Gerência > Fiscal" in refused.value.message("pt_BR")
    assert _status(shop, sale.sale_id) != "voided"


def test_the_accountant_zip_and_the_cli(
    shop: Shop,
    invoicer: Invoicer,
    sefaz: LocalSefaz,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sales = [shop.sell("dipirona", cash=1_250).sale_id for _ in range(3)]
    for sale_id in sales:
        invoicer.issue_for_sale(sale_id)
    cancel_sale(invoicer, sales[1], shop.cashier_id, MANAGER_PIN, REASON)
    sefaz.set_mode("down")
    offline = shop.sell("shampoo", cash=3_000).sale_id
    invoicer.issue_for_sale(offline)
    invoicer.close()
    db = ["--db", str(shop.station.path)]
    month = shop.clock().astimezone(ZoneInfo("America/Sao_Paulo")).strftime("%Y-%m")

    assert main(["nfce", "status", *db]) == 0
    out = capsys.readouterr().out
    assert "nº 4 série 1: pending (transmitir até" in out and "Certificado A1 válido" in out

    assert main(["nfce", "send-pending", *db]) == 2
    assert "continua sem responder" in capsys.readouterr().out
    sefaz.set_mode("authorise")
    assert main(["nfce", "send-pending", *db, "--lang", "en"]) == 0
    assert "Authorised: 1" in capsys.readouterr().out

    zip_path = tmp_path / "contador.zip"
    assert main(["nfce", "export", *db, "--month", month, "--out", str(zip_path)]) == 0
    with shop.station.read() as session:
        keys = set(session.scalars(select(NfceNote.key)))
        cancelled = session.scalars(select(NfceNote.key).where(NfceNote.status == "cancelled"))
        (cancelled_key,) = cancelled
    with zipfile.ZipFile(zip_path) as archive:
        names = set(archive.namelist())
        notes = {f"{key}-procNFe.xml" for key in keys}  # the cancelled one too
        assert names == notes | {f"{cancelled_key}-procEventoNFe.xml"}
        for name in notes:
            validate(etree.fromstring(archive.read(name)), "nfeProc")
    assert main(["nfce", "export", *db, "--month", "2026-13", "--out", str(zip_path)]) == 2
    assert "Mês inválido: 2026-13. Use AAAA-MM" in capsys.readouterr().err
    assert zipfile.is_zipfile(zip_path)  # the good ZIP was not overwritten

    xml_path = tmp_path / "venda.xml"
    assert main(["nfce", "xml", *db, "--sale", str(sales[0]), "--out", str(xml_path)]) == 0
    validate(etree.fromstring(xml_path.read_bytes()), "nfeProc")
    pdf_path = tmp_path / "venda.pdf"
    assert main(["nfce", "pdf", *db, "--sale", str(offline), "--out", str(pdf_path)]) == 0
    assert pdf_path.read_bytes().startswith(b"%PDF")
    no_note = shop.sell("corte", cash=8_000).sale_id
    assert main(["nfce", "xml", *db, "--sale", str(no_note), "--out", str(xml_path)]) == 2
    assert f"A venda {no_note} não tem NFC-e" in capsys.readouterr().err
    with shop.station.read() as session:
        audit = session.scalars(select(AuditLog).where(AuditLog.action == "fiscal.cancel")).one()
        assert json.loads(audit.details)["reason"] == REASON


def test_the_accountant_zip_says_which_notes_were_cancelled_and_which_numbers_voided(
    shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz, tmp_path: Path
) -> None:
    """The accountant books the month from the ZIP (EFD: a cancelled note is COD_SIT 02,
    a voided number 05). Before, a cancelled note's nfeProc was there like any sale's,
    without its cancellation event, and a voided number left no trace: the accountant
    would have booked the cancelled sale and found a gap in the numbers."""
    kept, cancelled = (shop.sell("dipirona", cash=1_250).sale_id for _ in range(2))
    for sale_id in (kept, cancelled):
        invoicer.issue_for_sale(sale_id)
    cancel_sale(invoicer, cancelled, shop.cashier_id, MANAGER_PIN, REASON)
    skipped = invoicer.storage.reserve_number(1)  # taken, then the counter crashed
    report = invoicer.send_pending()
    assert report is not None and report.voided == [skipped]
    month = shop.clock().astimezone(ZoneInfo("America/Sao_Paulo")).strftime("%Y-%m")

    out = tmp_path / "contador.zip"
    assert main(["nfce", "export", "--db", str(shop.station.path), "--month", month,
                 "--out", str(out)]) == 0  # fmt: skip
    note = invoicer.storage.get(1, 2)
    assert note is not None and note.status == "cancelled"
    with zipfile.ZipFile(out) as archive:
        names = sorted(archive.namelist())
        event = etree.fromstring(archive.read(f"{note.key}-procEventoNFe.xml"))
        voids = [name for name in names if name.endswith("-procInutNFe.xml")]
        assert len(voids) == 1 and voids[0].startswith("ID35")
        voiding = etree.fromstring(archive.read(voids[0]))
    assert len([name for name in names if name.endswith("-procNFe.xml")]) == 2
    validate(event, "procEventoNFe")
    assert event.findtext(".//n:tpEvento", None, NS) == "110111"
    validate(voiding, "ProcInutNFe")
    assert voiding.findtext(".//n:nNFIni", None, NS) == str(skipped)


def test_a_note_authorised_while_its_answer_was_lost_is_kept_with_its_cancellation(
    shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz, tmp_path: Path
) -> None:
    """SEFAZ authorised note 1 but its answer never came; the sale went out as contingency
    note 2, and the sender cancelled note 1 when SEFAZ was back. Note 1 was authorised, so
    its nfeProc is kept for 5 years and goes to the accountant with its cancellation.
    Before, only the event was kept: the archive and the ZIP had no trace of note 1."""
    _, covering = answer_lost(shop, invoicer, sefaz)
    report = invoicer.send_pending()
    assert report is not None and report.authorised == [2] and report.cancelled == [1]
    first = invoicer.storage.get(1, 1)
    assert first is not None and first.status == "cancelled"

    month = shop.clock().astimezone(ZoneInfo("America/Sao_Paulo")).strftime("%Y-%m")
    out = tmp_path / "contador.zip"
    export(shop.station, month, out)
    with zipfile.ZipFile(out) as archive:
        names = set(archive.namelist())
        proc = etree.fromstring(archive.read(f"{first.key}-procNFe.xml"))
    assert names == {
        f"{first.key}-procNFe.xml",
        f"{first.key}-procEventoNFe.xml",
        f"{covering}-procNFe.xml",
    }
    validate(proc, "nfeProc")
    assert proc.findtext(".//n:protNFe/n:infProt/n:cStat", None, NS) == "100"


def test_a_void_the_counter_cannot_do_leaves_the_note_authorised(
    shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz
) -> None:
    """The cashier closed the shift; minutes later a customer brings back a cash sale.
    The void needs an open shift to give the money back, so nothing is cancelled: the
    note stays authorised at SEFAZ and the sale stays sold, with a sentence saying what
    to do. Before, SEFAZ cancelled the note first and the void then refused ('Open the
    shift before selling'): a sale kept with its NFC-e cancelled."""
    sale = shop.sell("dipirona", cash=1_250)
    note = invoicer.issue_for_sale(sale.sale_id)
    assert note is not None and note.record.status == "authorised"
    close_shift(shop.station, shop.cashier_id, MANAGER_PIN, {})

    with pytest.raises(ShiftClosed) as refused:
        cancel_sale(invoicer, sale.sale_id, shop.cashier_id, MANAGER_PIN, REASON)
    assert "abra o turno" in refused.value.message("pt_BR")
    assert "Nothing was cancelled" in refused.value.message("en")
    assert sefaz.state.cancelled == {}
    after = invoicer.note(sale.sale_id)
    assert after is not None and after.record.status == "authorised"
    assert _status(shop, sale.sale_id) == "completed"

    open_shift(shop.station, shop.cashier_id, 0)
    result = cancel_sale(invoicer, sale.sale_id, shop.cashier_id, MANAGER_PIN, REASON)
    assert result.nfce_cancelled and _status(shop, sale.sale_id) == "voided"


def test_a_cancellation_whose_answer_was_lost_is_recognised_when_tried_again(
    shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz
) -> None:
    """SEFAZ registered the cancellation but its answer never came back. Trying again,
    SEFAZ answers 573 (the event is already there): the note is cancelled, so the sale is
    voided. Before, 573 was shown as a refusal at every try and the sale could never be
    voided from Vendas, its note cancelled at SEFAZ and authorised here."""
    sale = shop.sell("dipirona", cash=1_250)
    note = invoicer.issue_for_sale(sale.sale_id)
    assert note is not None and note.record.status == "authorised"
    sefaz.set_mode("timeout_after_authorise", only={"NFeRecepcaoEvento4"})
    with pytest.raises(CancelRefused) as first:
        cancel_sale(invoicer, sale.sale_id, shop.cashier_id, MANAGER_PIN, REASON)
    assert note.record.key in sefaz.state.cancelled  # SEFAZ has it; the answer was lost
    assert "nothing was cancelled" not in first.value.message("en")
    sefaz.set_mode("authorise")

    result = cancel_sale(invoicer, sale.sale_id, shop.cashier_id, MANAGER_PIN, REASON)
    assert result.nfce_cancelled and _status(shop, sale.sale_id) == "voided"
    after = invoicer.storage.get(note.record.series, note.record.number)
    assert after is not None and after.status == "cancelled"
    validate(etree.fromstring(after.proc_xml), "procEventoNFe")  # the event, for the ZIP
    assert after.protocol == note.record.protocol


def test_a_justification_typed_with_a_dash_and_quotes_cancels_the_note(
    shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz
) -> None:
    """The manager types 'Cliente desistiu – “trocou de ideia”' (a dash and quotes a phone
    keyboard or autocorrect writes). The event's xJust takes U+0020-U+00FF only: it goes
    with plain ones and the note is cancelled. Before, the event failed the XSD and the
    sale could not be voided ('XML fora do leiaute oficial no campo ...xJust')."""
    sale = shop.sell("dipirona", cash=1_250)
    note = invoicer.issue_for_sale(sale.sale_id)
    assert note is not None and note.record.status == "authorised"
    reason = "Cliente desistiu – “trocou de ideia”"
    result = cancel_sale(invoicer, sale.sale_id, shop.cashier_id, MANAGER_PIN, reason)
    assert result.nfce_cancelled and _status(shop, sale.sale_id) == "voided"
    after = invoicer.storage.get(note.record.series, note.record.number)
    assert after is not None and after.status == "cancelled"
    xjust = etree.fromstring(after.proc_xml).findtext(".//n:detEvento/n:xJust", None, NS)
    assert xjust == 'Cliente desistiu - "trocou de ideia"'


def test_a_cancellation_whose_answer_was_lost_is_recognised_past_the_limit(
    shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz
) -> None:
    """The answer of a cancellation SEFAZ registered is lost; the cashier is told to try
    again, and does so after the 30 minutes. SEFAZ has the note cancelled: the sale is
    voided with it, and the note is on record as cancelled, with its event for the ZIP.
    Before, the late-void practice applied: 'A NFC-e continua autorizada: o contador
    emite a nota de devolução' for a note SEFAZ had cancelled, kept as authorised here."""
    sale = shop.sell("dipirona", cash=1_250)
    note = invoicer.issue_for_sale(sale.sale_id)
    assert note is not None and note.record.status == "authorised"
    sefaz.set_mode("timeout_after_authorise", only={"NFeRecepcaoEvento4"})
    with pytest.raises(CancelRefused):
        cancel_sale(invoicer, sale.sale_id, shop.cashier_id, MANAGER_PIN, REASON)
    assert note.record.key in sefaz.state.cancelled
    sefaz.set_mode("authorise")
    shop.clock.advance(minutes=31)

    result = cancel_sale(invoicer, sale.sale_id, shop.cashier_id, MANAGER_PIN, REASON)
    assert result.nfce_cancelled and _status(shop, sale.sale_id) == "voided"
    assert result.message_pt == f"NFC-e {note.record.number} cancelada na SEFAZ e venda cancelada."
    after = invoicer.storage.get(note.record.series, note.record.number)
    assert after is not None and after.status == "cancelled"
    validate(etree.fromstring(after.proc_xml), "procEventoNFe")
