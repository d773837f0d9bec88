"""Audit of cancellation by substitution (a46c19a, 2c6e8f2): cases its own tests did not
cover, through the Invoicer and our SEFAZ."""

from __future__ import annotations

from fiscal.contingency import cancellation_refused
from fiscal.testing import LocalSefaz
from posapp.services.invoices.archive import fiscal_status
from posapp.services.invoices.fixes import resend_missing_tech
from posapp.services.invoices.issuing import Invoicer
from posapp.services.invoices.settings import load_settings, save_settings
from tests.invoices.conftest import answer_lost
from tests.invoices.test_substitution import still_authorised
from tests.invoices.test_tech_responsible import with_tech
from tests.support import MANAGER_PIN, Shop


def test_a_substitute_refused_then_corrected_still_cancels_the_note_by_substitution(
    shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz
) -> None:
    """SEFAZ authorised note 1 while its answer was lost; when it is back an hour later it
    refuses contingency note 2, the one covering the sale (972: the UF now requires the
    responsável técnico). Note 1 is past the cancellation window: a 110111 would only be
    refused (501) and, refused, never asked again, leaving the sale with two authorised
    notes once note 2 is corrected. Note 1 waits for its substitute instead: once the
    manager fills the responsável técnico and note 2 is authorised, the next round cancels
    note 1 by substitution."""
    original, substitute = answer_lost(shop, invoicer, sefaz)
    sefaz.resp_tec_ufs = frozenset({35})
    shop.clock.advance(hours=1)
    report = invoicer.send_pending()
    assert report is not None and report.rejected[:1] == [2]
    assert sefaz.state.events == []  # no 110111 sent for SEFAZ to refuse
    first = invoicer.storage.get(1, 1)
    assert first is not None and not cancellation_refused(first)
    queries = sefaz.state.requests.count("NFeConsultaProtocolo4")
    waiting = invoicer.send_pending()  # a round while note 2 waits: nothing asked again
    assert waiting is not None and sefaz.state.events == []
    assert sefaz.state.requests.count("NFeConsultaProtocolo4") == queries

    station, manager = shop.station, shop.manager_id
    save_settings(station, manager, MANAGER_PIN, with_tech(load_settings(station)))
    (fixed,) = resend_missing_tech(invoicer, manager, MANAGER_PIN)
    assert fixed.status == "authorised" and fixed.key == substitute  # same key: dhEmi, cNF

    shop.clock.advance(minutes=10)
    again = invoicer.send_pending()
    assert again is not None and again.done and again.cancelled == [1]
    assert sefaz.state.events == ["110112"]
    assert still_authorised(sefaz, original, substitute) == [substitute]
    assert fiscal_status(shop.station, shop.clock()).waiting == []
