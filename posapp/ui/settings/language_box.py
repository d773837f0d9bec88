"""Gerência → Loja → Idioma: the counter's language, saved with a manager's PIN.

The window keeps the language it opened with; the new one (posapp's texts and Qt's own)
applies the next time posapp opens, and the box says so.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from posapp.services.common.counter_settings import LANGUAGES, CounterSettings, change_language
from posapp.ui.settings.tab_host import TabHost


class LanguageBox(QGroupBox):
    def __init__(self, host: TabHost) -> None:
        super().__init__(self.tr("Idioma"))
        self.setObjectName("languageBox")
        self.host = host
        self.choice = QComboBox()
        self.choice.setObjectName("languageChoice")
        for code, name in LANGUAGES.items():
            self.choice.addItem(name, code)
        self.show_language(host.context.settings.language)
        self.save_button = QPushButton(self.tr("Salvar idioma"))
        self.save_button.setObjectName("languageSave")
        self.save_button.clicked.connect(self.save)
        self.note = QLabel(self.tr("O novo idioma vale na próxima vez que o posapp abrir."))
        self.note.setObjectName("languageNote")
        self.note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.choice, 1)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.note)

    def show_language(self, code: str) -> None:
        position = self.choice.findData(code)
        if position < 0:
            position = self.choice.findData(code.split("_")[0])
        self.choice.setCurrentIndex(max(position, 0))

    def save(self) -> None:
        code = str(self.choice.currentData())
        station = self.host.station
        self.host.with_pin(
            self.tr("alterar o idioma"),
            lambda staff_id, pin: change_language(
                station, code, staff_id=staff_id, manager_pin=pin
            ),
            self._saved,
            self.tr("Alteração cancelada"),
        )

    def _saved(self, settings: CounterSettings) -> None:
        self.show_language(settings.language)
        self.host.say(
            self.tr("Idioma salvo: %1. Vale na próxima vez que o posapp abrir.").replace(
                "%1", LANGUAGES.get(settings.language, settings.language)
            )
        )
