"""Gerência > Fiscal, NFS-e: the manager sets up the services' NFS-e with a partner
professional (PIN asked), sees the DPS waiting while the national environment is out,
sends it, and saves the month's ZIP with NFS-e and NFC-e."""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFileDialog, QTableWidgetItem
from pytestqt.qtbot import QtBot

from fiscal import A1Certificate
from fiscal.testing import LocalSefaz, LocalSefin, make_a1_pkcs12
from hardware.emulator.virtual import stop_virtual_printers
from posapp.services.nfse.issuing import NfseIssuer
from posapp.services.nfse.settings import NfseSettings, load_settings, save_settings
from posapp.ui.settings.screen import SettingsScreen
from tests.invoices.conftest import PASSWORD, fill_tax_data, set_up_nfce
from tests.nfse.conftest import PAULA_CPF, sell_salon
from tests.support import MANAGER_PIN, Shop
from tests.ui.settings_support import settle
from tests.ui.ui_support import Pins

MakeShop = Callable[..., Shop]


@pytest.fixture(autouse=True)
def _printers() -> Iterator[None]:
    yield
    stop_virtual_printers()


def test_the_manager_sets_up_nfse_and_sends_what_waited(
    make_shop: MakeShop,
    screens: Callable[..., SettingsScreen],
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shop = make_shop("salon")
    shop.clock.moment = datetime.now(UTC)
    fill_tax_data(shop)
    a1_bytes = make_a1_pkcs12(PASSWORD)
    a1 = A1Certificate.from_pkcs12(a1_bytes, PASSWORD)
    (tmp_path / "sefaz").mkdir()
    (tmp_path / "sefin").mkdir()
    with (
        LocalSefaz(a1.cert_pem(), tmp_path / "sefaz", hang_s=5) as sefaz,
        LocalSefin(a1.cert_pem(), tmp_path / "sefin", hang_s=5) as sefin,
    ):
        set_up_nfce(shop, a1_bytes, sefaz)
        # the environment's address is a homologação-only setting (the tests' local Sefin)
        save_settings(
            shop.station,
            shop.manager_id,
            MANAGER_PIN,
            NfseSettings(sefin_url=sefin.url, sefin_ca_file=sefin.ca_file, timeout_s=1.0),
        )
        screen = screens(shop, 0)
        titles = [screen.tabs.tabText(i) for i in range(screen.tabs.count())]
        screen.tabs.setCurrentIndex(titles.index("Fiscal"))
        settle(screen, qtbot)
        box = screen.fiscal_tab.nfse
        box.enabled.setChecked(True)
        box.im.setText("1234567")
        box.national_code.setText("06.01.01")
        box.iss_rate.setValue(5.0)
        box.partner_salon.setChecked(True)
        qtbot.mouseClick(box.add_partner, Qt.MouseButton.LeftButton)
        who = box.partners.cellWidget(0, 0)
        assert isinstance(who, QComboBox)
        who.setCurrentIndex(who.findText("Paula Manicure"))
        for column, value in enumerate((PAULA_CPF, "60", "Contrato 7", "2026-01-05"), start=1):
            box.partners.setItem(0, column, QTableWidgetItem(value))
        pins = Pins()
        screen.ask_pin = pins
        qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
        settle(screen, qtbot)
        assert pins.asked == ["alterar a configuração da NFS-e"]
        assert screen.message.text() == "Configuração da NFS-e salva"
        saved = load_settings(shop.station)
        assert saved.enabled and saved.national_code == "060101" and saved.iss_rate_bp == 500
        (partner,) = saved.partners
        assert (partner.staff_id, partner.share_bp) == (shop.professional_id, 6000)

        sefin.set_mode("down")
        sale_id = sell_salon(shop, "corte", "shampoo")
        issuer = NfseIssuer(shop.station)
        screen.context.nfse_issuer = issuer
        try:
            issuer.issue_for_sale(sale_id)
            box.refresh()
            settle(screen, qtbot)
            assert "1 aguardando o ambiente nacional" in box.summary.text()
            assert box.list.count() == 1
            assert "aguardando o ambiente nacional" in box.list.item(0).text()

            sefin.set_mode("authorise")
            qtbot.mouseClick(box.send_button, Qt.MouseButton.LeftButton)
            settle(screen, qtbot)
            assert screen.message.text() == "NFS-e autorizadas: 1"
            assert box.list.count() == 0
            assert "1 autorizada(s)" in box.summary.text()

            screen.context.invoicer = None
            out = tmp_path / "contador.zip"
            monkeypatch.setattr(
                QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "ZIP (*.zip)")
            )
            nfse = issuer.note(sale_id)
            assert nfse is not None
            box.month.setText(nfse.issued_at.strftime("%Y-%m"))
            qtbot.mouseClick(box.zip_button, Qt.MouseButton.LeftButton)
            settle(screen, qtbot)
            assert f"{nfse.key}-nfse.xml" in zipfile.ZipFile(out).namelist()
        finally:
            issuer.close()
