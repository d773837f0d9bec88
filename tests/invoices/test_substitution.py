"""A sale left with two authorised NFC-e: the normal note SEFAZ authorised while its
answer was lost, and the contingency note the counter issued for the same sale. Past
the cancellation window (110111 refused, 501), the normal note is cancelled by
substitution (110112, NT 2018.004), naming the contingency note that covers the sale."""

from __future__ import annotations

import zipfile
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from lxml import etree

from fiscal.contingency import cancellation_refused
from fiscal.schemas import validate
from fiscal.testing import LocalSefaz
from posapp.services.invoices.archive import export, fiscal_status
from posapp.services.invoices.issuing import Invoicer
from tests.invoices.conftest import answer_lost, set_up_nfce
from tests.support import Shop

NS = {"n": "http://www.portalfiscal.inf.br/nfe"}
LATE = "Rejeição: Prazo de Cancelamento superior ao previsto na Legislação"


def still_authorised(sefaz: LocalSefaz, *keys: str) -> list[str]:
    """The keys SEFAZ holds as authorised and not cancelled."""
    return [k for k in keys if k in sefaz.state.authorised and k not in sefaz.state.cancelled]


def month_of(shop: Shop) -> str:
    return shop.clock().astimezone(ZoneInfo("America/Sao_Paulo")).strftime("%Y-%m")


def test_refused_as_too_late_the_note_is_cancelled_by_substitution(
    shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz, tmp_path: Path
) -> None:
    """SEFAZ is back 20 minutes later, in a state that cut the cancellation window to 15
    minutes: the cancellation (110111) is refused, 501. The note is then cancelled by
    substitution (110112) naming contingency note 2: the sale has one authorised note,
    the manager has nothing left to do and the accountant's ZIP has the event. Before,
    the sale kept two authorised notes and the manager was told to take both to the
    accountant."""
    original, substitute = answer_lost(shop, invoicer, sefaz)
    sefaz.cancel_window = timedelta(minutes=15)
    shop.clock.advance(minutes=20)
    report = invoicer.send_pending()
    assert report is not None and report.done
    assert report.authorised == [2] and report.cancelled == [1] and report.rejected == []
    assert sefaz.state.events == ["110111", "110112"]  # 110111 refused 501, then 110112
    assert still_authorised(sefaz, original, substitute) == [substitute]

    first = invoicer.storage.get(1, 1)
    assert first is not None and first.status == "cancelled" and first.cstat == 135
    status = fiscal_status(shop.station, shop.clock())
    assert status.waiting == [] and status.counts == {"authorised": 1, "cancelled": 1}

    out = tmp_path / "contador.zip"
    export(shop.station, month_of(shop), out)
    with zipfile.ZipFile(out) as archive:
        names = set(archive.namelist())
        event = etree.fromstring(archive.read(f"{original}-procEventoNFe.xml"))
    assert names == {
        f"{original}-procNFe.xml",
        f"{original}-procEventoNFe.xml",
        f"{substitute}-procNFe.xml",
    }
    validate(event, "procEventoNFeGenerico")
    assert event.findtext("n:evento/n:infEvento/n:tpEvento", None, NS) == "110112"
    assert event.findtext(".//n:detEvento/n:chNFeRef", None, NS) == substitute
    assert event.findtext("n:retEvento/n:infEvento/n:cStat", None, NS) == "135"

    again = invoicer.send_pending()
    assert again is not None and again.done and len(sefaz.state.events) == 2


def test_an_hour_later_the_note_past_the_window_goes_straight_to_substitution(
    shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz
) -> None:
    """SEFAZ is back an hour later: the note is past the 30 minutes, a 110111 would only
    be refused (and a refused request repeated is what SEFAZ blocks, 656). The 110112 is
    the one event sent."""
    original, substitute = answer_lost(shop, invoicer, sefaz)
    sefaz.cancel_window = timedelta(minutes=30)
    shop.clock.advance(hours=1)
    report = invoicer.send_pending()
    assert report is not None and report.done
    assert report.authorised == [2] and report.cancelled == [1]
    assert sefaz.state.events == ["110112"]
    assert still_authorised(sefaz, original, substitute) == [substitute]
    first = invoicer.storage.get(1, 1)
    assert first is not None and first.status == "cancelled"
    tp_evento = etree.fromstring(first.proc_xml).findtext(".//n:tpEvento", None, NS)
    assert tp_evento == "110112"


