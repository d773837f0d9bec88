"""Gerência > Fiscal: set-up with the manager's PIN, the A1's expiry, a rejection's fix path."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel
from pytestqt.qtbot import QtBot

from db.models import Item
from fiscal import A1Certificate
from fiscal.testing import LocalSefaz, make_a1_pkcs12
from hardware.emulator.virtual import stop_virtual_printers
from posapp.services.invoices.issuing import Invoicer
from posapp.services.invoices.settings import load_settings
from posapp.services.sales.checkout import CheckoutRequest, LineRequest, checkout
from posapp.ui.settings.screen import SettingsScreen
from tests.invoices.conftest import CSC_TOKEN, PASSWORD, STORE, fill_tax_data
from tests.support import CASHIER_PIN, MANAGER_PIN, Shop
from tests.ui.settings_support import settle
from tests.ui.ui_support import Pins

MakeShop = Callable[..., Shop]


@pytest.fixture(autouse=True)
def _printers() -> Iterator[None]:
    yield
    stop_virtual_printers()


def test_the_manager_sets_up_nfce_and_sees_the_expiry_and_a_rejection_fix_path(
    make_shop: MakeShop,
    screens: Callable[..., SettingsScreen],
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    shop = make_shop("pharmacy")
    shop.clock.moment = datetime.now(UTC)  # the A1 made now ends in 20 days
    fill_tax_data(shop)
    screen = screens(shop, 0)
    titles = [screen.tabs.tabText(i) for i in range(screen.tabs.count())]
    assert "Fiscal" in titles
    fiscal = titles.index("Fiscal")
    screen.tabs.setCurrentIndex(fiscal)
    tab = screen.fiscal_tab
    assert tab.cert_state.text() == "Nenhum certificado A1 carregado."

    pfx = tmp_path / "loja.pfx"
    pfx.write_bytes(make_a1_pkcs12(PASSWORD, days=20))
    tab.cert_file.setText(str(pfx))
    tab.cert_password.setText(PASSWORD)
    screen.ask_pin = Pins(CASHIER_PIN)
    qtbot.mouseClick(tab.cert_button, Qt.MouseButton.LeftButton)
    settle(screen, qtbot)
    assert "gerente" in screen.message.text()
    pins = Pins()
    screen.ask_pin = pins
    qtbot.mouseClick(tab.cert_button, Qt.MouseButton.LeftButton)
    settle(screen, qtbot)
    assert pins.asked == ["trocar o certificado A1"]
    assert "vence em" in tab.cert_state.text() and tab.cert_state.property("warning")
    assert tab.cert_password.text() == ""

    a1 = A1Certificate.from_pkcs12(pfx.read_bytes(), PASSWORD)
    with LocalSefaz(a1.cert_pem(), tmp_path, hang_s=5) as sefaz:
        for name in ("cnpj", "ie", "legal_name", "street", "number", "district"):
            tab.fields[name].setText(str(getattr(STORE, name)))
        for name in ("city_code", "city_name", "uf", "cep", "csc_id"):
            tab.fields[name].setText(str(getattr(STORE, name)))
        tab.csc_token.setText(CSC_TOKEN)
        tab.enabled.setChecked(True)
        tab.settings = tab.settings.__class__(
            **{**tab.settings.__dict__, "sefaz_url": sefaz.url, "sefaz_ca_file": sefaz.ca_file}
        )
        qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
        settle(screen, qtbot)
        assert screen.message.text() == "Configuração fiscal salva"
        saved = load_settings(shop.station)
        assert saved.enabled and saved.cnpj == "12345678000195" and tab.csc_token.text() == ""

        sefaz.set_mode("reject", 778, "Rejeição: Informado NCM inexistente")
        sale = shop.sell("shampoo", cash=3_000)
        invoicer = Invoicer(shop.station)
        screen.context.invoicer = invoicer
        try:
            invoicer.issue_for_sale(sale.sale_id)
            tab.refresh()
            settle(screen, qtbot)
            assert tab.summary.text() == "1 nota(s) aguardando; 0 fora do prazo."
            row = [tab.model.text(tab.model.row_at(0), column) for column in range(5)]
            assert row[1] == "REJEITADA"
            assert row[3] == "778 Rejeição: Informado NCM inexistente"
            assert row[4] == "corrija o cadastro do item e reenvie, ou inutilize o número"
            tab.table.selectRow(0)
            assert tab.void_button.isEnabled() and tab.resend_button.isEnabled()

            sefaz.set_mode("authorise")
            qtbot.mouseClick(tab.resend_button, Qt.MouseButton.LeftButton)
            settle(screen, qtbot)
            assert screen.message.text() == "NFC-e 1: autorizada"
            assert tab.summary.text() == "0 nota(s) aguardando; 0 fora do prazo."

            sample = LineRequest(shop.items["dipirona"], 1, 1_250)  # given: R$ 0,00
            request = CheckoutRequest(shop.cashier_id, [sample], [], manager_pin=MANAGER_PIN)
            given = checkout(shop.station, request).sale_id
            tab.refresh()
            settle(screen, qtbot)
            assert tab.summary.text() == (
                "0 nota(s) aguardando; 0 fora do prazo.\nVendas só com produtos dados "
                f"(R$ 0,00), sem NFC-e: {given}. Para brinde ou bonificação, o contador "
                "emite a NF-e (CFOP 5.910)."
            )

            mistyped = shop.sell("shampoo", cash=3_000).sale_id
            with shop.station.write() as session:
                session.get(Item, shop.items["shampoo"]).ncm = "3305100"  # a digit short
            invoicer.send_pending()
            tab.refresh()
            settle(screen, qtbot)
            last = tab.summary.text().splitlines()[-1]
            assert last.startswith(f"A NFC-e da venda {mistyped} não foi emitida:")
            assert "NCM" in last and "Shampoo" in last
        finally:
            invoicer.close()


def test_the_fiscal_forms_labels_read_in_english(
    make_shop: MakeShop, screens: Callable[..., SettingsScreen], english: None
) -> None:
    """The store's tax data labels and the NFS-e partners' columns went through tables
    lupdate never read: Portuguese on an English counter."""
    shop = make_shop("pharmacy")
    screen = screens(shop, 0, language="en")
    tab = screen.fiscal_tab

    def label_of(field: str) -> str:
        widget = tab.fields[field]
        for form in tab.findChildren(QFormLayout):
            label = form.labelForField(widget)
            if isinstance(label, QLabel):
                return label.text()
        raise AssertionError(f"no label for {field}")

    assert [label_of(f) for f in ("ie", "legal_name", "street", "city_code", "cep")] == [
        "State registration (IE)",
        "Legal name",
        "Street",
        "Municipality IBGE code",
        "Postcode (CEP)",
    ]
    partners = tab.nfse.partners
    assert [partners.horizontalHeaderItem(c).text() for c in range(2, 5)] == [
        "Partner's share %",
        "Contract",
        "Contract date",
    ]
