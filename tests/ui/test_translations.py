"""English through Qt translations: the sign-in and customers screens, money and dates."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from fiscal import NoteRecord
from hardware.emulator.virtual import stop_virtual_printers
from posapp.app import TRANSLATIONS, install_translator
from posapp.core.presets import preset
from posapp.ui.customers.screen import CustomersScreen
from posapp.ui.settings.fiscal_tab import fix_path, status_name
from posapp.ui.shell import Shell
from posapp.ui.signin import SignInScreen
from tests.support import Shop
from tests.ui.ui_support import make_context

MakeShop = Callable[..., Shop]


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    translator = install_translator(qapp, "en")
    assert translator is not None, f"no compiled English in {TRANSLATIONS}"
    yield
    QCoreApplication.removeTranslator(translator)
    stop_virtual_printers()


def test_the_compiled_translation_is_committed_beside_its_source() -> None:
    assert (TRANSLATIONS / "posapp_en.ts").is_file()
    assert (TRANSLATIONS / "posapp_en.qm").stat().st_size > 1_000


def test_portuguese_needs_only_the_plural_forms(qapp: QApplication) -> None:
    translator = install_translator(qapp, "pt_BR")
    assert translator is not None
    try:
        for count, said in ((1, "1 venda"), (2, "2 vendas"), (12, "12 vendas")):
            assert QCoreApplication.translate("SalesScreen", "%n venda(s)", "", count) == said
        assert QCoreApplication.translate("ParkedDialog", "%n item(ns)", "", 3) == "3 itens"
        assert QCoreApplication.translate("Shell", "Venda") == "Venda"  # the source itself
    finally:
        QCoreApplication.removeTranslator(translator)


def test_english_plurals(qapp: QApplication, english: None) -> None:
    for count, said in ((1, "1 sale"), (2, "2 sales")):
        assert QCoreApplication.translate("SalesScreen", "%n venda(s)", "", count) == said


def test_sign_in_and_shell_in_english(make_shop: MakeShop, qtbot: QtBot, english: None) -> None:
    shop = make_shop("salon")
    context = make_context(shop, staff=None, language="en", demo=True)
    shell = Shell(context)
    qtbot.addWidget(shell)
    try:
        signin: SignInScreen = shell.signin
        assert signin.title.text() == "Who is at the counter?"
        assert signin.who.text() == "Tap your name"
        assert signin.pad.enter_button.text() == "Sign in"
        assert signin.pad.clear_button.text() == "Clear"
        assert "Marta Gerente\nManager" in [t.text() for t in signin.tiles.values()]
        assert "Demo — PINs to sign in:" in signin.demo_pins.text()
        assert shell.windowTitle() == "Loja Teste — posapp (demo)"
        assert shell.sync_status.text() == "Sync: off"
        assert shell.scanner_status.text() == "Scanner: keyboard"
        assert shell.sign_out_button.text() == "Sign out"
        signin.choose(next(i for i, t in signin.tiles.items() if t.text().startswith("Carlos")))
        signin.sign_in("0001")
        assert signin.message.text() == "Wrong PIN."
    finally:
        context.printing.close()


def test_customers_screen_in_english_with_english_money_and_dates(
    make_shop: MakeShop, qtbot: QtBot, english: None
) -> None:
    salon = preset("salon").with_changes(category_bps={"roupas": 1_000})  # products earn 0 % else
    shop = make_shop(salon)
    maria = shop.enrol("Maria Aparecida Souza", cpf="529.982.247-25")
    shop.sell("vestido", customer=maria, pix=20_000)  # R$ 20,00 of cashback
    context = make_context(shop, language="en")
    screen = CustomersScreen(context)
    qtbot.addWidget(screen)
    try:
        assert screen.search_box.placeholderText() == "Search by name, CPF or mobile number"
        headers = [screen.model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
        assert headers == ["Name", "CPF / Mobile", "Balance", "Pending", "Expires in 30 days"]
        assert [screen.tabs.tabText(i) for i in range(3)] == ["History", "Vouchers", "Referrals"]
        assert screen.adjust_button.text() == "Adjust balance"
        screen.search_box.setText("Maria")
        screen.search()
        qtbot.waitUntil(lambda: screen.search_status.text() == "1 customer found")
        assert screen.balance_labels["spendable"].text() == "R$20.00"
        assert screen.code_label.text().endswith("customer since Mar 2, 2026")
        first = [screen.history_model.index(0, c).data() for c in range(4)]
        assert first == ["Mar 2, 2026 10:00 AM", "Cashback earned", "R$20.00", "#1"]
    finally:
        context.printing.close()


def test_the_sync_line_and_conflict_kinds_read_in_english(english: None) -> None:
    from posapp.services.sync.status import SyncStatus
    from posapp.ui.sync_line import conflict_kind, status_text

    off = SyncStatus(configured=False, online=None, waiting=0, last_sync_at=None, last_error=None)
    down = SyncStatus(configured=True, online=False, waiting=3, last_sync_at=None, last_error="x")
    assert status_text(off, "en", "America/Sao_Paulo") == "Sync: off"
    assert status_text(down, "en", "America/Sao_Paulo") == "Offline · 3 queued · last: never"
    assert conflict_kind("overdraft") == "Balance spent twice"
    assert conflict_kind("cpf_in_use") == "CPF already used by another customer"
    assert conflict_kind("event_refused") == "Record refused by the cloud"


def test_the_fiscal_tabs_note_states_in_english(qapp: QApplication, english: None) -> None:
    """Gerência > Fiscal's status and "what to do" columns (they were never extracted for
    translation and showed in Portuguese on an English counter)."""
    rejected = NoteRecord(series=1, number=7, status="rejected", tp_emis=9)
    waiting = NoteRecord(series=1, number=8, status="pending", tp_emis=9)
    assert (status_name(rejected), status_name(waiting)) == (
        "REJECTED",
        "in contingency, waiting to be sent",
    )
    assert fix_path(waiting) == "automatic: sent when SEFAZ answers"
