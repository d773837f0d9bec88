"""Gerência > Pagamentos on a real shop: Pix and PSP settings saved with a manager's PIN
(the secret never shown back), a Pix that arrived after the cashier gave up found and
returned once through the local PSP."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPushButton, QTableWidgetItem
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.models import AuditLog, Sale
from hardware.emulator.virtual import stop_virtual_printers
from payments.testing.psp_server import PspServer
from posapp.services.payments.dynamic_pix import DynamicPix
from posapp.services.payments.sale_pix_refund import return_now
from posapp.services.payments.settings import load_payment_settings
from posapp.services.sales import refunds
from posapp.ui.settings.screen import SettingsScreen
from tests.payments.conftest import STORE_KEY, psp, psp_certificates  # noqa: F401
from tests.services.payments_support import configure_pix, pix_sale
from tests.support import CASHIER_PIN, MANAGER_PIN, Shop
from tests.ui.settings_support import click, settle
from tests.ui.ui_support import Pins

MakeShop = Callable[..., Shop]


@pytest.fixture(autouse=True)
def _printers() -> Iterator[None]:
    yield
    stop_virtual_printers()


def open_tab(screens: Callable[..., SettingsScreen], shop: Shop) -> SettingsScreen:
    screen = screens(shop, 0)
    index = next(i for i in range(screen.tabs.count()) if screen.tabs.tabText(i) == "Pagamentos")
    screen.tabs.setCurrentIndex(index)
    return screen


def test_pix_and_psp_settings_need_a_manager_and_the_secret_stays_out_of_sight(
    make_shop: MakeShop,
    screens: Callable[..., SettingsScreen],
    qtbot: QtBot,
    psp: PspServer,  # noqa: F811
) -> None:
    shop = make_shop()
    screen = open_tab(screens, shop)
    tab = screen.payments_tab
    tab.key.setText(STORE_KEY)
    tab.merchant.setText("Salão de Beleza Pura e Bela Ltda")  # 31 characters
    tab.city.setText("São Paulo")
    screen.ask_pin = Pins()
    click(tab.save_button, qtbot, screen)
    assert screen.message.text().startswith("Nome")
    assert "25" in screen.message.text()
    assert load_payment_settings(shop.station).pix_key == ""

    tab.merchant.setText("Salão Beleza Pura")
    tab.base_url.setText(psp.base_url)
    tab.token_url.setText(psp.token_url)
    tab.client_id.setText(psp.client_id)
    tab.secret.setText(psp.client_secret)
    tab.cert_file.setText(str(psp.certificates.client_cert))
    tab.key_file.setText(str(psp.certificates.client_key))
    tab.ca_file.setText(str(psp.certificates.ca_cert))
    tab.ask_cards.setChecked(True)
    qtbot.mouseClick(tab.add_acquirer, Qt.MouseButton.LeftButton)
    tab.acquirers.setItem(0, 0, QTableWidgetItem("Cielo"))
    tab.acquirers.setItem(0, 1, QTableWidgetItem("01.027.058/0001-91"))
    screen.ask_pin = Pins(CASHIER_PIN)
    click(tab.save_button, qtbot, screen)
    assert "gerente" in screen.message.text()
    assert load_payment_settings(shop.station).pix_key == ""

    pins = Pins()
    screen.ask_pin = pins
    click(tab.save_button, qtbot, screen)
    assert pins.asked == ["configurar pagamentos"]
    assert screen.message.text() == "Pagamentos salvos"
    assert tab.secret.text() == "" and tab.secret.placeholderText().startswith("(guardado")
    stored = load_payment_settings(shop.station)
    assert stored.dynamic_ready and stored.psp_client_secret == psp.client_secret
    assert stored.acquirers == (("CIELO", "01027058000191"),) and stored.ask_card_details
    with shop.station.read() as session:
        row = session.scalars(select(AuditLog).where(AuditLog.action == "payments.configure")).one()
    assert psp.client_secret not in row.details
    assert json.loads(row.details)["merchant_name"] == "Salão Beleza Pura"


def test_a_pix_paid_after_the_cashier_gave_up_is_found_and_returned_once(
    make_shop: MakeShop,
    screens: Callable[..., SettingsScreen],
    qtbot: QtBot,
    psp: PspServer,  # noqa: F811
) -> None:
    shop = make_shop()
    configure_pix(shop, psp)
    with DynamicPix.open(shop.station, poll_interval_s=0.05) as pix:
        pending = pix.start(3_500, shop.cashier_id)
        pix.give_up(pending)
    psp.pay_late(pending.txid)
    screen = open_tab(screens, shop)
    tab = screen.payments_tab
    assert tab.model.rowCount() == 0
    click(tab.check_button, qtbot, screen)
    assert screen.message.text() == (
        "Pix verificados: 0 cobrança(s) retomada(s), 1 Pix a devolver."
    )
    assert tab.model.rowCount() == 1
    assert tab.model.text(tab.model.row_at(0), 2) == "A devolver"
    assert tab.model.text(tab.model.row_at(0), 1) == "R$ 35,00"
    tab.table.selectRow(0)
    assert tab.refund_button.isEnabled()
    pins = Pins()
    screen.ask_pin = pins
    click(tab.refund_button, qtbot, screen)
    assert pins.asked == ["devolver o Pix de R$ 35,00"]
    assert screen.message.text() == "Pix de R$ 35,00 devolvido"
    e2eid = tab.model.row_at(0).end_to_end_id
    assert tab.model.text(tab.model.row_at(0), 2) == "Devolvido"
    tab.table.selectRow(0)
    assert not tab.refund_button.isEnabled()
    assert len(psp.refunds_of(e2eid)) == 1


def test_a_devolucao_the_bank_has_not_confirmed_says_so_until_it_has(
    make_shop: MakeShop,
    screens: Callable[..., SettingsScreen],
    qtbot: QtBot,
    psp: PspServer,  # noqa: F811
) -> None:
    """A devolução the PSP took EM_PROCESSAMENTO reads "Devolução em processamento" (it
    read "Devolvido" at once, and one the SPI then did not carry out came back to return),
    and "Devolvido" once the 15-minute check hears it was settled."""
    shop = make_shop()
    configure_pix(shop, psp)
    with DynamicPix.open(shop.station, poll_interval_s=0.05) as pix:
        pending = pix.start(3_500, shop.cashier_id)
        pix.give_up(pending)
    psp.pay_late(pending.txid)
    psp.refund_status = "EM_PROCESSAMENTO"
    screen = open_tab(screens, shop)
    tab = screen.payments_tab
    click(tab.check_button, qtbot, screen)
    tab.table.selectRow(0)
    screen.ask_pin = Pins()
    click(tab.refund_button, qtbot, screen)
    assert tab.model.text(tab.model.row_at(0), 2) == "Devolução em processamento"
    e2eid = tab.model.row_at(0).end_to_end_id
    psp.settle_refund(e2eid, psp.refunds_of(e2eid)[0]["id"], "DEVOLVIDO")
    click(tab.check_button, qtbot, screen)
    assert tab.model.text(tab.model.row_at(0), 2) == "Devolvido"


def test_a_certificate_file_is_chosen_with_the_systems_file_chooser(
    make_shop: MakeShop,
    screens: Callable[..., SettingsScreen],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[tuple[str, str]] = []

    def chooser(parent: object, caption: str, start: str, file_filter: str) -> tuple[str, str]:
        asked.append((caption, start))
        return ("/etc/psp/cliente.pem", "")

    monkeypatch.setattr(QFileDialog, "getOpenFileName", chooser)
    tab = open_tab(screens, make_shop()).payments_tab
    tab.cert_file.setText("/etc/psp")
    choose = tab.findChild(QPushButton, "pspCertFileChoose")
    assert choose is not None and choose.text() == "Procurar…"
    qtbot.mouseClick(choose, Qt.MouseButton.LeftButton)
    assert asked == [("Arquivo PEM", "/etc/psp")]
    assert tab.cert_file.text() == "/etc/psp/cliente.pem" and tab.key_file.text() == ""


def test_a_sales_pix_the_bank_did_not_return_is_listed_until_returned_another_way(
    make_shop: MakeShop,
    screens: Callable[..., SettingsScreen],
    qtbot: QtBot,
    psp: PspServer,  # noqa: F811
) -> None:
    """A void's Pix the bank did not carry out was said once on the status bar; nothing
    in Gerência kept the customer's R$ 80,00 in sight."""
    shop = make_shop()
    configure_pix(shop, psp)
    sale_id, _ = pix_sale(shop, psp, "corte")
    psp.refund_status = "NAO_REALIZADO"
    voided = refunds.void(shop.station, sale_id, shop.cashier_id, MANAGER_PIN, "desistiu")
    return_now(shop.station, voided.refund_id)
    with shop.station.read() as session:
        number = session.get_one(Sale, sale_id).number

    screen = open_tab(screens, shop)
    settle(screen, qtbot)
    tab = screen.payments_tab
    assert tab.owed_model.rowCount() == 1
    row = tab.owed_model.row_at(0)
    shown = [tab.owed_model.text(row, column) for column in range(5)]
    assert shown[:3] == [str(number), "R$ 80,00", "A devolver"]
    assert "Conta do pagador encerrada" in (shown[4] or "")
    assert not tab.another_way_button.isEnabled()
    tab.owed_table.selectRow(0)
    assert tab.another_way_button.isEnabled()

    screen.ask_pin = Pins(CASHIER_PIN)
    click(tab.another_way_button, qtbot, screen)
    assert screen.message.text() == "PIN de gerente incorreto: registrar devolução."
    assert tab.owed_model.text(tab.owed_model.row_at(0), 2) == "A devolver"

    pins = Pins()
    screen.ask_pin = pins
    click(tab.another_way_button, qtbot, screen)
    assert pins.asked == [
        f"registrar que os R$ 80,00 da venda {number} foram devolvidos por outro meio"
    ]
    assert screen.message.text() == f"Devolução de R$ 80,00 da venda {number} registrada"
    assert tab.owed_model.text(tab.owed_model.row_at(0), 2) == "Devolvido por outro meio"
    tab.owed_table.selectRow(0)
    assert not tab.another_way_button.isEnabled()
