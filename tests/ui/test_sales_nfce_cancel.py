"""Vendas: cancelling a sale with an NFC-e cancels the note at SEFAZ with the void."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fiscal import A1Certificate
from fiscal.testing import LocalSefaz, make_a1_pkcs12
from hardware.emulator.virtual import stop_virtual_printers
from posapp.services.invoices.issuing import Invoicer
from posapp.ui.sales.screen import SalesScreen
from tests.invoices.conftest import PASSWORD, fill_tax_data, set_up_nfce
from tests.support import MANAGER_PIN, Shop
from tests.ui.ui_support import make_context

MakeShop = Callable[..., Shop]


@pytest.fixture(autouse=True)
def _printers() -> Iterator[None]:
    yield
    stop_virtual_printers()


def test_voiding_a_sale_cancels_its_nfce_at_sefaz(
    make_shop: MakeShop, qtbot: QtBot, tmp_path: Path
) -> None:
    shop = make_shop("pharmacy")
    shop.clock.moment = datetime.now(UTC)  # SEFAZ stamps its protocol with its own clock
    fill_tax_data(shop)
    a1_bytes = make_a1_pkcs12(PASSWORD)
    a1 = A1Certificate.from_pkcs12(a1_bytes, PASSWORD)
    with LocalSefaz(a1.cert_pem(), tmp_path, hang_s=5) as sefaz:
        set_up_nfce(shop, a1_bytes, sefaz)
        invoicer = Invoicer(shop.station)
        sale = shop.sell("dipirona", cash=1_250)
        note = invoicer.issue_for_sale(sale.sale_id)
        assert note is not None and note.record.status == "authorised"
        context = make_context(shop, staff="cashier")
        context.invoicer = invoicer
        screen = SalesScreen(context)
        qtbot.addWidget(screen)
        screen.resize(1280, 760)
        screen.show()
        try:
            qtbot.waitUntil(screen.idle)
            screen.table.selectRow(0)
            qtbot.waitUntil(lambda: screen.detail is not None and screen.void_button.isEnabled())
            pdf = tmp_path / "danfe.pdf"
            screen.ask_save_path = lambda _parent, suggested: str(pdf)
            qtbot.mouseClick(screen.danfe_pdf_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: screen.message.text() == f"DANFE salvo em {pdf}")
            assert pdf.read_bytes().startswith(b"%PDF")
            qtbot.mouseClick(screen.void_button, Qt.MouseButton.LeftButton)
            dialog = screen.void_dialog
            assert dialog is not None
            screen.ask_pin = lambda _parent, _action: MANAGER_PIN  # type: ignore[assignment]
            dialog.reason.setText("curto")
            qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(screen.idle)
            assert "ao menos 15 caracteres" in screen.message.text()
            assert note.record.key not in sefaz.state.cancelled

            qtbot.mouseClick(screen.void_button, Qt.MouseButton.LeftButton)
            dialog = screen.void_dialog
            assert dialog is not None
            dialog.reason.setText("Cliente desistiu da compra no caixa")
            qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: screen.message.text() == "Venda nº 000001 cancelada")
            assert screen.result_label.text().splitlines()[-1] == (
                f"NFC-e {note.record.number} cancelada na SEFAZ e venda cancelada."
            )
            assert note.record.key in sefaz.state.cancelled
        finally:
            qtbot.waitUntil(screen.idle, timeout=10_000)
            context.printing.close()
            invoicer.close()
