"""Gerência > Fiscal, "Responsável técnico": a 972 refusal says what to fill; saving it
(manager's PIN) sends the note again; the CSRT is never shown back."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from fiscal import A1Certificate
from fiscal.testing import LocalSefaz, make_a1_pkcs12
from hardware.emulator.virtual import stop_virtual_printers
from posapp.services.invoices.issuing import Invoicer
from posapp.services.invoices.settings import load_settings, read_secrets
from posapp.ui.settings.screen import SettingsScreen
from tests.invoices.conftest import PASSWORD, fill_tax_data, set_up_nfce
from tests.support import Shop
from tests.ui.settings_support import settle
from tests.ui.ui_support import Pins

MakeShop = Callable[..., Shop]
CSRT = "G8063VRTNDMO886SFNK5LDUDEI24XJ22YIPO"


@pytest.fixture(autouse=True)
def _printers() -> Iterator[None]:
    yield
    stop_virtual_printers()


def test_a_972_refusal_is_fixed_by_filling_the_responsavel_tecnico(
    make_shop: MakeShop,
    screens: Callable[..., SettingsScreen],
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    shop = make_shop("pharmacy")
    shop.clock.moment = datetime.now(UTC)
    fill_tax_data(shop)
    pfx = make_a1_pkcs12(PASSWORD)
    a1 = A1Certificate.from_pkcs12(pfx, PASSWORD)
    with LocalSefaz(a1.cert_pem(), tmp_path, hang_s=5) as sefaz:
        set_up_nfce(shop, pfx, sefaz)
        sefaz.resp_tec_ufs = frozenset({35})  # SP requires it here
        invoicer = Invoicer(shop.station)
        try:
            sale = shop.sell("shampoo", cash=3_000)
            refused = invoicer.issue_for_sale(sale.sale_id)
            assert refused is not None and refused.record.cstat == 972

            screen = screens(shop, 0)
            screen.context.invoicer = invoicer
            titles = [screen.tabs.tabText(i) for i in range(screen.tabs.count())]
            screen.tabs.setCurrentIndex(titles.index("Fiscal"))
            tab = screen.fiscal_tab
            tab.load()
            settle(screen, qtbot)
            assert tab.tech_box.title() == "Responsável técnico"
            assert tab.csrt_code.echoMode() == QLineEdit.EchoMode.Password
            row = [tab.model.text(tab.model.row_at(0), column) for column in range(5)]
            assert row[1] == "REJEITADA"
            assert row[3] == "972 Rejeição: Obrigatória as informações do responsável técnico"
            assert row[4] == (
                "a SEFAZ exige o responsável técnico: preencha o grupo “Responsável técnico” "
                "acima e salve; a nota é reenviada"
            )

            fields = tab.tech_fields
            fields["tech_cnpj"].setText("11.222.333/0001-81")
            fields["tech_contact"].setText("Maria Suporte")
            fields["tech_email"].setText("suporte@posapp")  # no domain
            fields["tech_phone"].setText("(11) 98765-4321")
            fields["csrt_id"].setText("01")
            tab.csrt_code.setText(CSRT)
            screen.ask_pin = Pins()
            qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
            settle(screen, qtbot)
            assert "'suporte@posapp' não é um e-mail válido" in screen.message.text()
            assert load_settings(shop.station).tech_cnpj == ""
            with shop.station.read() as session:  # nothing kept from the refused form
                assert read_secrets(session).csrt == ""

            fields["tech_email"].setText("suporte@posapp.com.br")
            pins = Pins()
            screen.ask_pin = pins
            qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
            settle(screen, qtbot)
            assert pins.asked == ["alterar a configuração fiscal"]
            assert screen.message.text() == (
                "Configuração fiscal salva; NFC-e reenviadas: 1, autorizadas: 1"
            )
            assert tab.summary.text() == "0 nota(s) aguardando; 0 fora do prazo."
            note = invoicer.note(sale.sale_id)
            assert note is not None and note.record.status == "authorised"
            assert b"<infRespTec>" in note.record.xml and b"<hashCSRT>" in note.record.xml

            tab.load()  # read back: the plain fields, never the CSRT
            settle(screen, qtbot)
            assert fields["tech_cnpj"].text() == "11222333000181"
            assert fields["tech_phone"].text() == "11987654321"
            assert fields["csrt_id"].text() == "01"
            assert tab.csrt_code.text() == ""
            assert all(CSRT not in edit.text() for edit in tab.findChildren(QLineEdit))
        finally:
            invoicer.close()
