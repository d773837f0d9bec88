"""Gerência: store data, the program with its live example, printer, staff, audit log."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hardware.emulator.virtual import stop_virtual_printers, virtual_printer
from posapp.app import apply_style
from posapp.services.admin.audit_search import AuditRow
from posapp.services.admin.staff_changes import StaffMember, staff_members
from posapp.services.admin.store import current_program, store_data
from posapp.services.common.auth import Role
from posapp.services.common.counter_settings import load_settings
from posapp.ui.settings.models import AuditTableModel, StaffTableModel, details_text
from posapp.ui.settings.screen import AUDITORIA, EQUIPE, PROGRAMA, SettingsScreen
from tests.services.admin_support import everything, last_audit
from tests.support import CASHIER_PIN, MANAGER_PIN, Shop
from tests.ui.ui_support import Pins, make_context

MakeShop = Callable[..., Shop]


@pytest.fixture(autouse=True)
def _printers() -> Iterator[None]:
    yield
    stop_virtual_printers()


@pytest.fixture
def screens(qtbot: QtBot) -> Iterator[Callable[..., SettingsScreen]]:
    made: list[SettingsScreen] = []

    def make(shop: Shop, **kw: Any) -> SettingsScreen:
        screen = SettingsScreen(make_context(shop, **kw))
        qtbot.addWidget(screen)
        screen.resize(1280, 800)
        screen.show()
        qtbot.waitUntil(screen.idle)
        made.append(screen)
        return screen

    yield make
    for screen in made:
        qtbot.waitUntil(screen.idle, timeout=15_000)
        screen.context.printing.close()


def settle(screen: SettingsScreen, qtbot: QtBot) -> None:
    qtbot.waitUntil(screen.idle, timeout=15_000)


def shown(model: Any) -> list[list[str]]:
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


# -- who sees it -------------------------------------------------------------------


def test_a_cashier_sees_only_a_notice(
    make_shop: MakeShop, screens: Callable[..., SettingsScreen], qtbot: QtBot
) -> None:
    shop = make_shop("salon")
    screen = screens(shop, staff="cashier")
    assert screen.stack.currentWidget() is screen.notice
    assert screen.notice.text() == "A Gerência é só para gerentes e administradores."
    assert not screen.tabs.isVisible() and not screen.tabs.isEnabled()
    assert screen.staff_model.rowCount() == 0 and screen.audit_model.rowCount() == 0  # not read
    before = everything(shop)
    pins = Pins(MANAGER_PIN)
    screen.ask_pin = pins
    screen.save_store()  # even a call that slips through asks nothing and writes nothing
    settle(screen, qtbot)
    assert pins.asked == [] and everything(shop) == before


def test_a_manager_sees_every_tab_filled(
    make_shop: MakeShop, screens: Callable[..., SettingsScreen], qtbot: QtBot
) -> None:
    shop = make_shop("salon")
    screen = screens(shop)
    assert screen.tabs.isVisible() and screen.tabs.count() == 11
    assert [screen.tabs.tabText(i) for i in range(11)] == [
        "Loja",
        "Programa",
        "Impressora",
        "Equipe",
        "Auditoria",
        "Sincronização",
        "Mensagens",
        "Campanhas",
        "Fiscal",
        "Pagamentos",
        "Catálogo",
    ]
    assert screen.store_name.text() == "Loja Teste"
    assert screen.p_earn.text() == "10" and screen.p_expiry.value() == 180
    assert screen.printer_uri.text().startswith("virtual://ui-test-")
    assert [row[0] for row in shown(screen.staff_model)] == [
        "Ana Admin",
        "Carlos Caixa",
        "Marta Gerente",
        "Paula Manicure",
    ]
    assert screen.audit_model.rowCount() >= 1


# -- Loja --------------------------------------------------------------------------


def test_store_data_saved_with_the_managers_pin_and_refused_with_a_cashiers(
    make_shop: MakeShop, screens: Callable[..., SettingsScreen], qtbot: QtBot
) -> None:
    shop = make_shop("salon")
    screen = screens(shop)
    pins = Pins(CASHIER_PIN)
    screen.ask_pin = pins
    screen.store_name.setText("Salão Bela Vista")
    screen.store_cnpj.setText("11.222.333/0001-82")
    before = everything(shop)
    qtbot.mouseClick(screen.store_save, Qt.MouseButton.LeftButton)
    assert screen.message.text() == "CNPJ inválido: 11.222.333/0001-82. Confira os dígitos."
    assert pins.asked == []  # told before any PIN is asked

    screen.store_cnpj.setText("11222333000181")
    qtbot.mouseClick(screen.store_save, Qt.MouseButton.LeftButton)
    settle(screen, qtbot)
    assert pins.asked == ["alterar os dados da loja"]
    assert screen.message.text() == ("PIN de gerente incorreto: alterar os dados da loja.")
    assert screen.message.property("role") == "error"
    assert everything(shop) == before

    screen.ask_pin = Pins(None)  # the manager is not there
    qtbot.mouseClick(screen.store_save, Qt.MouseButton.LeftButton)
    assert screen.message.text() == "Alteração cancelada"

    screen.ask_pin = Pins(MANAGER_PIN)
    qtbot.mouseClick(screen.store_save, Qt.MouseButton.LeftButton)
    settle(screen, qtbot)
    assert screen.message.text() == "Dados da loja salvos"
    assert screen.store_cnpj.text() == "11.222.333/0001-81"
    assert store_data(shop.station).name == "Salão Bela Vista"
    row, _details = last_audit(shop, "store.change")
    assert (row.staff_id, row.authorized_by_id) == (shop.manager_id, shop.manager_id)
    assert screen.audit_model.row_at(0).action == "store.change"  # the log shows it at once


# -- Programa ----------------------------------------------------------------------


def test_the_live_example_follows_the_fields(
    make_shop: MakeShop, screens: Callable[..., SettingsScreen], qtbot: QtBot
) -> None:
    shop = make_shop("salon")
    screen = screens(shop)
    screen.tabs.setCurrentIndex(PROGRAMA)
    assert screen.example_purchase.text() == "R$ 100,00"
    assert screen.example_label.text() == (
        "Numa compra de R$ 100,00 o cliente ganha R$ 10,00 de cashback, válido por 180 dias. "
        "O cashback pode pagar até R$ 100,00 desta compra."
    )
    assert "• 10% de cashback em cada compra" in screen.rules_label.text()

    screen.p_earn.setText("15")
    screen.p_max_redeem.setText("50")
    screen.example_purchase.setText("200,00")
    assert screen.example_label.text() == (
        "Numa compra de R$ 200,00 o cliente ganha R$ 30,00 de cashback, válido por 180 dias. "
        "O cashback pode pagar até R$ 100,00 desta compra."
    )

    screen.p_earn.setText("120")
    assert screen.example_label.text() == (
        "Regras do programa inválidas: o cashback deve ficar entre 0% e 100%."
    )
    screen.p_earn.setText("dez")
    assert screen.example_label.text() == (
        "Regras do programa inválidas: valor inválido em Cashback (%): dez."
    )

    fashion = screen.preset_combo.findData("fashion")
    screen.preset_combo.setCurrentIndex(fashion)
    screen.preset_combo.activated.emit(fashion)
    assert screen.p_name.text().startswith("Moda")
    screen.example_purchase.setText("250,00")
    assert screen.example_label.text() == (
        "Numa compra de R$ 250,00 o cliente ganha R$ 25,00 de cashback, válido por 180 dias. "
        "O saldo vira um vale de R$ 25,00 (válido por 60 dias). "
        "O cashback pode pagar até R$ 125,00 desta compra."
    )

    points = screen.preset_combo.findData("points")
    screen.preset_combo.setCurrentIndex(points)
    screen.preset_combo.activated.emit(points)
    screen.example_purchase.setText("100,00")
    assert screen.example_label.text() == (
        "Numa compra de R$ 100,00 o cliente ganha 100 pontos (R$ 5,00), válido por 365 dias. "
        "Os pontos podem pagar até R$ 100,00 desta compra."
    )
    cosmetics = screen.preset_combo.findData("cosmetics")
    screen.preset_combo.setCurrentIndex(cosmetics)
    screen.preset_combo.activated.emit(cosmetics)
    assert "A compra dá um vale de R$ 5,00 (válido por 30 dias)." in screen.example_label.text()
    screen.p_min.setText("150")
    assert screen.example_label.text() == (
        "Numa compra de R$ 100,00 o cliente não ganha nada: o mínimo é R$ 150,00."
    )


def test_only_the_fields_the_rules_use_can_be_typed_in(
    make_shop: MakeShop, screens: Callable[..., SettingsScreen]
) -> None:
    """A figure typed where the chosen rule does not read it was saved and silently
    ignored (a balance voucher's "use from R$ 50"): those fields are greyed out."""
    shop = make_shop("salon")
    screen = screens(shop)
    screen.tabs.setCurrentIndex(PROGRAMA)

    def typeable() -> set[str]:
        fields = (
            screen.p_earn, screen.p_categories, screen.p_points, screen.p_block_points,
            screen.p_block_value, screen.v_threshold, screen.v_step, screen.v_value,
            screen.v_percent, screen.v_max_discount, screen.v_min_use, screen.v_validity,
            screen.r_referrer, screen.r_referred, screen.r_min,
        )  # fmt: skip
        return {field.objectName() for field in fields if field.isEnabled()}

    def choose(preset: str) -> None:
        index = screen.preset_combo.findData(preset)
        screen.preset_combo.setCurrentIndex(index)
        screen.preset_combo.activated.emit(index)

    choose("fashion")  # cashback; the balance becomes a voucher; no referrals
    assert typeable() == {
        "programEarn", "programCategories", "voucherThreshold", "voucherStep", "voucherValidity",
    }  # fmt: skip
    choose("cosmetics")  # a discount voucher after a purchase; no referrals
    assert typeable() == {
        "programEarn", "programCategories", "voucherThreshold", "voucherValue",
        "voucherPercent", "voucherMaxDiscount", "voucherMinUse", "voucherValidity",
    }  # fmt: skip
    choose("points")  # points: no percentage; no voucher rule
    assert typeable() == {"programPointsPerReal", "programBlockPoints", "programBlockValue"}
    choose("pharmacy")  # 5 % cashback; the balance becomes a voucher; referrals
    assert typeable() == {
        "programEarn", "programCategories", "voucherThreshold", "voucherStep", "voucherValidity",
        "referralReferrer", "referralReferred", "referralMinPurchase",
    }  # fmt: skip
    screen.r_on.setChecked(False)
    screen.v_trigger.setCurrentIndex(screen.v_trigger.findData("purchase_above"))
    assert {"voucherStep", "voucherMinUse", "referralReferrer"} & typeable() == {"voucherMinUse"}

    # Something that is not an amount, left in a field then greyed out, never blocks saving.
    screen.v_min_use.setText("cinquenta")
    assert screen.example_label.text().startswith("Regras do programa inválidas")
    screen.v_trigger.setCurrentIndex(screen.v_trigger.findData("balance_threshold"))
    assert not screen.example_label.text().startswith("Regras do programa inválidas")
    assert screen.form_program().voucher.min_purchase_to_use_centavos == 0


def test_a_bad_rule_is_refused_and_a_preset_saved_changes_the_next_sale(
    make_shop: MakeShop, screens: Callable[..., SettingsScreen], qtbot: QtBot
) -> None:
    shop = make_shop("salon")
    carla = shop.enrol("Carla Dias", phone="11 91234-5678")
    screen = screens(shop)
    screen.tabs.setCurrentIndex(PROGRAMA)
    pins = Pins(MANAGER_PIN)
    screen.ask_pin = pins
    before = everything(shop)
    screen.v_trigger.setCurrentIndex(screen.v_trigger.findData("balance_threshold"))
    screen.v_threshold.setText("0")
    qtbot.mouseClick(screen.program_save, Qt.MouseButton.LeftButton)
    assert screen.message.text() == (
        "Regras do programa inválidas: o vale por saldo precisa de um valor mínimo acima de zero."
    )
    assert pins.asked == [] and everything(shop) == before

    assert shop.sell("corte", customer=carla, pix=8_000).earned == 800
    pharmacy = screen.preset_combo.findData("pharmacy")
    screen.preset_combo.setCurrentIndex(pharmacy)
    screen.preset_combo.activated.emit(pharmacy)
    qtbot.mouseClick(screen.program_save, Qt.MouseButton.LeftButton)
    settle(screen, qtbot)
    assert screen.message.text() == "Programa salvo: vale a partir da próxima venda"
    assert pins.asked == ["alterar o programa de fidelidade"]
    assert current_program(shop.station).key == "pharmacy"
    assert shop.sell("corte", customer=carla, pix=8_000).earned == 400

    points = screen.preset_combo.findData("points")  # Carla holds a balance now
    screen.preset_combo.setCurrentIndex(points)
    screen.preset_combo.activated.emit(points)
    qtbot.mouseClick(screen.program_save, Qt.MouseButton.LeftButton)
    settle(screen, qtbot)
    assert screen.message.text().startswith(
        "O programa não pode passar de cashback para pontos: 1 cliente(s) têm saldo."
    )
    assert current_program(shop.station).key == "pharmacy"


# -- Impressora --------------------------------------------------------------------


def test_the_test_page_reaches_the_printer_the_form_names_and_settings_are_saved(
    make_shop: MakeShop, screens: Callable[..., SettingsScreen], qtbot: QtBot
) -> None:
    shop = make_shop("salon")
    screen = screens(shop)
    screen.printer_uri.setText("virtual://settings-test")
    screen.paper.setCurrentIndex(screen.paper.findData(58))
    qtbot.mouseClick(screen.test_button, Qt.MouseButton.LeftButton)
    settle(screen, qtbot)
    assert screen.message.text() == (
        "Página de teste impressa na impressora virtual (janela Impressões)"
    )
    (page,) = virtual_printer("settings-test").wait_for_receipts(1)
    assert "Página de teste" in page.lines[0] or any("Página de teste" in x for x in page.lines)
    assert any("Papel: 58 mm" in line for line in page.lines)

    screen.printer_uri.setText("tcp://127.0.0.1:9")
    qtbot.mouseClick(screen.test_button, Qt.MouseButton.LeftButton)
    settle(screen, qtbot)
    assert screen.message.text().startswith("Não imprimiu: Impressora tcp://127.0.0.1:9")

    screen.printer_uri.setText("virtual://settings-test")
    screen.drawer_pin.setCurrentIndex(screen.drawer_pin.findData(5))
    screen.scanner_suffix.setCurrentIndex(screen.scanner_suffix.findData("Tab"))
    screen.scanner_gap.setValue(35)
    screen.ask_pin = Pins(MANAGER_PIN)
    qtbot.mouseClick(screen.devices_save, Qt.MouseButton.LeftButton)
    settle(screen, qtbot)
    assert screen.message.text() == "Impressora e leitor salvos"
    saved = load_settings(shop.station)
    assert (saved.printer_uri, saved.paper_mm, saved.drawer_pin) == (
        "virtual://settings-test",
        58,
        5,
    )
    assert (saved.scanner_suffix, saved.scanner_max_gap_ms) == ("Tab", 35)
    assert screen.context.settings == saved
    assert screen.context.printing.settings == saved  # the printer follows at once


# -- Equipe ------------------------------------------------------------------------


def staff_row(screen: SettingsScreen, name: str) -> int:
    return next(i for i, m in enumerate(screen.staff_model.rows) if m.name == name)


def test_staff_added_pin_reset_role_changed_and_deactivated(
    make_shop: MakeShop, screens: Callable[..., SettingsScreen], qtbot: QtBot
) -> None:
    shop = make_shop("salon")
    screen = screens(shop)
    screen.tabs.setCurrentIndex(EQUIPE)
    pins = Pins(MANAGER_PIN)
    screen.ask_pin = pins

    qtbot.mouseClick(screen.add_button, Qt.MouseButton.LeftButton)
    dialog = screen.staff_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.name.setText("Bia Souza")
    dialog.role.setCurrentIndex(dialog.role.findData("cashier"))
    dialog.pin.setText("4321")
    dialog.pin_again.setText("4322")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.error.text() == "Os dois PINs não são iguais."
    dialog.pin_again.setText("4321")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    settle(screen, qtbot)
    assert screen.message.text() == "Bia Souza cadastrado(a)"
    assert pins.asked == ["cadastrar Bia Souza na equipe"]
    assert shown(screen.staff_model)[staff_row(screen, "Bia Souza")][:3] == [
        "Bia Souza",
        "Caixa",
        "Ativo",
    ]
    assert screen.selected_member() is not None
    assert screen.selected_member().name == "Bia Souza"  # type: ignore[union-attr]

    # a PIN someone else uses is refused
    qtbot.mouseClick(screen.pin_button, Qt.MouseButton.LeftButton)
    dialog = screen.staff_dialog
    assert dialog is not None
    dialog.pin.setText(CASHIER_PIN)
    dialog.pin_again.setText(CASHIER_PIN)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    settle(screen, qtbot)
    assert screen.message.text() == "Este PIN já é usado por outra pessoa da equipe. Escolha outro."

    qtbot.mouseClick(screen.role_button, Qt.MouseButton.LeftButton)
    dialog = screen.staff_dialog
    assert dialog is not None
    dialog.role.setCurrentIndex(dialog.role.findData("manager"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    settle(screen, qtbot)
    assert screen.message.text() == "Função de Bia Souza alterada"
    assert shown(screen.staff_model)[staff_row(screen, "Bia Souza")][1] == "Gerente"

    qtbot.mouseClick(screen.deactivate_button, Qt.MouseButton.LeftButton)
    settle(screen, qtbot)
    assert screen.message.text() == "Bia Souza desativado(a)"
    assert shown(screen.staff_model)[staff_row(screen, "Bia Souza")][2] == "Desativado"
    assert not screen.deactivate_button.isEnabled()  # nothing more to do with her
    bia = next(m for m in staff_members(shop.station) if m.name == "Bia Souza")
    assert (bia.role, bia.active) == (Role.MANAGER, False)


def test_the_last_admin_and_a_cashiers_pin_are_refused_in_pt_br(
    make_shop: MakeShop, screens: Callable[..., SettingsScreen], qtbot: QtBot
) -> None:
    shop = make_shop("salon")
    screen = screens(shop)
    screen.tabs.setCurrentIndex(EQUIPE)
    before = everything(shop)
    screen.staff_table.selectRow(staff_row(screen, "Ana Admin"))
    screen.ask_pin = Pins("0000")  # Ana's own admin PIN
    qtbot.mouseClick(screen.deactivate_button, Qt.MouseButton.LeftButton)
    settle(screen, qtbot)
    assert screen.message.text() == (
        "Ana Admin é a única pessoa ativa com acesso de administração: "
        "cadastre outra antes de desativar."
    )
    screen.staff_table.selectRow(staff_row(screen, "Paula Manicure"))
    screen.ask_pin = Pins(CASHIER_PIN)
    qtbot.mouseClick(screen.deactivate_button, Qt.MouseButton.LeftButton)
    settle(screen, qtbot)
    assert screen.message.text() == ("PIN de gerente incorreto: desativar da equipe.")
    assert everything(shop) == before


# -- Auditoria ---------------------------------------------------------------------


def test_the_audit_log_lists_and_filters(
    make_shop: MakeShop, screens: Callable[..., SettingsScreen], qtbot: QtBot
) -> None:
    shop = make_shop("salon")
    screen = screens(shop)
    screen.ask_pin = Pins(MANAGER_PIN)
    screen.store_name.setText("Salão Bela Vista")
    qtbot.mouseClick(screen.store_save, Qt.MouseButton.LeftButton)
    settle(screen, qtbot)
    screen.tabs.setCurrentIndex(AUDITORIA)
    settle(screen, qtbot)
    first = shown(screen.audit_model)[0]
    assert first[1:5] == ["Marta Gerente", "Marta Gerente", "Dados da loja", first[4]]
    assert first[0] == "02/03/2026 10:00"
    assert first[5] == "name: Loja Teste → Salão Bela Vista"

    screen.audit_action.setCurrentIndex(screen.audit_action.findData("store.setup"))
    screen.audit_action.activated.emit(screen.audit_action.currentIndex())
    settle(screen, qtbot)
    assert [row[3] for row in shown(screen.audit_model)] == ["Instalação da loja"]
    assert screen.audit_status.text() == "Página 1 de 1 · 1 registros"

    screen.audit_action.setCurrentIndex(0)
    screen.audit_text.setText("bela vista")
    qtbot.keyClick(screen.audit_text, Qt.Key.Key_Return)
    settle(screen, qtbot)
    assert [row[3] for row in shown(screen.audit_model)] == ["Dados da loja"]

    screen.audit_text.clear()
    screen.audit_staff.setCurrentIndex(screen.audit_staff.findData(shop.cashier_id))
    screen.audit_staff.activated.emit(screen.audit_staff.currentIndex())
    settle(screen, qtbot)
    assert all(
        row[1] == "Carlos Caixa" or row[2] == "Carlos Caixa" for row in shown(screen.audit_model)
    )

    screen.audit_staff.setCurrentIndex(0)
    screen.audit_by_day.setChecked(True)  # today only: 2 March
    settle(screen, qtbot)
    assert screen.audit_model.rowCount() >= 2
    shop.clock.advance(days=1)
    screen.audit_since.setDate(screen.audit_since.date().addDays(1))
    screen.audit_until.setDate(screen.audit_until.date().addDays(1))
    settle(screen, qtbot)
    assert screen.audit_model.rowCount() == 0
    assert screen.audit_status.text() == "Página 1 de 1 · 0 registros"


# -- the models --------------------------------------------------------------------


def test_the_table_models_pass_qtmodeltester(qtmodeltester: Any) -> None:
    at = datetime(2026, 3, 2, 13, 0, tzinfo=UTC)
    staff = StaffTableModel()
    staff.set_rows(
        [
            StaffMember(1, "Ana Admin", Role.ADMIN, True, at),
            StaffMember(2, "Bia Souza", Role.CASHIER, False, at),
        ]
    )
    qtmodeltester.check(staff)
    assert shown(staff) == [
        ["Ana Admin", "Administração", "Ativo", "02/03/2026"],
        ["Bia Souza", "Caixa", "Desativado", "02/03/2026"],
    ]
    audit = AuditTableModel()
    audit.set_rows(
        [
            AuditRow(
                1,
                at,
                "staff.role",
                "Carlos Caixa",
                "Marta Gerente",
                "staff:u",
                "Bia Souza",
                {"name": "Bia Souza", "before": "cashier", "after": "manager"},
            ),
            AuditRow(2, at, "custom.thing", None, None, None, None, {}),
        ]
    )
    qtmodeltester.check(audit)
    assert shown(audit) == [
        [
            "02/03/2026 10:00",
            "Carlos Caixa",
            "Marta Gerente",
            "Equipe: função",
            "Bia Souza",
            "cashier → manager; name: Bia Souza",
        ],
        ["02/03/2026 10:00", "—", "—", "custom.thing", "—", ""],
    ]
    assert details_text({"changed": {"earn_bps": [1000, 500]}}) == "earn_bps: 1000 → 500"


# -- the shell ---------------------------------------------------------------------


def test_the_shell_shows_gerencia_to_managers_only(make_shop: MakeShop, qtbot: QtBot) -> None:
    from posapp.ui.shell import SALE, SETTINGS
    from tests.ui.test_shell import make_shell, sign_in

    shop = make_shop("salon")
    shell = make_shell(shop, qtbot)
    try:
        sign_in(shell, qtbot, "Carlos", CASHIER_PIN)
        assert not shell.settings_button.isVisible()
        shortcut = shell.shortcuts[SETTINGS]
        assert shortcut.key().toString() == "Ctrl+5"
        shortcut.activated.emit()  # as Ctrl+5 does (without depending on the focused window)
        assert shell.current is shell.screens[SALE]  # Ctrl+5 leads nowhere
        shell.show_screen(SETTINGS)
        assert shell.current is shell.screens[SALE] and SETTINGS not in shell.screens
        shell.sign_out()

        sign_in(shell, qtbot, "Marta", MANAGER_PIN)
        assert shell.settings_button.isVisible()
        assert shell.settings_button.text() == "Gerência"
        assert shell.settings_button.toolTip() == "Ctrl+5"
        assert shortcut.isEnabled()
        shortcut.activated.emit()
        screen = shell.current
        assert isinstance(screen, SettingsScreen) and shell.settings_button.isChecked()
        assert screen.stack.currentIndex() == 1  # the tabs
        qtbot.waitUntil(screen.idle, timeout=15_000)

        shell.sign_out()  # the screen built for Marta does not stay open for the next one
        assert screen.stack.currentWidget() is screen.notice
        sign_in(shell, qtbot, "Carlos", CASHIER_PIN)
        assert not shell.settings_button.isVisible()
        assert screen.stack.currentWidget() is screen.notice
    finally:
        shell.context.printing.close()


def test_gerencia_in_english(
    make_shop: MakeShop, screens: Callable[..., SettingsScreen], qtbot: QtBot, qapp: Any
) -> None:
    from PySide6.QtCore import QCoreApplication

    from posapp.app import install_translator

    translator = install_translator(qapp, "en")
    assert translator is not None
    try:
        screen = screens(make_shop("salon"), language="en")
        assert [screen.tabs.tabText(i) for i in range(5)] == [
            "Store",
            "Program",
            "Printer",
            "Staff",
            "Audit log",
        ]
        assert screen.example_label.text() == (
            "On a purchase of R$100.00 the customer earns R$10.00 cashback, valid for 180 days. "
            "Cashback may pay up to R$100.00 of this purchase."
        )
        screen.ask_pin = Pins(CASHIER_PIN)
        qtbot.mouseClick(screen.store_save, Qt.MouseButton.LeftButton)
        settle(screen, qtbot)
        assert screen.message.text() == ("Wrong manager PIN: change the store's details.")
    finally:
        QCoreApplication.removeTranslator(translator)


def test_every_tab_fits_a_1280x800_counter_screen(
    make_shop: MakeShop, screens: Callable[..., SettingsScreen], qtbot: QtBot, qapp: QApplication
) -> None:
    apply_style(qapp)  # the app's paddings and fonts: what the counter's screen shows
    try:
        screen = screens(make_shop("salon"))
        for index in range(screen.tabs.count()):
            screen.tabs.setCurrentIndex(index)
            settle(screen, qtbot)
            hint = screen.minimumSizeHint()
            # 800 px less the navigation bar and the status bar the shell adds around it.
            assert hint.width() <= 1280 and hint.height() <= 680, screen.tabs.tabText(index)
    finally:
        qapp.setStyleSheet("")
