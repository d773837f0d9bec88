"""The PySide6 user interface: the shell, the screens, their dialogs and table models."""

from posapp.ui.qt_workarounds import pin_singletons

pin_singletons()  # before any signal is emitted; see qt_workarounds
