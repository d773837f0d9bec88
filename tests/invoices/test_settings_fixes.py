"""The fiscal set-up: a manager's, audited, the A1 sealed at rest; rejections and their fixes."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import AuditLog, Item, NfceNote
from fiscal.contingency import cancellation_refused
from fiscal.testing import LocalSefaz, make_a1_pkcs12
from posapp.cli import main
from posapp.core.errors import NotAuthorized
from posapp.services.common.station import open_station
from posapp.services.invoices import vault
from posapp.services.invoices.archive import fiscal_status
from posapp.services.invoices.fixes import NotRejected, resend_corrected, void_rejected
from posapp.services.invoices.issuing import Invoicer
from posapp.services.invoices.settings import (
    FiscalNotReady,
    FiscalSettings,
    InvalidFiscalSetting,
    certificate_status,
    load_certificate,
    load_settings,
    read_secrets,
    save_settings,
)
from tests.invoices.conftest import CSC_TOKEN, PASSWORD, STORE
from tests.support import MANAGER_PIN, Shop


def test_the_a1_and_csc_are_sealed_at_rest_and_unreadable_on_another_computer(
    shop: Shop, invoicer: Invoicer, a1_bytes: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = shop.station.path.read_bytes() + Path(f"{shop.station.path}-wal").read_bytes()
    for secret in (a1_bytes[-64:], PASSWORD.encode(), CSC_TOKEN.encode()):
        assert secret not in raw
    assert vault.key_path().stat().st_mode & 0o077 == 0  # the key: owner only

    copy = tmp_path / "copia.sqlite"
    with sqlite3.connect(shop.station.path) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    monkeypatch.setenv("POSAPP_CONFIG_DIR", str(tmp_path / "outro-pc"))
    other = open_station(copy)
    try:
        with other.read() as session, pytest.raises(vault.SecretUnreadable) as refused:
            read_secrets(session)
        assert "Carregue o certificado e o CSC de novo" in refused.value.message("pt_BR")
    finally:
        other.close()


def test_every_change_needs_a_manager_pin_and_is_audited(shop: Shop, a1_bytes: bytes) -> None:
    station = shop.station
    with pytest.raises(NotAuthorized):
        load_certificate(station, shop.cashier_id, "1111", a1_bytes, PASSWORD)
    with pytest.raises(InvalidFiscalSetting) as bad_password:
        load_certificate(station, shop.manager_id, MANAGER_PIN, a1_bytes, "errada")
    assert "senha errada" in bad_password.value.message("pt_BR")
    with pytest.raises(FiscalNotReady) as not_ready:  # on without A1: refused
        save_settings(station, shop.manager_id, MANAGER_PIN, STORE)
    assert "certificado A1" in not_ready.value.message("pt_BR")
    with pytest.raises(InvalidFiscalSetting) as bad_city:
        save_settings(
            station,
            shop.manager_id,
            MANAGER_PIN,
            dataclasses.replace(STORE, enabled=False, city_code="3304557"),  # Rio, not SP
        )
    assert "cMun" in bad_city.value.message("pt_BR")
    saved = save_settings(
        station, shop.manager_id, MANAGER_PIN, dataclasses.replace(STORE, enabled=False)
    )
    assert saved.cnpj == "12345678000195" and load_settings(station) == saved
    with station.read() as session:
        rows = session.scalars(select(AuditLog).where(AuditLog.action.like("fiscal.%"))).all()
    assert [(r.action, r.authorized_by_id) for r in rows] == [("fiscal.settings", shop.manager_id)]
    assert json.loads(rows[0].details)["changed"]["cnpj"] == ["", "12345678000195"]


def test_the_certificate_expiry_is_warned_30_days_ahead(shop: Shop) -> None:
    station = shop.station
    assert certificate_status(station) is None
    soon = make_a1_pkcs12(PASSWORD, days=20)
    status = load_certificate(station, shop.manager_id, MANAGER_PIN, soon, PASSWORD)
    assert status.warn and not status.expired and status.days_left in (18, 19, 20)
    assert "vence em" in status.message("pt_BR") and "renove" in status.message("pt_BR")
    later = make_a1_pkcs12(PASSWORD, days=365)
    status = load_certificate(station, shop.manager_id, MANAGER_PIN, later, PASSWORD)
    assert not status.warn and "válido até" in status.message("pt_BR")
    shop.clock.advance(days=366)
    found = certificate_status(station)
    assert found is not None and found.expired and "VENCIDO" in found.message("pt_BR")
    assert found.not_after < shop.clock() - timedelta(hours=1)


def test_a_rejection_is_corrected_and_resent_under_the_same_number(
    shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz
) -> None:
    sefaz.set_mode("reject", 778, "Rejeição: Informado NCM inexistente")
    sale = shop.sell("shampoo", cash=3_000)
    note = invoicer.issue_for_sale(sale.sale_id)
    assert note is not None and note.record.status == "rejected"
    assert (note.record.cstat, note.record.reason) == (778, "Rejeição: Informado NCM inexistente")
    assert invoicer.issue_for_sale(sale.sale_id) == note  # no second number for the sale

    with shop.station.write() as session:  # the manager fixes the item's NCM
        item = session.get(Item, shop.items["shampoo"])
        assert item is not None
        item.ncm = "33059000"
    sefaz.set_mode("authorise")
    with pytest.raises(NotAuthorized):
        resend_corrected(invoicer, 1, note.record.number, shop.cashier_id, "1111")
    fixed = resend_corrected(invoicer, 1, note.record.number, shop.cashier_id, MANAGER_PIN)
    assert fixed.status == "authorised" and fixed.number == note.record.number
    assert b"<NCM>33059000</NCM>" in fixed.proc_xml
    with pytest.raises(NotRejected):
        void_rejected(invoicer, 1, fixed.number, shop.cashier_id, MANAGER_PIN)


def test_a_rejected_number_is_voided_and_the_sale_gets_a_new_note(
    shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz
) -> None:
    sefaz.set_mode("reject", 999, "Rejeição: teste")
    sale = shop.sell("dipirona", cash=1_250)
    rejected = invoicer.issue_for_sale(sale.sale_id)
    assert rejected is not None and rejected.record.status == "rejected"
    sefaz.set_mode("authorise")
    report = void_rejected(invoicer, 1, rejected.record.number, shop.cashier_id, MANAGER_PIN)
    assert report.voided == [1] and (1, 1) in sefaz.state.voided
    invoicer.send_pending()
    note = invoicer.note(sale.sale_id)
    assert note is not None and note.record.status == "authorised" and note.record.number == 2
    with shop.station.read() as session:
        actions = set(session.scalars(select(AuditLog.action)))
        statuses = dict(session.execute(select(NfceNote.number, NfceNote.status)).all())
    assert "fiscal.void_number" in actions
    assert statuses == {1: "voided", 2: "authorised"}


def test_a_lost_answer_voids_or_cancels_the_first_number_and_numbers_have_no_gap(
    shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz
) -> None:
    sefaz.set_mode("timeout")
    first = shop.sell("dipirona", cash=1_250)
    note = invoicer.issue_for_sale(first.sale_id)
    assert note is not None and note.contingency and note.record.number == 2
    sefaz.set_mode("authorise")
    second = shop.sell("shampoo", cash=3_000)
    invoicer.issue_for_sale(second.sale_id)
    report = invoicer.send_pending()
    assert report is not None and report.done
    with shop.station.read() as session:
        rows = session.execute(
            select(NfceNote.number, NfceNote.status, NfceNote.sale_id).order_by(NfceNote.number)
        ).all()
    assert [tuple(r) for r in rows] == [
        (1, "voided", first.sale_id),
        (2, "authorised", first.sale_id),
        (3, "authorised", second.sale_id),
    ]


def test_the_database_never_loses_a_fiscal_note(shop: Shop, invoicer: Invoicer) -> None:
    sale = shop.sell("dipirona", cash=1_250)
    invoicer.issue_for_sale(sale.sale_id)
    with sqlite3.connect(shop.station.path) as raw, pytest.raises(sqlite3.IntegrityError):
        raw.execute("DELETE FROM nfce_note")


def test_settings_refuse_a_local_sefaz_in_producao() -> None:
    from posapp.services.invoices.settings import validate

    with pytest.raises(InvalidFiscalSetting) as refused:
        validate(
            FiscalSettings(
                **{**STORE.__dict__, "environment": 1, "sefaz_url": "https://127.0.0.1:9"}
            )
        )
    assert "homologação" in refused.value.message("pt_BR")


def test_a_cancellation_sefaz_refuses_is_not_asked_again_and_the_manager_sees_why(
    shop: Shop, invoicer: Invoicer, sefaz: LocalSefaz, capsys: pytest.CaptureFixture[str]
) -> None:
    """Note 1's answer was lost though SEFAZ authorised it; the sale went out as
    contingency note 2. When SEFAZ is back, too late to cancel note 1 (501), the sale has
    two authorised notes: the manager sees it, with what to do, and the refused
    cancellation is not sent again at every round (SEFAZ blocks an issuer repeating a
    refused request, 656). Before, the sender queried and asked again every minute, and
    the Fiscal tab said 'sem resposta da SEFAZ; será consultada', 'automático'."""
    sefaz.set_mode("timeout_after_authorise")
    sale = shop.sell("dipirona", cash=1_250)
    covering = invoicer.issue_for_sale(sale.sale_id)
    assert covering is not None and covering.record.number == 2
    late = "Rejeição: Prazo de Cancelamento superior ao previsto na Legislação"
    sefaz.set_mode("reject", 501, late, only={"NFeRecepcaoEvento4"})
    report = invoicer.send_pending()
    assert report is not None and report.authorised == [2] and report.rejected == [1]

    requests = len(sefaz.state.client_subjects)
    again = invoicer.send_pending()
    assert again is not None and again.done and again.rejected == []
    assert len(sefaz.state.client_subjects) == requests  # nothing sent again
    (waiting,) = fiscal_status(shop.station, shop.clock()).waiting
    assert (waiting.number, waiting.cstat, waiting.reason) == (1, 501, late)
    assert cancellation_refused(waiting) and waiting.replaced_by == 2
    assert sefaz.authorisation_count(waiting.key) == 1  # still authorised at SEFAZ
    invoicer.close()
    assert main(["nfce", "status", "--db", str(shop.station.path)]) == 0
    assert f"nº 1 série 1: unanswered — 501 {late}" in capsys.readouterr().out
