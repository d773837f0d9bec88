"""Clientes: search, profile, history with sales, vouchers, referrals, edit, slip, adjust."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.models import AuditLog, Customer, LedgerEntry
from hardware.emulator.virtual import stop_virtual_printers, virtual_printer
from posapp.app import install_translator
from posapp.core.codes import verify_customer_card
from posapp.core.presets import preset
from posapp.services.customers import history as customer_history
from posapp.services.customers.history import LedgerRow, Referral
from posapp.services.customers.registry import VoucherView
from posapp.ui.customer_table import (
    CUSTOMER_ID_ROLE,
    CustomerRow,
    CustomerTableModel,
    find_customers,
    mask_mobile,
)
from posapp.ui.customers.models import (
    SALE_ID_ROLE,
    HistoryTableModel,
    ReferralTableModel,
    VoucherTableModel,
)
from posapp.ui.customers.screen import CustomersScreen
from posapp.ui.dialogs.manager_pin import ManagerPinDialog
from posapp.ui.runner import wait_for_background
from tests.support import CASHIER_PIN, MANAGER_PIN, MovableClock, Shop, open_shop
from tests.ui.ui_support import make_context, type_text, when_shown

MakeShop = Callable[..., Shop]

MARIA_CPF = "529.982.247-25"
JOAO_PHONE = "(11) 98765-4321"


@pytest.fixture(autouse=True)
def _printers() -> Iterator[None]:
    yield
    stop_virtual_printers()


@pytest.fixture
def shop(make_shop: MakeShop) -> Shop:
    shop = make_shop("pharmacy")
    maria = shop.enrol("Maria Aparecida Souza", cpf=MARIA_CPF)
    code = customer_history.profile(shop.station, maria).referral_code
    joao = shop.enrol("João Gonçalves", phone=JOAO_PHONE, referred_by_code=code)
    shop.enrol("Mariana Lima", cpf="111.444.777-35")
    shop.sell("vestido", customer=maria, pix=20_000)  # 5%: R$ 10,00 -> a R$ 10,00 voucher
    shop.sell("dipirona", customer=maria, pix=1_250)  # R$ 0,62 of cashback
    shop.sell("shampoo", customer=joao, pix=3_000)  # João's first: Maria's referral bonus
    return shop


def make_screen(shop: Shop, qtbot: QtBot, **kw: object) -> CustomersScreen:
    screen = CustomersScreen(make_context(shop, **kw))  # type: ignore[arg-type]
    qtbot.addWidget(screen)
    screen.resize(1200, 760)
    screen.show()
    return screen


@pytest.fixture
def screen(shop: Shop, qtbot: QtBot) -> Iterator[CustomersScreen]:
    screen = make_screen(shop, qtbot)
    yield screen
    screen.context.printing.close()


def shown(model: object) -> list[list[str]]:
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]  # type: ignore[attr-defined]
        for row in range(model.rowCount())  # type: ignore[attr-defined]
    ]


def open_maria(screen: CustomersScreen, qtbot: QtBot) -> None:
    qtbot.keyClicks(screen.search_box, "Apare")
    qtbot.waitUntil(lambda: screen.customer_id is not None)


# -- search ------------------------------------------------------------------------


def test_before_a_customer_is_chosen_the_program_is_shown(screen: CustomersScreen) -> None:
    assert screen.profile_stack.currentIndex() == 0
    assert screen.program_label.text() == f"Programa: {preset('pharmacy').name}"
    assert "• 5% de cashback em cada compra" in screen.rules_label.text()


def test_typing_part_of_a_name_lists_the_customer_and_opens_her_profile(
    screen: CustomersScreen, qtbot: QtBot, shop: Shop
) -> None:
    open_maria(screen, qtbot)
    assert shown(screen.model) == [
        ["Maria Aparecida Souza", "***.982.247-**", "R$ 0,62", "R$ 0,00", "R$ 0,00"]
    ]
    assert screen.search_status.text() == "1 cliente encontrado"
    assert screen.name_label.text() == "Maria Aparecida Souza"
    assert screen.fields["cpf"].text() == "***.982.247-**"
    assert screen.fields["consent"].text() == "não"
    assert screen.balance_labels["spendable"].text() == "R$ 0,62"  # R$ 10,00 went to vouchers
    headers = [screen.model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
    assert headers == ["Nome", "CPF / Celular", "Saldo", "A liberar", "Vence em 30 dias"]


def test_a_fragment_shared_by_two_names_lists_both(screen: CustomersScreen, qtbot: QtBot) -> None:
    qtbot.keyClicks(screen.search_box, "mari")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 2)
    assert sorted(row[0] for row in shown(screen.model)) == [
        "Maria Aparecida Souza",
        "Mariana Lima",
    ]
    assert screen.search_status.text() == "2 clientes encontrados"
    assert screen.customer_id is None
    qtbot.mouseClick(
        screen.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=screen.table.visualRect(screen.model.index(1, 0)).center(),
    )
    assert screen.name_label.text() == shown(screen.model)[1][0]


def test_accented_typing_finds_the_customer_and_masks_the_phone(
    screen: CustomersScreen, qtbot: QtBot
) -> None:
    type_text(screen.search_box, "Gonç", qtbot)
    assert screen.search_box.text() == "Gonç"
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    assert shown(screen.model)[0][:2] == ["João Gonçalves", "(11) 9****-4321"]
    assert screen.fields["referred_by"].text() == "Maria Aparecida Souza"


def test_a_cpf_finds_exactly_one_customer_and_no_match_says_so(
    screen: CustomersScreen, qtbot: QtBot
) -> None:
    qtbot.keyClicks(screen.search_box, MARIA_CPF)
    qtbot.keyClick(screen.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    assert [row[0] for row in shown(screen.model)] == ["Maria Aparecida Souza"]
    screen.search_box.clear()
    qtbot.keyClicks(screen.search_box, "Zuleica")
    qtbot.waitUntil(lambda: screen.search_status.text() == "Nenhum cliente encontrado")
    assert screen.model.rowCount() == 0


def test_a_search_leaves_the_window_free_and_an_older_answer_is_dropped(
    screen: CustomersScreen, qtbot: QtBot
) -> None:
    screen.search_box.setText("mari")
    screen.search()
    assert screen.model.rowCount() == 0  # asked on a worker: the window's thread is not held
    screen.search_box.setText("Zuleica")
    screen.search()
    qtbot.waitUntil(lambda: screen.search_status.text() == "Nenhum cliente encontrado")
    assert wait_for_background()
    qtbot.wait(50)
    assert screen.model.rowCount() == 0  # the two "mari" matches never replaced it


# -- profile, history, vouchers, referrals -----------------------------------------


def test_history_rows_name_their_sales_and_vouchers_and_referrals_have_tabs(
    screen: CustomersScreen, qtbot: QtBot, shop: Shop
) -> None:
    open_maria(screen, qtbot)
    rows = shown(screen.history_model)
    kinds = [row[1] for row in rows]
    assert kinds == [
        "Vale emitido",
        "Bônus de indicação",
        "Cashback ganho",
        "Vale emitido",
        "Cashback ganho",
    ]
    assert [row[3] for row in rows] == ["#3", "#3", "#2", "#1", "#1"]
    assert rows[4][2] == "R$ 10,00" and rows[3][2] == "-R$ 10,00"
    assert rows[3][4] == shown(screen.voucher_model)[0][0]  # the voucher's code
    assert screen.history_model.index(4, 0).data(SALE_ID_ROLE) is not None

    assert screen.tabs.tabText(1) == "Vales (2)"
    for voucher in shown(screen.voucher_model):
        assert voucher[1:] == ["R$ 10,00", "—", "01/05/2026", "Disponível"]
    assert screen.tabs.tabText(2) == "Indicações (1)"
    assert shown(screen.referral_model) == [["João Gonçalves", "02/03/2026", "1", "R$ 10,00"]]


def test_double_clicking_a_sale_shows_its_receipt(screen: CustomersScreen, qtbot: QtBot) -> None:
    open_maria(screen, qtbot)
    index = screen.history_model.index(4, 3)
    rect = screen.history_table.visualRect(index)
    viewport = screen.history_table.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())  # Qt wants a press
    qtbot.mouseDClick(screen.history_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: screen.preview_dialog is not None and screen.preview_dialog.isVisible())
    assert screen.preview_dialog is not None
    assert screen.preview_dialog.windowTitle() == "Cupom da venda #1"
    pixmap = screen.preview_dialog.image.pixmap()
    assert not pixmap.isNull() and pixmap.width() > 500 and pixmap.height() > pixmap.width()
    screen.preview_dialog.close()


# -- editing -----------------------------------------------------------------------


def test_a_bad_cpf_is_refused_in_the_dialog_and_nothing_changes(
    screen: CustomersScreen, qtbot: QtBot, shop: Shop
) -> None:
    open_maria(screen, qtbot)
    qtbot.mouseClick(screen.edit_button, Qt.MouseButton.LeftButton)
    dialog = screen.edit_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.cpf.clear()
    qtbot.keyClicks(dialog.cpf, "123.456.789-00")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.error.text() == "CPF inválido: 123.456.789-00. Confira os dígitos."
    with shop.station.read() as session:
        assert session.scalar(select(Customer.cpf).where(Customer.name.like("Maria A%"))) == (
            "52998224725"
        )
    dialog.birthday.setText("31/02/1990")
    dialog.cpf.setText(MARIA_CPF)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "Aniversário inválido: use dd/mm/aaaa."
    dialog.reject()


def test_consent_and_details_are_saved_and_recorded(
    screen: CustomersScreen, qtbot: QtBot, shop: Shop
) -> None:
    open_maria(screen, qtbot)
    customer_id = screen.customer_id
    assert customer_id is not None
    qtbot.mouseClick(screen.edit_button, Qt.MouseButton.LeftButton)
    dialog = screen.edit_dialog
    assert dialog is not None
    dialog.email.setText("maria@example.com")
    dialog.birthday.setText("17/05/1990")
    qtbot.mouseClick(dialog.consent, Qt.MouseButton.LeftButton)
    assert dialog.consent.isChecked()
    with qtbot.waitSignal(screen.context.events.customer_changed):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert screen.fields["email"].text() == "maria@example.com"
    assert screen.fields["birthday"].text() == "17/05/1990"
    assert screen.fields["consent"].text() == "sim, desde 02/03/2026 10:00"
    profile = customer_history.profile(shop.station, customer_id)
    assert profile.marketing_consent and profile.consent_at == datetime(2026, 3, 2, 13, tzinfo=UTC)
    with shop.station.read() as session:
        audit = session.scalars(select(AuditLog).where(AuditLog.action == "customer.update")).one()
        assert audit.staff_id == shop.manager_id
        assert json.loads(audit.details)["changed"]["marketing_consent"] == [False, True]


# -- the balance slip --------------------------------------------------------------


def test_the_balance_slip_prints_with_the_customers_card_qr(shop: Shop, qtbot: QtBot) -> None:
    screen = make_screen(shop, qtbot, printer="virtual://slip-test")
    try:
        open_maria(screen, qtbot)
        with qtbot.waitSignal(screen.context.events.printer_state, timeout=15_000) as state:
            qtbot.mouseClick(screen.slip_button, Qt.MouseButton.LeftButton)
        assert state.args == [True, ""]
        assert screen.message.text() == "Saldo impresso"
        (receipt,) = virtual_printer("slip-test").wait_for_receipts(1)
        assert any("Maria Aparecida Souza" in line for line in receipt.lines)
        (payload,) = receipt.qr_payloads
        with shop.station.read() as session:
            store = shop.station.store(session)
            customer = session.get(Customer, screen.customer_id)
            assert customer is not None
            assert verify_customer_card(payload, store.signing_key) == (store.uuid, customer.uuid)
    finally:
        screen.context.printing.close()


# -- the manager's adjustment ------------------------------------------------------


def _adjustments(shop: Shop) -> list[int]:
    with shop.station.read() as session:
        return list(
            session.scalars(select(LedgerEntry.amount).where(LedgerEntry.kind == "adjust")).all()
        )


def _adjust(screen: CustomersScreen, qtbot: QtBot, amount: str, pin: str | None) -> None:
    qtbot.mouseClick(screen.adjust_button, Qt.MouseButton.LeftButton)
    dialog = screen.adjust_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.amount, amount)
    dialog.reason.setText("compra não registrada")

    def answer(widget: QWidget) -> None:
        assert isinstance(widget, ManagerPinDialog)
        if pin is None:
            widget.reject()
        else:
            widget.pin.setText(pin)
            widget.accept()

    when_shown(ManagerPinDialog, answer, qtbot)
    dialog.accept()  # the PIN dialog's exec() runs (and is answered) inside this call


def test_a_cashier_cannot_adjust_with_their_own_pin(shop: Shop, qtbot: QtBot) -> None:
    screen = make_screen(shop, qtbot, staff="cashier")
    try:
        open_maria(screen, qtbot)
        _adjust(screen, qtbot, "5,00", CASHIER_PIN)
        assert screen.message.text() == ("PIN de gerente incorreto: ajuste manual de cashback.")
        assert screen.message.property("role") == "error"
        assert _adjustments(shop) == []
        assert screen.balance_labels["spendable"].text() == "R$ 0,62"
        _adjust(screen, qtbot, "5,00", None)
        assert screen.message.text() == "Ajuste cancelado"
        assert _adjustments(shop) == []
    finally:
        screen.context.printing.close()


def test_a_manager_pin_adjusts_the_balance(shop: Shop, qtbot: QtBot) -> None:
    screen = make_screen(shop, qtbot, staff="cashier")
    try:
        open_maria(screen, qtbot)
        screen.adjust_button.click()
        assert screen.adjust_dialog is not None
        screen.adjust_dialog.accept()  # no amount: refused in the dialog
        assert screen.adjust_dialog.error.text() == "Informe um valor maior que zero."
        screen.adjust_dialog.reject()
        _adjust(screen, qtbot, "2,50", MANAGER_PIN)
        assert screen.message.text() == "Saldo ajustado"
        assert _adjustments(shop) == [250]
        assert screen.balance_labels["spendable"].text() == "R$ 3,12"
        assert shown(screen.history_model)[0][1:3] == ["Ajuste manual", "R$ 2,50"]
    finally:
        screen.context.printing.close()


# -- models ------------------------------------------------------------------------

AT = datetime(2026, 3, 2, 13, tzinfo=UTC)


def test_every_table_model_passes_the_model_tester(qtmodeltester: object) -> None:
    customers = CustomerTableModel()
    customers.set_rows([CustomerRow(1, "Maria", "***.982.247-**", 800, 0, 0)])
    history = HistoryTableModel()
    history.set_rows(
        [
            LedgerRow(2, AT, "earn", 800, 800, 7, 12, None, None),
            LedgerRow(1, AT, "adjust", -100, -100, None, None, None, "correção"),
        ]
    )
    vouchers = VoucherTableModel()
    vouchers.set_rows(
        [
            VoucherView("ABCD-EFGH", "balance", 1_000, 0, 0, AT, "open"),
            VoucherView("JKLM-NPQR", "discount", 0, 1_000, 5_000, AT, "expired"),
        ]
    )
    referrals = ReferralTableModel()
    referrals.set_rows([Referral(3, "João", AT, 2, 1_000)])
    for model in (customers, history, vouchers, referrals):
        qtmodeltester.check(model)  # type: ignore[attr-defined]
        model.set_rows([])
        qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_the_models_format_per_locale_and_carry_the_sale() -> None:
    history = HistoryTableModel(locale="en")
    history.set_rows([LedgerRow(2, AT, "earn", 123_456, 123_456, 7, 12, "ABCD", None)])
    assert history.index(0, 2).data() == "R$1,234.56"
    assert history.index(0, 0).data() == "Mar 2, 2026 10:00 AM"
    assert history.index(0, 3).data() == "#12"
    assert history.index(0, 0).data(SALE_ID_ROLE) == 7
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert history.index(0, 2).data(Qt.ItemDataRole.TextAlignmentRole) == right
    assert history.rowCount(history.index(0, 0)) == 0
    assert history.data(QModelIndex()) is None
    customers = CustomerTableModel()
    customers.set_rows([CustomerRow(2, "João", "(11) 9****-4321", 123_456, 350, 99)])
    assert [customers.index(0, c).data() for c in (2, 3, 4)] == [
        "R$ 1.234,56",
        "R$ 3,50",
        "R$ 0,99",
    ]
    assert customers.index(0, 0).data(CUSTOMER_ID_ROLE) == 2


def test_pending_and_soon_expiring_cashback(tmp_path: Path, qtbot: QtBot) -> None:
    clock = MovableClock()
    program = preset("salon").with_changes(pending_days=7, expiry_days=40)
    shop = open_shop(tmp_path / "s.sqlite", program, clock)
    try:
        ana = shop.enrol("Ana Beatriz Rocha", cpf=MARIA_CPF)
        shop.sell("corte", customer=ana, pix=8_000)  # R$ 8,00: from day 7 to day 47
        clock.advance(days=8)
        shop.sell("manicure", customer=ana, pix=3_500)  # R$ 3,50: from day 15 to day 55
        assert [
            (r.balance, r.pending, r.expiring_soon) for r in find_customers(shop.station, "Beatriz")
        ] == [(800, 350, 0)]
        clock.advance(days=12)  # day 20: the first lot expires in 27 days
        assert [
            (r.balance, r.pending, r.expiring_soon) for r in find_customers(shop.station, "Beatriz")
        ] == [(1_150, 0, 800)]
        assert find_customers(shop.station, "   ") == []
        assert mask_mobile("+5511987654321") == "(11) 9****-4321"
    finally:
        shop.station.close()


# -- LGPD: export and anonymize ----------------------------------------------------


def test_anonymizing_asks_first_then_a_managers_pin_and_shows_what_was_erased(
    shop: Shop, qtbot: QtBot
) -> None:
    screen = make_screen(shop, qtbot, staff="cashier")
    try:
        open_maria(screen, qtbot)
        asked: list[str] = []

        def no(_parent: QWidget, _title: str, text: str) -> bool:
            asked.append(text)
            return False

        screen.confirm = no
        screen.anonymize_button.click()
        assert screen.message.text() == "Anonimização cancelada"
        assert "Anonimizar Maria Aparecida Souza?" in asked[0]
        assert "Não dá para desfazer" in asked[0]
        assert "guardam os dados antigos até vencerem (30 dias)" in asked[0]

        screen.confirm = lambda *_args: True
        screen.ask_pin = lambda _parent, _action: CASHIER_PIN
        screen.anonymize_button.click()
        qtbot.waitUntil(lambda: screen.message.property("role") == "error")
        assert screen.message.text() == ("PIN de gerente incorreto: anonimizar cliente.")
        assert screen.name_label.text() == "Maria Aparecida Souza"
        assert screen.anonymize_button.isEnabled()

        screen.ask_pin = lambda _parent, _action: None
        screen.anonymize_button.click()
        assert screen.message.text() == "Anonimização cancelada"
    finally:
        screen.context.printing.close()


def test_a_manager_anonymizes_through_the_real_dialogs_and_the_old_name_finds_no_one(
    shop: Shop, qtbot: QtBot
) -> None:
    screen = make_screen(shop, qtbot, staff="cashier")
    try:
        open_maria(screen, qtbot)
        maria = screen.customer_id

        def yes(widget: QWidget) -> None:
            assert isinstance(widget, QMessageBox)
            assert "(30 dias)" in widget.text()
            texts = {button.text(): button for button in widget.buttons()}
            assert set(texts) == {"Anonimizar", "Cancelar"}
            assert widget.defaultButton() is texts["Cancelar"]
            texts["Anonimizar"].click()

        def pin(widget: QWidget) -> None:
            assert isinstance(widget, ManagerPinDialog)
            widget.pin.setText(MANAGER_PIN)
            widget.accept()

        when_shown(QMessageBox, yes, qtbot)
        when_shown(ManagerPinDialog, pin, qtbot)
        screen.anonymize_button.click()
        qtbot.waitUntil(lambda: screen.message.text().startswith("Cliente anonimizado"))

        assert screen.message.text() == "Cliente anonimizado. Apagados: nome, CPF."
        assert screen.customer_id == maria
        assert screen.name_label.text() == "Cliente anonimizado"
        assert screen.fields["cpf"].text() == "—"
        assert screen.balance_labels["spendable"].text() == "R$ 0,62"  # the ledger stays
        assert screen.search_box.text() == "Apare"
        qtbot.waitUntil(lambda: screen.search_status.text() == "Nenhum cliente encontrado")
        assert screen.model.rowCount() == 0
        with shop.station.read() as session:
            row = session.scalars(
                select(AuditLog).where(AuditLog.action == "customer.anonymize")
            ).one()
            assert row.authorized_by_id == shop.manager_id
            assert "Maria" not in row.details
    finally:
        screen.context.printing.close()


def test_the_export_goes_to_the_file_the_manager_chose(
    shop: Shop, qtbot: QtBot, tmp_path: Path
) -> None:
    screen = make_screen(shop, qtbot)
    try:
        open_maria(screen, qtbot)
        screen.choose_file = lambda _parent, _title, _suggested: None
        screen.export_button.click()
        assert screen.message.text() == "Exportação cancelada"

        suggested: list[str] = []

        def choose(_parent: QWidget, _title: str, proposal: str) -> str:
            suggested.append(proposal)
            return str(tmp_path / "lgpd" / "maria")

        screen.choose_file = choose
        screen.ask_pin = lambda _parent, _action: CASHIER_PIN
        screen.export_button.click()
        qtbot.waitUntil(lambda: screen.message.property("role") == "error")
        assert "PIN de gerente incorreto" in screen.message.text()
        assert not (tmp_path / "lgpd").exists()

        screen.ask_pin = lambda _parent, _action: MANAGER_PIN
        screen.export_button.click()
        out = tmp_path / "lgpd" / "maria.json"
        qtbot.waitUntil(lambda: screen.message.text() == f"Dados do cliente gravados em {out}")
        data = json.loads(out.read_text(encoding="utf-8"))
        assert data["profile"]["name"] == "Maria Aparecida Souza"
        assert data["profile"]["cpf"] == "52998224725"
        assert suggested[0].endswith("-lgpd.json")
        with shop.station.read() as session:
            row = session.scalars(
                select(AuditLog).where(AuditLog.action == "customer.export")
            ).one()
            assert row.authorized_by_id == shop.manager_id
            assert json.loads(row.details) == {"file": "maria.json"}
    finally:
        screen.context.printing.close()


def test_the_lgpd_buttons_and_confirmation_speak_english(
    shop: Shop, qtbot: QtBot, qapp: QApplication
) -> None:
    translator = install_translator(qapp, "en")
    assert translator is not None
    screen = make_screen(shop, qtbot, language="en")
    try:
        assert screen.export_button.text() == "Export data (LGPD)"
        assert screen.anonymize_button.text() == "Anonymize (LGPD)"
        open_maria(screen, qtbot)
        asked: list[str] = []

        def no(_parent: QWidget, title: str, text: str) -> bool:
            asked.extend([title, text])
            return False

        screen.confirm = no
        screen.anonymize_button.click()
        assert asked[0] == "Anonymize customer (LGPD)"
        assert asked[1].startswith("Anonymize Maria Aparecida Souza?")
        assert asked[1].endswith(
            "Backups already taken keep the old data until they age out (30 days)."
        )
        assert screen.message.text() == "Anonymization cancelled"
    finally:
        QCoreApplication.removeTranslator(translator)
        screen.context.printing.close()
