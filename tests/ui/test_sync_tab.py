"""Gerência > Sincronização and the status bar's sync line, against the real endpoint."""

from __future__ import annotations

import json
import ssl
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.models import AuditLog, Customer, SyncConflict
from hardware.emulator.virtual import stop_virtual_printers
from posapp.services.sync.client import PulledEvent
from posapp.services.sync.config import load_sync_config
from posapp.services.sync.pull import apply_page
from posapp.ui.settings.screen import SINCRONIZACAO, SettingsScreen
from posapp.ui.shell import Shell
from tests.cloud_fixtures import CloudServer
from tests.support import CASHIER_PIN, Shop
from tests.ui.ui_support import Pins, make_context

MakeShop = Callable[..., Shop]


@pytest.fixture(autouse=True)
def _printers() -> Iterator[None]:
    yield
    stop_virtual_printers()


@pytest.fixture
def screens(qtbot: QtBot) -> Iterator[Callable[..., SettingsScreen]]:
    made: list[SettingsScreen] = []

    def make(shop: Shop) -> SettingsScreen:
        screen = SettingsScreen(make_context(shop))
        qtbot.addWidget(screen)
        screen.resize(1280, 800)
        screen.show()
        qtbot.waitUntil(screen.idle, timeout=15_000)
        screen.tabs.setCurrentIndex(SINCRONIZACAO)
        qtbot.waitUntil(screen.idle, timeout=15_000)
        made.append(screen)
        return screen

    yield make
    for screen in made:
        qtbot.waitUntil(screen.idle, timeout=15_000)
        screen.context.printing.close()


def configure(screen: SettingsScreen, qtbot: QtBot, url: str, token: str) -> None:
    tab = screen.sync_tab
    tab.url.setText(url)
    tab.token.setText(token)
    tab.enabled.setChecked(True)
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(screen.idle, timeout=15_000)


def test_saving_needs_a_manager_keeps_the_token_out_of_sight_and_the_audit(
    make_shop: MakeShop, screens: Callable[..., SettingsScreen], qtbot: QtBot
) -> None:
    shop = make_shop("pharmacy")
    screen = screens(shop)
    tab = screen.sync_tab
    assert screen.tabs.tabText(SINCRONIZACAO) == "Sincronização"
    assert tab.state.text() == "Sincronização: desligada"

    screen.ask_pin = Pins(CASHIER_PIN)
    configure(screen, qtbot, "http://127.0.0.1:1", "segredo-do-terminal")
    assert "gerente" in screen.message.text()
    assert load_sync_config(shop.station).url == ""

    pins = Pins()
    screen.ask_pin = pins
    configure(screen, qtbot, "http://127.0.0.1:1/", "segredo-do-terminal")
    assert pins.asked == ["alterar a sincronização"]
    assert screen.message.text() == "Sincronização salva"
    saved = load_sync_config(shop.station)
    assert (saved.url, saved.token, saved.enabled) == (
        "http://127.0.0.1:1",
        "segredo-do-terminal",
        True,
    )
    assert tab.token.text() == ""  # never shown back
    assert "guardado" in tab.token.placeholderText()

    # Saving again with the token field empty keeps the saved token.
    tab.large_spend.setText("80,00")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(screen.idle, timeout=15_000)
    again = load_sync_config(shop.station)
    assert (again.token, again.large_spend_centavos) == ("segredo-do-terminal", 8_000)
    with shop.station.read() as session:
        details = [
            row.details
            for row in session.scalars(select(AuditLog).where(AuditLog.action == "sync.configure"))
        ]
    assert len(details) == 2
    assert all("segredo-do-terminal" not in text for text in details)

    tab.large_spend.setText("dez reais")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert screen.message.text() == "Valor inválido: dez reais"


