"""The Qt half of `posapp --self-test` (posapp.self_test): platform, translations, style, window.

Builds the window through the composition root (posapp.app.build), as the counter
does, without showing it or running the event loop.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from posapp.self_test import CheckFailed

# The counter's own source language is pt_BR; these are one of its strings and the
# English the shipped posapp_en.qm gives for it (the Shell's "Venda" tab).
PROBE_CONTEXT, PROBE_SOURCE, PROBE_EN = "Shell", "Venda", "Sale"


def check_interface(db_path: Path) -> str:
    """QApplication on QT_QPA_PLATFORM, translations, style sheet, window built and closed."""
    from posapp.app import TRANSLATIONS, apply_style, build, install_translator
    from posapp.ui.shell import Shell, load_sale_screen

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    platform = app.platformName()
    wanted = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0]
    if wanted and platform != wanted:
        raise CheckFailed(f"plataforma Qt {platform}, pedida {wanted}")

    english = install_translator(app, "en")
    if english is None:
        raise CheckFailed(f"tradução en não carregou de {TRANSLATIONS}")
    try:
        said = QCoreApplication.translate(PROBE_CONTEXT, PROBE_SOURCE)
    finally:
        QCoreApplication.removeTranslator(english)
    if said != PROBE_EN:
        raise CheckFailed(f"tradução en: {PROBE_SOURCE!r} deu {said!r}")
    if install_translator(app, "pt_BR") is not None:
        raise CheckFailed("pt_BR deveria usar o texto original, sem tradutor")

    apply_style(app)
    style = app.styleSheet()
    if "QWidget" not in style:
        raise CheckFailed("folha de estilo (resources/style.qss) não carregou")

    if load_sale_screen() is None:
        raise CheckFailed("a tela de venda (posapp.ui.sale) não está nesta instalação")
    counter = build(db_path)
    try:
        window = counter.window
        if not isinstance(window, Shell) or window.stack.currentWidget() is not window.signin:
            raise CheckFailed("a janela não abriu na tela de entrada")
        title = window.windowTitle()
        window.close()
    finally:
        counter.close()
    app.setStyleSheet("")
    return (
        f"Qt {PySide6.__version__} na plataforma {platform}; tradução en "
        f"({PROBE_SOURCE} → {PROBE_EN}), estilo ({len(style)} caracteres), "
        f'janela "{title}" montada e fechada'
    )
