"""What every UI test's application has, as posapp.app gives it at start: pt_BR's plurals."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from posapp.app import install_translator
from posapp.ui.settings.screen import SettingsScreen
from tests.ui.settings_support import screen_factory


@pytest.fixture(scope="session", autouse=True)
def _pt_br_plurals(qapp: QApplication) -> Iterator[None]:
    """The "%n" texts read "1 venda" / "2 vendas" in pt_BR, as in the running app."""
    translator = install_translator(qapp, "pt_BR")
    assert translator is not None, "resources/translations/posapp_pt_BR.qm is missing"
    yield
    QCoreApplication.removeTranslator(translator)


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    """The compiled English installed, as an English counter has it."""
    translator = install_translator(qapp, "en")
    assert translator is not None, "resources/translations/posapp_en.qm is missing"
    yield
    QCoreApplication.removeTranslator(translator)


@pytest.fixture
def screens(qtbot: QtBot) -> Iterator[Callable[..., SettingsScreen]]:
    """Gerência screens on real shops (`screens(shop, tab)`), closed after the test."""
    yield from screen_factory(qtbot)