def test_sync_now_online_then_offline_and_the_status_bar_says_so(
    make_shop: MakeShop,
    screens: Callable[..., SettingsScreen],
    qtbot: QtBot,
    cloud_server: CloudServer,
) -> None:
    shop = make_shop("pharmacy")
    chain = cloud_server.create_chain("Rede Teste")
    screen = screens(shop)
    screen.ask_pin = Pins()
    configure(screen, qtbot, cloud_server.url, cloud_server.add_terminal(chain, "Caixa 1"))
    tab = screen.sync_tab

    qtbot.mouseClick(tab.now_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(screen.idle, timeout=30_000)
    assert screen.message.text().startswith("Sincronizado: ")
    qtbot.waitUntil(lambda: tab.state.text().startswith("Online · 0 na fila"), timeout=10_000)

    shell = Shell(make_context(shop))
    qtbot.addWidget(shell)
    qtbot.waitUntil(lambda: shell.sync_status.text().startswith("Online · 0 na fila"))
    assert shell.sync_status.property("state") == "ok"

    cloud_server.stop()
    shop.sell("shampoo", customer=shop.enrol("Beatriz Lima", cpf="52998224725"), pix=3_000)
    qtbot.mouseClick(tab.now_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(screen.idle, timeout=30_000)
    assert screen.message.property("role") == "error"
    qtbot.waitUntil(lambda: tab.state.text().startswith("Offline · "), timeout=10_000)
    assert not tab.state.text().startswith("Offline · 0 ")  # the sale waits to be sent
    assert "\nÚltimo erro: " in tab.state.text()
    shell.refresh_sync()
    qtbot.waitUntil(lambda: tab.state.text().startswith(shell.sync_status.text()))
    assert shell.sync_status.property("state") == "error"
    shell.context.printing.close()


def test_a_conflict_is_resolved_with_a_note_and_a_managers_pin(
    make_shop: MakeShop, screens: Callable[..., SettingsScreen], qtbot: QtBot
) -> None:
    shop = make_shop("pharmacy")
    customer = shop.enrol("Beatriz Lima", cpf="52998224725")
    with shop.station.write() as session:
        session.add(
            SyncConflict(
                server_id=None,
                kind="cpf_in_use",
                customer_uuid=customer_uuid(shop, customer),
                amount=0,
                detail=json.dumps({"cpf": "52998224725"}),
                created_at=datetime(2026, 11, 20, 15, 0, tzinfo=UTC),
                status="open",
            )
        )
    screen = screens(shop)
    tab = screen.sync_tab
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=10_000)
    assert not tab.absorb_button.isEnabled()
    tab.table.selectRow(0)
    assert tab.absorb_button.isEnabled() and tab.debit_button.isEnabled()

    pins = Pins()
    screen.ask_pin = pins
    qtbot.mouseClick(tab.debit_button, Qt.MouseButton.LeftButton)  # no note yet
    qtbot.waitUntil(screen.idle, timeout=15_000)
    assert screen.message.property("role") == "error"
    assert tab.model.rowCount() == 1

    tab.note.setText("Mesmo cliente cadastrado nas duas lojas")
    qtbot.mouseClick(tab.debit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(screen.idle, timeout=15_000)
    assert screen.message.text() == "Conflito resolvido"
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0, timeout=10_000)
    with shop.station.read() as session:
        conflict = session.scalars(select(SyncConflict)).one()
    assert (conflict.status, conflict.note) == (
        "resolved",
        "Mesmo cliente cadastrado nas duas lojas",
    )


def customer_uuid(shop: Shop, customer_id: int) -> str:
    with shop.station.read() as session:
        customer = session.get(Customer, customer_id)
        assert customer is not None
        return customer.uuid


def test_the_pinned_ca_file_is_set_in_the_form_and_syncs_with_a_self_hosted_https_endpoint(
    make_shop: MakeShop,
    screens: Callable[..., SettingsScreen],
    qtbot: QtBot,
    tmp_path: Path,
    postgres: Callable[[], str],
) -> None:
    from fiscal.testing.certs import make_server_cert
    from posapp.services.sync.config import SyncConfig, save_sync_config
    from tests.support import MANAGER_PIN

    made = make_server_cert(tmp_path)
    cert, key = made.cert_file, made.key_file
    server = CloudServer(postgres(), tmp_path)
    server.args = ["--certfile", str(cert), "--keyfile", str(key)]
    server.url = server.url.replace("http://", "https://")
    server.verify = ssl.create_default_context(cafile=str(cert))
    shop = make_shop("pharmacy")
    try:
        server.start()
        token = server.add_terminal(server.create_chain("Rede"), "Caixa 1")
        # Set from the command line first: the field shows it and a save keeps it.
        pinned = SyncConfig(server.url, token, True, ca_file=str(cert))
        save_sync_config(shop.station, pinned, staff_id=None, manager_pin=MANAGER_PIN)
        screen = screens(shop)
        tab = screen.sync_tab
        screen.ask_pin = Pins()
        assert tab.ca_file.text() == str(cert)
        tab.large_spend.setText("70,00")
        qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(screen.idle, timeout=15_000)
        saved = load_sync_config(shop.station)
        assert (saved.large_spend_centavos, saved.ca_file) == (7_000, str(cert))

        # Emptied, the system's CAs do not know the self-signed endpoint.
        tab.ca_file.clear()
        qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(screen.idle, timeout=15_000)
        assert load_sync_config(shop.station).ca_file == ""
        qtbot.mouseClick(tab.now_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(screen.idle, timeout=30_000)
        assert screen.message.property("role") == "error"
        assert "certificado do servidor" in screen.message.text()

        # A file that is not a certificate is refused in words and nothing changes.
        not_pem = tmp_path / "nota.txt"
        not_pem.write_text("não é um certificado")
        tab.ca_file.setText(str(not_pem))
        qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(screen.idle, timeout=15_000)
        assert screen.message.property("role") == "error"
        assert "Arquivo de certificado (CA) inválido" in screen.message.text()
        assert load_sync_config(shop.station).ca_file == ""

        # Pinned in the form, the same endpoint syncs.
        tab.ca_file.setText(f"  {cert}  ")
        qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(screen.idle, timeout=15_000)
        assert screen.message.text() == "Sincronização salva"
        assert load_sync_config(shop.station).ca_file == str(cert)
        qtbot.mouseClick(tab.now_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(screen.idle, timeout=30_000)
        assert screen.message.text().startswith("Sincronizado: "), screen.message.text()
    finally:
        server.close()


def test_a_customers_request_to_be_forgotten_is_anonymized_from_the_list_with_a_pin(
    make_shop: MakeShop, screens: Callable[..., SettingsScreen], qtbot: QtBot
) -> None:
    shop = make_shop("pharmacy")
    customer = shop.enrol("Beatriz Lima", cpf="52998224725")
    asked = PulledEvent(
        7,
        "00000000-0000-4000-8000-000000000007",
        "customer.forget_requested",
        "2026-11-20T15:00:00+00:00",
        None,
        None,
        {"customer": customer_uuid(shop, customer)},
    )
    apply_page(shop.station, [asked], 7)
    screen = screens(shop)
    tab = screen.sync_tab
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=10_000)
    assert tab.model.index(0, 1).data() == "Cliente pediu para ser esquecido (LGPD)"
    assert tab.model.index(0, 2).data() == "Beatriz Lima"
    tab.table.selectRow(0)
    assert tab.forget_button.isEnabled() and tab.dismiss_button.isEnabled()
    assert not tab.absorb_button.isEnabled() and not tab.debit_button.isEnabled()

    screen.ask_pin = Pins()
    qtbot.mouseClick(tab.forget_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(screen.idle, timeout=15_000)

    assert screen.message.text() == "Conflito resolvido"
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0, timeout=10_000)
    with shop.station.read() as session:
        anonymized = session.get(Customer, customer)
        assert anonymized is not None
        assert (anonymized.name, anonymized.cpf) == ("Cliente anonimizado", None)
        conflict = session.scalars(select(SyncConflict)).one()
    assert (conflict.status, conflict.resolution) == ("resolved", "anonymized")