def test_past_168_hours_no_substitution_is_sent_and_the_manager_sees_both_notes(
    shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz
) -> None:
    """SEFAZ is back after more than 168 hours (a long outage): a cancellation by
    substitution is no longer taken. The cancellation is tried as before, refused (501),
    and the manager sees the sale's two notes, to take them to the accountant."""
    original, substitute = answer_lost(shop, invoicer, sefaz)
    sefaz.cancel_window = timedelta(minutes=30)
    shop.clock.advance(hours=169)
    report = invoicer.send_pending()
    assert report is not None and report.authorised == [2] and report.rejected == [1]
    assert sefaz.state.events == ["110111"]  # refused, 501; no 110112
    assert still_authorised(sefaz, original, substitute) == [original, substitute]
    (waiting,) = fiscal_status(shop.station, shop.clock()).waiting
    assert (waiting.number, waiting.cstat, waiting.reason) == (1, 501, LATE)
    assert cancellation_refused(waiting) and waiting.replaced_by == 2


def test_a_refused_substitution_is_not_sent_again(
    shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz
) -> None:
    """SEFAZ refuses the cancellation by substitution: the refusal is the manager's, with
    its cStat, and the same event is not sent again at every round (656)."""
    original, substitute = answer_lost(shop, invoicer, sefaz)
    shop.clock.advance(hours=1)
    sefaz.set_mode("reject", 501, LATE, only={"NFeRecepcaoEvento4"})
    report = invoicer.send_pending()
    assert report is not None and report.authorised == [2] and report.rejected == [1]
    assert sefaz.state.events == ["110112"]
    for _ in range(2):
        again = invoicer.send_pending()
        assert again is not None and again.done and again.rejected == []
    assert sefaz.state.events == ["110112"]
    assert sefaz.state.requests.count("NFeConsultaProtocolo4") == 1
    (waiting,) = fiscal_status(shop.station, shop.clock()).waiting
    assert waiting.cstat == 501 and cancellation_refused(waiting)
    assert still_authorised(sefaz, original, substitute) == [original, substitute]


def test_a_lost_substitution_answer_is_recognised_on_the_next_round(
    shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz, tmp_path: Path
) -> None:
    """SEFAZ registers the 110112 but its answer is lost. At the next round the note's
    situation says cancelled, with the event: it is kept for the ZIP, nothing is sent
    again."""
    original, substitute = answer_lost(shop, invoicer, sefaz)
    shop.clock.advance(hours=1)
    sefaz.set_mode("timeout_after_authorise", only={"NFeRecepcaoEvento4"})
    first = invoicer.send_pending()
    assert first is not None and not first.done and first.authorised == [2]
    assert original in sefaz.state.cancelled
    sefaz.set_mode("authorise")
    second = invoicer.send_pending()
    assert second is not None and second.done and second.cancelled == [1]
    assert sefaz.state.events == ["110112"]  # recognised, not sent again
    note = invoicer.storage.get(1, 1)
    assert note is not None and note.status == "cancelled"
    out = tmp_path / "contador.zip"
    export(shop.station, month_of(shop), out)
    with zipfile.ZipFile(out) as archive:
        event = etree.fromstring(archive.read(f"{original}-procEventoNFe.xml"))
    assert event.findtext(".//n:detEvento/n:chNFeRef", None, NS) == substitute


def test_past_the_stores_cancellation_limit_only_the_substitution_is_sent(
    shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz, a1_bytes: bytes
) -> None:
    """The store's state cut the cancellation limit to 15 minutes and Gerência > Fiscal
    says so. SEFAZ is back 20 minutes later: the 110111 SEFAZ would refuse is not sent,
    the 110112 is."""
    set_up_nfce(shop, a1_bytes, sefaz, cancel_limit_min=15)
    original, substitute = answer_lost(shop, invoicer, sefaz)
    sefaz.cancel_window = timedelta(minutes=15)
    shop.clock.advance(minutes=20)
    report = invoicer.send_pending()
    assert report is not None and report.done and report.cancelled == [1]
    assert sefaz.state.events == ["110112"]
    assert still_authorised(sefaz, original, substitute) == [substitute]
