"""Qt's own texts in pt_BR (wizard buttons, Cancel, file dialogs) and the language choice in
Gerência: a manager's PIN, audited, applied the next time posapp opens."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.models import AuditLog
from posapp.app import install_qt_translator
from posapp.core.errors import InvalidSetting
from posapp.services.common.counter_settings import change_language, load_settings
from posapp.ui.settings.screen import SettingsScreen
from tests.support import MANAGER_PIN, Shop
from tests.ui.settings_support import settle
from tests.ui.ui_support import Pins

MakeShop = Callable[..., Shop]


def test_qt_buttons_and_file_dialogs_speak_portuguese(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert app is not None
    before = QLocale()
    translator = install_qt_translator(app, "pt_BR")
    assert translator is not None
    try:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(box)
        cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
        assert cancel is not None and cancel.text().replace("&", "") == "Cancelar"
        wizard = QWizard()
        wizard.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        qtbot.addWidget(wizard)
        next_text = wizard.buttonText(QWizard.WizardButton.NextButton).replace("&", "")
        assert next_text.startswith("Avançar") or next_text.startswith("Próximo")
        assert QCoreApplication.translate("QFileDialog", "File &name:").startswith("&Nome")
    finally:
        QCoreApplication.removeTranslator(translator)
        QLocale.setDefault(before)
    assert QCoreApplication.translate("QFileDialog", "File &name:") == "File &name:"


def test_a_manager_chooses_english_for_the_next_start(
    make_shop: MakeShop, screens: Callable[..., SettingsScreen], qtbot: QtBot
) -> None:
    shop = make_shop("salon")
    screen = screens(shop, 0)
    box = screen.language_box
    assert box.choice.currentData() == "pt_BR"
    box.choice.setCurrentIndex(box.choice.findData("en"))
    pins = Pins(MANAGER_PIN)
    screen.ask_pin = pins
    box.save()
    settle(screen, qtbot)
    assert pins.asked == ["alterar o idioma"]
    assert "Vale na próxima vez que o posapp abrir" in screen.message.text()
    assert load_settings(shop.station).language == "en"
    with shop.station.read() as session:
        row = session.scalars(select(AuditLog).where(AuditLog.action == "settings.change")).one()
        assert json.loads(row.details)["changed"]["language"] == ["pt_BR", "en"]
        assert row.authorized_by_id == shop.manager_id


def test_an_unknown_language_is_refused_in_both_languages(make_shop: MakeShop) -> None:
    shop = make_shop("salon")
    with pytest.raises(InvalidSetting) as refused:
        change_language(shop.station, "xx", staff_id=shop.manager_id, manager_pin=MANAGER_PIN)
    assert "use pt_BR ou en" in refused.value.message("pt_BR")
    assert "use pt_BR or en" in refused.value.message("en")
    assert load_settings(shop.station).language == "pt_BR"
