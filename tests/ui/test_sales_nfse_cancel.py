"""Vendas: a salon sale's DANFSe on demand, and the void cancelling its NFS-e with the
NFC-e (the national environment's event, our local Sefin over HTTPS)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fiscal import A1Certificate
from fiscal.testing import LocalSefaz, LocalSefin, make_a1_pkcs12
from hardware.emulator.virtual import stop_virtual_printers
from posapp.services.invoices.issuing import Invoicer
from posapp.services.nfse.issuing import NfseIssuer
from posapp.services.nfse.settings import save_settings
from posapp.ui.sales.screen import SalesScreen
from tests.invoices.conftest import PASSWORD, fill_tax_data, set_up_nfce
from tests.nfse.conftest import salon_settings, sell_salon
from tests.support import MANAGER_PIN, Shop
from tests.ui.ui_support import make_context

MakeShop = Callable[..., Shop]


@pytest.fixture(autouse=True)
def _printers() -> Iterator[None]:
    yield
    stop_virtual_printers()


def test_voiding_a_salon_sale_cancels_its_nfse_and_nfce(
    make_shop: MakeShop, qtbot: QtBot, tmp_path: Path
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
        save_settings(shop.station, shop.manager_id, MANAGER_PIN, salon_settings(shop, sefin))
        invoicer, issuer = Invoicer(shop.station), NfseIssuer(shop.station)
        sale_id = sell_salon(shop, "corte", "shampoo")
        nfse = issuer.issue_for_sale(sale_id)
        note = invoicer.issue_for_sale(sale_id)
        assert nfse is not None and nfse.status == "authorised"
        assert note is not None and note.record.status == "authorised"
        context = make_context(shop, staff="cashier")
        context.invoicer, context.nfse_issuer = invoicer, issuer
        screen = SalesScreen(context)
        qtbot.addWidget(screen)
        screen.resize(1280, 760)
        screen.show()
        try:
            qtbot.waitUntil(screen.idle)
            screen.table.selectRow(0)
            qtbot.waitUntil(lambda: screen.detail is not None and screen.void_button.isEnabled())
            pdf = tmp_path / "danfse.pdf"
            screen.ask_save_path = lambda _parent, suggested: str(pdf)
            qtbot.mouseClick(screen.danfse_pdf_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: screen.message.text() == f"DANFSe salvo em {pdf}")
            assert pdf.read_bytes().startswith(b"%PDF")

            qtbot.mouseClick(screen.void_button, Qt.MouseButton.LeftButton)
            dialog = screen.void_dialog
            assert dialog is not None
            screen.ask_pin = lambda _parent, _action: MANAGER_PIN
            dialog.reason.setText("Cliente desistiu do serviço")
            qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: screen.message.text() == "Venda nº 000001 cancelada")
            assert (
                screen.result_label.text()
                .splitlines()[-1]
                .endswith(f"NFS-e {nfse.nfse_number} cancelada.")
            )
            assert note.record.key in sefaz.state.cancelled
            assert sefin.state.issued[nfse.key].cancelled_xml is not None
        finally:
            qtbot.waitUntil(screen.idle, timeout=10_000)
            context.printing.close()
            invoicer.close()
            issuer.close()
